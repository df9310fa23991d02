/**
 * Server-Sent Events: one stream per team and one per facilitator console. Each stream subscribes to
 * topics on this instance's hub; the hub is fed by PostgreSQL LISTEN, so a release made through
 * another instance reaches a team connected here.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DatabaseHandle } from '../db/database.js';
import type { LiveEvent } from './events.js';
import { LiveHub } from './hub.js';
import { LIVE_CHANNEL, parseNotification } from './notifications.js';

const HEARTBEAT_MS = 15_000;

export interface LiveStreams {
  hub: LiveHub;
  /** Streams the events of these topics to the client until it disconnects or the app closes. */
  stream(request: FastifyRequest, reply: FastifyReply, topics: string[]): void;
}

export async function startLiveStreams(app: FastifyInstance, database: DatabaseHandle): Promise<LiveStreams> {
  const hub = new LiveHub();
  const open = new Set<() => void>();
  const unlisten = await database.listen(
    LIVE_CHANNEL,
    (payload) => {
      const event = parseNotification(payload);
      if (event) hub.dispatch(event);
    },
    () => hub.dispatch({ type: 'resync' }),
  );
  // Open streams never finish by themselves; end them so shutdown is not held up.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });
  app.addHook('onClose', async () => unlisten());

  return {
    hub,
    stream(request, reply, topics) {
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        // Stops reverse proxies from buffering the stream.
        'x-accel-buffering': 'no',
      });
      reply.raw.write('retry: 2000\n\n');
      const send = (event: LiveEvent) => reply.raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      const unsubscribe = hub.subscribe(topics, send);
      const heartbeat = setInterval(() => reply.raw.write(': still here\n\n'), HEARTBEAT_MS);
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(end);
        if (!reply.raw.writableEnded) reply.raw.end();
      };
      open.add(end);
      request.raw.on('close', end);
    },
  };
}
