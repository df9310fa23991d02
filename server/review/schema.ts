/** Shapes of the review API (run review, year over year, survey, improvement plan), shared with the client. */
import { z } from 'zod';
import { CriterionKind, Slug } from '../packs/schema.js';
import { RunState } from '../runs/lifecycle.js';

const BandRef = z.object({ id: z.string(), label: z.string() });

export const BandComparison = z.enum(['exact', 'higher', 'lower', 'not-answered']);

export const ReviewFigures = z.object({
  status: z.object({
    /** True until the run is closed, every team's marking is finished and every flagged disagreement moderated. */
    provisional: z.boolean(),
    reasons: z.array(z.string()),
    teamsStillMarking: z.number(),
    disagreementsNotModerated: z.number(),
  }),
  objectives: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      /** Share of the objective's points (0–1) a team needs to meet it. */
      threshold: z.number(),
      teamsAssessed: z.number(),
      teamsMeeting: z.number(),
      meanPercent: z.number().nullable(),
      lowestPercent: z.number().nullable(),
      highestPercent: z.number().nullable(),
    }),
  ),
  criteria: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      objectiveId: z.string(),
      kind: CriterionKind,
      teamsAssessed: z.number(),
      /** Mean share of the points as a percentage: lower is harder. */
      meanPercent: z.number().nullable(),
      lowestPercent: z.number().nullable(),
      highestPercent: z.number().nullable(),
      teamsMeeting: z.number(),
      nobodyMet: z.boolean(),
    }),
  ),
  teams: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      scenarioId: z.string(),
      scenarioTitle: z.string(),
      percent: z.number(),
      chosenBand: BandRef.nullable(),
      expectedBand: BandRef,
      band: BandComparison,
      hints: z.number(),
      challenges: z.number(),
      agencyRequests: z.number(),
      markingFinished: z.boolean(),
    }),
  ),
  decisions: z.array(
    z.object({
      decisionId: z.string(),
      question: z.string(),
      /** Minutes from going live to the team's first entry; null when it never recorded the decision. */
      teams: z.array(z.object({ teamId: z.uuid(), teamName: z.string(), minutes: z.number().nullable() })),
      neverMade: z.array(z.string()),
      fastestMinutes: z.number().nullable(),
      slowestMinutes: z.number().nullable(),
    }),
  ),
  agencies: z.array(z.object({ agencyId: z.string(), name: z.string(), requests: z.number(), teams: z.number() })),
  /** Per judgement criterion when teams were double marked; null when each team had one assessor. */
  agreement: z
    .array(
      z.object({
        criterionId: z.string(),
        title: z.string(),
        items: z.number(),
        percentAgreement: z.number().nullable(),
        kappa: z.number().nullable(),
        flagged: z.number(),
        moderated: z.number(),
      }),
    )
    .nullable(),
});
export type ReviewFigures = z.infer<typeof ReviewFigures>;

export const ConfidenceShift = z.object({
  objectiveId: z.string(),
  text: z.string(),
  /** How many answers gave each rating 1–5 (index 0 is rating 1). */
  pre: z.array(z.number()),
  post: z.array(z.number()),
  preMedian: z.number().nullable(),
  postMedian: z.number().nullable(),
  /** Devices that answered both: how many rated higher, the same and lower after. */
  paired: z.object({ devices: z.number(), higher: z.number(), same: z.number(), lower: z.number() }),
});
export type ConfidenceShift = z.infer<typeof ConfidenceShift>;

export const RunReview = z
  .object({
    run: z.object({
      id: z.uuid(),
      cohortLabel: z.string(),
      exerciseDate: z.iso.date(),
      state: RunState,
      packId: z.string(),
      packTitle: z.string(),
      packVersion: z.string(),
      wentLiveAt: z.iso.datetime().nullable(),
    }),
    computedAt: z.iso.datetime(),
    figures: ReviewFigures,
    confidence: z.object({
      preAnswers: z.number(),
      postAnswers: z.number(),
      objectives: z.array(ConfidenceShift),
      whatWorked: z.array(z.string()),
      evenBetterIf: z.array(z.string()),
    }),
  })
  .meta({ id: 'RunReview' });
export type RunReview = z.infer<typeof RunReview>;

// ---------------------------------------------------------------------------------------------
// Year over year

export const CompareQuery = z
  .object({
    /** A pack family: every version of this pack id. */
    packId: Slug.optional(),
    /** Or runs with this cohort label (exact, case-insensitive). */
    cohort: z.string().trim().min(1).max(100).optional(),
  })
  .refine((query) => Boolean(query.packId) !== Boolean(query.cohort), { message: 'Choose either a pack (packId) or a cohort label (cohort)' });

/** How a row's definition in this run's pack version compares with the earliest compared run's. */
export const DefinitionChange = z.enum(['same', 'changed', 'new', 'absent']);
export type DefinitionChange = z.infer<typeof DefinitionChange>;

const CompareCell = z.object({
  runId: z.uuid(),
  change: DefinitionChange,
  /** What differs, when changed: "points", "levels", "rule", "objective", or "changelog" when only the changelog says the rule changed. */
  differences: z.array(z.string()),
  /**
   * The pack versions between the run before and this one whose changelog entries explain the
   * difference (each is in `changelog`); empty when both ran the same version, or for the earliest run.
   */
  changelogVersions: z.array(z.string()),
  /** What those entries say about this row's criteria (criteriaChanged), in the changelog's words. */
  changelogNotes: z.array(z.string()),
  teamsAssessed: z.number(),
  teamsMeeting: z.number(),
  lowestPercent: z.number().nullable(),
  highestPercent: z.number().nullable(),
});

