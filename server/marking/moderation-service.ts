/** Agreement between a run's assessors, and the lead's moderated mark where they disagree. */
import { insertAuditEntry } from '../audit/queries.js';
import type { Database } from '../db/database.js';
import { notFound } from '../errors.js';
import { appliesToScenario } from '../packs/lookups.js';
import type { JudgementCriterion } from '../packs/schema.js';
import { findTeamOfRun, listRunAssessors } from '../runs/queries.js';
import type { StaffRun } from '../runs/staff-run.js';
import { chosenLevel } from './levels.js';
import { findModeratedMarkForUpdate, listMarksOfRun, listModeratedOfRun, listTeamsWithCompletions, upsertModeratedMark } from './queries.js';
import { computeRunAgreement, type RunAgreement } from './run-agreement.js';

export async function getRunAgreement(db: Database, run: Pick<StaffRun, 'id' | 'assessorsPerTeam' | 'pack'>): Promise<RunAgreement & { teamsCompared: number; teamsStillMarking: number }> {
  const [teams, assessors, marks, moderated] = await Promise.all([
    listTeamsWithCompletions(db, run.id),
    listRunAssessors(db, run.id),
    listMarksOfRun(db, run.id),
    listModeratedOfRun(db, run.id),
  ]);
  // Only unblinded teams: comparing marks while assessors are still marking would show them early.
  const compared = teams.filter((team) => Number(team.finished) >= run.assessorsPerTeam);
  const agreement = computeRunAgreement({
    criteria: run.pack.rubric.criteria.filter((criterion): criterion is JudgementCriterion => criterion.kind === 'judgement'),
    teams: compared,
    assessors: assessors.map((assessor) => ({ id: assessor.id, name: assessor.displayName })),
    marks,
    moderated,
    appliesTo: appliesToScenario,
  });
  return { ...agreement, teamsCompared: compared.length, teamsStillMarking: teams.length - compared.length };
}

/** A lead's final mark on a criterion (the run scope has checked the caller is a lead), with the reason. */
export async function moderateMark(
  db: Database,
  run: StaffRun,
  target: { teamId: string; criterionId: string },
  decision: { levelId: string; reason: string },
): Promise<void> {
  const team = await findTeamOfRun(db, run.id, target.teamId);
  if (!team) throw notFound('That team is not in this run.');
  const criterion = run.pack.rubric.criteria.find((candidate) => candidate.id === target.criterionId && appliesToScenario(candidate, team.scenarioId));
  if (!criterion || criterion.kind !== 'judgement') {
    throw notFound(`This team's rubric has no judgement criterion "${target.criterionId}".`);
  }
  const level = chosenLevel(criterion, decision.levelId);
  const { teamId, criterionId } = target;
  const moderatedBy = run.caller.staff.userId;
  await db.transaction().execute(async (trx) => {
    const before = await findModeratedMarkForUpdate(trx, teamId, criterionId);
    await upsertModeratedMark(trx, { teamId, criterionId, levelId: level.id, points: level.points, reason: decision.reason, moderatedBy });
    await insertAuditEntry(trx, {
      runId: run.id,
      actor: { kind: 'staff', userId: moderatedBy },
      action: 'moderation',
      subject: `team:${teamId}/criterion:${criterionId}`,
      before: before ? { levelId: before.levelId, points: Number(before.points) } : undefined,
      after: { levelId: level.id, points: level.points },
      reason: decision.reason,
    });
  });
}
