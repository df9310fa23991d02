/**
 * `npm run seed:national -- [--forces 43] [--years 10] [--runs 4] [--teams 10] [--big-run-teams 500]`
 *
 * Fills an EMPTY PostgreSQL database (DATABASE_URL) with a synthetic national dataset for the review
 * benchmark: forces × years × runs per year × teams, every team with full instrument answers, a
 * decision log, releases, agency requests, double marks (moderated where assessors are more than a
 * level apart), all runs with results released and their stored review summary, plus one run with
 * `--big-run-teams` teams. Everything is invented and random (seeded, so reruns give the same data).
 *
 * It refuses a database that already has an organisation: it is for a throwaway benchmark database.
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { generateJoinCode } from '../server/runs/join-codes.js';
import { computeRunAgreement } from '../server/marking/run-agreement.js';
import { openDatabase, type Database } from '../server/db/database.js';
import { toJsonText, type JsonText } from '../server/db/json-columns.js';
import { migrateToLatest } from '../server/db/migrator.js';
import { appliesToScenario } from '../server/packs/lookups.js';
import { scoreInstrument, type InstrumentAnswers } from '../server/packs/instrument-scoring.js';
import { importShippedPacksIntoEmptyDatabase } from '../server/packs/shipped-packs.js';
import type { JudgementCriterion, Pack, Scenario } from '../server/packs/schema.js';
import { finalMarksForTeam } from '../server/results/final-marks.js';
import { computeReviewFigures, type ReviewTeamInput } from '../server/review/statistics.js';
import type { AnswerValue, Justification } from '../server/workspace/schema.js';

const { values: options } = parseArgs({
  options: {
    forces: { type: 'string', default: '43' },
    years: { type: 'string', default: '10' },
    runs: { type: 'string', default: '4' },
    teams: { type: 'string', default: '10' },
    'big-run-teams': { type: 'string', default: '500' },
  },
});
const forces = Number(options.forces);
const years = Number(options.years);
const runsPerYear = Number(options.runs);
const teamsPerRun = Number(options.teams);
const bigRunTeams = Number(options['big-run-teams']);

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL to an empty PostgreSQL database for the national dataset.');
  process.exit(1);
}

/** A small seeded generator (mulberry32), so the same options give the same dataset. */
let seed = 20261201;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;

function answersFor(pack: Pack): InstrumentAnswers {
  const answers: InstrumentAnswers = {};
  for (const item of pack.instrument.sections.flatMap((section) => section.items)) {
    switch (item.kind) {
      case 'single-choice':
        answers[item.id] = pick(item.options).value;
        break;
      case 'multiple-choice':
        answers[item.id] = item.options.filter(() => random() < 0.4).map((option) => option.value);
        break;
      case 'yes-no-unknown':
        answers[item.id] = pick(['yes', 'no', 'unknown']);
        break;
      case 'number':
        answers[item.id] = Math.max(item.min ?? 0, Math.round(random() * Math.min(item.max ?? 50, 50)));
        break;
      case 'date':
        answers[item.id] = '2026-01-15';
        break;
      default:
        answers[item.id] = 'Synthetic answer for the benchmark.';
    }
  }
  return answers;
}

async function insertChunked<Row>(rows: Row[], insert: (chunk: Row[]) => Promise<unknown>): Promise<void> {
  for (let index = 0; index < rows.length; index += 1000) await insert(rows.slice(index, index + 1000));
}

interface Assessor {
  id: string;
  name: string;
}

