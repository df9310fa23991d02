import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../client/api/api-error.js';
import { AnswerOutbox, debounceMs } from '../../../client/outbox/answer-outbox.js';
import type { AnswerValue, AnswerWrite, OutboxStorage, Timers } from '../../../client/outbox/answer-outbox.js';

/** Timers that move only when the test says, running what falls due in order. */
class ManualClock implements Timers {
  private time = 1_000_000;
  private nextId = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();

  now = (): number => this.time;

  setTimeout = (callback: () => void, ms: number): number => {
    const id = this.nextId++;
    this.pending.set(id, { at: this.time + ms, callback });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.pending.delete(handle as number);
  };

  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      await settle();
      const due = [...this.pending].filter(([, timer]) => timer.at <= until).sort(([, a], [, b]) => a.at - b.at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.time = Math.max(this.time, due[1].at);
      due[1].callback();
    }
    this.time = until;
    await settle();
  }
}

/** Lets every promise chain the outbox started run to its end. */
async function settle(): Promise<void> {
  for (let round = 0; round < 5; round += 1) await new Promise((resolve) => setImmediate(resolve));
}

class MemoryStorage implements OutboxStorage {
  readonly values = new Map<string, string>();
  getItem(key: string): string | null {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.values.set(key, value);
  }
  removeItem(key: string): void {
    this.values.delete(key);
  }
}

interface Sent extends AnswerWrite {
  readonly itemId: string;
}

type Reply = (write: Sent, attempt: number) => Promise<number> | number;

/** A server that records every write and answers each as `reply` says (a new revision, or a throw). */
function fakeServer(reply: Reply = () => 1) {
  const sent: Sent[] = [];
  const send = async (itemId: string, write: AnswerWrite) => {
    const entry = { itemId, ...write };
    sent.push(entry);
    const attempt = sent.filter((other) => other.itemId === itemId).length;
    const revision = await reply(entry, attempt);
    return { itemId, value: write.value, revision, updatedAt: '2026-03-02T10:00:00.000Z', contradictions: [] };
  };
  return { sent, send };
}

const noAnswers = { answers: {}, decisions: [], submittedAt: null, contradictions: [] };
const storageKey = 'rehearse:answer-outbox:team-a';

function outboxWith(server: ReturnType<typeof fakeServer>, { storage = new MemoryStorage(), clock = new ManualClock() } = {}) {
  const outbox = new AnswerOutbox({ send: server.send, storage, storageKey, timers: clock });
  return { outbox, storage, clock };
}

const networkDown = () => new ApiError(0, 'network_error', 'Rehearse could not reach the server.');
const serverFailed = () => new ApiError(503, 'unavailable', 'Try again later.');

