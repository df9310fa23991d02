/**
 * A new user's first ten minutes: on an empty embedded database, a demo organisation with a lead and
 * two assessors (one-time passwords printed once), and a demo run of the IIOC pack with three teams,
 * open for joining, so one person can play the day in two browser windows.
 */
import { countOrganisations, insertOrganisation } from '../accounts/queries.js';
import { createStaffAccount } from '../accounts/staff-accounts.js';
import type { Database } from '../db/database.js';
import type { PackVersions } from '../packs/pack-versions.js';
import { findPackVersion } from '../packs/queries.js';
import { createRun, moveRun } from '../runs/service.js';
import { findStaffRun } from '../runs/staff-run.js';
import { findDemoStaffWithoutRuns } from './queries.js';

export const DEMO_PACK = { packId: 'iioc-kirat', version: '1.2.0' };

export interface DemoAccess {
  organisationName: string;
  accounts: Array<{ role: 'lead' | 'assessor'; email: string; oneTimePassword: string }>;
  run?: { cohortLabel: string; joinCode: string; teams: string[] };
}

const DEMO_SLUG = 'demo';

const demoPeople = [
  { role: 'lead' as const, email: 'lead@example.org', displayName: 'Morgan Reid (L&D lead)' },
  { role: 'assessor' as const, email: 'assessor.one@example.org', displayName: 'Priya Shah (assessor)' },
  { role: 'assessor' as const, email: 'assessor.two@example.org', displayName: 'Tom Okafor (assessor)' },
];

/**
 * On a database with no organisation, creates the demo organisation and its people in one
 * transaction; then, if the demo organisation has no run yet and the IIOC pack is imported, a demo
 * run open for joining. Returns what to print, or undefined when there was nothing to do.
 */
export async function createDemoContent(db: Database, packs: PackVersions, today = new Date()): Promise<DemoAccess | undefined> {
  let access: DemoAccess | undefined;
  if ((await countOrganisations(db)) === 0) {
    access = await db.transaction().execute(async (trx) => {
      const organisationId = await insertOrganisation(trx, DEMO_SLUG, 'Demo Constabulary (fictional)');
      const accounts: DemoAccess['accounts'] = [];
      for (const person of demoPeople) {
        const { oneTimePassword } = await createStaffAccount(trx, { organisationId, ...person });
        accounts.push({ role: person.role, email: person.email, oneTimePassword });
      }
      return { organisationName: 'Demo Constabulary (fictional)', accounts };
    });
  }
  const run = await createDemoRun(db, packs, today);
  if (!run) return access;
  return { organisationName: access?.organisationName ?? 'Demo Constabulary (fictional)', accounts: access?.accounts ?? [], run };
}

async function createDemoRun(db: Database, packs: PackVersions, today: Date): Promise<DemoAccess['run']> {
  const staff = await findDemoStaffWithoutRuns(db, DEMO_SLUG);
  const lead = staff?.find((person) => person.role === 'lead');
  if (!staff || !lead) return undefined;
  const packVersion = await findPackVersion(db, DEMO_PACK.packId, DEMO_PACK.version, lead.organisationId);
  if (!packVersion) return undefined;
  const pack = packVersion.content;
  const scope = { organisationId: lead.organisationId, userId: lead.id, role: 'lead' as const };
  const run = await createRun(db, packs, scope, {
    packId: DEMO_PACK.packId,
    version: DEMO_PACK.version,
    cohortLabel: `Demo PPU ${today.getFullYear()}`,
    exerciseDate: today.toISOString().slice(0, 10),
    teams: pack.scenarios.slice(0, 3).map((scenario, index) => ({ name: `Team ${index + 1}`, scenarioId: scenario.id, assessorIds: [] })),
    assessorIds: staff.filter((person) => person.role === 'assessor').map((person) => person.id),
    // Both demo assessors mark every team, so the demo shows double marking and agreement.
    assessorsPerTeam: 2,
  });
  const created = await findStaffRun(db, packs, scope, run.id);
  if (!created) throw new Error('the demo run that was just created could not be read back');
  await moveRun(db, packs, created, { to: 'open' });
  return { cohortLabel: run.cohortLabel, joinCode: run.joinCode, teams: run.teams.map((team) => `${team.name} (team code ${team.joinCode}): ${team.scenarioTitle}`) };
}

/** The lines printed at start so the new user can sign in and join. */
export function describeDemoAccess(access: DemoAccess, address: string): string {
  const lines = [
    '',
    `Demo content created in ${access.organisationName}. These one-time passwords are shown only now;`,
    'each person chooses a new password at first sign-in:',
    ...access.accounts.map((account) => `  ${account.role.padEnd(8)} ${account.email.padEnd(26)} ${account.oneTimePassword}`),
  ];
  if (access.run) {
    lines.push(
      '',
      `Demo run "${access.run.cohortLabel}" is open for joining with code ${access.run.joinCode}.`,
      `  Facilitator: sign in at ${address}/sign-in as lead@example.org, open the run and press "Go live".`,
      `  Team: in another window open ${address}/join and enter ${access.run.joinCode}.`,
      ...access.run.teams.map((team) => `  ${team}`),
    );
  }
  // A framed block, so it stands out from the log lines around it.
  const rule = '='.repeat(Math.min(100, Math.max(...lines.map((line) => line.length))));
  return `\n${rule}\n${lines.slice(1).join('\n')}\n${rule}\n`;
}
