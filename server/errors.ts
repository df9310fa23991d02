/**
 * The one vocabulary services use to refuse: a DomainError says what kind of failure it is, a
 * stable code and a sentence a person can act on. Services never mention HTTP; the error handler
 * (server/http/error-handling.ts) turns each kind into a status and the ErrorResponse shape.
 */
import { z } from 'zod';

export const FieldProblem = z.object({
  /** Where the problem is, e.g. "body.teams[1].name". */
  path: z.string(),
  message: z.string(),
});
export type FieldProblem = z.infer<typeof FieldProblem>;

export type DomainErrorKind =
  /** What was sent cannot be used; `problems` names the fields. */
  | 'invalid'
  | 'not-found'
  /** The request clashes with the current state (a run that is not live, work already submitted …). */
  | 'conflict'
  | 'forbidden'
  | 'unauthenticated'
  | 'too-many-requests'
  /** Something the app depends on is not answering; trying again later may work. */
  | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** Stable and machine-readable, e.g. "run_not_live". */
    readonly code: string,
    message: string,
    readonly problems?: FieldProblem[],
  ) {
    super(message);
  }
}

export const INVALID_MESSAGE = 'Some of the information sent is not valid.';

/** Fields to correct, each with what is wrong. */
export function invalid(problems: FieldProblem[]): DomainError {
  return new DomainError('invalid', 'validation_failed', INVALID_MESSAGE, problems);
}

/** One field to correct. */
export function invalidField(path: string, message: string): DomainError {
  return invalid([{ path, message }]);
}

export function notFound(message: string): DomainError {
  return new DomainError('not-found', 'not_found', message);
}

export function conflict(code: string, message: string): DomainError {
  return new DomainError('conflict', code, message);
}

export function forbidden(code: string, message: string): DomainError {
  return new DomainError('forbidden', code, message);
}

/** A team route called without a live team session (never joined, signed out, or expired). */
export function joinRequired(): DomainError {
  return new DomainError('unauthenticated', 'join_required', 'Join the exercise with its code to continue.');
}
