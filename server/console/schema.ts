/** The facilitator console's view of a run, shared with the client. */
import { z } from 'zod';
import { InjectTrigger } from '../packs/schema.js';
import { RunState } from '../runs/lifecycle.js';

export const ConsoleInject = z.object({
  id: z.string(),
  title: z.string(),
  from: z.string(),
  agency: z.string().optional(),
  trigger: InjectTrigger,
  /** The trigger in words, with the decision's question and options as teams see them. */
  triggerDescription: z.string(),
  microTeach: z.string().optional(),
  /** Why the inject exists; staff only. */
  facilitatorNote: z.string().optional(),
  releasedAt: z.iso.datetime().nullable(),
});

export const ConsoleTeam = z.object({
  id: z.uuid(),
  name: z.string(),
  scenarioId: z.string(),
  scenarioTitle: z.string(),
  /** At least one browser has joined as this team. */
  joined: z.boolean(),
  progress: z.object({ requiredAnswered: z.number(), requiredVisible: z.number() }),
  decisionsRecorded: z.number(),
  decisionPoints: z.number(),
  unreadReleases: z.number(),
  awaitingAgencyReplies: z.number(),
  lastActivityAt: z.iso.datetime().nullable(),
  submittedAt: z.iso.datetime().nullable(),
  injects: z.array(ConsoleInject),
  microTeachesReleased: z.array(z.string()),
  /** Research the pack holds back from this team's scenario, and whether the team has it yet. */
  research: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      /** The agency whose assessor may release it when the team asks; absent: facilitators only. */
      releasedOnRequest: z.string().optional(),
      releasedAt: z.iso.datetime().nullable(),
    }),
  ),
});
export type ConsoleTeam = z.infer<typeof ConsoleTeam>;

export const RunConsole = z
  .object({
    run: z.object({ id: z.uuid(), cohortLabel: z.string(), state: RunState, joinCode: z.string(), wentLiveAt: z.iso.datetime().nullable() }),
    agencies: z.array(z.object({ id: z.string(), name: z.string() })),
    microTeaches: z.array(z.object({ id: z.string(), title: z.string(), summary: z.string() })),
    teams: z.array(ConsoleTeam),
  })
  .meta({ id: 'RunConsole' });
export type RunConsole = z.infer<typeof RunConsole>;

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** The most teams one refresh of the board asks for; a board with more changed refetches the console. */
export const MAX_CONSOLE_TEAMS_PER_REQUEST = 50;

export const ConsoleTeamsQuery = z.object({
  teamIds: z
    .string()
    .regex(new RegExp(`^${UUID}(,${UUID}){0,${MAX_CONSOLE_TEAMS_PER_REQUEST - 1}}$`), `Give between 1 and ${MAX_CONSOLE_TEAMS_PER_REQUEST} team ids, separated by commas`),
});

export const ConsoleTeams = z.object({ teams: z.array(ConsoleTeam) }).meta({ id: 'ConsoleTeams' });
