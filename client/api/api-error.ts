/**
 * The one error every API call fails with, including a lost connection: a message a person can act
 * on, the field problems of a validation failure, and the response body for callers that need more
 * of it (such as the teammate's answer a 409 answer_conflict carries). Free of the DOM, so the
 * outbox and its unit tests use it as it is.
 */
import type { components } from './schema.gen.js';

export type FieldProblem = NonNullable<components['schemas']['ErrorResponse']['error']['details']>[number];
export type AnswerConflict = NonNullable<components['schemas']['WorkConflictResponse']['conflict']>;

const networkErrorMessage = 'Rehearse could not reach the server. Check your connection and try again.';
const unexpectedMessage = 'Something went wrong on the server. Try again later.';

export class ApiError extends Error {
  constructor(
    /** HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    readonly code: string,
    message: string,
    /** Field problems from a validation failure, e.g. `{ path: 'body.teamName', message: 'Enter a team name' }`. */
    readonly details: readonly FieldProblem[] = [],
    /** The response body as sent, when there was one. */
    readonly body: unknown = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The server could not be reached, or it failed (5xx), or asked to slow down (429): trying again may work. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }

  /** Both versions of an answer, when a teammate saved it first (409 answer_conflict). */
  get answerConflict(): AnswerConflict | undefined {
    if (this.status !== 409 || this.code !== 'answer_conflict' || !isRecord(this.body)) return undefined;
    const { conflict } = this.body;
    if (!isRecord(conflict) || typeof conflict.itemId !== 'string' || !isRecord(conflict.theirs)) return undefined;
    if (typeof conflict.theirs.revision !== 'number') return undefined;
    // Checked above as far as the outbox relies on it; the rest is the server's WorkConflictResponse.
    return conflict as AnswerConflict;
  }
}

export function networkError(): ApiError {
  return new ApiError(0, 'network_error', networkErrorMessage);
}

/** The ApiError for a failed response: the server's own code and message when it sent the error shape. */
export function errorFromResponse(status: number, body: unknown): ApiError {
  if (isRecord(body) && isRecord(body.error) && typeof body.error.message === 'string') {
    const { code, message, details } = body.error;
    return new ApiError(status, typeof code === 'string' ? code : 'error', message, Array.isArray(details) ? details : [], body);
  }
  return new ApiError(status, 'unexpected_response', unexpectedMessage, [], body);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
