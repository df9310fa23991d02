/**
 * Releasing injects, micro-teaches and held-back research to teams: by a facilitator, at a minute of
 * the exercise clock, when a team records a decision, or when it has not recorded one (or convened a
 * meeting) in time. Each team gets each item once; an inject that carries a micro-teach
 * releases it too. Teams hear about it through a live event sent when the transaction commits.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { DB } from '../db/types.js';
import { findScenario } from '../packs/lookups.js';
import type { PackVersions } from '../packs/pack-versions.js';
import type { Scenario } from '../packs/schema.js';
import { exerciseSeconds, shiftLookup } from './exercise-clock.js';
import {
  insertReleasesOnce,
  listConvenedMeetingIdsOfTeam,
  listDecisionRecordsOfTeam,
  listInjectsReleasedInLiveRuns,
  listRunningRunsWithTeams,
  listShiftsOfRunningRuns,
  lockRunningRun,
  lockTeamForClock,
} from './queries.js';
import type { ReleaseKind, ReleaseTrigger } from './schema.js';
import { injectsDueAt, injectsTriggeredByDecision, notDoneYet, type TeamProgress } from './triggers.js';

interface ReleaseTarget {
  runId: string;
  teamId: string;
  scenario: Scenario;
}

interface ReleaseRequest {
  kind: ReleaseKind;
  contentId: string;
  trigger: ReleaseTrigger;
  releasedBy: string | null;
  reason: string | null;
}

/** Releases one item to one team inside the caller's transaction; returns the new release ids. */
export async function releaseToTeam(trx: Transaction<DB>, target: ReleaseTarget, request: ReleaseRequest): Promise<string[]> {
  return (await releaseToTeams(trx, target.runId, [target], request)).get(target.teamId) ?? [];
}

/**
 * Releases one item to teams of one run inside the caller's transaction, in one statement whatever
 * the number of teams; returns the new release ids of each team that got anything.
 */
export async function releaseToTeams(
  trx: Transaction<DB>,
  runId: string,
  targets: Array<Omit<ReleaseTarget, 'runId'>>,
  request: ReleaseRequest,
): Promise<Map<string, string[]>> {
  const unique = [...new Map(targets.map((target) => [target.teamId, target])).values()];
  const teams = unique.map((target) => ({
    teamId: target.teamId,
    // An inject that carries a micro-teach releases it too.
    microTeach: request.kind === 'inject' ? (target.scenario.injects.find((inject) => inject.id === request.contentId)?.microTeach ?? null) : null,
  }));
  const released = new Map<string, string[]>();
  if (teams.length === 0) return released;
  for (const row of await insertReleasesOnce(trx, { runId, ...request, teams })) {
    released.set(row.teamId, [...(released.get(row.teamId) ?? []), row.id]);
  }
  return released;
}

/** Releases what the pack's triggers release automatically, with nobody named as releasing it. */
function releaseAutomatically(trx: Transaction<DB>, target: ReleaseTarget, injectId: string, trigger: 'time' | 'decision' | 'not-done-by') {
  return releaseToTeam(trx, target, { kind: 'inject', contentId: injectId, trigger, releasedBy: null, reason: null });
}

/** Called inside the transaction that records a team's decision, so the inject and the decision commit together. */
export async function fireDecisionTriggers(
  trx: Transaction<DB>,
  target: ReleaseTarget,
  decision: { decisionId: string; options: string[] },
): Promise<string[]> {
  const released: string[] = [];
  for (const inject of injectsTriggeredByDecision(target.scenario, decision.decisionId, decision.options)) {
    released.push(...(await releaseAutomatically(trx, target, inject.id, 'decision')));
  }
  return released;
}

/**
 * Releases every inject the clock fires that is due in every live run that is not paused (or in one
 * run, when given): timed injects, and "not done by" injects to teams that have not done it. Safe to
 * run on several instances at once: a team's release of an item is unique, so each is released
 * exactly once, and a "not done by" check reads the team's decisions and meetings under a lock on the team.
 */
export async function releaseDueTimedInjects(db: Database, packs: PackVersions, now = new Date(), runId?: string): Promise<number> {
  const [rows, alreadyReleased, shifts] = await Promise.all([listRunningRunsWithTeams(db, runId), listInjectsReleasedInLiveRuns(db), listShiftsOfRunningRuns(db)]);
  let count = 0;
  for (const row of rows) {
    if (!row.wentLiveAt) continue;
    const pack = await packs.find(row.packVersionId);
    const scenario = pack && findScenario(pack, row.scenarioId);
    if (!scenario) continue;
    const elapsed = exerciseSeconds({ wentLiveAt: row.wentLiveAt, pausedAt: row.pausedAt, pausedSeconds: row.pausedSeconds }, now);
    const shiftOf = shiftLookup(shifts.filter((shift) => shift.runId === row.runId));
    // Most ticks find nothing new: skip what is out already rather than open a transaction for it.
    const due = injectsDueAt(scenario, elapsed, shiftOf).filter((inject) => !alreadyReleased.has(`${row.teamId}/${inject.id}`));
    if (due.length === 0) continue;
    const target = { runId: row.runId, teamId: row.teamId, scenario };
    count += await db.transaction().execute(async (trx) => {
      // A pause that committed since the list was read wins: nothing fires in a paused run.
      if (!(await lockRunningRun(trx, row.runId))) return 0;
      let released = 0;
      let progress: TeamProgress | undefined;
      for (const inject of due) {
        if (inject.trigger.type === 'not-done-by') {
          if (!progress) {
            await lockTeamForClock(trx, row.teamId);
            progress = { decisions: await listDecisionRecordsOfTeam(trx, row.teamId), convenedMeetings: await listConvenedMeetingIdsOfTeam(trx, row.teamId) };
          }
          if (!notDoneYet(inject.trigger.notDoneBy, progress)) continue;
          released += (await releaseAutomatically(trx, target, inject.id, 'not-done-by')).length;
        } else {
          released += (await releaseAutomatically(trx, target, inject.id, 'time')).length;
        }
      }
      return released;
    });
  }
  return count;
}
