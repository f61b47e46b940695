// Live events: small "something changed" notices the dashboard listens to over server-sent events.
// They carry ids, never content; a listener re-reads through the API. Delivery is best effort.

export const LIVE_EVENT_KINDS = ['run', 'draft', 'settings'] as const;
export type LiveEventKind = (typeof LIVE_EVENT_KINDS)[number];

export interface LiveEvent {
  tenantId: string;
  kind: LiveEventKind;
  /** The run the change belongs to, when there is one. */
  runId: string | null;
  draftId: string | null;
  /** The run's status after the change, when known. */
  status: string | null;
  at: string;
}

export interface LiveEventPublisher {
  /** Never throws and never waits for listeners: a lost notice costs a stale screen, not a run. */
  publish(event: LiveEvent): void;
}

export interface LiveEventBus extends LiveEventPublisher {
  /** Calls `listener` for every event of the tenant until the returned function is called. */
  subscribe(tenantId: string, listener: (event: LiveEvent) => void): () => void;
  close(): Promise<void>;
}
