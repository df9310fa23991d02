/** The console's timeline: every inject the clock fires, per scenario in play, with its countdown and the teams it has reached. Pure. */
import { describeTrigger } from '../console/board.js';
import { dueSecondsOf, packMinuteOf, shiftLookup, type InjectShift } from '../injects/exercise-clock.js';
import type { ReleaseTrigger } from '../injects/schema.js';
import type { Pack } from '../packs/schema.js';
import type { ExerciseClock, TimelineEntry } from './schema.js';

export interface TimelineInput {
  pack: Pack;
  teams: ReadonlyArray<{ id: string; name: string; scenarioId: string }>;
  releases: ReadonlyArray<{ teamId: string; kind: string; contentId: string; trigger: ReleaseTrigger; releasedAt: Date }>;
  shifts: readonly InjectShift[];
  /** Seconds on the exercise clock; null before the run went live. */
  elapsedSeconds: number | null;
}

export function buildTimeline({ pack, teams, releases, shifts, elapsedSeconds }: TimelineInput): TimelineEntry[] {
  const shiftOf = shiftLookup(shifts);
  const released = new Map(releases.filter((release) => release.kind === 'inject').map((release) => [`${release.teamId}/${release.contentId}`, release]));
  const entries = pack.scenarios
    .filter((scenario) => teams.some((team) => team.scenarioId === scenario.id))
    .flatMap((scenario) =>
      scenario.injects.flatMap((inject): TimelineEntry[] => {
        const packMinute = packMinuteOf(inject);
        if (packMinute === undefined) return [];
        const shift = shiftOf(scenario.id, inject.id);
        const dueSeconds = dueSecondsOf(inject, shift) ?? null;
        return [
          {
            scenarioId: scenario.id,
            scenarioTitle: scenario.title,
            injectId: inject.id,
            title: inject.title,
            kind: inject.trigger.type === 'not-done-by' ? 'not-done-by' : 'timed',
            triggerDescription: describeTrigger(inject.trigger, scenario),
            packMinute,
            shiftSeconds: shift?.shiftSeconds ?? 0,
            skipped: Boolean(shift?.skippedAt),
            dueSeconds,
            dueInSeconds: dueSeconds === null ? null : Math.max(0, dueSeconds - (elapsedSeconds ?? 0)),
            teams: teams
              .filter((team) => team.scenarioId === scenario.id)
              .map((team) => {
                const release = released.get(`${team.id}/${inject.id}`);
                return { teamId: team.id, teamName: team.name, releasedAt: release?.releasedAt.toISOString() ?? null, trigger: release?.trigger ?? null };
              }),
          },
        ];
      }),
    );
  // Soonest first; skipped ones at the end, in pack order.
  return entries.sort((a, b) => (a.dueSeconds ?? Number.MAX_SAFE_INTEGER) - (b.dueSeconds ?? Number.MAX_SAFE_INTEGER));
}

/** Held-back research of the scenarios in play, with the teams it has been released to. */
export function listHeldBackResearch({ pack, teams, releases }: Pick<TimelineInput, 'pack' | 'teams' | 'releases'>): ExerciseClock['research'] {
  const released = new Map(releases.filter((release) => release.kind === 'research').map((release) => [`${release.teamId}/${release.contentId}`, release.releasedAt]));
  return pack.scenarios
    .filter((scenario) => teams.some((team) => team.scenarioId === scenario.id))
    .flatMap((scenario) =>
      scenario.profiles
        .filter((profile) => profile.heldBack)
        .map((profile) => ({
          scenarioId: scenario.id,
          scenarioTitle: scenario.title,
          profileId: profile.id,
          title: profile.title,
          releasedOnRequestBy: profile.releasedOnRequest ? (pack.meta.agencies.find((agency) => agency.id === profile.releasedOnRequest)?.name ?? null) : null,
          teams: teams
            .filter((team) => team.scenarioId === scenario.id)
            .map((team) => ({ teamId: team.id, teamName: team.name, releasedAt: released.get(`${team.id}/${profile.id}`)?.toISOString() ?? null })),
        })),
    );
}
