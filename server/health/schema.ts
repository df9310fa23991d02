import { z } from 'zod';

export const HealthResponse = z
  .object({
    status: z.literal('ok'),
    database: z.literal('ok'),
    engine: z.enum(['postgres', 'embedded']),
  })
  .meta({ id: 'HealthResponse' });

export type HealthResponse = z.infer<typeof HealthResponse>;
