import { LitElement, css, html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { api, ApiError } from '../../api/client.js';
import type { ApiData } from '../../api/client.js';
import { redirectIfSignInNeeded } from '../../auth-redirects.js';
import '../../components/rh-button-link.js';
import '../../components/rh-button.js';
import '../../components/rh-error-summary.js';
import '../../components/rh-join-code.js';
import '../../components/rh-notification-banner.js';
import '../../components/rh-page-layout.js';
import '../../components/rh-summary-list.js';
import '../../components/rh-tag.js';
import type { FieldError } from '../../components/form-parts.js';
import { LoadTask } from '../../controllers/load-task.js';
import { PageTitleController } from '../../controllers/page-title-controller.js';
import { SessionController } from '../../controllers/session-controller.js';
import { formatIsoDate } from '../../format.js';
import { whenLoaded } from '../../loading.js';
import { runStateColours, runStateLabels, transitionLabels, transitionOutcomes } from '../../run-states.js';
import { focusStyles, linkStyles, tableStyles, typographyStyles, visuallyHiddenStyles } from '../../styles/shared.js';

type RunDetail = ApiData<'/runs/{runId}', 'get'>;
type RunState = RunDetail['state'];

/**
 * One run, for the lead or assessor running the day: its pack, cohort, date and state, the join
 * code large enough to read off a slide, and its teams with their scenarios. A lead moves the run
 * on (open for joining, go live, close, release results) with one button per allowed move; the
 * outcome shows in a success banner, a refusal in an error summary.
 *
 * @attr run-id - the run's id, from the address
 */
@customElement('rh-run-page')
export class RhRunPage extends LitElement {
  static override styles = [
    typographyStyles,
    linkStyles,
    focusStyles,
    tableStyles,
    visuallyHiddenStyles,
    css`
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0 var(--rh-space-4);
      }
    `,
  ];

  @property({ attribute: 'run-id' }) runId = '';

  private readonly session = new SessionController(this, { askForStaff: true });
  private readonly loaded = new LoadTask(this, {
    args: () => [this.runId] as const,
    load: ([runId], signal) => api.get('/runs/{runId}', { params: { path: { runId } }, signal }),
    staff: true,
  });
  private readonly documentTitle = new PageTitleController(this, () => ({ title: this.run()?.cohortLabel, hasErrors: this.errors.length > 0 }));

  /** The run after a move, which replaces the one first loaded. */
  @state() private moved: RunDetail | undefined;
  @state() private outcome: { state: RunState; count: number } | undefined;
  @state() private errors: FieldError[] = [];
  @state() private moving = false;

  override willUpdate(changed: PropertyValues<this>): void {
    // Another run: what was done to the last one is not news about this one.
    if (changed.has('runId')) {
      this.moved = undefined;
      this.outcome = undefined;
      this.errors = [];
    }
  }

  override render() {
    const frame = { heading: 'Run', loading: 'Loading the run…', back: { href: '/runs', label: 'Back to runs' } };
    return whenLoaded(this.loaded.state, frame, (loaded) => this.renderRun(this.moved ?? loaded));
  }

  private renderRun(run: RunDetail) {
    const isLead = this.session.staff?.user.role === 'lead';
    return html`
      <rh-page-layout heading=${run.cohortLabel} caption="Run" back-href="/runs" back-label="Back to runs">
        <rh-error-summary .errors=${this.errors}></rh-error-summary>
        ${this.outcome
          ? keyed(
              this.outcome.count,
              html`<rh-notification-banner type="success"><p>${transitionOutcomes[this.outcome.state]}</p></rh-notification-banner>`,
            )
          : nothing}
        <rh-summary-list
          .rows=${[
            { key: 'Pack', value: `${run.pack.title} (version ${run.pack.version})` },
            { key: 'Cohort', value: run.cohortLabel },
            { key: 'Exercise date', value: formatIsoDate(run.exerciseDate) },
            { key: 'State', value: html`<rh-tag colour=${runStateColours[run.state]}>${runStateLabels[run.state]}</rh-tag>` },
          ]}
        ></rh-summary-list>
        <div class="actions">
          <rh-button-link href=${`/runs/${encodeURIComponent(run.id)}/console`}>Open the facilitator console</rh-button-link>
          <rh-button-link variant="secondary" href=${`/runs/${encodeURIComponent(run.id)}/marking`}>Mark teams</rh-button-link>
          ${isLead
            ? html`<rh-button-link variant="secondary" href=${`/runs/${encodeURIComponent(run.id)}/agreement`}>Agreement and moderation</rh-button-link>`
            : nothing}
        </div>

        <h2>Join code</h2>
        <p>Teams go to this site, choose "Join an exercise" and type this code.</p>
        <rh-join-code code=${run.joinCode}></rh-join-code>

        ${isLead ? this.renderMoves(run) : nothing}

        <h2>Teams</h2>
        ${this.renderTeams(run)}

        <h2>After the exercise</h2>
        <ul>
          <li><a href=${`/runs/${encodeURIComponent(run.id)}/debrief`}>Group debrief</a></li>
          ${isLead ? html`<li><a href=${`/runs/${encodeURIComponent(run.id)}/report`}>After-action report</a></li>` : nothing}
          ${isLead ? html`<li><a href=${`/runs/${encodeURIComponent(run.id)}/review`}>Run review and year over year</a></li>` : nothing}
        </ul>

        <h2>Assessors</h2>
        ${run.assessors.length === 0
          ? html`<p>No assessors are assigned to this run.</p>`
          : html`<ul>
              ${run.assessors.map((assessor) => html`<li>${assessor.displayName} (${assessor.email})</li>`)}
            </ul>`}
      </rh-page-layout>
    `;
  }

  private run(): RunDetail | undefined {
    return this.moved ?? this.loaded.completed;
  }

  private renderMoves(run: RunDetail) {
    if (run.nextStates.length === 0) return nothing;
    return html`
      <h2>Move the run on</h2>
      <div class="actions">
        ${run.nextStates.map(
          (next) => html`<rh-button
            id=${`move-to-${next}`}
            type="button"
            variant=${next === 'draft' ? 'secondary' : next === 'closed' ? 'warning' : 'primary'}
            @click=${() => this.moveTo(run, next)}
            >${transitionLabels[next]}</rh-button
          >`,
        )}
      </div>
    `;
  }

  private renderTeams(run: RunDetail) {
    return html`
      <table>
        <caption class="visually-hidden">Teams in this run</caption>
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col">Scenario</th>
            <th scope="col">Submitted</th>
          </tr>
        </thead>
        <tbody>
          ${run.teams.map(
            (team) => html`<tr>
              <th scope="row">${team.name}</th>
              <td>${team.scenarioTitle}</td>
              <td>${team.submittedAt ? new Date(team.submittedAt).toLocaleString('en-GB') : 'Not yet'}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    `;
  }

  private async moveTo(run: RunDetail, to: RunState): Promise<void> {
    if (this.moving) return;
    this.moving = true;
    try {
      this.moved = await api.post('/runs/{runId}/transitions', { params: { path: { runId: run.id } }, body: { to } });
      this.errors = [];
      this.outcome = { state: to, count: (this.outcome?.count ?? 0) + 1 };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (redirectIfSignInNeeded(this, error)) return;
      this.outcome = undefined;
      this.errors = [{ fieldId: `move-to-${to}`, message: error.message }];
    } finally {
      this.moving = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-run-page': RhRunPage;
  }
}
