// The RunDispatch port in memory, over the shared MemoryDatabase: the same lease rules, retry and
// dead-letter transitions and audit events as the SQL store. Each method's check and write run without
// an await in between, so concurrent callers see each other's writes like the row lock makes them.
import { AppError } from '../domain/errors.js';
import type { DispatchCandidate, RunDispatch } from '../domain/ports/run-queries.js';
import { compareNewestFirst, pageLimit } from './keyset-cursor.js';
import { isoInstant, rowKey, toRunRecord, type MemoryDatabase, type MemoryRun } from './memory-database.js';
import { settle } from './sql-rows.js';

/** Pending and due, or running with no live lease (lapsed or released). */
function isClaimable(run: MemoryRun, now: string): boolean {
  const at = Date.parse(now);
  if (run.status === 'pending') return run.dueAt === null || Date.parse(run.dueAt) <= at;
  if (run.status === 'running') return run.leaseUntil === null || Date.parse(run.leaseUntil) < at;
  return false;
}

export function createMemoryRunDispatch(database: MemoryDatabase): RunDispatch {
  const { audit } = database;
  const find = (tenantId: string, runId: string): MemoryRun | undefined =>
    database.runs.get(rowKey(tenantId, runId));

  return {
    async claimRun(tenantId, runId, claim) {
      const run = find(tenantId, runId);
      if (!run || !isClaimable(run, claim.now)) return null;
      const from = run.status;
      Object.assign(run, {
        status: 'running',
        leaseOwner: claim.owner,
        leaseUntil: isoInstant(claim.leaseUntil),
        dueAt: null,
        updatedAt: isoInstant(claim.now),
      });
      const details = { from, owner: claim.owner, leaseUntil: run.leaseUntil, attempt: run.attempt };
      await audit.append(tenantId, {
        actor: 'system',
        action: 'run.claimed',
        runId,
        stepId: null,
        details,
        at: run.updatedAt,
      });
      return toRunRecord(run);
    },

    renewLease(tenantId, runId, owner, leaseUntil) {
      return settle(() => {
        const run = find(tenantId, runId);
        if (!run || run.leaseOwner !== owner) return false;
        run.leaseUntil = isoInstant(leaseUntil);
        return true;
      });
    },

    releaseLease(tenantId, runId, owner) {
      return settle(() => {
        const run = find(tenantId, runId);
        if (run && run.leaseOwner === owner) Object.assign(run, { leaseOwner: null, leaseUntil: null });
      });
    },

    async scheduleRetry(tenantId, runId, retry) {
      const run = find(tenantId, runId);
      if (!run || !['failed', 'paused', 'pending'].includes(run.status)) return false;
      const from = run.status;
      Object.assign(run, {
        status: 'pending',
        dueAt: isoInstant(retry.dueAt),
        deadLetteredAt: null,
        finishedAt: null,
        leaseOwner: null,
        leaseUntil: null,
        updatedAt: isoInstant(retry.now),
      });
      const details = { from, dueAt: run.dueAt, attempt: run.attempt };
      const event = {
        actor: retry.actor,
        action: 'run.retry-scheduled',
        runId,
        stepId: null,
        details,
        at: run.updatedAt,
      };
      await audit.append(tenantId, event);
      return true;
    },

    async markDeadLettered(tenantId, runId, now) {
      const run = find(tenantId, runId);
      if (!run) throw new AppError('not-found', `run ${runId} not found for tenant ${tenantId}`);
      if (run.status !== 'failed' || run.deadLetteredAt !== null) return;
      const at = isoInstant(now);
      Object.assign(run, { deadLetteredAt: at, updatedAt: at });
      const details = { attempt: run.attempt, error: run.error ? { ...run.error } : null };
      await audit.append(tenantId, {
        actor: 'system',
        action: 'run.dead-lettered',
        runId,
        stepId: null,
        details,
        at,
      });
    },

    listDispatchable(now, limit) {
      return settle((): DispatchCandidate[] =>
        [...database.runs.values()]
          .filter((run) => isClaimable(run, now))
          .sort(oldestFirst)
          .slice(0, pageLimit(limit, 10_000))
          .map((r) => ({ tenantId: r.tenantId, runId: r.id, status: r.status, attempt: r.attempt })),
      );
    },
  };
}

/** created_at, then tenant and id in byte order (SQL's `COLLATE "C"`). */
function oldestFirst(a: MemoryRun, b: MemoryRun): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  if (a.tenantId !== b.tenantId) return a.tenantId < b.tenantId ? -1 : 1;
  return -compareNewestFirst(a, b);
}
