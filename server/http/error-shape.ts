/**
 * The one JSON shape of every error the API returns, and the error class route code throws to
 * produce it. Clients read `error.message` to show a person and `error.details` for field errors.
 */
import { z } from 'zod';

export const FieldProblem = z.object({
  /** Where the problem is, e.g. "body.teams[1].name". */
  path: z.string(),
  message: z.string(),
});

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
export type FieldProblem = z.infer<typeof FieldProblem>;

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: FieldProblem[],
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string, details?: FieldProblem[]): ErrorResponse {
  return { error: details && details.length > 0 ? { code, message, details } : { code, message } };
}
