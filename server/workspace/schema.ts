/** Shapes of a team's own work (instrument answers, decision log, submission), shared with the client. */
import { z } from 'zod';
import { ErrorResponse } from '../http/error-shape.js';
import { InstrumentResult } from '../packs/instrument-scoring.js';

/**
 * An answer as stored: an option value, yes/no/unknown, 'YYYY-MM-DD' or text (string), the chosen
 * option values (array), a number, or null for a cleared answer.
 */
export const AnswerValue = z
  .union([z.string(), z.number(), z.array(z.string()), z.null()], {
    error: 'Give an answer of the kind this question asks for, or null to clear it',
  })
  .meta({ id: 'AnswerValue' });
export type AnswerValue = z.infer<typeof AnswerValue>;

const IdempotencyKey = z
  .uuid('Send a new random id (a UUID) with each change, and the same one when you retry it')
  .meta({ description: 'A fresh UUID per change; a retry with the same key returns the recorded result' });

export const AnswerParams = z.object({ itemId: z.string().min(1).max(64) });

export const SaveAnswerRequest = z
  .object({
    value: AnswerValue,
    /** The revision the team's screen was showing: 0 when it had no answer yet. */
    baseRevision: z.number('Send the revision you started from (0 for a first answer)').int().min(0),
    idempotencyKey: IdempotencyKey,
  })
  .meta({ id: 'SaveAnswerRequest' });
export type SaveAnswerRequest = z.infer<typeof SaveAnswerRequest>;

export const SavedAnswer = z
  .object({ itemId: z.string(), value: AnswerValue, revision: z.number().int(), updatedAt: z.iso.datetime() })
  .meta({ id: 'SavedAnswer' });
export type SavedAnswer = z.infer<typeof SavedAnswer>;

export const AnswerConflict = z.object({
  itemId: z.string(),
  /** What this request tried to save: kept so nothing typed is lost. */
  yours: AnswerValue,
  /** What a teammate saved first. */
  theirs: z.object({ value: AnswerValue, revision: z.number().int(), updatedAt: z.iso.datetime().nullable() }),
});
export type AnswerConflict = z.infer<typeof AnswerConflict>;

/** A 409: the usual error, plus both versions when it is an answer conflict. */
export const WorkConflictResponse = ErrorResponse.extend({ conflict: AnswerConflict.optional() }).meta({ id: 'WorkConflictResponse' });

const part = (emptyMessage: string) =>
  z.string(emptyMessage).trim().min(1, emptyMessage).max(5000, 'Keep each part of the justification to 5000 characters or fewer');

/** The National Decision Model: why the team decided what it did, stage by stage, with the Code of Ethics at its centre. */
export const Justification = z
  .object({
    information: part('Say what information and intelligence you gathered'),
    threatAndRisk: part('Explain the threat and risk you have assessed'),
    powersAndPolicy: part('Say which powers and policy apply'),
    options: part('Say which options and contingencies you considered'),
    actionAndReview: part('Say what action you will take and when you will review it'),
    /**
     * The Code of Ethics, at the centre of the model. Optional here so decisions recorded before it
     * was asked stay valid (and a team's screen from before the change can still record); the team's
     * form requires it, and the rubric's decision-log criterion marks it.
     */
    ethics: part('Say how this decision fits the Code of Ethics').optional(),
  })
  .meta({ id: 'Justification' });
export type Justification = z.infer<typeof Justification>;

export const RecordDecisionRequest = z
  .object({
    decisionId: z.string('Choose the decision you are recording').min(1, 'Choose the decision you are recording').max(64),
    options: z.array(z.string().max(64), 'Choose at least one option').min(1, 'Choose at least one option'),
    justification: Justification,
    idempotencyKey: IdempotencyKey,
  })
  .meta({ id: 'RecordDecisionRequest' });
export type RecordDecisionRequest = z.infer<typeof RecordDecisionRequest>;

export const RecordedDecision = z
  .object({
    id: z.uuid(),
    decisionId: z.string(),
    options: z.array(z.string()),
    justification: Justification,
    recordedAt: z.iso.datetime(),
  })
  .meta({ id: 'RecordedDecision' });
export type RecordedDecision = z.infer<typeof RecordedDecision>;

export const TeamWork = z
  .object({
    answers: z.record(z.string(), z.object({ value: AnswerValue, revision: z.number().int(), updatedAt: z.iso.datetime() })),
    /** Every decision recorded, newest first; the first entry for a decision is the current one. */
    decisions: z.array(RecordedDecision),
    submittedAt: z.iso.datetime().nullable(),
    /**
     * The practice instrument's result with the band and its drivers, only when the pack's bandShown
     * allows it now (while answering; when complete, once every required item is answered).
     */
    instrument: InstrumentResult.optional(),
    /** Answers that contradict each other, with what to do; shown whatever bandShown says. */
    contradictions: z.array(z.object({ id: z.string(), message: z.string() })),
  })
  .meta({ id: 'TeamWork' });
export type TeamWork = z.infer<typeof TeamWork>;

/**
 * A saved answer with what the team's screen shows that depends on every answer (the band when
 * shown, the contradictions), so the screen brings itself up to date without fetching the work.
 */
export const SaveAnswerResponse = SavedAnswer.extend(TeamWork.pick({ instrument: true, contradictions: true }).shape).meta({
  id: 'SaveAnswerResponse',
});
export type SaveAnswerResponse = z.infer<typeof SaveAnswerResponse>;

/** Sent as true once the team has been told how many decision points are unrecorded and still wants to submit. */
export const SubmitWorkRequest = z
  .object({ confirmUnrecorded: z.boolean().default(false) })
  .meta({ id: 'SubmitWorkRequest' });

export const SubmittedWork = z.object({ submittedAt: z.iso.datetime() }).meta({ id: 'SubmittedWork' });
export const ReopenedWork = z.object({ reopenedAt: z.iso.datetime() }).meta({ id: 'ReopenedWork' });
