/** Reading a team's work, submitting it, and a facilitator reopening it. */
import { insertAuditEntry } from '../audit/queries.js';
import type { Database } from '../db/database.js';
import { DomainError, conflict, notFound } from '../errors.js';
import { publish } from '../live/queries.js';
import { scoreInstrument, type InstrumentAnswers } from '../packs/instrument-scoring.js';
import { bandShownSetting } from '../packs/lookups.js';
import { scenarioVisibleToTeams } from '../runs/lifecycle.js';
import type { Pack } from '../packs/schema.js';
import type { StaffRun } from '../runs/staff-run.js';
import type { TeamRun } from '../teams/team-run.js';
import { toInstrumentAnswers } from './answer-values.js';
import { toRecordedDecision } from './decisions.js';
import { findTeamSubmission, listAnswers, listDecisions, lockTeamOfRun, markTeamReopened, markTeamSubmitted } from './queries.js';
import type { TeamWork } from './schema.js';
import { lockWritableWork } from './writable.js';

/**
 * The team's work. Before the run is live it is empty and carries nothing of the pack. The band and
 * its drivers come only when the pack's bandShown allows: while answering, once complete, or (after
 * results) never here. The contradictions the answers meet always come, so the team can fix them.
 */
export async function loadTeamWork(db: Database, team: TeamRun): Promise<TeamWork> {
  if (!scenarioVisibleToTeams(team.runState)) return { answers: {}, decisions: [], submittedAt: null, contradictions: [] };
  const [answerRows, decisionRows, submission] = await Promise.all([
    listAnswers(db, team.teamId),
    listDecisions(db, team.teamId),
    findTeamSubmission(db, team.teamId),
  ]);
  const answers: TeamWork['answers'] = {};
  for (const row of answerRows) answers[row.itemId] = { value: row.value, revision: row.revision, updatedAt: row.updatedAt.toISOString() };
  return {
    answers,
    decisions: decisionRows.map(toRecordedDecision),
    submittedAt: submission?.submittedAt?.toISOString() ?? null,
    ...deriveFromAnswers(team.pack, toInstrumentAnswers(answerRows)),
  };
}

type DerivedWork = Pick<TeamWork, 'instrument' | 'contradictions'>;

/** What the work shows that depends on every answer: after a save, without the rest of the work. */
export async function loadDerivedWork(db: Database, team: { teamId: string; pack: Pack }): Promise<DerivedWork> {
  return deriveFromAnswers(team.pack, toInstrumentAnswers(await listAnswers(db, team.teamId)));
}

/** The band, its drivers and the contradictions of a set of answers, as far as the pack shows them to the team. */
export function deriveFromAnswers(pack: Pack, answers: InstrumentAnswers): DerivedWork {
  const result = scoreInstrument(pack.instrument, answers);
  const derived: DerivedWork = { contradictions: result.contradictions };
  const shown = bandShownSetting(pack.instrument);
  if (shown === 'while-answering' || (shown === 'when-complete' && result.complete)) derived.instrument = result;
  return derived;
}

/**
 * Locks the team's work for marking; a facilitator can reopen it. With decision points not yet
 * recorded it is refused (saying how many) unless the team confirms it means to submit anyway.
 */
export async function submitWork(
  db: Database,
  team: Pick<TeamRun, 'teamId' | 'runId' | 'scenario'>,
  { confirmUnrecorded }: { confirmUnrecorded: boolean },
): Promise<Date> {
  return db.transaction().execute(async (trx) => {
    await lockWritableWork(trx, team.teamId, 'submit');
    const recorded = new Set((await listDecisions(trx, team.teamId)).map((decision) => decision.decisionId));
    const unrecorded = team.scenario.decisionPoints.filter((point) => !recorded.has(point.id));
    if (unrecorded.length > 0 && !confirmUnrecorded) {
      const count = unrecorded.length === 1 ? '1 decision point is' : `${unrecorded.length} decision points are`;
      throw new DomainError(
        'conflict',
        'decisions_unrecorded',
        `${count} not recorded yet. Record them, or confirm that your team submits without them.`,
        unrecorded.map((point) => ({ path: `decisions.${point.id}`, message: `Not recorded: ${point.question}` })),
      );
    }
    const submittedAt = await markTeamSubmitted(trx, team.teamId);
    await insertAuditEntry(trx, {
      runId: team.runId,
      actor: { kind: 'team', teamId: team.teamId },
      action: 'work.submit',
      subject: `team:${team.teamId}`,
      after: { submittedAt },
    });
    await publish(trx, { type: 'team-work', runId: team.runId, teamId: team.teamId });
    return submittedAt;
  });
}

/** Lets a team change submitted work again, while its run is live. */
export async function reopenWork(db: Database, run: StaffRun, teamId: string): Promise<Date> {
  const runId = run.id;
  return db.transaction().execute(async (trx) => {
    const team = await lockTeamOfRun(trx, runId, teamId);
    if (!team) throw notFound('That team is not in this run.');
    if (!team.submittedAt) throw conflict('not_submitted', `${team.name} has not submitted its work, so there is nothing to reopen.`);
    if (team.runState !== 'live') {
      throw conflict('run_not_live', 'Work can be reopened only while the exercise is live, so the team can change it.');
    }
    const reopenedAt = await markTeamReopened(trx, teamId);
    await insertAuditEntry(trx, {
      runId,
      actor: { kind: 'staff', userId: run.caller.staff.userId },
      action: 'work.reopen',
      subject: `team:${teamId}`,
      before: { submittedAt: team.submittedAt },
      after: { reopenedAt },
    });
    await publish(trx, { type: 'team-work', runId, teamId });
    return reopenedAt;
  });
}
