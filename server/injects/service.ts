/** A team's feed of what has been released to it; a facilitator's releases and the run's release log. */
import type { Database } from '../db/database.js';
import { conflict, invalidField } from '../errors.js';
import { findScenario } from '../packs/lookups.js';
import { listTeamsOfRun } from '../runs/queries.js';
import type { StaffRun } from '../runs/staff-run.js';
import type { TeamRun } from '../teams/team-run.js';
import { contentExists, describeContent } from './content.js';
import { listReleasesForRun, listReleasesForTeam, markReleaseRead } from './queries.js';
import { releaseToTeams } from './releases.js';
import type { ReleaseOutcome, ReleaseRequest, RunReleaseLog, TeamFeed } from './schema.js';

export async function listTeamFeed(db: Database, team: TeamRun): Promise<TeamFeed> {
  const rows = await listReleasesForTeam(db, team.teamId);
  const items = rows.flatMap((row) => {
    const content = describeContent(team.pack, team.scenario, row.kind, row.contentId);
    if (!content) return [];
    return [
      {
        releaseId: row.id,
        kind: row.kind,
        contentId: row.contentId,
        ...content,
        releasedAt: row.releasedAt.toISOString(),
        readAt: row.readAt?.toISOString() ?? null,
      },
    ];
  });
  return { items, unread: items.filter((item) => item.readAt === null).length };
}

export async function markFeedItemRead(db: Database, team: TeamRun, releaseId: string): Promise<void> {
  await markReleaseRead(db, team.teamId, releaseId);
}

/** A facilitator releases one item to the chosen teams, all in one transaction, while the run is live. */
export async function releaseByFacilitator(db: Database, run: StaffRun, request: ReleaseRequest): Promise<ReleaseOutcome> {
  if (run.state !== 'live') throw conflict('run_not_live', 'Injects can be released only while the run is live.');
  const { pack } = run;
  const teams = await listTeamsOfRun(db, run.id);
  const { kind, contentId, teamIds, reason } = request;
  const chosen = teamIds.map((teamId) => {
    const team = teams.find((candidate) => candidate.id === teamId);
    if (!team) throw invalidField('body.teamIds', `No team of this run has the id ${teamId}`);
    const scenario = findScenario(pack, team.scenarioId);
    if (!scenario || !contentExists(pack, scenario, kind, contentId)) {
      throw invalidField('body.contentId', `${team.name}'s scenario has no ${kind} "${contentId}"`);
    }
    return { teamId, scenario };
  });
  return db.transaction().execute(async (trx) => {
    const releasedTo = await releaseToTeams(trx, run.id, chosen, {
      kind,
      contentId,
      trigger: 'manual',
      releasedBy: run.caller.staff.userId,
      reason: reason ?? null,
    });
    const released: ReleaseOutcome['released'] = [];
    const alreadyReleased: string[] = [];
    for (const { teamId } of chosen) {
      const releaseIds = releasedTo.get(teamId);
      if (releaseIds) released.push({ teamId, releaseIds });
      else alreadyReleased.push(teamId);
    }
    return { released, alreadyReleased };
  });
}

export async function listRunReleases(db: Database, run: StaffRun): Promise<RunReleaseLog> {
  const [teams, rows] = await Promise.all([listTeamsOfRun(db, run.id), listReleasesForRun(db, run.id)]);
  const scenarioOfTeam = new Map(teams.map((team) => [team.id, findScenario(run.pack, team.scenarioId)]));
  return {
    releases: rows.map((row) => {
      const scenario = scenarioOfTeam.get(row.teamId);
      const content = scenario ? describeContent(run.pack, scenario, row.kind, row.contentId) : undefined;
      return {
        id: row.id,
        teamId: row.teamId,
        kind: row.kind,
        contentId: row.contentId,
        title: content?.title ?? row.contentId,
        trigger: row.trigger,
        releasedBy: row.releasedByName,
        reason: row.reason,
        releasedAt: row.releasedAt.toISOString(),
        readAt: row.readAt?.toISOString() ?? null,
      };
    }),
  };
}
