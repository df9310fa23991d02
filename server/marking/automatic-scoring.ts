/**
 * Marking a team against a pack's automatic rubric criteria: what the team recorded (instrument
 * answers, decision log, what was released to it) against the scenario's model answer. Pure: no I/O,
 * so the marking routes, the results pages and the tests share it.
 *
 * Which criteria: every `automatic` criterion with no `scenarios` list, or whose list names the
 * scenario. Judgement criteria are marked by assessors and only join in `totalsByObjective`.
 *
 * The evidence:
 * - The decision log holds every entry a team made. A decision's CURRENT options are those of its
 *   latest entry (by recordedAt); its TIMING is the first time it was recorded at all, because
 *   changing one's mind later does not undo having decided early. Entries with the same recordedAt
 *   are ordered by their options (sorted, then compared as text), so the result never depends on the
 *   order the log arrives in. Repeated options within an entry count once.
 * - Releases are those made to this team; only `inject` releases matter here, and an inject released
 *   twice counts from its first release.
 *
 * The rules (credit is a share 0..1; points awarded = criterion points × credit, to 2 decimals):
 * - band: the team's band from scoreInstrument (an incomplete instrument is banded on what is
 *   answered). Exact band → 1; one step away in the instrument's band list → the rule's
 *   withinOneCredit; further → 0.
 * - decision-matches-model: Jaccard overlap |chosen ∩ expected| / |chosen ∪ expected| with the
 *   scenario's model answer, so extra options cost credit as missing ones do. Not recorded → 0.
 * - options, mode all: |chosen ∩ listed| / |listed|. any: 1 when at least one listed option is
 *   chosen. none: 1 when no listed option is chosen. Not recorded → 0 in every mode, `none`
 *   included: a team that never recorded the decision has not shown restraint, it has not decided,
 *   and the explanation says so.
 * - decision-before-inject: 1 when the decision was first recorded before the inject was first
 *   released to the team, or recorded while the inject was never released. A recording at the same
 *   instant as the release counts as before: a decision-triggered inject is released by the very
 *   recording, often in the same transaction and so with the same timestamp. Recorded after the
 *   release, or never recorded → 0.
 * - instrument-complete: 1 when scoreInstrument reports the instrument complete; otherwise the share
 *   of required visible items that are answered. No required visible items → complete → 1.
 *
 * A cross-reference the pack validator would reject (a band or decision the scenario lacks) gives 0
 * with an explanation rather than an exception, so one bad criterion cannot block a whole mark sheet.
 * An unknown scenario id is a caller's mistake and throws.
 */
import type { ReleaseKind } from '../injects/schema.js';
import { scoreInstrument, visibleItems, type InstrumentAnswers } from '../packs/instrument-scoring.js';
import { appliesToScenario } from '../packs/lookups.js';
import type { AutomaticRule, Criterion, Instrument, Pack, Scenario } from '../packs/schema.js';

export type DecisionLogEntry = { decisionId: string; options: string[]; recordedAt: Date };
export type ReleaseEntry = { kind: ReleaseKind; contentId: string; releasedAt: Date };

export type AutomaticEvidence = {
  answers: InstrumentAnswers;
  /** Every entry of the team's decision log, in any order. */
  decisions: readonly DecisionLogEntry[];
  /** Everything released to the team, in any order. */
  releases: readonly ReleaseEntry[];
};

export type AutomaticCriterionResult = {
  criterionId: string;
  objectiveId: string;
  /** Points awarded, rounded to 2 decimals. */
  points: number;
  maxPoints: number;
  /** Share of the points earned, 0..1. */
  credit: number;
  /** A sentence the team can read. */
  explanation: string;
};

export type ScoringOptions = {
  /** The time zone used to show times in explanations. */
  timeZone?: string;
};

type AutomaticCriterion = Extract<Criterion, { kind: 'automatic' }>;
type RuleOf<T extends AutomaticRule['type']> = Extract<AutomaticRule, { type: T }>;
type Outcome = { credit: number; explanation: string };

/** What a team did with one decision: its current options and when it first recorded it. */
type DecisionState = { options: string[]; firstRecordedAt: Date };

type Context = {
  instrument: Instrument;
  scenario: Scenario;
  evidence: AutomaticEvidence;
  decisions: ReadonlyMap<string, DecisionState>;
  formatTime: (date: Date) => string;
};

