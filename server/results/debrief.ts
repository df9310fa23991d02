/**
 * The group debrief: per scenario, the model answer beside each team's latest choices (and its first,
 * when it changed its mind, since some criteria mark the first or the unaided record) and the
 * "action and review" part of its justification, and its band against the expected band. Pure.
 */
import type { Pack, Scenario } from '../packs/schema.js';
import type { RunDebrief } from './schema.js';
import { describeModelAnswer } from './team-results.js';

export type DebriefTeam = {
  id: string;
  name: string;
  scenarioId: string;
  /** The band the team's answers give; null when it answered nothing. */
  band: { id: string; label: string } | null;
  decisions: ReadonlyArray<{ decisionId: string; options: string[]; justification: Record<string, string>; recordedAt: Date }>;
};

export function buildDebriefScenarios(pack: Pack, teams: readonly DebriefTeam[]): RunDebrief['scenarios'] {
  return pack.scenarios.flatMap((scenario) => {
    const onScenario = teams.filter((team) => team.scenarioId === scenario.id);
    if (onScenario.length === 0) return [];
    return [
      {
        id: scenario.id,
        title: scenario.title,
        modelAnswer: describeModelAnswer(pack, scenario),
        teams: onScenario.map((team) => ({
          id: team.id,
          name: team.name,
          band: team.band,
          bandMatchesExpected: team.band?.id === scenario.modelAnswer.expectedBand,
        })),
        decisionPoints: scenario.decisionPoints.map((point) => {
          const model = scenario.modelAnswer.decisions.find((entry) => entry.decision === point.id);
          return {
            id: point.id,
            question: point.question,
            model: model ? { expected: model.expected.map((optionId) => optionLabel(scenario, point.id, optionId)), rationale: model.rationale } : null,
            teams: onScenario.map((team) => {
              const latest = latestDecision(team.decisions, point.id);
              const first = firstDecision(team.decisions, point.id);
              const labels = (options: readonly string[]) => options.map((optionId) => optionLabel(scenario, point.id, optionId));
              const changed = first && latest && !sameOptions(first.options, latest.options);
              return {
                teamId: team.id,
                chosen: latest ? labels(latest.options) : null,
                firstChosen: changed ? labels(first.options) : null,
                actionAndReview: latest?.justification.actionAndReview ?? null,
              };
            }),
          };
        }),
      },
    ];
  });
}

function latestDecision(decisions: DebriefTeam['decisions'], decisionId: string) {
  let latest: DebriefTeam['decisions'][number] | undefined;
  for (const decision of decisions) {
    if (decision.decisionId !== decisionId) continue;
    if (!latest || decision.recordedAt.getTime() > latest.recordedAt.getTime()) latest = decision;
  }
  return latest;
}

function firstDecision(decisions: DebriefTeam['decisions'], decisionId: string) {
  let first: DebriefTeam['decisions'][number] | undefined;
  for (const decision of decisions) {
    if (decision.decisionId !== decisionId) continue;
    if (!first || decision.recordedAt.getTime() < first.recordedAt.getTime()) first = decision;
  }
  return first;
}

function sameOptions(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((option) => b.includes(option));
}

function optionLabel(scenario: Scenario, decisionId: string, optionId: string): string {
  const point = scenario.decisionPoints.find((candidate) => candidate.id === decisionId);
  return point?.options.find((option) => option.id === optionId)?.label ?? optionId;
}
