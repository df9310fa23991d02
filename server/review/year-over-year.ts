/**
 * Year over year: runs side by side, per objective and per criterion matched by stable id. Each cell
 * says how the row's definition in that run's pack version compares with the run before it (see
 * definitions.ts), so a changed or new criterion is never silently set beside last year's. Figures are
 * counts ("2 of 3 teams") and ranges, because three teams a year cannot carry a percentage or a trend.
 * Pure.
 */
import type { Pack } from '../packs/schema.js';
import { compareCriterion, compareObjective } from './definitions.js';
import type { ConfidenceShift, ReviewFigures, YearOverYear } from './schema.js';

export interface ComparedRun {
  id: string;
  cohortLabel: string;
  exerciseDate: string;
  packId: string;
  packVersion: string;
  pack: Pack;
  figures: ReviewFigures;
  confidence: readonly ConfidenceShift[];
}

export function buildYearOverYear(runs: readonly ComparedRun[]): YearOverYear {
  const objectiveIds = unique(runs.flatMap((run) => run.pack.meta.objectives.map((objective) => objective.id)));
  const criterionIds = unique(runs.flatMap((run) => run.pack.rubric.criteria.map((criterion) => criterion.id)));
  const latest = <T>(find: (run: ComparedRun) => T | undefined): T | undefined => {
    for (let index = runs.length - 1; index >= 0; index--) {
      const found = find(runs[index]!);
      if (found !== undefined) return found;
    }
    return undefined;
  };

  return {
    runs: runs.map((run) => ({
      id: run.id,
      cohortLabel: run.cohortLabel,
      exerciseDate: run.exerciseDate,
      packId: run.packId,
      packVersion: run.packVersion,
      teams: run.figures.teams.length,
      provisional: run.figures.status.provisional,
    })),
    objectives: objectiveIds.map((id) => ({
      id,
      text: latest((run) => run.pack.meta.objectives.find((objective) => objective.id === id)?.text) ?? id,
      cells: runs.map((run, index) => {
        const figures = run.figures.objectives.find((row) => row.id === id);
        const shift = run.confidence.find((row) => row.objectiveId === id);
        return {
          runId: run.id,
          ...(index === 0 ? { change: figures ? ('same' as const) : ('absent' as const), differences: [] } : compareObjective(runs[index - 1]!.pack, run.pack, id)),
          teamsAssessed: figures?.teamsAssessed ?? 0,
          teamsMeeting: figures?.teamsMeeting ?? 0,
          lowestPercent: figures?.lowestPercent ?? null,
          highestPercent: figures?.highestPercent ?? null,
          confidence: shift
            ? { preMedian: shift.preMedian, postMedian: shift.postMedian, pairedDevices: shift.paired.devices, higher: shift.paired.higher }
            : null,
        };
      }),
    })),
    criteria: criterionIds.map((id) => {
      const definition = latest((run) => run.pack.rubric.criteria.find((criterion) => criterion.id === id))!;
      return {
        id,
        title: definition.title,
        objectiveId: definition.objective,
        cells: runs.map((run, index) => {
          const current = run.pack.rubric.criteria.find((criterion) => criterion.id === id);
          const figures = run.figures.criteria.find((row) => row.id === id);
          const comparison =
            index === 0
              ? { change: current ? ('same' as const) : ('absent' as const), differences: [] }
              : compareCriterion(runs[index - 1]!.pack.rubric.criteria.find((criterion) => criterion.id === id), current);
          return {
            runId: run.id,
            ...comparison,
            teamsAssessed: figures?.teamsAssessed ?? 0,
            teamsMeeting: figures?.teamsMeeting ?? 0,
            lowestPercent: figures?.lowestPercent ?? null,
            highestPercent: figures?.highestPercent ?? null,
          };
        }),
      };
    }),
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
