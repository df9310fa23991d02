/**
 * The one JSON shape of every error the API returns. Clients read `error.message` to show a person
 * and `error.details` for field errors.
 */
import { z } from 'zod';
import { FieldProblem } from '../errors.js';

export { FieldProblem };

export const ErrorResponse = z
  .object({
    error: z.object({
      /** Stable, machine-readable, e.g. "validation_failed", "not_found". */
      code: z.string(),
      /** A sentence a person can act on. */
      message: z.string(),
      details: z.array(FieldProblem).optional(),
    }),
  })
  .meta({ id: 'ErrorResponse' });

export type ErrorResponse = z.infer<typeof ErrorResponse>;

export function errorBody(code: string, message: string, details?: FieldProblem[]): ErrorResponse {
  return { error: details && details.length > 0 ? { code, message, details } : { code, message } };
}
