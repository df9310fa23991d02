/** Shapes of the team join and team session API, shared with the client. */
import { z } from 'zod';
import { TeamScenarioView } from '../packs/views.js';
import { RunState } from '../runs/lifecycle.js';

export const JoinCode = z
  .string()
  .trim()
  .min(1, 'Enter the join code')
  .max(20, 'Enter the join code, like K7P-2QM')
  .meta({ description: 'As shown to teams; spaces, dashes and case do not matter' });

export const FindRunByCodeRequest = z.object({ joinCode: JoinCode }).meta({ id: 'FindRunByCodeRequest' });

export const JoinableRun = z
  .object({
    cohortLabel: z.string(),
    exerciseDate: z.iso.date(),
    teams: z.array(z.object({ id: z.uuid(), name: z.string() })),
    /** Set when the code typed is one team's own code: it joins that team only. */
    team: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  })
  .meta({ id: 'JoinableRun' });
export type JoinableRun = z.infer<typeof JoinableRun>;

export const JoinTeamRequest = z.object({ joinCode: JoinCode, teamId: z.uuid('Choose your team') }).meta({ id: 'JoinTeamRequest' });
export type JoinTeamRequest = z.infer<typeof JoinTeamRequest>;

export const TeamSession = z
  .object({
    team: z.object({ id: z.uuid(), name: z.string(), joinCode: z.string() }),
    run: z.object({
      id: z.uuid(),
      cohortLabel: z.string(),
      exerciseDate: z.iso.date(),
      state: RunState,
      /** A facilitator has paused the exercise: nothing timed arrives until it resumes. */
      paused: z.boolean(),
    }),
    /** Send back as the X-CSRF-Token header on every request that changes something. */
    csrfToken: z.string(),
  })
  .meta({ id: 'TeamSession' });
export type TeamSession = z.infer<typeof TeamSession>;

/** A normal answer either way: the holding screen until the run is live, then the scenario. */
export const TeamScenarioResponse = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('waiting') }),
    z.object({ status: z.literal('ready'), scenario: TeamScenarioView }),
  ])
  .meta({ id: 'TeamScenarioResponse' });
export type TeamScenarioResponse = z.infer<typeof TeamScenarioResponse>;

export const EndedTeamDevices = z.object({ endedSessions: z.number().int() }).meta({ id: 'EndedTeamDevices' });
