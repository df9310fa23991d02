/**
 * The exercise clock: time since the run went live, less every pause, so a pause moves every timed
 * inject with it. A timed inject falls due when the clock reaches its minute plus any shift a
 * facilitator gave it; a skipped one never does. Pure.
 */
import type { Inject } from '../packs/schema.js';

export interface RunClock {
  wentLiveAt: Date;
  /** Set while the run is paused. */
  pausedAt: Date | null;
  /** Seconds of the pauses already over. */
  pausedSeconds: number;
}

export interface InjectShift {
  scenarioId: string;
  injectId: string;
  shiftSeconds: number;
  skippedAt: Date | null;
}

/** Seconds on the exercise clock at `now`; it stands still while the run is paused. */
export function exerciseSeconds(clock: RunClock, now: Date): number {
  const until = clock.pausedAt ?? now;
  return Math.max(0, Math.floor((until.getTime() - clock.wentLiveAt.getTime()) / 1000) - clock.pausedSeconds);
}

/** The pack's minute of an inject the clock fires (a timed or "not done by" trigger); undefined for the others. */
export function packMinuteOf(inject: Inject): number | undefined {
  if (inject.trigger.type === 'time') return inject.trigger.minutesAfterStart;
  if (inject.trigger.type === 'not-done-by') return inject.trigger.notDoneBy.minute;
  return undefined;
}

/** When on the exercise clock the inject falls due, in seconds; undefined when the clock never fires it. */
export function dueSecondsOf(inject: Inject, shift: InjectShift | undefined): number | undefined {
  const minute = packMinuteOf(inject);
  if (minute === undefined || shift?.skippedAt) return undefined;
  return Math.max(0, minute * 60 + (shift?.shiftSeconds ?? 0));
}

/** Shifts of one run, looked up by scenario and inject. */
export function shiftLookup(shifts: readonly InjectShift[]): (scenarioId: string, injectId: string) => InjectShift | undefined {
  const byKey = new Map(shifts.map((shift) => [`${shift.scenarioId}/${shift.injectId}`, shift]));
  return (scenarioId, injectId) => byKey.get(`${scenarioId}/${injectId}`);
}
