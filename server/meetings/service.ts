/**
 * Meetings as a phase of the exercise day. A scenario's pack names the meetings it may need; a
 * team's recorded decision or a facilitator convenes one (once per team and meeting). Its record is
 * shared and live: the team's members, the chair and the assessors playing agencies each add
 * entries (minutes per agenda item, decisions, actions with owner and due time) as their own rows,
 * so concurrent writers never overwrite each other; editing an entry names the revision the screen
 * showed, and a stale edit is refused with both versions, as the team's form does. Retries carry
 * idempotency keys. Closing the meeting (guarded) freezes the record and releases its outcome
 * injects to the team in the same transaction, once, however many closes race.
 *
 * Who sees what: the team attends its meetings, so its members see the live record while the
 * meeting is open and the frozen minutes once it closes; the facilitator note stays with staff.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { DB } from '../db/types.js';
import { conflict, invalidField, notFound } from '../errors.js';
import { exerciseSeconds } from '../injects/exercise-clock.js';
import { releaseToTeam } from '../injects/releases.js';
import { publish } from '../live/queries.js';
import { findScenario } from '../packs/lookups.js';
import type { MeetingDefinition, Pack, Scenario } from '../packs/schema.js';
import { findTeamOfRun, listTeamsOfRun } from '../runs/queries.js';
import type { StaffRun } from '../runs/staff-run.js';
import type { TeamRun } from '../teams/team-run.js';
import { listDecisions } from '../workspace/queries.js';
import {
  closeMeetingOnce,
  findEntry,
  findEntryWrite,
  findMeeting,
  insertEntry,
  insertEntryWriteOnce,
  findRunClockOfMeetings,
  insertMeetingOnce,
  listEntries,
  listMeetingsOfRun,
  listMeetingsOfTeam,
  lockEntry,
  lockMeeting,
  lockRunState,
  updateEntry,
  updateMeetingDetails,
  type EntryRow,
  type MeetingRow,
} from './queries.js';
import type {
  AddMeetingEntryRequest,
  ClosedMeeting,
  ConveneMeetingRequest,
  EditMeetingEntryRequest,
  MeetingEntry,
  MeetingList,
  MeetingRecord,
  MeetingSummary,
  RunMeetings,
  UpdateMeetingRequest,
} from './schema.js';

const NO_MEETING = 'There is no such meeting for your team.';
const NO_RUN_MEETING = 'This run has no such meeting.';

type MeetingHead = Pick<MeetingRow, 'id' | 'teamId' | 'meetingId' | 'level' | 'scheduledAt' | 'convenedBy' | 'convenedAt' | 'closedAt'> & { teamName: string };

/** Locks the run (shared, so closing the run waits for writes in flight) and refuses unless it is live. */
async function lockWritableRun(trx: Transaction<DB>, runId: string): Promise<void> {
  const state = await lockRunState(trx, runId);
  if (state !== 'live') throw conflict('run_not_live', 'Meetings change only while the run is live.');
}

/**
 * The moment a meeting is convened, on the wall clock and on the exercise clock: "convened by minute
 * N" is judged on the exercise clock, like "not done by" injects, so a pause never counts against a team.
 */
async function convenedAt(trx: Transaction<DB>, runId: string, now: Date): Promise<{ convenedAt: Date; convenedExerciseSeconds: number }> {
  const clock = await findRunClockOfMeetings(trx, runId);
  const convenedExerciseSeconds = clock.wentLiveAt ? exerciseSeconds({ wentLiveAt: clock.wentLiveAt, pausedAt: clock.pausedAt, pausedSeconds: clock.pausedSeconds }, now) : 0;
  return { convenedAt: now, convenedExerciseSeconds };
}

function chairOf(definition: MeetingDefinition): string {
  return definition.chair.by === 'staff' ? definition.chair.role : 'The team';
}

function definitionOf(scenario: Scenario | undefined, meetingId: string): MeetingDefinition | undefined {
  return scenario?.meetings.find((meeting) => meeting.id === meetingId);
}

