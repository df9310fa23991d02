/**
 * Autosave for a team's instrument answers: the browser side of the answer outbox
 * (client/outbox/answer-outbox.ts, which holds the rules). One outbox per team in a tab, kept in
 * localStorage, sending through the API and told when the connection comes and goes; the
 * controller re-renders its page as saving progresses.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { api } from '../api/client.js';
import type { ApiData } from '../api/client.js';
import { AnswerOutbox } from '../outbox/answer-outbox.js';
import type { OutboxStorage, SaveStatus } from '../outbox/answer-outbox.js';

type TeamWork = ApiData<'/team/work', 'get'>;
type SavedAnswer = ApiData<'/team/answers/{itemId}', 'put'>;

const outboxes = new Map<string, AnswerOutbox>();

function browserStorage(): OutboxStorage | undefined {
  try {
    return window.localStorage;
  } catch {
    // Storage turned off: the outbox keeps its queue in memory only.
    return undefined;
  }
}

/** The one outbox of a team in this tab, shared by every page that edits answers. */
function answerOutboxFor(teamId: string): AnswerOutbox {
  let outbox = outboxes.get(teamId);
  if (!outbox) {
    const created = new AnswerOutbox({
      send: (itemId, write) => api.put('/team/answers/{itemId}', { params: { path: { itemId } }, body: write }),
      storage: browserStorage(),
      storageKey: `rehearse:answer-outbox:${teamId}`,
      online: navigator.onLine,
    });
    window.addEventListener('online', () => created.setOnline(true));
    window.addEventListener('offline', () => created.setOnline(false));
    outboxes.set(teamId, created);
    outbox = created;
  }
  return outbox;
}

/** The team's outbox if a page of this tab has made it; live events ask it what is on its way. */
export function existingAnswerOutbox(teamId: string | undefined): AnswerOutbox | undefined {
  return teamId === undefined ? undefined : outboxes.get(teamId);
}

export const saveStatusText: Record<SaveStatus, string> = {
  saved: 'All changes saved',
  saving: 'Saving…',
  offline: 'Offline – your changes are kept on this device and will be sent when you reconnect',
  refused: 'Some answers could not be saved – the message by each says why',
  conflict: 'Not saved – a teammate changed an answer at the same time: choose which to keep',
  blocked: 'Your changes cannot be saved now',
};

/**
 * Connects a page to its team's answer outbox: re-renders the page as saving progresses, feeds the
 * outbox the work the page loads, and hands `onSaved` each accepted save's reply (which carries what
 * the server computes from the answers, such as the band), so the work needs no fetching after it.
 */
export class AutosaveController implements ReactiveController {
  outbox: AnswerOutbox | undefined;
  private unsubscribe: (() => void) | undefined;
  private syncedWork: TeamWork | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => { teamId: string | undefined; work: TeamWork | undefined },
    private readonly onSaved: (saved: SavedAnswer) => void = () => {},
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const { teamId, work } = this.source();
    if (teamId && this.outbox === undefined) {
      const outbox = answerOutboxFor(teamId);
      this.outbox = outbox;
      const unsubscribeChanges = outbox.subscribe(() => this.host.requestUpdate());
      const unsubscribeSaved = outbox.subscribeSaved((saved) => this.onSaved(saved));
      this.unsubscribe = () => {
        unsubscribeChanges();
        unsubscribeSaved();
      };
    }
    if (this.outbox && work && work !== this.syncedWork) {
      this.syncedWork = work;
      this.outbox.sync(work);
    }
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.outbox = undefined;
    this.syncedWork = undefined;
  }
}
