/**
 * Marking a team against a pack's automatic rubric criteria: what the team recorded (instrument
 * answers, decision log, what was released to it) against the scenario's model answer. Pure: no I/O,
 * so the marking routes, the results pages and the tests share it.
 *
 * Which criteria: every `automatic` criterion with no `scenarios` list, or whose list names the
 * scenario. Judgement criteria are marked by assessors and only join in `totalsByObjective`.
 *
 * The evidence:
 * - The decision log holds every entry a team made, ordered by recordedAt. Entries with the same
 *   recordedAt are ordered by their options (sorted, then compared as text), so the result never
 *   depends on the order the log arrives in. Repeated options within an entry count once.
 * - Which record a criterion marks is its `record`: `latest` (the default, and the only behaviour of
 *   packs made before `record` existed), `first`, or `{ beforeInject }`: the latest record made no
 *   later than the inject's first release to the team, i.e. the answer before a hint or challenge
 *   arrived (while the inject was never released, the latest record). When the marked record is not
 *   the latest, the result carries both (`records`) so results and the debrief can show them.
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
 * - decision-before-inject: 1 when the decision as it stood at the inject's first release (the
 *   latest record made no later than it; the latest record if the inject was never released)
 *   includes one of the rule's `options`; 0 when it names none of them, or nothing was recorded by
 *   then. A recording at the same instant as the release counts as before: a decision-triggered
 *   inject is released by the very recording, often in the same transaction and so with the same
 *   timestamp. A rule without `options` (packs made before they were required) keeps the old
 *   meaning: any recording before the release earns the credit.
 * - decision-matches-model with partialCredit: on a single-choice decision, a not-expected option
 *   listed there (for this scenario, or for every scenario) earns its share instead of 0.
 * - inject-not-released: 1 when the inject was never released to the team, 0 once it was: a hint a
 *   team needed (a "not done by" inject, or one a facilitator had to send) costs the points.
 * - instrument-complete: 1 when scoreInstrument reports the instrument complete; otherwise the share
 *   of required visible items that are answered. No required visible items → complete → 1.
 *
 * - meeting-convened: 1 when the team's meeting of that id was convened (by its decision or a
 *   facilitator); with byMinute, only when convened by that minute of the exercise clock (time
 *   live, pauses excluded, as "not done by" injects count it).
 * - meeting-level: 1 when the meeting was held at the level its definition names; not convened, or
 *   no level set, → 0.
 * - meeting-agencies: the share of the listed agencies among those present; not convened → 0.
 * - meeting-actions: the share of the meeting's actions that have both an owner and a due time;
 *   no actions (or not convened) → 0, since a meeting that agreed nothing has no plan to credit.
 *
 * A cross-reference the pack validator would reject (a band or decision the scenario lacks) gives 0
 * with an explanation rather than an exception, so one bad criterion cannot block a whole mark sheet.
 * An unknown scenario id is a caller's mistake and throws.
 */
import type { ReleaseKind } from '../injects/schema.js';
import { scoreInstrument, visibleItems, type InstrumentAnswers } from '../packs/instrument-scoring.js';
import { appliesToScenario } from '../packs/lookups.js';
import type { AutomaticRule, Criterion, Instrument, Pack, RecordChoice, Scenario } from '../packs/schema.js';

export type DecisionLogEntry = { decisionId: string; options: string[]; recordedAt: Date };
export type ReleaseEntry = { kind: ReleaseKind; contentId: string; releasedAt: Date };

/** A meeting the team attended, as the meeting rules read it. */
export type MeetingEvidence = {
  /** The meeting's id in the scenario's definitions. */
  meetingId: string;
  convenedAt: Date;
  /** Seconds on the exercise clock (time live, pauses excluded) when it was convened. */
  convenedExerciseSeconds: number;
  level: number | null;
  /** The agencies present. */
  agencies: readonly string[];
  actions: ReadonlyArray<{ owner: string | null; due: string | null }>;
};

