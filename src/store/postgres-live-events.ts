// The live events transport on PostgreSQL: NOTIFY through the pool, LISTEN on one dedicated
// connection that reconnects with backoff. Notices sent while it is reconnecting are lost; the
// dashboard re-reads everything when its stream reconnects, so nothing stays stale for long.
// Notices sent in the same turn of the event loop (a batch of intake runs) share one statement.
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

export function createPostgresLiveEventChannel(
  database: Database,
  url: string,
  options: { onError?: (error: unknown) => void; reconnectMs?: number } = {},
): LiveEventChannel {
  const channel = liveEventChannelName(database.schema);
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  let pending: { payload: string; resolve: () => void; reject: (error: Error) => void }[] = [];

  /** One transaction for every waiting notice: each is still its own notification, in order. */
  async function flush(): Promise<void> {
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
        if (pending.length === 1) setImmediate(() => void flush());
      });
    },
    listen: (onPayload) => connect(onPayload, options.reconnectMs ?? 500),
    async close() {
      closed = true;
      if (retry !== null) clearTimeout(retry);
      const current = client;
      client = null;
      current?.removeAllListeners();
      await current?.end().catch(() => undefined);
    },
  };
}
