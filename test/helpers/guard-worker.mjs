// A worker thread does not inherit the test runner's TypeScript loader: register tsx, then load the guard.
import { register } from 'tsx/esm/api';

register();
await import('./guard-worker.ts');
