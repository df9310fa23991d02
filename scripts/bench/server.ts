/**
 * The bench's server process, started by scripts/bench/run.ts with DATABASE_URL set to a fresh
 * database: the app as it runs in production (migrated, no demo content, no timed-inject clock, so
 * nothing but the bench's requests runs), and beside it the reference: a bare Fastify instance with no
 * hooks that does the autosave's essential work, one single-row upsert, on the app's own pool. It
 * seeds, then sends both addresses and the seed to the parent over IPC.
 */
import Fastify from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { seed } from './seed.js';

const sizes = JSON.parse(process.env.BENCH_SIZES ?? '[20,200,500]') as number[];
const releaseTeams = Number(process.env.BENCH_RELEASE_TEAMS ?? 300);

const config = loadConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', LOAD_DEMO_CONTENT: 'false', PORT: '0' });
const app = await buildApp(config, { injectClock: false });
const seeded = await seed(app, sizes, releaseTeams);
const appUrl = await app.listen({ port: 0, host: '127.0.0.1' });

const { db } = app.database;
// The reference writes rows of its own (item ids no pack has) on the release run's teams, which the app's autosave writes too.
const referenceTeams = seeded.runs.release!.teams.map((team) => team.id);
const reference = Fastify({ logger: false });
reference.put<{ Params: { slot: string }; Body: { value: string } }>('/answers/:slot', async (request) => {
  const slot = Number(request.params.slot);
  const teamId = referenceTeams[slot % referenceTeams.length]!;
  const { rows } = await sql<{ revision: number; updatedAt: Date }>`
    insert into team_answers (team_id, item_id, value, revision)
    values (${teamId}, ${`bench-reference-${slot}`}, ${JSON.stringify(request.body.value)}::jsonb, 1)
    on conflict (team_id, item_id) do update set value = excluded.value, revision = team_answers.revision + 1, updated_at = now()
    returning revision, updated_at`.execute(db);
  return { revision: rows[0]!.revision, updatedAt: rows[0]!.updatedAt.toISOString() };
});
const referenceUrl = await reference.listen({ port: 0, host: '127.0.0.1' });

process.send!({ appUrl, referenceUrl, seed: seeded });
process.on('message', (message) => {
  if (message === 'close') void Promise.all([reference.close(), app.close()]).then(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
