/**
 * A team's meetings as marking reads them: the evidence for the rubric's meeting rules, and the
 * record assessors read beside the rubric. The one way other features reach meetings' SQL.
 */
import type { Database } from '../db/database.js';
import type { MeetingEvidence } from '../marking/automatic-scoring.js';
import { listActionsOfMeetings, listMeetingsOfTeam } from './queries.js';

export async function loadMeetingEvidence(db: Database, teamId: string): Promise<{ meetings: MeetingEvidence[] }> {
  const rows = await listMeetingsOfTeam(db, teamId);
  const actions = await listActionsOfMeetings(db, rows.map((row) => row.id));
  return {
    meetings: rows.map((row) => ({
      meetingId: row.meetingId,
      convenedAt: row.convenedAt,
      convenedExerciseSeconds: row.convenedExerciseSeconds,
      level: row.level,
      agencies: row.agencies,
      actions: actions.filter((action) => action.meetingId === row.id).map(({ owner, due }) => ({ owner, due })),
    })),
  };
}
