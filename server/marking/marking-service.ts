/**
 * Marking a team: the evidence and rubric an assessor works from, each assessor's marks (blind to
 * the others until every required assessor has finished), and finishing. Every mark and change is
 * written to the audit log with its before and after.
 */
import { insertAuditEntry } from '../audit/queries.js';
import type { Database } from '../db/database.js';
import { DomainError, conflict, forbidden, notFound } from '../errors.js';
import { scoreInstrument } from '../packs/instrument-scoring.js';
import { criteriaForScenario, findScenario } from '../packs/lookups.js';
import { findTeamOfRun, listAssessorIdsOfTeam, listTeamAssessorsOfRun, listTeamsOfRun } from '../runs/queries.js';
import type { StaffRun } from '../runs/staff-run.js';
import { scoreAutomaticCriteria } from './automatic-scoring.js';
import { describeAnswers, describeLatestDecisions } from './evidence.js';
import { chosenLevel } from './levels.js';
import {
  findMarkForUpdate,
  insertCompletion,
  listCompletionsForTeam,
  listCompletionsOfRun,
  listMarkedCriteria,
  listMarksForTeam,
  listModeratedMarksForTeam,
  listTeamsMarkedBy,
  lockTeamForMarking,
  upsertMark,
} from './queries.js';
import type { RunMarking, TeamMarking } from './schema.js';
import { loadTeamEvidence } from './team-evidence.js';
import { listTeamMeetingRecords } from '../meetings/service.js';

/** A team with assessors of its own is marked by them only; otherwise by any of the run's assessors. */
function mayMark(run: StaffRun, teamAssessorIds: readonly string[]): boolean {
  return run.caller.isAssignedAssessor && (teamAssessorIds.length === 0 || teamAssessorIds.includes(run.caller.staff.userId));
}

/** Where my marking of each team of the run stands, from a few queries whatever the number of teams. */
export async function getRunMarking(db: Database, run: StaffRun): Promise<RunMarking> {
  const me = run.caller.staff.userId;
  const [teams, teamAssessors, marked, completions] = await Promise.all([
    listTeamsOfRun(db, run.id),
    listTeamAssessorsOfRun(db, run.id),
    listTeamsMarkedBy(db, run.id, me),
    listCompletionsOfRun(db, run.id),
  ]);
  const assessorsOf = new Map<string, string[]>();
  for (const row of teamAssessors) assessorsOf.set(row.teamId, [...(assessorsOf.get(row.teamId) ?? []), row.userId]);
  const finishedBy = new Map<string, string[]>();
  for (const row of completions) finishedBy.set(row.teamId, [...(finishedBy.get(row.teamId) ?? []), row.assessorId]);
  return {
    teams: teams.map((team) => {
      const finished = finishedBy.get(team.id) ?? [];
      return {
        id: team.id,
        canMark: mayMark(run, assessorsOf.get(team.id) ?? []),
        mine: finished.includes(me) ? 'finished' : marked.has(team.id) ? 'in-progress' : 'not-started',
        finished: finished.length,
        required: run.assessorsPerTeam,
      };
    }),
  };
}

async function loadMarkingContext(db: Database, run: StaffRun, teamId: string) {
  const team = await findTeamOfRun(db, run.id, teamId);
  if (!team) throw notFound('That team is not in this run.');
  const scenario = findScenario(run.pack, team.scenarioId);
  if (!scenario) throw notFound("The team's scenario is missing from the pack.");
  const callerMayMark = mayMark(run, await listAssessorIdsOfTeam(db, teamId));
  return { team, scenario, criteria: criteriaForScenario(run.pack, scenario.id), callerMayMark };
}

function refuseUnlessAssigned(context: { team: { name: string }; callerMayMark: boolean }): void {
  if (!context.callerMayMark) throw forbidden('not_assigned_to_team', `Only the assessors assigned to ${context.team.name} can mark it.`);
}

