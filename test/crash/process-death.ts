// A simulated process death for the in-process crash tests: from the moment it happens, every store
// call throws, as nothing more reaches the database from a dead process. It is triggered by the run
// store's checkpoint of one step (the step's work is done, its checkpoint is lost) or by an armed
// fault of the demo connectors firing (the write happened, its response and everything after are lost).
import type { CheckpointBatch, RunStore } from '../../src/domain/ports/run-store.js';

export class CrashError extends Error {
  constructor(where: string) {
    super(`injected crash: the process died ${where}`);
    this.name = 'CrashError';
  }
}

export class ProcessDeath {
  #dead = false;
  readonly #triggers: (() => boolean)[] = [];

  /** Also dead once this holds (e.g. the armed fault was used up). */
  alsoWhen(trigger: () => boolean): void {
    this.#triggers.push(trigger);
  }

  get dead(): boolean {
    return this.#dead || this.#triggers.some((t) => t());
  }

  die(where: string): never {
    this.#dead = true;
    throw new CrashError(where);
  }

  check(): void {
    if (this.dead) throw new CrashError('earlier; a dead process writes nothing');
  }
}

/** Every method of the object checks that the process is alive before it runs. */
export function guarded<T extends object>(target: T, death: ProcessDeath): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        death.check();
        return (value as (...a: unknown[]) => unknown).apply(object, args);
      };
    },
  });
}

/** The run store of a process that dies instead of recording the success of `crashStep` (when given). */
export function dyingRunStore(store: RunStore, death: ProcessDeath, crashStep: string | null): RunStore {
  const alive = guarded(store, death);
  return {
    ...bindAll(alive),
    // The engine records successes in batches: the batch that would record the step's success is lost.
    async writeCheckpoints(tenantId: string, runId: string, batch: CheckpointBatch) {
      death.check();
      if (batch.steps.some((s) => s.stepId === crashStep && s.end?.status === 'succeeded')) {
        death.die(`after ${crashStep}'s work, before its checkpoint`);
      }
      return store.writeCheckpoints(tenantId, runId, batch);
    },
  };
}

function bindAll(store: RunStore): RunStore {
  return {
    createRun: (run) => store.createRun(run),
    findRun: (tenantId, runId) => store.findRun(tenantId, runId),
    listSteps: (tenantId, runId) => store.listSteps(tenantId, runId),
    updateRun: (tenantId, runId, patch) => store.updateRun(tenantId, runId, patch),
    startStep: (tenantId, step) => store.startStep(tenantId, step),
    finishStep: (tenantId, runId, stepId, attempt, end) => store.finishStep(tenantId, runId, stepId, attempt, end),
    startAttempt: (tenantId, runId, at) => store.startAttempt(tenantId, runId, at),
    writeCheckpoints: (tenantId, runId, batch) => store.writeCheckpoints(tenantId, runId, batch),
  };
}
