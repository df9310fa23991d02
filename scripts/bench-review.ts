/**
 * `npm run bench:review -- [--samples 50]` on a database seeded by `npm run seed:national`
 * (DATABASE_URL): times, through the review service (the queries and computation a request runs,
 * without HTTP), the run review of a 10-team run (released, so read from its stored summary) and its
 * figures computed from the teams' work (as for a run still being marked), the 10-year comparison of
 * one force's pack family, the CSV of one run and the same two for the run with the most teams. Prints p50 and p95 in ms. Also
 * checks that a seeded summary equals what the app computes for that run.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../server/db/database.js';
import { createPackVersions } from '../server/packs/pack-versions.js';
import { runReviewCsv } from '../server/review/csv-tables.js';
import { compareRuns, computeRunFigures, getRunReview } from '../server/review/service.js';
import { findStaffRun } from '../server/runs/staff-run.js';

const { values: options } = parseArgs({ options: { samples: { type: 'string', default: '50' } } });
const samples = Number(options.samples);
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL to the database npm run seed:national filled.');
  process.exit(1);
}

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}

async function time(label: string, runs: number, task: (index: number) => Promise<unknown>): Promise<void> {
  await task(0); // warm the pack cache and the connection pool
  const durations: number[] = [];
  for (let index = 0; index < runs; index++) {
    const started = performance.now();
    await task(index);
    durations.push(performance.now() - started);
  }
  console.log(`${label.padEnd(48)} n=${String(runs).padStart(3)}  p50 ${percentile(durations, 0.5).toFixed(1).padStart(7)} ms  p95 ${percentile(durations, 0.95).toFixed(1).padStart(7)} ms`);
}

const handle = await openDatabase({ engine: 'postgres', url, poolSize: 4 });
try {
  const { db } = handle;
  const packs = createPackVersions(db);
  const counts = await db
    .selectFrom('runs')
    .select((eb) => [eb.fn.countAll<number>().as('runs'), eb.selectFrom('runTeams').select((inner) => inner.fn.countAll<number>().as('teams')).as('teams')])
    .executeTakeFirstOrThrow();
  console.log(`Dataset: ${counts.runs} runs, ${counts.teams} teams.`);
  const lead = await db.selectFrom('users').select(['id', 'organisationId']).where('role', '=', 'lead').orderBy('email').executeTakeFirstOrThrow();
  const scope = { userId: lead.id, organisationId: lead.organisationId, role: 'lead' as const };
  const runs = await db
    .selectFrom('runs')
    .select(['runs.id'])
    .select((eb) => eb.selectFrom('runTeams').select((inner) => inner.fn.countAll<number>().as('n')).whereRef('runTeams.runId', '=', 'runs.id').as('teams'))
    .where('organisationId', '=', lead.organisationId)
    .execute();
  const ordinary = runs.filter((run) => Number(run.teams) <= 10);
  const biggest = [...runs].sort((a, b) => Number(b.teams) - Number(a.teams))[0]!;
  const staffRun = async (runId: string) => (await findStaffRun(db, packs, scope, runId))!;

  const stored = await db.selectFrom('runSummaries').select('figures').where('runId', '=', ordinary[0]!.id).executeTakeFirstOrThrow();
  const computed = { figures: await computeRunFigures(db, await staffRun(ordinary[0]!.id)) };
  // jsonb keeps keys in its own order: compare with keys sorted.
  const canonical = (value: unknown) =>
    JSON.stringify(value, (_key, entry: unknown) =>
      entry && typeof entry === 'object' && !Array.isArray(entry) ? Object.fromEntries(Object.entries(entry as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : entry,
    );
  console.log(`Seeded summary equals the app's computation for the same run: ${canonical(stored.figures) === canonical(computed.figures) ? 'yes' : 'NO'}`);

  // Every seeded run has its results released, so the review reads its stored summary; the
  // computed line is what a run still being marked costs.
  await time('Run review, one 10-team run', samples, async (index) => getRunReview(db, await staffRun(ordinary[index % ordinary.length]!.id)));
  await time('Run figures computed, one 10-team run', samples, async (index) => computeRunFigures(db, await staffRun(ordinary[index % ordinary.length]!.id)));
  await time(`Year over year, one force (${runs.length} runs)`, samples, () => compareRuns(db, packs, lead.organisationId, { packId: 'iioc-kirat' }));
  await time('CSV of one run (teams table)', samples, async (index) => runReviewCsv(await getRunReview(db, await staffRun(ordinary[index % ordinary.length]!.id)), 'teams'));
  await time(`Run review, the run of ${biggest.teams} teams`, Math.max(3, Math.floor(samples / 10)), async () => getRunReview(db, await staffRun(biggest.id)));
  await time(`Run figures computed, the run of ${biggest.teams} teams`, Math.max(3, Math.floor(samples / 10)), async () => computeRunFigures(db, await staffRun(biggest.id)));
} finally {
  await handle.close();
}
