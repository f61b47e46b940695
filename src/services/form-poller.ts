// The Forms submissions API poller: the source of truth and the backfill when a webhook was missed.
// For each allowlisted form it reads the newest submissions and hands each to intake, which starts a
// run only for a submission not seen yet. It pages back only while a page still holds unseen ones.
import { toSubmissionPayload } from '../domain/ports/form-submissions.js';
import type { FormSubmissionSource } from '../domain/ports/form-submissions.js';
import type { IntakeService } from './service-types.js';

export interface FormPollerDeps {
  intake: IntakeService;
  /** The tenants to poll with their allowlisted forms and submissions source. */
  targets: () => Promise<{ tenantId: string; formIds: string[]; source: FormSubmissionSource }[]>;
  intervalMs: number;
  pageSize?: number;
  maxPages?: number;
  onError?: (error: unknown) => void;
}

export interface FormPoller {
  runOnce(): Promise<{ accepted: number; seen: number }>;
  start(): void;
  stop(): Promise<void>;
}

export function createFormPoller(deps: FormPollerDeps): FormPoller {
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<{ accepted: number; seen: number }> | null = null;
  let stopped = false;

  async function pollForm(tenantId: string, formId: string, source: FormSubmissionSource): Promise<{ accepted: number; seen: number }> {
    let after: string | null = null;
    let accepted = 0;
    let seen = 0;
    for (let page = 0; page < (deps.maxPages ?? 5); page++) {
      const { submissions, nextAfter } = await source.listSubmissions(formId, { after, limit: deps.pageSize ?? 50 });
      let unseen = 0;
      for (const record of submissions) {
        const payload = toSubmissionPayload(record);
        const outcome = await deps.intake.submit({ tenantId, route: 'hubspot-poll', rawBody: JSON.stringify(payload), payload });
        if (outcome.kind === 'accepted') {
          accepted++;
          unseen++;
        } else seen++;
      }
      if (unseen === 0 || nextAfter === null) break;
      after = nextAfter;
    }
    return { accepted, seen };
  }

  async function pass(): Promise<{ accepted: number; seen: number }> {
    const total = { accepted: 0, seen: 0 };
    for (const target of await deps.targets()) {
      for (const formId of target.formIds) {
        try {
          const r = await pollForm(target.tenantId, formId, target.source);
          total.accepted += r.accepted;
          total.seen += r.seen;
        } catch (error) {
          deps.onError?.(error);
        }
      }
    }
    return total;
  }

  const runOnce = (): Promise<{ accepted: number; seen: number }> => (inFlight ??= pass().finally(() => (inFlight = null)));
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => void runOnce().finally(schedule), deps.intervalMs);
    timer.unref();
  };

  return {
    runOnce,
    start() {
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inFlight;
    },
  };
}
