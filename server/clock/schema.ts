/** Shapes of the exercise clock API (the console's clock and timeline, pause, resume, shifts), shared with the client. */
import { z } from 'zod';
import { ReleaseTrigger } from '../injects/schema.js';
import { RunState } from '../runs/lifecycle.js';

export const TimelineTeam = z.object({
  teamId: z.uuid(),
  teamName: z.string(),
  /** When the inject reached this team; null while it has not. */
  releasedAt: z.iso.datetime().nullable(),
  trigger: ReleaseTrigger.nullable(),
});

/** An inject of a scenario the clock fires: a timed one, or a "not done by" one. */
export const TimelineEntry = z.object({
  scenarioId: z.string(),
  scenarioTitle: z.string(),
  injectId: z.string(),
  title: z.string(),
  kind: z.enum(['timed', 'not-done-by']),
  /** The trigger in words, e.g. "if the team has not recorded 'Refer to CSC?' by then". */
  triggerDescription: z.string(),
  /** The minute the pack gives it on the exercise clock. */
  packMinute: z.number().int(),
  /** What facilitators have moved it by, in seconds (negative: earlier). */
  shiftSeconds: z.number().int(),
  skipped: z.boolean(),
  /** When it falls due on the exercise clock, in seconds; null when skipped. */
  dueSeconds: z.number().int().nullable(),
  /** Seconds of exercise time until it falls due (0 once due); null when skipped. */
  dueInSeconds: z.number().int().nullable(),
  /** The teams playing the scenario, and whether it has reached each. */
  teams: z.array(TimelineTeam),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const ExerciseClock = z
  .object({
    runState: RunState,
    wentLiveAt: z.iso.datetime().nullable(),
    /** Set while the exercise is paused. */
    pausedAt: z.iso.datetime().nullable(),
    /** Seconds of pauses already over. */
    pausedSeconds: z.number().int(),
    /** Seconds on the exercise clock (time live, pauses excluded); null before the run goes live. */
    elapsedSeconds: z.number().int().nullable(),
    /** The server's time of this answer, so countdowns do not depend on the browser's clock. */
    now: z.iso.datetime(),
    /** Every inject the clock fires, soonest first; skipped ones last. */
    timeline: z.array(TimelineEntry),
    /** Research the pack holds back, per scenario in play, and which teams have it. */
    research: z.array(
      z.object({
        scenarioId: z.string(),
        scenarioTitle: z.string(),
        profileId: z.string(),
        title: z.string(),
        /** The agency (the analyst) whose assessor can release it when a team asks; null: facilitators only. */
        releasedOnRequestBy: z.string().nullable(),
        teams: z.array(z.object({ teamId: z.uuid(), teamName: z.string(), releasedAt: z.iso.datetime().nullable() })),
      }),
    ),
    /** What the teams have been sent so far (the release log), newest first. */
    released: z.array(
      z.object({
        teamId: z.uuid(),
        teamName: z.string(),
        title: z.string(),
        kind: z.string(),
        trigger: ReleaseTrigger,
        releasedAt: z.iso.datetime(),
      }),
    ),
  })
  .meta({ id: 'ExerciseClock' });
export type ExerciseClock = z.infer<typeof ExerciseClock>;

export const ClockPauseRequest = z
  .object({ reason: z.string().trim().max(500, 'Keep the reason under 500 characters').optional() })
  .meta({ id: 'ClockPauseRequest' });
export type ClockPauseRequest = z.infer<typeof ClockPauseRequest>;

const minutes = z
  .number()
  .int('Give a whole number of minutes')
  .min(1, 'Move it by at least 1 minute')
  .max(240, 'Move it by at most 240 minutes (4 hours)');

/**
 * One facilitator action on one inject of one scenario: earlier or later by some minutes, due now,
 * or skipped. Skipping cannot be undone, so it needs `confirm: true`.
 */
export const InjectShiftRequest = z
  .object({
    scenarioId: z.string().min(1),
    injectId: z.string().min(1),
    action: z.enum(['earlier', 'later', 'now', 'skip']),
    /** For earlier and later. */
    minutes: minutes.optional(),
    /** Skipping: the facilitator has been told it cannot be undone. */
    confirm: z.boolean().optional(),
    reason: z.string().trim().max(500, 'Keep the reason under 500 characters').optional(),
  })
  .meta({ id: 'InjectShiftRequest' });
export type InjectShiftRequest = z.infer<typeof InjectShiftRequest>;
