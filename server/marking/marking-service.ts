/**
 * Marking a team: the evidence and rubric an assessor works from, each assessor's marks (blind to
 * the others until every required assessor has finished), and finishing. Every mark and change is
 * written to the audit log with its before and after.
 */
import type { StaffIdentity } from '../accounts/sessions.js';
import { insertAuditEntry } from '../audit/queries.js';
import type { Database } from '../db/database.js';
import { HttpError } from '../http/error-shape.js';
import { listReleasesForTeam } from '../injects/queries.js';
import { scoreInstrument, type InstrumentAnswers } from '../packs/instrument-scoring.js';
import type { Criterion, Pack, Scenario } from '../packs/schema.js';
import { findRunForStaff } from '../runs/queries.js';
import { listAnswers, listDecisions } from '../workspace/queries.js';
import { scoreAutomaticCriteria } from './automatic-scoring.js';
import { describeAnswers, describeLatestDecisions } from './evidence.js';
import {
  findMarkForUpdate,
  findTeamInRun,
  insertCompletion,
  isRunAssessor,
  listCompletionsForTeam,
  listMarkedCriteria,
  listMarksForTeam,
  listModeratedMarksForTeam,
  lockTeamForMarking,
  upsertMark,
} from './queries.js';
import type { TeamMarking } from './schema.js';

async function loadMarkingContext(db: Database, staff: StaffIdentity, runId: string, teamId: string) {
  const run = await findRunForStaff(db, staff, runId);
  if (!run) throw new HttpError(404, 'not_found', 'There is no run with that id that you can see.');
  const team = await findTeamInRun(db, runId, teamId);
  if (!team) throw new HttpError(404, 'not_found', 'That team is not in this run.');
  const pack = run.content as unknown as Pack;
  const scenario = pack.scenarios.find((candidate) => candidate.id === team.scenarioId);
  if (!scenario) throw new HttpError(404, 'not_found', "The team's scenario is missing from the pack.");
  return { run, team, pack, scenario, criteria: criteriaFor(pack, scenario) };
}

function criteriaFor(pack: Pack, scenario: Scenario): Criterion[] {
  return pack.rubric.criteria.filter((criterion) => !criterion.scenarios || criterion.scenarios.includes(scenario.id));
}

export async function getTeamMarking(db: Database, staff: StaffIdentity, runId: string, teamId: string): Promise<TeamMarking> {
  const { run, team, pack, scenario, criteria } = await loadMarkingContext(db, staff, runId, teamId);
  const [answerRows, decisionRows, releaseRows, marks, completions, moderated, canMark] = await Promise.all([
    listAnswers(db, teamId),
    listDecisions(db, teamId),
    listReleasesForTeam(db, teamId),
    listMarksForTeam(db, teamId),
    listCompletionsForTeam(db, teamId),
    listModeratedMarksForTeam(db, teamId),
    isRunAssessor(db, runId, staff.userId),
  ]);
  const answers: InstrumentAnswers = {};
  for (const row of answerRows) if (row.value !== null) answers[row.itemId] = row.value as InstrumentAnswers[string];
  const decisions = decisionRows.map((row) => ({
    decisionId: row.decisionId,
    options: row.options as string[],
    justification: row.justification as Record<string, string>,
    recordedAt: row.recordedAt,
  }));
  const automatic = scoreAutomaticCriteria(pack, scenario.id, {
    answers,
    decisions,
    releases: releaseRows.map((row) => ({ kind: row.kind as 'inject' | 'micro-teach', contentId: row.contentId, releasedAt: row.releasedAt })),
  });
  const unblinded = completions.length >= run.assessorsPerTeam;
  const objectives = new Map(pack.meta.objectives.map((objective) => [objective.id, objective.text]));
  const toMark = (row: (typeof marks)[number]) => ({
    assessorId: row.assessorId,
    assessorName: row.assessorName,
    levelId: row.levelId,
    points: Number(row.points),
    comment: row.comment,
    updatedAt: row.updatedAt.toISOString(),
  });
  const band = Object.keys(answers).length > 0 ? scoreInstrument(pack.instrument, answers).band : null;

  return {
    team: {
      id: team.id,
      name: team.name,
      scenarioId: scenario.id,
      scenarioTitle: scenario.title,
      submittedAt: team.submittedAt?.toISOString() ?? null,
    },
    evidence: {
      band: band ? { id: band.id, label: band.label } : null,
      answers: describeAnswers(pack.instrument, answers),
      decisions: describeLatestDecisions(scenario, decisions),
    },
    criteria: criteria.map((criterion) => {
      const result = automatic.find((candidate) => candidate.criterionId === criterion.id);
      const moderation = moderated.find((row) => row.criterionId === criterion.id);
      const forCriterion = marks.filter((row) => row.criterionId === criterion.id);
      const mine = forCriterion.find((row) => row.assessorId === staff.userId);
      return {
        id: criterion.id,
        objectiveId: criterion.objective,
        objective: objectives.get(criterion.objective) ?? criterion.objective,
        title: criterion.title,
        description: criterion.description,
        kind: criterion.kind,
        decisionId: criterion.kind === 'judgement' ? (criterion.decision ?? null) : null,
        levels: criterion.kind === 'judgement' ? criterion.levels : [],
        maxPoints: criterion.kind === 'automatic' ? criterion.points : Math.max(...criterion.levels.map((level) => level.points)),
        automatic: result ? { points: result.points, explanation: result.explanation } : null,
        mine: mine ? toMark(mine) : null,
        others: unblinded ? forCriterion.filter((row) => row.assessorId !== staff.userId).map(toMark) : [],
        moderated: moderation
          ? {
              levelId: moderation.levelId,
              points: Number(moderation.points),
              reason: moderation.reason,
              moderatedBy: moderation.moderatedBy,
              moderatedAt: moderation.moderatedAt.toISOString(),
            }
          : null,
      };
    }),
    completion: {
      mine: completions.find((row) => row.assessorId === staff.userId)?.completedAt.toISOString() ?? null,
      finished: completions.length,
      required: run.assessorsPerTeam,
      unblinded,
      canMark,
    },
  };
}

