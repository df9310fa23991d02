/**
 * The run review's figures, from each team's final marks (server/results/final-marks.ts), band,
 * decision log, releases and agency requests, and the run's assessor agreement
 * (server/marking/run-agreement.ts). Pure: no I/O.
 *
 * Choices, so a reader of the report can check them:
 * - A team meets an objective when its share of the objective's points is at least the objective's
 *   threshold (pack setting `objectives[].threshold`, default DEFAULT_OBJECTIVE_THRESHOLD). The same
 *   threshold decides whether a team met a single criterion of that objective.
 * - Minutes to a decision run from the run going live to the team's first entry for it; later
 *   changes of mind do not reset the clock. Key decisions are the ones a scenario's model answer names.
 * - Small numbers are reported as counts and ranges (lowest–highest), never as trends.
 */
import type { ReleaseKind } from '../injects/schema.js';
import { percent } from '../marking/automatic-scoring.js';
import type { RunAgreement } from '../marking/run-agreement.js';
import { findScenario } from '../packs/lookups.js';
import type { Pack } from '../packs/schema.js';
import type { FinalMark } from '../results/final-marks.js';
import { objectiveTotals } from '../results/team-results.js';

/**
 * 0.6 matches the after-action report's 60 % "objective met" line (server/results/report.ts), so the
 * two documents a lead reads about one run never disagree; on the shipped three-level rubrics it sits
 * between "adequate" and "strong", which is what L&D means by "met" unless a pack says otherwise.
 */
export const DEFAULT_OBJECTIVE_THRESHOLD = 0.6;

export interface ReviewTeamInput {
  id: string;
  name: string;
  scenarioId: string;
  marks: readonly FinalMark[];
  /** The band the team's instrument answers give; null when it answered nothing. */
  band: { id: string; label: string } | null;
  decisions: ReadonlyArray<{ decisionId: string; recordedAt: Date }>;
  releases: ReadonlyArray<{ kind: ReleaseKind; contentId: string }>;
  /** Agency ids of the messages the team sent (one entry per message). */
  agencyRequests: readonly string[];
  /** Every required assessor has finished marking this team. */
  markingFinished: boolean;
}

export interface ReviewInput {
  pack: Pack;
  wentLiveAt: Date | null;
  teams: readonly ReviewTeamInput[];
  /** Null when teams are single marked. */
  agreement: Pick<RunAgreement, 'criteria' | 'disagreements'> | null;
  /** The run's marks count as final only once it is closed. */
  runClosed: boolean;
}

export type BandComparison = 'exact' | 'higher' | 'lower' | 'not-answered';

export interface ReviewFigures {
  status: { provisional: boolean; reasons: string[]; teamsStillMarking: number; disagreementsNotModerated: number };
  objectives: Array<{
    id: string;
    text: string;
    threshold: number;
    teamsAssessed: number;
    teamsMeeting: number;
    meanPercent: number | null;
    lowestPercent: number | null;
    highestPercent: number | null;
  }>;
  criteria: Array<{
    id: string;
    title: string;
    objectiveId: string;
    kind: 'automatic' | 'judgement';
    teamsAssessed: number;
    /** Mean share of the criterion's points, as a percentage: its difficulty (lower is harder). */
    meanPercent: number | null;
    lowestPercent: number | null;
    highestPercent: number | null;
    teamsMeeting: number;
    nobodyMet: boolean;
  }>;
  teams: Array<{
    id: string;
    name: string;
    scenarioId: string;
    scenarioTitle: string;
    percent: number;
    chosenBand: { id: string; label: string } | null;
    expectedBand: { id: string; label: string };
    band: BandComparison;
    hints: number;
    challenges: number;
    agencyRequests: number;
    markingFinished: boolean;
  }>;
  decisions: Array<{
    decisionId: string;
    question: string;
    teams: Array<{ teamId: string; teamName: string; minutes: number | null }>;
    neverMade: string[];
    fastestMinutes: number | null;
    slowestMinutes: number | null;
  }>;
  agencies: Array<{ agencyId: string; name: string; requests: number; teams: number }>;
  agreement: Array<{
    criterionId: string;
    title: string;
    items: number;
    percentAgreement: number | null;
    kappa: number | null;
    flagged: number;
    moderated: number;
  }> | null;
}

