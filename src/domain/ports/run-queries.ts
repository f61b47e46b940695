// Read models over runs for the API and dashboard, and the dispatch queries of the queue's
// reconciler and the run lease that keeps one run on one worker at a time.
import type { RunError, RunRecord, RunStatus } from './run-store.js';

export interface RunListFilter {
  statuses?: RunStatus[];
  /** ISO instants, inclusive from, exclusive to, on created_at. */
  from?: string;
  to?: string;
  /** Case-insensitive substring of the email or the company. */
  search?: string;
  limit: number;
  /** Opaque, from the previous page's nextCursor. */
  cursor?: string | null;
}

export interface RunListItem {
  id: string;
  status: RunStatus;
  email: string | null;
  company: string | null;
  formId: string | null;
  currentStep: string | null;
  attempt: number;
  error: RunError | null;
  reason: string | null;
  deadLettered: boolean;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface FailureGroup {
  errorCode: string;
  stepId: string | null;
  /** A representative message (the newest). */
  message: string;
  count: number;
  runIds: string[];
}

export interface RunQueries {
  listRuns(tenantId: string, filter: RunListFilter): Promise<{ items: RunListItem[]; nextCursor: string | null }>;
  findRunListItem(tenantId: string, runId: string): Promise<RunListItem | null>;
  countRunsByStatus(tenantId: string, filter: Omit<RunListFilter, 'statuses' | 'limit' | 'cursor'>): Promise<Record<RunStatus, number>>;
  /** Failed runs grouped by error code and failing step, newest first. */
  groupFailures(tenantId: string, limit: number): Promise<FailureGroup[]>;
}

export interface DispatchCandidate {
  tenantId: string;
  runId: string;
  status: RunStatus;
  attempt: number;
}

export interface RunDispatch {
  /**
   * Claims the run for one worker until `leaseUntil`: succeeds when the run is pending and due, or
   * running with an expired lease (its worker died). Returns the run, or null when someone else holds it.
   */
  claimRun(tenantId: string, runId: string, claim: { owner: string; now: string; leaseUntil: string }): Promise<RunRecord | null>;
  renewLease(tenantId: string, runId: string, owner: string, leaseUntil: string): Promise<boolean>;
  releaseLease(tenantId: string, runId: string, owner: string): Promise<void>;
  /** Puts a run back to pending, due at `dueAt` (a retry after backoff, or an operator's retry). */
  scheduleRetry(tenantId: string, runId: string, retry: { dueAt: string; now: string; actor: string }): Promise<boolean>;
  /** Marks a failed run as dead-lettered (retries exhausted). */
  markDeadLettered(tenantId: string, runId: string, now: string): Promise<void>;
  /** Runs that should be on the queue: pending and due, or running with an expired lease. All tenants. */
  listDispatchable(now: string, limit: number): Promise<DispatchCandidate[]>;
}
