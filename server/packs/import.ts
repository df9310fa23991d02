/**
 * Importing a validated pack into the database, idempotent by id and version: the same content again
 * is a no-op, different content under an existing version is refused, because runs point at exact
 * versions and must never change under them.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../db/database.js';
import { DomainError } from '../errors.js';
import { findPackVersionHash, insertPackVersion, lockPackVersionKey } from './queries.js';
import type { Pack } from './schema.js';

export type ImportOutcome = { status: 'imported' | 'unchanged'; packVersionId: string };

export class PackVersionConflict extends DomainError {
  constructor(packId: string, version: string) {
    super(
      'conflict',
      'pack_version_conflict',
      `${packId}@${version} is already imported with different content. Give the changed pack a new version in pack.yaml; runs made from ${version} keep using it unchanged.`,
    );
  }
}

export async function importPack(db: Database, pack: Pack, organisationId: string | null = null): Promise<ImportOutcome> {
  const key = { packId: pack.meta.id, version: pack.meta.version, organisationId };
  const contentSha256 = hashPack(pack);
  return db.transaction().execute(async (trx) => {
    await lockPackVersionKey(trx, key);
    const existing = await findPackVersionHash(trx, key);
    if (existing) {
      if (existing.contentSha256 !== contentSha256) throw new PackVersionConflict(key.packId, key.version);
      return { status: 'unchanged', packVersionId: existing.id };
    }
    return { status: 'imported', packVersionId: await insertPackVersion(trx, key, pack, contentSha256) };
  });
}

/** SHA-256 of the pack as JSON with object keys sorted, so key order in the YAML does not matter. */
export function hashPack(pack: Pack): string {
  return createHash('sha256').update(canonicalJson(pack)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
