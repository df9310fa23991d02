/**
 * Text that PostgreSQL cannot store: the NUL character, and lone UTF-16 surrogates (half of a
 * character, which JSON escapes and JavaScript strings allow but UTF-8 cannot encode). Used for
 * request input and for pack content alike. Both patterns are single characters with a one-character
 * look-around, so they run in linear time on any input.
 */
// eslint-disable-next-line no-control-regex -- finding the NUL character is the point
const NUL = /\u0000/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What is wrong with the text, as a message that says what to change; undefined when it can be stored. */
export function unsafeTextProblem(text: string): string | undefined {
  if (NUL.test(text)) return 'contains a NUL character (often pasted from another program): delete it, or retype the text';
  if (LONE_SURROGATE.test(text)) return 'contains half of a character (a broken emoji or symbol, often from a cut-off paste): delete it, or retype the text';
  return undefined;
}
