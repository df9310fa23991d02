/** Which injects a pack's triggers release: on a team's decision, when their minute comes, or when a decision is not made in time. Pure. */
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

/** True while the team has no record of the awaited decision (with one of the named options, when the trigger names them). */
export function notDoneYet(awaited: NotDoneBy, decisions: ReadonlyArray<{ decisionId: string; options: readonly string[] }>): boolean {
  return !decisions.some(
    (record) => record.decisionId === awaited.decision && (!awaited.options || awaited.options.some((option) => record.options.includes(option))),
  );
}
