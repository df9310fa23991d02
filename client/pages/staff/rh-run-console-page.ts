import { LitElement, css, html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ApiError } from '../../api/client.js';
import type { ApiData } from '../../api/client.js';
import { redirectIfSignInNeeded } from '../../auth-redirects.js';
import '../../components/rh-console-board.js';
import '../../components/rh-exercise-clock.js';
import type { ReopenOutcome } from '../../components/rh-console-board.js';
import { reopenButtonId } from '../../components/rh-console-board.js';
import '../../components/rh-agency-inbox.js';
import '../../components/rh-release-form.js';
import '../../components/rh-release-log.js';
import type { ReleaseLogEntry } from '../../components/rh-release-log.js';
import '../../components/rh-tag.js';
import type { FieldError } from '../../components/form-parts.js';
import { LiveDataController } from '../../controllers/live-data-controller.js';
import { PageTitleController } from '../../controllers/page-title-controller.js';
import { SessionController } from '../../controllers/session-controller.js';
import { whenLoaded } from '../../loading.js';
import type { Loadable } from '../../loading.js';
import { runStateColours, runStateLabels } from '../../run-states.js';
import { focusStyles, linkStyles, typographyStyles, visuallyHiddenStyles } from '../../styles/shared.js';

interface ConsoleData {
  readonly console: ApiData<'/runs/{runId}/console', 'get'>;
  readonly threads: ApiData<'/runs/{runId}/agency-threads', 'get'>['threads'];
  readonly releases: readonly ReleaseLogEntry[];
  readonly clock: ApiData<'/runs/{runId}/clock', 'get'>;
  /** When this was fetched, as an ISO date-time. */
  readonly fetchedAt: string;
}

const pageTitle = 'Facilitator console';
/** How long the board waits after a team's work changes before fetching the rows that changed. */
const CHANGED_TEAMS_WAIT_MS = 250;
/** The most rows one refresh asks for (the server's limit); with more changed, the whole console is fetched. */
const MAX_CHANGED_TEAMS = 50;

/**
 * The facilitator console of a run, for the leads and assessors running the day: a live board of the
 * teams, the exercise clock with its timeline, a form to release injects and micro-teaches, the agency inbox where staff answer teams in
 * role, and the release log. The page owns the data: it fetches the console, the agency threads,
 * the release log and the clock, and its live-data controller fetches them all again soon after a release, an
 * agency message, a change of the clock or of the run's state, on reconnecting, and slowly while the stream is
 * down. A team's work changing (every autosave of every team) refreshes only that team's row of the
 * board: the teams that changed are gathered for at most CHANGED_TEAMS_WAIT_MS and their rows fetched
 * together, so the board stays well under a second behind while teams type. The sections are
 * separate elements, given the data as properties.
 *
 * @attr run-id - the run's id, from the address
 */
@customElement('rh-run-console-page')
export class RhRunConsolePage extends LitElement {
  static override styles = [
    typographyStyles,
    linkStyles,
    focusStyles,
    visuallyHiddenStyles,
    css`
      :host {
        display: block;
      }

      .back-link {
        display: inline-block;
        margin-bottom: var(--rh-space-2);
        font-size: var(--rh-font-size-small);
      }

      .caption {
        display: block;
        margin-bottom: var(--rh-space-1);
        color: var(--rh-colour-secondary-text);
        font-size: var(--rh-font-size-heading-s);
        font-weight: var(--rh-font-weight-regular);
      }

      /* A working screen: the heading stays small so the board fits on a laptop's first screen. */
      h1 {
        margin-bottom: var(--rh-space-2);
        font-size: var(--rh-font-size-heading-l);
      }

      .title-bar {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        justify-content: space-between;
        gap: 0 var(--rh-space-6);
      }

      h2 {
        margin-bottom: var(--rh-space-2);
        font-size: var(--rh-font-size-heading-m);
      }

      .run-state {
        margin-bottom: var(--rh-space-2);
      }

      .room-link {
        margin-left: var(--rh-space-4);
      }

      section {
        margin-bottom: var(--rh-space-7);
      }

      .board {
        margin-bottom: var(--rh-space-6);
      }

      .contents {
        display: flex;
        flex-wrap: wrap;
        gap: var(--rh-space-1) var(--rh-space-5);
        margin: 0 0 var(--rh-space-4);
        padding-left: 0;
        list-style: none;
      }

      .work {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 0 var(--rh-space-7);
      }

      /* On a laptop the inbox and the release form sit side by side under the board. */
      @media (min-width: 64em) {
        .work {
          grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
          align-items: start;
        }
      }
    `,
  ];

  @property({ attribute: 'run-id' }) runId = '';

  /** Makes sure the store knows who is signed in, so the page's writes carry the staff CSRF token. */
  protected readonly session = new SessionController(this, { askForStaff: true });

  @state() private data: ConsoleData | undefined;
  @state() private loadError: ApiError | undefined;
  @state() private reopening: string | undefined;
  @state() private reopenOutcome: ReopenOutcome | undefined;
  @state() private reopenErrors: FieldError[] = [];
  /** Which of the sections' forms show errors, for the "Error: " title prefix. */
  @state() private formsWithErrors = new Set<string>();