/** One released run with its teams' work and marks, and its stored summary. */
async function seedRun(db: Database, pack: Pack, packVersionId: string, organisationId: string, leadId: string, assessors: Assessor[], cohortLabel: string, exerciseDate: string, teamCount: number): Promise<void> {
  const wentLiveAt = new Date(`${exerciseDate}T09:00:00Z`);
  const closedAt = new Date(wentLiveAt.getTime() + 6 * 3600_000);
  const { id: runId } = await db
    .insertInto('runs')
    .values({
      organisationId,
      packVersionId,
      cohortLabel,
      exerciseDate,
      state: 'results-released',
      joinCode: `N${Math.floor(random() * 1e10).toString(36).toUpperCase()}${Date.now().toString(36).toUpperCase()}`,
      createdBy: leadId,
      wentLiveAt,
      closedAt,
      resultsReleasedAt: closedAt,
      assessorsPerTeam: 2,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('runAssessors').values(assessors.map((assessor) => ({ runId, userId: assessor.id }))).execute();
  const scenarios: Scenario[] = pack.scenarios;
  const teams = await db
    .insertInto('runTeams')
    .values(Array.from({ length: teamCount }, (_, position) => ({ runId, position, name: `Team ${position + 1}`, joinCode: generateJoinCode(), scenarioId: scenarios[position % scenarios.length]!.id, submittedAt: closedAt })))
    .returning(['id', 'name', 'scenarioId'])
    .execute();

  const judgement = pack.rubric.criteria.filter((criterion): criterion is JudgementCriterion => criterion.kind === 'judgement');
  const answerRows: Array<{ teamId: string; itemId: string; value: JsonText<AnswerValue>; revision: number }> = [];
  const decisionRows: Array<{ teamId: string; decisionId: string; options: JsonText<string[]>; justification: JsonText<Justification>; recordedAt: Date; idempotencyKey: string }> = [];
  const releaseRows: Array<{ runId: string; teamId: string; kind: 'inject'; contentId: string; trigger: 'manual'; releasedBy: string; releasedAt: Date }> = [];
  const messageRows: Array<{ runId: string; teamId: string; agencyId: string; authorKind: 'team'; body: string; createdAt: Date }> = [];
  const markRows: Array<{ teamId: string; criterionId: string; assessorId: string; levelId: string; points: string; comment: string }> = [];
  const moderatedRows: Array<{ teamId: string; criterionId: string; levelId: string; points: string; reason: string; moderatedBy: string }> = [];
  const completionRows: Array<{ teamId: string; assessorId: string; completedAt: Date }> = [];
  const reviewTeams: ReviewTeamInput[] = [];
  const agreementMarks: Array<{ teamId: string; criterionId: string; assessorId: string; levelId: string }> = [];
  const moderatedKeys: Array<{ teamId: string; criterionId: string }> = [];

  for (const team of teams) {
    const scenario = scenarios.find((candidate) => candidate.id === team.scenarioId)!;
    const answers = answersFor(pack);
    for (const [itemId, value] of Object.entries(answers)) answerRows.push({ teamId: team.id, itemId, value: toJsonText(value), revision: 1 });
    const decisions = scenario.decisionPoints.flatMap((point) => {
      if (random() < 0.15) return [];
      const options = point.multiple ? point.options.filter(() => random() < 0.5).map((option) => option.id).slice(0, 3) : [pick(point.options).id];
      return [{ decisionId: point.id, options: options.length > 0 ? options : [point.options[0]!.id], recordedAt: new Date(wentLiveAt.getTime() + Math.floor(5 + random() * 180) * 60_000) }];
    });
    for (const decision of decisions) {
      const justification: Justification = { information: 'Checks run.', threatAndRisk: 'Risk assessed.', powersAndPolicy: 'Policy named.', options: 'Options weighed.', actionAndReview: 'Act and review.' };
      decisionRows.push({ teamId: team.id, decisionId: decision.decisionId, options: toJsonText(decision.options), justification: toJsonText(justification), recordedAt: decision.recordedAt, idempotencyKey: crypto.randomUUID() });
    }
    const releases = scenario.injects.filter(() => random() < 0.6).map((inject) => ({ kind: 'inject' as const, contentId: inject.id, releasedAt: new Date(wentLiveAt.getTime() + Math.floor(random() * 300) * 60_000) }));
    for (const release of releases) releaseRows.push({ runId, teamId: team.id, kind: 'inject', contentId: release.contentId, trigger: 'manual', releasedBy: leadId, releasedAt: release.releasedAt });
    const requests = pack.meta.agencies.length === 0 ? [] : Array.from({ length: Math.floor(random() * 4) }, () => pick(pack.meta.agencies).id);
    for (const agencyId of requests) messageRows.push({ runId, teamId: team.id, agencyId, authorKind: 'team', body: 'Can you check your records?', createdAt: new Date(wentLiveAt.getTime() + 3600_000) });

    const marks: Array<{ criterionId: string; levelId: string; points: number; comment: string }> = [];
    const moderated: Array<{ criterionId: string; levelId: string; points: number; reason: string }> = [];
    for (const criterion of judgement.filter((candidate) => appliesToScenario(candidate, scenario.id))) {
      const base = Math.floor(random() * criterion.levels.length);
      const levels = assessors.map(() => Math.min(criterion.levels.length - 1, Math.max(0, base + pick([-1, 0, 0, 0, 1, 2]))));
      levels.forEach((level, index) => {
        const chosen = criterion.levels[level]!;
        markRows.push({ teamId: team.id, criterionId: criterion.id, assessorId: assessors[index]!.id, levelId: chosen.id, points: String(chosen.points), comment: '' });
        marks.push({ criterionId: criterion.id, levelId: chosen.id, points: chosen.points, comment: '' });
        agreementMarks.push({ teamId: team.id, criterionId: criterion.id, assessorId: assessors[index]!.id, levelId: chosen.id });
      });
      if (Math.max(...levels) - Math.min(...levels) > 1) {
        const agreed = criterion.levels[Math.round((levels[0]! + levels[1]!) / 2)]!;
        moderatedRows.push({ teamId: team.id, criterionId: criterion.id, levelId: agreed.id, points: String(agreed.points), reason: 'Agreed at moderation.', moderatedBy: leadId });
        moderated.push({ criterionId: criterion.id, levelId: agreed.id, points: agreed.points, reason: 'Agreed at moderation.' });
        moderatedKeys.push({ teamId: team.id, criterionId: criterion.id });
      }
    }
    for (const assessor of assessors) completionRows.push({ teamId: team.id, assessorId: assessor.id, completedAt: closedAt });

    const band = scoreInstrument(pack.instrument, answers).band;
    reviewTeams.push({
      id: team.id,
      name: team.name,
      scenarioId: team.scenarioId,
      marks: finalMarksForTeam(pack, scenario.id, { evidence: { answers, decisions, releases }, marks, moderated }),
      band: { id: band.id, label: band.label },
      decisions,
      releases,
      agencyRequests: requests,
      markingFinished: true,
    });
  }

  await insertChunked(answerRows, (chunk) => db.insertInto('teamAnswers').values(chunk).execute());
  await insertChunked(decisionRows, (chunk) => db.insertInto('teamDecisions').values(chunk).execute());
  await insertChunked(releaseRows, (chunk) => db.insertInto('releases').values(chunk).execute());
  await insertChunked(messageRows, (chunk) => db.insertInto('agencyMessages').values(chunk).execute());
  await insertChunked(markRows, (chunk) => db.insertInto('marks').values(chunk).execute());
  await insertChunked(moderatedRows, (chunk) => db.insertInto('moderatedMarks').values(chunk).execute());
  await insertChunked(completionRows, (chunk) => db.insertInto('markingCompletions').values(chunk).execute());

  // The summary a release would have stored, from the same pure modules the app uses.
  const agreement = computeRunAgreement({ criteria: judgement, teams, assessors, marks: agreementMarks, moderated: moderatedKeys, appliesTo: appliesToScenario });
  const figures = computeReviewFigures({ pack, wentLiveAt, teams: reviewTeams, agreement, runClosed: true });
  await db.insertInto('runSummaries').values({ runId, figures: toJsonText(figures), provisional: figures.status.provisional }).execute();
}

const handle = await openDatabase({ engine: 'postgres', url, poolSize: 4 });
try {
  const { db } = handle;
  await migrateToLatest(db);
  const existing = await db.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  if (Number(existing.count) > 0) {
    console.error('This database already has organisations. The national dataset goes only into an empty database.');
    process.exit(1);
  }
  await importShippedPacksIntoEmptyDatabase(db);
  const packRow = await db.selectFrom('packVersions').select(['id', 'content']).where('packId', '=', 'iioc-kirat').orderBy('importedAt', 'desc').executeTakeFirstOrThrow();
  const pack = packRow.content;
  const started = Date.now();
  for (let force = 1; force <= forces; force++) {
    const slug = `force-${String(force).padStart(2, '0')}`;
    const { id: organisationId } = await db.insertInto('organisations').values({ slug, name: `Synthetic Force ${force} (fictional)` }).returning('id').executeTakeFirstOrThrow();
    // Accounts for the dataset only: no password can match the hash "!", so nobody can sign in as them.
    const people = await db
      .insertInto('users')
      .values(['lead', 'assessor', 'assessor'].map((role, index) => ({ organisationId, email: `${slug}-${role}-${index}@example.org`, displayName: `${role} ${index} of ${slug}`, role: role as 'lead' | 'assessor', passwordHash: '!' })))
      .returning(['id', 'displayName', 'role'])
      .execute();
    const lead = people.find((person) => person.role === 'lead')!;
    const assessors = people.filter((person) => person.role === 'assessor').map((person) => ({ id: person.id, name: person.displayName }));
    for (let year = 0; year < years; year++) {
      for (let run = 0; run < runsPerYear; run++) {
        const exerciseDate = `${2017 + year}-${String(2 + run * 3).padStart(2, '0')}-15`;
        await seedRun(db, pack, packRow.id, organisationId, lead.id, assessors, `PPU ${2017 + year} cohort ${run + 1}`, exerciseDate, teamsPerRun);
      }
    }
    if (force === 1 && bigRunTeams > 0) await seedRun(db, pack, packRow.id, organisationId, lead.id, assessors, 'Big run', '2026-06-01', bigRunTeams);
    console.log(`${slug}: ${years * runsPerYear} runs seeded (${Math.round((Date.now() - started) / 1000)} s so far)`);
  }
  // Fresh statistics, as autovacuum would give a live database in time: without them the planner
  // scans whole tables for one run's rows.
  await sql`analyze`.execute(db);
  console.log(`Seeded ${forces} forces × ${years} years × ${runsPerYear} runs × ${teamsPerRun} teams${bigRunTeams > 0 ? `, and one run of ${bigRunTeams} teams` : ''} in ${Math.round((Date.now() - started) / 1000)} s.`);
} finally {
  await handle.close();
}
