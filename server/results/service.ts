/**
 * Results after the exercise: a team's own results once a lead has released them, the group debrief
 * for facilitators in the room, and the after-action report for L&D. Loads the evidence and marks
 * through the marking module; the numbers come from the pure modules here.
 */
import type { Database } from '../db/database.js';
import { percent } from '../marking/automatic-scoring.js';
import { getRunAgreement } from '../marking/moderation-service.js';
import { listMarkDetailsOfRun, listMarksForTeam, listModeratedMarkDetailsOfRun, listModeratedMarksForTeam } from '../marking/queries.js';
import { listReleasesForRun } from '../injects/queries.js';
import { toInstrumentAnswers } from '../workspace/answer-values.js';
import { listAnswersOfRun, listDecisionsOfRun } from '../workspace/queries.js';
import { loadTeamEvidence, type TeamEvidence } from '../marking/team-evidence.js';
import { scoreInstrument } from '../packs/instrument-scoring.js';
import { findScenario } from '../packs/lookups.js';
import type { Pack } from '../packs/schema.js';
import { listTeamsOfRun } from '../runs/queries.js';
import type { StaffRun } from '../runs/staff-run.js';
import type { TeamRun } from '../teams/team-run.js';
import { buildDebriefScenarios } from './debrief.js';
import { finalMarksForTeam, type FinalMark } from './final-marks.js';
import { OBJECTIVE_MET_THRESHOLD_PERCENT, summariseRun } from './report.js';
import type { RunDebrief, RunReport, TeamResultsResponse } from './schema.js';
import { buildTeamResults } from './team-results.js';
import { byTeam } from '../runs/by-team.js';

/** A team's final marks; the run review passes the evidence it has already loaded. */
export async function loadFinalMarks(db: Database, pack: Pack, team: { id: string; scenarioId: string }, loaded?: TeamEvidence): Promise<FinalMark[]> {
  const [evidence, marks, moderated] = await Promise.all([
    loaded ?? loadTeamEvidence(db, team.id),
    listMarksForTeam(db, team.id),
    listModeratedMarksForTeam(db, team.id),
  ]);
  return finalMarksForTeam(pack, team.scenarioId, {
    evidence,
    // Oldest first, so comments read in the order they were written.
    marks: [...marks]
      .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime())
      .map((row) => ({ criterionId: row.criterionId, levelId: row.levelId, points: Number(row.points), comment: row.comment })),
    moderated: moderated.map((row) => ({ criterionId: row.criterionId, levelId: row.levelId, points: Number(row.points), reason: row.reason })),
  });
}

/**
 * Every team's evidence in a run, read with one query per table rather than per team (the same
 * shapes as loadTeamEvidence), so a run-level page costs the same few queries whatever its size.
 */
export async function loadRunEvidence(db: Database, runId: string, teams: ReadonlyArray<{ id: string }>): Promise<Map<string, TeamEvidence>> {
  const [answers, decisions, releases] = await Promise.all([listAnswersOfRun(db, runId), listDecisionsOfRun(db, runId), listReleasesForRun(db, runId)]);
  const [answersOf, decisionsOf, releasesOf] = [byTeam(answers), byTeam(decisions), byTeam(releases)];
  return new Map(
    teams.map((team) => [
      team.id,
      {
        answers: toInstrumentAnswers(answersOf(team.id)),
        decisions: decisionsOf(team.id).map(({ decisionId, options, justification, recordedAt }) => ({ decisionId, options, justification, recordedAt })),
        releases: releasesOf(team.id).map(({ kind, contentId, releasedAt }) => ({ kind, contentId, releasedAt })),
      },
    ]),
  );
}

/**
 * Every team's evidence and final marks in a run, read with one query per table rather than per
 * team, so a report on a run of hundreds of teams stays quick. The same rules as loadFinalMarks.
 */
