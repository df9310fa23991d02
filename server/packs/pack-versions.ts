/**
 * Pack versions by id, kept in memory. A version never changes once imported (runs point at exact
 * versions), so its parsed pack can be kept for the life of the app instead of reading and parsing
 * 100 KB of JSON on every request. One cache per app instance, created and closed with it.
 */
import { LRUCache } from 'lru-cache';
import type { Database } from '../db/database.js';
import { findPackVersionContent } from './queries.js';
import type { Pack } from './schema.js';

/** A few packs are in use on any one day; the bound only matters for a long-lived instance. */
export const PACK_CACHE_SIZE = 32;

export interface PackVersions {
  /** The pack of a version; undefined when no version has that id. */
  find(packVersionId: string): Promise<Pack | undefined>;
  /** Forgets every pack (the app is closing). */
  clear(): void;
}

export function createPackVersions(db: Database, capacity = PACK_CACHE_SIZE): PackVersions {
  // fetch() shares one database read between concurrent requests for the same version, and keeps
  // nothing when the version does not exist.
  const cache = new LRUCache<string, Pack>({
    max: capacity,
    fetchMethod: async (packVersionId) => {
      const pack = await findPackVersionContent(db, packVersionId);
      return pack && deepFreeze(pack);
    },
  });
  return {
    // get() first: fetch() costs a promise and its bookkeeping even when the pack is there.
    find: async (packVersionId) => cache.get(packVersionId) ?? cache.fetch(packVersionId),
    clear: () => cache.clear(),
  };
}

/** Every request shares the cached object, so one that changed it would change it for all. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
