/** Finding the parts of a pack by their ids. Pure. */
import type { BandShown, Criterion, DecisionPoint, Instrument, InstrumentItem, Pack, Scenario } from './schema.js';

export function findScenario(pack: Pack, scenarioId: string): Scenario | undefined {
  return pack.scenarios.find((scenario) => scenario.id === scenarioId);
}

export function findInstrumentItem(instrument: Instrument, itemId: string): InstrumentItem | undefined {
  for (const section of instrument.sections) {
    const item = section.items.find((candidate) => candidate.id === itemId);
    if (item) return item;
  }
  return undefined;
}

/** Whether a team sees a decision point: from the start, or once the inject it appears with is released to it. */
export function decisionShown(point: DecisionPoint, releasedInjectIds: ReadonlySet<string>): boolean {
  return point.appearsWith === undefined || releasedInjectIds.has(point.appearsWith);
}

/** When teams see the band; packs made before bandShown say it with showBandToTeams. */
export function bandShownSetting(instrument: Instrument): BandShown {
  return instrument.bandShown ?? (instrument.showBandToTeams ? 'while-answering' : 'after-results');
}

/** A criterion with no scenarios list applies to every scenario. */
export function appliesToScenario(criterion: Criterion, scenarioId: string): boolean {
  return !criterion.scenarios || criterion.scenarios.includes(scenarioId);
}

/** The rubric of a team on this scenario, in rubric order. */
export function criteriaForScenario(pack: Pack, scenarioId: string): Criterion[] {
  return pack.rubric.criteria.filter((criterion) => appliesToScenario(criterion, scenarioId));
}

/**
 * Who an inject comes from, in words people read: an inject's `from` is one of the pack's agency ids
 * ("csc") or a free description ("Duty sergeant"), and people see the agency's name, never its id.
 */
export function senderName(pack: Pack, from: string): string {
  return pack.meta.agencies.find((agency) => agency.id === from)?.name ?? from;
}
