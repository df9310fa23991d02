/** Runs the synthetic-content guard off the test's thread, so a slow pattern cannot block the test's timeout. */
import { parentPort, workerData } from 'node:worker_threads';
import { syntheticContentProblems } from '../../server/packs/synthetic-guard.js';

parentPort!.postMessage(syntheticContentProblems(workerData as string));
