/** Creating, changing, duplicating and deleting runs, reading them as staff and moving them through their states. */
import type { StaffScope } from '../accounts/sessions.js';
import { insertAuditEntry, insertOrganisationAuditEntry } from '../audit/queries.js';
import type { Database } from '../db/database.js';
import type { DB } from '../db/types.js';
import { DomainError, conflict, invalid, invalidField, notFound, type FieldProblem } from '../errors.js';
import { publish } from '../live/queries.js';
import { findScenario } from '../packs/lookups.js';
import type { PackVersions } from '../packs/pack-versions.js';
import { findPackVersion, listPackVersions } from '../packs/queries.js';
import type { Pack } from '../packs/schema.js';
import type { Transaction } from 'kysely';
import { generateJoinCode } from './join-codes.js';
import { nextStates, refuseMove } from './lifecycle.js';
import {
  countAuditEntriesOfRun,
  deleteRun,
  deleteRunAssessors,
  deleteRunTeamsExcept,
  findStaffIdsInOrganisation,
  insertRun,
  insertRunAssessors,
  insertRunTeams,
  isJoinCodeTaken,
  listRunAssessors,
  listRunsForStaff,
  listTeamAssessorsOfRun,
  listTeamsOfRun,
  lockRun,
  moveRunState,
  parkRunTeamNames,
  replaceTeamAssessors,
  updateDraftRun,
  updateRunTeam,
} from './queries.js';
import { describeCloseOutstanding, describeReleaseOutstanding, getRunReadiness, outstandingProblems } from './readiness.js';
import type { CreateRunRequest, DuplicateRunRequest, RunDetail, RunList, RunListItem, RunListQuery, RunSetUp, RunTransitionRequest } from './schema.js';
import { findStaffRun, type StaffRun } from './staff-run.js';

const UNIQUE_VIOLATION = '23505';
export const NO_VISIBLE_RUN = 'There is no run with that id that you can see.';

/** Problems with a run's teams and assessors against its pack and organisation; empty when it can be saved. */
async function checkSetUp(db: Database, pack: Pack, scope: StaffScope, setUp: RunSetUp, existingTeamIds: string[] = []): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const scenarioIds = new Set(pack.scenarios.map((scenario) => scenario.id));
  const existing = new Set(existingTeamIds);
  setUp.teams.forEach((team, index) => {
    if (!scenarioIds.has(team.scenarioId)) {
      problems.push({ path: `body.teams.${index}.scenarioId`, message: `Choose one of the pack's scenarios: ${[...scenarioIds].join(', ')}` });
    }
    if (team.id !== undefined && !existing.has(team.id)) problems.push({ path: `body.teams.${index}.id`, message: 'That team is not in this run' });
  });
  const names = setUp.teams.map((team) => team.name.toLowerCase());
  names.forEach((name, index) => {
    if (names.indexOf(name) !== index) problems.push({ path: `body.teams.${index}.name`, message: 'Give each team a different name' });
  });
  const assessorIds = [...new Set(setUp.assessorIds)];
  const known = new Set(await findStaffIdsInOrganisation(db, scope.organisationId, assessorIds));
  assessorIds.forEach((id) => {
    if (!known.has(id)) problems.push({ path: 'body.assessorIds', message: `No member of your organisation has the id ${id}` });
  });
  if (setUp.assessorsPerTeam > 1 && assessorIds.length < setUp.assessorsPerTeam) {
    problems.push({
      path: 'body.assessorsPerTeam',
      message: `Double marking by ${setUp.assessorsPerTeam} assessors needs at least ${setUp.assessorsPerTeam} assessors on the run`,
    });
  }
  const onRun = new Set(assessorIds);
  setUp.teams.forEach((team, index) => {
    const assigned = [...new Set(team.assessorIds)];
    if (assigned.some((id) => !onRun.has(id))) {
      problems.push({ path: `body.teams.${index}.assessorIds`, message: `Assign ${team.name} only assessors who are on the run` });
    } else if (assigned.length > 0 && assigned.length < setUp.assessorsPerTeam) {
      problems.push({
        path: `body.teams.${index}.assessorIds`,
        message: `${team.name} is marked by ${setUp.assessorsPerTeam} assessors, so assign at least ${setUp.assessorsPerTeam} (or none, for any of the run's assessors)`,
      });
    }
  });
  return problems;
}

