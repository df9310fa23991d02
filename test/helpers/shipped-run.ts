/**
 * A run of the shipped IIOC pack with real content (profile tables, long facilitator notes, the
 * referral call), for browser tests of layout: every team on its own scenario, some work done,
 * and optionally marked and released, through the real API.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { App } from '../../server/app.js';
import { checkPackDir } from '../../server/packs/check.js';
import { importPack } from '../../server/packs/import.js';
import { findPackVersion } from '../../server/packs/queries.js';
import { shippedPacksFolder } from '../../server/packs/shipped-packs.js';
import { joinAsTeam, type TestRun } from './runs.js';
import type { SignedInStaff } from './staff.js';

async function call(app: App, method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: object) {
  const response = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response;
}

/** The version of the shipped IIOC pack, as its pack.yaml gives it. */
export const shippedIiocVersion = String(parse(readFileSync(path.join(shippedPacksFolder, 'iioc-kirat', 'pack.yaml'), 'utf8')).version);

/** Imports the shipped IIOC pack unless this database already has it. */
export async function importShippedIiocPack(app: App): Promise<void> {
  if (await findPackVersion(app.database.db, 'iioc-kirat', shippedIiocVersion, null)) return;
  const checked = await checkPackDir(path.join(shippedPacksFolder, 'iioc-kirat'));
  if (!checked.ok) throw new Error('the shipped IIOC pack should pass its checks');
  await importPack(app.database.db, checked.pack);
}

export interface ShippedRun extends TestRun {
  /** Headers of each team's session, in team order. */
  teamHeaders: Array<{ cookie: string; 'x-csrf-token': string }>;
}

/**
 * A live run of the IIOC pack, three teams on its three scenarios, with `assessor` marking each team;
 * every team has joined, Team 1 has written to Children's Social Care and recorded its first decision.
 */
export async function liveShippedRun(app: App, lead: SignedInStaff, assessor: SignedInStaff): Promise<ShippedRun> {
  await importShippedIiocPack(app);
  const assessorId = (await call(app, 'GET', '/api/auth/session', assessor.headers)).json().user.id as string;
  const run = (
    await call(app, 'POST', '/api/runs', lead.headers, {
      packId: 'iioc-kirat',
      version: shippedIiocVersion,
      cohortLabel: 'Northmoor PPU 2026',
      exerciseDate: '2026-12-01',
      teams: [
        { name: 'Team 1', scenarioId: 'family-home' },
        { name: 'Team 2', scenarioId: 'lone-subscriber' },
        { name: 'Team 3', scenarioId: 'swimming-teacher' },
      ],
      assessorIds: [assessorId],
    })
  ).json() as TestRun;
  for (const to of ['open', 'live']) await call(app, 'POST', `/api/runs/${run.id}/transitions`, lead.headers, { to });
  const teamHeaders = [];
  for (const index of [0, 1, 2]) teamHeaders.push(await joinAsTeam(app, run, index));
  await call(app, 'POST', '/api/team/agencies/csc/messages', teamHeaders[0]!, { body: 'Is the household at the address known to you?', idempotencyKey: crypto.randomUUID() });
  await call(app, 'POST', '/api/team/decisions', teamHeaders[0]!, {
    decisionId: 'priority',
    options: ['very-high'],
    justification: {
      information: 'Two children live with the subject.',
      threatAndRisk: 'Direct access to children.',
      powersAndPolicy: 'KIRAT places this Very High.',
      options: 'Act today or within days.',
      actionAndReview: 'Act today; review after the strategy discussion.',
    },
    idempotencyKey: crypto.randomUUID(),
  });
  await call(app, 'POST', `/api/runs/${run.id}/releases`, lead.headers, {
    kind: 'inject',
    contentId: 'b-partner-call',
    teamIds: [run.teams[0]!.id],
  });
  return { ...run, teamHeaders };
}

/** `assessor` marks every judgement criterion of every team at its top level and finishes; the run is closed and its results released. */
export async function markAndReleaseShippedRun(app: App, run: ShippedRun, lead: SignedInStaff, assessor: SignedInStaff): Promise<void> {
  for (const team of run.teams) {
    const marking = (await call(app, 'GET', `/api/runs/${run.id}/teams/${team.id}/marking`, assessor.headers)).json() as {
      criteria: Array<{ id: string; kind: string; levels: Array<{ id: string }> }>;
    };
    for (const criterion of marking.criteria) {
      if (criterion.kind !== 'judgement') continue;
      await call(app, 'PUT', `/api/runs/${run.id}/teams/${team.id}/marks/${criterion.id}`, assessor.headers, {
        levelId: criterion.levels[criterion.levels.length - 1]!.id,
        comment: 'Clear reasoning, linked to the children at risk.',
      });
    }
    await call(app, 'POST', `/api/runs/${run.id}/teams/${team.id}/marking/finish`, assessor.headers);
  }
  for (const to of ['closed', 'results-released']) await call(app, 'POST', `/api/runs/${run.id}/transitions`, lead.headers, { to, confirm: true, provisionalReason: 'Layout test: marking not finished' });
}
