import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, ApiError } from '../../api/client.js';
import type { ApiData } from '../../api/client.js';
import '../../components/rh-button.js';
import '../../components/rh-button-link.js';
import '../../components/rh-page-layout.js';
import '../../components/rh-tag.js';
import { LoadTask } from '../../controllers/load-task.js';
import { SessionController } from '../../controllers/session-controller.js';
import { formatIsoDate } from '../../format.js';
import { whenPartLoaded } from '../../loading.js';
import { runStateColours, runStateLabels } from '../../run-states.js';
import { focusStyles, linkStyles, tableStyles, typographyStyles } from '../../styles/shared.js';

type RunList = ApiData<'/runs', 'get'>;

/**
 * The runs a lead or assessor can see, latest first, each linking to its page, a page of runs at a
 * time ("Show more runs" adds the next). Leads can start a new run from here. People who are not
 * signed in are sent to sign in.
 */
@customElement('rh-runs-page')
export class RhRunsPage extends LitElement {
  static override styles = [
    typographyStyles,
    linkStyles,
    focusStyles,
    tableStyles,
    css`
      .join-code {
        font-family: ui-monospace, 'Cascadia Mono', Consolas, 'DejaVu Sans Mono', monospace;
        letter-spacing: 0.1em;
      }
    `,
  ];

  private readonly session = new SessionController(this, { askForStaff: true });
  private readonly runs = new LoadTask(this, { args: () => [], load: (_args, signal) => api.get('/runs', { signal }), staff: true });
  /** Pages after the first, as "Show more runs" brings them. */
  @state() private later: RunList[] = [];
  @state() private loadingMore = false;
  @state() private moreError: string | undefined;

  override render() {
    const isLead = this.session.staff?.user.role === 'lead';
    return html`
      <rh-page-layout heading="Runs">
        ${isLead ? html`<rh-button-link href="/runs/new">Create a run</rh-button-link>` : ''} ${this.renderRuns()}
      </rh-page-layout>
    `;
  }

  private renderRuns() {
    return whenPartLoaded(this.runs.state, 'Loading your runs…', (first) => {
      const pages = [first, ...this.later];
      const next = pages.at(-1)!.next;
      return html`${this.renderTable(pages.flatMap((page) => page.runs))}
      ${next
        ? html`<p>
            <rh-button type="button" variant="secondary" ?disabled=${this.loadingMore} @click=${() => this.showMore(next)}>Show more runs</rh-button>
          </p>`
        : ''}
      ${this.moreError ? html`<p role="alert">${this.moreError}</p>` : ''}`;
    });
  }

  private async showMore(after: string): Promise<void> {
    if (this.loadingMore) return;
    this.loadingMore = true;
    this.moreError = undefined;
    try {
      const page = await api.get('/runs', { params: { query: { after } } });
      this.later = [...this.later, page];
      await this.updateComplete;
      // Keyboard and screen reader users go on from the first run just added.
      const links = this.renderRoot.querySelectorAll<HTMLAnchorElement>('tbody th a');
      links[links.length - page.runs.length]?.focus();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.moreError = `More runs could not be loaded: ${error.message}`;
    } finally {
      this.loadingMore = false;
    }
  }

  private renderTable(runs: RunList['runs']) {
    if (runs.length === 0) {
      return html`<p>There are no runs yet.</p>`;
    }
    return html`
      <div class="table-scroll" tabindex="0" role="region" aria-label="Your runs, latest first">
        <table>
          <caption>Your runs, latest first</caption>
          <thead>
            <tr>
              <th scope="col">Cohort</th>
              <th scope="col">Exercise date</th>
              <th scope="col">Pack</th>
              <th scope="col">State</th>
              <th scope="col">Teams</th>
              <th scope="col">Join code</th>
            </tr>
          </thead>
          <tbody>
            ${runs.map(
              (run) => html`<tr>
                <th scope="row"><a href=${`/runs/${run.id}`}>${run.cohortLabel}</a></th>
                <td>${formatIsoDate(run.exerciseDate)}</td>
                <td>${run.pack.title} (version ${run.pack.version})</td>
                <td><rh-tag colour=${runStateColours[run.state]}>${runStateLabels[run.state]}</rh-tag></td>
                <td>${run.teamCount}</td>
                <td class="join-code">${run.joinCode}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-runs-page': RhRunsPage;
  }
}
