/**
 * Listens to a Server-Sent Events stream while its host is connected. Each named event calls its
 * handler with the parsed JSON data. When the stream opens (and each time it reopens after a drop)
 * `onOpen` runs, so the host can fetch what it may have missed. While the stream is down, `onFallback`
 * runs every `fallbackIntervalMs`: a slow poll that keeps the page current until the stream is back.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface EventStreamOptions {
  readonly url: string;
  readonly handlers: Readonly<Record<string, (data: unknown) => void>>;
  readonly onOpen?: () => void;
  readonly onFallback?: () => void;
  readonly fallbackIntervalMs?: number;
}

export class EventStreamController implements ReactiveController {
  /** Whether the stream is open now; false while connecting, reconnecting or closed. */
  open = false;
  private source: EventSource | undefined;
  private fallbackTimer: ReturnType<typeof setInterval> | undefined;
  private reopenTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: EventStreamOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connect();
  }

  hostDisconnected(): void {
    this.source?.close();
    this.source = undefined;
    this.open = false;
    this.stopFallback();
    clearTimeout(this.reopenTimer);
  }

  private connect(): void {
    if (typeof EventSource !== 'function') {
      this.startFallback();
      return;
    }
    const source = new EventSource(this.options.url, { withCredentials: true });
    this.source = source;
    source.addEventListener('open', () => {
      this.open = true;
      this.stopFallback();
      this.options.onOpen?.();
    });
    source.addEventListener('error', () => {
      this.open = false;
      this.startFallback();
      // The browser retries by itself unless the server refused the stream outright.
      if (source.readyState === EventSource.CLOSED && this.source === source) {
        this.source = undefined;
        this.reopenTimer = setTimeout(() => this.connect(), this.options.fallbackIntervalMs ?? 15_000);
      }
    });
    for (const [name, handler] of Object.entries(this.options.handlers)) {
      source.addEventListener(name, (event) => handler(parseData((event as MessageEvent<string>).data)));
    }
  }

  private startFallback(): void {
    if (this.fallbackTimer !== undefined || !this.options.onFallback) return;
    this.fallbackTimer = setInterval(() => this.options.onFallback?.(), this.options.fallbackIntervalMs ?? 15_000);
  }

  private stopFallback(): void {
    clearInterval(this.fallbackTimer);
    this.fallbackTimer = undefined;
  }
}

function parseData(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}
