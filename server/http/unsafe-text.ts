/**
 * PostgreSQL cannot store a NUL character in text, and a lone UTF-16 surrogate (which JSON's \ud800
 * escapes can carry) is not a character at all: either would fail deep in a query as a 500, and a
 * client that retries 5xx would retry it for ever. Every request's body, query string and path
 * parameters are walked once, before any route's validation runs, and such text is refused as a 400
 * naming the field. One hook on the root instance, rather than a refinement on each zod string,
 * because a route added later cannot forget it: it has no schema to forget it in.
 */
import type { FastifyInstance } from 'fastify';
import { invalid, type FieldProblem } from '../errors.js';
import { unsafeTextProblem } from '../unsafe-text.js';

export function refuseUnsafeText(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const problems: FieldProblem[] = [];
    collectUnsafeText(request.params, 'params', problems);
    collectUnsafeText(request.query, 'querystring', problems);
    collectUnsafeText(request.body, 'body', problems);
    if (problems.length > 0) throw invalid(problems);
  });
}

function collectUnsafeText(value: unknown, path: string, problems: FieldProblem[]): void {
  if (typeof value === 'string') {
    const problem = unsafeTextProblem(value);
    if (problem) problems.push({ path, message: problem });
  } else if (Array.isArray(value)) {
    value.forEach((entry, index) => collectUnsafeText(entry, `${path}.${index}`, problems));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, entry] of Object.entries(value)) {
      const keyProblem = unsafeTextProblem(key);
      if (keyProblem) problems.push({ path, message: `has a field name that ${keyProblem}` });
      else collectUnsafeText(entry, `${path}.${key}`, problems);
    }
  }
}
