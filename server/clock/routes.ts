/** HTTP for the exercise clock of a run: read it with its timeline, pause, resume, move one inject. */
import { ErrorResponse } from '../http/error-shape.js';
import type { FeatureRoutes } from '../http/route-deps.js';
import { staffRunOf } from '../runs/run-scope.js';
import { ClockPauseRequest, ExerciseClock, InjectShiftRequest } from './schema.js';
import { describeClock, pauseClock, resumeClock, shiftInject } from './service.js';

/** Under /api/runs/:runId. */
export const clockRoutes: FeatureRoutes = async (app, { db, packs, clock }) => {
  app.get(
    '/clock',
    {
      config: { access: 'run-staff' },
      schema: {
        tags: ['clock'],
        summary: 'The exercise clock (time live, pauses excluded) and the timeline of what the clock fires when',
        response: { 200: ExerciseClock, 404: ErrorResponse },
      },
    },
    async (request) => describeClock(db, staffRunOf(request), clock()),
  );

  app.post(
    '/clock/pause',
    {
      config: { access: 'run-staff' },
      schema: {
        tags: ['clock'],
        summary: 'Pause the exercise: nothing timed fires and teams see that it is paused (undone by resuming)',
        body: ClockPauseRequest,
        response: { 200: ExerciseClock, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request) => pauseClock(db, staffRunOf(request), request.body, clock()),
  );

  app.post(
    '/clock/resume',
    {
      config: { access: 'run-staff' },
      schema: {
        tags: ['clock'],
        summary: 'Resume the exercise: every timed inject moves later by the length of the pause',
        body: ClockPauseRequest,
        response: { 200: ExerciseClock, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request) => resumeClock(db, staffRunOf(request), request.body, clock()),
  );

  app.post(
    '/clock/shifts',
    {
      config: { access: 'run-staff' },
      schema: {
        tags: ['clock'],
        summary: 'Move one timed inject of a scenario: earlier or later by some minutes, now, or skip it (confirm; cannot be undone)',
        body: InjectShiftRequest,
        response: { 200: ExerciseClock, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request) => shiftInject(db, packs, staffRunOf(request), request.body, clock()),
  );
};
