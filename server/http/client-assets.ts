/**
 * Serves the built Lit client and answers unknown routes: API paths and non-HTML requests get a 404
 * in the ErrorResponse shape; browser navigations to client-side routes get index.html.
 */
import fs from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './error-shape.js';

export async function registerClientAssets(app: FastifyInstance, clientDir: string): Promise<void> {
  const built = fs.existsSync(`${clientDir}/index.html`);
  if (built) {
    await app.register(fastifyStatic, {
      root: clientDir,
      // Routes for the files that exist at start; anything else falls to the not-found handler.
      wildcard: false,
      index: false,
      // The build writes a .br and a .gz of each text file (vite.config.ts): sent as they are to a
      // browser that accepts them, so static files cost no compression at request time.
      preCompressed: true,
      setHeaders(res, filePath) {
        // Vite fingerprints assets, so they never change under the same name.
        res.header('Cache-Control', filePath.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    app.get('/', { schema: { hide: true } }, (_request, reply) => sendIndex(reply));
  }

  app.setNotFoundHandler((request, reply) => {
    if (built && wantsPage(request)) return sendIndex(reply);
    const message = built || isApiPath(request)
      ? // The address is not echoed: a reflected URL is an attacker's text on our page.
        'There is nothing at this address. Check the link, or start again from the home page.'
      : 'The web client has not been built: run npm run build.';
    return reply.status(404).send(errorBody('not_found', message));
  });
}

function sendIndex(reply: FastifyReply) {
  return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
}

function isApiPath(request: FastifyRequest): boolean {
  return request.url === '/api' || request.url.startsWith('/api/');
}

function wantsPage(request: FastifyRequest): boolean {
  return (
    (request.method === 'GET' || request.method === 'HEAD') &&
    !isApiPath(request) &&
    (request.headers.accept ?? '').includes('text/html')
  );
}
