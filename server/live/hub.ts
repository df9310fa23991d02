/**
 * In-process fan-out of live events to the streams open on this instance. Events arrive from the
 * live events table (see event-reader.ts), so every instance behind a load balancer sees every
 * event, and only once its transaction has committed.
 */
import { topicsOf, type LiveEvent } from './events.js';

type Listener = (event: LiveEvent) => void;

export class LiveHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly everyone = new Set<Listener>();

  subscribe(topics: string[], listener: Listener): () => void {
    for (const topic of topics) {
      const set = this.listeners.get(topic) ?? new Set<Listener>();
      set.add(listener);
      this.listeners.set(topic, set);
    }
    this.everyone.add(listener);
    return () => {
      this.everyone.delete(listener);
      for (const topic of topics) {
        const set = this.listeners.get(topic);
        set?.delete(listener);
        if (set?.size === 0) this.listeners.delete(topic);
      }
    };
  }

  dispatch(event: LiveEvent): void {
    if (event.type === 'resync') {
      for (const listener of this.everyone) listener(event);
      return;
    }
    const reached = new Set<Listener>();
    for (const topic of topicsOf(event)) {
      for (const listener of this.listeners.get(topic) ?? []) {
        if (reached.has(listener)) continue;
        reached.add(listener);
        listener(event);
      }
    }
  }
}
