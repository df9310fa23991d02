/**
 * Connects a team page to the shared team workspace (client/pages/team/team-workspace.ts):
 * re-renders the page when it changes, sends a browser that has not joined to the join page, and
 * keeps it current from the team's event stream while the page is shown (see
 * live-data-controller.ts), falling back to a slow poll while the stream is down.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { requestNavigation } from '../navigation.js';
import { teamWorkspace } from '../pages/team/team-workspace.js';
import type { AnswerChange } from '../pages/team/team-workspace.js';
import { isRunState } from '../run-states.js';
import { existingAnswerOutbox } from './autosave-controller.js';
import { LiveDataController } from './live-data-controller.js';

/** How often to ask again while the event stream is down. */
const fallbackIntervalMs = 10_000;

/** The saved answer a team-work event names, if it is about one (server/live/events.ts). */
function answerChangeOf(data: unknown): AnswerChange | undefined {
  if (typeof data !== 'object' || data === null || !('answer' in data)) return undefined;
  const { answer } = data;
  if (typeof answer !== 'object' || answer === null || !('itemId' in answer) || !('revision' in answer)) return undefined;
  const { itemId, revision } = answer;
  return typeof itemId === 'string' && typeof revision === 'number' ? { itemId, revision } : undefined;
}

export class TeamWorkspaceController implements ReactiveController {
  readonly workspace = teamWorkspace;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
    new LiveDataController(host, {
      url: () => '/api/team/events',
      fallbackIntervalMs,
      resync: () => teamWorkspace.refreshLive(),
      handlers: {
        release: () => void teamWorkspace.refreshAfterRelease(),
        'run-state': (data) => {
          const state = typeof data === 'object' && data !== null && 'state' in data ? data.state : undefined;
          if (isRunState(state)) teamWorkspace.runStateChanged(state);
        },
        'run-clock': (data) => {
          const paused = typeof data === 'object' && data !== null && 'paused' in data ? data.paused : undefined;
          if (typeof paused === 'boolean') teamWorkspace.runClockChanged(paused);
        },
        'agency-message': () => void teamWorkspace.refreshThreads(),
        'team-work': (data) =>
          void teamWorkspace.workChanged(answerChangeOf(data), (itemId) => existingAnswerOutbox(teamWorkspace.teamId)?.writing(itemId)),
        meeting: () => void teamWorkspace.refreshMeetings(),
      },
    });
  }

  /** Re-renders the page, for state kept outside the workspace (the content note read on this device). */
  requestUpdate(): void {
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.unsubscribe = teamWorkspace.subscribe(() => {
      this.host.requestUpdate();
      if (teamWorkspace.notJoined) requestNavigation(this.host, '/join', { replace: true });
    });
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
