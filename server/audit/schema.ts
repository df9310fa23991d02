/** Shapes of the audit log API. */
import { z } from 'zod';

export const AuditQuery = z.object({
  runId: z.uuid('is not a run id').optional(),
  action: z.string().max(100).optional(),
  since: z.iso.datetime({ message: 'Give a date and time like 2026-11-25T09:00:00Z' }).optional(),
  until: z.iso.datetime({ message: 'Give a date and time like 2026-11-25T17:00:00Z' }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().optional(),
});

export const AuditLog = z
  .object({
    entries: z.array(
      z.object({
        id: z.number(),
        runId: z.uuid().nullable(),
        actor: z.string(),
        action: z.string(),
        subject: z.string(),
        before: z.unknown(),
        after: z.unknown(),
        reason: z.string().nullable(),
        occurredAt: z.iso.datetime(),
      }),
    ),
    /** Pass as `before` to read the next page back; null when there is no more. */
    nextBefore: z.number().nullable(),
  })
  .meta({ id: 'AuditLog' });
