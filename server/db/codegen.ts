/**
 * Generates the TypeScript `DB` interface from a migrated schema with kysely-codegen, so database
 * types come from the migrations rather than from a hand-kept copy. Enum-like text columns get the
 * zod-derived union of the feature that owns them, and jsonb columns the type of what we store in
 * them, so no code outside this folder casts a row.
 */
import path from 'node:path';
import type { Kysely } from 'kysely';
import { generate, PostgresDialect, type GenerateOptions } from 'kysely-codegen';

export const generatedTypesFile = path.resolve(import.meta.dirname, 'types.ts');

/** Type name → module (relative to types.ts) and export that defines it. */
const customImports: Record<string, string> = {
  JsonColumn: './json-columns.js#JsonColumn',
  AgencyMessageAuthor: '../agencies/schema.js#AgencyMessageAuthor',
  ActorKind: '../audit/schema.js#ActorKind',
  StaffRole: '../accounts/schema.js#StaffRole',
  LiveEvent: '../live/events.js#LiveEvent',
  ReleaseKind: '../injects/schema.js#ReleaseKind',
  ReleaseTrigger: '../injects/schema.js#ReleaseTrigger',
  CriterionKind: '../packs/schema.js#CriterionKind',
  ConvenedBy: '../meetings/schema.js#ConvenedBy',
  MeetingAuthorKind: '../meetings/schema.js#MeetingAuthorKind',
  MeetingEntryKind: '../meetings/schema.js#MeetingEntryKind',
  ExerciseType: '../packs/schema.js#ExerciseType',
  Pack: '../packs/schema.js#Pack',
  RunState: '../runs/lifecycle.js#RunState',
  ReviewFigures: '../review/schema.js#ReviewFigures',
  SurveyPhase: '../review/schema.js#SurveyPhase',
  SurveyRatings: '../review/schema.js#SurveyRatings',
  ImprovementStatus: '../review/schema.js#ImprovementStatus',
  LrsDeliveryReason: '../review/schema.js#LrsDeliveryReason',
  LrsDeliveryState: '../review/schema.js#LrsDeliveryState',
  AnswerValue: '../workspace/schema.js#AnswerValue',
  Justification: '../workspace/schema.js#Justification',
};

/** Column (table.column, as in SQL) → its TypeScript type. */
const columnTypes: Record<string, string> = {
  'agency_messages.author_kind': 'AgencyMessageAuthor',
  'audit_events.actor_kind': 'ActorKind',
  'live_events.event': 'JsonColumn<LiveEvent>',
  'meetings.agencies': 'JsonColumn<string[]>',
  'meetings.convened_by': 'ConvenedBy',
  'meeting_entries.kind': 'MeetingEntryKind',
  'meeting_entries.author_kind': 'MeetingAuthorKind',
  'pack_criteria.kind': 'CriterionKind',
  'pack_versions.content': 'JsonColumn<Pack>',
  'pack_versions.exercise_type': 'ExerciseType',
  'releases.kind': 'ReleaseKind',
  'releases.trigger': 'ReleaseTrigger',
  'runs.state': 'Generated<RunState>',
  'run_summaries.figures': 'JsonColumn<ReviewFigures>',
  'survey_responses.phase': 'SurveyPhase',
  'survey_responses.ratings': 'JsonColumn<SurveyRatings>',
  'improvement_items.status': 'Generated<ImprovementStatus>',
  'lrs_deliveries.reason': 'LrsDeliveryReason',
  'lrs_deliveries.state': 'Generated<LrsDeliveryState>',
  'team_answers.value': 'JsonColumn<AnswerValue>',
  'team_answer_writes.value': 'JsonColumn<AnswerValue>',
  'team_decisions.justification': 'JsonColumn<Justification>',
  'team_decisions.options': 'JsonColumn<string[]>',
  'users.role': 'StaffRole',
};

/**
 * kysely-codegen is CommonJS and so is typed against Kysely's CommonJS declarations, which
 * TypeScript holds distinct from the ESM ones we import; at run time it needs only the query and
 * introspection methods every Kysely instance has.
 */
function isKyselyForCodegen(value: unknown): value is GenerateOptions['db'] {
  return typeof value === 'object' && value !== null && 'introspection' in value && 'selectFrom' in value && 'getExecutor' in value;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function generateDatabaseTypes(db: Kysely<any>): Promise<string> {
  const unplugged: unknown = db.withoutPlugins();
  if (!isKyselyForCodegen(unplugged)) throw new Error('kysely-codegen needs a Kysely instance');
  return generate({
    db: unplugged,
    // Both engines are set to return date columns as strings (see database.ts).
    dialect: new PostgresDialect({ dateParser: 'string' }),
    camelCase: true,
    // Both engines return int8 as a number (see database.ts).
    typeMapping: { int8: 'number' },
    customImports,
    overrides: { columns: columnTypes },
    excludePattern: 'kysely_migration*',
    outFile: null,
  });
}
