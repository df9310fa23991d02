/**
 * Team sessions: a team has no accounts, so joining with the run's code gives the browser a session
 * scoped to that one team of that one run. It uses its own cookie, so a facilitator can play a team
 * in a second window of the same browser.
 */
import { hashToken, newSessionTokens } from '../accounts/sessions.js';
import type { Database } from '../db/database.js';
import type { RunState } from '../runs/lifecycle.js';
import { endSessionStreams } from '../live/streams.js';
import { deleteTeamSession, findLiveTeamSession, insertTeamSession } from './queries.js';
import type { TeamSession } from './schema.js';

export interface TeamIdentity {
  teamId: string;
  teamName: string;
  scenarioId: string;
  /** The team's own code, shown to its members so team mates on other devices can join. */
  teamJoinCode: string;
  runId: string;
  organisationId: string;
  packVersionId: string;
  runState: RunState;
  /** Set while a facilitator has paused the exercise. */
  runPausedAt: Date | null;
  /** Results were released before marking was complete. */
  resultsProvisional: boolean;
  cohortLabel: string;
  exerciseDate: string;
  csrfToken: string;
  tokenSha256: string;
  sessionExpiresAt: Date;
}

export async function startTeamSession(db: Database, teamId: string): Promise<{ token: string; expiresAt: Date }> {
  const { token, tokenSha256, csrfToken, expiresAt } = newSessionTokens();
  await insertTeamSession(db, { tokenSha256, teamId, csrfToken, expiresAt });
  return { token, expiresAt };
}

export async function loadTeamIdentity(db: Database, token: string): Promise<TeamIdentity | undefined> {
  const tokenSha256 = hashToken(token);
  const row = await findLiveTeamSession(db, tokenSha256);
  return row && { ...row, tokenSha256 };
}

/** Signs this browser out of its team: the session and its live streams end. */
export async function endTeamSession(db: Database, identity: TeamIdentity): Promise<void> {
  await deleteTeamSession(db, identity.tokenSha256);
  await endSessionStreams(db, [identity.tokenSha256]);
}

export function toTeamSession(identity: TeamIdentity): TeamSession {
  return {
    team: { id: identity.teamId, name: identity.teamName, joinCode: identity.teamJoinCode },
    run: { id: identity.runId, cohortLabel: identity.cohortLabel, exerciseDate: identity.exerciseDate, state: identity.runState, paused: identity.runPausedAt !== null },
    csrfToken: identity.csrfToken,
  };
}
