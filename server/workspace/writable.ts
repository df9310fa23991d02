/** When a team may change its work: while its run is live and until it submits. */
import type { Transaction } from 'kysely';
import type { DB } from '../db/types.js';
import { HttpError } from '../http/error-shape.js';
import { lockTeamWork } from './queries.js';

/**
 * Locks the team's run and row inside the caller's transaction and refuses, with a 409 a person can
 * act on, unless the work may change. Checked here rather than from the session, which was read
 * before the transaction began and may be stale.
 */
export async function lockWritableWork(trx: Transaction<DB>, teamId: string, mode: 'write' | 'submit' = 'write') {
  const work = await lockTeamWork(trx, teamId, mode);
  if (!work) throw new HttpError(404, 'not_found', 'Your team could not be found. Ask your facilitator.');
  if (work.runState === 'draft' || work.runState === 'open') {
    throw new HttpError(409, 'run_not_live', 'The exercise is not live yet. Your facilitator will start it soon.');
  }
  if (work.runState !== 'live') {
    throw new HttpError(409, 'run_not_live', 'The exercise is not live any more, so your team’s work can no longer change.');
  }
  if (work.submittedAt) {
    throw new HttpError(409, 'work_submitted', 'Your team has submitted its work. Ask a facilitator to reopen it to make changes.');
  }
  return work;
}
