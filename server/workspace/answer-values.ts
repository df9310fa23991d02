/**
 * Whether a value is an answer an instrument item can hold, with a sentence a person can act on
 * when it is not; and which stored answers the instrument scores. Pure.
 */
import type { InstrumentAnswers } from '../packs/instrument-scoring.js';
import type { InstrumentItem } from '../packs/schema.js';
import type { AnswerValue } from './schema.js';

export type AnswerCheck = { ok: true; value: AnswerValue } | { ok: false; message: string };

const YES_NO_UNKNOWN = new Set(['yes', 'no', 'unknown']);

/** The value to store (multiple choices without repeats), or why it does not fit the item. */
export function checkAnswerValue(item: InstrumentItem, value: AnswerValue): AnswerCheck {
  // Clearing is always allowed: required items are reported as missing by scoring, not refused here.
  if (value === null) return { ok: true, value };
  const refuse = (message: string): AnswerCheck => ({ ok: false, message });
  switch (item.kind) {
    case 'single-choice': {
      const values = item.options.map((option) => option.value);
      return typeof value === 'string' && values.includes(value)
        ? { ok: true, value }
        : refuse(`Choose one of the options: ${item.options.map((option) => option.label).join(', ')}`);
    }
    case 'multiple-choice': {
      const values = new Set(item.options.map((option) => option.value));
      if (!Array.isArray(value)) return refuse('Choose any of the options, as a list');
      const unknown = value.filter((chosen) => !values.has(chosen));
      if (unknown.length > 0) {
        return refuse(`Choose only from the options: ${item.options.map((option) => option.label).join(', ')}`);
      }
      const chosen = [...new Set(value)];
      const exclusive = item.options.find((option) => option.exclusive && chosen.includes(option.value));
      if (exclusive && chosen.length > 1) return refuse(`"${exclusive.label}" cannot be ticked with other options: untick it, or untick the others`);
      return { ok: true, value: chosen };
    }
    case 'yes-no-unknown':
      return typeof value === 'string' && YES_NO_UNKNOWN.has(value) ? { ok: true, value } : refuse('Answer yes, no or unknown');
    case 'number': {
      const unit = item.unit ? ` ${item.unit}` : '';
      if (typeof value !== 'number' || !Number.isFinite(value)) return refuse('Enter a number');
      if (item.integer && !Number.isInteger(value)) return refuse('Enter a whole number');
      if (item.min !== undefined && value < item.min) return refuse(`Enter a number of at least ${item.min}${unit}`);
      if (item.max !== undefined && value > item.max) return refuse(`Enter a number no more than ${item.max}${unit}`);
      return { ok: true, value };
    }
    case 'date':
      return typeof value === 'string' && isCalendarDate(value)
        ? { ok: true, value }
        : refuse('Enter a real date as year-month-day, like 2026-03-31');
    case 'short-text':
    case 'long-text':
      if (typeof value !== 'string') return refuse('Enter the answer as text');
      return value.length <= item.maxLength ? { ok: true, value } : refuse(`Keep the answer to ${item.maxLength} characters or fewer`);
  }
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** The answers the instrument scores: a cleared answer (null) counts as not answered. */
export function toInstrumentAnswers(rows: ReadonlyArray<{ itemId: string; value: AnswerValue }>): InstrumentAnswers {
  const answers: InstrumentAnswers = {};
  for (const row of rows) if (row.value !== null) answers[row.itemId] = row.value;
  return answers;
}
