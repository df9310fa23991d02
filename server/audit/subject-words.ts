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
