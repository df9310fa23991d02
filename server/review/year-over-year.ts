/**
 * Year over year: runs side by side, per objective and per criterion matched by stable id. Each cell
 * says how the row's definition in that run's pack version compares with the run before it (see
 * definitions.ts), so a changed or new criterion is never silently set beside last year's. Figures are
 * counts ("2 of 3 teams") and ranges, because three teams a year cannot carry a percentage or a trend.
 * Pure.
 */
import type { Pack } from '../packs/schema.js';
import { compareVersions } from '../packs/validate.js';
import { compareCriterion, compareObjective, type Comparison } from './definitions.js';
import type { ConfidenceShift, ReviewFigures, YearOverYear } from './schema.js';

/** The parts of a run's stored summary that a comparison reads. */
export type ComparedFigures = Pick<ReviewFigures, 'objectives' | 'criteria'> & { teamCount: number; provisional: boolean };

export interface ComparedRun {
  id: string;
  cohortLabel: string;
  exerciseDate: string;
  packId: string;
  packVersion: string;
  pack: Pack;
  figures: ComparedFigures;
  confidence: readonly ConfidenceShift[];
}

type ChangelogEntry = NonNullable<Pack['changelog']>['versions'][number];

/**
 * The changelog entries between the run before and this one, when both ran the same pack family at
 * different versions: taken from the newer version's changelog, which lists every older entry too.
 */
function changelogBetween(previous: ComparedRun | undefined, run: ComparedRun): ChangelogEntry[] {
  if (!previous || previous.packId !== run.packId || previous.packVersion === run.packVersion) return [];
  const [older, newer] = compareVersions(previous.packVersion, run.packVersion) < 0 ? [previous, run] : [run, previous];
  return (newer.pack.changelog?.versions ?? []).filter(
    (entry) => compareVersions(entry.version, older.packVersion) > 0 && compareVersions(entry.version, newer.packVersion) <= 0,
  );
}

/**
 * A row's comparison with what the changelog says about its criteria. A criterion the changelog says
 * was re-ruled is "changed" even when its definition reads the same (the rule may sit in the
 * instrument it scores), so it is never silently set beside the year before.
 */
function withChangelog(comparison: Comparison, entries: readonly ChangelogEntry[], criterionIds: readonly string[]) {
  const notes = entries.flatMap((entry) =>
    entry.criteriaChanged.filter((changed) => criterionIds.includes(changed.criterion)).map((changed) => `${entry.version}, ${changed.criterion}: ${changed.change}`),
  );
  const flagged = comparison.change === 'same' && notes.length > 0;
  return {
    change: flagged ? ('changed' as const) : comparison.change,
    differences: flagged ? ['changelog'] : comparison.differences,
    changelogVersions: entries.map((entry) => entry.version),
    changelogNotes: notes,
  };
}

/** Pack versions never change once imported: two runs of one version define every row alike. */
function sameVersion(previous: ComparedRun, run: ComparedRun): boolean {
  return previous.packId === run.packId && previous.packVersion === run.packVersion;
}

const unchanged: Comparison = { change: 'same', differences: [] };

export function buildYearOverYear(runs: readonly ComparedRun[]): YearOverYear {
  const entriesOf = runs.map((run, index) => changelogBetween(runs[index - 1], run));
  const changelog = new Map<string, YearOverYear['changelog'][number]>();
  runs.forEach((run, index) => {
    for (const entry of entriesOf[index]!) changelog.set(`${run.packId}@${entry.version}`, { packId: run.packId, ...entry });
  });
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
      teams: run.figures.teamCount,
      provisional: run.figures.provisional,
    })),
    objectives: objectiveIds.map((id) => ({
      id,
      text: latest((run) => run.pack.meta.objectives.find((objective) => objective.id === id)?.text) ?? id,
      cells: runs.map((run, index) => {
        const figures = run.figures.objectives.find((row) => row.id === id);
        const shift = run.confidence.find((row) => row.objectiveId === id);
        return {
          runId: run.id,
          ...withChangelog(
            index === 0
              ? { change: figures ? 'same' : 'absent', differences: [] }
              : sameVersion(runs[index - 1]!, run) && figures
                ? unchanged
                : compareObjective(runs[index - 1]!.pack, run.pack, id),
            entriesOf[index]!,
            run.pack.rubric.criteria.filter((criterion) => criterion.objective === id).map((criterion) => criterion.id),
          ),
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
          const comparison: Comparison =
            index === 0
              ? { change: current ? 'same' : 'absent', differences: [] }
              : sameVersion(runs[index - 1]!, run) && current
                ? unchanged
                : compareCriterion(runs[index - 1]!.pack.rubric.criteria.find((criterion) => criterion.id === id), current);
          return {
            runId: run.id,
            ...withChangelog(comparison, current ? entriesOf[index]! : [], [id]),
            teamsAssessed: figures?.teamsAssessed ?? 0,
            teamsMeeting: figures?.teamsMeeting ?? 0,
            lowestPercent: figures?.lowestPercent ?? null,
            highestPercent: figures?.highestPercent ?? null,
          };
        }),
      };
    }),
    changelog: [...changelog.values()].sort((a, b) => a.packId.localeCompare(b.packId) || compareVersions(b.version, a.version)),
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
