/**
 * Releasing injects and micro-teaches to teams: by a facilitator, a minute after going live, or when
 * a team records a decision. Each team gets each item once; an inject that carries a micro-teach
 * releases it too. Teams hear about it through a live event sent when the transaction commits.
 */
import type { Transaction } from 'kysely';
import { insertAuditEntry } from '../audit/queries.js';
import type { Database } from '../db/database.js';
import type { DB } from '../db/types.js';
import { publish } from '../live/notifications.js';
import { findPackVersionContent } from '../packs/queries.js';
import type { Inject, Pack, Scenario } from '../packs/schema.js';
import {
  insertReleaseOnce,
  listInjectsReleasedInLiveRuns,
  listLiveRunsWithTeams,
  type ReleaseKind,
  type ReleaseTrigger,
} from './queries.js';

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
  const released: string[] = [];
  const id = await insertReleaseOnce(trx, { runId: target.runId, teamId: target.teamId, ...request });
  if (!id) return released;
  released.push(id);
  await insertAuditEntry(trx, {
    runId: target.runId,
    actor: request.releasedBy ? { kind: 'staff', userId: request.releasedBy } : { kind: 'system' },
    action: `release.${request.trigger}`,
    subject: `team:${target.teamId}/${request.kind}:${request.contentId}`,
    after: { releaseId: id },
    reason: request.reason,
  });
  await publish(trx, { type: 'release', runId: target.runId, teamId: target.teamId, releaseId: id });
  if (request.kind === 'inject') {
    const microTeach = target.scenario.injects.find((inject) => inject.id === request.contentId)?.microTeach;
    if (microTeach) {
      released.push(...(await releaseToTeam(trx, target, { ...request, kind: 'micro-teach', contentId: microTeach })));
    }
  }
  return released;
}

/** Whether an item exists for a team: injects belong to scenarios, micro-teaches to the whole pack. */
export function contentExists(pack: Pack, scenario: Scenario, kind: ReleaseKind, contentId: string): boolean {
  return kind === 'inject'
    ? scenario.injects.some((inject) => inject.id === contentId)
    : pack.microTeaches.some((microTeach) => microTeach.id === contentId);
}

/** Injects whose trigger is this decision (and, when the trigger names options, one of those chosen). */
export function injectsTriggeredByDecision(scenario: Scenario, decisionId: string, options: string[]): Inject[] {
  return scenario.injects.filter(
    (inject) =>
      inject.trigger.type === 'decision' &&
      inject.trigger.decision === decisionId &&
      (!inject.trigger.options || inject.trigger.options.some((option) => options.includes(option))),
  );
}

/** Called inside the transaction that records a team's decision, so the inject and the decision commit together. */
export async function fireDecisionTriggers(
  trx: Transaction<DB>,
  target: ReleaseTarget,
  decision: { decisionId: string; options: string[] },
): Promise<string[]> {
  const released: string[] = [];
  for (const inject of injectsTriggeredByDecision(target.scenario, decision.decisionId, decision.options)) {
    released.push(
      ...(await releaseToTeam(trx, target, { kind: 'inject', contentId: inject.id, trigger: 'decision', releasedBy: null, reason: null })),
    );
  }
  return released;
}

/** Injects due by the clock: a timed trigger whose minute has come since the run went live. */
export function injectsDueAt(scenario: Scenario, wentLiveAt: Date, now: Date): Inject[] {
  const minutesLive = (now.getTime() - wentLiveAt.getTime()) / 60_000;
  return scenario.injects.filter((inject) => inject.trigger.type === 'time' && inject.trigger.minutesAfterStart <= minutesLive);
}

/**
 * Releases every timed inject that is due in every live run. Safe to run on several instances at
 * once: a team's release of an item is unique, so each is released exactly once.
 */
export async function releaseDueTimedInjects(db: Database, now = new Date()): Promise<number> {
  const [rows, alreadyReleased] = await Promise.all([listLiveRunsWithTeams(db), listInjectsReleasedInLiveRuns(db)]);
  const packs = new Map<string, Pack | undefined>();
  let count = 0;
  for (const row of rows) {
    if (!row.wentLiveAt) continue;
    if (!packs.has(row.packVersionId)) packs.set(row.packVersionId, await findPackVersionContent(db, row.packVersionId));
    const scenario = packs.get(row.packVersionId)?.scenarios.find((candidate) => candidate.id === row.scenarioId);
    if (!scenario) continue;
    // Most ticks find nothing new: skip what is out already rather than open a transaction for it.
    const due = injectsDueAt(scenario, row.wentLiveAt, now).filter((inject) => !alreadyReleased.has(`${row.teamId}/${inject.id}`));
    if (due.length === 0) continue;
    count += await db.transaction().execute(async (trx) => {
      let released = 0;
      for (const inject of due) {
        const target = { runId: row.runId, teamId: row.teamId, scenario };
        released += (await releaseToTeam(trx, target, { kind: 'inject', contentId: inject.id, trigger: 'time', releasedBy: null, reason: null })).length;
      }
      return released;
    });
  }
  return count;
}
