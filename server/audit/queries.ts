/** SQL for the append-only audit log. Inserts and reads only: the database refuses anything else. */
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { DB } from '../db/types.js';

export interface AuditEntry {
  runId: string;
  actor: { kind: 'staff'; userId: string } | { kind: 'team'; teamId: string } | { kind: 'system' };
  action: string;
  subject: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** Appends an entry for a run; the organisation is the run's, so callers cannot get it wrong. */
export async function insertAuditEntry(db: Database | Transaction<DB>, entry: AuditEntry): Promise<void> {
  await sql`
    insert into audit_events (organisation_id, run_id, actor_kind, actor_user_id, actor_team_id, action, subject, before, after, reason)
    select organisation_id, id, ${entry.actor.kind},
      ${entry.actor.kind === 'staff' ? entry.actor.userId : null}::uuid,
      ${entry.actor.kind === 'team' ? entry.actor.teamId : null}::uuid,
      ${entry.action}, ${entry.subject},
      ${entry.before === undefined ? null : JSON.stringify(entry.before)}::jsonb,
      ${entry.after === undefined ? null : JSON.stringify(entry.after)}::jsonb,
      ${entry.reason ?? null}
    from runs where id = ${entry.runId}
  `.execute(db);
}

/** Appends an entry about the organisation rather than one run: staff accounts, a deleted draft run. */
export async function insertOrganisationAuditEntry(
  db: Database | Transaction<DB>,
  entry: Omit<AuditEntry, 'runId' | 'actor'> & { organisationId: string; actorUserId: string },
): Promise<void> {
  await db
    .insertInto('auditEvents')
    .values({
      organisationId: entry.organisationId,
      runId: null,
      actorKind: 'staff',
      actorUserId: entry.actorUserId,
      action: entry.action,
      subject: entry.subject,
      before: entry.before === undefined ? null : sql`${JSON.stringify(entry.before)}::jsonb`,
      after: entry.after === undefined ? null : sql`${JSON.stringify(entry.after)}::jsonb`,
      reason: entry.reason ?? null,
    })
    .execute();
}

export interface AuditFilter {
  organisationId: string;
  runId?: string;
  action?: string;
  since?: Date;
  until?: Date;
  limit: number;
  /** Entries with an id below this, for paging back through history. */
  before?: number;
  /** Entries with an id above this, for paging forward again; the oldest of them come first. */
  after?: number;
}

/** A page of entries, newest first: below `before`, or the `limit` entries just above `after`. */
export async function listAuditEntries(db: Database, filter: AuditFilter) {
  let query = filtered(db, filter)
    .leftJoin('users', 'users.id', 'auditEvents.actorUserId')
    .leftJoin('runTeams', 'runTeams.id', 'auditEvents.actorTeamId')
    .select([
      'auditEvents.id',
      'auditEvents.runId',
      'auditEvents.actorKind',
      'users.displayName as actorUserName',
      'runTeams.name as actorTeamName',
      'auditEvents.action',
      'auditEvents.subject',
      'auditEvents.before',
      'auditEvents.after',
      'auditEvents.reason',
      'auditEvents.occurredAt',
    ])
    .orderBy('auditEvents.id', filter.after !== undefined ? 'asc' : 'desc')
    .limit(filter.limit);
  if (filter.before !== undefined) query = query.where('auditEvents.id', '<', filter.before);
  if (filter.after !== undefined) query = query.where('auditEvents.id', '>', filter.after);
  const rows = await query.execute();
  return filter.after !== undefined ? rows.reverse() : rows;
}

/** Whether any entry of the filter has an id below (older) or above (newer) `id`. */
export async function hasAuditEntryBeyond(db: Database, filter: AuditFilter, direction: 'older' | 'newer', id: number): Promise<boolean> {
  const row = await filtered(db, filter)
    .select('auditEvents.id')
    .where('auditEvents.id', direction === 'older' ? '<' : '>', id)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

function filtered(db: Database, filter: AuditFilter) {
  let query = db.selectFrom('auditEvents').where('auditEvents.organisationId', '=', filter.organisationId);
  if (filter.runId) query = query.where('auditEvents.runId', '=', filter.runId);
  if (filter.action) query = query.where('auditEvents.action', '=', filter.action);
  if (filter.since) query = query.where('auditEvents.occurredAt', '>=', filter.since);
  if (filter.until) query = query.where('auditEvents.occurredAt', '<', filter.until);
  return query;
}

/** The runs named by entries, with their teams, for describing the entries in words. */
export async function listRunsForAudit(db: Database, organisationId: string, runIds: readonly string[]) {
  if (runIds.length === 0) return { runs: [], teams: [] };
  const runs = await db
    .selectFrom('runs')
    .select(['id', 'cohortLabel', 'packVersionId'])
    .where('organisationId', '=', organisationId)
    .where('id', 'in', [...runIds])
    .execute();
  const teams = await db.selectFrom('runTeams').select(['id', 'name', 'scenarioId']).where('runId', 'in', [...runIds]).execute();
  return { runs, teams };
}
