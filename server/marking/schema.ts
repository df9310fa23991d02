/** Shapes of the marking API, shared with the client. */
import { z } from 'zod';
import { MeetingRecord } from '../meetings/schema.js';
import { CriterionKind } from '../packs/schema.js';

export const MarkRequest = z
  .object({
    levelId: z.string().min(1, 'Choose a level'),
    comment: z.string().max(5000, 'Keep the comment under 5000 characters').default(''),
  })
  .meta({ id: 'MarkRequest' });

export const AssessorMark = z.object({
  assessorId: z.uuid(),
  assessorName: z.string(),
  levelId: z.string(),
  points: z.number(),
  comment: z.string(),
  updatedAt: z.iso.datetime(),
});

export const MarkingCriterion = z.object({
  id: z.string(),
  objectiveId: z.string(),
  objective: z.string(),
  title: z.string(),
  description: z.string(),
  kind: CriterionKind,
  /** The decision whose justification the assessor reads, if any. */
  decisionId: z.string().nullable(),
  levels: z.array(z.object({ id: z.string(), label: z.string(), descriptor: z.string(), points: z.number() })),
  maxPoints: z.number(),
  /** Automatic criteria: what the rules awarded, and why. */
  automatic: z.object({ points: z.number(), explanation: z.string() }).nullable(),
  mine: AssessorMark.nullable(),
  /** Other assessors' marks: empty until every required assessor has finished (blind marking). */
  others: z.array(AssessorMark),
  moderated: z
    .object({ levelId: z.string(), points: z.number(), reason: z.string(), moderatedBy: z.string(), moderatedAt: z.iso.datetime() })
    .nullable(),
});

export const TeamMarking = z
  .object({
    team: z.object({ id: z.uuid(), name: z.string(), scenarioId: z.string(), scenarioTitle: z.string(), submittedAt: z.iso.datetime().nullable() }),
    evidence: z.object({
      band: z.object({ id: z.string(), label: z.string() }).nullable(),
      answers: z.array(z.object({ itemId: z.string(), label: z.string(), answer: z.string() })),
      decisions: z.array(
        z.object({
          decisionId: z.string(),
          question: z.string(),
          chosen: z.array(z.string()),
          justification: z.record(z.string(), z.string()),
          recordedAt: z.iso.datetime(),
        }),
      ),
      /** The team's meetings with their records, for criteria that mark how a meeting was run. */
      meetings: z.array(MeetingRecord),
    }),
    criteria: z.array(MarkingCriterion),
    completion: z.object({
      /** When I finished marking this team; null while I am still marking. */
      mine: z.iso.datetime().nullable(),
      finished: z.number(),
      required: z.number(),
      /** Every required assessor has finished: marks are visible to each other. */
      unblinded: z.boolean(),
      /** I am one of the run's assessors and may mark. */
      canMark: z.boolean(),
    }),
  })
  .meta({ id: 'TeamMarking' });
export type TeamMarking = z.infer<typeof TeamMarking>;

/** Every team of a run with where my marking of it stands: what the marking list shows, in one request. */
export const RunMarking = z
  .object({
    teams: z.array(
      z.object({
        id: z.uuid(),
        /** The same as the team's completion.canMark. */
        canMark: z.boolean(),
        /** Finished once I finished the team; in progress once I gave any mark. */
        mine: z.enum(['not-started', 'in-progress', 'finished']),
        finished: z.number(),
        required: z.number(),
      }),
    ),
  })
  .meta({ id: 'RunMarking' });
export type RunMarking = z.infer<typeof RunMarking>;

const PairAgreement = z.object({
  assessors: z.tuple([z.string(), z.string()]),
  items: z.number(),
  percentAgreement: z.number().nullable(),
  /** Cohen's kappa with quadratic weights (levels are ordered). */
  kappa: z.number().nullable(),
  /** How many different levels each assessor gave on the marks compared. */
  levelsUsed: z.tuple([z.number(), z.number()]),
});

export const RunAgreementResponse = z
  .object({
    teamsCompared: z.number(),
    teamsStillMarking: z.number(),
    overall: z.object({ pairs: z.array(PairAgreement), fleissKappa: z.number().nullable() }),
    criteria: z.array(z.object({ criterionId: z.string(), title: z.string(), pairs: z.array(PairAgreement), fleissKappa: z.number().nullable() })),
    disagreements: z.array(
      z.object({
        teamId: z.uuid(),
        teamName: z.string(),
        criterionId: z.string(),
        title: z.string(),
        marks: z.array(z.object({ assessor: z.string(), level: z.string() })),
        moderated: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'RunAgreement' });

export const ModerationRequest = z
  .object({
    levelId: z.string().min(1, 'Choose the final level'),
    reason: z.string().trim().min(1, 'Give the reason for the final mark').max(2000, 'Keep the reason under 2000 characters'),
  })
  .meta({ id: 'ModerationRequest' });
