/**
 * What the bench needs in its fresh database: the shipped packs, a lead and an assessor signed in,
 * and runs of 20, 200 and 500 teams (plus one of 300 teams on one scenario for the release), every
 * team with a full set of answers and a mark on every judgement criterion. Twenty teams of each run
 * are created through the API, as a lead would; the rest are added row by row (the API caps a run
 * at 20 teams, and the bench is about what the app does with many).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { insertOrganisation } from '../../server/accounts/queries.js';
import { createStaffAccount } from '../../server/accounts/staff-accounts.js';
import type { App } from '../../server/app.js';
import { toJsonText } from '../../server/db/json-columns.js';
import { appliesToScenario } from '../../server/packs/lookups.js';
import type { Pack } from '../../server/packs/schema.js';
import { importShippedPacksIntoEmptyDatabase, shippedPacksFolder } from '../../server/packs/shipped-packs.js';
import { generateJoinCode } from '../../server/runs/join-codes.js';
import type { AnswerValue } from '../../server/workspace/schema.js';

export const PACK_ID = 'iioc-kirat';
const PACK_VERSION = String(parse(readFileSync(path.join(shippedPacksFolder, PACK_ID, 'pack.yaml'), 'utf8')).version);
const PASSWORD = 'bench password, long enough to pass';

export type Headers = { cookie: string; 'x-csrf-token': string };

export interface SeededTeam {
  id: string;
  scenarioId: string;
  /** A joined device of the team; only for the teams the bench drives. */
  headers?: Headers;
}

export interface SeededRun {
  id: string;
  teams: SeededTeam[];
  /** Judgement criteria that apply to the first team, with a level to mark. */
  markable: { teamId: string; criterionId: string; levelIds: string[] };
}

export interface Seed {
  lead: Headers;
  assessor: Headers;
  runs: Record<string, SeededRun>;
  /** Free-text items of the instrument: each autosaving connection writes one (team, item). */
  textItems: string[];
  /** Injects of the release run's one scenario, one per release. */
  releaseInjects: string[];
}

async function signedIn(app: App, organisationId: string, role: 'lead' | 'assessor'): Promise<{ id: string; headers: Headers }> {
  const email = `${role}-${randomBytes(4).toString('hex')}@example.org`;
  const { userId, oneTimePassword } = await createStaffAccount(app.database.db, { organisationId, email, displayName: `Bench ${role}`, role });
  const first = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password: oneTimePassword } });
  const headers = signInHeaders(first, 'rh_session');
  const changed = await app.inject({ method: 'POST', url: '/api/auth/password', headers, payload: { currentPassword: oneTimePassword, newPassword: PASSWORD } });
  if (changed.statusCode !== 204) throw new Error(`password change failed: ${changed.body}`);
  return { id: userId, headers };
}

function signInHeaders(response: { statusCode: number; body: string; cookies: Array<{ name: string; value: string }>; json(): unknown }, cookieName: string): Headers {
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  const cookie = response.cookies.find((candidate) => candidate.name === cookieName);
  if (!cookie) throw new Error(`no ${cookieName} cookie`);
  return { cookie: `${cookieName}=${cookie.value}`, 'x-csrf-token': (response.json() as { csrfToken: string }).csrfToken };
}

async function transition(app: App, lead: Headers, runId: string, to: string): Promise<void> {
  const payload = to === 'closed' ? { to, confirm: true } : { to };
  const moved = await app.inject({ method: 'POST', url: `/api/runs/${runId}/transitions`, headers: lead, payload });
  if (moved.statusCode !== 200) throw new Error(`run not moved to ${to}: ${moved.body}`);
}

export async function joinTeam(app: App, team: { id: string }): Promise<Headers> {
  const row = await app.database.db.selectFrom('runTeams').select('joinCode').where('id', '=', team.id).executeTakeFirstOrThrow();
  const response = await app.inject({ method: 'POST', url: '/api/join', payload: { joinCode: row.joinCode, teamId: team.id } });
  return signInHeaders(response, 'rh_team');
}

function answersFor(pack: Pack, position: number): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const item of pack.instrument.sections.flatMap((section) => section.items)) {
    switch (item.kind) {
      case 'single-choice':
        answers[item.id] = item.options[position % item.options.length]!.value;
        break;
      case 'multiple-choice':
        answers[item.id] = item.options.filter((_, index) => (index + position) % 3 === 0).map((option) => option.value);
        break;
      case 'yes-no-unknown':
        answers[item.id] = (['yes', 'no', 'unknown'] as const)[position % 3]!;
        break;
      case 'number':
        answers[item.id] = Math.max(item.min ?? 0, position % Math.min(item.max ?? 50, 50));
        break;
      case 'date':
        answers[item.id] = '2026-01-15';
        break;
      default:
        answers[item.id] = `Synthetic answer ${position} for the benchmark.`;
    }
  }
  return answers;
}

async function insertChunked<Row>(rows: Row[], insert: (chunk: Row[]) => Promise<unknown>): Promise<void> {
  for (let index = 0; index < rows.length; index += 1000) await insert(rows.slice(index, index + 1000));
}