export async function loadRunOutcomes(
  db: Database,
  pack: Pack,
  runId: string,
  teams: ReadonlyArray<{ id: string; scenarioId: string }>,
): Promise<Map<string, { evidence: TeamEvidence; marks: FinalMark[] }>> {
  const [evidenceOf, marks, moderated] = await Promise.all([loadRunEvidence(db, runId, teams), listMarkDetailsOfRun(db, runId), listModeratedMarkDetailsOfRun(db, runId)]);
  const [marksOf, moderatedOf] = [byTeam(marks), byTeam(moderated)];
  return new Map(
    teams.map((team) => {
      const evidence = evidenceOf.get(team.id)!;
      const final = finalMarksForTeam(pack, team.scenarioId, {
        evidence,
        marks: [...marksOf(team.id)]
          .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime())
          .map((row) => ({ criterionId: row.criterionId, levelId: row.levelId, points: Number(row.points), comment: row.comment })),
        moderated: moderatedOf(team.id).map((row) => ({ criterionId: row.criterionId, levelId: row.levelId, points: Number(row.points), reason: row.reason })),
      });
      return [team.id, { evidence, marks: final }];
    }),
  );
}

/** The team's own results, only once a lead releases them: the rubric and model answer are in them. */
export async function getTeamResults(db: Database, team: TeamRun): Promise<TeamResultsResponse> {
  if (team.runState !== 'results-released') return { status: 'not-released' };
  const marks = await loadFinalMarks(db, team.pack, { id: team.teamId, scenarioId: team.scenarioId });
  const { answers } = await loadTeamEvidence(db, team.teamId);
  const band = Object.keys(answers).length > 0 ? scoreInstrument(team.pack.instrument, answers).band : null;
  return {
    status: 'released',
    provisional: team.resultsProvisional,
    results: buildTeamResults(team.pack, team.scenario, { id: team.teamId, name: team.teamName }, marks, band),
  };
}

function describeRunForResults(run: StaffRun) {
  const { pack } = run;
  return { id: run.id, cohortLabel: run.cohortLabel, exerciseDate: run.exerciseDate, state: run.state, packId: pack.meta.id, packTitle: pack.meta.title, packVersion: pack.meta.version, resultsProvisional: run.resultsProvisional };
}

export async function getRunDebrief(db: Database, run: StaffRun): Promise<RunDebrief> {
  const { pack } = run;
  const teams = await listTeamsOfRun(db, run.id);
  const evidenceOf = await loadRunEvidence(db, run.id, teams);
  const withWork = teams.map((team) => {
    const { answers, decisions } = evidenceOf.get(team.id)!;
    const band = Object.keys(answers).length > 0 ? scoreInstrument(pack.instrument, answers).band : null;
    return { id: team.id, name: team.name, scenarioId: team.scenarioId, band: band ? { id: band.id, label: band.label } : null, decisions };
  });
  return { run: describeRunForResults(run), revealNote: pack.meta.revealNote ?? null, scenarios: buildDebriefScenarios(pack, withWork) };
}

export async function getRunReport(db: Database, run: StaffRun): Promise<RunReport> {
  const { pack } = run;
  const teams = await listTeamsOfRun(db, run.id);
  const [outcomes, agreement] = await Promise.all([loadRunOutcomes(db, pack, run.id, teams), run.assessorsPerTeam >= 2 ? getRunAgreement(db, run) : null]);
  const marked = teams.map((team) => ({ team, marks: outcomes.get(team.id)!.marks }));
  return {
    run: {
      ...describeRunForResults(run),
      teams: marked.map(({ team, marks }) => {
        const awarded = marks.reduce((sum, mark) => sum + mark.points, 0);
        const max = marks.reduce((sum, mark) => sum + mark.maxPoints, 0);
        return { id: team.id, name: team.name, scenarioTitle: findScenario(pack, team.scenarioId)?.title ?? team.scenarioId, percent: percent(awarded, max) };
      }),
    },
    metThresholdPercent: OBJECTIVE_MET_THRESHOLD_PERCENT,
    ...summariseRun(pack, marked),
    agreement: agreement ? { teamsCompared: agreement.teamsCompared, pairs: agreement.overall.pairs } : null,
  };
}
