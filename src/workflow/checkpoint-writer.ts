// Holds a run's step checkpoints back and writes them in batches: a batch goes out before every
// external write (with that write's intent, in the same statement), when the run ends, and at the
// latest `maxDelayMs` after the oldest checkpoint it holds. So the intent of a write is never durable
// before the checkpoints that led to it, and a run costs a few statements instead of two per step.
// A crash loses at most the checkpoints of read-only steps since the last batch; those steps run
// again on resume. Writes are never repeated: their intents are durable before the call.
import type { CheckpointBatch, RunPatch, RunStore, StepCheckpoint, StepEnd } from '../domain/ports/run-store.js';
import type { EffectDone, EffectIntent, SideEffectLedger } from '../domain/ports/side-effects.js';

/** How long a checkpoint may wait for a batch when no write or run end comes sooner. */
export const DEFAULT_CHECKPOINT_DELAY_MS = 200;

type IntentResults = Awaited<ReturnType<RunStore['writeCheckpoints']>>['intents'];

export class CheckpointWriter {
  readonly #store: RunStore;
  readonly #tenantId: string;
  readonly #runId: string;
  readonly #maxDelayMs: number;
  #steps = new Map<string, StepCheckpoint>();
  #done: CheckpointBatch['done'] = [];
  #run: RunPatch | null = null;
  /** The batches go out one after another, in the order they were asked for. */
  #queue: Promise<unknown> = Promise.resolve();
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** The first batch that failed: after it, the run's records are incomplete and every later batch fails with it. */
  #failure: Error | null = null;

  constructor(store: RunStore, tenantId: string, runId: string, options: { maxDelayMs: number }) {
    this.#store = store;
    this.#tenantId = tenantId;
    this.#runId = runId;
    this.#maxDelayMs = options.maxDelayMs;
  }

  /** The error of a failed batch, once one failed. */
  get failure(): Error | null {
    return this.#failure;
  }

  openStep(stepId: string, attempt: number, startedAt: string): void {
    this.#steps.set(stepKey(stepId, attempt), { stepId, attempt, startedAt, opens: true, end: null });
    this.#patchRun({ currentStep: stepId, updatedAt: startedAt });
    this.#schedule();
  }

  closeStep(stepId: string, attempt: number, startedAt: string, end: StepEnd): void {
    const open = this.#steps.get(stepKey(stepId, attempt));
    if (open) open.end = end;
    else this.#steps.set(stepKey(stepId, attempt), { stepId, attempt, startedAt, opens: false, end });
    this.#schedule();
  }

  /** Writes everything held back, with these intents and run fields, and waits until it is durable. */
  write(extra: { intents?: EffectIntent[]; run?: RunPatch } = {}): Promise<IntentResults> {
    if (extra.run) this.#patchRun(extra.run);
    return this.#enqueue(extra.intents ?? []);
  }

  /** The ledger a step's writes go through: intents travel with the checkpoints, outcomes with the next batch. */
  ledger(): SideEffectLedger {
    return {
      recordIntent: async (tenantId, intent) => {
        this.#checkTenant(tenantId);
        const [result] = await this.write({ intents: [intent] });
        if (!result) throw new Error(`no answer for side-effect intent ${intent.idempotencyKey}`);
        return result;
      },
      recordDone: (tenantId, idempotencyKey, done: EffectDone) => {
        this.#checkTenant(tenantId);
        // If this outcome is lost with a crash, the next attempt finds the intent and reconciles.
        this.#done.push({ idempotencyKey, ...done });
        this.#schedule();
        return Promise.resolve();
      },
    };
  }

  /** Stops the timer; what is still held back is not written (call write() first). */
  close(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #checkTenant(tenantId: string): void {
    if (tenantId !== this.#tenantId) {
      throw new Error(`run ${this.#runId} of tenant ${this.#tenantId} cannot record a write for tenant ${tenantId}`);
    }
  }

  #patchRun(patch: RunPatch): void {
    this.#run = Object.assign({}, this.#run, patch);
  }

  #schedule(): void {
    if (this.#timer !== null || this.#failure !== null) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      // A failure here is kept and thrown by the run's next write.
      this.#enqueue([]).catch(() => undefined);
    }, this.#maxDelayMs);
    this.#timer.unref();
  }

  #enqueue(intents: EffectIntent[]): Promise<IntentResults> {
    const next = this.#queue.then(() => this.#flush(intents));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #flush(intents: EffectIntent[]): Promise<IntentResults> {
    if (this.#failure !== null) throw this.#failure;
    this.close();
    const batch: CheckpointBatch = { steps: [...this.#steps.values()], done: this.#done, intents, run: this.#run };
    this.#steps = new Map();
    this.#done = [];
    this.#run = null;
    if (batch.steps.length === 0 && batch.done.length === 0 && intents.length === 0 && batch.run === null) return [];
    try {
      return (await this.#store.writeCheckpoints(this.#tenantId, this.#runId, batch)).intents;
    } catch (error) {
      this.#failure = error instanceof Error ? error : new Error(String(error));
      throw this.#failure;
    }
  }
}

function stepKey(stepId: string, attempt: number): string {
  return `${attempt}:${stepId}`;
}
