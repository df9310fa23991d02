/**
 * Parsing pack YAML without trusting it: aliases are capped (a "billion laughs" file is refused
 * before it expands), duplicate keys are errors, and deeply nested values are refused.
 */
import { parseDocument } from 'yaml';

export const MAX_ALIAS_COUNT = 100;
export const MAX_NESTING_DEPTH = 32;

export type YamlOutcome = { ok: true; value: unknown } | { ok: false; message: string };

export function parseYaml(text: string): YamlOutcome {
  let value: unknown;
  try {
    // uniqueKeys is on by default: a repeated key is an error, never a silent overwrite.
    const document = parseDocument(text, { prettyErrors: true });
    const [firstError] = document.errors;
    if (firstError) return { ok: false, message: describeParseFailure(firstError) };
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return { ok: false, message: describeParseFailure(error) };
  }
  if (exceedsDepth(value, MAX_NESTING_DEPTH)) {
    return { ok: false, message: `nesting is deeper than ${MAX_NESTING_DEPTH} levels; no pack file needs that many, so the file is refused` };
  }
  return { ok: true, value };
}

function describeParseFailure(error: unknown): string {
  const message = error instanceof Error ? firstLine(error.message) : String(error);
  // The parser recurses per level, so extreme nesting surfaces as a stack overflow.
  if (error instanceof RangeError || /call stack/i.test(message)) {
    return `nesting is too deep to parse; no pack file needs more than ${MAX_NESTING_DEPTH} levels, so the file is refused`;
  }
  if (/alias/i.test(message)) {
    return `too many YAML aliases (more than ${MAX_ALIAS_COUNT}); write the content out instead of repeating it with aliases`;
  }
  return `YAML error: ${message}`;
}

/** yaml's pretty errors end the first line with ":" before a code excerpt; keep the sentence only. */
function firstLine(message: string): string {
  return message.split('\n', 1)[0]!.trim().replace(/:$/, '');
}

/** Walks at most `limit` levels, so a hostile value cannot make the check itself expensive. */
function exceedsDepth(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (limit === 0) return true;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => exceedsDepth(child, limit - 1));
}

export type FrontMatterOutcome = { ok: true; frontMatter: unknown; body: string } | { ok: false; message: string };

/** A Markdown file that starts with YAML between two `---` lines, then the Markdown body. */
export function parseFrontMatter(text: string): FrontMatterOutcome {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/.exec(text);
  if (!match) {
    return { ok: false, message: 'must start with YAML front matter between two "---" lines (id, title, summary), then the Markdown body' };
  }
  const frontMatter = parseYaml(match[1]!);
  if (!frontMatter.ok) return frontMatter;
  return { ok: true, frontMatter: frontMatter.value, body: match[2]! };
}