/** A live run of `teamCount` teams, all answered and marked by the assessor (marking finished). */
async function seedRun(app: App, pack: Pack, lead: Headers, assessorId: string, teamCount: number, scenarioIds: string[]): Promise<SeededRun> {
  const { db } = app.database;
  const created = await app.inject({
    method: 'POST',
    url: '/api/runs',
    headers: lead,
    payload: {
      packId: PACK_ID,
      version: PACK_VERSION,
      cohortLabel: `Bench ${teamCount} teams`,
      exerciseDate: '2026-12-01',
      assessorIds: [assessorId],
      teams: Array.from({ length: Math.min(20, teamCount) }, (_, index) => ({ name: `Team ${index + 1}`, scenarioId: scenarioIds[index % scenarioIds.length]! })),
    },
  });
  if (created.statusCode !== 201) throw new Error(`run not created: ${created.body}`);
  const run = created.json() as { id: string; teams: Array<{ id: string; scenarioId: string }> };
  const extra = Array.from({ length: teamCount - run.teams.length }, (_, index) => {
    const position = run.teams.length + index;
    return { runId: run.id, position, name: `Team ${position + 1}`, joinCode: generateJoinCode(), scenarioId: scenarioIds[position % scenarioIds.length]! };
  });
  const added = extra.length === 0 ? [] : await db.insertInto('runTeams').values(extra).returning(['id', 'scenarioId']).execute();
  if (added.length > 0) await db.insertInto('runTeamAssessors').values(added.map((team) => ({ teamId: team.id, userId: assessorId }))).execute();
  const teams: SeededTeam[] = [...run.teams, ...added];
  await transition(app, lead, run.id, 'open');
  await transition(app, lead, run.id, 'live');

  const judgement = pack.rubric.criteria.filter((criterion) => criterion.kind === 'judgement');
  const answerRows: Array<{ teamId: string; itemId: string; value: ReturnType<typeof toJsonText<AnswerValue>>; revision: number }> = [];
  const markRows: Array<{ teamId: string; criterionId: string; assessorId: string; levelId: string; points: string; comment: string }> = [];
  const completionRows: Array<{ teamId: string; assessorId: string; completedAt: Date }> = [];
  teams.forEach((team, position) => {
    for (const [itemId, value] of Object.entries(answersFor(pack, position))) answerRows.push({ teamId: team.id, itemId, value: toJsonText(value), revision: 1 });
    for (const criterion of judgement) {
      if (!appliesToScenario(criterion, team.scenarioId)) continue;
      const level = criterion.levels[position % criterion.levels.length]!;
      markRows.push({ teamId: team.id, criterionId: criterion.id, assessorId, levelId: level.id, points: String(level.points), comment: 'Seen in the log.' });
    }
    completionRows.push({ teamId: team.id, assessorId, completedAt: new Date() });
  });
  await insertChunked(answerRows, (chunk) => db.insertInto('teamAnswers').values(chunk).execute());
  await insertChunked(markRows, (chunk) => db.insertInto('marks').values(chunk).execute());
  const first = teams[0]!;
  const criterion = judgement.find((candidate) => appliesToScenario(candidate, first.scenarioId))!;
  // Marking stays open on the first team, so the bench can keep changing its mark.
  await insertChunked(completionRows.slice(1), (chunk) => db.insertInto('markingCompletions').values(chunk).execute());
  return { id: run.id, teams, markable: { teamId: first.id, criterionId: criterion.id, levelIds: criterion.levels.map((level) => level.id) } };
}

export async function seed(app: App, sizes: number[], releaseTeams: number): Promise<Seed> {
  const { db } = app.database;
  await importShippedPacksIntoEmptyDatabase(db);
  const version = await db.selectFrom('packVersions').select('id').where('packId', '=', PACK_ID).where('version', '=', PACK_VERSION).executeTakeFirstOrThrow();
  const pack = (await app.packs.find(version.id))!;
  const organisationId = await insertOrganisation(db, 'bench', 'Bench police (fictional)');
  const lead = await signedIn(app, organisationId, 'lead');
  const assessor = await signedIn(app, organisationId, 'assessor');
  const scenarioIds = pack.scenarios.map((scenario) => scenario.id);

  const runs: Record<string, SeededRun> = {};
  for (const size of sizes) {
    const run = await seedRun(app, pack, lead.headers, assessor.id, size, scenarioIds);
    // One joined device per run for the team endpoints.
    run.teams[0]!.headers = await joinTeam(app, run.teams[0]!);
    runs[String(size)] = run;
  }
  const releaseScenario = pack.scenarios.reduce((most, scenario) => (scenario.injects.length > most.injects.length ? scenario : most));
  const release = await seedRun(app, pack, lead.headers, assessor.id, releaseTeams, [releaseScenario.id]);
  for (const team of release.teams) team.headers = await joinTeam(app, team);
  runs.release = release;

  const textItems = pack.instrument.sections.flatMap((section) => section.items).filter((item) => item.kind === 'short-text' || item.kind === 'long-text').map((item) => item.id);
  return { lead: lead.headers, assessor: assessor.headers, runs, textItems, releaseInjects: releaseScenario.injects.map((inject) => inject.id) };
}

/** Closes the run and releases its results, for the endpoints that read a finished run. */
export async function releaseResults(app: App, lead: Headers, runId: string): Promise<void> {
  await transition(app, lead, runId, 'closed');
  const released = await app.inject({
    method: 'POST',
    url: `/api/runs/${runId}/transitions`,
    headers: lead,
    payload: { to: 'results-released', provisionalReason: 'Bench: one team is still being marked.' },
  });
  if (released.statusCode !== 200) throw new Error(`results not released: ${released.body}`);
}
