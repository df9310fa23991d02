/**
 * Everything a team's pages share, loaded once and kept while the team moves between them: the
 * session, the scenario (or "not started yet"), the team's work, its information feed and its
 * agency threads. Pages read it through TeamWorkspaceController, which also keeps the live event
 * stream open and refreshes the pieces each event concerns.
 */
import type { AgencyThread } from '../../../server/agencies/schema.js';
import type { TeamFeed } from '../../../server/injects/schema.js';
import type { TeamScenarioView } from '../../../server/packs/views.js';
import type { TeamScenarioResponse, TeamSession } from '../../../server/teams/schema.js';
import type { TeamWork } from '../../../server/workspace/schema.js';
import { ApiError, apiGet, apiSend } from '../../api.js';
import { setTeamSession } from '../../session-store.js';

export type FeedItem = TeamFeed['items'][number];

export type Loadable<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'loaded'; readonly value: T }
  | { readonly status: 'failed'; readonly error: ApiError };

export type ScenarioState =
  | { readonly status: 'loading' }
  | { readonly status: 'waiting' }
  | { readonly status: 'ready'; readonly value: TeamScenarioView }
  | { readonly status: 'failed'; readonly error: ApiError };

type Listener = () => void;

class TeamWorkspace {
  session: Loadable<TeamSession> = { status: 'loading' };
  scenario: ScenarioState = { status: 'loading' };
  work: TeamWork | undefined;
  feed: TeamFeed | undefined;
  threads: AgencyThread[] | undefined;
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

  /** Loads what has not been loaded yet; the event stream opening refreshes the rest. */
  start(): Promise<void> {
    if (!this.started || this.session.status === 'failed') this.started = this.loadAll();
    return this.started;
  }

  private async loadAll(): Promise<void> {
    try {
      const session = await apiGet<TeamSession>('/team/session');
      this.notJoined = false;
      setTeamSession(session);
      this.session = { status: 'loaded', value: session };
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

  /** Asks for the scenario; while the run has not started this leaves the holding screen up. */
  async loadScenario(): Promise<void> {
    if (this.session.status !== 'loaded') return;
    try {
      const answer = await apiGet<TeamScenarioResponse>('/team/scenario');
      this.scenario = answer.status === 'ready' ? { status: 'ready', value: answer.scenario } : { status: 'waiting' };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.scenario = { status: 'failed', error };
    }
    this.notify();
    if (this.scenario.status === 'ready') await this.refreshLive();
  }

  /** Fetches the team's work, feed and threads again (after an event, or a reconnect). */
  async refreshLive(): Promise<void> {
    if (this.scenario.status !== 'ready') {
      if (this.scenario.status === 'waiting') await this.loadScenario();
      return;
    }
    await Promise.all([this.refreshWork(), this.refreshFeed(), this.refreshThreads()]);
  }

  async refreshWork(): Promise<TeamWork | undefined> {
    try {
      this.work = await apiGet<TeamWork>('/team/work');
      this.notify();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
    return this.work;
  }

  async refreshFeed(): Promise<void> {
    try {
      const feed = await apiGet<TeamFeed>('/team/feed');
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
      this.threads = (await apiGet<{ threads: AgencyThread[] }>('/team/agency-threads')).threads;
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
      await apiSend<void>('POST', `/team/feed/${encodeURIComponent(releaseId)}/read`);
    } catch (error) {
      // Not being marked read on the server only means it shows as new again after a reload.
      if (!(error instanceof ApiError)) throw error;
    }
  }

  /** The run moved on: going live shows the scenario; any other move is reflected in the session. */
  runStateChanged(state: string): void {
    if (this.session.status === 'loaded') {
      const session = { ...this.session.value, run: { ...this.session.value.run, state: state as TeamSession['run']['state'] } };
      this.session = { status: 'loaded', value: session };
      setTeamSession(session);
    }
    this.notify();
    if (state === 'live' && this.scenario.status !== 'ready') void this.loadScenario();
    else void this.refreshWork();
  }

  /** Records a submission (or any other change of the work) made from this browser. */
  setWork(work: TeamWork): void {
    this.work = work;
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
