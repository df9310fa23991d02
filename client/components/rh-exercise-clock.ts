import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ExerciseClock } from '../../server/clock/schema.js';
import { api, ApiError } from '../api/client.js';
import { redirectIfSignInNeeded } from '../auth-redirects.js';
import { errorFor, fieldErrorsFrom } from '../form-errors.js';
import { tableStyles, typographyStyles, visuallyHiddenStyles } from '../styles/shared.js';
import type { FieldError } from './form-parts.js';
import './rh-button.js';
import './rh-error-summary.js';
import './rh-field.js';
import './rh-inset-text.js';
import './rh-tag.js';

type TimelineEntry = ExerciseClock['timeline'][number];
type ShiftAction = 'earlier' | 'later' | 'now' | 'skip';

const actionLabels: Record<ShiftAction, string> = {
  earlier: 'Earlier by some minutes',
  later: 'Later by some minutes',
  now: 'Release it now',
  skip: 'Skip it (cannot be undone)',
};

/** 5400 → "1:30:00". */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  return `${hours}:${String(minutes).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}

function formatTime(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

const entryKey = (entry: Pick<TimelineEntry, 'scenarioId' | 'injectId'>) => `${entry.scenarioId}/${entry.injectId}`;

/**
 * The exercise clock of a live run for the facilitator console: the time live (pauses excluded),
 * pause and resume, the timeline of what the clock fires when with countdowns and the teams each
 * inject has reached, moving one timed inject (earlier, later, now, or skip after a confirmation),
 * what teams have triggered, and releasing held-back research. It sends its own requests; the page
 * fetches the clock again when told.
 *
 * @prop runId - the run's id
 * @prop clock - the run's clock as fetched
 * @prop fetchedAt - when it was fetched (ISO), so the clock and the countdowns run on between fetches
 * @fires rh-clock-changed - after a pause, resume, move or release
 * @fires rh-form-errors - `{ source, hasErrors }` when errors appear or clear
 */
@customElement('rh-exercise-clock')
export class RhExerciseClock extends LitElement {
  static override styles = [
    typographyStyles,
    tableStyles,
    visuallyHiddenStyles,
    css`
      :host {
        display: block;
      }

      .clock {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--rh-space-2) var(--rh-space-5);
        margin-bottom: var(--rh-space-4);
      }

      .reading {
        margin: 0;
        font-size: var(--rh-font-size-heading-l);
        font-variant-numeric: tabular-nums;
        font-weight: var(--rh-font-weight-bold);
      }

      .secondary {
        display: block;
        color: var(--rh-colour-secondary-text);
      }

      .teams {
        margin: 0;
        padding-left: 0;
        list-style: none;
      }

      h3 {
        margin-bottom: var(--rh-space-2);
        font-size: var(--rh-font-size-heading-s);
      }

      form {
        max-width: 40em;
      }
    `,
  ];

  @property({ attribute: 'run-id' }) runId = '';
  @property({ attribute: false }) clock: ExerciseClock | undefined;
  @property({ attribute: 'fetched-at' }) fetchedAt = '';

  @state() private busy = false;
  @state() private errors: FieldError[] = [];
  @state() private outcome = '';
  @state() private injectKey = '';
  @state() private action: ShiftAction = 'later';
  @state() private minutes = '5';
  /** Set while the facilitator is asked to confirm a skip. */
  @state() private confirmingSkip: TimelineEntry | undefined;
  /** Seconds since the clock was fetched, advanced every second so the reading and countdowns move. */
  @state() private sinceFetch = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => {
      this.sinceFetch = this.fetchedAt ? Math.max(0, Math.floor((Date.now() - Date.parse(this.fetchedAt)) / 1000)) : 0;
    }, 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('fetchedAt')) this.sinceFetch = 0;
  }

  override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('errors') && (changed.get('errors') as FieldError[] | undefined)?.length !== this.errors.length) {
      this.dispatchEvent(new CustomEvent('rh-form-errors', { detail: { source: 'clock', hasErrors: this.errors.length > 0 }, bubbles: true, composed: true }));
    }
  }

  override render() {
    const clock = this.clock;
    if (!clock) return nothing;
    if (clock.elapsedSeconds === null) return html`<p>The clock starts when the run goes live.</p>`;
    const paused = clock.pausedAt !== null;
    const live = clock.runState === 'live';
    const running = live && !paused;
    const advance = running ? this.sinceFetch : 0;
    return html`
      <rh-error-summary .errors=${this.errors}></rh-error-summary>
      <div class="clock">
        <p class="reading">
          <span class="visually-hidden">Exercise clock: </span>${formatClock(clock.elapsedSeconds + advance)}
          <span class="secondary">time live, pauses excluded</span>
        </p>
        ${paused ? html`<rh-tag colour="yellow">Paused since ${formatTime(clock.pausedAt!)}</rh-tag>` : live ? html`<rh-tag colour="green">Running</rh-tag>` : nothing}
        ${live
          ? html`<rh-button type="button" variant=${paused ? 'primary' : 'secondary'} ?disabled=${this.busy} @click=${paused ? this.resume : this.pause}
              >${paused ? 'Resume the exercise' : 'Pause the exercise'}</rh-button
            >`
          : nothing}
      </div>
      <p role="status">${this.outcome}</p>
      ${paused ? html`<rh-inset-text>Teams see that the exercise is paused. Nothing timed fires until you resume; every timed inject then comes later by the length of the pause.</rh-inset-text>` : nothing}
      ${this.renderTimeline(clock, advance)} ${live ? this.renderShiftForm(clock) : nothing} ${this.renderTriggered(clock)} ${this.renderResearch(clock, live)}
    `;
  }

  private renderTimeline(clock: ExerciseClock, advance: number) {
    if (clock.timeline.length === 0) return html`<p>No inject of the scenarios in play is released by the clock.</p>`;
    return html`
      <div class="table-scroll" tabindex="0" role="region" aria-labelledby="timeline-caption">
        <table>
          <caption id="timeline-caption">What the clock fires when</caption>
          <thead>
            <tr>
              <th scope="col">Inject</th>
              <th scope="col">Scenario</th>
              <th scope="col">On the clock</th>
              <th scope="col">Fires in</th>
              <th scope="col">Teams</th>
            </tr>
          </thead>
          <tbody>
            ${clock.timeline.map((entry) => this.renderEntry(entry, advance))}
          </tbody>
        </table>
      </div>
    `;
  }

  private renderEntry(entry: TimelineEntry, advance: number) {
    const moved = entry.shiftSeconds === 0 ? '' : ` (${entry.shiftSeconds > 0 ? 'moved later' : 'moved earlier'} by ${formatClock(Math.abs(entry.shiftSeconds))})`;
    const dueIn = entry.dueInSeconds === null ? null : Math.max(0, entry.dueInSeconds - advance);
    return html`<tr>
      <td>${entry.title}<span class="secondary">${entry.triggerDescription}</span></td>
      <td>${entry.scenarioTitle}</td>
      <td>${entry.dueSeconds === null ? 'Skipped' : `${formatClock(entry.dueSeconds)}${moved}`}</td>
      <td>${dueIn === null ? 'Never' : dueIn === 0 ? 'Due' : formatClock(dueIn)}</td>
      <td>
        <ul class="teams">
          ${entry.teams.map((team) => {
            const notNeeded = entry.kind === 'not-done-by' && dueIn === 0 && team.releasedAt === null;
            const status = team.releasedAt ? `sent ${formatTime(team.releasedAt)}` : entry.skipped ? 'skipped' : notNeeded ? 'not sent: done in time' : 'waiting';
            return html`<li>${team.teamName}: ${status}</li>`;
          })}
        </ul>
      </td>
    </tr>`;
  }

  private renderShiftForm(clock: ExerciseClock) {
    const movable = clock.timeline.filter((entry) => !entry.skipped);
    if (movable.length === 0) return nothing;
    if (this.confirmingSkip) {
      const entry = this.confirmingSkip;
      return html`<h3 id="skip-heading" tabindex="-1">Skip “${entry.title}”?</h3>
        <rh-inset-text>Skipping cannot be undone: no team of ${entry.scenarioTitle} will get it from the clock. You can still release it by hand.</rh-inset-text>
        <rh-button type="button" variant="warning" ?disabled=${this.busy} @click=${this.confirmSkip}>Skip it</rh-button>
        <rh-button type="button" variant="secondary" @click=${this.cancelSkip}>Keep it</rh-button>`;
    }
    const selected = this.injectKey || entryKey(movable[0]!);
    const needsMinutes = this.action === 'earlier' || this.action === 'later';
    return html`<h3>Move one inject</h3>
      <form novalidate @submit=${this.submitShift}>
        <rh-field
          field-id="shift-inject"
          type="select"
          label="Inject"
          error=${errorFor(this.errors, 'shift-inject')}
          .options=${movable.map((entry) => ({ value: entryKey(entry), label: `${entry.title} (${entry.scenarioTitle})` }))}
          .value=${selected}
          @rh-change=${(event: CustomEvent<{ value: string }>) => (this.injectKey = event.detail.value)}
        ></rh-field>
        <rh-field
          field-id="shift-action"
          type="select"
          label="What to do"
          .options=${(Object.keys(actionLabels) as ShiftAction[]).map((action) => ({ value: action, label: actionLabels[action] }))}
          .value=${this.action}
          @rh-change=${(event: CustomEvent<{ value: string }>) => (this.action = event.detail.value as ShiftAction)}
        ></rh-field>
        ${needsMinutes
          ? html`<rh-field
              field-id="shift-minutes"
              type="number"
              label="How many minutes"
              hint="From 1 to 240."
              error=${errorFor(this.errors, 'shift-minutes')}
              .value=${this.minutes}
              @input=${(event: Event) => (this.minutes = (event.currentTarget as HTMLInputElement).value)}
            ></rh-field>`
          : nothing}
        <rh-button ?disabled=${this.busy}>Move the inject</rh-button>
      </form>`;
  }

  private renderTriggered(clock: ExerciseClock) {
    const triggered = clock.released.filter((release) => release.trigger === 'decision' || release.trigger === 'not-done-by');
    return html`<h3>What teams have triggered</h3>
      ${triggered.length === 0
        ? html`<p>No team has triggered an inject yet.</p>`
        : html`<ul>
            ${triggered.map(
              (release) =>
                html`<li>${formatTime(release.releasedAt)} ${release.teamName}: ${release.title}
                  (${release.trigger === 'decision' ? 'by a decision' : 'a decision not made in time'})</li>`,
            )}
          </ul>`}`;
  }

  private renderResearch(clock: ExerciseClock, live: boolean) {
    if (clock.research.length === 0) return nothing;
    return html`<h3>Held-back research</h3>
      <ul>
        ${clock.research.map(
          (research) =>
            html`<li>
              ${research.title} (${research.scenarioTitle})${research.releasedOnRequestBy ? html`<span class="secondary">${research.releasedOnRequestBy} can send it in answer to a team’s request.</span>` : nothing}
              <ul class="teams">
                ${research.teams.map((team) =>
                  team.releasedAt
                    ? html`<li>${team.teamName}: sent ${formatTime(team.releasedAt)}</li>`
                    : html`<li>
                        ${team.teamName}: held back
                        ${live
                          ? html`<rh-button type="button" variant="secondary" ?disabled=${this.busy} @click=${() => this.releaseResearch(research.profileId, team.teamId, team.teamName, research.title)}
                              >Release<span class="visually-hidden"> “${research.title}” to ${team.teamName}</span></rh-button
                            >`
                          : nothing}
                      </li>`,
                )}
              </ul>
            </li>`,
        )}
      </ul>`;
  }

  private readonly pause = () => this.send(() => api.post('/runs/{runId}/clock/pause', { params: { path: { runId: this.runId } }, body: {} }), 'The exercise is paused.');

  private readonly resume = () => this.send(() => api.post('/runs/{runId}/clock/resume', { params: { path: { runId: this.runId } }, body: {} }), 'The exercise is running again.');

  private readonly submitShift = (event: SubmitEvent): void => {
    event.preventDefault();
    const entry = this.selectedEntry();
    if (!entry) return;
    if (this.action === 'skip') {
      this.confirmingSkip = entry;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#skip-heading')?.focus());
      return;
    }
    const minutes = Number(this.minutes);
    if ((this.action === 'earlier' || this.action === 'later') && (!Number.isInteger(minutes) || minutes < 1 || minutes > 240)) {
      this.errors = [{ fieldId: 'shift-minutes', message: 'Enter a whole number of minutes from 1 to 240' }];
      return;
    }
    void this.shift(entry, this.action === 'now' ? { action: 'now' } : { action: this.action, minutes });
  };

  private readonly confirmSkip = (): void => {
    const entry = this.confirmingSkip;
    if (entry) void this.shift(entry, { action: 'skip', confirm: true });
  };

  private readonly cancelSkip = (): void => {
    this.confirmingSkip = undefined;
  };

  private selectedEntry(): TimelineEntry | undefined {
    const movable = (this.clock?.timeline ?? []).filter((entry) => !entry.skipped);
    return movable.find((entry) => entryKey(entry) === this.injectKey) ?? movable[0];
  }

  private shift(entry: TimelineEntry, change: { action: ShiftAction; minutes?: number; confirm?: boolean }) {
    const words = { earlier: `moved earlier by ${change.minutes} min`, later: `moved later by ${change.minutes} min`, now: 'released now', skip: 'skipped' }[change.action];
    return this.send(
      () => api.post('/runs/{runId}/clock/shifts', { params: { path: { runId: this.runId } }, body: { scenarioId: entry.scenarioId, injectId: entry.injectId, ...change } }),
      `“${entry.title}” (${entry.scenarioTitle}) ${words}.`,
    ).then(() => {
      this.confirmingSkip = undefined;
    });
  }

  private releaseResearch(profileId: string, teamId: string, teamName: string, title: string) {
    return this.send(
      () => api.post('/runs/{runId}/releases', { params: { path: { runId: this.runId } }, body: { kind: 'research', contentId: profileId, teamIds: [teamId] } }),
      `“${title}” released to ${teamName}.`,
    );
  }

  private async send(request: () => Promise<unknown>, outcome: string): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await request();
      this.errors = [];
      this.outcome = outcome;
      this.dispatchEvent(new CustomEvent('rh-clock-changed', { bubbles: true, composed: true }));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (redirectIfSignInNeeded(this, error)) return;
      this.outcome = '';
      this.errors = fieldErrorsFrom(error, 'shift-inject', (fieldId) => (fieldId === 'minutes' ? 'shift-minutes' : 'shift-inject'));
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-exercise-clock': RhExerciseClock;
  }
  interface HTMLElementEventMap {
    'rh-clock-changed': CustomEvent<void>;
  }
}
