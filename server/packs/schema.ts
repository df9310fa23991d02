/**
 * The shape of an exercise pack: one zod definition that validates the YAML/Markdown files under
 * fixtures/packs/<id>/, types the server code and, through the shared types, the client.
 *
 * A pack on disk:
 *   pack.yaml                metadata, learning objectives, agencies
 *   instrument.yaml          the structured practice form and its scoring
 *   scenarios/<id>.yaml      one file per scenario (referral, profiles, injects, decisions, model answer)
 *   micro-teaches/<id>.md    short lessons: YAML front matter (id, title, summary) + Markdown body
 *   rubric.yaml              marking criteria
 *
 * Cross-references (an inject's trigger naming a decision, a criterion naming an objective …) are
 * checked after parsing by validate.ts, which reports the path of the offending field.
 */
import { z } from 'zod';

/**
 * Every team request reads its pack, so a pack's size is every team's cost: each list has a ceiling
 * well above any real exercise (the shipped packs use a fraction), with a message that says so.
 */
function cap(most: number, what: string, where: string): string {
  return `at most ${most} ${what} in ${where}: an exercise with more is too big to run in a day, so split it into two packs`;
}

/** Stable identifiers: lower-case, digits and hyphens. They survive across pack versions. */
export const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lower-case letters, digits and hyphens (max 64), e.g. "refer-csc"');

export const PackVersion = z
  .string()
  .regex(/^\d+\.\d+\.\d+$/, 'must be a version like 1.0.0');

const Text = z.string().trim().min(1, 'must not be empty');
/** Markdown prose. Rendered as text on the client; raw HTML is not allowed (see validate.ts). */
const Markdown = Text;

// ---------------------------------------------------------------------------------------------
// Metadata

export const LearningObjective = z.strictObject({
  id: Slug,
  text: Text,
  /**
   * Share of the objective's points (0–1) a team needs for the run review to count it as meeting
   * the objective; omitted means the review's default (server/review/statistics.ts).
   */
  threshold: z.number().min(0).max(1).optional(),
});

export const Agency = z.strictObject({
  id: Slug,
  name: Text,
  /** What the assessor playing this agency represents, shown to teams when they choose whom to ask. */
  description: Text,
});

export const ExerciseType = z.enum(['iioc', 'mappa', 'general']);
export type ExerciseType = z.infer<typeof ExerciseType>;

export const PackMeta = z.strictObject({
  id: Slug,
  title: Text,
  version: PackVersion,
  exerciseType: ExerciseType,
  /** For L&D leads choosing a pack: what it exercises, how long it runs, what it needs. */
  summary: Markdown,
  /** Shown to teams and staff wherever pack content appears, e.g. "illustrative training instrument". */
  disclaimer: Text.optional(),
  durationMinutes: z.number().int().positive().max(24 * 60).optional(),
  /** Shown to each team before its referral: the themes it will meet and who to talk to. */
  contentNote: Markdown.optional(),
  /** Shown to facilitators in the group debrief: what the exercise was based on. */
  revealNote: Markdown.optional(),
  objectives: z.array(LearningObjective).min(1).max(20, cap(20, 'learning objectives', 'a pack')),
  agencies: z.array(Agency).max(20, cap(20, 'agencies', 'a pack')).default([]),
});

// ---------------------------------------------------------------------------------------------
// Conditions: used by item visibility and by scoring floors.

export type Condition =
  | { item: string; equals: string | number | boolean }
  | { item: string; in: Array<string | number | boolean> }
  | { item: string; includes: string }
  | { item: string; atLeast: number }
  | { item: string; answered: boolean }
  | { all: Condition[] }
  | { any: Condition[] };

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ item: Slug, equals: Scalar }),
    z.strictObject({ item: Slug, in: z.array(Scalar).min(1) }),
    z.strictObject({ item: Slug, includes: z.string() }),
    z.strictObject({ item: Slug, atLeast: z.number() }),
    z.strictObject({ item: Slug, answered: z.boolean() }),
    z.strictObject({ all: z.array(Condition).min(1) }),
    z.strictObject({ any: z.array(Condition).min(1) }),
  ]),
);

// ---------------------------------------------------------------------------------------------
// Instrument

const ItemBase = {
  id: Slug,
  label: Text,
  help: Markdown.optional(),
  required: z.boolean().default(false),
  /** Show the item only when this holds; a hidden item is neither required nor scored. */
  visibleWhen: Condition.optional(),
  /** Multiplies the item's points. */
  weight: z.number().positive().default(1),
  /** Short name used when explaining which factors drove the band, e.g. "Previous contact offence". */
  factor: Text.optional(),
};

