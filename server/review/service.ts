/**
 * The review for L&D: one run's figures (kept as a stored summary), year-over-year comparison from
 * those summaries, the anonymous confidence survey and the improvement plan. Marks come from the
 * results module's final marks and agreement from the marking module, never re-derived here.
 */
import { hashToken } from '../accounts/sessions.js';
import type { Database } from '../db/database.js';
import { conflict, invalidField, notFound } from '../errors.js';
import { getRunAgreement } from '../marking/moderation-service.js';
import { listTeamsWithCompletions } from '../marking/queries.js';
import { scoreInstrument } from '../packs/instrument-scoring.js';
import type { TeamEvidence } from '../marking/team-evidence.js';
import type { PackVersions } from '../packs/pack-versions.js';
import type { Pack } from '../packs/schema.js';
import { loadRunOutcomes } from '../results/service.js';
import type { StaffRun } from '../runs/staff-run.js';
import type { TeamRun } from '../teams/team-run.js';
import { summariseConfidence } from './confidence.js';
import {
  findRunForStatements,
  findRunForSummary,
  findRunSummary,
  findRunInOrganisation,
  insertImprovementItem,
  insertSurveyResponse,
  listDevicePhases,
  listImprovementItems,
  listLrsDeliveries,
  listRunsToCompare,
  listSavedAnswersOfRun,
  listSurveyResponses,
  listTeamAgencyRequests,
  updateImprovementItem,
  upsertRunSummary,
  type ImprovementValues,
} from './queries.js';
import { ReviewFigures, type LrsStatus, type RunReview, type SurveyPhase, type YearOverYear } from './schema.js';
import type { LrsQueue } from './lrs-queue.js';
import { computeReviewFigures, type ReviewInput } from './statistics.js';
import { buildWorkbook } from './workbook.js';
import { buildStatements, type XapiStatement } from './xapi.js';
import { buildYearOverYear, type ComparedFigures } from './year-over-year.js';

type RunForReview = Pick<StaffRun, 'id' | 'pack' | 'assessorsPerTeam' | 'wentLiveAt' | 'state'>;
type RunForStatements = RunForReview & Pick<StaffRun, 'cohortLabel' | 'resultsReleasedAt' | 'closedAt'>;
type LoadedTeam = ReviewInput['teams'][number] & { decisions: TeamEvidence['decisions'] };

/** Everything the run's figures are computed from: each team's final marks, work and requests, and the agreement. */
async function loadReviewInput(db: Database, run: RunForReview): Promise<Omit<ReviewInput, 'teams'> & { teams: LoadedTeam[] }> {
  const { pack } = run;
  const [teams, agencyRequests, agreement] = await Promise.all([
    listTeamsWithCompletions(db, run.id),
    listTeamAgencyRequests(db, run.id),
    run.assessorsPerTeam >= 2 ? getRunAgreement(db, run) : Promise.resolve(null),
  ]);
  const hasJudgement = pack.rubric.criteria.some((criterion) => criterion.kind === 'judgement');
  const outcomes = await loadRunOutcomes(db, pack, run.id, teams);
  const requestsOf = new Map<string, string[]>();
  for (const request of agencyRequests) requestsOf.set(request.teamId, [...(requestsOf.get(request.teamId) ?? []), request.agencyId]);
  const loaded = teams.map((team) => {
    const { evidence, marks } = outcomes.get(team.id)!;
    const band = Object.keys(evidence.answers).length > 0 ? scoreInstrument(pack.instrument, evidence.answers).band : null;
    return {
      id: team.id,
      name: team.name,
      scenarioId: team.scenarioId,
      marks,
      band: band ? { id: band.id, label: band.label } : null,
      decisions: evidence.decisions,
      releases: evidence.releases,
      agencyRequests: requestsOf.get(team.id) ?? [],
      markingFinished: !hasJudgement || Number(team.finished) >= run.assessorsPerTeam,
    };
  });
  return { pack, wentLiveAt: run.wentLiveAt, teams: loaded, agreement, runClosed: run.state === 'closed' || run.state === 'results-released' };
}

