/**
 * xAPI 1.0.3 statements of a run's final results: one per team and criterion ("scored", with the
 * points as a scaled score and success against the objective's threshold). Pure.
 *
 * - The actor is the team as a Group identified only by an account on this system (the team's id):
 *   xAPI's Anonymous Group must list its members with their own identifiers, which Rehearse never
 *   holds, so an identified Group whose identifier names no person is the anonymous choice here.
 * - Criteria are activities under the pack (stable ids, so every year's run of a pack reports the same
 *   criterion as the same activity); the objective and the pack are context activities.
 * - Statement ids are UUID version 5 of the run, team and criterion, so sending the statements again
 *   never makes duplicates in a learning record store.
 */
import { createHash } from 'node:crypto';
import type { Pack } from '../packs/schema.js';
import type { FinalMark } from '../results/final-marks.js';
import { DEFAULT_OBJECTIVE_THRESHOLD, meets } from './statistics.js';

/** A namespace of our own for the UUID v5 statement ids (generated once, fixed forever). */
const STATEMENT_NAMESPACE = '5d0e0c3c-7a43-4e5f-9a2b-2f1d6c7b8e90';
const SCORED = { id: 'http://adlnet.gov/expapi/verbs/scored', display: { 'en-GB': 'scored' } };

export interface XapiRun {
  id: string;
  cohortLabel: string;
  /** When the marks became final: results released, else closed. */
  timestamp: Date;
  pack: Pack;
  teams: ReadonlyArray<{ id: string; name: string; marks: readonly FinalMark[] }>;
}

/** A statement as sent: its id is what a learning record store deduplicates by. */
export type XapiStatement = { id: string } & Record<string, unknown>;

export function buildStatements(run: XapiRun, baseUrl: string): XapiStatement[] {
  const { pack } = run;
  const packIri = `${baseUrl}/xapi/packs/${pack.meta.id}`;
  const objectives = new Map(pack.meta.objectives.map((objective) => [objective.id, objective]));
  return run.teams.flatMap((team) =>
    team.marks.map((mark) => {
      const objective = objectives.get(mark.objectiveId);
      const threshold = objective?.threshold ?? DEFAULT_OBJECTIVE_THRESHOLD;
      return {
        id: uuidV5(`${run.id}/${team.id}/${mark.criterionId}`, STATEMENT_NAMESPACE),
        version: '1.0.3',
        actor: { objectType: 'Group', name: team.name, account: { homePage: baseUrl, name: `team:${team.id}` } },
        verb: SCORED,
        object: {
          objectType: 'Activity',
          id: `${packIri}/criteria/${mark.criterionId}`,
          definition: {
            name: { 'en-GB': mark.title },
            type: 'http://adlnet.gov/expapi/activities/objective',
          },
        },
        result: {
          score: { raw: mark.points, min: 0, max: mark.maxPoints, scaled: mark.maxPoints > 0 ? round4(mark.points / mark.maxPoints) : 0 },
          success: meets(mark.points, mark.maxPoints, threshold),
          completion: mark.basis !== 'unmarked',
        },
        context: {
          registration: run.id,
          contextActivities: {
            parent: [{ objectType: 'Activity', id: `${packIri}/objectives/${mark.objectiveId}`, definition: { name: { 'en-GB': objective?.text ?? mark.objectiveId } } }],
            grouping: [{ objectType: 'Activity', id: packIri, definition: { name: { 'en-GB': pack.meta.title } } }],
          },
          extensions: { [`${baseUrl}/xapi/extensions/pack-version`]: pack.meta.version, [`${baseUrl}/xapi/extensions/cohort`]: run.cohortLabel },
        },
        timestamp: run.timestamp.toISOString(),
      };
    }),
  );
}

/** RFC 4122 name-based UUID (version 5, SHA-1). */
export function uuidV5(name: string, namespace: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.concat([Buffer.from(namespace.replaceAll('-', ''), 'hex'), Buffer.from(name, 'utf8')]))
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function round4(value: number): number {
  return Math.round(value * 10000) / 10000;
}
