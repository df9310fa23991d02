/** Which injects a pack's triggers release: on a team's decision, or when their minute comes. Pure. */
import type { Inject, Scenario } from '../packs/schema.js';

/** Injects whose trigger is this decision (and, when the trigger names options, one of those chosen). */
export function injectsTriggeredByDecision(scenario: Scenario, decisionId: string, options: readonly string[]): Inject[] {
  return scenario.injects.filter(
    (inject) =>
      inject.trigger.type === 'decision' &&
      inject.trigger.decision === decisionId &&
      (!inject.trigger.options || inject.trigger.options.some((option) => options.includes(option))),
  );
}

/** Injects due by the clock: a timed trigger whose minute has come since the run went live. */
export function injectsDueAt(scenario: Scenario, wentLiveAt: Date, now: Date): Inject[] {
  const minutesLive = (now.getTime() - wentLiveAt.getTime()) / 60_000;
  return scenario.injects.filter((inject) => inject.trigger.type === 'time' && inject.trigger.minutesAfterStart <= minutesLive);
}
