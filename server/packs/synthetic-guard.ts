/**
 * Packs are fiction. This guard reads every string in a pack and refuses anything that could reach a
 * real person or carry real data: phone numbers outside Ofcom's drama ranges, emails and links off the
 * example domains, IP addresses outside the documentation ranges, National Insurance numbers, raw
 * HTML and images; and text PostgreSQL cannot store (NUL, lone surrogates).
 */
import MarkdownIt from 'markdown-it';
import type { PackIssue, PackPath, PathIssue } from './issues.js';
import { locateIssues, sourcesFor, type PackSources } from './layout.js';
import { unsafeTextProblem } from '../unsafe-text.js';
import type { Pack } from './schema.js';

export function guardSyntheticContent(pack: Pack, sources: PackSources = sourcesFor(pack)): PackIssue[] {
  const found: PathIssue[] = [];
  forEachString(pack, [], (text, path) => {
    // PostgreSQL cannot store these, so a pack holding them would pass its check and fail its import.
    const unstorable = unsafeTextProblem(text);
    if (unstorable) found.push({ path, message: `this text ${unstorable}` });
    for (const message of syntheticContentProblems(text)) found.push({ path, message });
  });
  return locateIssues(found, sources);
}

/** What is wrong with one piece of text, each as a message that says what to write instead. */
export function syntheticContentProblems(text: string): string[] {
  return [...phoneProblems(text), ...emailProblems(text), ...urlProblems(text), ...ipProblems(text), ...niNumberProblems(text), ...markdownProblems(text)];
}

function forEachString(value: unknown, path: PackPath, visit: (text: string, path: PackPath) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((entry, index) => forEachString(entry, [...path, index], visit));
  else if (value !== null && typeof value === 'object') {
    for (const [key, entry] of Object.entries(value)) {
      // Keys are text too (the values of a points map, for one).
      visit(key, [...path, key]);
      forEachString(entry, [...path, key], visit);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Phone numbers

/** Ofcom's numbers reserved for drama, as national numbers without spaces. */
const DRAMA_NUMBERS = [
  /^07700900\d{3}$/,
  /^02079460\d{3}$/,
  /^01(?:13|14|15|16|17|18|21|31|41|51|61)4960\d{3}$/,
  /^01632960\d{3}$/,
];

/**
 * A run that starts like a UK number (0, (0 or +44) and continues with digits, spaces, hyphens and
 * brackets. Bounded (the longest written UK number, "+44 (0)20 7946 0123", is 20 characters), so a
 * long run of "0 0 0 …" cannot make every match read to its end: quadratic time otherwise.
 */
const PHONE_LIKE = /(?<![\w.+\-/:])(?:\+44|\(?0)[\d ()-]{0,40}\d/g;

function phoneProblems(text: string): string[] {
  const problems: string[] = [];
  const pattern = new RegExp(PHONE_LIKE);
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const run = match[0];
    const national = nationalDigits(run);
    // UK numbers are 10 or 11 digits with the leading 0; a longer run is a number followed by more.
    if (national.length < 10) continue;
    const writtenDigits = run.replace(/\D/g, '').length;
    // Written digits run ahead of national ones by the "44" (and a "(0)"), so shift the cut to match.
    const candidate = prefixWithDigits(run, (national.length === 10 ? 10 : 11) + writtenDigits - national.length);
    pattern.lastIndex = match.index + candidate.length;
    if (DRAMA_NUMBERS.some((range) => range.test(nationalDigits(candidate)))) continue;
    problems.push(
      `"${candidate}" looks like a real phone number: use a number from Ofcom's drama range, e.g. 07700 900123 (mobile), 020 7946 0123 (London), 0161 496 0123 (city) or 01632 960123`,
    );
  }
  return problems;
}

/** The shortest prefix of `run` holding `count` digits. */
function prefixWithDigits(run: string, count: number): string {
  let seen = 0;
  for (let index = 0; index < run.length; index++) {
    if (/\d/.test(run[index]!) && ++seen === count) return run.slice(0, index + 1);
  }
  return run;
}

function nationalDigits(candidate: string): string {
  const digits = candidate.replace(/\D/g, '');
  if (!candidate.startsWith('+44')) return digits;
  const afterCountryCode = digits.slice(2);
  return afterCountryCode.startsWith('0') ? afterCountryCode : `0${afterCountryCode}`;
}

// ---------------------------------------------------------------------------------------------
// Emails, links and IP addresses

const EXAMPLE_DOMAINS = ['example.org', 'example.com', 'example.net'];

function isExampleHost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return EXAMPLE_DOMAINS.some((domain) => name === domain || name.endsWith(`.${domain}`));
}

const LOCAL_PART_CHAR = /[\w.%+-]/;
const DOMAIN = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+/i;
const DOMAIN_CHARS = /^[a-z0-9.-]*/i;

/**
 * Every address: each "@" with the run of local-part characters before it and a domain after.
 * Found from each "@" rather than with one pattern, because /[\w.%+-]+@…/ retries the run at every
 * start position and takes quadratic time on a long run of letters without an "@" (61 s for
 * 200 KiB). Each character is read a bounded number of times here: runs stop at the next "@".
 */
function emailsIn(text: string): Array<{ email: string; domain: string }> {
  const found: Array<{ email: string; domain: string }> = [];
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && LOCAL_PART_CHAR.test(text[start - 1]!)) start -= 1;
    if (start === at) continue;
    // The domain pattern is matched against the run of domain characters only, so it never reads past it.
    const run = DOMAIN_CHARS.exec(text.slice(at + 1, at + 1 + 256))![0];
    const domain = DOMAIN.exec(run)?.[0];
    if (domain) found.push({ email: text.slice(start, at + 1 + domain.length), domain });
  }
  return found;
}

