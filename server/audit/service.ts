/** Reading an organisation's audit log a page at a time, each entry said in words a person reads. */
import type { Database } from '../db/database.js';
import type { PackVersions } from '../packs/pack-versions.js';
import type { Pack } from '../packs/schema.js';
import { hasAuditEntryBeyond, listAuditEntries, listRunsForAudit, type AuditFilter } from './queries.js';
import type { AuditLog, AuditQuery } from './schema.js';
import { describeChange, describeSubject, type SubjectLookups } from './subject-words.js';

export async function readAuditLog(db: Database, packs: PackVersions, organisationId: string, query: AuditQuery): Promise<AuditLog> {
  const { runId, action, since, until, limit, before, after } = query;
  const filter: AuditFilter = {
    organisationId,
    runId,
    action,
    since: since ? new Date(since) : undefined,
    until: until ? new Date(until) : undefined,
    limit,
  };
  const rows = await listAuditEntries(db, { ...filter, before, after });
  const newest = rows[0] ? Number(rows[0].id) : undefined;
  const oldest = rows.at(-1) ? Number(rows.at(-1)!.id) : undefined;
  const [older, newer] = await Promise.all([
    oldest === undefined ? false : hasAuditEntryBeyond(db, filter, 'older', oldest),
    newest === undefined ? false : hasAuditEntryBeyond(db, filter, 'newer', newest),
  ]);
  const lookups = await subjectLookups(db, packs, organisationId, rows.map((row) => row.runId).filter((id): id is string => id !== null));
  return {
    entries: rows.map((row) => ({
      id: Number(row.id),
      runId: row.runId,
      runTitle: row.runId ? (lookups.runTitle(row.runId) ?? null) : null,
      actor: row.actorKind === 'staff' ? (row.actorUserName ?? 'A member of staff') : row.actorKind === 'team' ? (row.actorTeamName ?? 'A team') : 'Automatic (pack trigger)',
      action: row.action,
      subject: row.subject,
      subjectText: describeSubject(row.subject, row.runId, lookups),
      before: row.before,
      after: row.after,
      beforeText: describeChange(row.before, row.subject, row.runId, lookups),
      afterText: describeChange(row.after, row.subject, row.runId, lookups),
      reason: row.reason,
      occurredAt: row.occurredAt.toISOString(),
    })),
    nextBefore: older && oldest !== undefined ? oldest : null,
    newerAfter: newer && newest !== undefined ? newest : null,
  };
}

async function subjectLookups(db: Database, packs: PackVersions, organisationId: string, runIds: string[]): Promise<SubjectLookups> {
  const { runs, teams } = await listRunsForAudit(db, organisationId, [...new Set(runIds)]);
  const packByRun = new Map<string, Pack | undefined>();
  for (const run of runs) packByRun.set(run.id, await packs.find(run.packVersionId));
  return {
    runTitle: (id) => runs.find((run) => run.id === id)?.cohortLabel,
    team: (id) => teams.find((team) => team.id === id),
    pack: (id) => packByRun.get(id),
  };
}