describe('the answer outbox', () => {
  it('sends a change after the pause in typing, and at once when asked', async () => {
    const server = fakeServer();
    const { outbox, clock } = outboxWith(server);
    outbox.sync(noAnswers);
    outbox.change('children', 'Two');
    await clock.advance(debounceMs - 1);
    expect(server.sent).toEqual([]);
    expect(outbox.status).toBe('saving');
    await clock.advance(1);
    expect(server.sent).toMatchObject([{ itemId: 'children', value: 'Two', baseRevision: 0 }]);
    outbox.change('lives-with', 'yes', { immediate: true });
    await clock.advance(0);
    expect(server.sent.map((write) => write.itemId)).toEqual(['children', 'lives-with']);
    expect(outbox.status).toBe('saved');
  });

  it.each([
    ['the connection dropped', networkDown],
    ['the server failed', serverFailed],
    ['the server asked to slow down', () => new ApiError(429, 'too_many_requests', 'Slow down.')],
  ])('retries a write with the same key, backing off, when %s', async (_case, failure) => {
    const server = fakeServer((_write, attempt) => {
      if (attempt <= 2) throw failure();
      return 1;
    });
    const { outbox, clock } = outboxWith(server);
    outbox.sync(noAnswers);
    outbox.change('children', 'Two', { immediate: true });
    await clock.advance(0);
    expect(server.sent).toHaveLength(1);
    await clock.advance(999);
    expect(server.sent).toHaveLength(1);
    await clock.advance(1);
    expect(server.sent).toHaveLength(2);
    await clock.advance(1_999);
    expect(server.sent).toHaveLength(2);
    await clock.advance(1);
    expect(server.sent).toHaveLength(3);
    expect(new Set(server.sent.map((write) => write.idempotencyKey)).size).toBe(1);
    expect(server.sent.every((write) => write.value === 'Two' && write.baseRevision === 0)).toBe(true);
    expect(outbox.status).toBe('saved');
  });

  it('says it is offline while the connection is down, and sends at once when it comes back', async () => {
    const server = fakeServer((_write, attempt) => {
      if (attempt === 1) throw networkDown();
      return 1;
    });
    const { outbox, clock } = outboxWith(server);
    outbox.sync(noAnswers);
    outbox.change('children', 'Two', { immediate: true });
    await clock.advance(0);
    expect(outbox.status).toBe('offline');
    outbox.setOnline(true);
    await clock.advance(0);
    expect(server.sent).toHaveLength(2);
    expect(server.sent[1]!.idempotencyKey).toBe(server.sent[0]!.idempotencyKey);
    expect(outbox.status).toBe('saved');
  });

  it('queues what is typed during a retry behind the write in flight, never editing what was sent', async () => {
    const server = fakeServer((_write, attempt) => {
      if (attempt === 1) throw networkDown();
      return attempt;
    });
    const { outbox, clock } = outboxWith(server);
    outbox.sync(noAnswers);
    outbox.change('notes', 'First', { immediate: true });
    await clock.advance(0);
    outbox.change('notes', 'First and second', { immediate: true });
    expect(outbox.valueOf('notes')).toBe('First and second');
    await clock.advance(1_000);
    expect(server.sent.map((write) => write.value)).toEqual(['First', 'First', 'First and second']);
    expect(server.sent[2]!.baseRevision).toBe(2);
    expect(server.sent[2]!.idempotencyKey).not.toBe(server.sent[0]!.idempotencyKey);
  });

  it('keeps both versions when a teammate saved first, taking theirs from the 409 itself', async () => {
    const theirs = { value: 'Three' as AnswerValue, revision: 4, updatedAt: '2026-03-02T09:59:00.000Z' };
    const server = fakeServer((write) => {
      throw new ApiError(409, 'answer_conflict', 'Someone else in your team changed this answer.', [], {
        error: { code: 'answer_conflict', message: 'Someone else in your team changed this answer.' },
        conflict: { itemId: write.itemId, yours: write.value, theirs },
      });
    });
    const { outbox, clock } = outboxWith(server);
    outbox.sync({ ...noAnswers, answers: { children: { value: 'One', revision: 3, updatedAt: '2026-03-02T09:58:00.000Z' } } });
    outbox.change('children', 'Two', { immediate: true });
    await clock.advance(0);
    expect(server.sent).toMatchObject([{ itemId: 'children', value: 'Two', baseRevision: 3 }]);
    expect(outbox.conflicts.get('children')).toEqual({ itemId: 'children', yours: 'Two', theirs: { value: 'Three', revision: 4 } });
    expect(outbox.valueOf('children')).toBe('Two');
    expect(outbox.unsettled).toBe(true);
    await clock.advance(60_000);
    expect(server.sent).toHaveLength(1);
  });

  it.each([
    ['keep theirs', 'keepTheirs', 'Three', []],
    ['use mine', 'useMine', 'Two', [{ value: 'Two', baseRevision: 4 }]],
  ] as const)('settles a conflict when the team chooses to %s', async (_case, choice, shown, writes) => {
    let conflicted = false;
    const server = fakeServer((write) => {
      if (conflicted) return 5;
      conflicted = true;
      throw new ApiError(409, 'answer_conflict', 'Changed by a teammate.', [], {
        conflict: { itemId: write.itemId, yours: write.value, theirs: { value: 'Three', revision: 4, updatedAt: null } },
      });
    });
    const { outbox, clock } = outboxWith(server);
    outbox.sync(noAnswers);
    outbox.change('children', 'Two', { immediate: true });
    await clock.advance(0);
    outbox[choice]('children');
    await clock.advance(0);
    expect(outbox.conflicts.size).toBe(0);
    expect(outbox.valueOf('children')).toBe(shown);
    expect(server.sent.slice(1)).toMatchObject(writes);
    expect(outbox.unsettled).toBe(false);
  });

  it.each([
    ['400 validation_failed', new ApiError(400, 'validation_failed', 'Some of the information sent is not valid.', [{ path: 'body.value', message: 'Enter 500 characters or fewer' }]), 'Enter 500 characters or fewer'],
    ['413 body too large', new ApiError(413, 'body_too_large', 'That is too much to send at once.'), 'That is too much to send at once.'],
    ['404 not on the form', new ApiError(404, 'not_found', 'That question is not on your form. Reload the page to see the current form.'), 'That question is not on your form. Reload the page to see the current form.'],
  ])('never retries a write refused for bad input (%s), keeps what was typed and shows why', async (_case, refusal, message) => {
    const server = fakeServer((write) => {
      if (write.itemId === 'notes') throw refusal;
      return 1;
    });
    const { outbox, clock, storage } = outboxWith(server);
    outbox.sync(noAnswers);
    outbox.change('notes', 'Far too long', { immediate: true });
    outbox.change('children', 'Two', { immediate: true });
    await clock.advance(0);
    expect(outbox.problems.get('notes')).toBe(message);
    expect(outbox.valueOf('notes')).toBe('Far too long');
    expect(outbox.status).toBe('refused');
    expect(server.sent.map((write) => write.itemId)).toEqual(['notes', 'children']);
    await clock.advance(60_000);
    expect(server.sent).toHaveLength(2);
    // Still there after a reload, and sent only once it is changed.
    const reloaded = outboxWith(server, { storage, clock });
    reloaded.outbox.sync(noAnswers);
    await clock.advance(0);
    expect(server.sent).toHaveLength(2);
    expect(reloaded.outbox.valueOf('notes')).toBe('Far too long');
    expect(reloaded.outbox.problems.get('notes')).toBe(message);
    reloaded.outbox.change('notes', 'Shorter', { immediate: true });
    expect(reloaded.outbox.problems.has('notes')).toBe(false);
    await clock.advance(0);
    expect(server.sent.at(-1)).toMatchObject({ itemId: 'notes', value: 'Shorter' });
  });

  it('sends the writes queued before a reload once it knows the server’s answers, with the same key when one was tried', async () => {
    const storage = new MemoryStorage();
    const clock = new ManualClock();
    const before = fakeServer(() => {
      throw networkDown();
    });
    const first = outboxWith(before, { storage, clock });
    first.outbox.sync(noAnswers);
    first.outbox.change('children', 'Two', { immediate: true });
    first.outbox.change('notes', 'Typed just before closing the laptop');
    await clock.advance(0);
    expect(before.sent).toHaveLength(1);

    const after = fakeServer();
    const second = outboxWith(after, { storage, clock });
    expect(second.outbox.valueOf('notes')).toBe('Typed just before closing the laptop');
    await clock.advance(0);
    expect(after.sent).toEqual([]);
    second.outbox.sync(noAnswers);
    await clock.advance(0);
    expect(after.sent.map((write) => [write.itemId, write.value])).toEqual([
      ['children', 'Two'],
      ['notes', 'Typed just before closing the laptop'],
    ]);
    expect(after.sent[0]!.idempotencyKey).toBe(before.sent[0]!.idempotencyKey);
    expect(second.outbox.status).toBe('saved');
    expect(storage.values.has(storageKey)).toBe(false);
  });

  it('does not let one item that keeps failing hold up the others', async () => {
    const server = fakeServer((write) => {
      if (write.itemId === 'children') throw serverFailed();
      return 1;
    });
    const { outbox, clock } = outboxWith(server);
    outbox.sync(noAnswers);
    outbox.change('children', 'Two', { immediate: true });
    outbox.change('notes', 'Seen the school', { immediate: true });
    await clock.advance(0);
    outbox.change('lives-with', 'yes', { immediate: true });
    await clock.advance(0);
    const saved = server.sent.filter((write) => write.itemId !== 'children').map((write) => write.itemId);
    expect(saved).toEqual(['notes', 'lives-with']);
    expect(outbox.valueOf('children')).toBe('Two');
    expect(outbox.status).toBe('saving');
  });

  it.each([
    ['the work was submitted', new ApiError(409, 'work_submitted', 'Your team has submitted its work. Ask a facilitator to reopen it to make changes.')],
    ['the run is not live', new ApiError(409, 'run_not_live', 'The exercise is not live any more, so your team’s work can no longer change.')],
    ['the session ended', new ApiError(401, 'unauthenticated', 'Join the exercise again.')],
  ])('stops sending and keeps every change when %s', async (_case, refusal) => {
    const server = fakeServer(() => {
      throw refusal;
    });
    const { outbox, clock } = outboxWith(server);
    outbox.sync(noAnswers);
    outbox.change('children', 'Two', { immediate: true });
    outbox.change('notes', 'Seen the school', { immediate: true });
    await clock.advance(60_000);
    expect(server.sent).toHaveLength(1);
    expect(outbox.blocked).toBe(refusal.message);
    expect(outbox.answers()).toEqual({ children: 'Two', notes: 'Seen the school' });
    expect(outbox.unsettled).toBe(true);
  });

  it('resumes by itself, sending what waited, when a facilitator reopens submitted work', async () => {
    let submitted = true;
    const server = fakeServer(() => {
      if (submitted) throw new ApiError(409, 'work_submitted', 'Your team has submitted its work. Ask a facilitator to reopen it to make changes.');
      return 1;
    });
    const { outbox, clock } = outboxWith(server);
    outbox.sync(noAnswers);
    outbox.change('children', 'Two', { immediate: true });
    await clock.advance(0);
    outbox.change('notes', 'Seen the school', { immediate: true });
    await clock.advance(60_000);
    expect(outbox.blocked).not.toBe('');
    // The reopening arrives as a live event; the page fetches the work again and syncs it.
    submitted = false;
    outbox.sync({ ...noAnswers, submittedAt: null });
    await clock.advance(0);
    await clock.advance(0);
    expect(outbox.blocked).toBe('');
    expect(outbox.status).toBe('saved');
    expect(server.sent.filter((write) => write.itemId === 'notes')).toHaveLength(1);
  });

  it('stays stopped while the work is still submitted', async () => {
    const server = fakeServer(() => {
      throw new ApiError(409, 'work_submitted', 'Your team has submitted its work.');
    });
    const { outbox, clock } = outboxWith(server);
    outbox.sync(noAnswers);
    outbox.change('children', 'Two', { immediate: true });
    await clock.advance(0);
    outbox.sync({ ...noAnswers, submittedAt: '2026-03-02T10:00:00.000Z' });
    await clock.advance(60_000);
    expect(server.sent).toHaveLength(1);
    expect(outbox.blocked).toBe('Your team has submitted its work.');
  });

  it('takes a teammate’s saved answer for an item with nothing waiting, but not over a change waiting here', async () => {
    const server = fakeServer(() => new Promise<number>(() => {}));
    const { outbox } = outboxWith(server);
    outbox.sync(noAnswers);
    outbox.change('notes', 'Mine, not sent yet');
    outbox.sync({
      ...noAnswers,
      answers: {
        notes: { value: 'Theirs', revision: 2, updatedAt: '2026-03-02T10:00:00.000Z' },
        children: { value: 'Three', revision: 1, updatedAt: '2026-03-02T10:00:00.000Z' },
      },
    });
    expect(outbox.answers()).toEqual({ notes: 'Mine, not sent yet', children: 'Three' });
  });

  it('hands each accepted save’s reply to its listeners, one per change, and none for a refused one', async () => {
    const server = fakeServer((write) => {
      if (write.value === 'refused') throw new ApiError(400, 'validation_failed', 'Not valid.');
      return write.baseRevision + 1;
    });
    const { outbox, clock } = outboxWith(server);
    const replies: Array<{ itemId: string; revision: number }> = [];
    outbox.subscribeSaved((saved) => replies.push({ itemId: saved.itemId, revision: saved.revision }));
    outbox.sync(noAnswers);
    for (const value of ['One', 'Two', 'Three']) {
      outbox.change('children', value, { immediate: true });
      await clock.advance(0);
    }
    outbox.change('notes', 'refused', { immediate: true });
    await clock.advance(0);
    expect(server.sent).toHaveLength(4);
    expect(replies).toEqual([
      { itemId: 'children', revision: 1 },
      { itemId: 'children', revision: 2 },
      { itemId: 'children', revision: 3 },
    ]);
  });

  it('says while an item’s write is on its way, and when it is over, so a live event can wait for the reply', async () => {
    let answer: (revision: number) => void = () => {};
    const server = fakeServer(() => new Promise<number>((resolve) => (answer = resolve)));
    const { outbox, clock } = outboxWith(server);
    const heard: number[] = [];
    outbox.subscribeSaved((saved) => heard.push(saved.revision));
    outbox.sync(noAnswers);
    expect(outbox.writing('children')).toBeUndefined();
    outbox.change('children', 'Two', { immediate: true });
    await clock.advance(0);
    const writing = outbox.writing('children');
    expect(writing).toBeInstanceOf(Promise);
    expect(outbox.writing('notes')).toBeUndefined();
    answer(1);
    await writing;
    // The reply was handed on before the write counted as over.
    expect(heard).toEqual([1]);
    expect(outbox.writing('children')).toBeUndefined();
  });
});
