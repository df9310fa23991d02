/** Which injects a pack's triggers release: on a team's decision, when their minute comes, or when a decision is not made or a meeting not convened in time. Pure. */
import type { Inject, NotDoneBy, Scenario } from '../packs/schema.js';
import { dueSecondsOf, type InjectShift } from './exercise-clock.js';

/** Injects whose trigger is this decision (and, when the trigger names options, one of those chosen). */
export function injectsTriggeredByDecision(scenario: Scenario, decisionId: string, options: readonly string[]): Inject[] {
  return scenario.injects.filter(
    (inject) =>
      inject.trigger.type === 'decision' &&
      inject.trigger.decision === decisionId &&
      (!inject.trigger.options || inject.trigger.options.some((option) => options.includes(option))),
  );
}

/**
 * Injects the clock fires whose moment has come: timed ones, and "not done by" ones (which still
 * need notDoneYet for the team), at `elapsedSeconds` on the exercise clock.
 */
export function injectsDueAt(
  scenario: Scenario,
  elapsedSeconds: number,
  shiftOf: (scenarioId: string, injectId: string) => InjectShift | undefined,
): Inject[] {
  return scenario.injects.filter((inject) => {
    const due = dueSecondsOf(inject, shiftOf(scenario.id, inject.id));
    return due !== undefined && due <= elapsedSeconds;
  });
}

/** What a team has done so far, as "not done by" triggers read it. */
export interface TeamProgress {
  decisions: ReadonlyArray<{ decisionId: string; options: readonly string[] }>;
  /** The meeting ids (of the scenario's definitions) the team's meetings were convened for. */
  convenedMeetings: ReadonlyArray<string>;
}

/**
 * True while the team has not done what the trigger awaits: no record of the decision (with one of
 * the named options, when the trigger names them), or no meeting of that id convened.
 */
export function notDoneYet(awaited: NotDoneBy, progress: TeamProgress): boolean {
  if ('meeting' in awaited) return !progress.convenedMeetings.includes(awaited.meeting);
  return !progress.decisions.some(
    (record) => record.decisionId === awaited.decision && (!awaited.options || awaited.options.some((option) => record.options.includes(option))),
  );
}
