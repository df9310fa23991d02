/** Runs for API tests: created and moved through the real API by a signed-in lead. */
import type { App } from '../../server/app.js';
import type { CreateRunInput } from '../../server/runs/schema.js';
import type { SignedInStaff } from './staff.js';

export interface TestRun {
  id: string;
  joinCode: string;
  teams: Array<{ id: string; name: string; scenarioId: string; joinCode: string }>;
}

export async function createTestRun(
  app: App,
  lead: SignedInStaff,
  state: 'draft' | 'open' | 'live' | 'closed' = 'live',
  /** Replaces parts of the default request: two teams, no assessors, single marking. */
  request: Partial<CreateRunInput> = {},
): Promise<TestRun> {
  const created = await app.inject({
    method: 'POST',
    url: '/api/runs',
    headers: lead.headers,
    payload: {
      packId: 'test-pack',
      version: '1.0.0',
      cohortLabel: 'PPU 2026',
      exerciseDate: '2026-12-01',
      teams: [
        { name: 'Team A', scenarioId: 'household' },
        { name: 'Team B', scenarioId: 'work' },
      ],
      ...request,
    },
  });
  if (created.statusCode !== 201) throw new Error(`run not created: ${created.body}`);
  const run = created.json() as TestRun;
  const steps = { draft: [], open: ['open'], live: ['open', 'live'], closed: ['open', 'live', 'closed'] }[state];
  for (const to of steps) {
    // Closing asks for an explicit confirmation (the page shows the readiness summary first).
    const payload = to === 'closed' ? { to, confirm: true } : { to };
    const moved = await app.inject({ method: 'POST', url: `/api/runs/${run.id}/transitions`, headers: lead.headers, payload });
    if (moved.statusCode !== 200) throw new Error(`run not moved to ${to}: ${moved.body}`);
  }
  return run;
}

/**
 * Joins a run as one of its teams (with the team's own code, so a second device of the same team
 * joins too); returns headers carrying the team session and CSRF token.
 */
export async function joinAsTeam(app: App, run: TestRun, teamIndex: number) {
  const team = run.teams[teamIndex]!;
  const response = await app.inject({ method: 'POST', url: '/api/join', payload: { joinCode: team.joinCode, teamId: team.id } });
  if (response.statusCode !== 200) throw new Error(`join failed: ${response.body}`);
  const cookie = response.cookies.find((candidate) => candidate.name === 'rh_team')!;
  return { cookie: `rh_team=${cookie.value}`, 'x-csrf-token': response.json().csrfToken as string };
}
