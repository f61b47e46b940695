// The live event bus: in-process listeners, and optionally a transport (PostgreSQL LISTEN/NOTIFY) so
// an API process hears what worker processes did. With a transport every event makes the round trip,
// so local and remote changes reach listeners the same way.
import type { LiveEvent, LiveEventBus } from '../domain/ports/live-events.js';
import { LIVE_EVENT_KINDS } from '../domain/ports/live-events.js';

/** Carries serialised events between processes; `listen` is only called when someone subscribes. */
export interface LiveEventTransport {
  send(payload: string): Promise<void>;
  listen(onPayload: (payload: string) => void): Promise<void>;
  close(): Promise<void>;
}

export function createLiveEventBus(options: { transport?: LiveEventTransport; onError?: (error: unknown) => void } = {}): LiveEventBus {
  const listeners = new Map<string, Set<(event: LiveEvent) => void>>();
  const transport = options.transport ?? null;
  let listening: Promise<void> | null = null;

  function deliver(event: LiveEvent): void {
    for (const listener of listeners.get(event.tenantId) ?? []) {
      try {
        listener(event);
      } catch (error) {
        options.onError?.(error);
      }
    }
  }

  return {
    publish(event) {
      if (transport === null) return deliver(event);
      transport.send(JSON.stringify(event)).catch((error: unknown) => options.onError?.(error));
    },
    subscribe(tenantId, listener) {
      if (transport !== null && listening === null) {
        listening = transport.listen((payload) => {
          const event = parseLiveEvent(payload);
          if (event) deliver(event);
        });
        listening.catch((error: unknown) => options.onError?.(error));
      }
      const set = listeners.get(tenantId) ?? new Set();
      set.add(listener);
      listeners.set(tenantId, set);
      return () => void set.delete(listener);
    },
    async close() {
      listeners.clear();
      await transport?.close();
    },
  };
}

/** A notice from another process; anything malformed is dropped (a stale screen, not an error). */
export function parseLiveEvent(payload: string): LiveEvent | null {
  try {
    const value = JSON.parse(payload) as Partial<LiveEvent>;
    if (typeof value.tenantId !== 'string' || !LIVE_EVENT_KINDS.includes(value.kind as LiveEvent['kind'])) return null;
    return {
      tenantId: value.tenantId,
      kind: value.kind as LiveEvent['kind'],
      runId: typeof value.runId === 'string' ? value.runId : null,
      draftId: typeof value.draftId === 'string' ? value.draftId : null,
      status: typeof value.status === 'string' ? value.status : null,
      at: typeof value.at === 'string' ? value.at : new Date(0).toISOString(),
    };
  } catch {
    return null;
  }
}
