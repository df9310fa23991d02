import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import type { ApiData } from '../../api/client.js';
import '../../components/rh-button-link.js';
import '../../components/rh-page-layout.js';
import '../../components/rh-tag.js';
import { LoadTask } from '../../controllers/load-task.js';
import { SessionController } from '../../controllers/session-controller.js';
import { formatIsoDate } from '../../format.js';
import { whenPartLoaded } from '../../loading.js';
import { runStateColours, runStateLabels } from '../../run-states.js';
import { focusStyles, linkStyles, tableStyles, typographyStyles } from '../../styles/shared.js';

/**
 * The runs a lead or assessor can see, latest first, each linking to its page. Leads can start a
 * new run from here. People who are not signed in are sent to sign in.
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

  override render() {
    const isLead = this.session.staff?.user.role === 'lead';
    return html`
      <rh-page-layout heading="Runs">
        ${isLead ? html`<rh-button-link href="/runs/new">Create a run</rh-button-link>` : ''} ${this.renderRuns()}
      </rh-page-layout>
    `;
  }

  private renderRuns() {
    return whenPartLoaded(this.runs.state, 'Loading your runs…', ({ runs }) => this.renderTable(runs));
  }

  private renderTable(runs: ApiData<'/runs', 'get'>['runs']) {
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
