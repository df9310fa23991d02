/**
 * Keeps a page's data current from a Server-Sent Events stream, the same way for staff and team
 * pages, while the page is connected:
 * - `resync` fetches everything the page shows. It runs each time the stream opens or reopens
 *   (whatever happened while it was down was not heard; the first fetch waits for the stream, so
 *   a page opening costs one fetch, not two), if it fails before it opened, when the server says
 *   "resync" (it may have missed notifications), and every `fallbackIntervalMs` while the stream
 *   is down: a slow poll that keeps the page current until the stream is back.
 * - `handlers` take the stream's named events; a handler may do a finer update, or ask for a
 *   resync with `resyncSoon()`, which waits `debounceMs` so a burst of events costs one fetch. The
 *   wait is not restarted by later events, so a steady stream of them cannot put the fetch off.
 * One resync runs at a time; one asked for meanwhile runs once after it. When the stream's address
 * changes (the page now shows another run) the stream is reopened.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface LiveDataOptions {
  /** The event stream, e.g. "/api/runs/…/events". */
  readonly url: () => string;
  readonly resync: () => Promise<void>;
  readonly handlers?: Readonly<Record<string, (data: unknown) => void>>;
  readonly fallbackIntervalMs?: number;
  readonly debounceMs?: number;
}

const defaultFallbackIntervalMs = 15_000;
const defaultDebounceMs = 200;

export class LiveDataController implements ReactiveController {
  /** Whether the stream is open now; false while connecting, reconnecting or closed. */
  open = false;
  private source: EventSource | undefined;
  private url = '';
  private connected = false;
  private fallbackTimer: ReturnType<typeof setInterval> | undefined;
  private reopenTimer: ReturnType<typeof setTimeout> | undefined;
  private debounceTimer: ReturnType<typeof setTimeout> | undefined;
  private resyncing: Promise<void> | undefined;
  private resyncAgain = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: LiveDataOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.start();
  }

  hostUpdate(): void {
    if (this.connected && this.options.url() !== this.url) {
      this.close();
      this.start();
    }
  }

  /**
   * Opens the stream; the first fetch waits for it to open (or fail), because a fetch made before
   * it opened would have to be made again then: an event sent in between would not be heard.
   */
  private start(): void {
    this.connect();
    if (!this.source) void this.resyncNow();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.close();
    clearTimeout(this.debounceTimer);
    this.debounceTimer = undefined;
  }

  /** Fetches everything again after a short pause, so that a burst of events costs one fetch. */
  resyncSoon(): void {
    this.debounceTimer ??= setTimeout(() => {
      this.debounceTimer = undefined;
      void this.resyncNow();
    }, this.options.debounceMs ?? defaultDebounceMs);
  }

  /** Fetches everything again now; if a fetch is running, once more when it ends. */
  async resyncNow(): Promise<void> {
    if (this.resyncing) {
      this.resyncAgain = true;
      return this.resyncing;
    }
    this.resyncing = this.options.resync();
    try {
      await this.resyncing;
    } finally {
      this.resyncing = undefined;
    }
    if (this.resyncAgain && this.connected) {
      this.resyncAgain = false;
      await this.resyncNow();
    }
  }

  private connect(): void {
    this.url = this.options.url();
    if (typeof EventSource !== 'function') {
      this.startFallback();
      return;
    }
    const source = new EventSource(this.url, { withCredentials: true });
    this.source = source;
    let opened = false;
    source.addEventListener('open', () => {
      opened = true;
      this.open = true;
      this.stopFallback();
      void this.resyncNow();
    });
    source.addEventListener('error', () => {
      // Refused or unreachable before it ever opened: the page still shows its data at once.
      if (!opened && this.fallbackTimer === undefined) void this.resyncNow();
      this.open = false;
      this.startFallback();
      // The browser retries by itself unless the server refused the stream outright.
      if (source.readyState === EventSource.CLOSED && this.source === source) {
        this.source = undefined;
        this.reopenTimer = setTimeout(() => this.connect(), this.fallbackIntervalMs());
      }
    });
    source.addEventListener('resync', () => void this.resyncNow());
    for (const [name, handler] of Object.entries(this.options.handlers ?? {})) {
      source.addEventListener(name, (event) => handler(parseData((event as MessageEvent<string>).data)));
    }
  }

  private close(): void {
    this.source?.close();
    this.source = undefined;
    this.open = false;
    this.stopFallback();
    clearTimeout(this.reopenTimer);
  }

  private fallbackIntervalMs(): number {
    return this.options.fallbackIntervalMs ?? defaultFallbackIntervalMs;
  }

  private startFallback(): void {
    if (this.fallbackTimer !== undefined) return;
    this.fallbackTimer = setInterval(() => void this.resyncNow(), this.fallbackIntervalMs());
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