/** Computes the run's figures from its teams' work and marks, and stores them as the run's summary. */
export async function refreshRunSummary(db: Database, run: RunForReview): Promise<{ figures: ReviewFigures; computedAt: Date }> {
  const figures = computeReviewFigures(await loadReviewInput(db, run));
  const computedAt = await upsertRunSummary(db, run.id, figures);
  return { figures, computedAt };
}

/** The run's workbook: marks per team per criterion, decisions with their times, and answers. */
export async function getRunWorkbook(db: Database, run: StaffRun): Promise<Buffer> {
  const [input, answers] = await Promise.all([loadReviewInput(db, run), listSavedAnswersOfRun(db, run.id)]);
  const figures = computeReviewFigures(input);
  return buildWorkbook({
    cohortLabel: run.cohortLabel,
    exerciseDate: run.exerciseDate,
    pack: run.pack,
    state: run.state,
    provisional: figures.status.provisional,
    wentLiveAt: run.wentLiveAt,
    teams: input.teams.map((team) => ({
      name: team.name,
      scenarioId: team.scenarioId,
      marks: team.marks,
      decisions: team.decisions,
      answers: answers.filter((answer) => answer.teamId === team.id).map(({ itemId, value, updatedAt }) => ({ itemId, value, savedAt: updatedAt })),
    })),
  });
}

/** xAPI statements of the run's final marks; refused while the figures are provisional. */
export async function getRunStatements(db: Database, run: RunForStatements, baseUrl: string): Promise<XapiStatement[]> {
  const input = await loadReviewInput(db, run);
  const figures = computeReviewFigures(input);
  if (figures.status.provisional) {
    throw conflict('results_provisional', `The marks are not final yet, so there are no statements to send: ${figures.status.reasons.join(' ')}`);
  }
  const timestamp = run.resultsReleasedAt ?? run.closedAt ?? new Date();
  return buildStatements({ id: run.id, cohortLabel: run.cohortLabel, timestamp, pack: run.pack, teams: input.teams }, baseUrl);
}

/** The same statements for a run the queue's worker loads by id (it acts for no signed-in caller); undefined once the run is gone. */
export async function getStatementsOfRun(db: Database, packs: PackVersions, runId: string, baseUrl: string): Promise<XapiStatement[] | undefined> {
  const row = await findRunForStatements(db, runId);
  if (!row) return undefined;
  return getRunStatements(db, { ...row, pack: await packOf(packs, row.packVersionId) }, baseUrl);
}

// ---------------------------------------------------------------------------------------------
// Learning record store

export async function getLrsStatus(db: Database, lrs: LrsQueue | undefined, run: StaffRun): Promise<LrsStatus> {
  const rows = await listLrsDeliveries(db, run.id);
  return {
    configured: lrs !== undefined,
    deliveries: rows.map((row) => ({
      ...row,
      statementsSent: Number(row.statementsSent ?? 0),
      requestedAt: row.requestedAt.toISOString(),
      finishedAt: row.finishedAt?.toISOString() ?? null,
    })),
  };
}

/**
 * A lead's "send to the LRS again": every statement of the final marks, with the same ids, so the
 * store keeps one of each. Refused without a store, and while the marks are provisional.
 */
export async function sendToLrsAgain(db: Database, lrs: LrsQueue | undefined, run: StaffRun): Promise<LrsStatus> {
  if (!lrs) throw conflict('lrs_not_configured', 'No learning record store is configured for Rehearse: ask whoever runs it to set LRS_ENDPOINT, LRS_USERNAME and LRS_PASSWORD.');
  // Refuses provisional marks with what is outstanding, before anything is queued.
  await getRunStatements(db, run, lrs.baseUrl);
  await db.transaction().execute((trx) => lrs.enqueue(trx, { runId: run.id, reason: 'sent-again', requestedBy: run.caller.staff.userId }));
  return getLrsStatus(db, lrs, run);
}

