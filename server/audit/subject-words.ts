/**
 * What an audit entry is about, in words a lead reads ("Team 1: “Justifies the referral”"), from
 * its stored subject ("team:<uuid>/criterion:referral-rationale"). Pure.
 */
import type { Pack } from '../packs/schema.js';

/** What the entries' runs hold: their titles, their teams' names and scenarios, their packs. */
export interface SubjectLookups {
  readonly runTitle: (runId: string) => string | undefined;
  readonly team: (teamId: string) => { readonly name: string; readonly scenarioId: string } | undefined;
  readonly pack: (runId: string) => Pack | undefined;
}

export function describeSubject(subject: string, runId: string | null, lookups: SubjectLookups): string {
  const [head = '', tail] = subject.split('/', 2);
  const [kind, id = ''] = splitPart(head);
  if (kind === 'run') return `The run ${quoted(lookups.runTitle(id) ?? 'no longer found')}`;
  if (kind !== 'team') return 'Something this version of Rehearse does not name';
  const team = lookups.team(id);
  const teamName = team?.name ?? 'A team no longer found';
  if (!tail) return teamName;
  const [partKind, partId = ''] = splitPart(tail);
  const pack = runId ? lookups.pack(runId) : undefined;
  if (partKind === 'criterion') {
    const title = pack?.rubric.criteria.find((criterion) => criterion.id === partId)?.title;
    return `${teamName}: criterion ${quoted(title ?? 'no longer in the pack')}`;
  }
  if (partKind === 'inject') {
    const scenario = pack?.scenarios.find((candidate) => candidate.id === team?.scenarioId);
    const title = scenario?.injects.find((inject) => inject.id === partId)?.title;
    return `${teamName}: inject ${quoted(title ?? 'no longer in the pack')}`;
  }
  if (partKind === 'research') {
    const scenario = pack?.scenarios.find((candidate) => candidate.id === team?.scenarioId);
    const title = scenario?.profiles.find((profile) => profile.id === partId)?.title;
    return `${teamName}: research ${quoted(title ?? 'no longer in the pack')}`;
  }
  if (partKind === 'micro-teach') {
    const title = pack?.microTeaches.find((microTeach) => microTeach.id === partId)?.title;
    return `${teamName}: micro-teach ${quoted(title ?? 'no longer in the pack')}`;
  }
  return teamName;
}

function splitPart(part: string): [string, string] {
  const colon = part.indexOf(':');
  return colon < 0 ? [part, ''] : [part.slice(0, colon), part.slice(colon + 1)];
}

function quoted(text: string): string {
  return `“${text}”`;
}

const londonTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' });
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An entry's before or after value in words: "Live", "Strong (4 points), comment “…”", "at 1 Dec
 * 2026, 14:05"; ids (a release's uuid) are left out, a level's id becomes its label from the pack.
 */
export function describeChange(value: unknown, subject: string, runId: string | null, lookups: SubjectLookups): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  const fields = value as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof fields.state === 'string') parts.push(sentenceCase(fields.state.replaceAll('-', ' ')));
  if (typeof fields.levelId === 'string') {
    const criterionId = /criterion:([^/]+)/.exec(subject)?.[1];
    const criterion = runId && criterionId ? lookups.pack(runId)?.rubric.criteria.find((candidate) => candidate.id === criterionId) : undefined;
    const level = criterion && 'levels' in criterion ? criterion.levels?.find((candidate) => candidate.id === fields.levelId) : undefined;
    const points = typeof fields.points === 'number' ? ` (${fields.points} ${fields.points === 1 ? 'point' : 'points'})` : '';
    parts.push(`${level?.label ?? 'A level no longer in the pack'}${points}`);
  }
  if (typeof fields.comment === 'string' && fields.comment !== '') parts.push(`comment “${fields.comment}”`);
  for (const key of ['submittedAt', 'reopenedAt', 'completedAt'] as const) {
    const at = fields[key];
    if (typeof at === 'string') parts.push(`at ${londonTime.format(new Date(at))}`);
    else if (at === null) parts.push('not yet');
  }
  const known = new Set(['state', 'levelId', 'points', 'comment', 'submittedAt', 'reopenedAt', 'completedAt', 'releaseId']);
  for (const [key, entry] of Object.entries(fields)) {
    if (known.has(key) || (typeof entry === 'string' && uuidPattern.test(entry))) continue;
    parts.push(`${key}: ${typeof entry === 'string' || typeof entry === 'number' ? entry : JSON.stringify(entry)}`);
  }
  return parts.join(', ');
}

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
