/**
 * The presentation view: each team's own work, for the projector when it presents its plan to the
 * room. Only what the team wrote or its own answers produced (its band and what drove it, its latest
 * decisions with their reasons, its meetings' actions); never the rubric, the model answer or marks.
 */
import type { Database } from '../db/database.js';
import { describeLatestDecisions } from '../marking/evidence.js';
import { scoreInstrument } from '../packs/instrument-scoring.js';
import { findScenario } from '../packs/lookups.js';
import { listTeamsOfRun } from '../runs/queries.js';
import type { StaffRun } from '../runs/staff-run.js';
import { toInstrumentAnswers } from '../workspace/answer-values.js';
import { listAnswers, listDecisions } from '../workspace/queries.js';
import { listActionsOfMeetings, listMeetingsOfTeam } from './queries.js';
import type { RunPresentation, TeamPresentation } from './schema.js';

export async function getRunPresentation(db: Database, run: StaffRun): Promise<RunPresentation> {
  const teams = await listTeamsOfRun(db, run.id);
  return { teams: await Promise.all(teams.map((team) => presentTeam(db, run, team))) };
}

async function presentTeam(db: Database, run: StaffRun, team: { id: string; name: string; scenarioId: string }): Promise<TeamPresentation> {
  const { pack } = run;
  const scenario = findScenario(pack, team.scenarioId);
  const [answerRows, decisions, meetings] = await Promise.all([listAnswers(db, team.id), listDecisions(db, team.id), listMeetingsOfTeam(db, team.id)]);
  const answers = toInstrumentAnswers(answerRows);
  const result = Object.keys(answers).length > 0 ? scoreInstrument(pack.instrument, answers) : undefined;
  const actions = await listActionsOfMeetings(db, meetings.map((meeting) => meeting.id));
  const titleOf = (meetingRowId: string) => {
    const meetingId = meetings.find((meeting) => meeting.id === meetingRowId)?.meetingId;
    return scenario?.meetings.find((definition) => definition.id === meetingId)?.title ?? 'Meeting';
  };
  return {
    teamId: team.id,
    teamName: team.name,
    scenarioTitle: scenario?.title ?? team.scenarioId,
    band: result
      ? {
          label: result.band.label,
          description: result.band.description,
          drivers: result.drivers.map((driver) => (driver.kind === 'item' ? `${driver.factor}: ${driver.answer}` : driver.reason)),
        }
      : null,
    decisions: scenario
      ? describeLatestDecisions(scenario, decisions).map(({ decisionId, question, chosen, justification }) => ({ decisionId, question, chosen, justification }))
      : [],
    actions: actions.map((action) => ({ meetingTitle: titleOf(action.meetingId), body: action.body, owner: action.owner, due: action.due })),
  };
}
