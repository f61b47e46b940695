// Group commit for checkpoint batches on PostgreSQL / PGlite: the batches that runs hand in while the
// database is busy with earlier ones go out together, as one statement and one commit, and each run is
// answered as if its batch had been written alone. At most `maxConcurrent` statements are in flight; a
// batch that finds a free slot leaves at the end of the current turn of the event loop (so a lone run
// waits for nothing), the others leave together when a statement comes back. A statement some batch
// makes roll back is split in halves and tried again, down to that batch alone, so one run's bad batch
// fails that run only. It knows nothing of the engine; docs/decisions/0006-store-throughput.md.
import { AppError } from '../domain/errors.js';
import type { CheckpointBatch, RunStore } from '../domain/ports/run-store.js';
import {
  writeCheckpointGroupSql,
  type CheckpointGroupItem,
  type CheckpointGroupRow,
} from './checkpoint-batch-sql.js';
import type { Db } from './database-handle.js';
import { sideEffectFromRow, type SideEffectRow } from './side-effect-ledger.js';
import { isItemFailure } from './sql-errors.js';
import { queryRows } from './sql-rows.js';

type Written = Awaited<ReturnType<RunStore['writeCheckpoints']>>;

export interface CheckpointGroupOptions {
  /** Statements in flight at once (each holds a connection while it runs). */
  maxConcurrent: number;
  /** Batches in one statement at most. */
  maxRuns: number;
}

interface Waiting {
  item: CheckpointGroupItem;
  resolve: (written: Written) => void;
  reject: (error: unknown) => void;
}

export function createCheckpointGroupWriter(db: Db, options: CheckpointGroupOptions) {
  const maxConcurrent = Math.max(1, Math.floor(options.maxConcurrent));
  const maxRuns = Math.max(1, Math.floor(options.maxRuns));
  let waiting: Waiting[] = [];
  let inFlight = 0;
  let soon: NodeJS.Immediate | null = null;

  function schedule(): void {
    if (soon === null && waiting.length > 0 && inFlight < maxConcurrent) soon = setImmediate(pump);
  }

  function pump(): void {
    soon = null;
    while (waiting.length > 0 && inFlight < maxConcurrent) void send(take());
  }

  /** The next group: distinct runs (a run's next batch waits for the group after), in arrival order. */
  function take(): Waiting[] {
    const group: Waiting[] = [];
    const rest: Waiting[] = [];
    const runs = new Set<string>();
    for (const w of waiting) {
      const run = `${w.item.tenantId}\u0000${w.item.runId}`;
      if (group.length < maxRuns && !runs.has(run)) {
        runs.add(run);
        group.push(w);
      } else rest.push(w);
    }
    waiting = rest;
    return group;
  }

  async function send(group: Waiting[]): Promise<void> {
    inFlight += 1;
    try {
      await writeOrSplit(db, group);
    } finally {
      inFlight -= 1;
      pump();
    }
  }

  return {
    write(tenantId: string, runId: string, batch: CheckpointBatch): Promise<Written> {
      return new Promise<Written>((resolve, reject) => {
        waiting.push({ item: { tenantId, runId, batch }, resolve, reject });
        schedule();
      });
    },
  };
}

/**
 * Writes the group with one statement and answers each batch. When a batch makes the statement roll
 * back, each half is tried again; a batch that fails alone is rejected with the database's error.
 */
async function writeOrSplit(db: Db, group: Waiting[]): Promise<void> {
  // Runs are locked in one order by every group statement, so two of them never wait on each other.
  const ordered = [...group].sort((a, b) => compareRuns(a.item, b.item));
  let rows: CheckpointGroupRow[];
  try {
    rows = await queryRows<CheckpointGroupRow>(db, writeCheckpointGroupSql(ordered.map((w) => w.item)));
  } catch (error) {
    if (ordered.length === 1 || !isItemFailure(error)) {
      for (const w of ordered) w.reject(error);
      return;
    }
    const half = Math.ceil(ordered.length / 2);
    await Promise.all([ordered.slice(0, half), ordered.slice(half)].map((part) => writeOrSplit(db, part)));
    return;
  }
  ordered.forEach((w, k) => {
    try {
      w.resolve(
        answer(
          w.item,
          rows.find((r) => r.k === k),
        ),
      );
    } catch (error) {
      w.reject(error);
    }
  });
}

function compareRuns(a: CheckpointGroupItem, b: CheckpointGroupItem): number {
  if (a.tenantId !== b.tenantId) return a.tenantId < b.tenantId ? -1 : 1;
  return a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0;
}

/** One batch's answer, checked against what the statement says it wrote. */
function answer(
  { tenantId, runId, batch }: CheckpointGroupItem,
  row: CheckpointGroupRow | undefined,
): Written {
  if (!row?.found) throw new AppError('not-found', `run ${runId} not found for tenant ${tenantId}`);
  if (row.steps !== batch.steps.length) {
    // Only a step closed without its row can fall short: the engine opens every step it closes.
    throw new AppError(
      'internal',
      `checkpoint batch of run ${runId} wrote ${row.steps} of ${batch.steps.length} step rows`,
    );
  }
  if (row.done !== batch.done.length) {
    throw new AppError('not-found', `a side-effect outcome of run ${runId} has no recorded intent`);
  }
  const intents = batch.intents.map((intent, ord) => {
    const found = row.intents.find((r) => r.ord === ord);
    if (!found)
      throw new AppError(
        'internal',
        `side effect ${intent.idempotencyKey} vanished while recording its intent`,
      );
    return { record: sideEffectFromRow(found as unknown as SideEffectRow), created: found.created };
  });
  return { intents };
}
