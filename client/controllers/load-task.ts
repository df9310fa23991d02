/**
 * A page's loading: a @lit/task Task that runs again whenever its arguments change (a page reused
 * for another address of the same route loads that address), aborts a load that is no longer
 * wanted, and gives the page one `state` to render with whenLoaded (loading.ts).
 *
 * Staff pages pass `staff: true`: a missing session sends the person to sign in, and a one-time
 * password to change it first, before anything else is shown (see auth-redirects.ts).
 */
import { Task, TaskStatus } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
import { ApiError } from '../api/client.js';
import { redirectIfSignInNeeded } from '../auth-redirects.js';
import type { Loadable } from '../loading.js';

export interface LoadTaskOptions<Args extends readonly unknown[], T> {
  /** What the load depends on, such as the run id from the address. */
  readonly args: () => Args;
  readonly load: (args: Args, signal: AbortSignal) => Promise<T>;
  readonly staff?: boolean;
}

const unexpected = new ApiError(0, 'client_error', 'Something went wrong in Rehearse. Reload the page and try again.');

export class LoadTask<Args extends readonly unknown[], T> extends Task<Args, T> {
  constructor(host: ReactiveControllerHost & EventTarget, { args, load, staff = false }: LoadTaskOptions<Args, T>) {
    super(host, {
      args,
      task: async (values, { signal }) => {
        try {
          return await load(values, signal);
        } catch (error) {
          if (error instanceof ApiError) {
            if (staff) redirectIfSignInNeeded(host, error);
          } else if (!signal.aborted) {
            // A bug in the client, not a state of the data: report it as an uncaught error would be.
            reportError(error);
          }
          throw error;
        }
      },
    });
  }

  /** The loaded value, only while it is the answer for the current arguments. */
  get completed(): T | undefined {
    return this.status === TaskStatus.COMPLETE ? this.value : undefined;
  }

  get state(): Loadable<T> {
    // Task types its value as possibly undefined because it has none before the first completion.
    if (this.status === TaskStatus.COMPLETE) return { status: 'complete', value: this.value as T };
    if (this.status === TaskStatus.ERROR) return { status: 'failed', error: this.error instanceof ApiError ? this.error : unexpected };
    return { status: 'pending' };
  }
}