export async function setMark(
  db: Database,
  staff: StaffIdentity,
  target: { runId: string; teamId: string; criterionId: string },
  mark: { levelId: string; comment: string },
): Promise<void> {
  const { criteria } = await loadMarkingContext(db, staff, target.runId, target.teamId);
  if (!(await isRunAssessor(db, target.runId, staff.userId))) {
    throw new HttpError(403, 'not_an_assessor', 'Only the assessors assigned to this run can mark it.');
  }
  const criterion = criteria.find((candidate) => candidate.id === target.criterionId);
  if (!criterion) throw new HttpError(404, 'not_found', `This team's rubric has no criterion "${target.criterionId}".`);
  if (criterion.kind !== 'judgement') throw new HttpError(409, 'automatic_criterion', 'This criterion is scored automatically from the team’s work.');
  const level = criterion.levels.find((candidate) => candidate.id === mark.levelId);
  if (!level) {
    throw new HttpError(400, 'validation_failed', 'Some of the information sent is not valid.', [
      { path: 'body.levelId', message: `Choose one of the levels: ${criterion.levels.map((candidate) => candidate.label).join(', ')}` },
    ]);
  }
  await db.transaction().execute(async (trx) => {
    const completions = await listCompletionsForTeam(trx, target.teamId);
    if (completions.some((row) => row.assessorId === staff.userId)) {
      throw new HttpError(409, 'marking_finished', 'You have finished marking this team, so your marks are locked.');
    }
    const before = await findMarkForUpdate(trx, target.teamId, target.criterionId, staff.userId);
    await upsertMark(trx, {
      teamId: target.teamId,
      criterionId: target.criterionId,
      assessorId: staff.userId,
      levelId: level.id,
      points: level.points,
      comment: mark.comment,
    });
    const after = { levelId: level.id, points: level.points, comment: mark.comment };
    if (before && before.levelId === after.levelId && before.comment === after.comment) return;
    await insertAuditEntry(trx, {
      runId: target.runId,
      actor: { kind: 'staff', userId: staff.userId },
      action: before ? 'mark.change' : 'mark.set',
      subject: `team:${target.teamId}/criterion:${target.criterionId}`,
      before: before ? { levelId: before.levelId, points: Number(before.points), comment: before.comment } : undefined,
      after,
    });
  });
}

export async function finishMarking(db: Database, staff: StaffIdentity, runId: string, teamId: string): Promise<Date> {
  const { criteria } = await loadMarkingContext(db, staff, runId, teamId);
  if (!(await isRunAssessor(db, runId, staff.userId))) {
    throw new HttpError(403, 'not_an_assessor', 'Only the assessors assigned to this run can mark it.');
  }
  return db.transaction().execute(async (trx) => {
    await lockTeamForMarking(trx, teamId);
    const completions = await listCompletionsForTeam(trx, teamId);
    if (completions.some((row) => row.assessorId === staff.userId)) {
      throw new HttpError(409, 'marking_finished', 'You have already finished marking this team.');
    }
    const marked = new Set(await listMarkedCriteria(trx, teamId, staff.userId));
    const missing = criteria.filter((criterion) => criterion.kind === 'judgement' && !marked.has(criterion.id));
    if (missing.length > 0) {
      throw new HttpError(
        400,
        'marking_incomplete',
        `Mark every criterion before you finish: ${missing.map((criterion) => criterion.title).join('; ')}.`,
        missing.map((criterion) => ({ path: `criteria.${criterion.id}`, message: `Choose a level for "${criterion.title}"` })),
      );
    }
    const completedAt = await insertCompletion(trx, teamId, staff.userId);
    await insertAuditEntry(trx, {
      runId,
      actor: { kind: 'staff', userId: staff.userId },
      action: 'marking.finish',
      subject: `team:${teamId}`,
      after: { completedAt },
    });
    return completedAt;
  });
}
