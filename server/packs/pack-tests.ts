/**
 * A pack's own test cases (tests/*.yaml): a team's answers, decisions and releases, with the band,
 * score and points the pack should give them. They let an author change a pack and see at once what
 * that broke: `npm run pack -- test <dir>` runs them, and `check` runs them too.
 *
 * A case plays one team's day on one scenario, in minutes after the run went live:
 * - decisions are recorded at their minute, and release the injects their triggers name, as on the day;
 * - timed injects are released at their minute if the day (`until`, default the pack's duration,
 *   else 360) reaches it;
 * - `releases` adds manual releases (a facilitator's) at their minute;
 * - a decision that convenes one of the scenario's meetings convenes it at its minute, with the level
 *   and agencies the team's decisions give it (the latest records of the case: on the day later
 *   decisions update an open meeting); `meetings` convenes one (a facilitator's) or says what
 *   happened in it: its level and agencies as the chair left them, and its actions;
 * - a "not done by" inject is released at its minute unless the case records the decision, or
 *   convenes the meeting, by then (no pauses or shifts: case minutes are exercise-clock minutes).
 * A case the app would refuse fails saying so: a decision recorded before the inject it appears
 * with is released, options the decision does not take (an exclusive option with others), an
 * answer the item cannot hold ("None of these" ticked with another option).
 */
import { z } from 'zod';
import { scoreAutomaticCriteria, type DecisionLogEntry, type MeetingEvidence, type ReleaseEntry } from '../marking/automatic-scoring.js';
import { InstrumentAnswers, scoreInstrument } from './instrument-scoring.js';
import type { PackIssue } from './issues.js';
import type { PackFileText } from './pack-folder.js';
import { parseYaml } from './safe-yaml.js';
import { Slug, type Pack, type Scenario } from './schema.js';
import { injectsTriggeredByDecision, notDoneYet } from '../injects/triggers.js';
import { checkAnswerValue } from '../workspace/answer-values.js';
import { checkDecision } from '../workspace/decision-checks.js';
import { findInstrumentItem } from './lookups.js';

const Minute = z.number().min(0).max(24 * 60);

export const PackTestCase = z.strictObject({
  id: Slug,
  /** What the case shows, for the author reading a failure. */
  description: z.string().trim().min(1).optional(),
  scenario: Slug,
  /** Merged over the file's answers; null leaves an item unanswered. */
  answers: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.number(), z.null()])).default({}),
  decisions: z.array(z.strictObject({ decision: Slug, options: z.array(Slug).min(1), at: Minute })).default([]),
  releases: z.array(z.strictObject({ inject: Slug, at: Minute })).default([]),
  meetings: z
    .array(
      z.strictObject({
        meeting: Slug,
        /** When a facilitator convened it; omitted: a decision of the case convenes it. */
        at: Minute.optional(),
        level: z.number().int().min(1).max(3).optional(),
        agencies: z.array(Slug).optional(),
        actions: z.array(z.strictObject({ owner: z.string().optional(), due: z.string().optional() })).default([]),
      }),
    )
    .default([]),
  /** The minute the day ends; timed injects after it are not released. */
  until: Minute.optional(),
  expect: z
    .strictObject({
      band: Slug.optional(),
      /** The instrument's score before floors. */
      score: z.number().optional(),
      /** The sum of the automatic criteria's points. */
      total: z.number().optional(),
      /** Points per automatic criterion; criteria not listed are not checked. */
      criteria: z.record(Slug, z.number()).default({}),
    })
    .refine((expect) => expect.band !== undefined || expect.score !== undefined || expect.total !== undefined || Object.keys(expect.criteria).length > 0, {
      message: 'expect at least one of band, score, total or criteria',
    }),
});
export type PackTestCase = z.infer<typeof PackTestCase>;

/** A file's `answers` are every case's starting answers, so a case lists only what it changes. */
export const PackTestFile = z.strictObject({ answers: InstrumentAnswers.default({}), cases: z.array(PackTestCase).min(1) });

