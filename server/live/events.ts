/** The live events teams and facilitator consoles receive, and the topics they travel on. */
import { z } from 'zod';
import { RunState } from '../runs/lifecycle.js';

export const LiveEvent = z.discriminatedUnion('type', [
  /** Something was released to a team: fetch the feed again. */
  z.object({ type: z.literal('release'), runId: z.uuid(), teamId: z.uuid(), releaseId: z.uuid() }),
  /** The run moved to another state (e.g. went live: the holding screen gives way to the scenario). */
  z.object({ type: z.literal('run-state'), runId: z.uuid(), state: RunState }),
  /** The exercise clock was paused, resumed or one of its injects moved: teams show or clear the paused banner, consoles refresh the timeline. */
  z.object({ type: z.literal('run-clock'), runId: z.uuid(), paused: z.boolean() }),
  /** A message in a team's thread with an agency (either direction). */
  z.object({ type: z.literal('agency-message'), runId: z.uuid(), teamId: z.uuid(), agencyId: z.string() }),
  /**
   * A team's work changed (answers, decisions, submission): consoles refresh their board. A saved
   * answer names its item and new revision, so the team's screen that saved it can tell its own echo.
   */
  z.object({
    type: z.literal('team-work'),
    runId: z.uuid(),
    teamId: z.uuid(),
    answer: z.object({ itemId: z.string(), revision: z.number().int() }).optional(),
  }),
  /** A team's meeting was convened, its record or details changed, or it closed. */
  z.object({ type: z.literal('meeting'), runId: z.uuid(), teamId: z.uuid(), meetingId: z.uuid() }),
  /** Notifications may have been missed (the listener reconnected): fetch everything again. */
  z.object({ type: z.literal('resync') }),
  /** Sessions that ended (signed out, ended by a facilitator): every instance closes their streams. Never sent to clients. */
  z.object({ type: z.literal('sessions-ended'), sessions: z.array(z.string()) }),
]);
export type LiveEvent = z.infer<typeof LiveEvent>;

export const teamTopic = (teamId: string) => `team:${teamId}`;
export const runTopic = (runId: string) => `run:${runId}`;
/** What every team of a run hears (the run going live, closing …), without other teams' details. */
export const runTeamsTopic = (runId: string) => `run-teams:${runId}`;

/** Every topic an event concerns: the team's own stream and its run's console. */
export function topicsOf(event: LiveEvent): string[] {
  switch (event.type) {
    case 'release':
    case 'agency-message':
    case 'team-work':
    case 'meeting':
      return [teamTopic(event.teamId), runTopic(event.runId)];
    case 'run-state':
    case 'run-clock':
      return [runTopic(event.runId), runTeamsTopic(event.runId)];
    case 'resync':
    case 'sessions-ended':
      return [];
  }
}