export async function getTeamMarking(db: Database, run: StaffRun, teamId: string): Promise<TeamMarking> {
  const { team, scenario, criteria, callerMayMark } = await loadMarkingContext(db, run, teamId);
  const { pack } = run;
  const me = run.caller.staff.userId;
  const [evidence, marks, completions, moderated, meetings] = await Promise.all([
    loadTeamEvidence(db, teamId),
    listMarksForTeam(db, teamId),
    listCompletionsForTeam(db, teamId),
    listModeratedMarksForTeam(db, teamId),
    listTeamMeetingRecords(db, run, teamId),
  ]);
  const { answers, decisions } = evidence;
  const automatic = scoreAutomaticCriteria(pack, scenario.id, evidence);
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
      meetings,
    },
    criteria: criteria.map((criterion) => {
      const result = automatic.find((candidate) => candidate.criterionId === criterion.id);
      const moderation = moderated.find((row) => row.criterionId === criterion.id);
      const forCriterion = marks.filter((row) => row.criterionId === criterion.id);
      const mine = forCriterion.find((row) => row.assessorId === me);
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
        others: unblinded ? forCriterion.filter((row) => row.assessorId !== me).map(toMark) : [],
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
      mine: completions.find((row) => row.assessorId === me)?.completedAt.toISOString() ?? null,
      finished: completions.length,
      required: run.assessorsPerTeam,
      unblinded,
      canMark: callerMayMark,
    },
  };
}

/** An assessor's mark on a judgement criterion (the run scope has checked they are assigned to the run). */
export async function setMark(
  db: Database,
  run: StaffRun,
  target: { teamId: string; criterionId: string },
  mark: { levelId: string; comment: string },
): Promise<void> {
  const context = await loadMarkingContext(db, run, target.teamId);
  refuseUnlessAssigned(context);
  const { criteria } = context;
  const criterion = criteria.find((candidate) => candidate.id === target.criterionId);
  if (!criterion) throw notFound(`This team's rubric has no criterion "${target.criterionId}".`);
  if (criterion.kind !== 'judgement') throw conflict('automatic_criterion', 'This criterion is scored automatically from the team’s work.');
  const level = chosenLevel(criterion, mark.levelId);
  const me = run.caller.staff.userId;
  await db.transaction().execute(async (trx) => {
    const completions = await listCompletionsForTeam(trx, target.teamId);
    if (completions.some((row) => row.assessorId === me)) {
      throw conflict('marking_finished', 'You have finished marking this team, so your marks are locked.');
    }
    const before = await findMarkForUpdate(trx, target.teamId, target.criterionId, me);
    await upsertMark(trx, {
      teamId: target.teamId,
      criterionId: target.criterionId,
      assessorId: me,
      levelId: level.id,
      points: level.points,
      comment: mark.comment,
    });
    const after = { levelId: level.id, points: level.points, comment: mark.comment };
    if (before && before.levelId === after.levelId && before.comment === after.comment) return;
    await insertAuditEntry(trx, {
      runId: run.id,
      actor: { kind: 'staff', userId: me },
      action: before ? 'mark.change' : 'mark.set',
      subject: `team:${target.teamId}/criterion:${target.criterionId}`,
      before: before ? { levelId: before.levelId, points: Number(before.points), comment: before.comment } : undefined,
      after,
    });
  });
}

/** Locks the assessor's marks on a team; every judgement criterion must be marked first. */
export async function finishMarking(db: Database, run: StaffRun, teamId: string): Promise<Date> {
  const context = await loadMarkingContext(db, run, teamId);
  refuseUnlessAssigned(context);
  const { criteria } = context;
  const me = run.caller.staff.userId;
  return db.transaction().execute(async (trx) => {
    await lockTeamForMarking(trx, teamId);
    const completions = await listCompletionsForTeam(trx, teamId);
    if (completions.some((row) => row.assessorId === me)) {
      throw conflict('marking_finished', 'You have already finished marking this team.');
    }
    const marked = new Set(await listMarkedCriteria(trx, teamId, me));
    const missing = criteria.filter((criterion) => criterion.kind === 'judgement' && !marked.has(criterion.id));
    if (missing.length > 0) {
      throw new DomainError(
        'invalid',
        'marking_incomplete',
        `Mark every criterion before you finish: ${missing.map((criterion) => criterion.title).join('; ')}.`,
        missing.map((criterion) => ({ path: `criteria.${criterion.id}`, message: `Choose a level for "${criterion.title}"` })),
      );
    }
    const completedAt = await insertCompletion(trx, teamId, me);
    await insertAuditEntry(trx, {
      runId: run.id,
      actor: { kind: 'staff', userId: me },
      action: 'marking.finish',
      subject: `team:${teamId}`,
      after: { completedAt },
    });
    return completedAt;
  });
}