export const ChoiceOption = z.strictObject({
  value: Slug,
  label: Text,
  points: z.number().default(0),
  /** "None of these": on a multiple-choice item, cannot be ticked together with any other option. */
  exclusive: z.boolean().optional(),
});

export const SingleChoiceItem = z.strictObject({
  ...ItemBase,
  kind: z.literal('single-choice'),
  options: z.array(ChoiceOption).min(2).max(30, cap(30, 'options', 'a question')),
});

export const MultipleChoiceItem = z.strictObject({
  ...ItemBase,
  kind: z.literal('multiple-choice'),
  options: z.array(ChoiceOption).min(2).max(30, cap(30, 'options', 'a question')),
});

export const YesNoUnknownItem = z.strictObject({
  ...ItemBase,
  kind: z.literal('yes-no-unknown'),
  points: z
    .strictObject({ yes: z.number().default(0), no: z.number().default(0), unknown: z.number().default(0) })
    .default({ yes: 0, no: 0, unknown: 0 }),
});

export const NumberRangePoints = z.strictObject({
  min: z.number(),
  /** Inclusive; omitted means no upper limit. */
  max: z.number().optional(),
  points: z.number(),
});

export const NumberItem = z.strictObject({
  ...ItemBase,
  kind: z.literal('number'),
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().default(true),
  unit: Text.optional(),
  points: z.array(NumberRangePoints).default([]),
});

export const DateItem = z.strictObject({
  ...ItemBase,
  kind: z.literal('date'),
});

export const ShortTextItem = z.strictObject({
  ...ItemBase,
  kind: z.literal('short-text'),
  maxLength: z.number().int().positive().max(500).default(200),
});

export const LongTextItem = z.strictObject({
  ...ItemBase,
  kind: z.literal('long-text'),
  maxLength: z.number().int().positive().max(20000).default(5000),
});

export const InstrumentItem = z.discriminatedUnion('kind', [
  SingleChoiceItem,
  MultipleChoiceItem,
  YesNoUnknownItem,
  NumberItem,
  DateItem,
  ShortTextItem,
  LongTextItem,
]);

export const InstrumentSection = z.strictObject({
  id: Slug,
  title: Text,
  description: Markdown.optional(),
  items: z.array(InstrumentItem).min(1).max(60, cap(60, 'items', 'a section')),
});

export const Band = z.strictObject({
  id: Slug,
  label: Text,
  /** The band applies when the score is at least this (bands are listed lowest first). */
  minScore: z.number(),
  /** The wording shown to teams, e.g. the timescale to act. */
  description: Text,
});

/**
 * Answers that cannot both be true (e.g. "no qualifying conviction" with Category 3). Answers are
 * saved one item at a time, so a contradiction is not refused: it is shown to the team with this
 * message until resolved, and the instrument is not complete while it stands.
 */
export const Contradiction = z.strictObject({
  id: Slug,
  when: Condition,
  message: Text,
});

/**
 * When teams see the band and what drove it: while they answer, once every required item is
 * answered, or only with their results. Seeing the live band lets a team steer its answers.
 */
export const BandShown = z.enum(['while-answering', 'when-complete', 'after-results']);
export type BandShown = z.infer<typeof BandShown>;

export const Floor = z.strictObject({
  id: Slug,
  when: Condition,
  /** The band is raised to at least this one when the condition holds. */
  atLeast: Slug,
  reason: Text,
});

export const Instrument = z.strictObject({
  id: Slug,
  title: Text,
  /** Shown on screen above the form. */
  disclaimer: Text.optional(),
  /** Whether teams see the computed band and its drivers while they work (packs before bandShown). */
  showBandToTeams: z.boolean().default(true),
  /** When teams see the band; when omitted, showBandToTeams decides (true: while answering). */
  bandShown: BandShown.optional(),
  sections: z.array(InstrumentSection).min(1).max(20, cap(20, 'sections', 'the instrument')),
  bands: z.array(Band).min(2).max(10, cap(10, 'bands', 'the instrument')),
  floors: z.array(Floor).max(30, cap(30, 'floors', 'the instrument')).default([]),
  contradictions: z.array(Contradiction).max(30, cap(30, 'contradictions', 'the instrument')).default([]),
});

