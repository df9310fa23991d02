/**
 * A team's meetings as marking reads them: the evidence for the rubric's meeting rules, and the
 * record assessors read beside the rubric. The one way other features reach meetings' SQL.
 */
import type { Database } from '../db/database.js';
import type { MeetingEvidence } from '../marking/automatic-scoring.js';
import { findWentLiveAtOfTeam, listActionsOfMeetings, listMeetingsOfTeam } from './queries.js';

export async function loadMeetingEvidence(db: Database, teamId: string): Promise<{ meetings: MeetingEvidence[]; wentLiveAt: Date | null }> {
  const [rows, wentLiveAt] = await Promise.all([listMeetingsOfTeam(db, teamId), findWentLiveAtOfTeam(db, teamId)]);
  const actions = await listActionsOfMeetings(db, rows.map((row) => row.id));
  return {
    wentLiveAt,
    meetings: rows.map((row) => ({
      meetingId: row.meetingId,
      convenedAt: row.convenedAt,
      level: row.level,
      agencies: row.agencies,
      actions: actions.filter((action) => action.meetingId === row.id).map(({ owner, due }) => ({ owner, due })),
    })),
  };
}
