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
  const items: Item[] = [];
  for (const team of input.teams) {
    for (const criterion of input.criteria) {
      if (!input.appliesTo(criterion, team.scenarioId)) continue;
      const levels = new Map<string, number>();
      for (const mark of marksOf.get(`${team.id}/${criterion.id}`) ?? []) {
        const index = criterion.levels.findIndex((level) => level.id === mark.levelId);
        if (index >= 0) levels.set(mark.assessorId, index);
      }
      items.push({ teamId: team.id, criterion, levels });
    }
  }
  const nameOf = (assessorId: string) => input.assessors.find((assessor) => assessor.id === assessorId)?.name ?? assessorId;
  const levelCount = Math.max(2, ...input.criteria.map((criterion) => criterion.levels.length));

  return {
    overall: summarise(items, input.assessors, levelCount, nameOf),
    criteria: input.criteria.map((criterion) => {
      const own = items.filter((item) => item.criterion.id === criterion.id);
      return { criterionId: criterion.id, title: criterion.title, ...summarise(own, input.assessors, criterion.levels.length, nameOf) };
    }),
    disagreements: items.flatMap((item) => {
      const flagged = flagDisagreements([
        { criterionId: item.criterion.id, levels: [...item.levels].map(([assessorId, level]) => ({ assessorId, level })) },
      ]);
      if (flagged.length === 0) return [];
      return [
        {
          teamId: item.teamId,
          teamName: input.teams.find((team) => team.id === item.teamId)?.name ?? item.teamId,
          criterionId: item.criterion.id,
          title: item.criterion.title,
          marks: [...item.levels].map(([assessorId, level]) => ({ assessor: nameOf(assessorId), level: item.criterion.levels[level]!.label })),
          moderated: input.moderated.some((entry) => entry.teamId === item.teamId && entry.criterionId === item.criterion.id),
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
