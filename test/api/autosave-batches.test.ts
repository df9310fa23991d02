/**
 * Autosaves that arrive together are written together (answer-write-batches.ts), and each keeps what
 * it has alone: its own revision check, its own retry by key, its own live event, and its own
 * refusal when it is the one that is wrong.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { importPack } from '../../server/packs/import.js';
import { Pack } from '../../server/packs/schema.js';
import { useTestApp } from '../helpers/app.js';
import { testPack } from '../helpers/packs.js';
import { createTestRun, joinAsTeam, type TestRun } from '../helpers/runs.js';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.js';

const context = useTestApp();
let lead: SignedInStaff;

/** The test pack with two text items, what teams type into most. */
function packWithTextItems() {
  const base = testPack();
  const items = [
    { id: 'rationale', label: 'Your rationale', kind: 'long-text', maxLength: 500 },
    { id: 'priority-reason', label: 'Why this priority', kind: 'short-text', maxLength: 100 },
  ];
  return Pack.parse({ ...base, instrument: { ...base.instrument, sections: [...base.instrument.sections, { id: 'reasons', title: 'Reasons', items }] } });
}

beforeAll(async () => {
  await importPack(context.app.database.db, packWithTextItems());
  lead = await signedInStaff(context.app, 'lead');
});

type TeamHeaders = Awaited<ReturnType<typeof joinAsTeam>>;

async function liveRunOf(teamCount: number): Promise<{ run: TestRun; teams: TeamHeaders[] }> {
  const run = await createTestRun(context.app, lead, 'live', {
    teams: Array.from({ length: teamCount }, (_, index) => ({ name: `Team ${index + 1}`, scenarioId: index % 2 === 0 ? 'household' : 'work' })),
  });
  const teams: TeamHeaders[] = [];
  for (let index = 0; index < teamCount; index++) teams.push(await joinAsTeam(context.app, run, index));
  return { run, teams };
}

function save(team: TeamHeaders, itemId: string, value: unknown, baseRevision: number, idempotencyKey = randomUUID()) {
  return context.app.inject({ method: 'PUT', url: `/api/team/answers/${itemId}`, headers: team, payload: { value, baseRevision, idempotencyKey } });
}

async function teamWorkEvents(teamIds: string[]) {
  const { rows } = await sql<{ xid: string; teamId: string; revision: number }>`
    select xid::text, event->>'teamId' as team_id, (event->'answer'->>'revision')::int as revision from live_events
    where event->>'type' = 'team-work' and event->>'teamId' = any(${teamIds}::text[])
  `.execute(context.app.database.db);
  return rows;
}

describe('autosaves sent at once', () => {
  it('are all written, each with its revision, its history and its live event, fewer transactions than saves', async () => {
    const { run, teams } = await liveRunOf(12);
    const saved = await Promise.all(teams.map((team, index) => save(team, 'rationale', `Team ${index + 1}'s rationale`, 0)));
    expect(saved.map((response) => response.statusCode)).toEqual(teams.map(() => 200));
    expect(saved.map((response) => response.json().revision)).toEqual(teams.map(() => 1));

    for (const [index, team] of teams.entries()) {
      const work = (await context.app.inject({ method: 'GET', url: '/api/team/work', headers: team })).json();
      expect(work.answers.rationale).toMatchObject({ value: `Team ${index + 1}'s rationale`, revision: 1 });
    }
    const events = await teamWorkEvents(run.teams.map((team) => team.id));
    expect(events.map((event) => event.teamId).sort()).toEqual(run.teams.map((team) => team.id).sort());
    expect(events.every((event) => event.revision === 1)).toBe(true);
    // The saves that came while the first was being written went in together. (Embedded PostgreSQL
    // runs a statement within the call that sends it, so there the next save finds none in flight.)
    if (inject('testDatabase').kind === 'server') expect(new Set(events.map((event) => event.xid)).size).toBeLessThan(teams.length);
  });

  it('of the same answer from the same revision: one is written, the other is told of the conflict', async () => {
    const { teams } = await liveRunOf(1);
    const [first, second] = await Promise.all([save(teams[0]!, 'rationale', 'First device', 0), save(teams[0]!, 'rationale', 'Second device', 0)]);
    expect([first!.statusCode, second!.statusCode].sort()).toEqual([200, 409]);
    const refused = first!.statusCode === 409 ? first! : second!;
    expect(refused.json().conflict.theirs).toMatchObject({ revision: 1 });
  });

  it('retried at once with one key: written once, both told the same revision', async () => {
    const { run, teams } = await liveRunOf(1);
    const key = randomUUID();
    const [first, retry] = await Promise.all([save(teams[0]!, 'rationale', 'Typed once', 0, key), save(teams[0]!, 'rationale', 'Typed once', 0, key)]);
    expect([first!.statusCode, retry!.statusCode]).toEqual([200, 200]);
    expect(retry!.json().revision).toBe(first!.json().revision);
    expect(await teamWorkEvents([run.teams[0]!.id])).toHaveLength(1);
  });

  it('with one key reused for another question: only that save is refused', async () => {
    const { teams } = await liveRunOf(6);
    const reused = randomUUID();
    const responses = await Promise.all([
      save(teams[0]!, 'rationale', 'The rationale', 0, reused),
      ...teams.slice(1).map((team) => save(team, 'rationale', 'Another team', 0)),
      save(teams[0]!, 'priority-reason', 'The same key again', 0, reused),
    ]);
    const last = responses.at(-1)!;
    expect(last.statusCode).toBe(409);
    expect(last.json().error.code).toBe('idempotency_key_reused');
    expect(responses.slice(0, -1).map((response) => response.statusCode)).toEqual(teams.map(() => 200));
  });

  it.skipIf(inject('testDatabase').kind !== 'server')('in one statement with a save that fails: each is written again alone, and only that one is refused', async () => {
    const { run, teams } = await liveRunOf(4);
    const [first, second, third, fourth] = run.teams.map((team) => team.id) as [string, string, string, string];
    const { db } = context.app.database;
    const key = randomUUID();
    // A write of another question with the first team's key, not yet committed: the save's insert of
    // the same key waits for it, then fails when it commits.
    const other = await db.startTransaction().execute();
    await sql`insert into team_answer_writes (team_id, item_id, value, revision, idempotency_key, written_at)
      values (${first}, 'priority-reason', '"Elsewhere"'::jsonb, 1, ${key}, now())`.execute(other);
    // Holds the statement in flight while the three saves queue up behind it, to go in one statement.
    const blocker = await db.startTransaction().execute();
    await sql`select 1 from run_teams where id = ${second} for update`.execute(blocker);
    const held = save(teams[1]!, 'rationale', 'Held', 0);
    await sleep(200);
    const together = [save(teams[0]!, 'rationale', 'Reuses the key', 0, key), save(teams[2]!, 'rationale', 'Third', 0), save(teams[3]!, 'rationale', 'Fourth', 0)];
    await sleep(200);
    await blocker.commit().execute();
    await sleep(300);
    await other.commit().execute();
    const [reused, third_, fourth_] = await Promise.all(together);
    expect((await held).statusCode).toBe(200);
    expect(reused!.statusCode).toBe(409);
    expect(reused!.json().error.code).toBe('idempotency_key_reused');
    expect([third_!.statusCode, fourth_!.statusCode]).toEqual([200, 200]);
    const events = await teamWorkEvents([third, fourth]);
    expect(events).toHaveLength(2);
    // Written again alone: two transactions.
    expect(events[0]!.xid).not.toBe(events[1]!.xid);
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
