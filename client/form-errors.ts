/** Turning API validation failures into GOV.UK-style field errors. */
import type { ApiError } from './api/client.js';
import type { FieldError } from './components/form-parts.js';

/**
 * The field id a page gives the control for an API detail path: "body.email" → "email",
 * "body.teams.1.name" → "teams-1-name".
 */
export function fieldIdForPath(path: string): string {
  return path
    .replace(/^body\./, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .join('-');
}

/**
 * Field errors from a failed request. Details become errors on their fields (`remap` may redirect a
 * field id the page does not have to one it has); a failure without details becomes one error on
 * `fallbackFieldId`. At most one error per field, the first given.
 */
export function fieldErrorsFrom(
  error: ApiError,
  fallbackFieldId: string,
  remap: (fieldId: string) => string = (fieldId) => fieldId,
): FieldError[] {
  const errors =
    error.details.length > 0
      ? error.details.map((detail) => ({ fieldId: remap(fieldIdForPath(detail.path)), message: detail.message }))
      : [{ fieldId: fallbackFieldId, message: error.message }];
  return errors.filter((candidate, index) => errors.findIndex((other) => other.fieldId === candidate.fieldId) === index);
}

/** The message for one field, or '' when it has none. */
export function errorFor(errors: readonly FieldError[], fieldId: string): string {
  return errors.find((error) => error.fieldId === fieldId)?.message ?? '';
}
