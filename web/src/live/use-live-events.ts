// Live updates: one EventSource on /api/events. A change invalidates the queries it affects (batched,
// so a run's 13 steps cost one refetch); a reconnect re-reads everything, since notices sent while
// offline are gone. EventSource retries by itself; after a hard failure we reopen with backoff.
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { keys } from '../api/queries.js';
import type { LiveChange } from '../api/types.js';

export type LiveStatus = 'connecting' | 'live' | 'offline';

const BATCH_MS = 250;

function invalidate(client: QueryClient, changes: LiveChange[]): void {
  const kinds = new Set(changes.map((c) => c.kind));
  const runIds = new Set(changes.map((c) => c.runId).filter((id): id is string => id !== null));
  if (kinds.has('run') || kinds.has('draft')) {
    void client.invalidateQueries({ queryKey: keys.runs });
    void client.invalidateQueries({ queryKey: keys.errors });
    void client.invalidateQueries({ queryKey: keys.audit });
    for (const id of runIds) void client.invalidateQueries({ queryKey: keys.run(id) });
  }
  if (kinds.has('draft')) void client.invalidateQueries({ queryKey: keys.drafts });
  if (kinds.has('settings')) void client.invalidateQueries({ queryKey: keys.settings });
}

export function useLiveEvents(enabled: boolean): LiveStatus {
  const client = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');

  useEffect(() => {
    if (!enabled) return undefined;
    let source: EventSource | null = null;
    let reopen: number | undefined;
    let flush: number | undefined;
    let backoffMs = 1000;
    let everOpened = false;
    let pending: LiveChange[] = [];

    const open = (): void => {
      source = new EventSource('/api/events');
      source.addEventListener('ready', () => {
        setStatus('live');
        backoffMs = 1000;
        // After a gap, anything may have changed: re-read what is on screen.
        if (everOpened) void client.invalidateQueries();
        everOpened = true;
      });
      source.addEventListener('change', (event: MessageEvent<string>) => {
        try {
          pending.push(JSON.parse(event.data) as LiveChange);
        } catch {
          return;
        }
        flush ??= window.setTimeout(() => {
          flush = undefined;
          const batch = pending;
          pending = [];
          invalidate(client, batch);
        }, BATCH_MS);
      });
      source.onerror = () => {
        setStatus('offline');
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          reopen = window.setTimeout(open, backoffMs);
          backoffMs = Math.min(backoffMs * 2, 30_000);
        }
      };
    };
    open();
    return () => {
      window.clearTimeout(reopen);
      window.clearTimeout(flush);
      source?.close();
    };
  }, [client, enabled]);

  return status;
}
