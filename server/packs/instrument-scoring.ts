/**
 * Scoring a team's answers on a pack's practice instrument: the score, the band, the floors that
 * lifted it and the factors that drove it. Pure: no I/O, so the API, the marking and the tests share it.
 */
import { z } from 'zod';
import { evaluateCondition, isAnswered } from './conditions.js';
import type { Band, Instrument, InstrumentItem } from './schema.js';

/**
 * Keyed by item id. Single choice: the option value; yes/no/unknown: 'yes' | 'no' | 'unknown';
 * date: 'YYYY-MM-DD'; text: the text; multiple choice: the option values; number: the number.
 */
export const InstrumentAnswers = z.record(z.string(), z.union([z.string(), z.array(z.string()), z.number()]));
export type InstrumentAnswers = z.infer<typeof InstrumentAnswers>;
type Answer = InstrumentAnswers[string];

export const ItemDriver = z.object({
  kind: z.literal('item'),
  itemId: z.string(),
  /** The item's `factor`, or its label when it has none. */
  factor: z.string(),
  /** What the team answered that earned the points: an option label, or the number. */
  answer: z.string(),
  points: z.number(),
});

export const FloorDriver = z.object({
  kind: z.literal('floor'),
  floorId: z.string(),
  atLeast: z.string(),
  reason: z.string(),
});

export const AppliedFloor = z.object({
  id: z.string(),
  atLeast: z.string(),
  reason: z.string(),
  /** False when the score alone already reached the floor's band. */
  raisedBand: z.boolean(),
});

export const InstrumentResult = z
  .object({
    score: z.number(),
    /** The most the visible items could score. */
    maxScore: z.number(),
    band: z.object({ id: z.string(), label: z.string(), description: z.string() }),
    /** The band from the score alone, before floors. */
    scoreBandId: z.string(),
    floors: z.array(AppliedFloor),
    /** What drove the band: items by points, highest first, then the floors that applied. */
    drivers: z.array(z.discriminatedUnion('kind', [ItemDriver, FloorDriver])),
    /** Required items that are visible but unanswered, in form order. */
    missing: z.array(z.object({ itemId: z.string(), sectionId: z.string(), label: z.string() })),
    /** The pack's contradictions that the answers meet: shown to the team until resolved. */
    contradictions: z.array(z.object({ id: z.string(), message: z.string() })),
    /** Every required visible item answered and no contradiction standing. */
    complete: z.boolean(),
  })
  .meta({ id: 'InstrumentResult' });
export type InstrumentResult = z.infer<typeof InstrumentResult>;
type ItemDriver = z.infer<typeof ItemDriver>;

type PlacedItem = { item: InstrumentItem; sectionId: string };

/**
 * The items shown to the team, in form order. An item's visibleWhen is evaluated over the answers to
 * the visible items before it, so a condition on a hidden item sees it as unanswered.
 */
export { evaluateCondition };

export function visibleItems(instrument: Instrument, answers: InstrumentAnswers): InstrumentItem[] {
  return placeVisibleItems(instrument, answers).visible.map(({ item }) => item);
}

function placeVisibleItems(instrument: Instrument, answers: InstrumentAnswers) {
  const visible: PlacedItem[] = [];
  const visibleAnswers: InstrumentAnswers = {};
  for (const section of instrument.sections) {
    for (const item of section.items) {
      if (item.visibleWhen && !evaluateCondition(item.visibleWhen, visibleAnswers)) continue;
      visible.push({ item, sectionId: section.id });
      const answer = fittingAnswer(item, answers[item.id]);
      if (answer !== undefined) visibleAnswers[item.id] = answer;
    }
  }
  return { visible, visibleAnswers };
}

export function scoreInstrument(instrument: Instrument, answers: InstrumentAnswers): InstrumentResult {
  const { visible, visibleAnswers } = placeVisibleItems(instrument, answers);

  const itemDrivers = visible
    .flatMap(({ item }) => itemDriversFor(item, visibleAnswers[item.id]))
    .sort((a, b) => b.points - a.points);
  const score = itemDrivers.reduce((sum, driver) => sum + driver.points, 0);
  const maxScore = visible.reduce((sum, { item }) => sum + maxPointsFor(item), 0);

  const scoreBandIndex = bandIndexForScore(instrument.bands, score);
  let bandIndex = scoreBandIndex;
  const floors: InstrumentResult['floors'] = [];
  for (const floor of instrument.floors) {
    const floorBandIndex = instrument.bands.findIndex((band) => band.id === floor.atLeast);
    if (floorBandIndex < 0 || !evaluateCondition(floor.when, visibleAnswers)) continue;
    floors.push({ id: floor.id, atLeast: floor.atLeast, reason: floor.reason, raisedBand: floorBandIndex > scoreBandIndex });
    bandIndex = Math.max(bandIndex, floorBandIndex);
  }

  const missing = visible
    .filter(({ item }) => item.required && visibleAnswers[item.id] === undefined)
    .map(({ item, sectionId }) => ({ itemId: item.id, sectionId, label: item.label }));

  const contradictions = instrument.contradictions
    .filter((contradiction) => evaluateCondition(contradiction.when, visibleAnswers))
    .map(({ id, message }) => ({ id, message }));

  const band = bandAt(instrument.bands, bandIndex);
  return {
    score,
    maxScore,
    band: { id: band.id, label: band.label, description: band.description },
    scoreBandId: bandAt(instrument.bands, scoreBandIndex).id,
    floors,
    drivers: [
      ...itemDrivers,
      ...floors.map((floor) => ({ kind: 'floor' as const, floorId: floor.id, atLeast: floor.atLeast, reason: floor.reason })),
    ],
    missing,
    contradictions,
    complete: missing.length === 0 && contradictions.length === 0,
  };
}

