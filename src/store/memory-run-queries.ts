// The RunQueries port in memory, over the shared MemoryDatabase: the same filters, order, cursors and
// failure groups as the SQL store.
import type { FailureGroup, RunListItem, RunQueries } from '../domain/ports/run-queries.js';
import { RUN_STATUSES, type RunStatus } from '../domain/ports/run-store.js';
import { compareNewestFirst, decodeCursor, isAfterCursor, pageLimit, pageOf } from './keyset-cursor.js';
import { runsOf, type MemoryDatabase, type MemoryRun } from './memory-database.js';
import { matchesCommonFilters, MAX_FAILURE_RUN_IDS } from './run-list-filter.js';
import { settle } from './sql-rows.js';

export function createMemoryRunQueries(database: MemoryDatabase): RunQueries {
  return {
    listRuns(tenantId, filter) {
      return settle(() => {
        const limit = pageLimit(filter.limit);
        const cursor = decodeCursor(filter.cursor);
        const statuses = filter.statuses === undefined ? null : new Set<RunStatus>(filter.statuses);
        const matching = runsOf(database, tenantId)
          .filter((r) => (statuses === null || statuses.has(r.status)) && matchesCommonFilters(r, filter))
          .filter((r) => isAfterCursor(r, cursor))
          .sort(compareNewestFirst);
        return pageOf(matching.slice(0, limit + 1).map(listItemOf), limit, (item) => item);
      });
    },

    findRunListItem(tenantId, runId) {
      return settle(() => {
        const run = runsOf(database, tenantId).find((r) => r.id === runId);
        return run ? listItemOf(run) : null;
      });
    },

    countRunsByStatus(tenantId, filter) {
      return settle(() => {
        const counts = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<RunStatus, number>;
        for (const run of runsOf(database, tenantId)) {
          if (matchesCommonFilters(run, filter)) counts[run.status] += 1;
        }
        return counts;
      });
    },

    groupFailures(tenantId, limit) {
      return settle(() => groupFailures(runsOf(database, tenantId), pageLimit(limit)));
    },
  };
}

interface Group {
  errorCode: string;
  stepId: string | null;
  /** Newest first. */
  runs: MemoryRun[];
}

function groupFailures(runs: MemoryRun[], limit: number): FailureGroup[] {
  const groups = new Map<string, Group>();
  const failed = runs.filter((r) => r.status === 'failed').sort(newestFailureFirst);
  for (const run of failed) {
    const errorCode = run.error?.code ?? 'unknown';
    const key = JSON.stringify([errorCode, run.currentStep]);
    const group = groups.get(key) ?? { errorCode, stepId: run.currentStep, runs: [] };
    group.runs.push(run);
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort(compareGroups)
    .slice(0, limit)
    .map((g) => ({
      errorCode: g.errorCode,
      stepId: g.stepId,
      message: g.runs[0]?.error?.message ?? '',
      count: g.runs.length,
      runIds: g.runs.slice(0, MAX_FAILURE_RUN_IDS).map((r) => r.id),
    }));
}

const failedAt = (run: MemoryRun): string => run.finishedAt ?? run.updatedAt;

function newestFailureFirst(a: MemoryRun, b: MemoryRun): number {
  return compareNewestFirst({ createdAt: failedAt(a), id: a.id }, { createdAt: failedAt(b), id: b.id });
}

/** Newest failure first, then the bigger group, then by code and step (SQL's `COLLATE "C"`, nulls first). */
function compareGroups(a: Group, b: Group): number {
  const newestA = a.runs[0] ? failedAt(a.runs[0]) : '';
  const newestB = b.runs[0] ? failedAt(b.runs[0]) : '';
  if (newestA !== newestB) return newestA < newestB ? 1 : -1;
  if (a.runs.length !== b.runs.length) return b.runs.length - a.runs.length;
  if (a.errorCode !== b.errorCode) return a.errorCode < b.errorCode ? -1 : 1;
  if (a.stepId === b.stepId) return 0;
  if (a.stepId === null) return -1;
  if (b.stepId === null) return 1;
  return a.stepId < b.stepId ? -1 : 1;
}

function listItemOf(run: MemoryRun): RunListItem {
  return structuredClone({
    id: run.id,
    status: run.status,
    email: run.email,
    company: run.company,
    formId: run.formId,
    currentStep: run.currentStep,
    attempt: run.attempt,
    error: run.error,
    reason: run.reason,
    deadLettered: run.deadLetteredAt !== null,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    finishedAt: run.finishedAt,
  });
}
