/**
 * Autosave for a team's instrument answers, built so that nothing typed is lost.
 *
 * Every change goes straight into an outbox kept in localStorage (one per team), so a reload or a
 * closed laptop keeps it. The outbox sends one write at a time: a change waits ~600 ms after the
 * last keystroke (or goes at once on leaving the field or choosing an option), carries the revision
 * this browser last knew for the item and an idempotency key, fresh for each distinct value. A write
 * whose fate is unknown (the network dropped) is retried with backoff under the SAME key, so the
 * server applies it at most once; it is never edited afterwards, later typing queues behind it.
 *
 * When a teammate saved the item first the server answers 409 answer_conflict: the outbox keeps
 * both versions (also in localStorage) and overwrites nothing until the team chooses "Keep theirs"
 * or "Use mine" (which writes again from the teammate's revision). A 400 becomes a field error.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AnswerValue, SavedAnswer, TeamWork } from '../../server/workspace/schema.js';
import { ApiError, apiGet, apiSend } from '../api.js';

export const debounceMs = 600;
const maxBackoffMs = 30_000;

interface OutboxEntry {
  readonly itemId: string;
  value: AnswerValue;
  idempotencyKey: string;
  /** The revision the write starts from, fixed at its first attempt. */
  baseRevision: number | null;
  /** Sent at least once: its key and value may already be applied, so it is never edited again. */
  attempted: boolean;
  /** Not sent before this time (ms since the epoch): the typing pause. */
  readyAt: number;
}

export interface AnswerConflict {
  readonly itemId: string;
  readonly yours: AnswerValue;
  readonly theirs: { readonly value: AnswerValue; readonly revision: number };
}

export type SaveStatus = 'saved' | 'saving' | 'offline';

type Listener = () => void;

