/**
 * The confidence survey's pre→post shift per objective. Pure. Answers are anonymous: a device's pre
 * and post are paired by the hash of the token it made, never by a person or team. With a handful of
 * answers a mean would suggest precision the data lacks, so the shift is given as counts per rating,
 * medians, and how many devices moved up, stayed or moved down.
 */
import type { ConfidenceShift, SurveyPhase, SurveyRatings } from './schema.js';

export interface SurveyAnswer {
  deviceTokenSha256: string;
  phase: SurveyPhase;
  ratings: SurveyRatings;
}

export function summariseConfidence(objectives: ReadonlyArray<{ id: string; text: string }>, answers: readonly SurveyAnswer[]): ConfidenceShift[] {
  return objectives.map((objective) => {
    const ratingsIn = (phase: SurveyPhase) =>
      answers.flatMap((answer) => {
        const rating = answer.phase === phase ? answer.ratings[objective.id] : undefined;
        return rating === undefined ? [] : [{ device: answer.deviceTokenSha256, rating }];
      });
    const pre = ratingsIn('pre');
    const post = ratingsIn('post');
    const paired = { devices: 0, higher: 0, same: 0, lower: 0 };
    for (const after of post) {
      const before = pre.find((entry) => entry.device === after.device);
      if (!before) continue;
      paired.devices += 1;
      if (after.rating > before.rating) paired.higher += 1;
      else if (after.rating < before.rating) paired.lower += 1;
      else paired.same += 1;
    }
    return {
      objectiveId: objective.id,
      text: objective.text,
      pre: histogram(pre.map((entry) => entry.rating)),
      post: histogram(post.map((entry) => entry.rating)),
      preMedian: median(pre.map((entry) => entry.rating)),
      postMedian: median(post.map((entry) => entry.rating)),
      paired,
    };
  });
}

/** Counts of ratings 1–5 (index 0 is rating 1). */
export function histogram(ratings: readonly number[]): number[] {
  const counts = [0, 0, 0, 0, 0];
  for (const rating of ratings) if (rating >= 1 && rating <= 5) counts[rating - 1]! += 1;
  return counts;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
