/**
 * The rule behind an item's `visibleWhen` and a floor's `when`, shared by the server's scoring and
 * the team's form in the browser. It imports only types, so the client can bundle it without zod.
 */
import type { Condition } from './schema.js';

/** An answer as stored: an option value, several, a number, text or a date; null when cleared. */
export type ConditionAnswer = string | readonly string[] | number | null | undefined;

export function isAnswered(answer: ConditionAnswer): boolean {
  if (answer === undefined || answer === null) return false;
  if (typeof answer === 'string') return answer.trim() !== '';
  if (typeof answer === 'number') return Number.isFinite(answer);
  return answer.length > 0;
}

/**
 * Whether a condition holds over answers. An item absent from `answers` counts as unanswered, so
 * callers pass only the answers of visible items.
 */
export function evaluateCondition(condition: Condition, answers: Readonly<Record<string, ConditionAnswer>>): boolean {
  if ('all' in condition) return condition.all.every((part) => evaluateCondition(part, answers));
  if ('any' in condition) return condition.any.some((part) => evaluateCondition(part, answers));
  const answer = answers[condition.item];
  if ('answered' in condition) return isAnswered(answer) === condition.answered;
  if (!isAnswered(answer)) return false;
  if ('equals' in condition) return answer === condition.equals;
  if ('in' in condition) return condition.in.some((value) => value === answer);
  if ('includes' in condition) return Array.isArray(answer) && answer.includes(condition.includes);
  return typeof answer === 'number' && answer >= condition.atLeast;
}
