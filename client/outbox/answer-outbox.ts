/**
 * The outbox of a team's instrument answers, built so that nothing typed is lost. Free of the DOM
 * and of Lit: storage, the send function and the timers are given to it, so its rules are tested
 * as they are (test/unit/client/outbox.test.ts); autosave-controller.ts connects it to the pages.
 *
 * Every change goes straight into the queue, which is kept in storage (localStorage in the browser),
 * so a reload or a closed laptop keeps it; after a reload the queue is sent once the server's answers
 * are known. A change waits for a pause in typing (or goes at once), carries the revision this
 * browser last knew for the item and an idempotency key, fresh for each distinct value. One write is
 * in flight at a time, and only the oldest write of each item is eligible, so an item's writes reach
 * the server in the order they were typed.
 *
 * What happens when a write fails depends on why, and one item's trouble never holds up another:
 * - the server could not be reached, failed (5xx) or asked to slow down (429): the write is retried
 *   under the SAME key with backoff (the server applies it at most once), and never edited again;
 * - a teammate saved the item first (409 answer_conflict): the reply carries their version; both are
 *   kept until the team chooses "Keep theirs" or "Use mine" (which writes again from their revision);
 * - the work cannot change now (the session ended, the run is not live, the work was submitted):
 *   sending stops with the server's reason, and every change stays queued for when it can go; when
 *   a facilitator reopens submitted work, the next sync (the page refetches the work on the live
 *   event) resumes sending by itself;
 * - the write itself was refused (400 validation_failed, 413, 404 …): it is never retried and leaves
 *   the queue; what was typed stays on screen with the server's message, until it is changed.
 */
import { ApiError } from '../api/api-error.js';
import type { AnswerConflict } from '../api/api-error.js';
import type { ApiData } from '../api/client.js';
import { newIdempotencyKey } from '../idempotency-key.js';

type TeamWork = ApiData<'/team/work', 'get'>;
type SavedAnswer = ApiData<'/team/answers/{itemId}', 'put'>;
export type AnswerValue = SavedAnswer['value'];

export const debounceMs = 600;
const firstBackoffMs = 1_000;
const maxBackoffMs = 30_000;

export interface AnswerWrite {
  readonly value: AnswerValue;
  readonly baseRevision: number;
  readonly idempotencyKey: string;
}

export type SendAnswer = (itemId: string, write: AnswerWrite) => Promise<SavedAnswer>;

/** The part of the Web Storage interface the outbox uses. */
export type OutboxStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface Timers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface AnswerOutboxOptions {
  readonly send: SendAnswer;
  readonly storage: OutboxStorage | undefined;
  readonly storageKey: string;
  readonly timers?: Timers;
  readonly online?: boolean;
}

interface OutboxEntry {
  readonly itemId: string;
  value: AnswerValue;
  idempotencyKey: string;
  /** The revision the write starts from, fixed at its first attempt. */
  baseRevision: number | null;
  /** Sent at least once: its key and value may already be applied, so it is never edited again. */
  attempted: boolean;
  /** Not sent before this time (ms since the epoch): the typing pause, or the backoff after a failure. */
  readyAt: number;
  /** Attempts that failed in a way worth retrying, for the backoff. */
  failures: number;
}

export interface Conflict {
  readonly itemId: string;
  readonly yours: AnswerValue;
  readonly theirs: { readonly value: AnswerValue; readonly revision: number };
}

interface Refusal {
  readonly value: AnswerValue;
  readonly message: string;
}

interface Stored {
  entries?: OutboxEntry[];
  conflicts?: Conflict[];
  refused?: Array<[string, Refusal]>;
}

export type SaveStatus = 'saved' | 'saving' | 'offline' | 'refused' | 'conflict' | 'blocked';