  private readonly live = new LiveDataController(this, {
    url: () => `/api/runs/${encodeURIComponent(this.runId)}/events`,
    resync: () => this.fetchAll(),
    handlers: {
      // These change the inbox, the release log, the clock or the whole run: fetch everything again.
      ...Object.fromEntries(['release', 'run-state', 'run-clock', 'agency-message'].map((type) => [type, () => this.live.resyncSoon()])),
      'team-work': (data) => this.teamChanged(data),
    },
  });
  /** Teams whose work changed since their rows were last fetched. */
  private readonly changedTeams = new Set<string>();
  private changedTeamsTimer: ReturnType<typeof setTimeout> | undefined;
  private fetchingChangedTeams = false;
  private readonly documentTitle = new PageTitleController(this, () => ({
    hasErrors: this.data !== undefined && (this.reopenErrors.length > 0 || this.formsWithErrors.size > 0),
  }));

  override willUpdate(changed: PropertyValues<this>): void {
    // Another run's console: nothing of the last one stays on screen.
    if (changed.has('runId')) {
      this.data = undefined;
      this.loadError = undefined;
      this.reopenOutcome = undefined;
      this.reopenErrors = [];
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.changedTeamsTimer);
    this.changedTeamsTimer = undefined;
    this.changedTeams.clear();
  }

  private teamChanged(data: unknown): void {
    const teamId = (data as { teamId?: unknown } | undefined)?.teamId;
    if (typeof teamId !== 'string') {
      this.live.resyncSoon();
      return;
    }
    this.changedTeams.add(teamId);
    this.scheduleChangedTeams();
  }

  /**
   * A throttle, not a debounce: the first change starts the wait and later ones join it, so teams
   * typing without pause cannot hold the board back (a wait restarted by every event never ended).
   */
  private scheduleChangedTeams(): void {
    this.changedTeamsTimer ??= setTimeout(() => {
      this.changedTeamsTimer = undefined;
      void this.fetchChangedTeams();
    }, CHANGED_TEAMS_WAIT_MS);
  }

  /** Fetches the rows of the teams that changed and puts them in the board in place of the old ones. */
  private async fetchChangedTeams(): Promise<void> {
    // One refresh at a time; changes meanwhile wait for the next.
    if (this.fetchingChangedTeams || this.changedTeams.size === 0) return;
    const runId = this.runId;
    const teamIds = [...this.changedTeams];
    this.changedTeams.clear();
    // Nothing on screen yet (the first fetch brings every row), or too many rows for one request.
    if (!this.data || teamIds.length > MAX_CHANGED_TEAMS) {
      if (this.data) void this.live.resyncNow();
      return;
    }
    this.fetchingChangedTeams = true;
    try {
      const { teams } = await api.get('/runs/{runId}/console/teams', { params: { path: { runId }, query: { teamIds: teamIds.join(',') } } });
      if (runId !== this.runId || !this.data) return;
      const fresh = new Map(teams.map((team) => [team.id, team]));
      const board = this.data.console;
      this.data = { ...this.data, console: { ...board, teams: board.teams.map((team) => fresh.get(team.id) ?? team) }, fetchedAt: new Date().toISOString() };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (redirectIfSignInNeeded(this, error)) return;
      // A team that is not in the run any more, or a failed request: the whole board again.
      this.live.resyncSoon();
    } finally {
      this.fetchingChangedTeams = false;
      if (this.changedTeams.size > 0) this.scheduleChangedTeams();
    }
  }

  /** Fetches the console, the threads and the log together. */
  private async fetchAll(): Promise<void> {
    const runId = this.runId;
    const path = { runId };
    try {
      const [runConsole, threads, releases, clock] = await Promise.all([
        api.get('/runs/{runId}/console', { params: { path } }),
        api.get('/runs/{runId}/agency-threads', { params: { path } }),
        api.get('/runs/{runId}/releases', { params: { path } }),
        api.get('/runs/{runId}/clock', { params: { path } }),
      ]);
      // The page moved on to another run while this was on its way.
      if (runId !== this.runId) return;
      this.data = { console: runConsole, threads: threads.threads, releases: releases.releases, clock, fetchedAt: new Date().toISOString() };
      this.loadError = undefined;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (redirectIfSignInNeeded(this, error)) return;
      // A failed refresh keeps the board as it was; "Updated …" says how old it is.
      if (!this.data && runId === this.runId) this.loadError = error;
    }
  }

  private loadable(): Loadable<ConsoleData> {
    if (this.data) return { status: 'complete', value: this.data };
    return this.loadError ? { status: 'failed', error: this.loadError } : { status: 'pending' };
  }

  override render() {
    const back = { href: `/runs/${encodeURIComponent(this.runId)}`, label: 'Back to the run' };
    return whenLoaded(this.loadable(), { heading: pageTitle, loading: 'Loading the console…', back }, (data) => this.renderConsole(data, back.href));
  }

