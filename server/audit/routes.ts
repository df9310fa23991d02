/** GET /api/audit: leads read and filter their organisation's audit log. */
import { staffOf } from '../http/access-control.js';
import { ErrorResponse } from '../http/error-shape.js';
import type { FeatureRoutes } from '../http/route-deps.js';
import { AuditLog, AuditQuery } from './schema.js';
import { readAuditLog } from './service.js';

export const auditRoutes: FeatureRoutes = async (app, { db, packs }) => {
  app.get(
    '/audit',
    {
      config: { access: 'lead' },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first, filtered by run, action and time, a page at a time (before: older, after: newer)',
        querystring: AuditQuery,
        response: { 200: AuditLog, 400: ErrorResponse },
      },
    },
    async (request) => readAuditLog(db, packs, staffOf(request).organisationId, request.query),
  );
};
