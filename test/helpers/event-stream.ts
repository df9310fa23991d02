/** Reads a Server-Sent Events response in tests until an event of a given type arrives. */
export interface OpenStream {
  /** Resolves with the data of the next event of this type, skipping others; rejects after the timeout. */
  next(type: string, timeoutMs?: number): Promise<unknown>;
  close(): Promise<void>;
  /** Resolves once the server ends the stream (events before that are skipped); rejects after the timeout. */
  ended(timeoutMs?: number): Promise<void>;
}

export async function openEventStream(url: string, headers: Record<string, string>): Promise<OpenStream> {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  if (response.status !== 200 || !response.body) throw new Error(`event stream refused: ${response.status} ${await response.text()}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(type, timeoutMs = 5000) {
      return withTimeout(`no "${type}" event within ${timeoutMs} ms`, timeoutMs, async (timeout) => {
        for (;;) {
          let end = buffer.indexOf('\n\n');
          while (end !== -1) {
            const lines = buffer.slice(0, end).split('\n');
            buffer = buffer.slice(end + 2);
            const data = lines.find((line) => line.startsWith('data: '));
            if (lines.includes(`event: ${type}`) && data) return JSON.parse(data.slice(6));
            end = buffer.indexOf('\n\n');
          }
          const chunk = await Promise.race([reader.read(), timeout]);
          if (chunk.done) throw new Error('event stream ended');
          buffer += decoder.decode(chunk.value, { stream: true });
        }
      });
    },
    async ended(timeoutMs = 5000) {
      return withTimeout(`the stream was still open after ${timeoutMs} ms`, timeoutMs, async (timeout) => {
        for (;;) {
          const chunk = await Promise.race([reader.read(), timeout]);
          if (chunk.done) return;
        }
      });
    },
    async close() {
      controller.abort();
      await reader.cancel().catch(() => undefined);
    },
  };
}

/**
 * Runs `body` with a promise that rejects after `timeoutMs`, and clears the timer when `body` ends:
 * an event already read into the buffer returns without waiting, and its timer must not reject later.
 */
async function withTimeout<T>(message: string, timeoutMs: number, body: (timeout: Promise<never>) => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), timeoutMs);
  });
  try {
    return await body(timeout);
  } finally {
    clearTimeout(timer);
  }
}
