/**
 * Results after the exercise: a team's own results once a lead has released them, the group debrief
 * for facilitators in the room, and the after-action report for L&D. Loads the evidence and marks
 * through the workspace, injects and marking queries; the numbers come from the pure modules here.
 */
import type { StaffIdentity } from '../accounts/sessions.js';
import type { Database } from '../db/database.js';
import { HttpError } from '../http/error-shape.js';
import { listReleasesForTeam } from '../injects/queries.js';
import { percent } from '../marking/automatic-scoring.js';
import { listMarksForTeam, listModeratedMarksForTeam } from '../marking/queries.js';
import { getRunAgreement } from '../marking/moderation-service.js';
import { scoreInstrument, type InstrumentAnswers } from '../packs/instrument-scoring.js';
import { findPackVersionContent } from '../packs/queries.js';
import type { Pack } from '../packs/schema.js';
import { findRunForStaff, listRunTeams } from '../runs/queries.js';
import type { TeamIdentity } from '../teams/sessions.js';
import { listAnswers, listDecisions } from '../workspace/queries.js';
import { buildDebriefScenarios } from './debrief.js';
import { finalMarksForTeam, type FinalMark } from './final-marks.js';
import { OBJECTIVE_MET_THRESHOLD_PERCENT, summariseRun } from './report.js';
import type { RunDebrief, RunReport, TeamResultsResponse } from './schema.js';
import { buildTeamResults } from './team-results.js';

async function loadWork(db: Database, teamId: string) {
  const [answerRows, decisionRows] = await Promise.all([listAnswers(db, teamId), listDecisions(db, teamId)]);
  const answers: InstrumentAnswers = {};
  for (const row of answerRows) if (row.value !== null) answers[row.itemId] = row.value as InstrumentAnswers[string];
  const decisions = decisionRows.map((row) => ({
    decisionId: row.decisionId,
    options: row.options as string[],
    justification: row.justification as Record<string, string>,
    recordedAt: row.recordedAt,
  }));
  return { answers, decisions };
}

async function loadFinalMarks(db: Database, pack: Pack, team: { id: string; scenarioId: string }): Promise<FinalMark[]> {
  const [work, releaseRows, marks, moderated] = await Promise.all([
    loadWork(db, team.id),
    listReleasesForTeam(db, team.id),
    listMarksForTeam(db, team.id),
    listModeratedMarksForTeam(db, team.id),
  ]);
  return finalMarksForTeam(pack, team.scenarioId, {
    evidence: {
      answers: work.answers,
      decisions: work.decisions,
      releases: releaseRows.map((row) => ({ kind: row.kind as 'inject' | 'micro-teach', contentId: row.contentId, releasedAt: row.releasedAt })),
    },
    // Oldest first, so comments read in the order they were written.
    marks: [...marks]
      .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime())
      .map((row) => ({ criterionId: row.criterionId, levelId: row.levelId, points: Number(row.points), comment: row.comment })),
    moderated: moderated.map((row) => ({ criterionId: row.criterionId, levelId: row.levelId, points: Number(row.points), reason: row.reason })),
  });
}

async function loadRun(db: Database, staff: StaffIdentity, runId: string) {
  const run = await findRunForStaff(db, staff, runId);
  if (!run) throw new HttpError(404, 'not_found', 'There is no run with that id that you can see.');
  return { run, pack: run.content as unknown as Pack };
}

function scenarioOf(pack: Pack, scenarioId: string) {
  const scenario = pack.scenarios.find((candidate) => candidate.id === scenarioId);
  if (!scenario) throw new HttpError(404, 'not_found', "The team's scenario is missing from the pack.");
  return scenario;
}

/** The team's own results: refused until a lead releases them, because the rubric and model answer are in them. */
export async function getTeamResults(db: Database, team: TeamIdentity): Promise<TeamResultsResponse> {
  if (team.runState !== 'results-released') return { status: 'not-released' };
  const pack = await findPackVersionContent(db, team.packVersionId);
  if (!pack) throw new HttpError(404, 'not_found', "Your run's exercise pack is missing. Ask the facilitator.");
  const scenario = scenarioOf(pack, team.scenarioId);
  const marks = await loadFinalMarks(db, pack, { id: team.teamId, scenarioId: team.scenarioId });
  return { status: 'released', results: buildTeamResults(pack, scenario, { id: team.teamId, name: team.teamName }, marks) };
}

export async function getRunDebrief(db: Database, staff: StaffIdentity, runId: string): Promise<RunDebrief> {
  const { run, pack } = await loadRun(db, staff, runId);
  const teams = await listRunTeams(db, runId);
  const withWork = await Promise.all(
    teams.map(async (team) => {
      const work = await loadWork(db, team.id);
      const band = Object.keys(work.answers).length > 0 ? scoreInstrument(pack.instrument, work.answers).band : null;
      return { id: team.id, name: team.name, scenarioId: team.scenarioId, band: band ? { id: band.id, label: band.label } : null, decisions: work.decisions };
    }),
  );
  return {
    run: { id: run.id, cohortLabel: run.cohortLabel, exerciseDate: run.exerciseDate, state: run.state, packTitle: run.packTitle, packVersion: run.version },
    scenarios: buildDebriefScenarios(pack, withWork),
  };
}

export async function getRunReport(db: Database, staff: StaffIdentity, runId: string): Promise<RunReport> {
  const { run, pack } = await loadRun(db, staff, runId);
  const teams = await listRunTeams(db, runId);
  const marked = await Promise.all(teams.map(async (team) => ({ team, marks: await loadFinalMarks(db, pack, team) })));
  const agreement = run.assessorsPerTeam >= 2 ? await getRunAgreement(db, staff, runId) : null;
  return {
    run: {
      id: run.id,
      cohortLabel: run.cohortLabel,
      exerciseDate: run.exerciseDate,
      state: run.state,
      packTitle: run.packTitle,
      packVersion: run.version,
      teams: marked.map(({ team, marks }) => {
        const awarded = marks.reduce((sum, mark) => sum + mark.points, 0);
        const max = marks.reduce((sum, mark) => sum + mark.maxPoints, 0);
        return { id: team.id, name: team.name, scenarioTitle: scenarioOf(pack, team.scenarioId).title, percent: percent(awarded, max) };
      }),
    },
    metThresholdPercent: OBJECTIVE_MET_THRESHOLD_PERCENT,
    ...summariseRun(pack, marked),
    agreement: agreement ? { teamsCompared: agreement.teamsCompared, pairs: agreement.overall.pairs } : null,
  };
}
