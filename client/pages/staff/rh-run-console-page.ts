import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AgencyThread } from '../../../server/agencies/schema.js';
import type { RunConsole } from '../../../server/console/schema.js';
import { ApiError, apiGet, apiSend } from '../../api.js';
import { redirectIfSignInNeeded } from '../../auth-redirects.js';
import '../../components/rh-console-board.js';
import type { ReopenOutcome } from '../../components/rh-console-board.js';
import { reopenButtonId } from '../../components/rh-console-board.js';
import '../../components/rh-agency-inbox.js';
import '../../components/rh-release-form.js';
import '../../components/rh-release-log.js';
import type { ReleaseLogEntry } from '../../components/rh-release-log.js';
import '../../components/rh-tag.js';
import type { FieldError } from '../../components/form-parts.js';
import { SessionController } from '../../controllers/session-controller.js';
import { setDocumentTitle } from '../../form-errors.js';
import { runStateColours, runStateLabels } from '../../run-states.js';
import { focusStyles, linkStyles, typographyStyles, visuallyHiddenStyles } from '../../styles/shared.js';

interface ConsoleData {
  readonly console: RunConsole;
  readonly threads: readonly AgencyThread[];
  readonly releases: readonly ReleaseLogEntry[];
  /** When this was fetched, as an ISO date-time. */
  readonly fetchedAt: string;
}

/** The console's live events; any of them means "fetch again". */
const liveEventTypes = ['release', 'run-state', 'agency-message', 'team-work', 'resync'] as const;
const refetchDelayMs = 200;
const pageTitle = 'Facilitator console';