// ---------------------------------------------------------------------------------------------
// Scenarios

export const TranscriptLine = z.strictObject({
  speaker: Text,
  text: Text,
});

export const Referral = z.strictObject({
  call: z.strictObject({
    caller: Text,
    callerRole: Text,
    callerPhone: Text,
    /** When the call comes in, as shown to teams, e.g. "Monday 09:05". */
    receivedAt: Text,
    transcript: z.array(TranscriptLine).min(1).max(200, cap(200, 'lines', 'a transcript')),
  }),
  email: z.strictObject({
    from: Text,
    to: Text,
    subject: Text,
    sentAt: Text,
    body: Markdown,
  }),
});

export const IntelligenceItem = z.strictObject({
  id: Slug,
  date: Text,
  /** 3x5x2: source evaluation 1 reliable, 2 untested, 3 not reliable. */
  source: z.enum(['1', '2', '3']),
  /** 3x5x2: A known directly … E suspected false. */
  assessment: z.enum(['A', 'B', 'C', 'D', 'E']),
  /** 3x5x2: P lawful sharing permitted, C conditions apply. */
  handling: z.enum(['P', 'C']),
  text: Text,
});

export const Person = z.strictObject({
  name: Text,
  relationship: Text.optional(),
  dateOfBirth: Text.optional(),
  age: z.number().int().min(0).max(120).optional(),
  notes: Text.optional(),
});

export const Conviction = z.strictObject({
  date: Text,
  court: Text,
  offence: Text,
  disposal: Text,
});

export const Profile = z.strictObject({
  id: Slug,
  /** What the analyst's document is, e.g. "Subject profile" or "Address research". */
  title: Text,
  subject: z.strictObject({
    name: Text,
    aliases: z.array(Text).default([]),
    dateOfBirth: Text.optional(),
    age: z.number().int().min(0).max(120).optional(),
    gender: Text.optional(),
    address: Text,
    phone: Text.optional(),
    email: Text.optional(),
  }),
  household: z.array(Person).default([]),
  associates: z.array(Person).default([]),
  occupation: z
    .strictObject({
      employer: Text.optional(),
      role: Text,
      accessToChildren: Text,
    })
    .optional(),
  onlineActivity: z.array(Text).default([]),
  previousConvictions: z.array(Conviction).default([]),
  intelligence: z.array(IntelligenceItem).default([]),
  analystNotes: Markdown.optional(),
  /**
   * Analyst research teams do not see until it is released to them: by a facilitator from the
   * console, or by the assessor playing `releasedOnRequest` (an agency of the pack, the analyst)
   * when the team asks for it in the agency inbox.
   */
  heldBack: z.boolean().default(false),
  releasedOnRequest: Slug.optional(),
});

/**
 * What a team must have done by a minute of the exercise clock (time live, pauses excluded) for a
 * "not done by" inject not to fire. Each variant is told apart by the key naming what is awaited:
 * `decision` (a pack decision id; with `options`, only a record choosing one of them counts), or
 * `meeting` (a meeting id of the scenario: convened by the team's decision or a facilitator counts).
 */
const NotDoneByMinute = z.number().int().min(1).max(24 * 60);
export const NotDoneBy = z.union([
  z.strictObject({
    decision: Slug,
    options: z.array(Slug).min(1).optional(),
    minute: NotDoneByMinute,
  }),
  z.strictObject({
    meeting: Slug,
    minute: NotDoneByMinute,
  }),
]);
export type NotDoneBy = z.infer<typeof NotDoneBy>;

export const InjectTrigger = z.discriminatedUnion('type', [
  /** Released by a facilitator when the team asks or the moment fits. */
  z.strictObject({ type: z.literal('manual') }),
  /** Released automatically this many minutes after the run goes live. */
  z.strictObject({ type: z.literal('time'), minutesAfterStart: z.number().int().min(0).max(24 * 60) }),
  /**
   * Released automatically when the team records this decision; when options are given, only when
   * one of them is chosen.
   */
  z.strictObject({ type: z.literal('decision'), decision: Slug, options: z.array(Slug).min(1).optional() }),
  /**
   * Released automatically at `notDoneBy.minute` (exercise clock) to each team that has not done
   * what `notDoneBy` names by then: a hint, a consequence, a call from an angry partner. Once per
   * team, never to a team that did it in time.
   */
  z.strictObject({ type: z.literal('not-done-by'), notDoneBy: NotDoneBy }),
]);

