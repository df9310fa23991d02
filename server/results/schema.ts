/** Shapes of the results API (team results, group debrief, after-action report), shared with the client. */
import { z } from 'zod';
import { CriterionKind } from '../packs/schema.js';
import { RunState } from '../runs/lifecycle.js';

const Score = { awarded: z.number(), max: z.number(), percent: z.number() };

export const ResultCriterion = z.object({
  id: z.string(),
  title: z.string(),
  /** The learning objective's text. */
  objective: z.string(),
  objectiveId: z.string(),
  kind: CriterionKind,
  awarded: z.number(),
  max: z.number(),
  /** How the mark was reached: "Scored automatically", "Moderated", "Agreed by 2 assessors", "Average of 2 assessors", "Not marked". */
  note: z.string(),
  /** The level awarded; null for automatic criteria, averages of disagreeing assessors and unmarked criteria. */
  level: z.object({ label: z.string(), descriptor: z.string() }).nullable(),
  /** Automatic criteria: why the rules gave these points. */
  explanation: z.string().nullable(),
  /** Judgement criteria: the assessors' comments (never their names), then the moderation reason. */
  comments: z.array(z.string()),
  /**
   * When the criterion marks a record other than the latest (the first, or the one before a hint):
   * both, as option labels, so the team sees what was marked and what it changed to. Otherwise null.
   */
  records: z
    .object({
      counted: z.object({ options: z.array(z.string()), recordedAt: z.iso.datetime() }),
      latest: z.object({ options: z.array(z.string()), recordedAt: z.iso.datetime() }),
    })
    .nullable(),
});

export const ModelAnswerView = z.object({
  expectedBand: z.object({ id: z.string(), label: z.string() }),
  summary: z.string(),
  decisions: z.array(z.object({ decisionId: z.string(), question: z.string(), expected: z.array(z.string()), rationale: z.string() })),
});

export const TeamResults = z
  .object({
    team: z.object({ id: z.uuid(), name: z.string(), scenarioTitle: z.string() }),
    totals: z.object(Score),
    objectives: z.array(z.object({ id: z.string(), text: z.string(), ...Score })),
    criteria: z.array(ResultCriterion),
    /** The band the team's instrument answers gave; null when it answered nothing. */
    band: z.object({ id: z.string(), label: z.string(), description: z.string() }).nullable(),
    /** What good looks like: the scenario's model answer. */
    modelAnswer: ModelAnswerView,
  })
  .meta({ id: 'TeamResults' });
export type TeamResults = z.infer<typeof TeamResults>;

/** A normal answer either way: not released yet, or the results. */
export const TeamResultsResponse = z
  .discriminatedUnion('status', [z.object({ status: z.literal('not-released') }), z.object({
      status: z.literal('released'),
      /** Released before marking was complete: marks may still change. */
      provisional: z.boolean(),
      results: TeamResults,
    })])
  .meta({ id: 'TeamResultsResponse' });
export type TeamResultsResponse = z.infer<typeof TeamResultsResponse>;

const Band = z.object({ id: z.string(), label: z.string() });

export const RunDebrief = z
  .object({
    run: z.object({
      id: z.uuid(),
      cohortLabel: z.string(),
      exerciseDate: z.string(),
      state: RunState,
      packId: z.string(),
      packTitle: z.string(),
      packVersion: z.string(),
      resultsProvisional: z.boolean(),
    }),
    /** The pack's Markdown note on what the exercise was based on, for the facilitator to tell the room; null when it has none. */
    revealNote: z.string().nullable(),
    scenarios: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        modelAnswer: ModelAnswerView,
        teams: z.array(
          z.object({
            id: z.uuid(),
            name: z.string(),
            /** The band the team's instrument answers give; null when it answered nothing. */
            band: Band.nullable(),
            bandMatchesExpected: z.boolean(),
          }),
        ),
        decisionPoints: z.array(
          z.object({
            id: z.string(),
            question: z.string(),
            model: z.object({ expected: z.array(z.string()), rationale: z.string() }).nullable(),
            teams: z.array(
              z.object({
                teamId: z.uuid(),
                /** Labels of the latest options chosen; null when the team did not record this decision. */
                chosen: z.array(z.string()).nullable(),
                /** Labels of the team's first record when it differs from the latest; otherwise null. */
                firstChosen: z.array(z.string()).nullable(),
                /** The "action and review" part of the latest justification. */
                actionAndReview: z.string().nullable(),
              }),
            ),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'RunDebrief' });
export type RunDebrief = z.infer<typeof RunDebrief>;

const CriterionSummary = z.object({ id: z.string(), title: z.string(), objective: z.string(), averagePercent: z.number() });

export const RunReport = z
  .object({
    run: z.object({
      id: z.uuid(),
      cohortLabel: z.string(),
      exerciseDate: z.string(),
      state: RunState,
      packId: z.string(),
      packTitle: z.string(),
      packVersion: z.string(),
      /** Results were released before marking was complete. */
      resultsProvisional: z.boolean(),
      teams: z.array(z.object({ id: z.uuid(), name: z.string(), scenarioTitle: z.string(), percent: z.number() })),
    }),
    /** An objective is met when its average across teams is at least this percentage. */
    metThresholdPercent: z.number(),
    objectives: z.array(z.object({ id: z.string(), text: z.string(), averagePercent: z.number().nullable(), met: z.boolean(), teamsAssessed: z.number() })),
    strengths: z.array(CriterionSummary),
    areasToImprove: z.array(CriterionSummary),
    /** Agreement between assessors when teams were double marked; null when each team had one assessor. */
    agreement: z
      .object({
        teamsCompared: z.number(),
        pairs: z.array(
          z.object({
            assessors: z.tuple([z.string(), z.string()]),
            items: z.number(),
            percentAgreement: z.number().nullable(),
            kappa: z.number().nullable(),
            levelsUsed: z.tuple([z.number(), z.number()]),
          }),
        ),
      })
      .nullable(),
    /** Generated suggestions for L&D to edit, from the weakest objectives; not decisions. */
    suggestedActions: z.array(z.string()),
  })
  .meta({ id: 'RunReport' });
export type RunReport = z.infer<typeof RunReport>;
