import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../client/api/api-error.js';
import { AnswerOutbox, saveStatusOf } from '../../../client/outbox/answer-outbox.js';
import type { AnswerWrite, SaveState, SaveStatus } from '../../../client/outbox/answer-outbox.js';

const settled: SaveState = { waiting: 0, offline: false, conflicts: 0, refused: 0, blocked: false };

describe('the save status', () => {
  it.each<[string, Partial<SaveState>, SaveStatus]>([
    ['nothing waiting, nothing refused, no conflict', {}, 'saved'],
    ['offline with nothing waiting: the screen still shows what the server holds', { offline: true }, 'saved'],
    ['a change waiting', { waiting: 1 }, 'saving'],
    ['a change waiting while offline', { waiting: 2, offline: true }, 'offline'],
    ['a field holds a value the server refused', { refused: 1 }, 'refused'],
    ['a refused value while another change is saving', { refused: 1, waiting: 1 }, 'refused'],
    ['a conflict not yet settled', { conflicts: 1 }, 'conflict'],
    ['a conflict and a refusal', { conflicts: 1, refused: 1 }, 'conflict'],
    ['writes stopped (work submitted) with changes waiting', { blocked: true, waiting: 3 }, 'blocked'],
  ])('%s → %s', (_case, state, expected) => {
    expect(saveStatusOf({ ...settled, ...state })).toBe(expected);
  });

  it('is never "saved" while a field holds a value the server refused, or a conflict is open, in the outbox itself', async () => {
    const attempts: string[] = [];
    const send = async (itemId: string, write: AnswerWrite) => {
      attempts.push(itemId);
      if (itemId === 'notes') throw new ApiError(400, 'validation_failed', 'Not valid.', [{ path: 'body.value', message: 'Enter 500 characters or fewer' }]);
      if (itemId === 'children' && attempts.filter((id) => id === 'children').length === 1) {
        throw new ApiError(409, 'answer_conflict', 'Changed by a teammate.', [], {
          conflict: { itemId, yours: write.value, theirs: { value: 'Three', revision: 4, updatedAt: null } },
        });
      }
      return { itemId, value: write.value, revision: 5, updatedAt: '2026-03-02T10:00:00.000Z', contradictions: [] };
    };
    const outbox = new AnswerOutbox({ send, storage: undefined, storageKey: 'unused', online: true });
    outbox.sync({ answers: {}, contradictions: [], decisions: [], submittedAt: null });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

    outbox.change('children', 'Two', { immediate: true });
    await settle();
    expect(outbox.status).toBe('conflict');
    outbox.keepTheirs('children');
    expect(outbox.status).toBe('saved');

    outbox.change('notes', 'x'.repeat(501), { immediate: true });
    await settle();
    expect(outbox.status).toBe('refused');
    // Typing the server's value back (nothing) settles it without a write.
    outbox.change('notes', null);
    expect(outbox.status).toBe('saved');
  });
});