export type AutomaticEvidence = {
  answers: InstrumentAnswers;
  /** The team's meetings; absent means none. */
  meetings?: readonly MeetingEvidence[];
  /** Every entry of the team's decision log, in any order. */
  decisions: readonly DecisionLogEntry[];
  /** Everything released to the team, in any order. */
  releases: readonly ReleaseEntry[];
};

/** One record of a decision as results show it. */
export type ShownRecord = { options: string[]; recordedAt: Date };

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
  /** When the criterion marked a record other than the latest: both, so the change can be shown. */
  records?: { decisionId: string; counted: ShownRecord; latest: ShownRecord };
};

export type ScoringOptions = {
  /** The time zone used to show times in explanations. */
  timeZone?: string;
};

type AutomaticCriterion = Extract<Criterion, { kind: 'automatic' }>;
type RuleOf<T extends AutomaticRule['type']> = Extract<AutomaticRule, { type: T }>;
type Outcome = { credit: number; explanation: string; records?: AutomaticCriterionResult['records'] };

/** Every record of one decision, oldest first. */
type DecisionHistory = readonly ShownRecord[];

type Context = {
  instrument: Instrument;
  scenario: Scenario;
  evidence: AutomaticEvidence;
  decisions: ReadonlyMap<string, DecisionHistory>;
  /** Which record the criterion being scored marks. */
  record: RecordChoice;
  formatTime: (date: Date) => string;
  /** The team's instrument scored once, however many criteria read it. */
  scored: () => ReturnType<typeof scoreInstrument>;
};

/**
 * One formatter per time zone for the life of the process: building an Intl.DateTimeFormat is slow,
 * and the run review scores every team of a run (a profile of the national benchmark showed it).
 */
const timeFormats = new Map<string, Intl.DateTimeFormat>();
function timeFormatFor(timeZone: string): Intl.DateTimeFormat {
  let format = timeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    timeFormats.set(timeZone, format);
  }
  return format;
}

