/** GET /api/audit: leads read and filter their organisation's audit log. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../db/database.js';
import { staffOf } from '../http/access-control.js';
import { ErrorResponse } from '../http/error-shape.js';
import { listAuditEntries } from './queries.js';
import { AuditLog, AuditQuery } from './schema.js';

export const auditRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/audit',
    {
      config: { access: 'lead' },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first, filtered by run, action and time',
        querystring: AuditQuery,
        response: { 200: AuditLog, 400: ErrorResponse },
      },
    },
    async (request) => {
      const { runId, action, since, until, limit, before } = request.query;
      const rows = await listAuditEntries(db, {
        organisationId: staffOf(request).organisationId,
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
    },
  );
};