function emailProblems(text: string): string[] {
  return emailsIn(text)
    .filter(({ domain }) => !isExampleHost(domain))
    .map(({ email }) => `"${email}" is not on example.org, example.com or example.net: use an address such as j.smith@example.org`);
}

const URL_HOSTS = [
  /\b(?:https?|ftp):\/\/(?:[^\s/?#@]*@)?([^\s/?#:)\]>"'`]+)/gi,
  /(?<![\w./@-])(www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+)/gi,
];

function urlProblems(text: string): string[] {
  return URL_HOSTS.flatMap((pattern) =>
    [...text.matchAll(pattern)]
      .filter(([, host]) => !isExampleHost(host!))
      .map(([url]) => `"${url}" is not on example.org, example.com or example.net: use a link such as https://www.example.org/page`),
  );
}

const IPV4 = /(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?!\.?\d)/g;
/** RFC 5737 documentation networks. */
const DOCUMENTATION_IPV4 = [/^192\.0\.2\./, /^198\.51\.100\./, /^203\.0\.113\./];
/** Runs of hex and colons with "::" or eight groups, so clock times (09:05:00) are not taken for IPv6. */
const IPV6 = /(?<![\w:])(?=[0-9a-f:]*::|(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4})[0-9a-f:]{3,39}(?![\w:])/gi;
/** RFC 3849 documentation prefix 2001:db8::/32. */
const DOCUMENTATION_IPV6 = /^2001:0{0,2}db8(?::|$)/i;
const IP_ADVICE = 'use a documentation address: 192.0.2.x, 198.51.100.x or 203.0.113.x (RFC 5737), or 2001:db8:… for IPv6 (RFC 3849)';

function ipProblems(text: string): string[] {
  const ipv4 = [...text.matchAll(IPV4)]
    .filter((match) => match.slice(1).every((octet) => Number(octet) <= 255))
    .map(([address]) => address)
    .filter((address) => !DOCUMENTATION_IPV4.some((network) => network.test(address)));
  const ipv6 = [...text.matchAll(IPV6)].map(([address]) => address).filter((address) => !DOCUMENTATION_IPV6.test(address));
  return [...ipv4, ...ipv6].map((address) => `"${address}" may be a real IP address: ${IP_ADVICE}`);
}

// ---------------------------------------------------------------------------------------------
// National Insurance numbers

/** Two letters, six digits, a final A–D, spaces allowed between pairs. Any such shape is refused. */
const NI_NUMBER = /\b[A-Z]{2}(?: ?\d){6} ?[A-D]\b/gi;

function niNumberProblems(text: string): string[] {
  return [...text.matchAll(NI_NUMBER)].map(
    ([match]) => `"${match}" is shaped like a National Insurance number: remove it (write "NI number on file"); an invented one may belong to someone`,
  );
}

// ---------------------------------------------------------------------------------------------
// Markdown: no raw HTML, no images

const markdown = new MarkdownIt({ html: true });
const DATA_URI = /\bdata:[\w.+-]+\/[\w.+-]+[;,]/gi;

function markdownProblems(text: string): string[] {
  const problems: string[] = [];
  const tokens = markdown.parse(text, {}).flatMap((token) => [token, ...(token.children ?? [])]);
  for (const token of tokens) {
    if (token.type === 'html_block' || token.type === 'html_inline') {
      problems.push(`raw HTML (${token.content.trim().slice(0, 40)}) is not allowed: write Markdown instead, e.g. **bold**, lists and [links](https://www.example.org)`);
    } else if (token.type === 'image') {
      problems.push(`images are never accepted (${token.attrGet('src') ?? 'image'}): describe in words what the image would show`);
    }
  }
  for (const [uri] of text.matchAll(DATA_URI)) {
    problems.push(`a data: URI (${uri}…) embeds a file; packs hold text only, so remove it`);
  }
  return problems;
}
