/**
 * Agreement between a run's assessors, per criterion and overall, from the marks of teams whose
 * marking is unblinded: percent agreement and Cohen's kappa with quadratic weights for each pair of
 * assessors (levels are ordered), Fleiss' kappa where more than two marked every item, and the
 * marks more than one level apart, which go to moderation. Pure.
 */
import type { JudgementCriterion } from '../packs/schema.js';
import { cohensKappa, fleissKappa, flagDisagreements, percentAgreement, type Rating } from './agreement.js';

export interface AgreementInput {
  criteria: JudgementCriterion[];
  teams: Array<{ id: string; name: string; scenarioId: string }>;
  assessors: Array<{ id: string; name: string }>;
  marks: Array<{ teamId: string; criterionId: string; assessorId: string; levelId: string }>;
  moderated: Array<{ teamId: string; criterionId: string }>;
  appliesTo(criterion: JudgementCriterion, scenarioId: string): boolean;
}

export interface PairAgreement {
  assessors: [string, string];
  items: number;
  percentAgreement: number | null;
  kappa: number | null;
  /** How many different levels each assessor gave on the marks compared: 1 makes kappa 0 or undefined whatever the agreement. */
  levelsUsed: [number, number];
}

export interface RunAgreement {
  overall: { pairs: PairAgreement[]; fleissKappa: number | null };
  criteria: Array<{ criterionId: string; title: string; pairs: PairAgreement[]; fleissKappa: number | null }>;
  disagreements: Array<{
    teamId: string;
    teamName: string;
    criterionId: string;
    title: string;
    marks: Array<{ assessor: string; level: string }>;
    moderated: boolean;
  }>;
}

interface Item {
  teamId: string;
  criterion: JudgementCriterion;
  /** Level index per assessor id, lowest level 0. */
  levels: Map<string, number>;
}

export function computeRunAgreement(input: AgreementInput): RunAgreement {
  // Marks by team and criterion, so a run of hundreds of teams is not a scan of every mark per item.
  const marksOf = new Map<string, AgreementInput['marks']>();
  for (const mark of input.marks) {
    const key = `${mark.teamId}/${mark.criterionId}`;
    const list = marksOf.get(key);
    if (list) list.push(mark);
    else marksOf.set(key, [mark]);
  }
  const levelIndex = new Map(input.criteria.map((criterion) => [criterion, new Map(criterion.levels.map((level, index) => [level.id, index]))]));
  const items: Item[] = [];
  for (const team of input.teams) {
    for (const criterion of input.criteria) {
      if (!input.appliesTo(criterion, team.scenarioId)) continue;
      const levels = new Map<string, number>();
      for (const mark of marksOf.get(`${team.id}/${criterion.id}`) ?? []) {
        const index = levelIndex.get(criterion)!.get(mark.levelId) ?? -1;
        if (index >= 0) levels.set(mark.assessorId, index);
      }
      items.push({ teamId: team.id, criterion, levels });
    }
  }
  // Names, teams, moderations and items by key, so every lookup below is constant time and the
  // whole computation grows linearly with the run's teams (it was a scan per item: quadratic).
  const names = new Map(input.assessors.map((assessor) => [assessor.id, assessor.name]));
  const nameOf = (assessorId: string) => names.get(assessorId) ?? assessorId;
  const teamNames = new Map(input.teams.map((team) => [team.id, team.name]));
  const moderated = new Set(input.moderated.map((entry) => `${entry.teamId}/${entry.criterionId}`));
  const itemsOf = new Map<string, Item[]>();
  for (const item of items) {
    const list = itemsOf.get(item.criterion.id);
    if (list) list.push(item);
    else itemsOf.set(item.criterion.id, [item]);
  }
  const levelCount = Math.max(2, ...input.criteria.map((criterion) => criterion.levels.length));

  return {
    overall: summarise(items, input.assessors, levelCount, nameOf),
    criteria: input.criteria.map((criterion) => ({
      criterionId: criterion.id,
      title: criterion.title,
      ...summarise(itemsOf.get(criterion.id) ?? [], input.assessors, criterion.levels.length, nameOf),
    })),
    disagreements: items.flatMap((item) => {
      const flagged = flagDisagreements([
        { criterionId: item.criterion.id, levels: [...item.levels].map(([assessorId, level]) => ({ assessorId, level })) },
      ]);
      if (flagged.length === 0) return [];
      return [
        {
          teamId: item.teamId,
          teamName: teamNames.get(item.teamId) ?? item.teamId,
          criterionId: item.criterion.id,
          title: item.criterion.title,
          marks: [...item.levels].map(([assessorId, level]) => ({ assessor: nameOf(assessorId), level: item.criterion.levels[level]!.label })),
          moderated: moderated.has(`${item.teamId}/${item.criterion.id}`),
        },
      ];
    }),
  };
}

function summarise(
  items: Item[],
  assessors: AgreementInput['assessors'],
  levelCount: number,
  nameOf: (assessorId: string) => string,
): { pairs: PairAgreement[]; fleissKappa: number | null } {
  const pairs: PairAgreement[] = [];
  for (let first = 0; first < assessors.length; first += 1) {
    for (let second = first + 1; second < assessors.length; second += 1) {
      const a: Rating[] = items.map((item) => item.levels.get(assessors[first]!.id) ?? null);
      const b: Rating[] = items.map((item) => item.levels.get(assessors[second]!.id) ?? null);
      const compared = a.flatMap((rating, index) => (rating !== null && b[index] !== null ? [[rating, b[index]!] as const] : []));
      const both = compared.length;
      if (both === 0) continue;
      pairs.push({
        assessors: [nameOf(assessors[first]!.id), nameOf(assessors[second]!.id)],
        items: both,
        percentAgreement: percentAgreement(a, b),
        kappa: cohensKappa(a, b, levelCount, 'quadratic'),
        levelsUsed: [new Set(compared.map(([first]) => first)).size, new Set(compared.map(([, second]) => second)).size],
      });
    }
  }
  // Fleiss needs the same number of raters on every item: use the items every assessor marked.
  const complete = items.filter((item) => assessors.length > 2 && assessors.every((assessor) => item.levels.has(assessor.id)));
  const fleiss =
    complete.length === 0
      ? null
      : fleissKappa(
          complete.map((item) => {
            const row = new Array<number>(levelCount).fill(0);
            for (const level of item.levels.values()) row[level] = (row[level] ?? 0) + 1;
            return row;
          }),
        );
  return { pairs, fleissKappa: fleiss };
}