/** A join code no run and no team has (the two kinds are typed into the same box at /join). */
async function freeJoinCode(trx: Transaction<DB>): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const code = generateJoinCode();
    if (!(await isJoinCodeTaken(trx, code))) return code;
  }
  throw new DomainError('unavailable', 'join_code_unavailable', 'Could not find a free join code. Try again.');
}

/** Inserts the teams without an id, updates the others, and writes each team's assessors. */
async function writeTeams(trx: Transaction<DB>, runId: string, teams: RunSetUp['teams']): Promise<void> {
  for (const [position, team] of teams.entries()) {
    let teamId = team.id;
    if (teamId) await updateRunTeam(trx, runId, { id: teamId, name: team.name, scenarioId: team.scenarioId, position });
    else [teamId] = await insertRunTeams(trx, runId, [{ name: team.name, scenarioId: team.scenarioId, position, joinCode: await freeJoinCode(trx) }]);
    await replaceTeamAssessors(trx, teamId!, [...new Set(team.assessorIds)]);
  }
}

function isJoinCodeCollision(error: unknown): boolean {
  return (error as { code?: string }).code === UNIQUE_VIOLATION && String(error).includes('join_code');
}

async function insertDraftRun(db: Database, scope: StaffScope, packVersionId: string, setUp: RunSetUp): Promise<string> {
  // Codes are checked before use, but two leads creating runs at once could still draw the same one.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      return await db.transaction().execute(async (trx) => {
        const id = await insertRun(trx, {
          organisationId: scope.organisationId,
          packVersionId,
          cohortLabel: setUp.cohortLabel,
          exerciseDate: setUp.exerciseDate,
          joinCode: await freeJoinCode(trx),
          createdBy: scope.userId,
          assessorsPerTeam: setUp.assessorsPerTeam,
        });
        await insertRunAssessors(trx, id, [...new Set(setUp.assessorIds)]);
        await writeTeams(trx, id, setUp.teams.map((team) => ({ ...team, id: undefined })));
        return id;
      });
    } catch (error) {
      if (!isJoinCodeCollision(error)) throw error;
    }
  }
  throw new DomainError('unavailable', 'join_code_unavailable', 'Could not find a free join code. Try again.');
}

export async function createRun(db: Database, packs: PackVersions, scope: StaffScope, request: CreateRunRequest): Promise<RunDetail> {
  const packVersion = await findPackVersion(db, request.packId, request.version, scope.organisationId);
  if (!packVersion) throw invalidField('body.version', `No pack ${request.packId}@${request.version} has been imported`);
  const problems = await checkSetUp(db, packVersion.content, scope, { ...request, teams: request.teams.map((team) => ({ ...team, id: undefined })) });
  if (problems.length > 0) throw invalid(problems);
  const runId = await insertDraftRun(db, scope, packVersion.id, request);
  return loadRunDetail(db, packs, scope, runId);
}

const notDraft = (run: { state: string }) =>
  conflict('run_not_draft', `Only a draft run can be changed or deleted; this one is ${run.state}. Move it back to draft first if it is only open for joining.`);

/** Replaces a draft run's label, date, teams (kept by id, so their codes stay), scenarios and assessors. */
export async function updateRun(db: Database, packs: PackVersions, run: StaffRun, setUp: RunSetUp): Promise<RunDetail> {
  if (run.state !== 'draft') throw notDraft(run);
  const existing = await listTeamsOfRun(db, run.id);
  const problems = await checkSetUp(db, run.pack, run.caller.staff, setUp, existing.map((team) => team.id));
  if (problems.length > 0) throw invalid(problems);
  await db.transaction().execute(async (trx) => {
    const locked = await lockRun(trx, run.id);
    if (!locked || locked.state !== 'draft') throw notDraft(locked ?? run);
    await updateDraftRun(trx, run.id, { cohortLabel: setUp.cohortLabel, exerciseDate: setUp.exerciseDate, assessorsPerTeam: setUp.assessorsPerTeam });
    await deleteRunTeamsExcept(trx, run.id, setUp.teams.flatMap((team) => (team.id ? [team.id] : [])));
    await parkRunTeamNames(trx, run.id);
    await deleteRunAssessors(trx, run.id);
    await insertRunAssessors(trx, run.id, [...new Set(setUp.assessorIds)]);
    await writeTeams(trx, run.id, setUp.teams);
  });
  return loadRunDetail(db, packs, run.caller.staff, run.id);
}