export function computeReviewFigures(input: ReviewInput): ReviewFigures {
  const { pack } = input;
  const thresholdOf = new Map(pack.meta.objectives.map((objective) => [objective.id, objective.threshold ?? DEFAULT_OBJECTIVE_THRESHOLD]));

  const perTeamObjectives = input.teams.map((team) => objectiveTotals(pack, team.marks));
  const objectives = pack.meta.objectives.map((objective) => {
    const threshold = thresholdOf.get(objective.id)!;
    const totals = perTeamObjectives.flatMap((rows) => rows.filter((row) => row.id === objective.id));
    const percents = totals.map((row) => row.percent);
    return {
      id: objective.id,
      text: objective.text,
      threshold,
      teamsAssessed: totals.length,
      teamsMeeting: totals.filter((row) => meets(row.awarded, row.max, threshold)).length,
      ...spread(percents),
    };
  });

  const criteria = pack.rubric.criteria.map((criterion) => {
    const threshold = thresholdOf.get(criterion.objective) ?? DEFAULT_OBJECTIVE_THRESHOLD;
    const marks = input.teams.flatMap((team) => team.marks.filter((mark) => mark.criterionId === criterion.id));
    const teamsMeeting = marks.filter((mark) => meets(mark.points, mark.maxPoints, threshold)).length;
    return {
      id: criterion.id,
      title: criterion.title,
      objectiveId: criterion.objective,
      kind: criterion.kind,
      teamsAssessed: marks.length,
      ...spread(marks.map((mark) => percent(mark.points, mark.maxPoints))),
      teamsMeeting,
      nobodyMet: marks.length > 0 && teamsMeeting === 0,
    };
  });

  const purposeOf = new Map(pack.scenarios.flatMap((scenario) => scenario.injects.map((inject) => [`${scenario.id}/${inject.id}`, inject.purpose])));
  const bandOrder = pack.instrument.bands.map((band) => band.id);
  const teams = input.teams.map((team) => {
    const scenario = findScenario(pack, team.scenarioId);
    const expectedId = scenario?.modelAnswer.expectedBand ?? '';
    const expected = pack.instrument.bands.find((band) => band.id === expectedId);
    const purposes = team.releases.filter((release) => release.kind === 'inject').map((release) => purposeOf.get(`${team.scenarioId}/${release.contentId}`));
    const awarded = team.marks.reduce((sum, mark) => sum + mark.points, 0);
    const max = team.marks.reduce((sum, mark) => sum + mark.maxPoints, 0);
    return {
      id: team.id,
      name: team.name,
      scenarioId: team.scenarioId,
      scenarioTitle: scenario?.title ?? team.scenarioId,
      percent: percent(awarded, max),
      chosenBand: team.band,
      expectedBand: { id: expectedId, label: expected?.label ?? expectedId },
      band: compareBand(bandOrder, team.band?.id ?? null, expectedId),
      hints: purposes.filter((purpose) => purpose === 'hint').length,
      challenges: purposes.filter((purpose) => purpose === 'challenge').length,
      agencyRequests: team.agencyRequests.length,
      markingFinished: team.markingFinished,
    };
  });

  const decisions = keyDecisions(pack).map(({ decisionId, question }) => {
    const facing = input.teams.filter((team) => findScenario(pack, team.scenarioId)?.modelAnswer.decisions.some((entry) => entry.decision === decisionId));
    const rows = facing.map((team) => {
      const first = team.decisions.filter((entry) => entry.decisionId === decisionId).map((entry) => entry.recordedAt.getTime());
      const minutes = first.length === 0 || !input.wentLiveAt ? null : Math.max(0, Math.round((Math.min(...first) - input.wentLiveAt.getTime()) / 60000));
      return { teamId: team.id, teamName: team.name, minutes };
    });
    const made = rows.flatMap((row) => (row.minutes === null ? [] : [row.minutes]));
    return {
      decisionId,
      question,
      teams: rows,
      neverMade: rows.filter((row) => row.minutes === null).map((row) => row.teamName),
      fastestMinutes: made.length === 0 ? null : Math.min(...made),
      slowestMinutes: made.length === 0 ? null : Math.max(...made),
    };
  });

  const agencies = pack.meta.agencies.map((agency) => ({
    agencyId: agency.id,
    name: agency.name,
    requests: input.teams.reduce((sum, team) => sum + team.agencyRequests.filter((id) => id === agency.id).length, 0),
    teams: input.teams.filter((team) => team.agencyRequests.includes(agency.id)).length,
  }));

  const agreement = input.agreement
    ? input.agreement.criteria.map((row) => {
        const flagged = input.agreement!.disagreements.filter((entry) => entry.criterionId === row.criterionId);
        const pair = row.pairs[0];
        return {
          criterionId: row.criterionId,
          title: row.title,
          // Several pairs when more than two assessors marked: the items and agreement of all pairs pooled.
          items: row.pairs.reduce((sum, entry) => sum + entry.items, 0),
          percentAgreement: row.pairs.length === 1 ? (pair!.percentAgreement ?? null) : pooledAgreement(row.pairs),
          kappa: row.pairs.length === 1 ? (pair!.kappa ?? null) : (row.fleissKappa ?? null),
          flagged: flagged.length,
          moderated: flagged.filter((entry) => entry.moderated).length,
        };
      })
    : null;

  const teamsStillMarking = input.teams.filter((team) => !team.markingFinished).length;
  const disagreementsNotModerated = input.agreement ? input.agreement.disagreements.filter((entry) => !entry.moderated).length : 0;
  const reasons = [
    ...(input.runClosed ? [] : ['The run is not closed yet.']),
    ...(teamsStillMarking > 0 ? [`${teamsStillMarking} of ${input.teams.length} teams are still being marked.`] : []),
    ...(disagreementsNotModerated > 0 ? [`${disagreementsNotModerated} flagged ${disagreementsNotModerated === 1 ? 'disagreement is' : 'disagreements are'} not moderated yet.`] : []),
  ];
  return {
    status: { provisional: reasons.length > 0, reasons, teamsStillMarking, disagreementsNotModerated },
    objectives,
    criteria,
    teams,
    decisions,
    agencies,
    agreement,
  };
}