export const YearOverYear = z
  .object({
    runs: z.array(
      z.object({
        id: z.uuid(),
        cohortLabel: z.string(),
        exerciseDate: z.iso.date(),
        packId: z.string(),
        packVersion: z.string(),
        teams: z.number(),
        provisional: z.boolean(),
      }),
    ),
    objectives: z.array(
      z.object({
        id: z.string(),
        text: z.string(),
        cells: z.array(
          CompareCell.extend({
            confidence: z.object({ preMedian: z.number().nullable(), postMedian: z.number().nullable(), pairedDevices: z.number(), higher: z.number() }).nullable(),
          }),
        ),
      }),
    ),
    criteria: z.array(z.object({ id: z.string(), title: z.string(), objectiveId: z.string(), cells: z.array(CompareCell) })),
    /** The changelog entries the cells point at, newest first. */
    changelog: z.array(
      z.object({
        packId: z.string(),
        version: z.string(),
        date: z.iso.date(),
        summary: z.string(),
        changes: z.array(z.object({ area: z.string(), text: z.string(), source: z.string().optional() })),
        criteriaChanged: z.array(z.object({ criterion: z.string(), change: z.string() })),
      }),
    ),
  })
  .meta({ id: 'YearOverYear' });
export type YearOverYear = z.infer<typeof YearOverYear>;

// ---------------------------------------------------------------------------------------------
// Survey

export const SurveyPhase = z.enum(['pre', 'post']);
export type SurveyPhase = z.infer<typeof SurveyPhase>;
export type SurveyRatings = Record<string, number>;

export const SurveyAnswerRequest = z
  .object({
    /** A random token the device keeps; only its hash is stored. */
    deviceToken: z.string().min(16, 'is not a device token').max(200),
    phase: SurveyPhase,
    ratings: z.record(Slug, z.number().int().min(1, 'Choose 1 to 5').max(5, 'Choose 1 to 5')),
    whatWorked: z.string().trim().max(2000, 'Keep it under 2,000 characters').default(''),
    evenBetterIf: z.string().trim().max(2000, 'Keep it under 2,000 characters').default(''),
  });

export const SurveyStatusQuery = z.object({ deviceToken: z.string().min(16).max(200) });

export const SurveyStatus = z
  .object({
    objectives: z.array(z.object({ id: z.string(), text: z.string() })),
    /** Phases this device has answered. */
    answered: z.array(SurveyPhase),
    /** The phase the survey asks for now, or null when there is nothing to answer. */
    open: SurveyPhase.nullable(),
  })
  .meta({ id: 'SurveyStatus' });

// ---------------------------------------------------------------------------------------------
// Improvement plan

export const ImprovementStatus = z.enum(['open', 'in-progress', 'done', 'dropped']);
export type ImprovementStatus = z.infer<typeof ImprovementStatus>;

export const ImprovementItemInput = z
  .object({
    packId: Slug,
    sourceRunId: z.uuid().nullable().default(null),
    objectiveId: Slug.nullable().default(null),
    what: z.string().trim().min(1, 'Say what will change').max(500, 'Keep it under 500 characters'),
    owner: z.string().trim().min(1, 'Name who owns it').max(100, 'Keep it under 100 characters'),
    dueDate: z.iso.date('Enter the due date as YYYY-MM-DD').nullable().default(null),
    status: ImprovementStatus.default('open'),
  });

export const ImprovementItem = z
  .object({
    id: z.uuid(),
    packId: z.string(),
    sourceRunId: z.uuid().nullable(),
    objectiveId: z.string().nullable(),
    what: z.string(),
    owner: z.string(),
    dueDate: z.iso.date().nullable(),
    status: ImprovementStatus,
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'ImprovementItem' });

export const ImprovementItemList = z.object({ items: z.array(ImprovementItem) }).meta({ id: 'ImprovementItemList' });
export const ImprovementQuery = z.object({ packId: Slug, openOnly: z.enum(['true', 'false']).default('false') });
export const ImprovementParams = z.object({ itemId: z.uuid() });

export const CsvTableParams = z.object({ table: z.enum(['objectives', 'criteria', 'teams', 'decisions', 'agencies', 'agreement', 'confidence']) });
export const CompareCsvParams = z.object({ table: z.enum(['objectives', 'criteria']) });

// ---------------------------------------------------------------------------------------------
// Sending statements to a learning record store

export const LrsDeliveryReason = z.enum(['results-released', 'sent-again']);
export type LrsDeliveryReason = z.infer<typeof LrsDeliveryReason>;
export const LrsDeliveryState = z.enum(['queued', 'retrying', 'sent', 'failed']);
export type LrsDeliveryState = z.infer<typeof LrsDeliveryState>;

export const LrsDelivery = z.object({
  id: z.uuid(),
  reason: LrsDeliveryReason,
  requestedAt: z.iso.datetime(),
  state: LrsDeliveryState,
  attempts: z.number(),
  /** Statements the store has accepted in this delivery, of statementsTotal (null until the first attempt). */
  statementsSent: z.number(),
  statementsTotal: z.number().nullable(),
  lastError: z.string().nullable(),
  finishedAt: z.iso.datetime().nullable(),
});

export const LrsStatus = z
  .object({
    /** Whether this instance has a learning record store configured (LRS_ENDPOINT). */
    configured: z.boolean(),
    /** The run's deliveries, newest first (the last ten). */
    deliveries: z.array(LrsDelivery),
  })
  .meta({ id: 'LrsStatus' });
export type LrsStatus = z.infer<typeof LrsStatus>;
