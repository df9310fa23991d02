/**
 * The Rehearse API, typed from its OpenAPI document (schema.gen.ts, generated from the routes' zod
 * schemas by `npm run api:types`). The path, method, parameters and body of a call are checked, and
 * its answer is the route's success response, so no caller names a response type by hand:
 *
 *   const run = await api.get('/runs/{runId}', { params: { path: { runId } } });
 *
 * Every failure, including a lost connection, throws an ApiError (see api-error.ts). Requests go
 * through openapi-fetch, which fills in path and query parameters and serialises the body.
 */
import createClient, { type FetchResponse, type MaybeOptionalInit } from 'openapi-fetch';
import type { HttpMethod, MediaType, PathsWithMethod, RequiredKeysOf } from 'openapi-typescript-helpers';
import { csrfTokenFor } from '../session-store.js';
import { errorFromResponse, networkError } from './api-error.js';
import type { paths } from './schema.gen.js';

export { ApiError } from './api-error.js';

type Method = Extract<HttpMethod, 'get' | 'post' | 'put' | 'patch' | 'delete'>;
type InitParam<Init> = RequiredKeysOf<Init> extends never ? [Init?] : [Init];

/** What a successful call of `method` on `path` answers, e.g. `ApiData<'/runs/{runId}', 'get'>`. */
export type ApiData<Path extends PathsWithMethod<paths, M>, M extends Method, Init = object> =
  paths[Path][M] extends Record<string | number, unknown>
    ? Extract<FetchResponse<paths[Path][M], Init, MediaType>, { data: unknown }>['data']
    : never;

type ApiMethod<M extends Method> = <Path extends PathsWithMethod<paths, M>, Init extends MaybeOptionalInit<paths[Path], M>>(
  path: Path,
  ...init: InitParam<Init>
) => Promise<ApiData<Path, M, Init>>;

const client = createClient<paths>({ baseUrl: '/api', credentials: 'same-origin', headers: { Accept: 'application/json' } });

client.use({
  // The CSRF token of the session the path belongs to (see session-store.ts); reads need none.
  onRequest({ request, schemaPath }) {
    if (request.method === 'GET') return undefined;
    const token = csrfTokenFor(schemaPath);
    if (token) request.headers.set('X-CSRF-Token', token);
    return request;
  },
});

async function settle(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<unknown> {
  let outcome: Awaited<typeof call>;
  try {
    outcome = await call;
  } catch (error) {
    // A page that moved on cancelled the request: nobody is waiting for an answer.
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    // A success whose body is not JSON is the server misbehaving, not the connection.
    if (error instanceof SyntaxError) throw errorFromResponse(200, undefined);
    throw networkError();
  }
  if (!outcome.response.ok) throw errorFromResponse(outcome.response.status, outcome.error);
  return outcome.data;
}

// ApiMethod carries the checking of each call; underneath, openapi-fetch's request() takes any path.
const request = client.request as (method: Method, path: string, init?: object) => ReturnType<typeof client.GET>;

function method<M extends Method>(name: M): ApiMethod<M> {
  return ((path: string, init?: object) => settle(request(name, path, init))) as ApiMethod<M>;
}

export const api = {
  get: method('get'),
  post: method('post'),
  put: method('put'),
  patch: method('patch'),
  delete: method('delete'),
};