export function scoreAutomaticCriteria(
  pack: Pack,
  scenarioId: string,
  evidence: AutomaticEvidence,
  options: ScoringOptions = {},
): AutomaticCriterionResult[] {
  const scenario = pack.scenarios.find((candidate) => candidate.id === scenarioId);
  if (!scenario) throw new Error(`the pack has no scenario "${scenarioId}"`);
  const timeFormat = timeFormatFor(options.timeZone ?? 'Europe/London');
  let scored: ReturnType<typeof scoreInstrument> | undefined;
  const base = {
    instrument: pack.instrument,
    scenario,
    evidence,
    decisions: decisionHistories(evidence.decisions),
    formatTime: (date: Date) => timeFormat.format(date),
    scored: () => (scored ??= scoreInstrument(pack.instrument, evidence.answers)),
  };

  return pack.rubric.criteria
    .filter((criterion): criterion is AutomaticCriterion => criterion.kind === 'automatic')
    .filter((criterion) => appliesToScenario(criterion, scenarioId))
    .map((criterion) => {
      const { credit, explanation, records } = scoreRule(criterion.rule, { ...base, record: criterion.record ?? 'latest' });
      return {
        criterionId: criterion.id,
        objectiveId: criterion.objective,
        points: round2(criterion.points * credit),
        maxPoints: criterion.points,
        credit,
        explanation,
        ...(records ? { records } : {}),
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
    case 'inject-not-released':
      return scoreInjectNotReleased(rule, context);
    case 'meeting-convened':
    case 'meeting-level':
    case 'meeting-agencies':
    case 'meeting-actions':
      return scoreMeeting(rule, context);
  }
}

function scoreMeeting(rule: RuleOf<'meeting-convened' | 'meeting-level' | 'meeting-agencies' | 'meeting-actions'>, context: Context): Outcome {
  const definition = context.scenario.meetings.find((meeting) => meeting.id === rule.meeting);
  const title = definition?.title ?? rule.meeting;
  const held = context.evidence.meetings?.find((meeting) => meeting.meetingId === rule.meeting);
  if (!held) return { credit: 0, explanation: `The ${title} was not convened.` };
  switch (rule.type) {
    case 'meeting-convened': {
      const convened = `The ${title} was convened at ${context.formatTime(held.convenedAt)}`;
      if (rule.byMinute === undefined) return { credit: 1, explanation: `${convened}.` };
      const minute = Math.floor(held.convenedExerciseSeconds / 60);
      const when = `${convened}, ${minute} ${minute === 1 ? 'minute' : 'minutes'} into the exercise on the exercise clock (pauses excluded)`;
      return minute <= rule.byMinute
        ? { credit: 1, explanation: `${when}: in time, by minute ${rule.byMinute}.` }
        : { credit: 0, explanation: `${when}; it was needed by minute ${rule.byMinute}.` };
    }
    case 'meeting-level': {
      const expected = definition?.level;
      if (expected === undefined) return { credit: 0, explanation: `The ${title} has no level to compare with.` };
      if (held.level === null) return { credit: 0, explanation: `The ${title} was held without a MAPPA level; the case needs level ${expected}.` };
      return held.level === expected
        ? { credit: 1, explanation: `The ${title} was held at level ${held.level}, the level the case needs.` }
        : { credit: 0, explanation: `The ${title} was held at level ${held.level}; the case needs level ${expected}.` };
    }
    case 'meeting-agencies': {
      const listed = [...new Set(rule.agencies)];
      const present = listed.filter((agency) => held.agencies.includes(agency));
      const missing = listed.filter((agency) => !held.agencies.includes(agency));
      let explanation = `${present.length} of the ${listed.length} agencies needed attended the ${title}.`;
      if (missing.length > 0) explanation += ` Missing: ${missing.join(', ')}.`;
      return { credit: present.length / listed.length, explanation };
    }
    case 'meeting-actions': {
      const actions = held.actions;
      if (actions.length === 0) return { credit: 0, explanation: `The ${title} recorded no actions.` };
      const complete = actions.filter((action) => Boolean(action.owner?.trim()) && Boolean(action.due?.trim())).length;
      return {
        credit: complete / actions.length,
        explanation: `${complete} of the ${actions.length} ${plural(actions.length, 'action')} of the ${title} had an owner and a due time.`,
      };
    }
  }
}

function scoreInjectNotReleased(rule: RuleOf<'inject-not-released'>, context: Context): Outcome {
  const title = injectTitle(context.scenario, rule.inject);
  const releasedAt = firstReleaseOf(context.evidence.releases, rule.inject);
  return releasedAt
    ? { credit: 0, explanation: `'${title}' had to be sent to you at ${context.formatTime(releasedAt)}, so this credit is lost.` }
    : { credit: 1, explanation: `You did not need '${title}'.` };
}

function scoreBand(rule: RuleOf<'band'>, { instrument, scenario, scored }: Context): Outcome {
  const bands = instrument.bands;
  const team = scored().band;
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
  const marked = markedRecord(rule.decision, context);
  if (!marked.counted) return { credit: 0, explanation: `You did not record '${question}'${marked.when}.` };

  const expected = new Set(model.expected);
  const chosen = new Set(marked.counted.options);
  const matched = [...chosen].filter((option) => expected.has(option));
  const extra = [...chosen].filter((option) => !expected.has(option));
  const union = new Set([...chosen, ...expected]).size;
  const labels = (ids: string[]) => ids.map((id) => optionLabel(context.scenario, rule.decision, id)).join(', ');

  const single = context.scenario.decisionPoints.find((point) => point.id === rule.decision)?.multiple === false;
  const partial = single && matched.length === 0 ? partialCreditFor(rule, context.scenario.id, extra[0]) : undefined;
  if (partial !== undefined) {
    const explanation = `You chose ${labels(extra)}; the model answer is ${labels([...expected])}, and your choice earns ${Math.round(partial * 100)}% of the points.`;
    return { credit: partial, explanation: explanation + marked.note, records: marked.records };
  }

  let explanation = `You chose ${matched.length} of the ${expected.size} expected ${plural(expected.size, 'option')}`;
  explanation += matched.length > 0 ? `: ${labels(matched)}.` : '.';
  if (extra.length > 0) explanation += ` You also chose ${labels(extra)}, which the model answer does not.`;
  return { credit: matched.length / union, explanation: explanation + marked.note, records: marked.records };
}

function partialCreditFor(rule: RuleOf<'decision-matches-model'>, scenarioId: string, optionId: string | undefined): number | undefined {
  if (optionId === undefined) return undefined;
  const forScenario = (rule.partialCredit ?? []).filter((entry) => entry.option === optionId && (entry.scenario ?? scenarioId) === scenarioId);
  // A scenario's own entry wins over one for every scenario.
  return (forScenario.find((entry) => entry.scenario === scenarioId) ?? forScenario[0])?.credit;
}

function scoreOptions(rule: RuleOf<'options'>, context: Context): Outcome {
  const question = decisionQuestion(context.scenario, rule.decision);
  const listed = [...new Set(rule.options)];
  const labels = (ids: string[]) => ids.map((id) => optionLabel(context.scenario, rule.decision, id)).join(', ');
  const marked = markedRecord(rule.decision, context);
  const counted = marked.counted;
  if (!counted) {
    // Not recorded earns nothing, even in mode none: not deciding is not the same as holding back.
    return { credit: 0, explanation: `You did not record '${question}'${marked.when}, so there was no choice to credit.` };
  }
  const chosen = listed.filter((option) => counted.options.includes(option));
  const outcome = (credit: number, explanation: string): Outcome => ({ credit, explanation: explanation + marked.note, records: marked.records });
  switch (rule.mode) {
    case 'all':
      return outcome(
        chosen.length / listed.length,
        `You chose ${chosen.length} of the ${listed.length} expected ${plural(listed.length, 'option')}` + (chosen.length > 0 ? `: ${labels(chosen)}.` : '.'),
      );
    case 'any':
      return chosen.length > 0
        ? outcome(1, `You chose ${labels(chosen)}, one of the expected options.`)
        : outcome(0, `You chose none of the expected options: ${labels(listed)}.`);
    case 'none':
      return chosen.length === 0
        ? outcome(1, `You avoided all of: ${labels(listed)}.`)
        : outcome(0, `You chose ${labels(chosen)}, which should have been avoided.`);
  }
}

/** The record a criterion marks, why, and both records when it is not the latest. */
type MarkedRecord = {
  counted: ShownRecord | undefined;
  /** Appended to "You did not record …": which moment was looked at. */
  when: string;
  /** Appended to the explanation when the marked record is not the latest. */
  note: string;
  records?: AutomaticCriterionResult['records'];
};

function markedRecord(decisionId: string, context: Context): MarkedRecord {
  const history = context.decisions.get(decisionId) ?? [];
  const latest = history.at(-1);
  const record = context.record;
  let counted: ShownRecord | undefined;
  let when = '';
  let moment: string;
  if (record === 'latest') {
    counted = latest;
    moment = 'latest';
  } else if (record === 'first') {
    counted = history[0];
    moment = 'first';
  } else {
    const releasedAt = firstReleaseOf(context.evidence.releases, record.beforeInject);
    const title = injectTitle(context.scenario, record.beforeInject);
    counted = releasedAt ? stateAt(history, releasedAt) : latest;
    if (releasedAt) when = ` before '${title}' was released`;
    moment = `as it stood before '${title}' was released`;
  }
  if (!counted || !latest || counted === latest || sameOptions(counted.options, latest.options)) return { counted, when, note: '' };
  const labels = (ids: string[]) => ids.map((id) => optionLabel(context.scenario, decisionId, id)).join(', ');
  const note =
    ` This criterion marks your ${moment === 'first' ? 'first record' : moment === 'latest' ? 'latest record' : `decision ${moment}`}` +
    ` (${labels(counted.options)}, ${context.formatTime(counted.recordedAt)}); you later changed it to ${labels(latest.options)} at ${context.formatTime(latest.recordedAt)}.`;
  return { counted, when, note, records: { decisionId, counted, latest } };
}

function scoreDecisionBeforeInject(rule: RuleOf<'decision-before-inject'>, context: Context): Outcome {
  const question = decisionQuestion(context.scenario, rule.decision);
  const title = injectTitle(context.scenario, rule.inject);
  const releasedAt = firstReleaseOf(context.evidence.releases, rule.inject);
  const history = context.decisions.get(rule.decision) ?? [];
  const first = history[0];
  if (!first) {
    return { credit: 0, explanation: `You did not record '${question}'${releasedAt ? ` before '${title}' was released` : ''}.` };
  }
  if (!rule.options) return scoreAnyRecordingBeforeInject(question, title, first, releasedAt, context);

  const labels = (ids: readonly string[]) => ids.map((id) => optionLabel(context.scenario, rule.decision, id)).join(', ');
  const counts = labels(rule.options);
  const standing = releasedAt ? stateAt(history, releasedAt) : history.at(-1);
  if (!standing) {
    return { credit: 0, explanation: `You first recorded '${question}' at ${context.formatTime(first.recordedAt)}, after '${title}' was released at ${context.formatTime(releasedAt!)}.` };
  }
  const chosen = standing.options.filter((option) => rule.options!.includes(option));
  const recorded = `${labels(standing.options)} (recorded ${context.formatTime(standing.recordedAt)})`;
  const yours = releasedAt
    ? `When '${title}' was released at ${context.formatTime(releasedAt)}, your decision was ${recorded}`
    : `'${title}' was never released; your decision is ${recorded}`;
  return chosen.length > 0
    ? { credit: 1, explanation: `${yours}, which earns this credit.` }
    : { credit: 0, explanation: `${yours}; only ${counts} earns this credit.` };
}

/** Timing rules of packs made before a timing rule had to name its options. */
function scoreAnyRecordingBeforeInject(question: string, title: string, first: ShownRecord, releasedAt: Date | undefined, context: Context): Outcome {
  const recorded = `Recorded '${question}' at ${context.formatTime(first.recordedAt)}`;
  if (!releasedAt) return { credit: 1, explanation: `${recorded}; '${title}' was never released.` };
  if (first.recordedAt.getTime() <= releasedAt.getTime()) return { credit: 1, explanation: `${recorded}, before '${title}' was released.` };
  return { credit: 0, explanation: `${recorded}, after '${title}' was released at ${context.formatTime(releasedAt)}.` };
}

function scoreInstrumentComplete({ instrument, evidence, scored }: Context): Outcome {
  const result = scored();
  if (result.complete) return { credit: 1, explanation: 'You answered every required question on the instrument.' };
  const required = visibleItems(instrument, evidence.answers).filter((item) => item.required).length;
  const answered = required - result.missing.length;
  const contradictions = result.contradictions.length;
  // Each unresolved contradiction counts as one more question not yet answered.
  let explanation = `You answered ${answered} of the ${required} required ${plural(required, 'question')} on the instrument.`;
  if (contradictions > 0) explanation += ` ${contradictions === 1 ? 'One contradiction was' : `${contradictions} contradictions were`} left unresolved: ${result.contradictions.map((entry) => entry.message).join(' ')}`;
  return { credit: answered / (required + contradictions), explanation };
}

// ---------------------------------------------------------------------------------------------
// Evidence

/** Every record per decision, oldest first, independent of input order. */
function decisionHistories(entries: readonly DecisionLogEntry[]): Map<string, ShownRecord[]> {
  const ordered = entries
    .map((entry) => ({ ...entry, options: [...new Set(entry.options)].sort() }))
    .sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime() || compareText(a.options.join('\u0000'), b.options.join('\u0000')));
  const histories = new Map<string, ShownRecord[]>();
  for (const { decisionId, options, recordedAt } of ordered) {
    const history = histories.get(decisionId) ?? [];
    history.push({ options, recordedAt });
    histories.set(decisionId, history);
  }
  return histories;
}

/** The latest record made no later than the moment (same instant counts: see decision-before-inject). */
function stateAt(history: DecisionHistory, moment: Date): ShownRecord | undefined {
  return history.filter((record) => record.recordedAt.getTime() <= moment.getTime()).at(-1);
}

function sameOptions(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((option) => b.includes(option));
}

function injectTitle(scenario: Scenario, injectId: string): string {
  return scenario.injects.find((inject) => inject.id === injectId)?.title ?? injectId;
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
