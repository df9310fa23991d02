/**
 * Compresses every text response the app computes (API JSON, the OpenAPI document, CSV exports,
 * errors) with brotli or gzip, whichever the client prefers. Static files are pre-compressed at build
 * time instead (client-assets.ts), and @fastify/compress leaves a response that already has a
 * Content-Encoding alone. Live streams (text/event-stream) are written straight to the socket
 * (server/live/streams.ts hijacks the reply) and are outside its default types anyway, so no event
 * is held in a compression buffer.
 */
import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    // What fits in one TCP segment (about 1460 bytes on Ethernet) arrives no sooner compressed: below
    // that, compressing only costs CPU. A team's autosave reply, the commonest, is about 1.1 kB.
    threshold: 1400,
  });
}
