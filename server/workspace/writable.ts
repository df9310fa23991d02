/** When a team may change its work: while its run is live and until it submits. */
import type { Transaction } from 'kysely';
import type { DB } from '../db/types.js';
import type { RunState } from '../runs/lifecycle.js';
import { conflict, notFound } from '../errors.js';
import { lockTeamWork } from './queries.js';

const NOT_LIVE_YET = 'The exercise is not live yet. Your facilitator will start it soon.';

/**
 * Refuses a change before the run is live, from the session's run state and before anything of the
 * pack is looked at, so no refusal before live can reveal the scenario (a decision's options, a
 * question's wording). lockWritableWork checks again inside the transaction.
 */
export function refuseBeforeLive(team: { runState: RunState }): void {
  if (team.runState === 'draft' || team.runState === 'open') throw conflict('run_not_live', NOT_LIVE_YET);
}

/**
 * Locks the team's run and row inside the caller's transaction and refuses, with a conflict a person can
 * act on, unless the work may change. Checked here rather than from the session, which was read
 * before the transaction began and may be stale.
 */
export async function lockWritableWork(trx: Transaction<DB>, teamId: string, mode: 'write' | 'submit' = 'write') {
  const work = await lockTeamWork(trx, teamId, mode);
  if (!work) throw notFound('Your team could not be found. Ask your facilitator.');
  refuseUnlessWritable(work);
  return work;
}

/** The refusals of lockWritableWork, for a write that locked the run and team itself (the autosave's one statement). */
export function refuseUnlessWritable(work: { runState: RunState; submittedAt: Date | null }): void {
  if (work.runState === 'draft' || work.runState === 'open') {
    throw conflict('run_not_live', NOT_LIVE_YET);
  }
  if (work.runState !== 'live') {
    throw conflict('run_not_live', 'The exercise is not live any more, so your team’s work can no longer change.');
  }
  if (work.submittedAt) {
    throw conflict('work_submitted', 'Your team has submitted its work. Ask a facilitator to reopen it to make changes.');
  }
}
