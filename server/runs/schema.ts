/** Shapes of the runs API, shared with the client. */
import { z } from 'zod';
import { PackVersion, Slug } from '../packs/schema.js';
import { refuseUnsafeName } from '../unsafe-text.js';
import { RunState } from './lifecycle.js';

export const CreateRunRequest = z
  .object({
    packId: Slug,
    version: PackVersion,
    cohortLabel: z
      .string()
      .trim()
      .min(1, 'Enter a cohort label, like PPU 2026')
      .max(100, 'Keep the cohort label under 100 characters')
      .superRefine(refuseUnsafeName('The cohort label')),
    exerciseDate: z.iso.date('Enter the exercise date as YYYY-MM-DD'),
    teams: z
      .array(
        z.object({
          name: z.string().trim().min(1, 'Enter a team name').max(60, 'Keep team names under 60 characters').superRefine(refuseUnsafeName('The team name')),
          scenarioId: Slug,
        }),
      )
      .min(1, 'Add at least one team')
      .max(20, 'A run can have at most 20 teams'),
    assessorIds: z.array(z.uuid()).max(50).default([]),
    /** 2 or more for double marking: marks stay blind until that many assessors have finished a team. */
    assessorsPerTeam: z.number().int().min(1, 'At least one assessor marks each team').max(10).default(1),
  })
  .meta({ id: 'CreateRunRequest' });
export type CreateRunRequest = z.infer<typeof CreateRunRequest>;
/** What a client sends: fields with defaults may be left out. */
export type CreateRunInput = z.input<typeof CreateRunRequest>;

export const RunTransitionRequest = z.object({ to: RunState }).meta({ id: 'RunTransitionRequest' });

export const RunDetail = z
  .object({
    id: z.uuid(),
    cohortLabel: z.string(),
    exerciseDate: z.iso.date(),
    state: RunState,
    /** Which states the run may move to next. */
    nextStates: z.array(RunState),
    joinCode: z.string(),
    pack: z.object({ packVersionId: z.uuid(), packId: z.string(), version: z.string(), title: z.string() }),
    teams: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        scenarioId: z.string(),
        scenarioTitle: z.string(),
        submittedAt: z.iso.datetime().nullable(),
      }),
    ),
    assessors: z.array(z.object({ id: z.uuid(), displayName: z.string(), email: z.string() })),
    assessorsPerTeam: z.number(),
    createdAt: z.iso.datetime(),
    wentLiveAt: z.iso.datetime().nullable(),
    closedAt: z.iso.datetime().nullable(),
    resultsReleasedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'RunDetail' });
export type RunDetail = z.infer<typeof RunDetail>;

export const RunListItem = RunDetail.pick({ id: true, cohortLabel: true, exerciseDate: true, state: true, joinCode: true, pack: true }).extend({
  teamCount: z.number(),
});
export type RunListItem = z.infer<typeof RunListItem>;

/** The run in every URL under /api/runs/:runId; the run scope adds it to each route's params. */
export const RunParams = z.object({ runId: z.uuid('is not a run id') });

/** A team of the run, in URLs under /api/runs/:runId/teams/:teamId. */
export const RunTeamParams = z.object({ teamId: z.uuid() });
