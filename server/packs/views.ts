/**
 * What the API shows of a pack, to whom. Leads see summaries and the whole pack. Teams see a
 * projection built field by field from an allow-list, so the rubric, model answers, assessor and
 * facilitator notes and unreleased injects cannot reach them even if the pack format grows.
 */
import { z } from 'zod';
import {
  Agency,
  BandShown,
  Changelog,
  DecisionPoint,
  ExerciseType,
  LearningObjective,
  Pack,
  Profile,
  Referral,
  type Scenario,
  type Instrument,
  type InstrumentItem,
  Condition,
} from './schema.js';
import { bandShownSetting, decisionShown } from './lookups.js';

export const PackSummary = z
  .object({
    packVersionId: z.uuid(),
    packId: z.string(),
    version: z.string(),
    title: z.string(),
    exerciseType: ExerciseType,
    summary: z.string(),
    disclaimer: z.string().optional(),
    durationMinutes: z.number().optional(),
    /** True when the pack belongs to the caller's organisation rather than the shared library. */
    ownedByOrganisation: z.boolean(),
    importedAt: z.iso.datetime(),
    objectives: z.array(LearningObjective),
    agencies: z.array(Agency),
    scenarios: z.array(z.object({ id: z.string(), title: z.string(), facilitatorSummary: z.string() })),
    counts: z.object({ instrumentItems: z.number(), injects: z.number(), microTeaches: z.number(), criteria: z.number() }),
    /** What changed since earlier versions (changelog.yaml), newest first; absent for older packs. */
    changelog: Changelog.optional(),
  })
  .meta({ id: 'PackSummary' });
export type PackSummary = z.infer<typeof PackSummary>;

export const PackDetail = z
  .object({ packVersionId: z.uuid(), importedAt: z.iso.datetime(), pack: Pack })
  .meta({ id: 'PackDetail' });

const TeamChoiceOption = z.object({ value: z.string(), label: z.string(), exclusive: z.boolean().optional() });

const teamItemBase = {
  id: z.string(),
  label: z.string(),
  help: z.string().optional(),
  required: z.boolean(),
  visibleWhen: Condition.optional(),
};

export const TeamInstrumentItem = z.discriminatedUnion('kind', [
  z.object({ ...teamItemBase, kind: z.enum(['single-choice', 'multiple-choice']), options: z.array(TeamChoiceOption) }),
  z.object({ ...teamItemBase, kind: z.literal('yes-no-unknown') }),
  z.object({
    ...teamItemBase,
    kind: z.literal('number'),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean(),
    unit: z.string().optional(),
  }),
  z.object({ ...teamItemBase, kind: z.literal('date') }),
  z.object({ ...teamItemBase, kind: z.enum(['short-text', 'long-text']), maxLength: z.number() }),
]);
export type TeamInstrumentItem = z.infer<typeof TeamInstrumentItem>;

export const TeamInstrument = z.object({
  id: z.string(),
  title: z.string(),
  disclaimer: z.string().optional(),
  /** True when teams see the band while they answer (packs before bandShown; see bandShown). */
  showBandToTeams: z.boolean(),
  /** When the team will see the band and what drove it. */
  bandShown: BandShown,
  sections: z.array(z.object({ id: z.string(), title: z.string(), description: z.string().optional(), items: z.array(TeamInstrumentItem) })),
  /** The band wording teams may see; empty when the band is shown only with results. */
  bands: z.array(z.object({ id: z.string(), label: z.string(), description: z.string() })),
});

/** A profile as teams read it, without whether or how it was held back. */
export const TeamProfile = Profile.omit({ heldBack: true, releasedOnRequest: true });

export const TeamScenarioView = z
  .object({
    pack: z.object({
      id: z.string(),
      version: z.string(),
      title: z.string(),
      disclaimer: z.string().optional(),
      /** Markdown the team reads, and acknowledges, before its referral; never the debrief's reveal note. */
      contentNote: z.string().optional(),
    }),
    scenario: z.object({ id: z.string(), title: z.string() }),
    referral: Referral,
    /** The analyst's research the team has: held-back research only once released to it. */
    profiles: z.array(TeamProfile),
    /** The decisions the team can record now: those tied to an inject appear once it is released. */
    decisionPoints: z.array(DecisionPoint.omit({ appearsWith: true })),
    agencies: z.array(Agency),
    instrument: TeamInstrument,
  })
  .meta({ id: 'TeamScenarioView' });
export type TeamScenarioView = z.infer<typeof TeamScenarioView>;