function toSummary(row: MeetingHead, definition: MeetingDefinition): MeetingSummary {
  return {
    id: row.id,
    meetingId: row.meetingId,
    teamId: row.teamId,
    teamName: row.teamName,
    kind: definition.kind,
    title: definition.title,
    level: row.level,
    chair: chairOf(definition),
    scheduledAt: row.scheduledAt?.toISOString() ?? null,
    convenedBy: row.convenedBy,
    convenedAt: row.convenedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}

function agencyNames(pack: Pack, agencyIds: readonly string[]) {
  return agencyIds.map((id) => ({ id, name: pack.meta.agencies.find((agency) => agency.id === id)?.name ?? id }));
}

function toEntry(row: EntryRow, pack: Pack, teamName: string): MeetingEntry {
  const agency = row.authorAgencyId ? pack.meta.agencies.find((candidate) => candidate.id === row.authorAgencyId) : undefined;
  const name = row.authorKind === 'team' ? teamName : agency ? `${agency.name} (${row.authorName ?? 'staff'})` : (row.authorName ?? 'Staff');
  return {
    id: row.id,
    kind: row.kind,
    agendaItemId: row.agendaItemId,
    body: row.body,
    owner: row.owner,
    due: row.due,
    author: { kind: row.authorKind, name, agencyId: row.authorAgencyId },
    revision: row.revision,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function toRecord(db: Database, pack: Pack, row: MeetingRow, audience: 'team' | 'staff'): Promise<MeetingRecord> {
  const definition = definitionOf(findScenario(pack, row.scenarioId), row.meetingId);
  if (!definition) throw notFound('This meeting is not in the scenario any more.');
  const entries = await listEntries(db, row.id);
  return {
    ...toSummary(row, definition),
    revision: row.revision,
    agencies: agencyNames(pack, row.agencies),
    agenda: definition.agenda.map((item) => ({ id: item.id, title: item.title, help: item.help ?? null })),
    entries: entries.map((entry) => toEntry(entry, pack, row.teamName)),
    ...(audience === 'staff' ? { facilitatorNote: definition.facilitatorNote ?? null, packAgencies: agencyNames(pack, pack.meta.agencies.map((agency) => agency.id)) } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Convening

/**
 * The level and agencies the team's decisions so far give a meeting. A meeting whose attendance
 * comes from a decision the team has not recorded yet starts with no agencies (the chair adds them,
 * or the team's decision does later), so nobody is credited with invitations the team never made.
 */
async function fromTeamDecisions(trx: Transaction<DB>, teamId: string, definition: MeetingDefinition, pack: Pack) {
  const decisions = await listDecisions(trx, teamId);
  // Newest first: the first record of a decision is its current one.
  const latest = (decisionId: string) => decisions.find((decision) => decision.decisionId === decisionId)?.options;
  let level: number | null = null;
  if (definition.levelFrom) {
    const chosen = latest(definition.levelFrom.decision) ?? [];
    level = chosen.map((option) => definition.levelFrom!.levels[option]).find((value) => value !== undefined) ?? null;
  }
  const packAgencies = new Set(pack.meta.agencies.map((agency) => agency.id));
  const agencies = definition.invitedFrom
    ? (latest(definition.invitedFrom.decision) ?? []).filter((option) => packAgencies.has(option))
    : [...definition.agencies];
  return { level, agencies };
}

/**
 * Called inside the transaction that records a team's decision, so what it does commits with the
 * decision: it convenes each meeting the decision convenes (once per team), and a decision that sets
 * an open meeting's level or invitations (levelFrom, invitedFrom) updates that meeting.
 */
export async function applyDecisionToMeetings(
  trx: Transaction<DB>,
  target: { runId: string; teamId: string; pack: Pack; scenario: Scenario },
  decision: { decisionId: string; options: readonly string[] },
  now: Date,
): Promise<void> {
  const changed = new Set<string>();
  for (const definition of target.scenario.meetings) {
    const by = definition.convenedBy;
    if (!by || by.decision !== decision.decisionId || !by.options.some((option) => decision.options.includes(option))) continue;
    const { level, agencies } = await fromTeamDecisions(trx, target.teamId, definition, target.pack);
    const id = await insertMeetingOnce(trx, {
      runId: target.runId,
      teamId: target.teamId,
      meetingId: definition.id,
      level,
      scheduledAt: null,
      agencies,
      convenedBy: 'decision',
      convenedByUser: null,
      ...(await convenedAt(trx, target.runId, now)),
    });
    if (id) changed.add(id);
  }
  for (const row of await listMeetingsOfTeam(trx, target.teamId)) {
    const definition = definitionOf(target.scenario, row.meetingId);
    if (!definition || changed.has(row.id)) continue;
    const setsLevel = definition.levelFrom?.decision === decision.decisionId;
    const setsAgencies = definition.invitedFrom?.decision === decision.decisionId;
    if (!setsLevel && !setsAgencies) continue;
    const locked = await lockMeeting(trx, row.id, 'update');
    if (!locked || locked.closedAt) continue;
    const fromTeam = await fromTeamDecisions(trx, target.teamId, definition, target.pack);
    await updateMeetingDetails(trx, row.id, {
      level: setsLevel ? fromTeam.level : locked.level,
      scheduledAt: locked.scheduledAt,
      agencies: setsAgencies ? fromTeam.agencies : locked.agencies,
      revision: locked.revision + 1,
    });
    changed.add(row.id);
  }
  for (const meetingId of changed) await publish(trx, { type: 'meeting', runId: target.runId, teamId: target.teamId, meetingId });
}

function checkAgencies(pack: Pack, agencies: readonly string[], path: string): string[] {
  const known = pack.meta.agencies.map((agency) => agency.id);
  agencies.forEach((agencyId, index) => {
    if (!known.includes(agencyId)) throw invalidField(`${path}[${index}]`, `This exercise has no agency "${agencyId}"; it has ${known.join(', ')}`);
  });
  return [...new Set(agencies)];
}

/** A facilitator convenes a meeting of a team's scenario from the console. */
export async function conveneByFacilitator(db: Database, run: StaffRun, request: ConveneMeetingRequest, now: Date): Promise<MeetingRecord> {
  if (run.state !== 'live') throw conflict('run_not_live', 'Meetings can be convened only while the run is live.');
  const team = await findTeamOfRun(db, run.id, request.teamId);
  if (!team) throw invalidField('body.teamId', 'No team of this run has that id.');
  const scenario = findScenario(run.pack, team.scenarioId);
  const definition = definitionOf(scenario, request.meetingId);
  if (!scenario || !definition) {
    const known = scenario?.meetings.map((meeting) => meeting.id).join(', ') || 'none';
    throw invalidField('body.meetingId', `${team.name}'s scenario has no meeting "${request.meetingId}"; its meetings are ${known}`);
  }
  if (request.level !== undefined && definition.kind !== 'mapp-meeting') {
    throw invalidField('body.level', `Only MAPP meetings have a MAPPA level; this is a ${definition.kind}.`);
  }
  const agencies = request.agencies ? checkAgencies(run.pack, request.agencies, 'body.agencies') : undefined;
  const meetingRowId = await db.transaction().execute(async (trx) => {
    await lockWritableRun(trx, run.id);
    const fromTeam = await fromTeamDecisions(trx, team.id, definition, run.pack);
    const id = await insertMeetingOnce(trx, {
      runId: run.id,
      teamId: team.id,
      meetingId: definition.id,
      level: request.level ?? fromTeam.level,
      scheduledAt: request.scheduledAt ? new Date(request.scheduledAt) : null,
      agencies: agencies ?? [...definition.agencies],
      convenedBy: 'facilitator',
      convenedByUser: run.caller.staff.userId,
      ...(await convenedAt(trx, run.id, now)),
    });
    if (!id) throw conflict('meeting_already_convened', `${team.name}'s ${definition.title} is convened already: open it from the console.`);
    await publish(trx, { type: 'meeting', runId: run.id, teamId: team.id, meetingId: id });
    return id;
  });
  return getRunMeeting(db, run, meetingRowId);
}

// ---------------------------------------------------------------------------------------------
// Reading

export async function listTeamMeetings(db: Database, team: TeamRun): Promise<MeetingList> {
  const rows = await listMeetingsOfTeam(db, team.teamId);
  return {
    meetings: rows.flatMap((row) => {
      const definition = definitionOf(team.scenario, row.meetingId);
      return definition ? [toSummary(row, definition)] : [];
    }),
  };
}

/** The team's own meeting; another team's is a 404 that does not say it exists. */
async function findTeamMeeting(db: Database, team: TeamRun, meetingId: string): Promise<MeetingRow> {
  const row = await findMeeting(db, meetingId);
  if (!row || row.teamId !== team.teamId) throw notFound(NO_MEETING);
  return row;
}

async function findRunMeeting(db: Database, run: StaffRun, meetingId: string): Promise<MeetingRow> {
  const row = await findMeeting(db, meetingId);
  if (!row || row.runId !== run.id) throw notFound(NO_RUN_MEETING);
  return row;
}

export async function getTeamMeeting(db: Database, team: TeamRun, meetingId: string): Promise<MeetingRecord> {
  return toRecord(db, team.pack, await findTeamMeeting(db, team, meetingId), 'team');
}

export async function getRunMeeting(db: Database, run: StaffRun, meetingId: string): Promise<MeetingRecord> {
  return toRecord(db, run.pack, await findRunMeeting(db, run, meetingId), 'staff');
}

export async function listRunMeetings(db: Database, run: StaffRun): Promise<RunMeetings> {
  const [rows, teams] = await Promise.all([listMeetingsOfRun(db, run.id), listTeamsOfRun(db, run.id)]);
  const meetings = rows.flatMap((row) => {
    const definition = definitionOf(findScenario(run.pack, row.scenarioId), row.meetingId);
    return definition ? [toSummary(row, definition)] : [];
  });
  const convened = new Set(rows.map((row) => `${row.teamId}/${row.meetingId}`));
  const convenable = teams.flatMap((team) =>
    (findScenario(run.pack, team.scenarioId)?.meetings ?? [])
      .filter((definition) => !convened.has(`${team.id}/${definition.id}`))
      .map((definition) => ({
        teamId: team.id,
        teamName: team.name,
        meetingId: definition.id,
        kind: definition.kind,
        title: definition.title,
        level: definition.level ?? null,
        chair: chairOf(definition),
        agencies: agencyNames(run.pack, definition.agencies),
      })),
  );
  return { meetings, convenable };
}

// ---------------------------------------------------------------------------------------------
// Writing the record

type Writer =
  | { kind: 'team'; pack: Pack; runId: string; teamId: string; teamName: string }
  | { kind: 'staff'; pack: Pack; runId: string; userId: string; asAgency: string | null };

export type EditOutcome = { saved: MeetingEntry } | { conflict: { yours: { body: string; owner: string | null; due: string | null }; theirs: MeetingEntry } };

/** Thrown to roll a write back when its idempotency key turns out to be taken: the earlier write is reported instead. */
class KeyTaken extends Error {
  constructor() {
    super('idempotency key taken');
  }
}

/** Thrown to roll an edit back when revisions disagree. */
class StaleEdit extends Error {
  constructor(readonly conflict: Extract<EditOutcome, { conflict: unknown }>['conflict']) {
    super('stale edit');
  }
}

/** Locks the meeting against closing and refuses a write to a closed one or outside a live run. */
async function lockOpenMeeting(trx: Transaction<DB>, meeting: MeetingRow) {
  await lockWritableRun(trx, meeting.runId);
  const locked = await lockMeeting(trx, meeting.id, 'share');
  if (!locked) throw notFound(NO_MEETING);
  if (locked.closedAt) throw conflict('meeting_closed', 'This meeting has closed, so its record can no longer change.');
  return locked;
}

/** The entry as an accepted write left it, for a retry of that write. */
async function replayWrite(db: Database | Transaction<DB>, meeting: MeetingRow, writer: Writer, key: string): Promise<MeetingEntry | undefined> {
  const write = await findEntryWrite(db, meeting.id, key);
  if (!write) return undefined;
  const entry = await findEntry(db, meeting.id, write.entryId);
  if (!entry) return undefined;
  const teamName = writer.kind === 'team' ? writer.teamName : meeting.teamName;
  return toEntry({ ...entry, body: write.body, owner: write.owner, due: write.due, revision: write.revision, updatedAt: write.writtenAt }, writer.pack, teamName);
}

function blankToNull(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}

async function addEntry(db: Database, meeting: MeetingRow, writer: Writer, request: AddMeetingEntryRequest): Promise<MeetingEntry> {
  const definition = definitionOf(findScenario(writer.pack, meeting.scenarioId), meeting.meetingId);
  if (!definition) throw notFound(NO_MEETING);
  const agendaItemId = request.agendaItemId ?? null;
  if (request.kind === 'minute' && agendaItemId === null) throw invalidField('body.agendaItemId', 'Choose the agenda item this minute belongs to.');
  if (agendaItemId !== null && !definition.agenda.some((item) => item.id === agendaItemId)) {
    throw invalidField('body.agendaItemId', `The agenda has no item "${agendaItemId}"; it has ${definition.agenda.map((item) => item.id).join(', ')}`);
  }
  if (request.kind !== 'action' && (request.owner || request.due)) {
    throw invalidField(request.owner ? 'body.owner' : 'body.due', 'Only actions have an owner and a due time.');
  }
  if (writer.kind === 'team' && request.asAgency !== undefined) throw invalidField('body.asAgency', 'Only staff speak for an agency.');
  if (writer.kind === 'staff' && writer.asAgency !== null && !writer.pack.meta.agencies.some((agency) => agency.id === writer.asAgency)) {
    throw invalidField('body.asAgency', `This exercise has no agency "${writer.asAgency}".`);
  }

  const write = async (trx: Transaction<DB>) => {
    const replayed = await replayWrite(trx, meeting, writer, request.idempotencyKey);
    if (replayed) return replayed;
    await lockOpenMeeting(trx, meeting);
    const owner = blankToNull(request.owner);
    const due = blankToNull(request.due);
    const entryId = await insertEntry(trx, {
      meetingId: meeting.id,
      kind: request.kind,
      agendaItemId,
      body: request.body,
      owner,
      due,
      authorKind: writer.kind,
      authorUserId: writer.kind === 'staff' ? writer.userId : null,
      authorAgencyId: writer.kind === 'staff' ? writer.asAgency : null,
    });
    if (!(await insertEntryWriteOnce(trx, { meetingId: meeting.id, entryId, revision: 1, body: request.body, owner, due, idempotencyKey: request.idempotencyKey }))) {
      throw new KeyTaken();
    }
    await publish(trx, { type: 'meeting', runId: meeting.runId, teamId: meeting.teamId, meetingId: meeting.id });
    return toEntry((await findEntry(trx, meeting.id, entryId))!, writer.pack, meeting.teamName);
  };
  try {
    return await db.transaction().execute(write);
  } catch (error) {
    if (!(error instanceof KeyTaken)) throw error;
    const replayed = await replayWrite(db, meeting, writer, request.idempotencyKey);
    if (!replayed) throw error;
    return replayed;
  }
}

async function editEntry(db: Database, meeting: MeetingRow, writer: Writer, entryId: string, request: EditMeetingEntryRequest): Promise<EditOutcome> {
  const owner = blankToNull(request.owner);
  const due = blankToNull(request.due);
  const write = async (trx: Transaction<DB>): Promise<EditOutcome> => {
    const replayed = await replayWrite(trx, meeting, writer, request.idempotencyKey);
    if (replayed) {
      if (replayed.id !== entryId) throw conflict('idempotency_key_reused', 'This change was already sent for another entry. Reload the page and try again.');
      return { saved: replayed };
    }
    await lockOpenMeeting(trx, meeting);
    const current = await lockEntry(trx, meeting.id, entryId);
    if (!current) throw notFound('That entry is not in this meeting’s record.');
    const existing = (await findEntry(trx, meeting.id, entryId))!;
    if (existing.kind !== 'action' && (owner || due)) throw invalidField(request.owner ? 'body.owner' : 'body.due', 'Only actions have an owner and a due time.');
    if (current.revision !== request.baseRevision) {
      throw new StaleEdit({ yours: { body: request.body, owner, due }, theirs: toEntry(existing, writer.pack, meeting.teamName) });
    }
    const revision = current.revision + 1;
    await updateEntry(trx, entryId, { body: request.body, owner, due, revision });
    if (!(await insertEntryWriteOnce(trx, { meetingId: meeting.id, entryId, revision, body: request.body, owner, due, idempotencyKey: request.idempotencyKey }))) {
      throw new KeyTaken();
    }
    await publish(trx, { type: 'meeting', runId: meeting.runId, teamId: meeting.teamId, meetingId: meeting.id });
    return { saved: toEntry((await findEntry(trx, meeting.id, entryId))!, writer.pack, meeting.teamName) };
  };
  try {
    return await db.transaction().execute(write);
  } catch (error) {
    if (error instanceof StaleEdit) return { conflict: error.conflict };
    if (!(error instanceof KeyTaken)) throw error;
    const replayed = await replayWrite(db, meeting, writer, request.idempotencyKey);
    if (!replayed) throw error;
    return { saved: replayed };
  }
}

function refuseTeamBeforeLive(team: TeamRun): void {
  if (team.runState !== 'live') throw conflict('run_not_live', 'The meeting record can change only while the exercise is live.');
}

function teamWriter(team: TeamRun): Writer {
  return { kind: 'team', pack: team.pack, runId: team.runId, teamId: team.teamId, teamName: team.teamName };
}

export async function addTeamEntry(db: Database, team: TeamRun, meetingId: string, request: AddMeetingEntryRequest): Promise<MeetingEntry> {
  refuseTeamBeforeLive(team);
  return addEntry(db, await findTeamMeeting(db, team, meetingId), teamWriter(team), request);
}

export async function editTeamEntry(db: Database, team: TeamRun, meetingId: string, entryId: string, request: EditMeetingEntryRequest): Promise<EditOutcome> {
  refuseTeamBeforeLive(team);
  return editEntry(db, await findTeamMeeting(db, team, meetingId), teamWriter(team), entryId, request);
}

export async function addStaffEntry(db: Database, run: StaffRun, meetingId: string, request: AddMeetingEntryRequest): Promise<MeetingEntry> {
  const writer: Writer = { kind: 'staff', pack: run.pack, runId: run.id, userId: run.caller.staff.userId, asAgency: request.asAgency ?? null };
  return addEntry(db, await findRunMeeting(db, run, meetingId), writer, request);
}

export async function editStaffEntry(db: Database, run: StaffRun, meetingId: string, entryId: string, request: EditMeetingEntryRequest): Promise<EditOutcome> {
  const writer: Writer = { kind: 'staff', pack: run.pack, runId: run.id, userId: run.caller.staff.userId, asAgency: null };
  return editEntry(db, await findRunMeeting(db, run, meetingId), writer, entryId, request);
}

/** The chair changes the meeting's level, time or attendance, from the revision the screen showed. */
export async function updateMeeting(
  db: Database,
  run: StaffRun,
  meetingId: string,
  request: UpdateMeetingRequest,
): Promise<{ saved: MeetingRecord } | { conflict: MeetingRecord }> {
  const meeting = await findRunMeeting(db, run, meetingId);
  const definition = definitionOf(findScenario(run.pack, meeting.scenarioId), meeting.meetingId);
  if (!definition) throw notFound(NO_RUN_MEETING);
  if (request.level !== undefined && request.level !== null && definition.kind !== 'mapp-meeting') {
    throw invalidField('body.level', `Only MAPP meetings have a MAPPA level; this is a ${definition.kind}.`);
  }
  const agencies = request.agencies ? checkAgencies(run.pack, request.agencies, 'body.agencies') : undefined;
  const stale = await db.transaction().execute(async (trx) => {
    await lockWritableRun(trx, run.id);
    const locked = await lockMeeting(trx, meeting.id, 'update');
    if (!locked) throw notFound(NO_RUN_MEETING);
    if (locked.closedAt) throw conflict('meeting_closed', 'This meeting has closed, so its details can no longer change.');
    if (locked.revision !== request.baseRevision) return true;
    await updateMeetingDetails(trx, meeting.id, {
      level: request.level === undefined ? locked.level : request.level,
      scheduledAt: request.scheduledAt === undefined ? locked.scheduledAt : request.scheduledAt === null ? null : new Date(request.scheduledAt),
      agencies: agencies ?? locked.agencies,
      revision: locked.revision + 1,
    });
    await publish(trx, { type: 'meeting', runId: run.id, teamId: meeting.teamId, meetingId: meeting.id });
    return false;
  });
  const record = await getRunMeeting(db, run, meetingId);
  return stale ? { conflict: record } : { saved: record };
}

// ---------------------------------------------------------------------------------------------
// Closing

/**
 * Closes the meeting and releases its outcome injects to the team, in one transaction. The update
 * that sets closedAt takes the meeting's row lock, so of two closes racing (on one instance or two)
 * one closes it and the other is told it is closed; each release is unique per team and item anyway.
 */
export async function closeMeeting(db: Database, run: StaffRun, meetingId: string): Promise<ClosedMeeting> {
  const meeting = await findRunMeeting(db, run, meetingId);
  const scenario = findScenario(run.pack, meeting.scenarioId);
  const definition = definitionOf(scenario, meeting.meetingId);
  if (!scenario || !definition) throw notFound(NO_RUN_MEETING);
  return db.transaction().execute(async (trx) => {
    await lockWritableRun(trx, run.id);
    const closedAt = await closeMeetingOnce(trx, meeting.id, run.caller.staff.userId);
    if (!closedAt) throw conflict('meeting_closed', `${meeting.teamName}'s ${definition.title} is closed already; its outcome was released when it closed.`);
    const released: ClosedMeeting['released'] = [];
    for (const injectId of definition.outcomeInjects) {
      const releaseIds = await releaseToTeam(trx, { runId: run.id, teamId: meeting.teamId, scenario }, {
        kind: 'inject',
        contentId: injectId,
        trigger: 'meeting',
        releasedBy: run.caller.staff.userId,
        reason: `Outcome of ${definition.title}`,
      });
      if (releaseIds.length > 0) released.push({ injectId, releaseIds });
    }
    await publish(trx, { type: 'meeting', runId: run.id, teamId: meeting.teamId, meetingId: meeting.id });
    return { closedAt: closedAt.toISOString(), released };
  });
}

/** Every meeting of a team with its record, as staff read it (the marking page). */
export async function listTeamMeetingRecords(db: Database, run: StaffRun, teamId: string): Promise<MeetingRecord[]> {
  const rows = await listMeetingsOfTeam(db, teamId);
  return Promise.all(rows.filter((row) => row.runId === run.id).map((row) => toRecord(db, run.pack, row, 'staff')));
}
