/**
 * Assembles the console's picture of each team from rows already fetched: progress through the
 * practice form, decisions, releases, agency requests waiting, last activity. Pure.
 */
import type { AgencyThread } from '../agencies/schema.js';
import { visibleItems, type InstrumentAnswers } from '../packs/instrument-scoring.js';
import type { Pack } from '../packs/schema.js';
import type { ConsoleTeam } from './schema.js';

export interface TeamRows {
  team: { id: string; name: string; scenarioId: string; submittedAt: Date | null };
  joined: boolean;
  answers: Array<{ itemId: string; value: unknown; updatedAt: Date }>;
  decisions: Array<{ decisionId: string; recordedAt: Date }>;
  releases: Array<{ kind: string; contentId: string; releasedAt: Date; readAt: Date | null }>;
  threads: AgencyThread[];
}

export function describeTeam(pack: Pack, rows: TeamRows): ConsoleTeam {
  const scenario = pack.scenarios.find((candidate) => candidate.id === rows.team.scenarioId);
  const answers: InstrumentAnswers = {};
  for (const answer of rows.answers) {
    if (answer.value !== null && answer.value !== undefined) answers[answer.itemId] = answer.value as InstrumentAnswers[string];
  }
  const required = visibleItems(pack.instrument, answers).filter((item) => item.required);
  const released = new Map(rows.releases.map((release) => [`${release.kind}:${release.contentId}`, release.releasedAt]));
  const activity = [
    ...rows.answers.map((answer) => answer.updatedAt),
    ...rows.decisions.map((decision) => decision.recordedAt),
    ...rows.threads.flatMap((thread) => thread.messages.filter((message) => message.author === 'team').map((message) => new Date(message.createdAt))),
  ];
  return {
    id: rows.team.id,
    name: rows.team.name,
    scenarioId: rows.team.scenarioId,
    scenarioTitle: scenario?.title ?? rows.team.scenarioId,
    joined: rows.joined,
    progress: { requiredAnswered: required.filter((item) => item.id in answers).length, requiredVisible: required.length },
    decisionsRecorded: new Set(rows.decisions.map((decision) => decision.decisionId)).size,
    decisionPoints: scenario?.decisionPoints.length ?? 0,
    unreadReleases: rows.releases.filter((release) => release.readAt === null).length,
    awaitingAgencyReplies: rows.threads.filter((thread) => thread.awaitingReply).length,
    lastActivityAt: activity.length === 0 ? null : new Date(Math.max(...activity.map((moment) => moment.getTime()))).toISOString(),
    submittedAt: rows.team.submittedAt?.toISOString() ?? null,
    injects: (scenario?.injects ?? []).map((inject) => ({
      id: inject.id,
      title: inject.title,
      from: inject.from,
      agency: inject.agency,
      trigger: inject.trigger,
      microTeach: inject.microTeach,
      facilitatorNote: inject.facilitatorNote,
      releasedAt: released.get(`inject:${inject.id}`)?.toISOString() ?? null,
    })),
    microTeachesReleased: rows.releases.filter((release) => release.kind === 'micro-teach').map((release) => release.contentId),
  };
}