/** What the save status is worked out from: counts of what is not yet as the server holds it. */
export interface SaveState {
  /** Changes queued or in flight. */
  readonly waiting: number;
  readonly offline: boolean;
  /** Items where a teammate's answer and this screen's differ, until the team chooses. */
  readonly conflicts: number;
  /** Items whose value on screen the server refused. */
  readonly refused: number;
  /** Writes stopped for the whole work (submitted, run closed, signed out). */
  readonly blocked: boolean;
}

/**
 * "saved" only when the screen shows what the server holds: nothing waiting, no refused value still
 * in a field, no conflict left to settle. Otherwise what the team must act on comes first (a stop,
 * a conflict, a refusal), then what will settle by itself (offline, saving). Pure.
 */
export function saveStatusOf(state: SaveState): SaveStatus {
  if (state.blocked) return 'blocked';
  if (state.conflicts > 0) return 'conflict';
  if (state.refused > 0) return 'refused';
  if (state.waiting > 0) return state.offline ? 'offline' : 'saving';
  return 'saved';
}

type Listener = () => void;
type SavedListener = (saved: SavedAnswer) => void;

const systemTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Refusals that are about the whole team's work, not this write: nothing can be saved until they change. */
function stopsEveryWrite(error: ApiError): boolean {
  if (error.status === 401 || error.status === 403) return true;
  return error.status === 409 && (error.code === 'run_not_live' || error.code === 'work_submitted');
}

