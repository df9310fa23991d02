/**
 * The exercise clock of a live run: what it reads and what fires when, pausing and resuming it, and
 * moving one of its injects. Every change is audited and heard live by the run's teams and consoles.
 */
import { insertAuditEntry } from '../audit/queries.js';
import type { Database } from '../db/database.js';
import { conflict, DomainError, invalidField } from '../errors.js';
import { exerciseSeconds, packMinuteOf } from '../injects/exercise-clock.js';
import { listReleasesForRun, listShiftsOfRun } from '../injects/queries.js';
import { releaseDueTimedInjects } from '../injects/releases.js';
import { describeContent } from '../injects/content.js';
import { publish } from '../live/queries.js';
import { findScenario } from '../packs/lookups.js';
import type { PackVersions } from '../packs/pack-versions.js';
import { listTeamsOfRun } from '../runs/queries.js';
import type { StaffRun } from '../runs/staff-run.js';
import { findRunClock, lockRunClock, markInjectSkipped, setRunPaused, setRunResumed, upsertInjectShift } from './queries.js';
import type { ClockPauseRequest, ExerciseClock, InjectShiftRequest } from './schema.js';
import { buildTimeline, listHeldBackResearch } from './timeline.js';

export async function describeClock(db: Database, run: StaffRun, now: Date): Promise<ExerciseClock> {
  const [clock, teams, releases, shifts] = await Promise.all([
    findRunClock(db, run.id),
    listTeamsOfRun(db, run.id),
    listReleasesForRun(db, run.id),
    listShiftsOfRun(db, run.id),
  ]);
  const elapsedSeconds = clock.wentLiveAt ? exerciseSeconds({ wentLiveAt: clock.wentLiveAt, pausedAt: clock.pausedAt, pausedSeconds: clock.pausedSeconds }, now) : null;
  const teamOf = new Map(teams.map((team) => [team.id, team]));
  return {
    runState: clock.state,
    wentLiveAt: clock.wentLiveAt?.toISOString() ?? null,
    pausedAt: clock.pausedAt?.toISOString() ?? null,
    pausedSeconds: clock.pausedSeconds,
    elapsedSeconds,
    now: now.toISOString(),
    timeline: buildTimeline({ pack: run.pack, teams, releases, shifts, elapsedSeconds }),
    research: listHeldBackResearch({ pack: run.pack, teams, releases }),
    released: releases.flatMap((release) => {
      const team = teamOf.get(release.teamId);
      const scenario = team && findScenario(run.pack, team.scenarioId);
      if (!team || !scenario) return [];
      const content = describeContent(run.pack, scenario, release.kind, release.contentId);
      return [
        {
          teamId: team.id,
          teamName: team.name,
          title: content?.title ?? release.contentId,
          kind: release.kind,
          trigger: release.trigger,
          releasedAt: release.releasedAt.toISOString(),
        },
      ];
    }),
  };
}

/** Pauses a live run's clock: nothing timed fires until it resumes. Undone by resuming. */
export async function pauseClock(db: Database, run: StaffRun, request: ClockPauseRequest, now: Date): Promise<ExerciseClock> {
  await db.transaction().execute(async (trx) => {
    const clock = await lockRunClock(trx, run.id);
    if (clock.state !== 'live') throw conflict('run_not_live', 'The exercise clock can be paused only while the run is live.');
    if (clock.pausedAt) throw conflict('already_paused', 'The exercise is already paused. Resume it to start the clock again.');
    await setRunPaused(trx, run.id, now);
    await insertAuditEntry(trx, {
      runId: run.id,
      actor: { kind: 'staff', userId: run.caller.staff.userId },
      action: 'clock.pause',
      subject: `run:${run.id}`,
      after: { pausedAt: now.toISOString() },
      reason: request.reason ?? null,
    });
    await publish(trx, { type: 'run-clock', runId: run.id, paused: true });
  });
  return describeClock(db, run, now);
}

