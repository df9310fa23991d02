import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';

const context = useTestApp();

describe('HTTP conventions', () => {
  it('reports the app and its database as healthy', async () => {
    const response = await context.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: 'ok', engine: context.database.handle.engine });
  });

  it('answers an unknown API route with a 404 in the error shape', async () => {
    const response = await context.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'not_found', message: 'There is nothing at this address. Check the link, or start again from the home page.' },
    });
  });

  it.each([
    ['bad percent-encoding', '/api/runs/%ZZ<script>', 400, 'bad_url'],
    ['a cut-off escape', '/api/runs/%E0%A4%A', 400, 'bad_url'],
    ['an over-long parameter', `/api/runs/${'x'.repeat(9000)}<script>`, 414, 'uri_too_long'],
    ['an unknown route', '/api/nothing-<script>', 404, 'not_found'],
  ])('answers %s in the error shape without echoing the address', async (_case, url, status, code) => {
    const response = await context.app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(status);
    expect(response.json()).toEqual({ error: { code, message: expect.any(String) } });
    expect(response.body).not.toContain('script');
  });

  it('serves the OpenAPI document describing the health route and the error shape', async () => {
    const response = await context.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(document.paths['/api/health'].get.responses['200']).toBeDefined();
    expect(document.components.schemas.ErrorResponse).toBeDefined();
  });

  it('serves the API docs page', async () => {
    const response = await context.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
  });

  it('sends a strict content security policy with no inline script', async () => {
    const response = await context.app.inject({ method: 'GET', url: '/api/health' });
    const policy = String(response.headers['content-security-policy']);
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a body over the size limit with a 413 that says the limit', async () => {
    const response = await context.app.inject({
      method: 'POST',
      url: '/api/health',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ padding: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toEqual({
      code: 'payload_too_large',
      message: 'The request body is larger than the limit of 1048576 bytes.',
    });
  });

  it('refuses malformed JSON with a 400 and no stack trace', async () => {
    const response = await context.app.inject({
      method: 'POST',
      url: '/api/health',
      headers: { 'content-type': 'application/json' },
      payload: '{"unclosed": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: { code: 'invalid_json', message: 'The request body is not valid JSON.' } });
    expect(response.body).not.toContain('at ');
  });
});
