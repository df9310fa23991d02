/** What each run state is called on screen, its tag colour, and the wording of moving a run to it. */
import type { RunState } from '../server/runs/lifecycle.js';
import type { TagColour } from './components/rh-tag.js';

export const runStateLabels: Record<RunState, string> = {
  draft: 'Draft',
  open: 'Open for joining',
  live: 'Live',
  closed: 'Closed',
  'results-released': 'Results released',
};

export const runStateColours: Record<RunState, TagColour> = {
  draft: 'grey',
  open: 'blue',
  live: 'green',
  closed: 'yellow',
  'results-released': 'light-blue',
};

/** The button that moves a run to the state. */
export const transitionLabels: Record<RunState, string> = {
  draft: 'Back to draft',
  open: 'Open for joining',
  live: 'Go live',
  closed: 'Close the run',
  'results-released': 'Release results',
};

/** The confirmation once the run has moved to the state. */
export const transitionOutcomes: Record<RunState, string> = {
  draft: 'The run is back in draft. Teams cannot join until you open it again.',
  open: 'The run is open for joining. Teams can join with the join code.',
  live: 'The run is live. Teams can now see their scenarios.',
  closed: 'The run is closed.',
  'results-released': 'Results are released to teams.',
};

/** Whether `value` (from an event, say) names a run state. */
export function isRunState(value: unknown): value is RunState {
  return typeof value === 'string' && Object.hasOwn(runStateLabels, value);
}
