/**
 * Typed fetch helpers for the Rehearse API. Every failure, including a lost connection, becomes an
 * ApiError carrying a message a person can act on and, for validation failures, field problems.
 */
import type { ErrorResponse, FieldProblem } from '../server/http/error-shape.js';
import { csrfTokenFor } from './session-store.js';

const apiBase = '/api';

export class ApiError extends Error {
  constructor(
    /** HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    readonly code: string,
    message: string,
    /** Field problems from a validation failure, e.g. `{ path: 'body.teamName', message: 'Enter a team name' }`. */
    readonly details: readonly FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** GET `/api${path}`, e.g. `apiGet<HealthResponse>('/health')`. */
export function apiGet<T>(path: string): Promise<T> {
  return request<T>('GET', path);
}

/**
 * A write to `/api${path}`, e.g. `apiSend<RunDetail>('POST', '/runs', request)`. Sends the CSRF token
 * of the session the path belongs to (see session-store.ts), which the server requires on every
 * cookie-authenticated write.
 */
export function apiSend<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return request<T>(method, path, body);
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const csrfToken = method === 'GET' ? undefined : csrfTokenFor(path);
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`${apiBase}${path}`, {
      method,
      credentials: 'same-origin',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network_error', 'Rehearse could not reach the server. Check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok && payload !== undefined) return payload as T;
  throw errorFrom(response.status, payload);
}

function errorFrom(status: number, payload: unknown): ApiError {
  if (isErrorResponse(payload)) {
    const { code, message, details } = payload.error;
    return new ApiError(status, code, message, details);
  }
  return new ApiError(status, 'unexpected_response', 'Something went wrong on the server. Try again later.');
}

function isErrorResponse(payload: unknown): payload is ErrorResponse {
  if (typeof payload !== 'object' || payload === null || !('error' in payload)) return false;
  const { error } = payload;
  return typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string';
}
