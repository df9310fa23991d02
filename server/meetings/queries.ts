/** SQL for teams' meetings and their live records. Nothing else. */
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { toJsonText } from '../db/json-columns.js';
import type { DB } from '../db/types.js';
import type { ConvenedBy, MeetingAuthorKind, MeetingEntryKind } from './schema.js';

type Executor = Database | Transaction<DB>;

const meetingColumns = [
  'meetings.id',
  'meetings.runId',
  'meetings.teamId',
  'meetings.meetingId',
  'meetings.level',
  'meetings.scheduledAt',
  'meetings.agencies',
  'meetings.revision',
  'meetings.convenedBy',
  'meetings.convenedAt',
  'meetings.convenedExerciseSeconds',
  'meetings.closedAt',
] as const;

export type MeetingRow = Awaited<ReturnType<typeof findMeeting>> & {};

export interface NewMeeting {
  runId: string;
  teamId: string;
  meetingId: string;
  level: number | null;
  scheduledAt: Date | null;
  agencies: string[];
  convenedBy: ConvenedBy;
  convenedByUser: string | null;
  convenedAt: Date;
  /** The exercise clock at convenedAt (pauses excluded), which the runs row cannot give later. */
  convenedExerciseSeconds: number;
}

export async function lockRunState(trx: Transaction<DB>, runId: string) {
  const row = await trx.selectFrom('runs').select('state').where('id', '=', runId).forShare().executeTakeFirst();
  return row?.state;
}