export const Inject = z.strictObject({
  id: Slug,
  title: Text,
  /** Who it comes from: an agency id of the pack, or a free description ("Duty sergeant"). */
  from: Text,
  /** The agency id when the inject is an agency's answer, so assessors can send it from the inbox. */
  agency: Slug.optional(),
  body: Markdown,
  trigger: InjectTrigger,
  /** A micro-teach released alongside this inject. */
  microTeach: Slug.optional(),
  /** Why the inject exists and what it tests; never sent to teams. */
  facilitatorNote: Text.optional(),
  /**
   * For the run review: a hint helps a team that is stuck, a challenge tests its judgement (a senior
   * officer questioning a decision). Omitted means ordinary information.
   */
  purpose: z.enum(['hint', 'challenge']).optional(),
});

export const DecisionOption = z.strictObject({
  id: Slug,
  label: Text,
  /** On a multiple decision, an option ("No disclosure") that cannot be chosen with any other. */
  exclusive: z.boolean().optional(),
});

export const DecisionPoint = z.strictObject({
  id: Slug,
  question: Text,
  help: Markdown.optional(),
  /** When true the team may choose several options (e.g. whom to disclose to). */
  multiple: z.boolean().default(false),
  options: z.array(DecisionOption).min(2).max(12, cap(12, 'options', 'a decision')),
  /**
   * The inject whose release makes this decision relevant; until it is released to a team, the team
   * neither sees the decision nor can record it. Omitted: from the start.
   */
  appearsWith: Slug.optional(),
});

/**
 * The kinds of meeting a scenario may need. A MAPP meeting is held at MAPPA level 1–3 (MAPPA
 * Guidance, MoJ/HMPPS: level 1 is ordinary agency management, levels 2 and 3 are managed through
 * MAPP meetings); a strategy discussion or meeting is convened by Children's Social Care where a child
 * may be suffering significant harm (Working Together to Safeguard Children 2023, chapter 3); an
 * allegations management meeting is the LADO's; a PDP meeting is the police-led professionals' meeting
 * for a potentially dangerous person.
 */
export const MeetingKind = z.enum(['mapp-meeting', 'strategy-discussion', 'strategy-meeting', 'allegations-management-meeting', 'pdp-meeting']);
export type MeetingKind = z.infer<typeof MeetingKind>;

export const MappaLevel = z.number().int().min(1, 'MAPPA levels are 1, 2 and 3').max(3, 'MAPPA levels are 1, 2 and 3');

/** Who chairs: a member of staff in role (an assessor or the lead playing e.g. "DI, PPU"), or the team itself. */
export const MeetingChair = z.discriminatedUnion('by', [
  z.strictObject({ by: z.literal('staff'), role: Text }),
  z.strictObject({ by: z.literal('team') }),
]);

export const AgendaItem = z.strictObject({ id: Slug, title: Text, help: Markdown.optional() });

export const MeetingDefinition = z.strictObject({
  id: Slug,
  kind: MeetingKind,
  title: Text,
  /** The level the case needs (MAPP meetings only): what the rubric's meeting-level rule expects. */
  level: MappaLevel.optional(),
  chair: MeetingChair,
  /** The pack's agencies (meta.agencies) that should attend; assessors play them. */
  agencies: z.array(Slug).min(1).max(20, cap(20, 'agencies', 'a meeting')),
  agenda: z.array(AgendaItem).min(1).max(20, cap(20, 'agenda items', 'a meeting')),
  /** The team's decision (and option) that convenes the meeting; omitted: only a facilitator convenes it. */
  convenedBy: z.strictObject({ decision: Slug, options: z.array(Slug).min(1) }).optional(),
  /** The team's decision whose options set the level the meeting is convened at (option id → level). */
  levelFrom: z.strictObject({ decision: Slug, levels: z.record(Slug, MappaLevel) }).optional(),
  /** The team's decision whose options that are agency ids say whom the team invited. */
  invitedFrom: z.strictObject({ decision: Slug }).optional(),
  /** Injects of the scenario released to the team when the meeting closes. */
  outcomeInjects: z.array(Slug).max(10, cap(10, 'outcome injects', 'a meeting')).default([]),
  /** For the chair and role-players; never sent to teams. */
  facilitatorNote: Text.optional(),
});
export type MeetingDefinition = z.infer<typeof MeetingDefinition>;

