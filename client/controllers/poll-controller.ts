/**
 * Waits for something the server does not have yet, by asking again at an interval: `load` is
 * called when the host connects and again every `intervalMs` for as long as it fails with an error
 * that `stillWaiting` accepts. It stops when `load` succeeds, fails any other way, or the host
 * disconnects.
 *
 * The host reads only `state`, so a controller fed by a live push channel can replace this one
 * without changing the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError } from '../api.js';

export type PollState<T> =
  | { readonly status: 'waiting'; readonly error?: ApiError }
  | { readonly status: 'ready'; readonly value: T }
  | { readonly status: 'failed'; readonly error: ApiError };

export interface PollOptions {
  readonly intervalMs: number;
  /** True for the errors that mean "not yet", such as 409 not_started. */
  readonly stillWaiting: (error: ApiError) => boolean;
}

export class PollController<T> implements ReactiveController {
  state: PollState<T> = { status: 'waiting' };
  private timer: ReturnType<typeof setTimeout> | undefined;
  private connected = false;
  private requesting = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly load: () => Promise<T>,
    private readonly options: PollOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    if (this.state.status === 'waiting' && !this.requesting) void this.poll();
  }

  hostDisconnected(): void {
    this.connected = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async poll(): Promise<void> {
    this.timer = undefined;
    this.requesting = true;
    try {
      const value = await this.load();
      this.state = { status: 'ready', value };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // Disconnected while asking: stop here; connecting again starts a new round.
      if (!this.connected) return;
      if (this.options.stillWaiting(error)) {
        this.state = { status: 'waiting', error };
        this.timer = setTimeout(() => void this.poll(), this.options.intervalMs);
      } else {
        this.state = { status: 'failed', error };
      }
    } finally {
      this.requesting = false;
    }
    this.host.requestUpdate();
  }
}
