/**
 * Everything a team's pages share, loaded once and kept while the team moves between them: the
 * session, the scenario (or "not started yet"), the team's work, its information feed, its
 * agency threads and the meetings it attends. Pages read it through TeamWorkspaceController, whose live-data controller calls
 * `refreshLive` when the event stream (re)opens and each piece's refresh when an event concerns it.
 */
import type { TeamScenarioView as PackTeamScenarioView } from '../../../server/packs/views.js';
import { api, ApiError } from '../../api/client.js';
import type { ApiData } from '../../api/client.js';
import type { Loadable } from '../../loading.js';
import { currentTeam, setTeamSession } from '../../session-store.js';

export type TeamSession = ApiData<'/team/session', 'get'>;
/**
 * The scenario answer with the pack's own types: the OpenAPI document leaves the instrument's
 * recursive visibility conditions untyped (zod's lazy Condition has no schema id), and the form's
 * rules (instrument-answers.ts) evaluate them with the server's own function.
 */
export type TeamScenarioView = PackTeamScenarioView;
export type TeamScenario = { readonly status: 'waiting' } | { readonly status: 'ready'; readonly scenario: TeamScenarioView };
export type TeamWork = ApiData<'/team/work', 'get'>;
export type SavedAnswer = ApiData<'/team/answers/{itemId}', 'put'>;
/** What a team-work live event says about a saved answer (server/live/events.ts). */
export interface AnswerChange {
  readonly itemId: string;
  readonly revision: number;
}
export type TeamFeed = ApiData<'/team/feed', 'get'>;
export type FeedItem = TeamFeed['items'][number];
export type AgencyThread = ApiData<'/team/agency-threads', 'get'>['threads'][number];
export type TeamMeeting = ApiData<'/team/meetings', 'get'>['meetings'][number];
type RunState = TeamSession['run']['state'];

type Listener = () => void;

class TeamWorkspace {
  session: Loadable<TeamSession> = { status: 'pending' };
  scenario: Loadable<TeamScenario> = { status: 'pending' };
  work: TeamWork | undefined;
  feed: TeamFeed | undefined;
  threads: AgencyThread[] | undefined;
  meetings: TeamMeeting[] | undefined;
  /** Counts changes to the team's meetings (convened, written, closed), so a meeting page reloads its record. */
  meetingChanges = 0;
  /** The latest live-region announcement, e.g. "New information from CSC: CSC reply". */
  announcement = '';
  /** Set when the server says this browser has not joined (401): pages send the team to /join. */
  notJoined = false;

  private readonly listeners = new Set<Listener>();
  private started: Promise<void> | undefined;
  private announcementTimer: ReturnType<typeof setTimeout> | undefined;

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The team's id once the session has loaded. */
  get teamId(): string | undefined {
    return this.session.status === 'complete' ? this.session.value.team.id : undefined;
  }

  /** Loads the session and scenario, again if that failed or this browser has since joined another team. */
  start(): Promise<void> {
    const joined = currentTeam();
    const otherTeam = joined !== null && this.teamId !== undefined && joined.team.id !== this.teamId;
    if (!this.started || this.session.status === 'failed' || otherTeam) {
      if (otherTeam) this.forgetTeam();
      this.started = this.loadAll();
    }
    return this.started;
  }

