/**
 * What is still outstanding before a run's two steps that cannot be undone: closing it (teams that
 * have not submitted, agency requests nobody has answered) and releasing results (teams whose
 * assessors have not all finished, disagreements no lead has moderated). The page asks for a
 * confirmation with this summary in front of the lead; the service refuses with the same summary.
 */
import { groupIntoThreads } from '../agencies/threads.js';
import { listAgencyMessages } from '../agencies/queries.js';
import type { Database } from '../db/database.js';
import type { FieldProblem } from '../errors.js';
import { getRunAgreement } from '../marking/moderation-service.js';
import { listTeamsWithCompletions } from '../marking/queries.js';
import { listTeamsOfRun } from './queries.js';
import type { RunReadiness } from './schema.js';
import type { StaffRun } from './staff-run.js';

export async function getRunReadiness(db: Database, run: StaffRun): Promise<RunReadiness> {
  const [teams, messages, completions, agreement] = await Promise.all([
    listTeamsOfRun(db, run.id),
    listAgencyMessages(db, run.id),
    listTeamsWithCompletions(db, run.id),
    run.assessorsPerTeam >= 2 ? getRunAgreement(db, run) : undefined,
  ]);
  const teamsNotSubmitted = teams.filter((team) => !team.submittedAt).map((team) => ({ id: team.id, name: team.name }));
  const unansweredRequests = groupIntoThreads(messages, run.pack.meta.agencies)
    .filter((thread) => thread.awaitingReply)
    .map((thread) => ({ teamId: thread.teamId, teamName: thread.teamName, agencyName: thread.agency.name }));
  const teamsNotFullyMarked = completions
    .filter((team) => Number(team.finished) < run.assessorsPerTeam)
    .map((team) => ({ id: team.id, name: team.name, finished: Number(team.finished), required: run.assessorsPerTeam }));
  const unmoderatedDisagreements = (agreement?.disagreements ?? [])
    .filter((disagreement) => !disagreement.moderated)
    .map((disagreement) => ({ teamId: disagreement.teamId, teamName: disagreement.teamName, criterionTitle: disagreement.title }));
  return {
    close: { ready: teamsNotSubmitted.length === 0 && unansweredRequests.length === 0, teamsNotSubmitted, unansweredRequests },
    release: { ready: teamsNotFullyMarked.length === 0 && unmoderatedDisagreements.length === 0, teamsNotFullyMarked, unmoderatedDisagreements },
  };
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** "2 teams have not submitted (Team A, Team B); 1 agency request is unanswered (Team C to CSC)", or "" when nothing is outstanding. */
export function describeCloseOutstanding(close: RunReadiness['close']): string {
  const parts: string[] = [];
  if (close.teamsNotSubmitted.length > 0) {
    parts.push(
      `${plural(close.teamsNotSubmitted.length, 'team has', 'teams have')} not submitted (${close.teamsNotSubmitted.map((team) => team.name).join(', ')})`,
    );
  }
  if (close.unansweredRequests.length > 0) {
    const requests = close.unansweredRequests.map((request) => `${request.teamName} to ${request.agencyName}`).join(', ');
    parts.push(`${plural(close.unansweredRequests.length, 'agency request is', 'agency requests are')} unanswered (${requests})`);
  }
  return parts.join('; ');
}

export function describeReleaseOutstanding(release: RunReadiness['release']): string {
  const parts: string[] = [];
  if (release.teamsNotFullyMarked.length > 0) {
    const teams = release.teamsNotFullyMarked.map((team) => `${team.name}: ${team.finished} of ${team.required} assessors finished`).join(', ');
    parts.push(`${plural(release.teamsNotFullyMarked.length, 'team is', 'teams are')} not fully marked (${teams})`);
  }
  if (release.unmoderatedDisagreements.length > 0) {
    const items = release.unmoderatedDisagreements.map((item) => `${item.teamName}: ${item.criterionTitle}`).join(', ');
    parts.push(`${plural(release.unmoderatedDisagreements.length, 'flagged disagreement is', 'flagged disagreements are')} not moderated (${items})`);
  }
  return parts.join('; ');
}

/** Each outstanding item as an error detail, so a client can list them. */
export function outstandingProblems(readiness: RunReadiness, step: 'close' | 'release'): FieldProblem[] {
  if (step === 'close') {
    const { teamsNotSubmitted, unansweredRequests } = readiness.close;
    return [
      ...teamsNotSubmitted.map((team) => ({ path: `teams.${team.id}`, message: `${team.name} has not submitted its work` })),
      ...unansweredRequests.map((request) => ({
        path: `agencyRequests.${request.teamId}`,
        message: `${request.teamName}'s request to ${request.agencyName} is unanswered`,
      })),
    ];
  }
  const { teamsNotFullyMarked, unmoderatedDisagreements } = readiness.release;
  return [
    ...teamsNotFullyMarked.map((team) => ({
      path: `teams.${team.id}`,
      message: `${team.name}: ${team.finished} of ${team.required} assessors have finished marking`,
    })),
    ...unmoderatedDisagreements.map((item) => ({
      path: `disagreements.${item.teamId}`,
      message: `${item.teamName}: "${item.criterionTitle}" needs moderating`,
    })),
  ];
}
