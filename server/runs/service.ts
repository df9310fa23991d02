/** Creating runs, reading them as staff and moving them through their states. */
import type { StaffScope } from '../accounts/sessions.js';
import { insertAuditEntry } from '../audit/queries.js';
import type { Database } from '../db/database.js';
import { DomainError, conflict, invalid, invalidField, notFound, type FieldProblem } from '../errors.js';
import { publish } from '../live/notifications.js';
import { findScenario } from '../packs/lookups.js';
import type { PackVersions } from '../packs/pack-versions.js';
import { findPackVersion } from '../packs/queries.js';
import { generateJoinCode } from './join-codes.js';
import { nextStates, refuseMove, type RunState } from './lifecycle.js';
import {
  findStaffIdsInOrganisation,
  insertRun,
  insertRunAssessors,
  insertRunTeams,
  listRunAssessors,
  listRunsForStaff,
  listTeamsOfRun,
  moveRunState,
} from './queries.js';
import type { CreateRunRequest, RunDetail, RunListItem } from './schema.js';
import { findStaffRun, type StaffRun } from './staff-run.js';

const UNIQUE_VIOLATION = '23505';
export const NO_VISIBLE_RUN = 'There is no run with that id that you can see.';

export async function createRun(db: Database, packs: PackVersions, scope: StaffScope, request: CreateRunRequest): Promise<RunDetail> {
  const packVersion = await findPackVersion(db, request.packId, request.version, scope.organisationId);
  if (!packVersion) throw invalidField('body.version', `No pack ${request.packId}@${request.version} has been imported`);
  const pack = packVersion.content;
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
  if (problems.length > 0) throw invalid(problems);

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
      return loadRunDetail(db, packs, scope, runId);
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION || !String(error).includes('join_code')) throw error;
    }
  }
  throw new DomainError('unavailable', 'join_code_unavailable', 'Could not find a free join code. Try again.');
}

/** The run as its detail page shows it: teams with their scenarios, assessors, state and what it may become. */
export async function describeRun(db: Database, run: StaffRun): Promise<RunDetail> {
  const [teams, assessors] = await Promise.all([listTeamsOfRun(db, run.id), listRunAssessors(db, run.id)]);
  const { pack } = run;
  return {
    id: run.id,
    cohortLabel: run.cohortLabel,
    exerciseDate: run.exerciseDate,
    state: run.state,
    nextStates: [...nextStates(run.state)],
    joinCode: run.joinCode,
    pack: { packVersionId: run.packVersionId, packId: pack.meta.id, version: pack.meta.version, title: pack.meta.title },
    teams: teams.map((team) => ({
      id: team.id,
      name: team.name,
      scenarioId: team.scenarioId,
      scenarioTitle: findScenario(pack, team.scenarioId)?.title ?? team.scenarioId,
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

async function loadRunDetail(db: Database, packs: PackVersions, scope: StaffScope, runId: string): Promise<RunDetail> {
  const run = await findStaffRun(db, packs, scope, runId);
  if (!run) throw notFound(NO_VISIBLE_RUN);
  return describeRun(db, run);
}

export async function listRuns(db: Database, scope: StaffScope): Promise<RunListItem[]> {
  const rows = await listRunsForStaff(db, scope);
  return rows.map((run) => ({
    id: run.id,
    cohortLabel: run.cohortLabel,
    exerciseDate: run.exerciseDate,
    state: run.state,
    joinCode: run.joinCode,
    pack: { packVersionId: run.packVersionId, packId: run.packId, version: run.version, title: run.packTitle },
    teamCount: Number(run.teamCount ?? 0),
  }));
}

export async function moveRun(db: Database, packs: PackVersions, run: StaffRun, to: RunState): Promise<RunDetail> {
  const from = run.state;
  const refusal = refuseMove(from, to);
  if (refusal) throw conflict('invalid_transition', refusal);
  const moved = await db.transaction().execute(async (trx) => {
    if (!(await moveRunState(trx, run.id, from, to))) return false;
    await insertAuditEntry(trx, {
      runId: run.id,
      actor: { kind: 'staff', userId: run.caller.staff.userId },
      action: 'run.transition',
      subject: `run:${run.id}`,
      before: { state: from },
      after: { state: to },
    });
    await publish(trx, { type: 'run-state', runId: run.id, state: to });
    return true;
  });
  if (!moved) throw conflict('run_changed', 'Someone else changed this run a moment ago. Reload it and try again.');
  return loadRunDetail(db, packs, run.caller.staff, run.id);
}
