/**
 * A team's final mark on each criterion of its rubric, as its results show it. Pure: no I/O.
 *
 * Judgement criteria, in order of precedence:
 * 1. a lead's moderated mark, when there is one (its level; the reason is shown as a comment);
 * 2. when every assessor chose the same level, that level ("Agreed by 2 assessors");
 * 3. when assessors disagree and nobody moderated, the mean of their points to 2 decimals and no
 *    level, saying so ("Average of 2 assessors");
 * 4. no marks at all: 0 points, "Not marked".
 * Assessors' comments are kept (non-empty ones, in the order given) but never their names.
 *
 * Automatic criteria come from scoreAutomaticCriteria, with its explanation.
 */
import { scoreAutomaticCriteria, type AutomaticCriterionResult, type AutomaticEvidence } from '../marking/automatic-scoring.js';
import { criteriaForScenario } from '../packs/lookups.js';
import type { JudgementCriterion, Pack } from '../packs/schema.js';

export type AssessorMarkInput = { criterionId: string; levelId: string; points: number; comment: string };
export type ModeratedMarkInput = { criterionId: string; levelId: string; points: number; reason: string };

export type FinalMarkBasis = 'automatic' | 'moderated' | 'agreed' | 'average' | 'unmarked';

export type FinalMark = {
  criterionId: string;
  objectiveId: string;
  title: string;
  kind: 'automatic' | 'judgement';
  points: number;
  maxPoints: number;
  basis: FinalMarkBasis;
  /** How the mark was reached, in words: "Moderated", "Agreed by 2 assessors", "Average of 2 assessors", "Not marked". */
  note: string;
  level: { id: string; label: string; descriptor: string } | null;
  /** Automatic criteria: why the rules gave these points. */
  explanation: string | null;
  /** Automatic criteria that marked a record other than the latest: both records. */
  records?: AutomaticCriterionResult['records'];
  /** Judgement criteria: the assessors' comments, then the moderation reason if moderated. */
  comments: string[];
};

/** The final mark of one judgement criterion from its assessors' marks and any moderated mark. */
export function finalJudgementMark(
  criterion: JudgementCriterion,
  marks: readonly AssessorMarkInput[],
  moderated: ModeratedMarkInput | undefined,
): FinalMark {
  const own = marks.filter((mark) => mark.criterionId === criterion.id);
  const comments = own.map((mark) => mark.comment.trim()).filter((comment) => comment.length > 0);
  const base = {
    criterionId: criterion.id,
    objectiveId: criterion.objective,
    title: criterion.title,
    kind: 'judgement' as const,
    maxPoints: Math.max(...criterion.levels.map((level) => level.points)),
    explanation: null,
  };
  const levelOf = (levelId: string) => {
    const level = criterion.levels.find((candidate) => candidate.id === levelId);
    return level ? { id: level.id, label: level.label, descriptor: level.descriptor } : null;
  };

  if (moderated) {
    return {
      ...base,
      points: moderated.points,
      basis: 'moderated',
      note: 'Moderated',
      level: levelOf(moderated.levelId),
      comments: moderated.reason.trim() ? [...comments, moderated.reason.trim()] : comments,
    };
  }
  if (own.length === 0) return { ...base, points: 0, basis: 'unmarked', note: 'Not marked', level: null, comments };

  const assessors = `${own.length} ${own.length === 1 ? 'assessor' : 'assessors'}`;
  if (own.every((mark) => mark.levelId === own[0]!.levelId)) {
    return {
      ...base,
      points: own[0]!.points,
      basis: 'agreed',
      note: own.length === 1 ? 'Marked by 1 assessor' : `Agreed by ${assessors}`,
      level: levelOf(own[0]!.levelId),
      comments,
    };
  }
  const mean = own.reduce((sum, mark) => sum + mark.points, 0) / own.length;
  return { ...base, points: round2(mean), basis: 'average', note: `Average of ${assessors}`, level: null, comments };
}

/**
 * Every criterion that applies to the team's scenario, in rubric order: automatic ones scored from
 * the evidence, judgement ones from marks.
 */
export function finalMarksForTeam(
  pack: Pack,
  scenarioId: string,
  input: { evidence: AutomaticEvidence; marks: readonly AssessorMarkInput[]; moderated: readonly ModeratedMarkInput[] },
): FinalMark[] {
  const automatic = scoreAutomaticCriteria(pack, scenarioId, input.evidence);
  return criteriaForScenario(pack, scenarioId).map((criterion): FinalMark => {
    if (criterion.kind === 'judgement') {
      return finalJudgementMark(
        criterion,
        input.marks,
        input.moderated.find((mark) => mark.criterionId === criterion.id),
      );
    }
    const result = automatic.find((candidate) => candidate.criterionId === criterion.id);
    return {
      criterionId: criterion.id,
      objectiveId: criterion.objective,
      title: criterion.title,
      kind: 'automatic',
      points: result?.points ?? 0,
      maxPoints: criterion.points,
      basis: 'automatic',
      note: 'Scored automatically',
      level: null,
      explanation: result?.explanation ?? null,
      ...(result?.records ? { records: result.records } : {}),
      comments: [],
    };
  });
}

function round2(value: number): number {
  return Math.round((value + Number.EPSILON) * 100) / 100;
}
