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
import '../../components/rh-field.js';
import '../../components/rh-join-code.js';
import '../../components/rh-notification-banner.js';
import '../../components/rh-page-layout.js';
import '../../components/rh-summary-list.js';
import '../../components/rh-tag.js';
import type { FieldError } from '../../components/form-parts.js';
import { LoadTask } from '../../controllers/load-task.js';
import { PageTitleController } from '../../controllers/page-title-controller.js';
import { SessionController } from '../../controllers/session-controller.js';
import { errorFor } from '../../form-errors.js';
import { formatIsoDate } from '../../format.js';
import { whenLoaded } from '../../loading.js';
import { requestNavigation } from '../../navigation.js';
import { runStateColours, runStateLabels, transitionLabels, transitionOutcomes } from '../../run-states.js';
import { focusStyles, linkStyles, tableStyles, typographyStyles, visuallyHiddenStyles } from '../../styles/shared.js';

type RunDetail = ApiData<'/runs/{runId}', 'get'>;
type RunState = RunDetail['state'];
type RunReadiness = ApiData<'/runs/{runId}/readiness', 'get'>;

/** A step that cannot be undone, waiting for the lead to confirm it, with what is outstanding. */
type RunTeam = RunDetail['teams'][number];
type PendingStep = { kind: 'move'; to: RunState; readiness?: RunReadiness } | { kind: 'delete' } | { kind: 'sign-out'; team: RunTeam };

