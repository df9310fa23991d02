/** Shapes of the agency inbox API, shared with the client. */
import { z } from 'zod';

/** Who wrote a message in a thread: the team, or an assessor in role as the agency. */
export const AgencyMessageAuthor = z.enum(['team', 'agency']);
export type AgencyMessageAuthor = z.infer<typeof AgencyMessageAuthor>;

export const AgencyMessage = z.object({
  id: z.uuid(),
  author: AgencyMessageAuthor,
  body: z.string(),
  /** The prepared inject the agency answered with, released to the team alongside. */
  injectId: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

export const AgencyThread = z.object({
  agency: z.object({ id: z.string(), name: z.string() }),
  teamId: z.uuid(),
  teamName: z.string(),
  messages: z.array(AgencyMessage),
  /** The team wrote last: an assessor owes an answer. */
  awaitingReply: z.boolean(),
});
export type AgencyThread = z.infer<typeof AgencyThread>;

export const AgencyThreads = z.object({ threads: z.array(AgencyThread) }).meta({ id: 'AgencyThreads' });
export type AgencyThreads = z.infer<typeof AgencyThreads>;

export const TeamMessageRequest = z
  .object({
    body: z.string().trim().min(1, 'Write your message').max(5000, 'Keep the message under 5000 characters'),
    idempotencyKey: z
      .uuid('Send a new random id (a UUID) with each message, and the same one when you retry it')
      .meta({ description: 'A fresh UUID per message; a retry with the same key records the message once' }),
  })
  .meta({ id: 'TeamMessageRequest' });

export const AgencyReplyRequest = z
  .object({
    body: z.string().trim().max(5000, 'Keep the answer under 5000 characters').optional(),
    /** Answer with a prepared inject of the team's scenario; it is released to the team. */
    injectId: z.string().min(1).optional(),
    /** Release held-back research of the team's scenario with the answer (research this agency may release on request). */
    researchId: z.string().min(1).optional(),
  })
  .refine((reply) => Boolean(reply.body) || Boolean(reply.injectId) || Boolean(reply.researchId), {
    message: 'Write an answer or choose a prepared inject',
    path: ['body'],
  })
  .meta({ id: 'AgencyReplyRequest' });