/**
 * The facilitator console of a run, for the leads and assessors running the day: a live board of the
 * teams, a form to release injects and micro-teaches, the agency inbox where staff answer teams in
 * role, and the release log. The page owns the data: it fetches the console, the agency threads and
 * the release log, listens to the run's event stream, and fetches all three again (debounced) after
 * any event. The sections are separate elements, given the data as properties.
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
        margin-bottom: var(--rh-space-4);
        font-size: var(--rh-font-size-small);
      }

      .caption {
        display: block;
        margin-bottom: var(--rh-space-1);
        color: var(--rh-colour-secondary-text);
        font-size: var(--rh-font-size-heading-m);
        font-weight: var(--rh-font-weight-regular);
      }

      section {
        margin-bottom: var(--rh-space-7);
      }

      .contents {
        padding-left: 0;
        list-style: none;
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

  private events: EventSource | undefined;
  private refetchTimer: ReturnType<typeof setTimeout> | undefined;
  private streamOpenedBefore = false;
  private fetching: Promise<void> | undefined;
  private fetchAgain = false;
  private titleShown = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.fetchAll();
    this.listen();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.events?.close();
    this.events = undefined;
    clearTimeout(this.refetchTimer);
  }

  override updated(): void {
    const hasErrors = this.reopenErrors.length > 0 || this.formsWithErrors.size > 0;
    const shown = `${pageTitle}|${hasErrors}`;
    if (this.data && shown !== this.titleShown) {
      this.titleShown = shown;
      setDocumentTitle(pageTitle, hasErrors);
    }
  }

  private listen(): void {
    const events = new EventSource(`/api/runs/${encodeURIComponent(this.runId)}/events`);
    for (const type of liveEventTypes) events.addEventListener(type, this.scheduleRefetch);
    // The browser reconnects by itself after an error; on reopening, catch up with what was missed.
    events.addEventListener('open', () => {
      if (this.streamOpenedBefore) this.scheduleRefetch();
      this.streamOpenedBefore = true;
    });
    this.events = events;
  }

  private readonly scheduleRefetch = (): void => {
    clearTimeout(this.refetchTimer);
    this.refetchTimer = setTimeout(() => void this.fetchAll(), refetchDelayMs);
  };

  /** Fetches the console, the threads and the log together; a fetch asked for meanwhile runs after. */
  private async fetchAll(): Promise<void> {
    if (this.fetching) {
      this.fetchAgain = true;
      return this.fetching;
    }
    this.fetching = this.fetchOnce();
    try {
      await this.fetching;
    } finally {
      this.fetching = undefined;
    }
    if (this.fetchAgain) {
      this.fetchAgain = false;
      await this.fetchAll();
    }
  }

  private async fetchOnce(): Promise<void> {
    const run = `/runs/${encodeURIComponent(this.runId)}`;
    try {
      const [console, threads, releases] = await Promise.all([
        apiGet<RunConsole>(`${run}/console`),
        apiGet<{ threads: AgencyThread[] }>(`${run}/agency-threads`),
        apiGet<{ releases: ReleaseLogEntry[] }>(`${run}/releases`),
      ]);
      this.data = { console, threads: threads.threads, releases: releases.releases, fetchedAt: new Date().toISOString() };
      this.loadError = undefined;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (redirectIfSignInNeeded(this, error)) return;
      // A failed refresh keeps the board as it was; "Updated …" says how old it is.
      if (!this.data) this.loadError = error;
    }
  }

  override render() {
    const back = html`<a class="back-link" href=${`/runs/${encodeURIComponent(this.runId)}`}>Back to the run</a>`;
    if (!this.data) {
      return html`${back}
        <h1 tabindex="-1">${pageTitle}</h1>
        <p>${this.loadError ? this.loadError.message : 'Loading the console…'}</p>`;
    }
    const { console: runConsole } = this.data;
    const run = runConsole.run;
    const waiting = this.data.threads.filter((thread) => thread.awaitingReply).length;
    return html`
      ${back}
      <h1 tabindex="-1"><span class="caption">${run.cohortLabel}</span>${pageTitle}</h1>
      <p>The run is <rh-tag colour=${runStateColours[run.state]}>${runStateLabels[run.state]}</rh-tag></p>
      <nav aria-labelledby="contents-heading">
        <h2 id="contents-heading" class="visually-hidden">On this page</h2>
        <ul class="contents">
          <li><a href="#board-heading">Live board</a></li>
          <li><a href="#release-heading">Release information</a></li>
          <li><a href="#inbox-heading">Agency inbox</a>${waiting > 0 ? ` (${waiting} waiting)` : ''}</li>
          <li><a href="#log-heading">Release log</a></li>
        </ul>
      </nav>

      <section aria-labelledby="board-heading">
        <h2 id="board-heading" tabindex="-1">Live board</h2>
        <rh-console-board
          .teams=${runConsole.teams}
          updated-at=${this.data.fetchedAt}
          .reopening=${this.reopening}
          .reopenOutcome=${this.reopenOutcome}
          .errors=${this.reopenErrors}
          @rh-reopen=${this.reopen}
        ></rh-console-board>
      </section>

      <section aria-labelledby="release-heading">
        <h2 id="release-heading" tabindex="-1">Release information</h2>
        <rh-release-form
          .runConsole=${runConsole}
          .released=${this.data.releases}
          @rh-released=${this.refetchNow}
          @rh-form-errors=${this.noteFormErrors}
        ></rh-release-form>
      </section>

      <section aria-labelledby="inbox-heading">
        <h2 id="inbox-heading" tabindex="-1">Agency inbox</h2>
        <rh-agency-inbox
          run-id=${run.id}
          .threads=${this.data.threads}
          .teams=${runConsole.teams}
          ?live=${run.state === 'live'}
          @rh-replied=${this.refetchNow}
          @rh-form-errors=${this.noteFormErrors}
        ></rh-agency-inbox>
      </section>

      <section aria-labelledby="log-heading">
        <h2 id="log-heading" tabindex="-1">Release log</h2>
        <rh-release-log .releases=${this.data.releases} .teams=${runConsole.teams}></rh-release-log>
      </section>
    `;
  }

  private readonly reopen = async (event: CustomEvent<{ teamId: string; teamName: string }>): Promise<void> => {
    const { teamId, teamName } = event.detail;
    if (this.reopening) return;
    this.reopening = teamId;
    try {
      await apiSend<{ reopenedAt: string }>(
        'POST',
        `/runs/${encodeURIComponent(this.runId)}/teams/${encodeURIComponent(teamId)}/reopen`,
      );
      this.reopenErrors = [];
      this.reopenOutcome = {
        count: (this.reopenOutcome?.count ?? 0) + 1,
        message: `${teamName}'s work is open again. The team can change it and submit it again.`,
      };
      void this.fetchAll();
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
    void this.fetchAll();
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