/**
 * One run, for the lead or assessor running the day: its pack, cohort, date and state, the join
 * code large enough to read off a slide, and its teams with their scenarios. A lead moves the run
 * on (open for joining, go live, close, release results) with one button per allowed move; the
 * outcome shows in a success banner, a refusal in an error summary. The steps that cannot be
 * undone ask first: going live; closing, with what is still outstanding (teams not submitted,
 * agency requests unanswered); releasing results, which while marking or moderation is unfinished
 * can only be done as provisional results with a reason; and deleting a draft. Each team's own
 * join code is listed for the team cards; a draft can be changed, and any run duplicated.
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

      /* The page takes the whole width for its team table (six columns); text keeps a readable measure. */
      p,
      ul,
      rh-summary-list,
      rh-notification-banner,
      .confirm {
        max-width: 42rem;
      }

      .confirm {
        margin-bottom: var(--rh-space-6);
        padding: var(--rh-space-4);
        border: var(--rh-border-width-emphasis) solid var(--rh-colour-text);
      }

      .confirm h2 {
        margin-top: 0;
      }

      .code {
        font-family: ui-monospace, monospace;
        font-weight: var(--rh-font-weight-bold);
        letter-spacing: 0.1em;
      }

      .table-wrap {
        overflow-x: auto;
      }

      /* On a phone each team is a block of its own rather than a row too wide for the screen. */
      @media (max-width: 40em) {
        .table-wrap table,
        .table-wrap tbody,
        .table-wrap tr,
        .table-wrap th,
        .table-wrap td {
          display: block;
        }

        .table-wrap thead {
          display: none;
        }

        .table-wrap tr {
          padding: var(--rh-space-2) 0;
          border-bottom: 1px solid var(--rh-colour-border);
        }

        .table-wrap th,
        .table-wrap td {
          border: 0;
          padding: var(--rh-space-1) 0;
        }

        .table-wrap td[data-label]::before {
          content: attr(data-label) ': ';
          font-weight: var(--rh-font-weight-bold);
        }
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
  /** What signing a team's devices out did, for the success banner. */
  @state() private signedOut: { teamName: string; devices: number; count: number } | undefined;
  @state() private errors: FieldError[] = [];
  @state() private moving = false;
  @state() private pending: PendingStep | undefined;
  @state() private provisionalReason = '';

  override willUpdate(changed: PropertyValues<this>): void {
    // Another run: what was done to the last one is not news about this one.
    if (changed.has('runId')) {
      this.moved = undefined;
      this.outcome = undefined;
      this.signedOut = undefined;
      this.errors = [];
      this.pending = undefined;
    }
  }

  override updated(): void {
    // A confirmation that has just appeared takes focus, so keyboard and screen reader users land on it.
    const panel = this.renderRoot.querySelector<HTMLElement>('.confirm[data-new]');
    if (panel) {
      panel.removeAttribute('data-new');
      panel.focus();
    }
  }

  override render() {
    const frame = { heading: 'Run', loading: 'Loading the run…', back: { href: '/runs', label: 'Back to runs' } };
    return whenLoaded(this.loaded.state, frame, (loaded) => this.renderRun(this.moved ?? loaded));
  }

  private renderRun(run: RunDetail) {
    const isLead = this.session.staff?.user.role === 'lead';
    return html`
      <rh-page-layout one-column heading=${run.cohortLabel} caption="Run" back-href="/runs" back-label="Back to runs">
        <rh-error-summary .errors=${this.errors}></rh-error-summary>
        ${this.outcome
          ? keyed(
              this.outcome.count,
              html`<rh-notification-banner type="success"><p>${transitionOutcomes[this.outcome.state]}</p></rh-notification-banner>`,
            )
          : nothing}
        ${this.signedOut
          ? keyed(
              this.signedOut.count,
              html`<rh-notification-banner type="success"
                ><p>${signedOutMessage(this.signedOut.teamName, this.signedOut.devices)}</p></rh-notification-banner
              >`,
            )
          : nothing}
        <rh-summary-list
          .rows=${[
            { key: 'Pack', value: `${run.pack.title} (version ${run.pack.version})` },
            { key: 'Cohort', value: run.cohortLabel },
            { key: 'Exercise date', value: formatIsoDate(run.exerciseDate) },
            {
              key: 'State',
              value: html`<rh-tag colour=${runStateColours[run.state]}>${runStateLabels[run.state]}</rh-tag>${run.resultsProvisional
                  ? html` <rh-tag colour="yellow">Provisional results</rh-tag>`
                  : nothing}`,
            },
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
        <p>
          Teams go to this site, choose "Join an exercise" and type this code. It joins a team nobody has joined yet; after
          that, each team's own code (below, and on its members' screens) lets the rest of the team join on other devices.
        </p>
        <rh-join-code code=${run.joinCode}></rh-join-code>

        ${isLead || this.pending?.kind === 'sign-out' ? this.renderPending(run) : nothing}
        ${isLead && !this.pending ? this.renderMoves(run) : nothing}

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
          : html`<p>${run.assessorsPerTeam === 1 ? 'One assessor marks each team.' : `${run.assessorsPerTeam} assessors mark each team (double marking).`}</p>
              <ul>
                ${run.assessors.map((assessor) => html`<li>${assessor.displayName} (${assessor.email})</li>`)}
              </ul>`}
        ${isLead ? this.renderSetUpActions(run) : nothing}
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
            @click=${() => this.ask(run, next)}
            >${transitionLabels[next]}</rh-button
          >`,
        )}
      </div>
    `;
  }

  private renderTeams(run: RunDetail) {
    const isLead = this.session.staff?.user.role === 'lead';
    return html`
      <div class="table-wrap">
      <table>
        <caption class="visually-hidden">Teams in this run</caption>
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col">Scenario</th>
            <th scope="col">Team code</th>
            <th scope="col">Marked by</th>
            <th scope="col">Submitted</th>
            <th scope="col">Devices</th>
          </tr>
        </thead>
        <tbody>
          ${run.teams.map(
            (team) => html`<tr>
              <th scope="row">${team.name}</th>
              <td>
                ${team.scenarioTitle}${isLead
                  ? html`<br /><a
                        href=${`/packs/${encodeURIComponent(run.pack.packId)}/versions/${encodeURIComponent(run.pack.version)}/scenarios/${encodeURIComponent(team.scenarioId)}/preview`}
                        >Preview what ${team.name} sees</a
                      >`
                  : nothing}
              </td>
              <td class="code" data-label="Team code">${team.joinCode}</td>
              <td data-label="Marked by">
                ${team.assessorIds.length === 0
                  ? 'Any assessor of the run'
                  : team.assessorIds.map((id) => run.assessors.find((assessor) => assessor.id === id)?.displayName ?? 'A former assessor').join(', ')}
              </td>
              <td data-label="Submitted">${team.submittedAt ? new Date(team.submittedAt).toLocaleString('en-GB') : 'Not yet'}</td>
              <td data-label="Devices">
                <rh-button id=${`sign-out-${team.id}`} type="button" variant="secondary" ?disabled=${this.moving} @click=${() => this.askToSignOut(team)}
                  >Sign out devices<span class="visually-hidden"> of ${team.name}</span></rh-button
                >
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
      </div>
    `;
  }

  private renderSetUpActions(run: RunDetail) {
    const runPath = `/runs/${encodeURIComponent(run.id)}`;
    return html`
      <h2>Set-up</h2>
      <div class="actions">
        ${run.state === 'draft' ? html`<rh-button-link variant="secondary" href=${`${runPath}/edit`}>Change this run</rh-button-link>` : nothing}
        <rh-button-link variant="secondary" href=${`${runPath}/duplicate`}>Duplicate for a rerun</rh-button-link>
        ${run.state === 'draft' && !this.pending
          ? html`<rh-button id="delete-run" type="button" variant="warning" @click=${() => this.askToDelete()}>Delete this draft</rh-button>`
          : nothing}
      </div>
    `;
  }

  /** Steps that cannot be undone ask first; the others happen at once. */
  private async ask(run: RunDetail, to: RunState): Promise<void> {
    if (to !== 'live' && to !== 'closed' && to !== 'results-released') return this.moveTo(run, { to });
    this.errors = [];
    this.provisionalReason = '';
    if (to === 'live') {
      this.pending = { kind: 'move', to };
      return;
    }
    try {
      const readiness = await api.get('/runs/{runId}/readiness', { params: { path: { runId: run.id } } });
      this.pending = { kind: 'move', to, readiness };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (redirectIfSignInNeeded(this, error)) return;
      this.errors = [{ fieldId: `move-to-${to}`, message: error.message }];
    }
  }

  private askToDelete(): void {
    this.errors = [];
    this.pending = { kind: 'delete' };
  }

  /** A lost or shared device: the facilitator signs the team's devices out, after saying what happens. */
  private askToSignOut(team: RunTeam): void {
    this.errors = [];
    this.pending = { kind: 'sign-out', team };
  }

  private cancel(): void {
    const pending = this.pending;
    const returnTo = pending?.kind === 'move' ? `move-to-${pending.to}` : pending?.kind === 'sign-out' ? `sign-out-${pending.team.id}` : 'delete-run';
    this.pending = undefined;
    this.errors = [];
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${returnTo}`)?.focus());
  }

  private renderPending(run: RunDetail) {
    const pending = this.pending;
    if (!pending) return nothing;
    const cancel = html`<rh-button type="button" variant="secondary" @click=${() => this.cancel()}>Cancel</rh-button>`;
    if (pending.kind === 'sign-out') {
      const { team } = pending;
      return html`<section class="confirm" tabindex="-1" data-new aria-labelledby="confirm-heading">
        <h2 id="confirm-heading">Sign out every device of ${team.name}?</h2>
        <p>
          Every phone, tablet or laptop signed in as ${team.name} stops at once, for example one that was lost or left signed
          in. Nothing the team has written is lost. Its members join again with the team's code,
          <span class="code">${team.joinCode}</span>.
        </p>
        <div class="actions">
          <rh-button id="confirm-step" type="button" variant="warning" ?disabled=${this.moving} @click=${() => this.signOutDevices(run, team)}
            >Yes, sign out ${team.name}'s devices</rh-button
          >
          ${cancel}
        </div>
      </section>`;
    }
    if (pending.kind === 'delete') {
      return html`<section class="confirm" tabindex="-1" data-new aria-labelledby="confirm-heading">
        <h2 id="confirm-heading">Delete this draft run?</h2>
        <p>${run.cohortLabel}, its ${run.teams.length} teams and their codes will be deleted. This cannot be undone.</p>
        <div class="actions">
          <rh-button id="confirm-step" type="button" variant="warning" ?disabled=${this.moving} @click=${() => this.deleteRun(run)}>Yes, delete the draft</rh-button>
          ${cancel}
        </div>
      </section>`;
    }
    const { to, readiness } = pending;
    if (to === 'live') {
      return html`<section class="confirm" tabindex="-1" data-new aria-labelledby="confirm-heading">
        <h2 id="confirm-heading">Go live?</h2>
        <p>Every team sees its scenario at once and timed information starts to arrive. The run cannot go back to open for joining.</p>
        <div class="actions">
          <rh-button id="confirm-step" type="button" ?disabled=${this.moving} @click=${() => this.moveTo(run, { to })}>Yes, go live</rh-button>
          ${cancel}
        </div>
      </section>`;
    }
    if (to === 'closed' && readiness) {
      const { teamsNotSubmitted, unansweredRequests, ready } = readiness.close;
      return html`<section class="confirm" tabindex="-1" data-new aria-labelledby="confirm-heading">
        <h2 id="confirm-heading">Close the run?</h2>
        ${ready
          ? html`<p>Every team has submitted its work and every agency request has an answer.</p>`
          : html`<p>Still outstanding:</p>
              <ul>
                ${teamsNotSubmitted.map((team) => html`<li>${team.name} has not submitted its work</li>`)}
                ${unansweredRequests.map((request) => html`<li>${request.teamName}'s request to ${request.agencyName} has no answer</li>`)}
              </ul>`}
        <p>Closing ends the exercise for every team at once: their pages say so and their work can no longer change. This cannot be undone.</p>
        <div class="actions">
          <rh-button id="confirm-step" type="button" variant="warning" ?disabled=${this.moving} @click=${() => this.moveTo(run, { to, confirm: true })}
            >Yes, close the run</rh-button
          >
          ${cancel}
        </div>
      </section>`;
    }
    if (to === 'results-released' && readiness) {
      const { teamsNotFullyMarked, unmoderatedDisagreements, ready } = readiness.release;
      if (ready) {
        return html`<section class="confirm" tabindex="-1" data-new aria-labelledby="confirm-heading">
          <h2 id="confirm-heading">Release results?</h2>
          <p>Every team is fully marked and every flagged disagreement is moderated.</p>
          <p>Each team will see its marks, the assessors' comments and the model answers. This cannot be undone.</p>
          <div class="actions">
            <rh-button id="confirm-step" type="button" ?disabled=${this.moving} @click=${() => this.moveTo(run, { to })}>Yes, release results</rh-button>
            ${cancel}
          </div>
        </section>`;
      }
      const runPath = `/runs/${encodeURIComponent(run.id)}`;
      return html`<section class="confirm" tabindex="-1" data-new aria-labelledby="confirm-heading">
        <h2 id="confirm-heading">Marking is not finished</h2>
        <ul>
          ${teamsNotFullyMarked.map((team) => html`<li>${team.name}: ${team.finished} of ${team.required} assessors have finished marking</li>`)}
          ${unmoderatedDisagreements.map((item) => html`<li>${item.teamName}: “${item.criterionTitle}” needs moderating</li>`)}
        </ul>
        <p>
          Finish <a href=${`${runPath}/marking`}>marking</a>${unmoderatedDisagreements.length > 0
            ? html` and <a href=${`${runPath}/agreement`}>moderation</a>`
            : nothing}
          first, so teams do not see marks that are still missing.
        </p>
        <h3>Or release provisional results</h3>
        <p>Teams and the report will show the results as provisional. Your reason is kept in the audit log.</p>
        <rh-field
          field-id="provisionalReason"
          name="provisionalReason"
          type="textarea"
          rows="3"
          label="Why release results before marking is finished?"
          .value=${this.provisionalReason}
          .error=${errorFor(this.errors, 'provisionalReason')}
          @input=${(event: Event) => (this.provisionalReason = (event.target as HTMLInputElement).value)}
        ></rh-field>
        <div class="actions">
          <rh-button id="confirm-step" type="button" variant="warning" ?disabled=${this.moving} @click=${() => this.releaseProvisional(run)}
            >Release provisional results</rh-button
          >
          ${cancel}
        </div>
      </section>`;
    }
    return nothing;
  }

  private releaseProvisional(run: RunDetail): Promise<void> | void {
    const reason = this.provisionalReason.trim();
    if (reason === '') {
      this.errors = [{ fieldId: 'provisionalReason', message: 'Say why results are released before marking is finished' }];
      return;
    }
    return this.moveTo(run, { to: 'results-released', provisionalReason: reason });
  }

  private async deleteRun(run: RunDetail): Promise<void> {
    if (this.moving) return;
    this.moving = true;
    try {
      await api.delete('/runs/{runId}', { params: { path: { runId: run.id } }, body: { confirm: true } });
      requestNavigation(this, '/runs');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (redirectIfSignInNeeded(this, error)) return;
      this.errors = [{ fieldId: 'confirm-step', message: error.message }];
    } finally {
      this.moving = false;
    }
  }

  private async signOutDevices(run: RunDetail, team: RunTeam): Promise<void> {
    if (this.moving) return;
    this.moving = true;
    try {
      const { endedSessions } = await api.post('/runs/{runId}/teams/{teamId}/sign-out-devices', {
        params: { path: { runId: run.id, teamId: team.id } },
      });
      this.errors = [];
      this.pending = undefined;
      this.signedOut = { teamName: team.name, devices: endedSessions, count: (this.signedOut?.count ?? 0) + 1 };
      this.outcome = undefined;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (redirectIfSignInNeeded(this, error)) return;
      this.errors = [{ fieldId: 'confirm-step', message: error.message }];
    } finally {
      this.moving = false;
    }
  }

  private async moveTo(run: RunDetail, body: { to: RunState; confirm?: boolean; provisionalReason?: string }): Promise<void> {
    if (this.moving) return;
    const { to } = body;
    this.moving = true;
    try {
      this.moved = await api.post('/runs/{runId}/transitions', { params: { path: { runId: run.id } }, body });
      this.errors = [];
      this.pending = undefined;
      this.outcome = { state: to, count: (this.outcome?.count ?? 0) + 1 };
      this.signedOut = undefined;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (redirectIfSignInNeeded(this, error)) return;
      this.outcome = undefined;
      this.errors = [{ fieldId: this.pending ? 'confirm-step' : `move-to-${to}`, message: error.message }];
    } finally {
      this.moving = false;
    }
  }
}

function signedOutMessage(teamName: string, devices: number): string {
  if (devices === 0) return `No device was signed in as ${teamName}.`;
  return `${devices === 1 ? 'One device' : `${devices} devices`} signed out of ${teamName}. They can join again with the team's code.`;
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-run-page': RhRunPage;
  }
}
