/**
 * What a team produced, read once for marking and for results alike: its answers, its decision log,
 * what was released to it and its meetings, in the shapes the scoring modules take.
 */
import type { Database } from '../db/database.js';
import { listReleasesForTeam } from '../injects/queries.js';
import { loadMeetingEvidence } from '../meetings/evidence.js';
import { toInstrumentAnswers } from '../workspace/answer-values.js';
import { listAnswers, listDecisions } from '../workspace/queries.js';
import type { Justification } from '../workspace/schema.js';
import type { AutomaticEvidence, DecisionLogEntry } from './automatic-scoring.js';

export type TeamEvidence = AutomaticEvidence & { decisions: ReadonlyArray<DecisionLogEntry & { justification: Justification }> };

export async function loadTeamEvidence(db: Database, teamId: string): Promise<TeamEvidence> {
  const [answers, decisions, releases, meetings] = await Promise.all([
    listAnswers(db, teamId),
    listDecisions(db, teamId),
    listReleasesForTeam(db, teamId),
    loadMeetingEvidence(db, teamId),
  ]);
  return {
    ...meetings,
    answers: toInstrumentAnswers(answers),
    decisions: decisions.map(({ decisionId, options, justification, recordedAt }) => ({ decisionId, options, justification, recordedAt })),
    releases: releases.map(({ kind, contentId, releasedAt }) => ({ kind, contentId, releasedAt })),
  };
}
