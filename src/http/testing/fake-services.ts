// In-memory fakes of the application services for HTTP tests: each records its calls and answers
// with whatever the test put in `answers`. No rules live here; the HTTP layer is what is under test.
import { DRAFT_STATES, type DraftRecord } from '../../domain/ports/draft-store.js';
import { RUN_STATUSES, type RunRecord, type RunStatus } from '../../domain/ports/run-store.js';
import type { FailureGroup, RunListItem } from '../../domain/ports/run-queries.js';
import { getDefaultSettings } from '../../domain/settings.js';
import type {
  DraftActionOutcome,
  IntakeOutcome,
  RetryOutcome,
  RunDetail,
  Services,
  SettingsOutcome,
} from '../../services/service-types.js';

export interface RecordedCall {
  method: string;
  args: unknown[];
}

export interface FakeAnswers {
  intake: (input: unknown) => Promise<IntakeOutcome>;
  events: { accepted: string[]; duplicates: string[]; ignored: number };
  runList: { items: RunListItem[]; nextCursor: string | null };
  runDetail: RunDetail | null;
  retry: RetryOutcome;
  failures: FailureGroup[];
  drafts: { items: DraftRecord[]; nextCursor: string | null };
  draft: DraftRecord | null;
  draftAction: DraftActionOutcome;
  settings: SettingsOutcome;
  ready: () => Promise<{ ok: boolean; checks: Record<string, { ok: boolean; detail: string }> }>;
}

export interface FakeServices {
  services: Services;
  calls: RecordedCall[];
  answers: FakeAnswers;
  /** The calls made to one method, e.g. `intake.submit`. */
  callsTo(method: string): unknown[][];
}

const AT = '2026-03-02T15:00:00.000Z';

export function makeRun(overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id: 'run-1',
    tenantId: 'tenant-a',
    workflow: 'form-lead',
    idempotencyKey: 'tenant-a:62515:form-1:sub-1',
    status: 'failed',
    currentStep: 'resolve-contact',
    attempt: 1,
    input: { email: 'jane@acme.example' },
    error: { code: 'transient', message: 'HubSpot 503' },
    reason: null,
    traceId: null,
    createdAt: AT,
    updatedAt: AT,
    finishedAt: AT,
    ...overrides,
  };
}

export function makeDraft(overrides: Partial<DraftRecord> = {}): DraftRecord {
  return {
    id: 'draft-1',
    tenantId: 'tenant-a',
    runId: 'run-1',
    to: 'jane@acme.example',
    subject: 'Your 40 seats',
    body: 'Hi Jane,\n\nThanks.',
    threadId: null,
    inReplyTo: null,
    references: [],
    gmailDraftId: 'g-1',
    gmailMessageId: null,
    state: 'pending',
    lint: [],
    decidedBy: null,
    decidedAt: null,
    decisionReason: null,
    sentAt: null,
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  };
}

export function makeRunListItem(overrides: Partial<RunListItem> = {}): RunListItem {
  return {
    id: 'run-1',
    status: 'succeeded',
    email: 'jane@acme.example',
    company: 'Acme',
    formId: 'form-1',
    currentStep: null,
    attempt: 1,
    error: null,
    reason: null,
    deadLettered: false,
    createdAt: AT,
    updatedAt: AT,
    finishedAt: AT,
    ...overrides,
  };
}

export function okSettings(version = 3, globalKillSwitch = false): SettingsOutcome {
  return { ok: true, settings: getDefaultSettings(), version, globalKillSwitch };
}

function zeroCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

export function createFakeServices(): FakeServices {
  const calls: RecordedCall[] = [];
  const answers: FakeAnswers = {
    intake: () => Promise.resolve({ kind: 'accepted', runId: 'run-new' }),
    events: { accepted: [], duplicates: [], ignored: 0 },
    runList: { items: [], nextCursor: null },
    runDetail: null,
    retry: { ok: true, run: makeRun({ status: 'pending' }) },
    failures: [],
    drafts: { items: [], nextCursor: null },
    draft: null,
    draftAction: { ok: true, draft: makeDraft() },
    settings: okSettings(),
    ready: () => Promise.resolve({ ok: true, checks: { database: { ok: true, detail: 'pglite' } } }),
  };
  const record = (method: string, ...args: unknown[]): void => {
    calls.push({ method, args });
  };
  const services: Services = {
    intake: {
      submit: (input) => (record('intake.submit', input), answers.intake(input)),
      submitEvents: (input) => (record('intake.submitEvents', input), Promise.resolve(answers.events)),
    },
    runs: {
      list: (tenantId, filter) => (
        record('runs.list', tenantId, filter),
        Promise.resolve({ ...answers.runList, counts: zeroCounts<RunStatus>(RUN_STATUSES) })
      ),
      get: (tenantId, runId) => (record('runs.get', tenantId, runId), Promise.resolve(answers.runDetail)),
      retry: (tenantId, runId, actor) => (
        record('runs.retry', tenantId, runId, actor),
        Promise.resolve(answers.retry)
      ),
      failures: (tenantId) => (record('runs.failures', tenantId), Promise.resolve(answers.failures)),
    },
    drafts: {
      list: (tenantId, filter) => (
        record('drafts.list', tenantId, filter),
        Promise.resolve({ ...answers.drafts, counts: zeroCounts(DRAFT_STATES) })
      ),
      get: (tenantId, id) => (record('drafts.get', tenantId, id), Promise.resolve(answers.draft)),
      edit: (tenantId, id, change, actor) => (
        record('drafts.edit', tenantId, id, change, actor),
        Promise.resolve(answers.draftAction)
      ),
      approve: (tenantId, id, actor) => (
        record('drafts.approve', tenantId, id, actor),
        Promise.resolve(answers.draftAction)
      ),
      reject: (tenantId, id, reason, actor) => (
        record('drafts.reject', tenantId, id, reason, actor),
        Promise.resolve(answers.draftAction)
      ),
      send: (tenantId, id, actor) => (
        record('drafts.send', tenantId, id, actor),
        Promise.resolve(answers.draftAction)
      ),
    },
    settings: {
      get: (tenantId) => (record('settings.get', tenantId), Promise.resolve(answers.settings)),
      update: (tenantId, settings, version, actor) => (
        record('settings.update', tenantId, settings, version, actor),
        Promise.resolve(answers.settings)
      ),
      setMode: (tenantId, change, actor) => (
        record('settings.setMode', tenantId, change, actor),
        Promise.resolve(answers.settings)
      ),
    },
    health: {
      live: () => (record('health.live'), { ok: true }),
      ready: () => (record('health.ready'), answers.ready()),
    },
  };
  return {
    services,
    calls,
    answers,
    callsTo: (method) => calls.filter((c) => c.method === method).map((c) => c.args),
  };
}