/** Convenes the meeting unless the team already has it; returns its id only when it is new. */
export async function insertMeetingOnce(trx: Transaction<DB>, meeting: NewMeeting): Promise<string | undefined> {
  const row = await trx
    .insertInto('meetings')
    .values({ ...meeting, agencies: toJsonText(meeting.agencies) })
    .onConflict((conflict) => conflict.columns(['teamId', 'meetingId']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** A meeting with its team's name and scenario. */
export async function findMeeting(db: Executor, meetingId: string) {
  return db
    .selectFrom('meetings')
    .innerJoin('runTeams', 'runTeams.id', 'meetings.teamId')
    .select([...meetingColumns, 'runTeams.name as teamName', 'runTeams.scenarioId'])
    .where('meetings.id', '=', meetingId)
    .executeTakeFirst();
}

/** The meeting locked against closing (shared: writers do not wait for each other) or for a change of its own (update). */
export async function lockMeeting(trx: Transaction<DB>, meetingId: string, mode: 'share' | 'update') {
  const query = trx.selectFrom('meetings').select([...meetingColumns]).where('id', '=', meetingId);
  return (mode === 'share' ? query.forShare() : query.forUpdate()).executeTakeFirst();
}

export async function listMeetingsOfTeam(db: Executor, teamId: string) {
  return db
    .selectFrom('meetings')
    .innerJoin('runTeams', 'runTeams.id', 'meetings.teamId')
    .select([...meetingColumns, 'runTeams.name as teamName', 'runTeams.scenarioId'])
    .where('meetings.teamId', '=', teamId)
    .orderBy('meetings.convenedAt')
    .execute();
}

export async function listMeetingsOfRun(db: Executor, runId: string) {
  return db
    .selectFrom('meetings')
    .innerJoin('runTeams', 'runTeams.id', 'meetings.teamId')
    .select([...meetingColumns, 'runTeams.name as teamName', 'runTeams.scenarioId'])
    .where('meetings.runId', '=', runId)
    .orderBy('runTeams.position')
    .orderBy('meetings.convenedAt')
    .execute();
}

export async function updateMeetingDetails(
  trx: Transaction<DB>,
  meetingId: string,
  details: { level: number | null; scheduledAt: Date | null; agencies: string[]; revision: number },
) {
  await trx
    .updateTable('meetings')
    .set({ ...details, agencies: toJsonText(details.agencies) })
    .where('id', '=', meetingId)
    .execute();
}

/** Marks the meeting closed unless it already is; true only for the call that closed it. */
export async function closeMeetingOnce(trx: Transaction<DB>, meetingId: string, closedBy: string): Promise<Date | undefined> {
  const row = await trx
    .updateTable('meetings')
    .set({ closedAt: new Date(), closedBy })
    .where('id', '=', meetingId)
    .where('closedAt', 'is', null)
    .returning('closedAt')
    .executeTakeFirst();
  return row?.closedAt ?? undefined;
}

const entryColumns = [
  'meetingEntries.id',
  'meetingEntries.meetingId',
  'meetingEntries.kind',
  'meetingEntries.agendaItemId',
  'meetingEntries.body',
  'meetingEntries.owner',
  'meetingEntries.due',
  'meetingEntries.authorKind',
  'meetingEntries.authorAgencyId',
  'meetingEntries.revision',
  'meetingEntries.createdAt',
  'meetingEntries.updatedAt',
  'users.displayName as authorName',
] as const;

export type EntryRow = Awaited<ReturnType<typeof listEntries>>[number];

export async function listEntries(db: Executor, meetingId: string) {
  return db
    .selectFrom('meetingEntries')
    .leftJoin('users', 'users.id', 'meetingEntries.authorUserId')
    .select([...entryColumns])
    .where('meetingEntries.meetingId', '=', meetingId)
    .orderBy('meetingEntries.createdAt')
    .orderBy('meetingEntries.id')
    .execute();
}

/** The actions of every meeting of a run's teams, for marking and the presentation view. */
export async function listActionsOfMeetings(db: Executor, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return [];
  return db
    .selectFrom('meetingEntries')
    .select(['meetingId', 'body', 'owner', 'due', 'createdAt'])
    .where('meetingId', 'in', meetingIds)
    .where('kind', '=', 'action')
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export async function findEntry(db: Executor, meetingId: string, entryId: string) {
  return db
    .selectFrom('meetingEntries')
    .leftJoin('users', 'users.id', 'meetingEntries.authorUserId')
    .select([...entryColumns])
    .where('meetingEntries.meetingId', '=', meetingId)
    .where('meetingEntries.id', '=', entryId)
    .executeTakeFirst();
}

export async function lockEntry(trx: Transaction<DB>, meetingId: string, entryId: string) {
  return trx
    .selectFrom('meetingEntries')
    .select(['id', 'revision'])
    .where('meetingId', '=', meetingId)
    .where('id', '=', entryId)
    .forUpdate()
    .executeTakeFirst();
}

export interface NewEntry {
  meetingId: string;
  kind: MeetingEntryKind;
  agendaItemId: string | null;
  body: string;
  owner: string | null;
  due: string | null;
  authorKind: MeetingAuthorKind;
  authorUserId: string | null;
  authorAgencyId: string | null;
}

export async function insertEntry(trx: Transaction<DB>, entry: NewEntry): Promise<string> {
  const row = await trx
    .insertInto('meetingEntries')
    .values({ ...entry, revision: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateEntry(trx: Transaction<DB>, entryId: string, change: { body: string; owner: string | null; due: string | null; revision: number }) {
  await trx
    .updateTable('meetingEntries')
    .set({ ...change, updatedAt: new Date() })
    .where('id', '=', entryId)
    .execute();
}

/**
 * Records an accepted write under its idempotency key; false when the key is taken already (a
 * concurrent retry committed first: the unique constraint made this insert wait for it).
 */
export async function insertEntryWriteOnce(
  trx: Transaction<DB>,
  write: { meetingId: string; entryId: string; revision: number; body: string; owner: string | null; due: string | null; idempotencyKey: string },
): Promise<boolean> {
  const row = await trx
    .insertInto('meetingEntryWrites')
    .values(write)
    .onConflict((conflict) => conflict.columns(['meetingId', 'idempotencyKey']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function findEntryWrite(db: Executor, meetingId: string, idempotencyKey: string) {
  return db
    .selectFrom('meetingEntryWrites')
    .select(['entryId', 'revision', 'body', 'owner', 'due', 'writtenAt'])
    .where('meetingId', '=', meetingId)
    .where('idempotencyKey', '=', idempotencyKey)
    .executeTakeFirst();
}

/** The run's clock, read inside the transaction that convenes a meeting (the run is locked by then). */
export async function findRunClockOfMeetings(db: Executor, runId: string) {
  return db.selectFrom('runs').select(['wentLiveAt', 'pausedAt', 'pausedSeconds']).where('id', '=', runId).executeTakeFirstOrThrow();
}
