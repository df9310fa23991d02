/**
 * Assembles the console's picture of each team from rows already fetched: progress through the
 * practice form, decisions, releases, agency requests waiting, last activity. Pure.
 */
import type { AgencyThread } from '../agencies/schema.js';
import type { ReleaseKind } from '../injects/schema.js';
import { visibleItems } from '../packs/instrument-scoring.js';
import type { InjectTrigger, Pack, Scenario } from '../packs/schema.js';
import { senderName } from '../packs/lookups.js';
import { toInstrumentAnswers } from '../workspace/answer-values.js';
import type { AnswerValue } from '../workspace/schema.js';
import type { ConsoleTeam } from './schema.js';

export interface TeamRows {
  team: { id: string; name: string; scenarioId: string; submittedAt: Date | null };
  joined: boolean;
  answers: Array<{ itemId: string; value: AnswerValue; updatedAt: Date }>;
  decisions: Array<{ decisionId: string; recordedAt: Date }>;
  releases: Array<{ kind: ReleaseKind; contentId: string; releasedAt: Date; readAt: Date | null }>;
  threads: AgencyThread[];
}

export function describeTeam(pack: Pack, rows: TeamRows): ConsoleTeam {
  const scenario = pack.scenarios.find((candidate) => candidate.id === rows.team.scenarioId);
  const answers = toInstrumentAnswers(rows.answers);
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
      from: senderName(pack, inject.from),
      agency: inject.agency,
      trigger: inject.trigger,
      triggerDescription: describeTrigger(inject.trigger, scenario),
      microTeach: inject.microTeach,
      facilitatorNote: inject.facilitatorNote,
      releasedAt: released.get(`inject:${inject.id}`)?.toISOString() ?? null,
    })),
    microTeachesReleased: rows.releases.filter((release) => release.kind === 'micro-teach').map((release) => release.contentId),
    research: (scenario?.profiles ?? [])
      .filter((profile) => profile.heldBack)
      .map((profile) => ({
        id: profile.id,
        title: profile.title,
        releasedOnRequest: profile.releasedOnRequest,
        releasedAt: released.get(`research:${profile.id}`)?.toISOString() ?? null,
      })),
  };
}

/** "Released automatically when the team records 'Refer to CSC?' as 'Yes'", and the like. */
export function describeTrigger(trigger: InjectTrigger, scenario: Scenario | undefined): string {
  switch (trigger.type) {
    case 'manual':
      return 'Released by a facilitator';
    case 'time':
      return trigger.minutesAfterStart === 0
        ? 'Released automatically when the run goes live'
        : `Released automatically ${trigger.minutesAfterStart} ${trigger.minutesAfterStart === 1 ? 'minute' : 'minutes'} after going live`;
    case 'decision': {
      const point = scenario?.decisionPoints.find((candidate) => candidate.id === trigger.decision);
      const label = (optionId: string) => point?.options.find((option) => option.id === optionId)?.label ?? optionId;
      const options = trigger.options ? ` as ${trigger.options.map((option) => `'${label(option)}'`).join(' or ')}` : '';
      return `Released automatically when the team records '${point?.question ?? trigger.decision}'${options}`;
    }
    case 'not-done-by': {
      const awaited = trigger.notDoneBy;
      const when = `Released automatically ${awaited.minute} ${awaited.minute === 1 ? 'minute' : 'minutes'} after going live (pauses excluded)`;
      if ('meeting' in awaited) {
        const meeting = scenario?.meetings.find((candidate) => candidate.id === awaited.meeting);
        return `${when} if the team has not convened the ${meeting?.title ?? awaited.meeting} by then`;
      }
      const point = scenario?.decisionPoints.find((candidate) => candidate.id === awaited.decision);
      const label = (optionId: string) => point?.options.find((option) => option.id === optionId)?.label ?? optionId;
      const options = awaited.options ? ` as ${awaited.options.map((option) => `'${label(option)}'`).join(' or ')}` : '';
      return `${when} if the team has not recorded '${point?.question ?? awaited.decision}'${options} by then`;
    }
  }
}
