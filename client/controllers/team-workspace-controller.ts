/**
 * Connects a team page to the shared team workspace (client/pages/team/team-workspace.ts): loads it
 * when the page connects, re-renders the page when it changes, sends a browser that has not joined
 * to the join page, and keeps the team's live event stream open while the page is shown, falling
 * back to a slow poll while the stream is down.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { requestNavigation } from '../navigation.js';
import { teamWorkspace } from '../pages/team/team-workspace.js';
import { EventStreamController } from './event-stream-controller.js';

/** How often to ask again while the event stream is down. */
const fallbackIntervalMs = 10_000;

export class TeamWorkspaceController implements ReactiveController {
  readonly workspace = teamWorkspace;
  private unsubscribe: (() => void) | undefined;
  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
    new EventStreamController(host, {
      url: '/api/team/events',
      fallbackIntervalMs,
      handlers: {
        release: () => void teamWorkspace.refreshFeed(),
        'run-state': (data) => teamWorkspace.runStateChanged(stateOf(data)),
        'agency-message': () => void teamWorkspace.refreshThreads(),
        'team-work': () => void teamWorkspace.refreshWork(),
        resync: () => void teamWorkspace.refreshLive(),
      },
      // Whatever happened before the stream (re)opened was not heard: fetch it.
      onOpen: () => void teamWorkspace.refreshLive(),
      onFallback: () => void teamWorkspace.refreshLive(),
    });
  }

  hostConnected(): void {
    this.unsubscribe = teamWorkspace.subscribe(() => {
      this.host.requestUpdate();
      if (teamWorkspace.notJoined) requestNavigation(this.host, '/join', { replace: true });
    });
    void teamWorkspace.start().then(() => {
      if (teamWorkspace.notJoined) requestNavigation(this.host, '/join', { replace: true });
    });
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}

function stateOf(data: unknown): string {
  return typeof data === 'object' && data !== null && 'state' in data && typeof data.state === 'string' ? data.state : '';
}