/** A random UUID, also where crypto.randomUUID is missing (plain http on a training-room network). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function sameValue(a: AnswerValue | undefined, b: AnswerValue | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class AnswerOutbox {
  private entries: OutboxEntry[] = [];
  readonly conflicts = new Map<string, AnswerConflict>();
  /** Field errors from the server (400), by item. */
  readonly problems = new Map<string, string>();
  /** Why writes stopped (the work was submitted, the run closed): shown instead of retrying. */
  blocked = '';
  offline = typeof navigator !== 'undefined' && !navigator.onLine;

  private readonly revisions = new Map<string, number>();
  private readonly serverValues = new Map<string, AnswerValue>();
  private synced = false;
  private sending = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private backoffMs = 1_000;
  private readonly listeners = new Set<Listener>();
  private readonly storageKey: string;

  constructor(teamId: string) {
    this.storageKey = `rehearse:answer-outbox:${teamId}`;
    this.restore();
    window.addEventListener('online', () => {
      this.offline = false;
      this.retryNow();
    });
    window.addEventListener('offline', () => {
      this.offline = true;
      this.notify();
    });
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get status(): SaveStatus {
    if (this.entries.length === 0) return 'saved';
    return this.offline ? 'offline' : 'saving';
  }

  /** Whether anything typed has not reached the server, or waits for the team to settle a conflict. */
  get unsettled(): boolean {
    return this.entries.length > 0 || this.conflicts.size > 0;
  }

  /**
   * Takes in the answers the server holds. An item with nothing waiting here takes the server's
   * value and revision (a teammate's change shows up); an item with changes waiting keeps the
   * revision it started from, so the server can tell whether they would overwrite someone.
   */
  sync(work: TeamWork): void {
    for (const [itemId, answer] of Object.entries(work.answers)) {
      if (this.entries.some((entry) => entry.itemId === itemId) || this.conflicts.has(itemId)) continue;
      this.revisions.set(itemId, answer.revision);
      this.serverValues.set(itemId, answer.value);
    }
    const firstSync = !this.synced;
    this.synced = true;
    if (firstSync) this.retryNow();
    this.notify();
  }

  /** The answer to show: what was typed here and not yet saved, else what the server holds. */
  valueOf(itemId: string): AnswerValue | undefined {
    const queued = this.entries.filter((entry) => entry.itemId === itemId).at(-1);
    if (queued) return queued.value;
    const conflict = this.conflicts.get(itemId);
    if (conflict) return conflict.yours;
    return this.serverValues.get(itemId);
  }

  /** Every answer as it stands on this screen. */
  answers(): Record<string, AnswerValue> {
    const answers: Record<string, AnswerValue> = Object.fromEntries(this.serverValues);
    for (const [itemId, conflict] of this.conflicts) answers[itemId] = conflict.yours;
    for (const entry of this.entries) answers[entry.itemId] = entry.value;
    return answers;
  }

  /** Queues a change; it is sent after the typing pause, or at once when `immediate`. */
  change(itemId: string, value: AnswerValue, { immediate = false }: { immediate?: boolean } = {}): void {
    this.problems.delete(itemId);
    const readyAt = Date.now() + (immediate ? 0 : debounceMs);
    const pending = this.entries.filter((entry) => entry.itemId === itemId).at(-1);
    const conflict = this.conflicts.get(itemId);
    if (conflict) {
      // Still typing while a conflict is shown: the conflict's "yours" follows what is typed.
      this.conflicts.set(itemId, { ...conflict, yours: value });
    } else if (pending && !pending.attempted) {
      if (!sameValue(pending.value, value)) {
        pending.value = value;
        pending.idempotencyKey = newIdempotencyKey();
      }
      pending.readyAt = readyAt;
    } else if (!(pending === undefined && sameValue(this.serverValues.get(itemId) ?? null, value))) {
      this.entries.push({ itemId, value, idempotencyKey: newIdempotencyKey(), baseRevision: null, attempted: false, readyAt });
    }
    this.persist();
    this.notify();
    this.schedule();
  }

  /** Sends everything waiting now (on "Save and continue", or leaving a field). */
  flushNow(itemId?: string): void {
    for (const entry of this.entries) if (!itemId || entry.itemId === itemId) entry.readyAt = 0;
    this.retryNow();
  }

  /** Settles a conflict with the teammate's answer: nothing is sent. */
  keepTheirs(itemId: string): void {
    const conflict = this.conflicts.get(itemId);
    if (!conflict) return;
    this.conflicts.delete(itemId);
    this.revisions.set(itemId, conflict.theirs.revision);
    this.serverValues.set(itemId, conflict.theirs.value);
    this.persist();
    this.notify();
  }

  /** Settles a conflict with this browser's answer, written over the teammate's revision. */
  useMine(itemId: string): void {
    const conflict = this.conflicts.get(itemId);
    if (!conflict) return;
    this.conflicts.delete(itemId);
    this.revisions.set(itemId, conflict.theirs.revision);
    this.serverValues.set(itemId, conflict.theirs.value);
    this.entries.push({
      itemId,
      value: conflict.yours,
      idempotencyKey: newIdempotencyKey(),
      baseRevision: conflict.theirs.revision,
      attempted: false,
      readyAt: 0,
    });
    this.persist();
    this.notify();
    this.retryNow();
  }

  private retryNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.backoffMs = 1_000;
    void this.flush();
  }

  private schedule(): void {
    if (this.sending || this.timer !== undefined) return;
    const next = this.entries.reduce((soonest, entry) => Math.min(soonest, entry.readyAt), Infinity);
    if (next === Infinity) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, Math.max(0, next - Date.now()));
  }

  private async flush(): Promise<void> {
    if (this.sending || !this.synced || this.blocked) return;
    const entry = this.entries.find((candidate) => candidate.readyAt <= Date.now());
    if (!entry) {
      this.schedule();
      return;
    }
    this.sending = true;
    entry.baseRevision ??= this.revisions.get(entry.itemId) ?? 0;
    entry.attempted = true;
    this.persist();
    this.notify();
    let retryIn = 0;
    try {
      const saved = await apiSend<SavedAnswer>('PUT', `/team/answers/${encodeURIComponent(entry.itemId)}`, {
        value: entry.value,
        baseRevision: entry.baseRevision,
        idempotencyKey: entry.idempotencyKey,
      });
      this.remove(entry);
      this.offline = false;
      this.backoffMs = 1_000;
      this.revisions.set(saved.itemId, saved.revision);
      this.serverValues.set(saved.itemId, saved.value);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      retryIn = await this.handleFailure(entry, error);
    } finally {
      this.sending = false;
    }
    this.persist();
    this.notify();
    if (retryIn > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.flush();
      }, retryIn);
    } else {
      void this.flush();
    }
  }

  /** What to do about a failed write; returns how long to wait before trying again (0: go on). */
  private async handleFailure(entry: OutboxEntry, error: ApiError): Promise<number> {
    if (error.status === 0 || error.status >= 500 || error.status === 429) {
      if (error.status === 0) this.offline = true;
      const wait = this.backoffMs;
      this.backoffMs = Math.min(this.backoffMs * 2, maxBackoffMs);
      return wait;
    }
    if (error.status === 409 && error.code === 'answer_conflict') {
      // The reply names the teammate's version, but api.ts keeps only the error: ask for the work.
      let work: TeamWork;
      try {
        work = await apiGet<TeamWork>('/team/work');
      } catch {
        return this.backoffMs;
      }
      const theirs = work.answers[entry.itemId] ?? { value: null, revision: 0 };
      const later = this.entries.filter((candidate) => candidate.itemId === entry.itemId);
      const yours = later.at(-1)?.value ?? entry.value;
      for (const candidate of later) this.remove(candidate);
      this.revisions.set(entry.itemId, theirs.revision);
      this.serverValues.set(entry.itemId, theirs.value);
      // Both wrote the same answer: nothing to choose between.
      if (sameValue(theirs.value, yours)) return 0;
      this.conflicts.set(entry.itemId, { itemId: entry.itemId, yours, theirs: { value: theirs.value, revision: theirs.revision } });
      return 0;
    }
    if (error.status === 400) {
      this.problems.set(entry.itemId, error.details[0]?.message ?? error.message);
      this.remove(entry);
      return 0;
    }
    // The work was submitted, the run is no longer live, or the session ended: stop, keep the changes.
    this.blocked = error.message;
    return 0;
  }

  private remove(entry: OutboxEntry): void {
    this.entries = this.entries.filter((candidate) => candidate !== entry);
  }

  private persist(): void {
    try {
      const stored = { entries: this.entries, conflicts: [...this.conflicts.values()] };
      if (stored.entries.length === 0 && stored.conflicts.length === 0) localStorage.removeItem(this.storageKey);
      else localStorage.setItem(this.storageKey, JSON.stringify(stored));
    } catch {
      // Storage full or turned off: the changes still go to the server from memory.
    }
  }

  private restore(): void {
    try {
      const stored = JSON.parse(localStorage.getItem(this.storageKey) ?? 'null') as {
        entries?: OutboxEntry[];
        conflicts?: AnswerConflict[];
      } | null;
      this.entries = (stored?.entries ?? []).map((entry) => ({ ...entry, readyAt: 0 }));
      for (const conflict of stored?.conflicts ?? []) this.conflicts.set(conflict.itemId, conflict);
    } catch {
      this.entries = [];
    }
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

const outboxes = new Map<string, AnswerOutbox>();

/** The one outbox of a team in this tab, shared by every page that edits answers. */
export function answerOutboxFor(teamId: string): AnswerOutbox {
  let outbox = outboxes.get(teamId);
  if (!outbox) {
    outbox = new AnswerOutbox(teamId);
    outboxes.set(teamId, outbox);
  }
  return outbox;
}

export const saveStatusText: Record<SaveStatus, string> = {
  saved: 'All changes saved',
  saving: 'Saving…',
  offline: 'Offline – your changes are kept on this device and will be sent when you reconnect',
};

/**
 * Connects a page to its team's answer outbox: re-renders the page as saving progresses, feeds the
 * outbox the work the page loads, and calls `onSaved` when the outbox has emptied after saving (to
 * refresh what the server computes from the answers, such as the band).
 */
export class AutosaveController implements ReactiveController {
  outbox: AnswerOutbox | undefined;
  private unsubscribe: (() => void) | undefined;
  private syncedWork: TeamWork | undefined;
  private wasSaving = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => { teamId: string | undefined; work: TeamWork | undefined },
    private readonly onSaved: () => void = () => {},
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const { teamId, work } = this.source();
    if (teamId && this.outbox === undefined) {
      this.outbox = answerOutboxFor(teamId);
      this.unsubscribe = this.outbox.subscribe(() => this.outboxChanged());
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

  private outboxChanged(): void {
    const saving = this.outbox?.status !== 'saved';
    if (this.wasSaving && !saving) this.onSaved();
    this.wasSaving = saving;
    this.host.requestUpdate();
  }
}
