/** Reading a team's work, submitting it, and a facilitator reopening it. */
import type { StaffIdentity } from '../accounts/sessions.js';
import { insertAuditEntry } from '../audit/queries.js';
import type { Database } from '../db/database.js';
import { HttpError } from '../http/error-shape.js';
import { publish } from '../live/notifications.js';
import { scoreInstrument, type InstrumentAnswers } from '../packs/instrument-scoring.js';
import { findPackVersionContent } from '../packs/queries.js';
import { findRunForStaff } from '../runs/queries.js';
import type { TeamIdentity } from '../teams/sessions.js';
import { toRecordedDecision } from './decisions.js';
import { findTeamSubmission, listAnswers, listDecisions, lockTeamOfRun, markTeamReopened, markTeamSubmitted } from './queries.js';
import type { AnswerValue, TeamWork } from './schema.js';
import { lockWritableWork } from './writable.js';

export async function loadTeamWork(db: Database, team: Pick<TeamIdentity, 'teamId' | 'packVersionId'>): Promise<TeamWork> {
  const [answerRows, decisionRows, submission, pack] = await Promise.all([
    listAnswers(db, team.teamId),
    listDecisions(db, team.teamId),
    findTeamSubmission(db, team.teamId),
    findPackVersionContent(db, team.packVersionId),
  ]);
  const answers: TeamWork['answers'] = {};
  const scored: InstrumentAnswers = {};
  for (const row of answerRows) {
    const value = row.value as AnswerValue;
    answers[row.itemId] = { value, revision: row.revision, updatedAt: row.updatedAt.toISOString() };
    if (value !== null) scored[row.itemId] = value;
  }
  const work: TeamWork = {
    answers,
    decisions: decisionRows.map(toRecordedDecision),
    submittedAt: submission?.submittedAt?.toISOString() ?? null,
  };
  if (pack?.instrument.showBandToTeams) work.instrument = scoreInstrument(pack.instrument, scored);
  return work;
}

/** Locks the team's work for marking; a facilitator can reopen it. */
export async function submitWork(db: Database, team: Pick<TeamIdentity, 'teamId' | 'runId'>): Promise<Date> {
  return db.transaction().execute(async (trx) => {
    await lockWritableWork(trx, team.teamId, 'submit');
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
export async function reopenWork(db: Database, staff: StaffIdentity, runId: string, teamId: string): Promise<Date> {
  const run = await findRunForStaff(db, staff, runId);
  if (!run) throw new HttpError(404, 'not_found', 'There is no run with that id that you can see.');
  return db.transaction().execute(async (trx) => {
    const team = await lockTeamOfRun(trx, runId, teamId);
    if (!team) throw new HttpError(404, 'not_found', 'That team is not in this run.');
    if (!team.submittedAt) throw new HttpError(409, 'not_submitted', `${team.name} has not submitted its work, so there is nothing to reopen.`);
    if (team.runState !== 'live') {
      throw new HttpError(409, 'run_not_live', 'Work can be reopened only while the exercise is live, so the team can change it.');
    }
    const reopenedAt = await markTeamReopened(trx, teamId);
    await insertAuditEntry(trx, {
      runId,
      actor: { kind: 'staff', userId: staff.userId },
      action: 'work.reopen',
      subject: `team:${teamId}`,
      before: { submittedAt: team.submittedAt },
      after: { reopenedAt },
    });
    await publish(trx, { type: 'team-work', runId, teamId });
    return reopenedAt;
  });
}
