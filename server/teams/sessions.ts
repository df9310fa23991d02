/**
 * Team sessions: a team has no accounts, so joining with the run's code gives the browser a session
 * scoped to that one team of that one run. It uses its own cookie, so a facilitator can play a team
 * in a second window of the same browser.
 */
import { randomBytes } from 'node:crypto';
import { hashToken, SESSION_LIFETIME_MS } from '../accounts/sessions.js';
import type { Database } from '../db/database.js';
import { RunState } from '../runs/lifecycle.js';
import { findLiveTeamSession, insertTeamSession } from './queries.js';
import type { TeamSession } from './schema.js';

export const TEAM_COOKIE = 'rh_team';

export interface TeamIdentity {
  teamId: string;
  teamName: string;
  scenarioId: string;
  runId: string;
  organisationId: string;
  packVersionId: string;
  runState: RunState;
  cohortLabel: string;
  exerciseDate: string;
  csrfToken: string;
}

export async function startTeamSession(db: Database, teamId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
  await insertTeamSession(db, { tokenSha256: hashToken(token), teamId, csrfToken: randomBytes(24).toString('base64url'), expiresAt });
  return { token, expiresAt };
}

export async function loadTeamIdentity(db: Database, token: string): Promise<TeamIdentity | undefined> {
  const row = await findLiveTeamSession(db, hashToken(token));
  return row ? { ...row, runState: RunState.parse(row.runState) } : undefined;
}

export function toTeamSession(identity: TeamIdentity): TeamSession {
  return {
    team: { id: identity.teamId, name: identity.teamName },
    run: { id: identity.runId, cohortLabel: identity.cohortLabel, exerciseDate: identity.exerciseDate, state: identity.runState },
    csrfToken: identity.csrfToken,
  };
}
