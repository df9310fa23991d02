/** Shapes of the runs API, shared with the client. */
import { z } from 'zod';
import { PackVersion, Slug } from '../packs/schema.js';
import { refuseUnsafeName } from '../unsafe-text.js';
import { RunState } from './lifecycle.js';

const RunSetUp = z.object({
    cohortLabel: z
      .string()
      .trim()
      .min(1, 'Enter a cohort label, like PPU 2026')
      .max(100, 'Keep the cohort label under 100 characters')
      .superRefine(refuseUnsafeName('The cohort label')),
    // Year 0 and the like are typing slips (and not dates PostgreSQL stores); an exercise is run this century.
    exerciseDate: z.iso
      .date('Enter the exercise date as YYYY-MM-DD')
      .refine((date) => date >= '2000-01-01' && date <= '2099-12-31', {
        message: 'Enter an exercise date between 2000 and 2099',
        // Not for a date that is not YYYY-MM-DD: that message says enough.
        when: (payload) => payload.issues.length === 0,
      }),
    teams: z
      .array(
        z.object({
          /** Editing a draft: the team this entry keeps (left out for a new team). */
          id: z.uuid().optional(),
          name: z.string().trim().min(1, 'Enter a team name').max(60, 'Keep team names under 60 characters').superRefine(refuseUnsafeName('The team name')),
          scenarioId: Slug,
          /** Assessors of the run who mark this team; empty: any of the run's assessors may. */
          assessorIds: z.array(z.uuid()).max(50).default([]),
        }),
      )
      .min(1, 'Add at least one team')
      .max(20, 'A run can have at most 20 teams'),
    assessorIds: z.array(z.uuid()).max(50).default([]),
    /** 2 or more for double marking: marks stay blind until that many assessors have finished a team. */
    assessorsPerTeam: z.number().int().min(1, 'At least one assessor marks each team').max(10).default(1),
  });

export const CreateRunRequest = RunSetUp.extend({ packId: Slug, version: PackVersion }).meta({ id: 'CreateRunRequest' });
export type CreateRunRequest = z.infer<typeof CreateRunRequest>;
/** What a client sends: fields with defaults may be left out. */
export type CreateRunInput = z.input<typeof CreateRunRequest>;

/** Changing a draft run: its label, date, teams, scenarios and assessors (the pack version stays). */
export const UpdateRunRequest = RunSetUp.meta({ id: 'UpdateRunRequest' });
export type UpdateRunRequest = z.infer<typeof UpdateRunRequest>;
export type RunSetUp = z.infer<typeof RunSetUp>;

/** Next year's rerun: a new draft with the same teams and assessors, on the latest version of the pack unless another is chosen. */
export const DuplicateRunRequest = z
  .object({
    cohortLabel: RunSetUp.shape.cohortLabel,
    exerciseDate: RunSetUp.shape.exerciseDate,
    version: PackVersion.optional(),
  })
  .meta({ id: 'DuplicateRunRequest' });
export type DuplicateRunRequest = z.infer<typeof DuplicateRunRequest>;

export const DeleteRunRequest = z
  .object({ confirm: z.literal(true, 'Confirm that the draft run should be deleted') })
  .meta({ id: 'DeleteRunRequest' });

export const RunTransitionRequest = z
  .object({
    to: RunState,
    /** Closing ends the exercise for every team: the lead has seen the readiness summary and confirms. */
    confirm: z.boolean().optional(),
    /** Releasing before marking is complete: results are shown as provisional, and this reason is kept in the audit log. */
    provisionalReason: z.string().trim().min(1, 'Say why results are released before marking is complete').max(500).optional(),
  })
  .meta({ id: 'RunTransitionRequest' });
export type RunTransitionRequest = z.infer<typeof RunTransitionRequest>;

export const RunReadiness = z
  .object({
    close: z.object({
      ready: z.boolean(),
      teamsNotSubmitted: z.array(z.object({ id: z.uuid(), name: z.string() })),
      unansweredRequests: z.array(z.object({ teamId: z.uuid(), teamName: z.string(), agencyName: z.string() })),
    }),
    release: z.object({
      ready: z.boolean(),
      teamsNotFullyMarked: z.array(z.object({ id: z.uuid(), name: z.string(), finished: z.number(), required: z.number() })),
      unmoderatedDisagreements: z.array(z.object({ teamId: z.uuid(), teamName: z.string(), criterionTitle: z.string() })),
    }),
  })
  .meta({ id: 'RunReadiness' });
export type RunReadiness = z.infer<typeof RunReadiness>;

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
        /** The team's own code: joins this team on another device (the run's code joins only a team nobody has joined). */
        joinCode: z.string(),
        /** Assessors assigned to this team; empty: any of the run's assessors. */
        assessorIds: z.array(z.uuid()),
      }),
    ),
    assessors: z.array(z.object({ id: z.uuid(), displayName: z.string(), email: z.string() })),
    assessorsPerTeam: z.number(),
    createdAt: z.iso.datetime(),
    wentLiveAt: z.iso.datetime().nullable(),
    closedAt: z.iso.datetime().nullable(),
    resultsReleasedAt: z.iso.datetime().nullable(),
    /** Released before marking was complete; teams and reports say so. */
    resultsProvisional: z.boolean(),
  })
  .meta({ id: 'RunDetail' });
export type RunDetail = z.infer<typeof RunDetail>;

export const RunListItem = RunDetail.pick({ id: true, cohortLabel: true, exerciseDate: true, state: true, joinCode: true, pack: true }).extend({
  teamCount: z.number(),
});
export type RunListItem = z.infer<typeof RunListItem>;

/** A page of the runs list: the latest first, `limit` at a time, each page after the last run of the one before. */
export const RunListQuery = z.object({
  limit: z.coerce.number().int().min(1, 'Ask for at least 1 run').max(200, 'Ask for at most 200 runs at a time').default(50),
  /** The last run of the previous page (its `next`); leave out for the first page. */
  after: z.uuid('Give the id of the last run of the previous page').optional(),
});
export type RunListQuery = z.infer<typeof RunListQuery>;

export const RunList = z
  .object({
    runs: z.array(RunListItem),
    /** Pass as `after` for the next page; null on the last page. */
    next: z.uuid().nullable(),
  })
  .meta({ id: 'RunList' });
export type RunList = z.infer<typeof RunList>;

/** The run in every URL under /api/runs/:runId; the run scope adds it to each route's params. */
export const RunParams = z.object({ runId: z.uuid('is not a run id') });

/** A team of the run, in URLs under /api/runs/:runId/teams/:teamId. */
export const RunTeamParams = z.object({ teamId: z.uuid() });