/** One difference between what a case expects and what the pack gives. */
export type PackTestDifference = { what: string; expected: string; actual: string };
export type PackTestResult = { file: string; caseId: string; differences: PackTestDifference[] };

/** Parses the test files; problems are reported like any other pack issue. */
export function parsePackTests(files: readonly PackFileText[]): { cases: Array<{ file: string; testCase: PackTestCase }>; issues: PackIssue[] } {
  const cases: Array<{ file: string; testCase: PackTestCase }> = [];
  const issues: PackIssue[] = [];
  for (const { file, text } of files) {
    const parsed = parseYaml(text);
    if (!parsed.ok) {
      issues.push({ file, path: '', message: parsed.message });
      continue;
    }
    const checked = PackTestFile.safeParse(parsed.value);
    if (!checked.success) {
      for (const issue of checked.error.issues) issues.push({ file, path: issue.path.map(String).join('.'), message: issue.message });
      continue;
    }
    const base = checked.data.answers;
    checked.data.cases.forEach((testCase) => cases.push({ file, testCase: { ...testCase, answers: { ...base, ...testCase.answers } } }));
  }
  return { cases, issues };
}

/** Runs every case against the pack; a case's result lists its differences (none: it passes). */
export function runPackTests(pack: Pack, cases: ReadonlyArray<{ file: string; testCase: PackTestCase }>): PackTestResult[] {
  return cases.map(({ file, testCase }) => ({ file, caseId: testCase.id, differences: runCase(pack, testCase) }));
}

const DAY_START = Date.UTC(2026, 0, 5, 9, 0);
const at = (minute: number) => new Date(DAY_START + minute * 60_000);

function runCase(pack: Pack, testCase: PackTestCase): PackTestDifference[] {
  const scenario = pack.scenarios.find((candidate) => candidate.id === testCase.scenario);
  if (!scenario) {
    return [{ what: 'scenario', expected: `one of ${pack.scenarios.map((entry) => entry.id).join(', ')}`, actual: testCase.scenario }];
  }
  const played = playDay(pack, scenario, testCase);
  if ('refused' in played) return played.refused;
  const answers: InstrumentAnswers = {};
  const refusedAnswers: PackTestDifference[] = [];
  for (const [itemId, value] of Object.entries(testCase.answers)) {
    if (value === null) continue;
    const item = findInstrumentItem(pack.instrument, itemId);
    const checked = item ? checkAnswerValue(item, value) : { ok: false as const, message: 'not an item of the instrument' };
    if (checked.ok) answers[itemId] = value;
    else refusedAnswers.push({ what: `answer to ${itemId}`, expected: 'an answer the form accepts', actual: `${JSON.stringify(value)}: ${checked.message}` });
  }
  if (refusedAnswers.length > 0) return refusedAnswers;

  const differences: PackTestDifference[] = [];
  const instrument = scoreInstrument(pack.instrument, answers);
  const { expect } = testCase;
  if (expect.band !== undefined && expect.band !== instrument.band.id) {
    const floors = instrument.floors.map((floor) => floor.id).join(', ') || 'none';
    differences.push({ what: 'band', expected: expect.band, actual: `${instrument.band.id} (score ${instrument.score}, floors: ${floors})` });
  }
  if (expect.score !== undefined && expect.score !== instrument.score) {
    differences.push({ what: 'instrument score', expected: String(expect.score), actual: String(instrument.score) });
  }

  const results = scoreAutomaticCriteria(pack, scenario.id, { answers, ...played });
  if (expect.total !== undefined) {
    const total = round2(results.reduce((sum, result) => sum + result.points, 0));
    if (total !== expect.total) differences.push({ what: 'automatic total', expected: String(expect.total), actual: String(total) });
  }
  for (const [criterionId, points] of Object.entries(expect.criteria)) {
    const result = results.find((entry) => entry.criterionId === criterionId);
    if (!result) {
      differences.push({ what: `criterion ${criterionId}`, expected: `${points} points`, actual: 'not an automatic criterion of this scenario' });
    } else if (result.points !== points) {
      differences.push({ what: `criterion ${criterionId}`, expected: `${points} points`, actual: `${result.points} of ${result.maxPoints}: ${result.explanation}` });
    }
  }
  return differences;
}