  private async loadAll(): Promise<void> {
    try {
      const session = await api.get('/team/session');
      this.notJoined = false;
      setTeamSession(session);
      this.session = { status: 'complete', value: session };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.status === 401) {
        setTeamSession(null);
        this.notJoined = true;
      }
      this.session = { status: 'failed', error };
      this.notify();
      return;
    }
    this.notify();
    await this.loadScenario();
  }

  private forgetTeam(): void {
    this.session = { status: 'pending' };
    this.scenario = { status: 'pending' };
    this.work = undefined;
    this.feed = undefined;
    this.threads = undefined;
    this.meetings = undefined;
  }

  /** The team's scenario once the exercise is live. */
  get liveScenario(): TeamScenarioView | undefined {
    return this.scenario.status === 'complete' && this.scenario.value.status === 'ready' ? this.scenario.value.scenario : undefined;
  }

  private get live(): boolean {
    return this.liveScenario !== undefined;
  }

  /** Asks for the scenario; while the run has not started the answer is "waiting" and the holding screen stays up. */
  private async loadScenario(): Promise<void> {
    if (this.session.status !== 'complete') return;
    try {
      // Only the conditions' type differs (see TeamScenario); the shape is the route's TeamScenarioResponse.
      this.scenario = { status: 'complete', value: (await api.get('/team/scenario')) as TeamScenario };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.scenario = { status: 'failed', error };
    }
    this.notify();
  }

  /** Fetches whatever may have changed unheard (the stream was down): the scenario until it is live, then the work, feed and threads. */
  async refreshLive(): Promise<void> {
    await this.start();
    if (this.session.status !== 'complete') return;
    if (!this.live) await this.loadScenario();
    // The scenario too: a release heard nobody may have brought a decision that appears with it.
    if (this.live) await Promise.all([this.loadScenario(), this.refreshWork(), this.refreshFeed(), this.refreshThreads(), this.refreshPaused(), this.refreshMeetings()]);
  }

  /** A release can bring a decision tied to that inject, so the scenario's decisions are read again with the feed. */
  async refreshAfterRelease(): Promise<void> {
    await Promise.all([this.refreshFeed(), this.loadScenario()]);
  }

  async refreshWork(): Promise<TeamWork | undefined> {
    try {
      this.work = await api.get('/team/work');
      this.notify();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
    return this.work;
  }

  /**
   * A save of this browser's was accepted: its reply brings the answer's new revision and what depends
   * on every answer (the band, the contradictions), so the work is current without fetching it. An
   * older reply than what is shown changes nothing.
   */
  applySavedAnswer(saved: SavedAnswer): void {
    const work = this.work;
    if (!work || (work.answers[saved.itemId]?.revision ?? 0) >= saved.revision) return;
    const { itemId, value, revision, updatedAt, instrument, contradictions } = saved;
    this.work = { ...work, answers: { ...work.answers, [itemId]: { value, revision, updatedAt } }, contradictions, instrument };
    this.notify();
  }

  /**
   * The team's work changed on the server. The work is fetched again unless the change is one this
   * browser already shows: the echo of its own save. A save's event can come before the save's own
   * reply, so while `writing` says a write of that item is on its way, the reply is waited for first.
   */
  async workChanged(answer: AnswerChange | undefined, writing: (itemId: string) => Promise<void> | undefined): Promise<void> {
    if (answer) {
      if (this.shows(answer)) return;
      const pending = writing(answer.itemId);
      if (pending) {
        await pending;
        if (this.shows(answer)) return;
      }
    }
    await this.refreshWork();
  }

  private shows(answer: AnswerChange): boolean {
    return (this.work?.answers[answer.itemId]?.revision ?? 0) >= answer.revision;
  }

  async refreshFeed(): Promise<void> {
    try {
      const feed = await api.get('/team/feed');
      const known = new Set((this.feed?.items ?? []).map((item) => item.releaseId));
      const arrived = this.feed ? feed.items.filter((item) => !known.has(item.releaseId)) : [];
      this.feed = feed;
      if (arrived.length > 0) this.announce(arrived.map(describeArrival).join(' '));
      this.notify();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  }

  async refreshThreads(): Promise<void> {
    try {
      this.threads = (await api.get('/team/agency-threads')).threads;
      this.notify();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  }

  /** The meetings the team attends; a meeting event also tells an open meeting page to reload its record. */
  async refreshMeetings(): Promise<void> {
    try {
      this.meetings = (await api.get('/team/meetings')).meetings;
      this.meetingChanges += 1;
      this.notify();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  }

  /** Marks a feed item read (once); the unread count drops straight away. */
  async markRead(releaseId: string): Promise<void> {
    const item = this.feed?.items.find((candidate) => candidate.releaseId === releaseId);
    if (!this.feed || !item || item.readAt !== null) return;
    const readAt = new Date().toISOString();
    this.feed = {
      items: this.feed.items.map((candidate) => (candidate === item ? { ...candidate, readAt } : candidate)),
      unread: Math.max(0, this.feed.unread - 1),
    };
    this.notify();
    try {
      await api.post('/team/feed/{releaseId}/read', { params: { path: { releaseId } } });
    } catch (error) {
      // Not being marked read on the server only means it shows as new again after a reload.
      if (!(error instanceof ApiError)) throw error;
    }
  }

  /** The run moved on: going live shows the scenario; any other move is reflected in the session. */
  runStateChanged(state: RunState): void {
    if (this.session.status === 'complete') {
      const session = { ...this.session.value, run: { ...this.session.value.run, state } };
      this.session = { status: 'complete', value: session };
      setTeamSession(session);
    }
    // Said at once to whoever is on a team page, whichever page it is (the banner shows it too).
    if (state === 'closed') this.announce('The exercise has ended. Your team’s work can no longer be changed.');
    this.notify();
    if (state === 'live' && !this.live) void this.refreshLive();
    else void this.refreshWork();
  }

  /** A pause or resume may have gone unheard while the stream was down. */
  private async refreshPaused(): Promise<void> {
    try {
      this.runClockChanged((await api.get('/team/session')).run.paused);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  }

  /** The facilitator paused or resumed the exercise: every team page shows or clears the banner, and says so. */
  runClockChanged(paused: boolean): void {
    if (this.session.status !== 'complete' || this.session.value.run.paused === paused) return;
    const session = { ...this.session.value, run: { ...this.session.value.run, paused } };
    this.session = { status: 'complete', value: session };
    setTeamSession(session);
    this.announce(paused ? 'Your facilitator has paused the exercise.' : 'The exercise has resumed.');
    this.notify();
  }

  private announce(text: string): void {
    this.announcement = text;
    clearTimeout(this.announcementTimer);
    // Cleared after a while so that a later arrival with the same words is announced again.
    this.announcementTimer = setTimeout(() => {
      this.announcement = '';
      this.notify();
    }, 8_000);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

function describeArrival(item: FeedItem): string {
  if (item.kind === 'micro-teach') return `New micro-teach: ${item.title}.`;
  return item.from ? `New information from ${item.from}: ${item.title}.` : `New information: ${item.title}.`;
}

export const teamWorkspace = new TeamWorkspace();
