/** SQL for imported pack versions. Nothing else. */
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { toJsonText } from '../db/json-columns.js';
import type { DB } from '../db/types.js';
import type { Pack } from './schema.js';

export interface PackVersionKey {
  packId: string;
  version: string;
  /** Null for the shared library. */
  organisationId: string | null;
}

/** Serialises concurrent imports of the same pack version until the transaction ends. */
export async function lockPackVersionKey(trx: Transaction<DB>, key: PackVersionKey): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`${key.organisationId ?? 'library'}/${key.packId}@${key.version}`}))`.execute(trx);
}

export async function findPackVersionHash(db: Database | Transaction<DB>, key: PackVersionKey) {
  let query = db
    .selectFrom('packVersions')
    .select(['id', 'contentSha256'])
    .where('packId', '=', key.packId)
    .where('version', '=', key.version);
  query = key.organisationId === null ? query.where('organisationId', 'is', null) : query.where('organisationId', '=', key.organisationId);
  return query.executeTakeFirst();
}

export async function insertPackVersion(
  trx: Transaction<DB>,
  key: PackVersionKey,
  pack: Pack,
  contentSha256: string,
): Promise<string> {
  const { id } = await trx
    .insertInto('packVersions')
    .values({
      organisationId: key.organisationId,
      packId: key.packId,
      version: key.version,
      title: pack.meta.title,
      exerciseType: pack.meta.exerciseType,
      content: toJsonText(pack),
      contentSha256,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('packObjectives')
    .values(pack.meta.objectives.map((objective, position) => ({ packVersionId: id, objectiveId: objective.id, position, text: objective.text })))
    .execute();
  await trx
    .insertInto('packCriteria')
    .values(
      pack.rubric.criteria.map((criterion, position) => ({
        packVersionId: id,
        criterionId: criterion.id,
        objectiveId: criterion.objective,
        position,
        title: criterion.title,
        kind: criterion.kind,
        maxPoints: String(criterion.kind === 'automatic' ? criterion.points : Math.max(...criterion.levels.map((level) => level.points))),
      })),
    )
    .execute();
  return id;
}

/** Pack versions an organisation may use: the shared library and its own, newest import first. */
export async function listPackVersions(db: Database, organisationId: string | null) {
  let query = db
    .selectFrom('packVersions')
    .select(['id', 'packId', 'version', 'organisationId', 'content', 'importedAt'])
    .orderBy('packId')
    .orderBy('importedAt', 'desc');
  query =
    organisationId === null
      ? query.where('organisationId', 'is', null)
      : query.where((eb) => eb.or([eb('organisationId', 'is', null), eb('organisationId', '=', organisationId)]));
  return query.execute();
}

/** One pack version an organisation may use; its own copy wins over the shared library's. */
export async function findPackVersion(db: Database, packId: string, version: string, organisationId: string | null) {
  let query = db
    .selectFrom('packVersions')
    .select(['id', 'packId', 'version', 'organisationId', 'content', 'importedAt'])
    .where('packId', '=', packId)
    .where('version', '=', version)
    .orderBy('organisationId', (order) => order.asc().nullsLast())
    .limit(1);
  query =
    organisationId === null
      ? query.where('organisationId', 'is', null)
      : query.where((eb) => eb.or([eb('organisationId', 'is', null), eb('organisationId', '=', organisationId)]));
  return query.executeTakeFirst();
}

export async function countPackVersions(db: Database): Promise<number> {
  const { count } = await db.selectFrom('packVersions').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(count);
}

/** The content of a pack version by its id; read through PackVersions (pack-versions.ts), which keeps it. */
export async function findPackVersionContent(db: Database, packVersionId: string): Promise<Pack | undefined> {
  const row = await db.selectFrom('packVersions').select('content').where('id', '=', packVersionId).executeTakeFirst();
  return row?.content;
}