/** "1.10.0" after "1.9.2". */
function compareVersions(a: string, b: string): number {
  const [left, right] = [a, b].map((version) => version.split('.').map(Number));
  for (let index = 0; index < 3; index += 1) {
    const difference = (left![index] ?? 0) - (right![index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * Next year's rerun: a new draft of the same pack (its latest version unless the lead chose one),
 * with the same teams (each on its scenario if the new version still has it, otherwise on the
 * pack's first) and assessors, a new label and date. Teams get new codes.
 */
export async function duplicateRun(db: Database, packs: PackVersions, run: StaffRun, request: DuplicateRunRequest): Promise<RunDetail> {
  const scope = run.caller.staff;
  const versions = (await listPackVersions(db, scope.organisationId)).filter((version) => version.packId === run.pack.meta.id);
  const chosen = request.version
    ? versions.find((version) => version.version === request.version)
    : [...versions].sort((a, b) => compareVersions(b.version, a.version))[0];
  if (!chosen) throw invalidField('body.version', `No version ${request.version ?? ''} of ${run.pack.meta.title} has been imported`);
  const pack = chosen.content;
  const [teams, assessors, teamAssessors] = await Promise.all([listTeamsOfRun(db, run.id), listRunAssessors(db, run.id), listTeamAssessorsOfRun(db, run.id)]);
  const active = new Set(await findStaffIdsInOrganisation(db, scope.organisationId, assessors.map((assessor) => assessor.id)));
  const assessorIds = assessors.map((assessor) => assessor.id).filter((id) => active.has(id));
  const fallbackScenario = pack.scenarios[0]!.id;
  const setUp: RunSetUp = {
    cohortLabel: request.cohortLabel,
    exerciseDate: request.exerciseDate,
    assessorsPerTeam: Math.min(run.assessorsPerTeam, Math.max(1, assessorIds.length)),
    assessorIds,
    teams: teams.map((team) => {
      const assigned = teamAssessors.filter((row) => row.teamId === team.id && active.has(row.userId)).map((row) => row.userId);
      return {
        name: team.name,
        scenarioId: findScenario(pack, team.scenarioId) ? team.scenarioId : fallbackScenario,
        // A team whose assigned assessors have left goes back to "any of the run's assessors".
        assessorIds: assigned.length >= run.assessorsPerTeam ? assigned : [],
      };
    }),
  };
  const runId = await insertDraftRun(db, scope, chosen.id, setUp);
  return loadRunDetail(db, packs, scope, runId);
}

/** Deletes a draft run that has no history: once a run has been opened, the audit log keeps it. */
export async function deleteDraftRun(db: Database, run: StaffRun): Promise<void> {
  if (run.state !== 'draft') throw notDraft(run);
  await db.transaction().execute(async (trx) => {
    const locked = await lockRun(trx, run.id);
    if (!locked || locked.state !== 'draft') throw notDraft(locked ?? run);
    if ((await countAuditEntriesOfRun(trx, run.id)) > 0) {
      throw conflict(
        'run_has_history',
        'This run has been opened before, so the audit log keeps its history and it cannot be deleted. Change it instead.',
      );
    }
    const teams = await listTeamsOfRun(trx, run.id);
    await deleteRun(trx, run.id);
    // Kept in the organisation's audit log, since the run's own entries cannot outlive it.
    await insertOrganisationAuditEntry(trx, {
      organisationId: run.organisationId,
      actorUserId: run.caller.staff.userId,
      action: 'run.delete',
      subject: `run:${run.id}`,
      before: { cohortLabel: run.cohortLabel, exerciseDate: run.exerciseDate, pack: `${run.pack.meta.id}@${run.pack.meta.version}`, teams: teams.map((team) => team.name) },
    });
  });
}

/** The run as its detail page shows it: teams with their scenarios, assessors, state and what it may become. */
export async function describeRun(db: Database, run: StaffRun): Promise<RunDetail> {
  const [teams, assessors, teamAssessors] = await Promise.all([listTeamsOfRun(db, run.id), listRunAssessors(db, run.id), listTeamAssessorsOfRun(db, run.id)]);
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
      joinCode: team.joinCode,
      assessorIds: teamAssessors.filter((row) => row.teamId === team.id).map((row) => row.userId),
    })),
    assessors,
    assessorsPerTeam: run.assessorsPerTeam,
    createdAt: run.createdAt.toISOString(),
    wentLiveAt: run.wentLiveAt?.toISOString() ?? null,
    closedAt: run.closedAt?.toISOString() ?? null,
    resultsReleasedAt: run.resultsReleasedAt?.toISOString() ?? null,
    resultsProvisional: run.resultsProvisional,
  };
}

async function loadRunDetail(db: Database, packs: PackVersions, scope: StaffScope, runId: string): Promise<RunDetail> {
  const run = await findStaffRun(db, packs, scope, runId);
  if (!run) throw notFound(NO_VISIBLE_RUN);
  return describeRun(db, run);
}

export async function listRuns(db: Database, scope: StaffScope, page: RunListQuery): Promise<RunList> {
  // One more than asked for says whether there is a next page.
  const rows = await listRunsForStaff(db, scope, { limit: page.limit + 1, after: page.after });
  const shown = rows.slice(0, page.limit);
  return { runs: shown.map(toListItem), next: rows.length > page.limit ? shown.at(-1)!.id : null };
}

function toListItem(run: Awaited<ReturnType<typeof listRunsForStaff>>[number]): RunListItem {
  return {
    id: run.id,
    cohortLabel: run.cohortLabel,
    exerciseDate: run.exerciseDate,
    state: run.state,
    joinCode: run.joinCode,
    pack: { packVersionId: run.packVersionId, packId: run.packId, version: run.version, title: run.packTitle },
    teamCount: Number(run.teamCount ?? 0),
  };
}

/**
 * The guards on the two steps that cannot be undone. Closing needs an explicit confirmation (the
 * page shows what is outstanding first). Releasing results while teams are still being marked or
 * disagreements are not moderated is refused with what is outstanding, unless the lead releases them
 * as provisional with a reason, which the audit log keeps.
 */
async function guardMove(db: Database, run: StaffRun, request: RunTransitionRequest): Promise<{ provisionalReason: string | null }> {
  if (request.to === 'closed' && request.confirm !== true) {
    const readiness = await getRunReadiness(db, run);
    const outstanding = describeCloseOutstanding(readiness.close);
    throw new DomainError(
      'conflict',
      'confirmation_required',
      `Closing ends the exercise for every team and cannot be undone.${outstanding ? ` Outstanding: ${outstanding}.` : ''} Confirm to close the run.`,
      outstandingProblems(readiness, 'close'),
    );
  }
  if (request.to !== 'results-released') return { provisionalReason: null };
  const readiness = await getRunReadiness(db, run);
  if (readiness.release.ready) return { provisionalReason: null };
  if (request.provisionalReason) return { provisionalReason: request.provisionalReason };
  throw new DomainError(
    'conflict',
    'results_incomplete',
    `Results cannot be released yet: ${describeReleaseOutstanding(readiness.release)}. Finish marking and moderation, or release them as provisional with a reason.`,
    outstandingProblems(readiness, 'release'),
  );
}

export interface MoveRunHooks {
  /** Runs inside the transaction that releases complete (not provisional) results: queues the LRS delivery. */
  onFinalRelease?: (trx: Transaction<DB>) => Promise<unknown>;
}

export async function moveRun(db: Database, packs: PackVersions, run: StaffRun, request: RunTransitionRequest, hooks: MoveRunHooks = {}): Promise<RunDetail> {
  const from = run.state;
  const { to } = request;
  const refusal = refuseMove(from, to);
  if (refusal) throw conflict('invalid_transition', refusal);
  const { provisionalReason } = await guardMove(db, run, request);
  const moved = await db.transaction().execute(async (trx) => {
    if (!(await moveRunState(trx, run.id, from, to, provisionalReason))) return false;
    await insertAuditEntry(trx, {
      runId: run.id,
      actor: { kind: 'staff', userId: run.caller.staff.userId },
      action: provisionalReason ? 'results.release-provisional' : 'run.transition',
      subject: `run:${run.id}`,
      before: { state: from },
      after: provisionalReason ? { state: to, provisional: true } : { state: to },
      reason: provisionalReason,
    });
    await publish(trx, { type: 'run-state', runId: run.id, state: to });
    if (to === 'results-released' && !provisionalReason) await hooks.onFinalRelease?.(trx);
    return true;
  });
  if (!moved) throw conflict('run_changed', 'Someone else changed this run a moment ago. Reload it and try again.');
  return loadRunDetail(db, packs, run.caller.staff, run.id);
}
