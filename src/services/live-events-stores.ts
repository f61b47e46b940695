// Wraps the store ports so every run, step, draft and settings write also publishes a live event,
// whichever process made it (API, worker, CLI). The stores stay unaware; a failed write publishes nothing.
import type { LiveEvent, LiveEventPublisher } from '../domain/ports/live-events.js';
import type { StorePorts } from './service-deps.js';

type Notice = Omit<LiveEvent, 'at'>;

export function withLiveEvents(stores: StorePorts, publisher: LiveEventPublisher, clock: () => Date): StorePorts {
  const emit = (notice: Notice): void => publisher.publish({ ...notice, at: clock().toISOString() });
  const run = (tenantId: string, runId: string, status: string | null = null): void =>
    emit({ tenantId, kind: 'run', runId, draftId: null, status });
  const { runStore, intake, dispatch, drafts, settings } = stores;

  return {
    ...stores,
    runStore: override(runStore, {
      createRun: async (newRun) => {
        const result = await runStore.createRun(newRun);
        if (result.created) run(newRun.tenantId, result.run.id, result.run.status);
        return result;
      },
      updateRun: async (tenantId, runId, patch) => {
        await runStore.updateRun(tenantId, runId, patch);
        run(tenantId, runId, patch.status ?? null);
      },
      startStep: async (tenantId, step) => {
        await runStore.startStep(tenantId, step);
        run(tenantId, step.runId);
      },
      finishStep: async (tenantId, runId, stepId, attempt, end) => {
        await runStore.finishStep(tenantId, runId, stepId, attempt, end);
        run(tenantId, runId);
      },
      startAttempt: async (tenantId, runId, at) => {
        const started = await runStore.startAttempt(tenantId, runId, at);
        if (started) run(tenantId, runId, started.status);
        return started;
      },
      writeCheckpoints: async (tenantId, runId, batch) => {
        const written = await runStore.writeCheckpoints(tenantId, runId, batch);
        run(tenantId, runId, batch.run?.status ?? null);
        return written;
      },
    }),
    intake: override(intake, {
      recordSubmission: async (submission, newRun) => {
        const result = await intake.recordSubmission(submission, newRun);
        if (result.created) run(submission.tenantId, result.runId, 'pending');
        return result;
      },
      recordSubmissions: async (items) => {
        const outcomes = await intake.recordSubmissions(items);
        outcomes.forEach((outcome, i) => {
          const tenantId = items[i]?.submission.tenantId;
          if (outcome.ok && outcome.created && tenantId !== undefined) run(tenantId, outcome.runId, 'pending');
        });
        return outcomes;
      },
    }),
    dispatch: override(dispatch, {
      claimRun: async (tenantId, runId, claim) => {
        const claimed = await dispatch.claimRun(tenantId, runId, claim);
        if (claimed) run(tenantId, runId, claimed.status);
        return claimed;
      },
      scheduleRetry: async (tenantId, runId, retry) => {
        const scheduled = await dispatch.scheduleRetry(tenantId, runId, retry);
        if (scheduled) run(tenantId, runId, 'pending');
        return scheduled;
      },
      markDeadLettered: async (tenantId, runId, now) => {
        await dispatch.markDeadLettered(tenantId, runId, now);
        run(tenantId, runId, 'failed');
      },
    }),
    drafts: override(drafts, {
      saveDraft: async (draft) => {
        const saved = await drafts.saveDraft(draft);
        emit({ tenantId: saved.tenantId, kind: 'draft', runId: saved.runId, draftId: saved.id, status: null });
        return saved;
      },
      updateDraft: async (tenantId, draftId, expected, patch) => {
        const updated = await drafts.updateDraft(tenantId, draftId, expected, patch);
        if (updated) emit({ tenantId, kind: 'draft', runId: updated.runId, draftId, status: null });
        return updated;
      },
    }),
    settings: override(settings, {
      saveSettings: async (tenantId, document, expectedVersion, now) => {
        const saved = await settings.saveSettings(tenantId, document, expectedVersion, now);
        if (saved) emit({ tenantId, kind: 'settings', runId: null, draftId: null, status: null });
        return saved;
      },
    }),
  };
}

/** The port with some methods replaced; every other method still runs on the original object. */
function override<T extends object>(inner: T, replaced: Partial<T>): T {
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (Object.prototype.hasOwnProperty.call(replaced, property)) return replaced[property as keyof T];
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
