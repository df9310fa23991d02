/**
 * The part of a team session that never changes while the session lives: whose it is, its CSRF token,
 * and the pack version its run plays (a session's team never moves run, and a run never changes pack
 * version). Kept in memory, so the team's autosave, which checks the session again in its own write
 * statement, needs no round trip of its own to find it. Nothing else may rely on a cached entry: it
 * says nothing of whether the session still exists, nor of the run's state.
 */
import { LRUCache } from 'lru-cache';
import { hashToken } from '../accounts/sessions.js';
import type { Database } from '../db/database.js';
import { findLiveTeamSession } from './queries.js';

export interface TeamCredentials {
  tokenSha256: string;
  teamId: string;
  runId: string;
  packVersionId: string;
  csrfToken: string;
  sessionExpiresAt: Date;
}

/** A lost device or a sign-out leaves its entry until it falls out; the bound keeps that small. */
export const TEAM_CREDENTIALS_CACHE_SIZE = 5_000;

export interface TeamCredentialCache {
  /** The credentials of a live session's token, from memory or the database; undefined when there is none. */
  find(token: string): Promise<TeamCredentials | undefined>;
  clear(): void;
}

export function createTeamCredentialCache(db: Database, capacity = TEAM_CREDENTIALS_CACHE_SIZE): TeamCredentialCache {
  const cache = new LRUCache<string, TeamCredentials>({
    max: capacity,
    fetchMethod: async (tokenSha256) => {
      const session = await findLiveTeamSession(db, tokenSha256);
      return session && {
        tokenSha256,
        teamId: session.teamId,
        runId: session.runId,
        packVersionId: session.packVersionId,
        csrfToken: session.csrfToken,
        sessionExpiresAt: session.sessionExpiresAt,
      };
    },
  });
  return {
    async find(token) {
      const tokenSha256 = hashToken(token);
      // get() first: fetch() costs a promise and its bookkeeping even when the entry is there.
      const credentials = cache.get(tokenSha256) ?? (await cache.fetch(tokenSha256));
      if (credentials && credentials.sessionExpiresAt > new Date()) return credentials;
      cache.delete(tokenSha256);
      return undefined;
    },
    clear: () => cache.clear(),
  };
}
