/**
 * The life of a run: draft → open (teams may join and see only a holding screen) → live → closed →
 * results released. Pure: the routes ask it whether a move is allowed and why not.
 */
import { z } from 'zod';

export const RunState = z.enum(['draft', 'open', 'live', 'closed', 'results-released']);
export type RunState = z.infer<typeof RunState>;

const allowedMoves: Record<RunState, readonly RunState[]> = {
  // Back to draft lets a lead correct teams or assessors before anyone has seen anything.
  draft: ['open'],
  open: ['draft', 'live'],
  live: ['closed'],
  closed: ['results-released'],
  'results-released': [],
};

const stateNames: Record<RunState, string> = {
  draft: 'draft',
  open: 'open for joining',
  live: 'live',
  closed: 'closed',
  'results-released': 'results released',
};

export function nextStates(from: RunState): readonly RunState[] {
  return allowedMoves[from];
}

/** Undefined when the move is allowed; otherwise a sentence saying why not and what is possible. */
export function refuseMove(from: RunState, to: RunState): string | undefined {
  if (allowedMoves[from].includes(to)) return undefined;
  if (from === to) return `The run is already ${stateNames[to]}.`;
  const possible = allowedMoves[from];
  const options = possible.length === 0 ? 'it cannot change any more' : `it can only become ${possible.map((state) => stateNames[state]).join(' or ')}`;
  return `A run that is ${stateNames[from]} cannot become ${stateNames[to]}: ${options}.`;
}

/** Teams may join while a run is open or live; they see the scenario only once it is live. */
export function teamsMayJoin(state: RunState): boolean {
  return state === 'open' || state === 'live';
}

export function scenarioVisibleToTeams(state: RunState): boolean {
  return state === 'live' || state === 'closed' || state === 'results-released';
}
