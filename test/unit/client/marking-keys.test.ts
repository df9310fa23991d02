import { describe, expect, it } from 'vitest';
import { markingKeyAction } from '../../../client/marking-keys.js';

const press = (key: string, modifiers: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) => ({
  key,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...modifiers,
});

describe('marking keyboard shortcuts', () => {
  it('number keys 1 to 9 choose the level at that position', () => {
    expect(markingKeyAction(press('1'), false)).toEqual({ kind: 'level', index: 0 });
    expect(markingKeyAction(press('9'), false)).toEqual({ kind: 'level', index: 8 });
    expect(markingKeyAction(press('0'), false)).toBeUndefined();
  });

  it('n and p, or Alt with the arrow keys, move between criteria', () => {
    expect(markingKeyAction(press('n'), false)).toEqual({ kind: 'next' });
    expect(markingKeyAction(press('p'), false)).toEqual({ kind: 'previous' });
    expect(markingKeyAction(press('ArrowRight', { altKey: true }), false)).toEqual({ kind: 'next' });
    expect(markingKeyAction(press('ArrowLeft', { altKey: true }), false)).toEqual({ kind: 'previous' });
    expect(markingKeyAction(press('ArrowRight'), false)).toBeUndefined();
  });

  it('leaves keys alone while typing in a text field, and with Ctrl or Cmd held', () => {
    expect(markingKeyAction(press('3'), true)).toBeUndefined();
    expect(markingKeyAction(press('n'), true)).toBeUndefined();
    expect(markingKeyAction(press('ArrowRight', { altKey: true }), true)).toBeUndefined();
    expect(markingKeyAction(press('1', { ctrlKey: true }), false)).toBeUndefined();
    expect(markingKeyAction(press('p', { metaKey: true }), false)).toBeUndefined();
    expect(markingKeyAction(press('2', { altKey: true }), false)).toBeUndefined();
  });
});