/** Resumes a paused run: every timed inject is later by the length of the pause, because the clock stood still. */
export async function resumeClock(db: Database, run: StaffRun, request: ClockPauseRequest, now: Date): Promise<ExerciseClock> {
  await db.transaction().execute(async (trx) => {
    const clock = await lockRunClock(trx, run.id);
    if (clock.state !== 'live') throw conflict('run_not_live', 'The exercise clock can be resumed only while the run is live.');
    if (!clock.pausedAt) throw conflict('not_paused', 'The exercise is not paused.');
    const pauseSeconds = Math.max(0, Math.floor((now.getTime() - clock.pausedAt.getTime()) / 1000));
    await setRunResumed(trx, run.id, pauseSeconds);
    await insertAuditEntry(trx, {
      runId: run.id,
      actor: { kind: 'staff', userId: run.caller.staff.userId },
      action: 'clock.resume',
      subject: `run:${run.id}`,
      before: { pausedAt: clock.pausedAt.toISOString() },
      after: { pauseSeconds },
      reason: request.reason ?? null,
    });
    await publish(trx, { type: 'run-clock', runId: run.id, paused: false });
  });
  return describeClock(db, run, now);
}

/**
 * Moves one inject of one scenario on the exercise clock: earlier or later by some minutes, due now
 * (released at once unless the run is paused), or skipped for good, which needs `confirm: true`.
 */
export async function shiftInject(db: Database, packs: PackVersions, run: StaffRun, request: InjectShiftRequest, now: Date): Promise<ExerciseClock> {
  const scenario = findScenario(run.pack, request.scenarioId);
  if (!scenario) throw invalidField('body.scenarioId', `The pack has no scenario "${request.scenarioId}"`);
  const inject = scenario.injects.find((candidate) => candidate.id === request.injectId);
  if (!inject) throw invalidField('body.injectId', `Scenario "${scenario.title}" has no inject "${request.injectId}"`);
  const packMinute = packMinuteOf(inject);
  if (packMinute === undefined) {
    throw invalidField('body.injectId', `"${inject.title}" is not released by the clock (it is released by hand or by a decision), so it cannot be moved`);
  }
  if ((request.action === 'earlier' || request.action === 'later') && request.minutes === undefined) {
    throw invalidField('body.minutes', `Say how many minutes ${request.action} to move "${inject.title}"`);
  }
  if (request.action === 'skip' && request.confirm !== true) {
    throw new DomainError(
      'conflict',
      'confirmation_required',
      `Skipping "${inject.title}" cannot be undone: no team of scenario "${scenario.title}" will get it from the clock. Confirm to skip it.`,
    );
  }
  const key = { runId: run.id, scenarioId: scenario.id, injectId: inject.id };
  const paused = await db.transaction().execute(async (trx) => {
    const clock = await lockRunClock(trx, run.id);
    if (clock.state !== 'live' || !clock.wentLiveAt) throw conflict('run_not_live', 'Injects can be moved only while the run is live.');
    const shift = (await listShiftsOfRun(trx, run.id)).find((candidate) => candidate.scenarioId === scenario.id && candidate.injectId === inject.id);
    if (shift?.skippedAt) throw conflict('inject_skipped', `"${inject.title}" was skipped, which cannot be undone; release it by hand from the console instead.`);
    const before = shift?.shiftSeconds ?? 0;
    const elapsed = exerciseSeconds({ wentLiveAt: clock.wentLiveAt, pausedAt: clock.pausedAt, pausedSeconds: clock.pausedSeconds }, now);
    let after = before;
    if (request.action === 'skip') {
      await markInjectSkipped(trx, key, now);
    } else {
      const minutes = request.minutes ?? 0;
      after = request.action === 'earlier' ? before - minutes * 60 : request.action === 'later' ? before + minutes * 60 : elapsed - packMinute * 60;
      await upsertInjectShift(trx, key, after);
    }
    await insertAuditEntry(trx, {
      runId: run.id,
      actor: { kind: 'staff', userId: run.caller.staff.userId },
      action: `clock.${request.action}`,
      subject: `run:${run.id}/inject:${inject.id}`,
      before: { scenarioId: scenario.id, shiftSeconds: before },
      after: request.action === 'skip' ? { scenarioId: scenario.id, skipped: true } : { scenarioId: scenario.id, shiftSeconds: after, minutes: request.minutes ?? null },
      reason: request.reason ?? null,
    });
    await publish(trx, { type: 'run-clock', runId: run.id, paused: clock.pausedAt !== null });
    return clock.pausedAt !== null;
  });
  // Moved to now or earlier than the clock: released straight away, not at the next tick.
  if (!paused && request.action !== 'skip') await releaseDueTimedInjects(db, packs, now, run.id);
  return describeClock(db, run, now);
}