/** Bands are listed lowest first; a score below the lowest threshold still gets the lowest band. */
function bandIndexForScore(bands: readonly Band[], score: number): number {
  let index = 0;
  bands.forEach((band, candidate) => {
    if (band.minScore <= score) index = candidate;
  });
  return index;
}

function bandAt(bands: readonly Band[], index: number): Band {
  const band = bands[index];
  if (!band) throw new Error(`the instrument has no band at position ${index}`);
  return band;
}


const YES_NO_UNKNOWN_LABELS = { yes: 'Yes', no: 'No', unknown: 'Unknown' } as const;
type YesNoUnknown = keyof typeof YES_NO_UNKNOWN_LABELS;

function isYesNoUnknown(answer: Answer): answer is YesNoUnknown {
  return typeof answer === 'string' && Object.hasOwn(YES_NO_UNKNOWN_LABELS, answer);
}

/**
 * The answer if it is a real answer to this item, else undefined: an answer of the wrong kind, an
 * unknown option or an out-of-range number counts as unanswered rather than scoring by accident.
 */
function fittingAnswer(item: InstrumentItem, answer: Answer | undefined): Answer | undefined {
  if (answer === undefined || !isAnswered(answer)) return undefined;
  switch (item.kind) {
    case 'single-choice':
      return typeof answer === 'string' && item.options.some((option) => option.value === answer) ? answer : undefined;
    case 'multiple-choice': {
      if (!Array.isArray(answer)) return undefined;
      const known = answer.every((value) => item.options.some((option) => option.value === value));
      return known ? [...new Set(answer)] : undefined;
    }
    case 'yes-no-unknown':
      return isYesNoUnknown(answer) ? answer : undefined;
    case 'number': {
      if (typeof answer !== 'number') return undefined;
      const fits =
        (!item.integer || Number.isInteger(answer)) &&
        (item.min === undefined || answer >= item.min) &&
        (item.max === undefined || answer <= item.max);
      return fits ? answer : undefined;
    }
    case 'date':
      return typeof answer === 'string' && isCalendarDate(answer) ? answer : undefined;
    case 'short-text':
    case 'long-text':
      return typeof answer === 'string' && answer.length <= item.maxLength ? answer : undefined;
  }
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

function itemDriversFor(item: InstrumentItem, answer: Answer | undefined): ItemDriver[] {
  if (answer === undefined) return [];
  const driver = (answerLabel: string, points: number): ItemDriver => ({
    kind: 'item',
    itemId: item.id,
    factor: item.factor ?? item.label,
    answer: answerLabel,
    points: points * item.weight,
  });
  let earned: ItemDriver[];
  switch (item.kind) {
    case 'single-choice':
    case 'multiple-choice': {
      const chosen = item.options.filter((option) => (Array.isArray(answer) ? answer.includes(option.value) : option.value === answer));
      earned = chosen.map((option) => driver(option.label, option.points));
      break;
    }
    case 'yes-no-unknown':
      earned = isYesNoUnknown(answer) ? [driver(YES_NO_UNKNOWN_LABELS[answer], item.points[answer])] : [];
      break;
    case 'number': {
      const range = typeof answer === 'number' ? item.points.find((candidate) => matchesRange(candidate, answer)) : undefined;
      earned = range ? [driver(String(answer), range.points)] : [];
      break;
    }
    default:
      earned = [];
  }
  return earned.filter((entry) => entry.points !== 0);
}

function matchesRange(range: { min: number; max?: number | undefined }, value: number): boolean {
  return value >= range.min && (range.max === undefined || value <= range.max);
}

function maxPointsFor(item: InstrumentItem): number {
  switch (item.kind) {
    case 'single-choice':
      return Math.max(...item.options.map((option) => option.points)) * item.weight;
    case 'multiple-choice':
      return item.options.reduce((sum, option) => sum + Math.max(0, option.points), 0) * item.weight;
    case 'yes-no-unknown':
      return Math.max(item.points.yes, item.points.no, item.points.unknown) * item.weight;
    case 'number':
      // A number outside every range scores 0, so 0 is always reachable.
      return Math.max(0, ...item.points.map((range) => range.points)) * item.weight;
    default:
      return 0;
  }
}