/** The run's figures computed from its teams' work and marks now (the benchmark compares them with the stored summary). */
export async function computeRunFigures(db: Database, run: RunForReview): Promise<ReviewFigures> {
  return computeReviewFigures(await loadReviewInput(db, run));
}

/**
 * Once complete results are released, a run's figures change only when a lead moderates, which
 * stores them again (as closing, finishing a team's marking and releasing do): the review reads the
 * stored summary, one row whatever the run's size. Before that, and for results released as
 * provisional (assessors may still be marking), it computes them on every read so they are never
 * stale. A summary stored in an older shape is computed afresh.
 */
async function currentFigures(db: Database, run: StaffRun): Promise<{ figures: ReviewFigures; computedAt: Date }> {
  if (run.state === 'results-released') {
    const stored = await findRunSummary(db, run.id);
    const parsed = stored && !stored.provisional ? ReviewFigures.safeParse(stored.figures) : undefined;
    if (stored && parsed?.success) return { figures: parsed.data, computedAt: stored.computedAt };
  }
  return { figures: await computeRunFigures(db, run), computedAt: new Date() };
}

export async function getRunReview(db: Database, run: StaffRun): Promise<RunReview> {
  const [{ figures, computedAt }, answers] = await Promise.all([currentFigures(db, run), listSurveyResponses(db, [run.id])]);
  return {
    run: {
      id: run.id,
      cohortLabel: run.cohortLabel,
      exerciseDate: run.exerciseDate,
      state: run.state,
      packId: run.pack.meta.id,
      packTitle: run.pack.meta.title,
      packVersion: run.pack.meta.version,
      wentLiveAt: run.wentLiveAt?.toISOString() ?? null,
    },
    computedAt: computedAt.toISOString(),
    figures,
    confidence: {
      preAnswers: answers.filter((answer) => answer.phase === 'pre').length,
      postAnswers: answers.filter((answer) => answer.phase === 'post').length,
      objectives: summariseConfidence(run.pack.meta.objectives, answers),
      whatWorked: answers.map((answer) => answer.whatWorked).filter((text) => text.length > 0),
      evenBetterIf: answers.map((answer) => answer.evenBetterIf).filter((text) => text.length > 0),
    },
  };
}

/**
 * Runs of one pack family or cohort label side by side, read from their stored summaries. A run
 * never summarised (nobody opened its review, results not released) is summarised once here.
 */
export async function compareRuns(
  db: Database,
  packs: PackVersions,
  organisationId: string,
  filter: { packId?: string; cohort?: string },
): Promise<YearOverYear> {
  const rows = await listRunsToCompare(db, organisationId, filter);
  const answers = await listSurveyResponses(
    db,
    rows.map((row) => row.id),
  );
  const runs = await Promise.all(
    rows.map(async (row) => {
      const pack = await packOf(packs, row.packVersionId);
      const figures =
        row.objectiveFigures && row.criterionFigures && row.teamCount !== null && row.provisional !== null
          ? { objectives: row.objectiveFigures, criteria: row.criterionFigures, teamCount: row.teamCount, provisional: row.provisional }
          : await summariseUnsummarised(db, row.id, pack);
      return {
        id: row.id,
        cohortLabel: row.cohortLabel,
        exerciseDate: row.exerciseDate,
        packId: row.packId,
        packVersion: row.version,
        pack,
        figures,
        confidence: summariseConfidence(
          pack.meta.objectives,
          answers.filter((answer) => answer.runId === row.id),
        ),
      };
    }),
  );
  return buildYearOverYear(runs);
}

async function packOf(packs: PackVersions, packVersionId: string): Promise<Pack> {
  const pack = await packs.find(packVersionId);
  if (!pack) throw new Error(`pack version ${packVersionId} is missing`);
  return pack;
}