export const ModelDecision = z.strictObject({
  decision: Slug,
  /** The options a strong team chooses. */
  expected: z.array(Slug).min(1),
  rationale: Markdown,
});

export const Scenario = z.strictObject({
  id: Slug,
  title: Text,
  /** For facilitators and leads choosing which team gets which scenario. Never sent to teams. */
  facilitatorSummary: Markdown,
  referral: Referral,
  profiles: z.array(Profile).min(1).max(20, cap(20, 'profiles', 'a scenario')),
  injects: z.array(Inject).min(1).max(60, cap(60, 'injects', 'a scenario')),
  decisionPoints: z.array(DecisionPoint).min(1).max(30, cap(30, 'decision points', 'a scenario')),
  /** Meetings the scenario may need, convened by a team's decision or by a facilitator. */
  meetings: z.array(MeetingDefinition).max(5, cap(5, 'meetings', 'a scenario')).default([]),
  modelAnswer: z.strictObject({
    /** The band a careful team reaches on the instrument for this scenario. */
    expectedBand: Slug,
    summary: Markdown,
    decisions: z.array(ModelDecision).min(1),
  }),
  assessorNotes: Markdown,
});

// ---------------------------------------------------------------------------------------------
// Micro-teaches (front matter of micro-teaches/<id>.md; the Markdown body becomes `body`)

export const MicroTeach = z.strictObject({
  id: Slug,
  title: Text,
  summary: Text,
  body: Markdown,
});

// ---------------------------------------------------------------------------------------------
// Rubric

/** A share of the points for choosing this option (in one scenario, or in every one the rule marks). */
export const PartialCredit = z.strictObject({
  option: Slug,
  credit: z.number().gt(0).lt(1),
  scenario: Slug.optional(),
});

/**
 * Which of a team's records of a decision a criterion marks: the first, the latest, or the latest
 * made no later than a named inject's release (the unaided answer, before a hint or a challenge).
 */
export const RecordChoice = z.union([z.literal('first'), z.literal('latest'), z.strictObject({ beforeInject: Slug })]);
export type RecordChoice = z.infer<typeof RecordChoice>;

export const AutomaticRule = z.discriminatedUnion('type', [
  /** The team's computed band against the scenario's expected band. */
  z.strictObject({
    type: z.literal('band'),
    /** Share of the points when the band is one step away (0 gives credit only for an exact band). */
    withinOneCredit: z.number().min(0).max(1).default(0),
  }),
  /**
   * The team's options for a decision against the scenario's model answer (partial credit by overlap).
   * partialCredit gives a single-choice decision's not-expected option a share of the points.
   */
  z.strictObject({
    type: z.literal('decision-matches-model'),
    decision: Slug,
    partialCredit: z.array(PartialCredit).min(1).optional(),
  }),
  /**
   * The team's options for a decision against a fixed list: all (credit in proportion to how many
   * were chosen), any (full credit for one), none (full credit for avoiding all of them).
   */
  z.strictObject({
    type: z.literal('options'),
    decision: Slug,
    mode: z.enum(['all', 'any', 'none']),
    options: z.array(Slug).min(1),
  }),
  /**
   * Credit when the decision, as it stood when the inject was released to the team (or now, if it
   * never was), is one of `options`. The validator requires `options`; versions made before it
   * existed credit any recording before the release.
   */
  z.strictObject({ type: z.literal('decision-before-inject'), decision: Slug, inject: Slug, options: z.array(Slug).min(1).optional() }),
  /**
   * Credit when the team's meeting was convened (by its decision or a facilitator); with byMinute,
   * only when convened no later than that many minutes after the run went live.
   */
  z.strictObject({ type: z.literal('meeting-convened'), meeting: Slug, byMinute: z.number().int().min(0).max(24 * 60).optional() }),
  /** Credit when the meeting was held at the level its definition says the case needs. */
  z.strictObject({ type: z.literal('meeting-level'), meeting: Slug }),
  /** The share of these agencies present at the meeting. */
  z.strictObject({ type: z.literal('meeting-agencies'), meeting: Slug, agencies: z.array(Slug).min(1) }),
  /** The share of the meeting's actions that have both an owner and a due time; none recorded earns nothing. */
  z.strictObject({ type: z.literal('meeting-actions'), meeting: Slug }),
  /** Credit when every required, visible instrument item is answered. */
  z.strictObject({ type: z.literal('instrument-complete') }),
  /**
   * Credit when the inject (a hint, typically a "not done by" one) was never released to the team:
   * needing the hint costs the criterion's points.
   */
  z.strictObject({ type: z.literal('inject-not-released'), inject: Slug }),
]);

