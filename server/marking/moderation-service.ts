/** Agreement between a run's assessors, and the lead's moderated mark where they disagree. */
import type { StaffIdentity } from '../accounts/sessions.js';
import { insertAuditEntry } from '../audit/queries.js';
import type { Database } from '../db/database.js';
import { HttpError } from '../http/error-shape.js';
import type { Criterion, Pack } from '../packs/schema.js';
import { findRunForStaff, listRunAssessors } from '../runs/queries.js';
import {
  findModeratedMarkForUpdate,
  findTeamInRun,
  listMarksOfRun,
  listModeratedOfRun,
  listTeamsWithCompletions,
  upsertModeratedMark,
} from './queries.js';
import { computeRunAgreement, type RunAgreement } from './run-agreement.js';

type JudgementCriterion = Extract<Criterion, { kind: 'judgement' }>;

const appliesTo = (criterion: Criterion, scenarioId: string) => !criterion.scenarios || criterion.scenarios.includes(scenarioId);

export async function getRunAgreement(
  db: Database,
  staff: StaffIdentity,
  runId: string,
): Promise<RunAgreement & { teamsCompared: number; teamsStillMarking: number }> {
  const run = await findRunForStaff(db, staff, runId);
  if (!run) throw new HttpError(404, 'not_found', 'There is no run with that id that you can see.');
  const pack = run.content as unknown as Pack;
  const [teams, assessors, marks, moderated] = await Promise.all([
    listTeamsWithCompletions(db, runId),
    listRunAssessors(db, runId),
    listMarksOfRun(db, runId),
    listModeratedOfRun(db, runId),
  ]);
  // Only unblinded teams: comparing marks while assessors are still marking would show them early.
  const compared = teams.filter((team) => Number(team.finished) >= run.assessorsPerTeam);
  const agreement = computeRunAgreement({
    criteria: pack.rubric.criteria.filter((criterion): criterion is JudgementCriterion => criterion.kind === 'judgement'),
    teams: compared,
    assessors: assessors.map((assessor) => ({ id: assessor.id, name: assessor.displayName })),
    marks,
    moderated,
    appliesTo,
  });
  return { ...agreement, teamsCompared: compared.length, teamsStillMarking: teams.length - compared.length };
}

export async function moderateMark(
  db: Database,
  staff: StaffIdentity,
  target: { runId: string; teamId: string; criterionId: string },
  decision: { levelId: string; reason: string },
): Promise<void> {
  const run = await findRunForStaff(db, staff, target.runId);
  if (!run) throw new HttpError(404, 'not_found', 'There is no run with that id that you can see.');
  const team = await findTeamInRun(db, target.runId, target.teamId);
  if (!team) throw new HttpError(404, 'not_found', 'That team is not in this run.');
  const pack = run.content as unknown as Pack;
  const criterion = pack.rubric.criteria.find((candidate) => candidate.id === target.criterionId && appliesTo(candidate, team.scenarioId));
  if (!criterion || criterion.kind !== 'judgement') {
    throw new HttpError(404, 'not_found', `This team's rubric has no judgement criterion "${target.criterionId}".`);
  }
  const level = criterion.levels.find((candidate) => candidate.id === decision.levelId);
  if (!level) {
    throw new HttpError(400, 'validation_failed', 'Some of the information sent is not valid.', [
      { path: 'body.levelId', message: `Choose one of the levels: ${criterion.levels.map((candidate) => candidate.label).join(', ')}` },
    ]);
  }
  await db.transaction().execute(async (trx) => {
    const before = await findModeratedMarkForUpdate(trx, target.teamId, target.criterionId);
    await upsertModeratedMark(trx, { ...pickTarget(target), levelId: level.id, points: level.points, reason: decision.reason, moderatedBy: staff.userId });
    await insertAuditEntry(trx, {
      runId: target.runId,
      actor: { kind: 'staff', userId: staff.userId },
      action: 'moderation',
      subject: `team:${target.teamId}/criterion:${target.criterionId}`,
      before: before ? { levelId: before.levelId, points: Number(before.points) } : undefined,
      after: { levelId: level.id, points: level.points },
      reason: decision.reason,
    });
  });
}

function pickTarget(target: { teamId: string; criterionId: string }) {
  return { teamId: target.teamId, criterionId: target.criterionId };
}