/** The decision log and releases the case's day produces, or why the app would refuse it. */
function playDay(
  pack: Pack,
  scenario: Scenario,
  testCase: PackTestCase,
): { decisions: DecisionLogEntry[]; releases: ReleaseEntry[]; meetings: MeetingEvidence[] } | { refused: PackTestDifference[] } {
  const releasedAt = new Map<string, number>();
  const release = (injectId: string, minute: number) => {
    const earlier = releasedAt.get(injectId);
    if (earlier === undefined || minute < earlier) releasedAt.set(injectId, minute);
  };
  const until = testCase.until ?? pack.meta.durationMinutes ?? 360;
  for (const inject of scenario.injects) {
    if (inject.trigger.type === 'time' && inject.trigger.minutesAfterStart <= until) release(inject.id, inject.trigger.minutesAfterStart);
  }
  // A "not done by" inject comes at its minute unless the case records the decision or convenes the
  // meeting by then (as on the day, without pauses or shifts).
  const convenedAtMinute = meetingMinutesOf(scenario, testCase);
  for (const inject of scenario.injects) {
    if (inject.trigger.type !== 'not-done-by') continue;
    const { minute } = inject.trigger.notDoneBy;
    const progress = {
      decisions: testCase.decisions.filter((entry) => entry.at <= minute).map((entry) => ({ decisionId: entry.decision, options: entry.options })),
      convenedMeetings: [...convenedAtMinute].filter(([, convenedAt]) => convenedAt <= minute).map(([meetingId]) => meetingId),
    };
    if (minute <= until && notDoneYet(inject.trigger.notDoneBy, progress)) release(inject.id, minute);
  }
  const refused: PackTestDifference[] = [];
  for (const entry of testCase.releases) {
    if (!scenario.injects.some((inject) => inject.id === entry.inject)) {
      refused.push({ what: `release of ${entry.inject}`, expected: 'an inject of the scenario', actual: 'unknown inject' });
    } else release(entry.inject, entry.at);
  }

  const ordered = [...testCase.decisions].sort((a, b) => a.at - b.at);
  const convened = new Map<string, MeetingEvidence>();
  for (const entry of ordered) {
    const point = scenario.decisionPoints.find((candidate) => candidate.id === entry.decision);
    if (!point) {
      refused.push({ what: `decision ${entry.decision}`, expected: 'a decision of the scenario', actual: 'unknown decision' });
      continue;
    }
    // Visibility is checked below, with the minute it appears; here only the options.
    const checked = checkDecision(scenario, entry.decision, entry.options, new Set(scenario.injects.map((inject) => inject.id)));
    if (!checked.ok) {
      refused.push({ what: `decision ${entry.decision} at minute ${entry.at}`, expected: 'options the app accepts', actual: checked.problems.map((problem) => problem.message).join('; ') });
      continue;
    }
    const shownAt = point.appearsWith === undefined ? 0 : releasedAt.get(point.appearsWith);
    if (shownAt === undefined || shownAt > entry.at) {
      refused.push({
        what: `decision ${entry.decision} at minute ${entry.at}`,
        expected: `recorded after '${point.appearsWith}' is released`,
        actual: shownAt === undefined ? 'that inject is never released in this case' : `it is released at minute ${shownAt}`,
      });
      continue;
    }
    for (const inject of injectsTriggeredByDecision(scenario, entry.decision, entry.options)) release(inject.id, entry.at);
    for (const definition of scenario.meetings) {
      const by = definition.convenedBy;
      if (!by || by.decision !== entry.decision || !by.options.some((option) => entry.options.includes(option)) || convened.has(definition.id)) continue;
      convened.set(definition.id, conveneAsTheDayDoes(pack, definition, ordered, entry.at));
    }
  }
  for (const entry of testCase.meetings) {
    const definition = scenario.meetings.find((candidate) => candidate.id === entry.meeting);
    if (!definition) {
      refused.push({ what: `meeting ${entry.meeting}`, expected: 'a meeting of the scenario', actual: 'unknown meeting' });
      continue;
    }
    const held = convened.get(entry.meeting) ?? (entry.at === undefined ? undefined : conveneAsTheDayDoes(pack, definition, ordered, entry.at));
    if (!held) {
      refused.push({ what: `meeting ${entry.meeting}`, expected: 'convened by a decision of the case, or given a minute (at)', actual: 'never convened' });
      continue;
    }
    convened.set(entry.meeting, {
      ...held,
      level: entry.level ?? held.level,
      agencies: entry.agencies ?? held.agencies,
      actions: entry.actions.map((action) => ({ owner: action.owner ?? null, due: action.due ?? null })),
    });
  }
  if (refused.length > 0) return { refused };
  return {
    meetings: [...convened.values()],
    decisions: ordered.map((entry) => ({ decisionId: entry.decision, options: entry.options, recordedAt: at(entry.at) })),
    releases: [...releasedAt].map(([contentId, minute]) => ({ kind: 'inject' as const, contentId, releasedAt: at(minute) })),
  };
}