/**
 * A lead's preview of a scenario: everything the day can bring a team, as if all were released,
 * with the held-back research named so the preview can say that teams see it only once released.
 */
export const ScenarioPreview = TeamScenarioView.extend({ heldBackProfileIds: z.array(z.string()) }).meta({ id: 'ScenarioPreview' });
export type ScenarioPreview = z.infer<typeof ScenarioPreview>;

export function toPackSummary(row: { id: string; organisationId: string | null; importedAt: Date }, pack: Pack): PackSummary {
  return {
    packVersionId: row.id,
    packId: pack.meta.id,
    version: pack.meta.version,
    title: pack.meta.title,
    exerciseType: pack.meta.exerciseType,
    summary: pack.meta.summary,
    disclaimer: pack.meta.disclaimer,
    durationMinutes: pack.meta.durationMinutes,
    ownedByOrganisation: row.organisationId !== null,
    importedAt: row.importedAt.toISOString(),
    objectives: pack.meta.objectives,
    agencies: pack.meta.agencies,
    scenarios: pack.scenarios.map(({ id, title, facilitatorSummary }) => ({ id, title, facilitatorSummary })),
    counts: {
      instrumentItems: pack.instrument.sections.reduce((total, section) => total + section.items.length, 0),
      injects: pack.scenarios.reduce((total, scenario) => total + scenario.injects.length, 0),
      microTeaches: pack.microTeaches.length,
      criteria: pack.rubric.criteria.length,
    },
    ...(pack.changelog ? { changelog: pack.changelog } : {}),
  };
}

/** What has been released to the team so far that changes what it sees of its scenario. */
export interface TeamReleases {
  injects: ReadonlySet<string>;
  /** Held-back profiles released to the team. */
  research: ReadonlySet<string>;
}

/**
 * The scenario as a team sees it on the day: the decisions the injects released so far make
 * relevant, and held-back research only once released.
 */
export function toTeamScenarioView(pack: Pack, scenario: Scenario, released: TeamReleases): TeamScenarioView {
  const releasedInjectIds = released.injects;
  return {
    pack: { id: pack.meta.id, version: pack.meta.version, title: pack.meta.title, disclaimer: pack.meta.disclaimer, contentNote: pack.meta.contentNote },
    scenario: { id: scenario.id, title: scenario.title },
    referral: scenario.referral,
    profiles: scenario.profiles
      .filter((profile) => !profile.heldBack || released.research.has(profile.id))
      .map(({ heldBack: _heldBack, releasedOnRequest: _releasedOnRequest, ...profile }) => profile),
    decisionPoints: scenario.decisionPoints
      .filter((point) => decisionShown(point, releasedInjectIds))
      .map(({ id, question, help, multiple, options }) => ({
        id,
        question,
        help,
        multiple,
        options: options.map(({ id: optionId, label, exclusive }) => ({ id: optionId, label, ...(exclusive ? { exclusive } : {}) })),
      })),
    agencies: pack.meta.agencies,
    instrument: toTeamInstrument(pack.instrument),
  };
}

function toTeamInstrument(instrument: Instrument): z.infer<typeof TeamInstrument> {
  const bandShown = bandShownSetting(instrument);
  return {
    id: instrument.id,
    title: instrument.title,
    disclaimer: instrument.disclaimer,
    showBandToTeams: bandShown === 'while-answering',
    bandShown,
    sections: instrument.sections.map((section) => ({
      id: section.id,
      title: section.title,
      description: section.description,
      items: section.items.map(toTeamItem),
    })),
    bands: bandShown === 'after-results' ? [] : instrument.bands.map(({ id, label, description }) => ({ id, label, description })),
  };
}

/** Item wording and behaviour without points, weights or factor names: teams see the band, not the sums. */
function toTeamItem(item: InstrumentItem): TeamInstrumentItem {
  const base = { id: item.id, label: item.label, help: item.help, required: item.required, visibleWhen: item.visibleWhen };
  switch (item.kind) {
    case 'single-choice':
    case 'multiple-choice':
      return {
        ...base,
        kind: item.kind,
        options: item.options.map(({ value, label, exclusive }) => ({ value, label, ...(exclusive ? { exclusive } : {}) })),
      };
    case 'yes-no-unknown':
    case 'date':
      return { ...base, kind: item.kind };
    case 'number':
      return { ...base, kind: 'number', min: item.min, max: item.max, integer: item.integer, unit: item.unit };
    case 'short-text':
    case 'long-text':
      return { ...base, kind: item.kind, maxLength: item.maxLength };
  }
}