export const JudgementLevel = z.strictObject({
  id: Slug,
  label: Text,
  descriptor: Text,
  points: z.number().min(0),
});

const CriterionBase = {
  id: Slug,
  objective: Slug,
  title: Text,
  description: Text,
  /** Limit the criterion to some scenarios; omitted means every scenario. */
  scenarios: z.array(Slug).min(1).optional(),
};

export const AutomaticCriterion = z.strictObject({
  ...CriterionBase,
  kind: z.literal('automatic'),
  points: z.number().positive(),
  rule: AutomaticRule,
  /** For rules that read a decision's options; omitted means the latest record. */
  record: RecordChoice.optional(),
});

export const JudgementCriterion = z.strictObject({
  ...CriterionBase,
  kind: z.literal('judgement'),
  /** The decision whose justification the assessor reads, if the criterion is about one. */
  decision: Slug.optional(),
  /** Lowest first; at least weak, adequate and strong. */
  levels: z.array(JudgementLevel).min(2).max(8, cap(8, 'levels', 'a criterion')),
});

export const Criterion = z.discriminatedUnion('kind', [AutomaticCriterion, JudgementCriterion]);
/** Automatic criteria are scored by rules from the team's work; judgement criteria by assessors. */
export const CriterionKind = z.enum(['automatic', 'judgement']);
export type CriterionKind = z.infer<typeof CriterionKind>;

export const Rubric = z.strictObject({
  criteria: z.array(Criterion).min(1).max(60, cap(60, 'criteria', 'the rubric')),
});

// ---------------------------------------------------------------------------------------------
// Changelog (changelog.yaml): why this version differs from earlier ones, so L&D can tell why one
// cohort's results differ from another's.

export const ChangelogChange = z.strictObject({
  /** What part changed: scenario content, the instrument (items, floors, bands), or marking. */
  area: z.enum(['content', 'instrument', 'marking', 'format']),
  text: Text,
  /** The public source a content correction rests on (title and section). */
  source: Text.optional(),
});

export const CriterionRuleChange = z.strictObject({
  /** Criteria keep their ids across versions, so results can be compared by id. */
  criterion: Slug,
  change: Text,
});

export const ChangelogEntry = z.strictObject({
  version: PackVersion,
  date: z.iso.date('must be a date like 2026-12-01'),
  summary: Text,
  changes: z.array(ChangelogChange).min(1),
  /** Criteria whose marking rule changed in this version: the same id may now score differently. */
  criteriaChanged: z.array(CriterionRuleChange).default([]),
});

/** Newest first; the first entry is this version. */
export const Changelog = z.strictObject({
  versions: z.array(ChangelogEntry).min(1),
});
export type Changelog = z.infer<typeof Changelog>;

// ---------------------------------------------------------------------------------------------
// The whole pack, as loaded from its folder

export const Pack = z.strictObject({
  meta: PackMeta,
  instrument: Instrument,
  scenarios: z.array(Scenario).min(1).max(20, cap(20, 'scenarios', 'a pack')),
  microTeaches: z.array(MicroTeach).max(40, cap(40, 'micro-teaches', 'a pack')).default([]),
  rubric: Rubric,
  /** From changelog.yaml; packs made before it existed have none. */
  changelog: Changelog.optional(),
});

export type Pack = z.infer<typeof Pack>;
export type PackMeta = z.infer<typeof PackMeta>;
export type Instrument = z.infer<typeof Instrument>;
export type InstrumentItem = z.infer<typeof InstrumentItem>;
export type InstrumentSection = z.infer<typeof InstrumentSection>;
export type Band = z.infer<typeof Band>;
export type Scenario = z.infer<typeof Scenario>;
export type Inject = z.infer<typeof Inject>;
export type InjectTrigger = z.infer<typeof InjectTrigger>;
export type DecisionPoint = z.infer<typeof DecisionPoint>;
export type MicroTeach = z.infer<typeof MicroTeach>;
export type Rubric = z.infer<typeof Rubric>;
export type Criterion = z.infer<typeof Criterion>;
export type JudgementCriterion = z.infer<typeof JudgementCriterion>;
export type AutomaticRule = z.infer<typeof AutomaticRule>;
export type Profile = z.infer<typeof Profile>;
export type PartialCredit = z.infer<typeof PartialCredit>;
