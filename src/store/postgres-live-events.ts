// The live events transport on PostgreSQL: NOTIFY through the pool, LISTEN on one dedicated
// connection that reconnects with backoff. Notices sent while it is reconnecting are lost; the
// dashboard re-reads everything when its stream reconnects, so nothing stays stale for long.
// Notices sent within a few milliseconds of each other (the batches of intake runs arriving together,
// the checkpoints of runs in flight) share one statement: a screen a moment later, a statement per
// batch fewer.
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Database } from './database-handle.js';

export interface LiveEventChannel {
  send(payload: string): Promise<void>;
  listen(onPayload: (payload: string) => void): Promise<void>;
  close(): Promise<void>;
}

/** One channel per schema, so test schemas sharing a database do not hear each other. */
export function liveEventChannelName(schema: string | null): string {
  return schema === null ? 'sales_agent_live' : `sales_agent_live_${schema}`;
}

/** How long the first waiting notice waits for others to share its statement. */
export const DEFAULT_COALESCE_MS = 20;
/** Notices per statement at most: a full batch goes at once. */
const MAX_NOTICES_PER_STATEMENT = 1000;

export function createPostgresLiveEventChannel(
  database: Database,
  url: string,
  options: { onError?: (error: unknown) => void; reconnectMs?: number; coalesceMs?: number } = {},
): LiveEventChannel {
  const coalesceMs = options.coalesceMs ?? DEFAULT_COALESCE_MS;
  const channel = liveEventChannelName(database.schema);
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  let pending: { payload: string; resolve: () => void; reject: (error: Error) => void }[] = [];
  let timer: NodeJS.Timeout | null = null;

  /** One transaction for every waiting notice: each is still its own notification, in order. */
  async function flush(): Promise<void> {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const batch = pending;
    pending = [];
    const payloads = JSON.stringify(batch.map((p) => p.payload));
    try {
      await database.db.execute(
        sql`SELECT pg_notify(${channel}, p) FROM jsonb_array_elements_text(${payloads}::jsonb) WITH ORDINALITY AS n(p, i) ORDER BY i`,
      );
      for (const p of batch) p.resolve();
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const p of batch) p.reject(failure);
    }
  }

  async function connect(onPayload: (payload: string) => void, delayMs: number): Promise<void> {
    if (closed) return;
    const next = new pg.Client({ connectionString: url });
    const reconnect = (error: unknown): void => {
      options.onError?.(error);
      next.removeAllListeners();
      next.end().catch(() => undefined);
      if (client === next) client = null;
      if (!closed && retry === null) {
        const wait = Math.min(delayMs * 2, 30_000);
        retry = setTimeout(() => {
          retry = null;
          connect(onPayload, wait).catch(reconnect);
        }, delayMs);
        retry.unref();
      }
    };
    next.on('error', reconnect);
    next.on('end', () => reconnect(new Error('the LISTEN connection ended')));
    next.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
    });
    try {
      await next.connect();
      await next.query(`LISTEN "${channel}"`);
      client = next;
    } catch (error) {
      reconnect(error);
    }
  }

  return {
    send(payload) {
      return new Promise<void>((resolve, reject) => {
        pending.push({ payload, resolve, reject });
        if (pending.length >= MAX_NOTICES_PER_STATEMENT) void flush();
        else if (pending.length === 1) timer = setTimeout(() => void flush(), coalesceMs);
      });
    },
    listen: (onPayload) => connect(onPayload, options.reconnectMs ?? 500),
    async close() {
      closed = true;
      if (pending.length > 0) await flush();
      if (retry !== null) clearTimeout(retry);
      const current = client;
      client = null;
      current?.removeAllListeners();
      await current?.end().catch(() => undefined);
    },
  };
}