  private renderConsole(data: ConsoleData, back: string) {
    const { console: runConsole } = data;
    const run = runConsole.run;
    const waiting = data.threads.filter((thread) => thread.awaitingReply).length;
    // The board and the inbox come first: they are what a facilitator watches all day. Releasing is
    // beside the inbox on a laptop, the log last.
    return html`
      <a class="back-link" href=${back}>Back to the run</a>
      <div class="title-bar">
        <h1 tabindex="-1"><span class="caption">${run.cohortLabel}</span>${pageTitle}</h1>
        <p class="run-state">
          The run is <rh-tag colour=${runStateColours[run.state]}>${runStateLabels[run.state]}</rh-tag>
          <!-- Beside the state, so the board keeps the first screen: the day's other rooms. -->
          <a class="room-link" href="/runs/${encodeURIComponent(run.id)}/meetings">Meetings</a>
          <a class="room-link" href="/runs/${encodeURIComponent(run.id)}/present">Presentation view</a>
        </p>
      </div>
      <nav aria-labelledby="contents-heading">
        <h2 id="contents-heading" class="visually-hidden">On this page</h2>
        <ul class="contents">
          <li><a href="#board-heading">Live board</a></li>
          <li><a href="#clock-heading">Exercise clock</a></li>
          <li><a href="#inbox-heading">Agency inbox</a>${waiting > 0 ? ` (${waiting} waiting)` : ''}</li>
          <li><a href="#release-heading">Release information</a></li>
          <li><a href="#log-heading">Release log</a></li>
        </ul>
      </nav>


      <section class="board" aria-labelledby="board-heading">
        <h2 id="board-heading" tabindex="-1">Live board</h2>
        <rh-console-board
          .teams=${runConsole.teams}
          updated-at=${data.fetchedAt}
          .reopening=${this.reopening}
          .reopenOutcome=${this.reopenOutcome}
          .errors=${this.reopenErrors}
          @rh-reopen=${this.reopen}
        ></rh-console-board>
      </section>

      <section aria-labelledby="clock-heading">
        <h2 id="clock-heading" tabindex="-1">Exercise clock</h2>
        <rh-exercise-clock
          run-id=${run.id}
          .clock=${data.clock}
          fetched-at=${data.fetchedAt}
          @rh-clock-changed=${this.refetchNow}
          @rh-form-errors=${this.noteFormErrors}
        ></rh-exercise-clock>
      </section>

      <div class="work">
        <section aria-labelledby="inbox-heading">
          <h2 id="inbox-heading" tabindex="-1">Agency inbox${waiting > 0 ? html` <rh-tag colour="red">${waiting} waiting</rh-tag>` : nothing}</h2>
          <rh-agency-inbox
            run-id=${run.id}
            .threads=${data.threads}
            .teams=${runConsole.teams}
            ?live=${run.state === 'live'}
            @rh-replied=${this.refetchNow}
            @rh-form-errors=${this.noteFormErrors}
          ></rh-agency-inbox>
        </section>

        <section aria-labelledby="release-heading">
          <h2 id="release-heading" tabindex="-1">Release information</h2>
          <rh-release-form
            .runConsole=${runConsole}
            .released=${data.releases}
            @rh-released=${this.refetchNow}
            @rh-form-errors=${this.noteFormErrors}
          ></rh-release-form>
        </section>
      </div>

      <section aria-labelledby="log-heading">
        <h2 id="log-heading" tabindex="-1">Release log</h2>
        <rh-release-log .releases=${data.releases} .teams=${runConsole.teams}></rh-release-log>
      </section>
    `;
  }

  private readonly reopen = async (event: CustomEvent<{ teamId: string; teamName: string }>): Promise<void> => {
    const { teamId, teamName } = event.detail;
    if (this.reopening) return;
    this.reopening = teamId;
    try {
      await api.post('/runs/{runId}/teams/{teamId}/reopen', { params: { path: { runId: this.runId, teamId } } });
      this.reopenErrors = [];
      this.reopenOutcome = {
        count: (this.reopenOutcome?.count ?? 0) + 1,
        message: `${teamName}'s work is open again. The team can change it and submit it again.`,
      };
      void this.live.resyncNow();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (redirectIfSignInNeeded(this, error)) return;
      this.reopenOutcome = undefined;
      this.reopenErrors = [{ fieldId: reopenButtonId(teamId), message: error.message }];
    } finally {
      this.reopening = undefined;
    }
  };

  private readonly refetchNow = (): void => {
    void this.live.resyncNow();
  };

  /** Sections tell the page when their form shows errors, for the title prefix. */
  private readonly noteFormErrors = (event: CustomEvent<{ source: string; hasErrors: boolean }>): void => {
    const { source, hasErrors } = event.detail;
    const next = new Set(this.formsWithErrors);
    if (hasErrors) next.add(source);
    else next.delete(source);
    this.formsWithErrors = next;
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-run-console-page': RhRunConsolePage;
  }
}