/**
 * The minute each meeting of the case is convened: by the first decision that convenes it, else at
 * the case's own minute for it. A case the day would refuse is refused whatever these minutes are.
 */
function meetingMinutesOf(scenario: Scenario, testCase: PackTestCase): Map<string, number> {
  const minutes = new Map<string, number>();
  for (const entry of [...testCase.decisions].sort((a, b) => a.at - b.at)) {
    for (const definition of scenario.meetings) {
      const by = definition.convenedBy;
      if (!by || by.decision !== entry.decision || !by.options.some((option) => entry.options.includes(option)) || minutes.has(definition.id)) continue;
      minutes.set(definition.id, entry.at);
    }
  }
  for (const entry of testCase.meetings) {
    if (!minutes.has(entry.meeting) && entry.at !== undefined) minutes.set(entry.meeting, entry.at);
  }
  return minutes;
}

/** A meeting convened at a minute, with the level and agencies the case's decisions give it (as server/meetings/service.ts does). */
function conveneAsTheDayDoes(
  pack: Pack,
  definition: Scenario['meetings'][number],
  recorded: ReadonlyArray<{ decision: string; options: string[]; at: number }>,
  minute: number,
): MeetingEvidence {
  const latest = (decisionId: string) => recorded.filter((entry) => entry.decision === decisionId).at(-1)?.options;
  const levelFrom = definition.levelFrom;
  const level = levelFrom ? ((latest(levelFrom.decision) ?? []).map((option) => levelFrom.levels[option]).find((value) => value !== undefined) ?? null) : null;
  const packAgencies = new Set(pack.meta.agencies.map((agency) => agency.id));
  return {
    meetingId: definition.id,
    convenedAt: at(minute),
    convenedExerciseSeconds: minute * 60,
    level,
    agencies: definition.invitedFrom
      ? (latest(definition.invitedFrom.decision) ?? []).filter((option) => packAgencies.has(option))
      : [...definition.agencies],
    actions: [],
  };
}

/** The failures as a readable diff, one block per failing case. */
export function formatPackTestFailures(dir: string, results: readonly PackTestResult[]): string[] {
  return results
    .filter((result) => result.differences.length > 0)
    .map((result) =>
      [
        `FAIL ${dir}/${result.file}: ${result.caseId}`,
        ...result.differences.flatMap((difference) => [`  ${difference.what}`, `    - expected: ${difference.expected}`, `    + actual:   ${difference.actual}`]),
      ].join('\n'),
    );
}

function round2(value: number): number {
  return Math.round((value + Number.EPSILON) * 100) / 100;
}