function sameValue(a: AnswerValue | undefined, b: AnswerValue | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class AnswerOutbox {
  readonly conflicts = new Map<string, Conflict>();
  /** Why writes stopped (the work was submitted, the run closed): shown instead of retrying. */
  blocked = '';
  /** The server's code for that stop, so the outbox knows what would lift it. */
  private blockedCode = '';
  offline: boolean;

  private entries: OutboxEntry[] = [];
  private readonly refused = new Map<string, Refusal>();
  private readonly revisions = new Map<string, number>();
  private readonly serverValues = new Map<string, AnswerValue>();
  private synced = false;
  private sending = false;
  private timer: unknown;
  private readonly listeners = new Set<Listener>();
  private readonly savedListeners = new Set<SavedListener>();
  /** The write on its way to the server, and when it is over (saved or not). */
  private inFlight: { readonly itemId: string; readonly over: Promise<void> } | undefined;
  private readonly timers: Timers;

  constructor(private readonly options: AnswerOutboxOptions) {
    this.timers = options.timers ?? systemTimers;
    this.offline = options.online === false;
    this.restore();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Hears each write the server accepted, with its reply, before the write counts as over: the page
   * applies the reply instead of fetching the work again.
   */
  subscribeSaved(listener: SavedListener): () => void {
    this.savedListeners.add(listener);
    return () => this.savedListeners.delete(listener);
  }

  /**
   * While a write of this item is on its way, when it is over; otherwise undefined. A live event about
   * the item can arrive before the reply to our own write: waiting for the reply tells whether the
   * event was our write or someone else's.
   */
  writing(itemId: string): Promise<void> | undefined {
    return this.inFlight?.itemId === itemId ? this.inFlight.over : undefined;
  }

  get status(): SaveStatus {
    return saveStatusOf({
      waiting: this.entries.length,
      offline: this.offline,
      conflicts: this.conflicts.size,
      refused: this.refused.size,
      blocked: this.blocked !== '',
    });
  }

  /** Whether changes are queued or in flight (whatever else the status says). */
  get hasWaitingChanges(): boolean {
    return this.entries.length > 0;
  }

  /** Whether anything typed has not reached the server, or waits for the team to settle it. */
  get unsettled(): boolean {
    return this.entries.length > 0 || this.conflicts.size > 0 || this.refused.size > 0;
  }

  /** The server's message for each item whose write it refused, by item. */
  get problems(): ReadonlyMap<string, string> {
    return new Map([...this.refused].map(([itemId, refusal]) => [itemId, refusal.message]));
  }

  /** The browser's connection came or went; coming back sends at once what waits. */
  setOnline(online: boolean): void {
    this.offline = !online;
    if (online) this.retryNow();
    else this.notify();
  }

  /**
   * Takes in the answers the server holds. An item with nothing waiting here takes the server's
   * value and revision (a teammate's change shows up); an item with changes waiting keeps the
   * revision it started from, so the server can tell whether they would overwrite someone.
   */
  sync(work: TeamWork): void {
    // A facilitator reopened the work (the page heard of it live and fetched the work again): what
    // waits here is sent at once, without a reload.
    const reopened = this.blockedCode === 'work_submitted' && work.submittedAt === null;
    if (reopened) {
      this.blocked = '';
      this.blockedCode = '';
    }
    for (const [itemId, answer] of Object.entries(work.answers)) {
      if (this.entries.some((entry) => entry.itemId === itemId) || this.conflicts.has(itemId)) continue;
      this.revisions.set(itemId, answer.revision);
      this.serverValues.set(itemId, answer.value);
    }
    const firstSync = !this.synced;
    this.synced = true;
    if (firstSync || reopened) this.retryNow();
    this.notify();
  }

  /** The answer to show: what was typed here and not yet saved, else what the server holds. */
  valueOf(itemId: string): AnswerValue | undefined {
    return this.answers()[itemId];
  }

  /** Every answer as it stands on this screen. */
  answers(): Record<string, AnswerValue> {
    const answers: Record<string, AnswerValue> = Object.fromEntries(this.serverValues);
    for (const [itemId, refusal] of this.refused) answers[itemId] = refusal.value;
    for (const [itemId, conflict] of this.conflicts) answers[itemId] = conflict.yours;
    for (const entry of this.entries) answers[entry.itemId] = entry.value;
    return answers;
  }

  /** Queues a change; it is sent after the typing pause, or at once when `immediate`. */
  change(itemId: string, value: AnswerValue, { immediate = false }: { immediate?: boolean } = {}): void {
    this.refused.delete(itemId);
    const readyAt = this.timers.now() + (immediate ? 0 : debounceMs);
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
      this.entries.push(newEntry(itemId, value, null, readyAt));
    }
    this.changed();
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
    this.takeServerAnswer(itemId, conflict.theirs);
    this.changed();
  }

  /** Settles a conflict with this browser's answer, written over the teammate's revision. */
  useMine(itemId: string): void {
    const conflict = this.conflicts.get(itemId);
    if (!conflict) return;
    this.conflicts.delete(itemId);
    this.takeServerAnswer(itemId, conflict.theirs);
    this.entries.push(newEntry(itemId, conflict.yours, conflict.theirs.revision, 0));
    this.changed();
    this.retryNow();
  }

  /** Makes every waiting write due now, its backoff forgotten, and sends. */
  private retryNow(): void {
    const now = this.timers.now();
    for (const entry of this.entries) {
      if (entry.failures > 0) entry.readyAt = Math.min(entry.readyAt, now);
      entry.failures = 0;
    }
    this.cancelTimer();
    void this.flush();
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The oldest write of each item: the only ones that may go, so an item's writes keep their order. */
  private heads(): OutboxEntry[] {
    const heads = new Map<string, OutboxEntry>();
    for (const entry of this.entries) if (!heads.has(entry.itemId)) heads.set(entry.itemId, entry);
    return [...heads.values()];
  }

  private schedule(): void {
    if (this.sending || this.blocked || !this.synced) return;
    const next = Math.min(...this.heads().map((entry) => entry.readyAt));
    if (next === Infinity) return;
    this.cancelTimer();
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, Math.max(0, next - this.timers.now()));
  }

  private async flush(): Promise<void> {
    if (this.sending || !this.synced || this.blocked) return;
    const now = this.timers.now();
    const entry = this.heads().find((candidate) => candidate.readyAt <= now);
    if (!entry) {
      this.schedule();
      return;
    }
    this.sending = true;
    entry.baseRevision ??= this.revisions.get(entry.itemId) ?? 0;
    entry.attempted = true;
    let over = () => {};
    this.inFlight = { itemId: entry.itemId, over: new Promise<void>((resolve) => (over = resolve)) };
    this.changed();
    try {
      const saved = await this.options.send(entry.itemId, {
        value: entry.value,
        baseRevision: entry.baseRevision,
        idempotencyKey: entry.idempotencyKey,
      });
      this.remove(entry);
      this.offline = false;
      this.refused.delete(entry.itemId);
      this.takeServerAnswer(saved.itemId, saved);
      for (const listener of this.savedListeners) listener(saved);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.handleFailure(entry, error);
    } finally {
      this.sending = false;
      this.inFlight = undefined;
      over();
    }
    this.changed();
    void this.flush();
  }

  private handleFailure(entry: OutboxEntry, error: ApiError): void {
    if (error.retryable) {
      if (error.status === 0) this.offline = true;
      entry.failures += 1;
      entry.readyAt = this.timers.now() + Math.min(firstBackoffMs * 2 ** (entry.failures - 1), maxBackoffMs);
      return;
    }
    if (stopsEveryWrite(error)) {
      // Kept as it is, key and all: sent again once the work can change (reopened work, a reload).
      this.blocked = error.message;
      this.blockedCode = error.code;
      return;
    }
    const conflict = error.answerConflict;
    if (conflict) {
      this.settleConflict(entry.itemId, conflict);
      return;
    }
    this.remove(entry);
    this.refused.set(entry.itemId, { value: entry.value, message: error.details[0]?.message ?? error.message });
  }

  /** A teammate saved the item first: their version, beside the latest typed here, for the team to choose. */
  private settleConflict(itemId: string, conflict: AnswerConflict): void {
    const later = this.entries.filter((candidate) => candidate.itemId === itemId);
    const yours = later.at(-1)?.value ?? conflict.yours;
    this.entries = this.entries.filter((candidate) => candidate.itemId !== itemId);
    const theirs = { value: conflict.theirs.value, revision: conflict.theirs.revision };
    this.takeServerAnswer(itemId, theirs);
    // Both wrote the same answer: nothing to choose between.
    if (!sameValue(theirs.value, yours)) this.conflicts.set(itemId, { itemId, yours, theirs });
  }

  private takeServerAnswer(itemId: string, answer: { value: AnswerValue; revision: number }): void {
    this.revisions.set(itemId, answer.revision);
    this.serverValues.set(itemId, answer.value);
  }

  private remove(entry: OutboxEntry): void {
    this.entries = this.entries.filter((candidate) => candidate !== entry);
  }

  private changed(): void {
    this.persist();
    this.notify();
  }

  private persist(): void {
    const { storage, storageKey } = this.options;
    try {
      const stored: Stored = { entries: this.entries, conflicts: [...this.conflicts.values()], refused: [...this.refused] };
      if (this.entries.length === 0 && this.conflicts.size === 0 && this.refused.size === 0) storage?.removeItem(storageKey);
      else storage?.setItem(storageKey, JSON.stringify(stored));
    } catch {
      // Storage full or turned off: the changes still go to the server from memory.
    }
  }

  private restore(): void {
    const { storage, storageKey } = this.options;
    try {
      const stored = JSON.parse(storage?.getItem(storageKey) ?? 'null') as Stored | null;
      // Sent as soon as the server's answers are known, whatever pause or backoff they were in.
      this.entries = (stored?.entries ?? []).map((entry) => ({ ...entry, readyAt: 0, failures: 0 }));
      for (const conflict of stored?.conflicts ?? []) this.conflicts.set(conflict.itemId, conflict);
      for (const [itemId, refusal] of stored?.refused ?? []) this.refused.set(itemId, refusal);
    } catch {
      this.entries = [];
    }
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

function newEntry(itemId: string, value: AnswerValue, baseRevision: number | null, readyAt: number): OutboxEntry {
  return { itemId, value, idempotencyKey: newIdempotencyKey(), baseRevision, attempted: false, readyAt, failures: 0 };
}