export function scoreAutomaticCriteria(
  pack: Pack,
  scenarioId: string,
  evidence: AutomaticEvidence,
  options: ScoringOptions = {},
): AutomaticCriterionResult[] {
  const scenario = pack.scenarios.find((candidate) => candidate.id === scenarioId);
  if (!scenario) throw new Error(`the pack has no scenario "${scenarioId}"`);
  const timeFormat = new Intl.DateTimeFormat('en-GB', {
    timeZone: options.timeZone ?? 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const context: Context = {
    instrument: pack.instrument,
    scenario,
    evidence,
    decisions: currentDecisions(evidence.decisions),
    formatTime: (date) => timeFormat.format(date),
  };

  return pack.rubric.criteria
    .filter((criterion): criterion is AutomaticCriterion => criterion.kind === 'automatic')
    .filter((criterion) => appliesToScenario(criterion, scenarioId))
    .map((criterion) => {
      const { credit, explanation } = scoreRule(criterion.rule, context);
      return {
        criterionId: criterion.id,
        objectiveId: criterion.objective,
        points: round2(criterion.points * credit),
        maxPoints: criterion.points,
        credit,
        explanation,
      };
    });
}

function scoreRule(rule: AutomaticRule, context: Context): Outcome {
  switch (rule.type) {
    case 'band':
      return scoreBand(rule, context);
    case 'decision-matches-model':
      return scoreDecisionMatchesModel(rule, context);
    case 'options':
      return scoreOptions(rule, context);
    case 'decision-before-inject':
      return scoreDecisionBeforeInject(rule, context);
    case 'instrument-complete':
      return scoreInstrumentComplete(context);
  }
}

function scoreBand(rule: RuleOf<'band'>, { instrument, scenario, evidence }: Context): Outcome {
  const bands = instrument.bands;
  const team = scoreInstrument(instrument, evidence.answers).band;
  const teamIndex = bands.findIndex((band) => band.id === team.id);
  const expectedIndex = bands.findIndex((band) => band.id === scenario.modelAnswer.expectedBand);
  const expected = bands[expectedIndex];
  if (!expected) {
    return { credit: 0, explanation: `Your band was ${team.label}; this scenario's expected band is not one of the instrument's bands.` };
  }
  const steps = Math.abs(teamIndex - expectedIndex);
  const credit = steps === 0 ? 1 : steps === 1 ? rule.withinOneCredit : 0;
  const distance = steps === 0 ? '' : steps === 1 ? ' (one band away)' : ` (${steps} bands away)`;
  return { credit, explanation: `Your band was ${team.label}; the expected band was ${expected.label}${distance}.` };
}

function scoreDecisionMatchesModel(rule: RuleOf<'decision-matches-model'>, context: Context): Outcome {
  const question = decisionQuestion(context.scenario, rule.decision);
  const model = context.scenario.modelAnswer.decisions.find((entry) => entry.decision === rule.decision);
  if (!model) return { credit: 0, explanation: `There is no model answer for '${question}' in this scenario.` };
  const state = context.decisions.get(rule.decision);
  if (!state) return { credit: 0, explanation: `You did not record '${question}'.` };

  const expected = new Set(model.expected);
  const chosen = new Set(state.options);
  const matched = [...chosen].filter((option) => expected.has(option));
  const extra = [...chosen].filter((option) => !expected.has(option));
  const union = new Set([...chosen, ...expected]).size;
  const credit = matched.length / union;

  const labels = (ids: string[]) => ids.map((id) => optionLabel(context.scenario, rule.decision, id)).join(', ');
  let explanation = `You chose ${matched.length} of the ${expected.size} expected ${plural(expected.size, 'option')}`;
  explanation += matched.length > 0 ? `: ${labels(matched)}.` : '.';
  if (extra.length > 0) explanation += ` You also chose ${labels(extra)}, which the model answer does not.`;
  return { credit, explanation };
}

function scoreOptions(rule: RuleOf<'options'>, context: Context): Outcome {
  const question = decisionQuestion(context.scenario, rule.decision);
  const listed = [...new Set(rule.options)];
  const labels = (ids: string[]) => ids.map((id) => optionLabel(context.scenario, rule.decision, id)).join(', ');
  const state = context.decisions.get(rule.decision);
  if (!state) {
    // Not recorded earns nothing, even in mode none: not deciding is not the same as holding back.
    return { credit: 0, explanation: `You did not record '${question}', so there was no choice to credit.` };
  }
  const chosen = listed.filter((option) => state.options.includes(option));
  switch (rule.mode) {
    case 'all':
      return {
        credit: chosen.length / listed.length,
        explanation:
          `You chose ${chosen.length} of the ${listed.length} expected ${plural(listed.length, 'option')}` +
          (chosen.length > 0 ? `: ${labels(chosen)}.` : '.'),
      };
    case 'any':
      return chosen.length > 0
        ? { credit: 1, explanation: `You chose ${labels(chosen)}, one of the expected options.` }
        : { credit: 0, explanation: `You chose none of the expected options: ${labels(listed)}.` };
    case 'none':
      return chosen.length === 0
        ? { credit: 1, explanation: `You avoided all of: ${labels(listed)}.` }
        : { credit: 0, explanation: `You chose ${labels(chosen)}, which should have been avoided.` };
  }
}

function scoreDecisionBeforeInject(rule: RuleOf<'decision-before-inject'>, context: Context): Outcome {
  const question = decisionQuestion(context.scenario, rule.decision);
  const injectTitle = context.scenario.injects.find((inject) => inject.id === rule.inject)?.title ?? rule.inject;
  const releasedAt = firstReleaseOf(context.evidence.releases, rule.inject);
  const state = context.decisions.get(rule.decision);
  if (!state) {
    return { credit: 0, explanation: `You did not record '${question}'${releasedAt ? ` before '${injectTitle}' was released` : ''}.` };
  }
  const recorded = `Recorded '${question}' at ${context.formatTime(state.firstRecordedAt)}`;
  if (!releasedAt) return { credit: 1, explanation: `${recorded}; '${injectTitle}' was never released.` };
  if (state.firstRecordedAt.getTime() <= releasedAt.getTime()) {
    return { credit: 1, explanation: `${recorded}, before '${injectTitle}' was released.` };
  }
  return { credit: 0, explanation: `${recorded}, after '${injectTitle}' was released at ${context.formatTime(releasedAt)}.` };
}

function scoreInstrumentComplete({ instrument, evidence }: Context): Outcome {
  const result = scoreInstrument(instrument, evidence.answers);
  if (result.complete) return { credit: 1, explanation: 'You answered every required question on the instrument.' };
  const required = visibleItems(instrument, evidence.answers).filter((item) => item.required).length;
  const answered = required - result.missing.length;
  return {
    credit: answered / required,
    explanation: `You answered ${answered} of the ${required} required ${plural(required, 'question')} on the instrument.`,
  };
}

// ---------------------------------------------------------------------------------------------
// Evidence

/** Current options (latest entry) and first recording time per decision, independent of input order. */
function currentDecisions(entries: readonly DecisionLogEntry[]): Map<string, DecisionState> {
  const ordered = entries
    .map((entry) => ({ ...entry, options: [...new Set(entry.options)].sort() }))
    .sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime() || compareText(a.options.join('\u0000'), b.options.join('\u0000')));
  const states = new Map<string, DecisionState>();
  for (const entry of ordered) {
    const earlier = states.get(entry.decisionId);
    states.set(entry.decisionId, { options: entry.options, firstRecordedAt: earlier?.firstRecordedAt ?? entry.recordedAt });
  }
  return states;
}

function firstReleaseOf(releases: readonly ReleaseEntry[], injectId: string): Date | undefined {
  let first: Date | undefined;
  for (const release of releases) {
    if (release.kind !== 'inject' || release.contentId !== injectId) continue;
    if (!first || release.releasedAt.getTime() < first.getTime()) first = release.releasedAt;
  }
  return first;
}

function decisionQuestion(scenario: Scenario, decisionId: string): string {
  return scenario.decisionPoints.find((point) => point.id === decisionId)?.question ?? decisionId;
}

function optionLabel(scenario: Scenario, decisionId: string, optionId: string): string {
  const point = scenario.decisionPoints.find((candidate) => candidate.id === decisionId);
  return point?.options.find((option) => option.id === optionId)?.label ?? optionId;
}

// ---------------------------------------------------------------------------------------------
// Totals

export type MarkedCriterion = { criterionId: string; objectiveId: string; points: number; maxPoints: number };
export type ObjectiveTotal = { objectiveId: string; awarded: number; max: number };

/**
 * Awarded and maximum points per learning objective, over automatic and judgement results together,
 * in the order objectives first appear (automatic results first). Sums are rounded to 2 decimals.
 */
export function totalsByObjective(
  results: readonly MarkedCriterion[],
  judgementResults: readonly MarkedCriterion[],
): ObjectiveTotal[] {
  const totals = new Map<string, ObjectiveTotal>();
  for (const result of [...results, ...judgementResults]) {
    const total = totals.get(result.objectiveId) ?? { objectiveId: result.objectiveId, awarded: 0, max: 0 };
    total.awarded += result.points;
    total.max += result.maxPoints;
    totals.set(result.objectiveId, total);
  }
  return [...totals.values()].map((total) => ({ ...total, awarded: round2(total.awarded), max: round2(total.max) }));
}

/** A percentage to one decimal place; 0 when nothing could be scored (max 0). */
export function percent(awarded: number, max: number): number {
  if (max <= 0) return 0;
  return Math.round((awarded / max) * 1000) / 10;
}

// ---------------------------------------------------------------------------------------------

function round2(value: number): number {
  return Math.round((value + Number.EPSILON) * 100) / 100;
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
