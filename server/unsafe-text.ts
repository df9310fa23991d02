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

/**
 * C0 and C1 control characters (tabs and new lines included: a name is one line), and Unicode's
 * bidirectional controls (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates, and the
 * marks U+200E, U+200F, U+061C), which can make "Team A" display as another name or reorder a list.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NAME_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** What is wrong with a name shown to others (a team, a cohort, a person); undefined when it is fine. */
export function unsafeNameProblem(name: string): string | undefined {
  return NAME_UNSAFE.test(name)
    ? 'must not contain control characters or text-direction marks (often pasted in with the text): retype it'
    : undefined;
}

/** A zod refinement for a name field: `what` begins the message, e.g. "The team name". */
export function refuseUnsafeName(what: string) {
  return (name: string, context: { addIssue(issue: { code: 'custom'; message: string }): void }) => {
    const problem = unsafeNameProblem(name);
    if (problem) context.addIssue({ code: 'custom', message: `${what} ${problem}` });
  };
}
