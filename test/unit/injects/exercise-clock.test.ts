/** The exercise clock's rules: pauses stop it, shifts move an inject, skipped injects never fall due, "not done by" needs the decision. */
import { describe, expect, it } from 'vitest';
import { dueSecondsOf, exerciseSeconds } from '../../../server/injects/exercise-clock.js';
import { notDoneYet } from '../../../server/injects/triggers.js';
import { Inject } from '../../../server/packs/schema.js';

const live = new Date('2026-12-01T09:00:00Z');
const at = (minutes: number) => new Date(live.getTime() + minutes * 60_000);

describe('the exercise clock', () => {
  it.each([
    { what: 'runs from going live', pausedAt: null, pausedSeconds: 0, now: 30, expected: 1800 },
    { what: 'leaves out pauses that are over', pausedAt: null, pausedSeconds: 600, now: 30, expected: 1200 },
    { what: 'stands still while paused', pausedAt: at(20), pausedSeconds: 0, now: 90, expected: 1200 },
    { what: 'never reads below zero', pausedAt: null, pausedSeconds: 0, now: -5, expected: 0 },
  ])('$what', ({ pausedAt, pausedSeconds, now, expected }) => {
    expect(exerciseSeconds({ wentLiveAt: live, pausedAt, pausedSeconds }, at(now))).toBe(expected);
  });

  const timed = Inject.parse({ id: 'timed', title: 'T', from: 'X', body: 'B', trigger: { type: 'time', minutesAfterStart: 30 } });
  const chaser = Inject.parse({ id: 'chaser', title: 'C', from: 'X', body: 'B', trigger: { type: 'not-done-by', notDoneBy: { decision: 'refer', minute: 60 } } });
  const manual = Inject.parse({ id: 'manual', title: 'M', from: 'X', body: 'B', trigger: { type: 'manual' } });
  const shift = (shiftSeconds: number, skipped = false) => ({ scenarioId: 's', injectId: 'timed', shiftSeconds, skippedAt: skipped ? live : null });

  it('puts an inject at its minute plus its shift, never before the start, and nowhere when skipped or not timed', () => {
    expect(dueSecondsOf(timed, undefined)).toBe(1800);
    expect(dueSecondsOf(timed, shift(600))).toBe(2400);
    expect(dueSecondsOf(timed, shift(-3600))).toBe(0);
    expect(dueSecondsOf(timed, shift(0, true))).toBeUndefined();
    expect(dueSecondsOf(chaser, undefined)).toBe(3600);
    expect(dueSecondsOf(manual, undefined)).toBeUndefined();
  });

  it('counts a "not done by" decision as done only with one of its options, when it names them', () => {
    expect(notDoneYet({ decision: 'refer', minute: 60 }, { decisions: [], convenedMeetings: [] })).toBe(true);
    expect(notDoneYet({ decision: 'refer', minute: 60 }, { decisions: [{ decisionId: 'refer', options: ['no'] }], convenedMeetings: [] })).toBe(false);
    expect(notDoneYet({ decision: 'refer', options: ['yes'], minute: 60 }, { decisions: [{ decisionId: 'refer', options: ['no'] }], convenedMeetings: [] })).toBe(true);
    expect(notDoneYet({ decision: 'refer', options: ['yes'], minute: 60 }, { decisions: [{ decisionId: 'refer', options: ['no'] }, { decisionId: 'refer', options: ['yes'] }], convenedMeetings: [] })).toBe(false);
    expect(notDoneYet({ decision: 'refer', minute: 60 }, { decisions: [{ decisionId: 'other', options: ['yes'] }], convenedMeetings: [] })).toBe(true);
  });

  it('counts a "not done by" meeting as done once that meeting is convened, whatever the decisions', () => {
    expect(notDoneYet({ meeting: 'mapp-l3', minute: 120 }, { decisions: [{ decisionId: 'mapp-l3', options: ['yes'] }], convenedMeetings: [] })).toBe(true);
    expect(notDoneYet({ meeting: 'mapp-l3', minute: 120 }, { decisions: [], convenedMeetings: ['strategy'] })).toBe(true);
    expect(notDoneYet({ meeting: 'mapp-l3', minute: 120 }, { decisions: [], convenedMeetings: ['strategy', 'mapp-l3'] })).toBe(false);
  });
});
