/** Every table of the run review and the year-over-year view as CSV, one column per figure shown. Pure. */
import { toCsv, type CsvCell } from './csv.js';
import type { RunReview, YearOverYear } from './schema.js';

export type RunReviewTable = 'objectives' | 'criteria' | 'teams' | 'decisions' | 'agencies' | 'agreement' | 'confidence';

export function runReviewCsv(review: RunReview, table: RunReviewTable): string {
  const { figures } = review;
  const run: CsvCell[] = [review.run.cohortLabel, review.run.exerciseDate, review.run.packVersion, figures.status.provisional];
  const runHeader = ['Cohort', 'Exercise date', 'Pack version', 'Provisional'];
  const rows = (header: string[], body: CsvCell[][]) => toCsv([...runHeader, ...header], body.map((row) => [...run, ...row]));
  switch (table) {
    case 'objectives':
      return rows(
        ['Objective id', 'Objective', 'Threshold (share of points)', 'Teams meeting', 'Teams assessed', 'Mean %', 'Lowest %', 'Highest %'],
        figures.objectives.map((row) => [row.id, row.text, row.threshold, row.teamsMeeting, row.teamsAssessed, row.meanPercent, row.lowestPercent, row.highestPercent]),
      );
    case 'criteria':
      return rows(
        ['Criterion id', 'Criterion', 'Objective id', 'Kind', 'Teams meeting', 'Teams assessed', 'Mean %', 'Lowest %', 'Highest %', 'Nobody met'],
        figures.criteria.map((row) => [row.id, row.title, row.objectiveId, row.kind, row.teamsMeeting, row.teamsAssessed, row.meanPercent, row.lowestPercent, row.highestPercent, row.nobodyMet]),
      );
    case 'teams':
      return rows(
        ['Team', 'Scenario', 'Score %', 'Band chosen', 'Band expected', 'Band against expected', 'Hints', 'Challenges', 'Agency requests', 'Marking finished'],
        figures.teams.map((row) => [row.name, row.scenarioTitle, row.percent, row.chosenBand?.label, row.expectedBand.label, row.band, row.hints, row.challenges, row.agencyRequests, row.markingFinished]),
      );
    case 'decisions':
      return rows(
        ['Decision id', 'Decision', 'Team', 'Minutes from going live'],
        figures.decisions.flatMap((decision) => decision.teams.map((team) => [decision.decisionId, decision.question, team.teamName, team.minutes ?? 'never made'])),
      );
    case 'agencies':
      return rows(['Agency id', 'Agency', 'Requests', 'Teams asking'], figures.agencies.map((row) => [row.agencyId, row.name, row.requests, row.teams]));
    case 'agreement':
      return rows(
        ['Criterion id', 'Criterion', 'Items compared', 'Percent agreement', 'Kappa', 'Flagged', 'Moderated'],
        (figures.agreement ?? []).map((row) => [row.criterionId, row.title, row.items, row.percentAgreement === null ? null : Math.round(row.percentAgreement * 1000) / 10, row.kappa === null ? null : Math.round(row.kappa * 100) / 100, row.flagged, row.moderated]),
      );
    case 'confidence':
      return rows(
        ['Objective id', 'Objective', 'Phase', 'Rated 1', 'Rated 2', 'Rated 3', 'Rated 4', 'Rated 5', 'Median', 'Paired devices', 'Higher after', 'Same', 'Lower after'],
        review.confidence.objectives.flatMap((row) => [
          [row.objectiveId, row.text, 'pre', ...row.pre, row.preMedian, null, null, null, null],
          [row.objectiveId, row.text, 'post', ...row.post, row.postMedian, row.paired.devices, row.paired.higher, row.paired.same, row.paired.lower],
        ]),
      );
  }
}

export function yearOverYearCsv(comparison: YearOverYear, table: 'objectives' | 'criteria'): string {
  const header = ['Id', table === 'objectives' ? 'Objective' : 'Criterion', 'Cohort', 'Exercise date', 'Pack version', 'Definition', 'What changed', 'Changelog versions', 'Changelog notes', 'Teams meeting', 'Teams assessed', 'Lowest %', 'Highest %'];
  const runOf = new Map(comparison.runs.map((run) => [run.id, run]));
  const lines = (comparison[table] as Array<{ id: string; text?: string; title?: string; cells: YearOverYear['criteria'][number]['cells'] }>).flatMap((row) =>
    row.cells.map((cell): CsvCell[] => {
      const run = runOf.get(cell.runId)!;
      return [row.id, row.text ?? row.title, run.cohortLabel, run.exerciseDate, run.packVersion, cell.change, cell.differences.join('; '), cell.changelogVersions.join('; '), cell.changelogNotes.join('; '), cell.teamsMeeting, cell.teamsAssessed, cell.lowestPercent, cell.highestPercent];
    }),
  );
  return toCsv(header, lines);
}
