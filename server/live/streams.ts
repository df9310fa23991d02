/**
 * Server-Sent Events: one stream per team and one per facilitator console. Each stream subscribes to
 * topics on this instance's hub; the hub is fed from the live events table (event-reader.ts), so a
 * release made through another instance reaches a team connected here.
 *
 * A stream belongs to the session that opened it and never outlives it: it closes when the session
 * is ended (sign-out, a facilitator ending a team's devices: a sessions-ended event reaches every
 * instance), when it expires, and at each heartbeat if the session is gone for any other reason.
 * A session may hold a few streams at once (tabs, a reconnecting page), never thousands.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.js';
import { DomainError } from '../errors.js';
import type { LiveEvent } from './events.js';
import { LiveHub } from './hub.js';
import { startLiveEventReader } from './event-reader.js';
import { isSessionLive, publish, type SessionKind } from './queries.js';

const HEARTBEAT_MS = 15_000;
export const MAX_STREAMS_PER_SESSION = 5;
/** setTimeout cannot wait longer than about 24.8 days; a longer session is checked at heartbeats. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

export interface StreamSession {
  kind: SessionKind;
  tokenSha256: string;
  expiresAt: Date;
}

export interface LiveStreams {
  hub: LiveHub;
  /** Streams the events of these topics to the client until it disconnects, its session ends, or the app closes. */
  stream(request: FastifyRequest, reply: FastifyReply, topics: string[], session: StreamSession): void;
}

/** Tells every instance to close the streams of these sessions; pass the transaction that ended them. */
export async function endSessionStreams(db: Database, tokenSha256s: string[]): Promise<void> {
  if (tokenSha256s.length > 0) await publish(db, { type: 'sessions-ended', sessions: tokenSha256s });
}

export function startLiveStreams(app: FastifyInstance, db: Database): LiveStreams {
  const hub = new LiveHub();
  const open = new Set<() => void>();
  /** The end functions of the streams open here, by session token hash. */
  const bySession = new Map<string, Set<() => void>>();
  const endStreamsOf = (tokenSha256: string) => {
    for (const end of [...(bySession.get(tokenSha256) ?? [])]) end();
  };
  const reader = startLiveEventReader(db, {
    listening: () => open.size > 0,
    deliver: (event) => {
      if (event.type === 'sessions-ended') event.sessions.forEach(endStreamsOf);
      else hub.dispatch(event);
    },
    log: app.log,
  });
  // Open streams never finish by themselves; end them so shutdown is not held up.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });
  // Before the database closes: the reader finishes the read it is making.
  app.addHook('preClose', () => reader.stop());

  return {
    hub,
    stream(request, reply, topics, session) {
      const streams = bySession.get(session.tokenSha256) ?? new Set<() => void>();
      if (streams.size >= MAX_STREAMS_PER_SESSION) {
        throw new DomainError(
          'too-many-requests',
          'too_many_streams',
          `This sign-in already has ${MAX_STREAMS_PER_SESSION} live connections open. Close other tabs or windows of Rehearse, then reload this page.`,
        );
      }
      reply.hijack();
      // What the app's hooks set (the security headers), which a hijacked reply does not send itself.
      for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) reply.raw.setHeader(name, value);
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
      const heartbeat = setInterval(() => {
        reply.raw.write(': still here\n\n');
        isSessionLive(db, session.kind, session.tokenSha256).then(
          (live) => (live ? undefined : end()),
          () => undefined,
        );
      }, HEARTBEAT_MS);
      const expiry = setTimeout(() => end(), Math.min(Math.max(0, session.expiresAt.getTime() - Date.now()), LONGEST_TIMER_MS));
      const end = () => {
        clearInterval(heartbeat);
        clearTimeout(expiry);
        unsubscribe();
        open.delete(end);
        streams.delete(end);
        if (streams.size === 0 && bySession.get(session.tokenSha256) === streams) bySession.delete(session.tokenSha256);
        if (!reply.raw.writableEnded) reply.raw.end();
      };
      open.add(end);
      streams.add(end);
      bySession.set(session.tokenSha256, streams);
      request.raw.on('close', end);
      reader.wake();
    },
  };
}