async function summariseUnsummarised(db: Database, runId: string, pack: Pack): Promise<ComparedFigures> {
  const run = await findRunForSummary(db, runId);
  const { figures } = await refreshRunSummary(db, { ...run, pack });
  return { objectives: figures.objectives, criteria: figures.criteria, teamCount: figures.teams.length, provisional: figures.status.provisional };
}

// ---------------------------------------------------------------------------------------------
// Survey (team side: anonymous, never blocks work)

/**
 * Which phase the survey asks for: "pre" from joining until the run closes, "post" once it has
 * closed. A facilitator may also ask for the closing answers just before closing, so "post" is
 * accepted while live too.
 */
function openPhase(runState: TeamRun['runState'], answered: readonly SurveyPhase[]): SurveyPhase | null {
  const phase: SurveyPhase = runState === 'closed' || runState === 'results-released' ? 'post' : 'pre';
  return answered.includes(phase) ? null : phase;
}

export async function getSurveyStatus(db: Database, team: TeamRun, deviceToken: string) {
  const answered = await listDevicePhases(db, team.runId, hashToken(deviceToken));
  return {
    objectives: team.pack.meta.objectives.map(({ id, text }) => ({ id, text })),
    answered,
    open: openPhase(team.runState, answered),
  };
}

export async function answerSurvey(
  db: Database,
  team: TeamRun,
  answer: { deviceToken: string; phase: SurveyPhase; ratings: Record<string, number>; whatWorked: string; evenBetterIf: string },
): Promise<void> {
  const objectiveIds = new Set(team.pack.meta.objectives.map((objective) => objective.id));
  for (const id of Object.keys(answer.ratings)) {
    if (!objectiveIds.has(id)) throw invalidField(`ratings.${id}`, 'is not a learning objective of this exercise');
  }
  if (answer.phase === 'post' && team.runState === 'open') {
    throw conflict('survey_not_open', 'The closing survey opens once the exercise is under way.');
  }
  if (answer.phase === 'pre' && (team.runState === 'closed' || team.runState === 'results-released')) {
    throw conflict('survey_not_open', 'The exercise has closed: answer the closing survey instead.');
  }
  const stored = await insertSurveyResponse(db, {
    runId: team.runId,
    deviceTokenSha256: hashToken(answer.deviceToken),
    phase: answer.phase,
    ratings: answer.ratings,
    whatWorked: answer.whatWorked,
    evenBetterIf: answer.evenBetterIf,
  });
  if (!stored) throw conflict('survey_already_answered', 'This device has already answered this survey. Thank you.');
}

// ---------------------------------------------------------------------------------------------
// Improvement plan

function describeItem(row: Awaited<ReturnType<typeof listImprovementItems>>[number]) {
  return { ...row, updatedAt: row.updatedAt.toISOString() };
}

export async function listImprovements(db: Database, organisationId: string, packId: string, openOnly: boolean) {
  return { items: (await listImprovementItems(db, organisationId, packId, openOnly)).map(describeItem) };
}

async function checkSourceRun(db: Database, organisationId: string, item: ImprovementValues) {
  if (item.sourceRunId && !(await findRunInOrganisation(db, organisationId, item.sourceRunId))) {
    throw invalidField('sourceRunId', 'is not a run of your organisation');
  }
}

export async function createImprovement(db: Database, organisationId: string, item: ImprovementValues) {
  await checkSourceRun(db, organisationId, item);
  return describeItem(await insertImprovementItem(db, organisationId, item));
}

export async function updateImprovement(db: Database, organisationId: string, itemId: string, item: ImprovementValues) {
  await checkSourceRun(db, organisationId, item);
  const row = await updateImprovementItem(db, organisationId, itemId, item);
  if (!row) throw notFound('That improvement item does not exist.');
  return describeItem(row);
}
