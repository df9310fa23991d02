/** Creating runs, reading them as staff and moving them through their states. */
import type { Database } from '../db/database.js';
import { insertAuditEntry } from '../audit/queries.js';
import { HttpError, type FieldProblem } from '../http/error-shape.js';
import { publish } from '../live/notifications.js';
import { findPackVersion } from '../packs/queries.js';
import type { Pack } from '../packs/schema.js';
import { generateJoinCode } from './join-codes.js';
import { nextStates, refuseMove, RunState } from './lifecycle.js';
import {
  findRunForStaff,
  findStaffIdsInOrganisation,
  insertRun,
  insertRunAssessors,
  insertRunTeams,
  listRunAssessors,
  listRunsForStaff,
  listRunTeams,
  moveRunState,
  type StaffScope,
} from './queries.js';
import type { CreateRunRequest, RunDetail, RunListItem } from './schema.js';

const UNIQUE_VIOLATION = '23505';

export async function createRun(db: Database, scope: StaffScope, request: CreateRunRequest): Promise<RunDetail> {
  const packVersion = await findPackVersion(db, request.packId, request.version, scope.organisationId);
  if (!packVersion) {
    throw new HttpError(400, 'validation_failed', 'Some of the information sent is not valid.', [
      { path: 'body.version', message: `No pack ${request.packId}@${request.version} has been imported` },
    ]);
  }
  const pack = packVersion.content as unknown as Pack;
  const problems: FieldProblem[] = [];
  const scenarioIds = new Set(pack.scenarios.map((scenario) => scenario.id));
  request.teams.forEach((team, index) => {
    if (!scenarioIds.has(team.scenarioId)) {
      problems.push({ path: `body.teams.${index}.scenarioId`, message: `Choose one of the pack's scenarios: ${[...scenarioIds].join(', ')}` });
    }
  });
  const names = request.teams.map((team) => team.name.toLowerCase());
  names.forEach((name, index) => {
    if (names.indexOf(name) !== index) problems.push({ path: `body.teams.${index}.name`, message: 'Give each team a different name' });
  });
  const assessorIds = [...new Set(request.assessorIds)];
  const known = new Set(await findStaffIdsInOrganisation(db, scope.organisationId, assessorIds));
  assessorIds.forEach((id) => {
    if (!known.has(id)) problems.push({ path: 'body.assessorIds', message: `No member of your organisation has the id ${id}` });
  });
  if (request.assessorsPerTeam > 1 && assessorIds.length < request.assessorsPerTeam) {
    problems.push({
      path: 'body.assessorsPerTeam',
      message: `Double marking by ${request.assessorsPerTeam} assessors needs at least ${request.assessorsPerTeam} assessors on the run`,
    });
  }
  if (problems.length > 0) throw new HttpError(400, 'validation_failed', 'Some of the information sent is not valid.', problems);

  // A join code collision is rare (31^6 codes); try a few fresh ones before giving up.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      const runId = await db.transaction().execute(async (trx) => {
        const id = await insertRun(trx, {
          organisationId: scope.organisationId,
          packVersionId: packVersion.id,
          cohortLabel: request.cohortLabel,
          exerciseDate: request.exerciseDate,
          joinCode: generateJoinCode(),
          createdBy: scope.userId,
          assessorsPerTeam: request.assessorsPerTeam,
        });
        await insertRunTeams(trx, id, request.teams);
        await insertRunAssessors(trx, id, assessorIds);
        return id;
      });
      return getRunDetail(db, scope, runId);
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION || !String(error).includes('join_code')) throw error;
    }
  }
  throw new HttpError(503, 'join_code_unavailable', 'Could not find a free join code. Try again.');
}

export async function getRunDetail(db: Database, scope: StaffScope, runId: string): Promise<RunDetail> {
  const run = await findRunForStaff(db, scope, runId);
  if (!run) throw new HttpError(404, 'not_found', 'There is no run with that id that you can see.');
  const pack = run.content as unknown as Pack;
  const [teams, assessors] = await Promise.all([listRunTeams(db, runId), listRunAssessors(db, runId)]);
  const state = RunState.parse(run.state);
  return {
    id: run.id,
    cohortLabel: run.cohortLabel,
    exerciseDate: run.exerciseDate,
    state,
    nextStates: [...nextStates(state)],
    joinCode: run.joinCode,
    pack: { packVersionId: run.packVersionId, packId: run.packId, version: run.version, title: run.packTitle },
    teams: teams.map((team) => ({
      id: team.id,
      name: team.name,
      scenarioId: team.scenarioId,
      scenarioTitle: pack.scenarios.find((scenario) => scenario.id === team.scenarioId)?.title ?? team.scenarioId,
      submittedAt: team.submittedAt?.toISOString() ?? null,
    })),
    assessors,
    assessorsPerTeam: run.assessorsPerTeam,
    createdAt: run.createdAt.toISOString(),
    wentLiveAt: run.wentLiveAt?.toISOString() ?? null,
    closedAt: run.closedAt?.toISOString() ?? null,
    resultsReleasedAt: run.resultsReleasedAt?.toISOString() ?? null,
  };
}

export async function listRuns(db: Database, scope: StaffScope): Promise<RunListItem[]> {
  const rows = await listRunsForStaff(db, scope);
  return rows.map((run) => ({
    id: run.id,
    cohortLabel: run.cohortLabel,
    exerciseDate: run.exerciseDate,
    state: RunState.parse(run.state),
    joinCode: run.joinCode,
    pack: { packVersionId: run.packVersionId, packId: run.packId, version: run.version, title: run.packTitle },
    teamCount: Number(run.teamCount ?? 0),
  }));
}

export async function moveRun(db: Database, scope: StaffScope, runId: string, to: RunState): Promise<RunDetail> {
  const run = await findRunForStaff(db, scope, runId);
  if (!run) throw new HttpError(404, 'not_found', 'There is no run with that id that you can see.');
  const from = RunState.parse(run.state);
  const refusal = refuseMove(from, to);
  if (refusal) throw new HttpError(409, 'invalid_transition', refusal);
  const moved = await db.transaction().execute(async (trx) => {
    if (!(await moveRunState(trx, runId, from, to))) return false;
    await insertAuditEntry(trx, {
      runId,
      actor: { kind: 'staff', userId: scope.userId },
      action: 'run.transition',
      subject: `run:${runId}`,
      before: { state: from },
      after: { state: to },
    });
    await publish(trx, { type: 'run-state', runId, state: to });
    return true;
  });
  if (!moved) throw new HttpError(409, 'run_changed', 'Someone else changed this run a moment ago. Reload it and try again.');
  return getRunDetail(db, scope, runId);
}
