/**
 * The team's decision log: each decision recorded with its options and the reasoning under the
 * National Decision Model. Recording again keeps the earlier entry; the latest is current.
 */
import type { Database } from '../db/database.js';
import { invalid } from '../errors.js';
import { listReleasedInjectIds } from '../injects/queries.js';
import { fireDecisionTriggers } from '../injects/releases.js';
import { publish } from '../live/queries.js';
import { applyDecisionToMeetings } from '../meetings/service.js';
import type { TeamRun } from '../teams/team-run.js';
import { checkDecision } from './decision-checks.js';
import { findDecisionByKey, insertDecisionOnce } from './queries.js';
import type { RecordDecisionRequest, RecordedDecision } from './schema.js';
import { lockWritableWork, refuseBeforeLive } from './writable.js';

type DecisionRow = NonNullable<Awaited<ReturnType<typeof findDecisionByKey>>>;

/**
 * Validates and records one decision in one transaction, which is also where anything that must
 * commit with the decision (the pack's decision-triggered injects) belongs. A retry with the same
 * idempotency key returns the decision recorded the first time. `now` (the app's clock) is when any
 * meeting the decision convenes was convened, on the wall clock and on the exercise clock.
 */
export async function recordDecision(db: Database, team: TeamRun, input: RecordDecisionRequest, now: Date): Promise<RecordedDecision> {
  const { scenario } = team;
  // Before the run is live the refusal must not depend on the scenario (its decisions, their options).
  refuseBeforeLive(team);

  return db.transaction().execute(async (trx) => {
    // A retry of a decision that was recorded reports it, even if the run or team changed since.
    const recorded = await findDecisionByKey(trx, team.teamId, input.idempotencyKey);
    if (recorded) return toRecordedDecision(recorded);
    await lockWritableWork(trx, team.teamId);
    // Read under the lock: a decision tied to an inject can be recorded once that inject is released.
    const checked = checkDecision(scenario, input.decisionId, input.options, await listReleasedInjectIds(trx, team.teamId));
    if (!checked.ok) throw invalid(checked.problems);
    const inserted = await insertDecisionOnce(trx, {
      teamId: team.teamId,
      decisionId: checked.point.id,
      options: checked.options,
      justification: input.justification,
      idempotencyKey: input.idempotencyKey,
    });
    // Nothing inserted: a concurrent retry of the same request committed first (the insert waited for it).
    if (!inserted) return toRecordedDecision((await findDecisionByKey(trx, team.teamId, input.idempotencyKey))!);
    // Injects this decision triggers commit with it (each released to the team at most once).
    await fireDecisionTriggers(trx, { runId: team.runId, teamId: team.teamId, scenario }, { decisionId: checked.point.id, options: checked.options });
    // So do the meetings it convenes (each once per team) and the changes it makes to open ones.
    await applyDecisionToMeetings(trx, { runId: team.runId, teamId: team.teamId, pack: team.pack, scenario }, { decisionId: checked.point.id, options: checked.options }, now);
    await publish(trx, { type: 'team-work', runId: team.runId, teamId: team.teamId });
    return toRecordedDecision(inserted);
  });
}

export function toRecordedDecision(row: DecisionRow): RecordedDecision {
  return {
    id: row.id,
    decisionId: row.decisionId,
    options: row.options,
    justification: row.justification,
    recordedAt: row.recordedAt.toISOString(),
  };
}
