/** Reading an organisation's audit log a page at a time, with each actor named as a person reads it. */
import type { Database } from '../db/database.js';
import { listAuditEntries } from './queries.js';
import type { AuditLog, AuditQuery } from './schema.js';

export async function readAuditLog(db: Database, organisationId: string, query: AuditQuery): Promise<AuditLog> {
  const { runId, action, since, until, limit, before } = query;
  const rows = await listAuditEntries(db, {
    organisationId,
    runId,
    action,
    since: since ? new Date(since) : undefined,
    until: until ? new Date(until) : undefined,
    limit,
    before,
  });
  return {
    entries: rows.map((row) => ({
      id: Number(row.id),
      runId: row.runId,
      actor: row.actorKind === 'staff' ? (row.actorUserName ?? 'A member of staff') : row.actorKind === 'team' ? (row.actorTeamName ?? 'A team') : 'Automatic (pack trigger)',
      action: row.action,
      subject: row.subject,
      before: row.before,
      after: row.after,
      reason: row.reason,
      occurredAt: row.occurredAt.toISOString(),
    })),
    nextBefore: rows.length === limit ? Number(rows[rows.length - 1]!.id) : null,
  };
}