/** Decisions named in any scenario's model answer, in first-mentioned order, with the question as asked. */
export function keyDecisions(pack: Pack): Array<{ decisionId: string; question: string }> {
  const seen = new Map<string, string>();
  for (const scenario of pack.scenarios) {
    for (const entry of scenario.modelAnswer.decisions) {
      if (seen.has(entry.decision)) continue;
      const point = scenario.decisionPoints.find((candidate) => candidate.id === entry.decision);
      seen.set(entry.decision, point?.question ?? entry.decision);
    }
  }
  return [...seen].map(([decisionId, question]) => ({ decisionId, question }));
}

export function compareBand(order: readonly string[], chosen: string | null, expected: string): BandComparison {
  if (chosen === null) return 'not-answered';
  if (chosen === expected) return 'exact';
  return order.indexOf(chosen) > order.indexOf(expected) ? 'higher' : 'lower';
}

/** At least the threshold share of the points; a criterion or objective worth nothing cannot be met. */
export function meets(awarded: number, max: number, threshold: number): boolean {
  // A small tolerance: 0.6 × 5 is 3.0000000000000004 in floating point.
  return max > 0 && awarded / max >= threshold - 1e-9;
}

function spread(percents: readonly number[]) {
  if (percents.length === 0) return { meanPercent: null, lowestPercent: null, highestPercent: null };
  return { meanPercent: round1(mean(percents)), lowestPercent: Math.min(...percents), highestPercent: Math.max(...percents) };
}

function pooledAgreement(pairs: ReadonlyArray<{ items: number; percentAgreement: number | null }>): number | null {
  const rated = pairs.filter((pair) => pair.percentAgreement !== null);
  const items = rated.reduce((sum, pair) => sum + pair.items, 0);
  if (items === 0) return null;
  return rated.reduce((sum, pair) => sum + pair.percentAgreement! * pair.items, 0) / items;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
