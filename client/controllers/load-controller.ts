/**
 * Loads data from the API when its host connects and re-renders the host as the load progresses,
 * so pages render "loading", "loaded" and "failed" from one `state` value.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError } from '../api.js';

export type LoadState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'loaded'; readonly value: T }
  | { readonly status: 'failed'; readonly error: ApiError };

export class LoadController<T> implements ReactiveController {
  state: LoadState<T> = { status: 'loading' };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly load: () => Promise<T>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    void this.run();
  }

  private async run(): Promise<void> {
    this.state = { status: 'loading' };
    this.host.requestUpdate();
    try {
      this.state = { status: 'loaded', value: await this.load() };
    } catch (error) {
      // Anything other than an ApiError is a bug in the client, not a state to show.
      if (!(error instanceof ApiError)) throw error;
      this.state = { status: 'failed', error };
    }
    this.host.requestUpdate();
  }
}
