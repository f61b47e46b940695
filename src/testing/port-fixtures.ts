// Fixtures for the intake, query, dispatch and draft conformance suites: a submission with its run,
// a draft, and a run driven into a given status. Each suite gets the full store bundle of one engine.
import { randomUUID } from 'node:crypto';
import type { NewDraft } from '../domain/ports/draft-store.js';
import type { NewSubmission } from '../domain/ports/intake-store.js';
import type { NewRun, RunError, RunStatus } from '../domain/ports/run-store.js';
import type { Stores } from '../store/stores.js';
import { newRun } from './store-fixtures.js';

export type MakeStores = () => Stores | Promise<Stores>;

export type IntakeRun = NewRun & { email: string | null; company: string | null };

/** A submission and its run under one idempotency key, as the intake service builds them. */
export function newIntake(
  tenantId: string,
  overrides: {
    key?: string;
    email?: string | null;
    company?: string | null;
    createdAt?: string;
    formId?: string;
  } = {},
): { submission: NewSubmission; run: IntakeRun } {
  const key = overrides.key ?? `hubspot:${randomUUID()}`;
  const createdAt = overrides.createdAt ?? '2026-11-25T10:00:00.000-05:00';
  const payload = {
    portalId: 123,
    formId: overrides.formId ?? 'form-1',
    fields: [{ name: 'email', value: 'Ada@Example.com' }],
  };
  return {
    submission: {
      id: randomUUID(),
      tenantId,
      idempotencyKey: key,
      sourceKind: 'hubspot-form',
      portalId: '123',
      formId: overrides.formId ?? 'form-1',
      submissionId: `conv-${randomUUID()}`,
      rawPayload: `${JSON.stringify(payload)}\n`,
      payload,
      receivedAt: createdAt,
    },
    run: {
      ...newRun(tenantId, { idempotencyKey: key, createdAt }),
      email: overrides.email === undefined ? 'ada@example.com' : overrides.email,
      company: overrides.company === undefined ? 'Example Ltd' : overrides.company,
    },
  };
}

export function newDraft(tenantId: string, runId: string, overrides: Partial<NewDraft> = {}): NewDraft {
  return {
    id: randomUUID(),
    tenantId,
    runId,
    to: 'ada@example.com',
    subject: 'Re: your question about pricing',
    body: 'Hi Ada,\n\nThanks for reaching out.',
    threadId: 'thread-1',
    inReplyTo: '<m1@example.com>',
    references: ['<m0@example.com>', '<m1@example.com>'],
    gmailDraftId: 'r-1',
    gmailMessageId: null,
    lint: [{ rule: 'dash', message: 'no dashes', excerpt: '\u2014' }],
    createdAt: '2026-11-25T10:00:01.000-05:00',
    ...overrides,
  };
}

/** Creates a run through the RunStore and moves it to `status` (with an error and step when failed). */
export async function runInStatus(
  stores: Stores,
  tenantId: string,
  status: RunStatus,
  options: { createdAt?: string; error?: RunError; step?: string; finishedAt?: string; input?: unknown } = {},
): Promise<string> {
  const run = newRun(tenantId, {
    ...(options.createdAt === undefined ? {} : { createdAt: options.createdAt }),
    ...(options.input === undefined ? {} : { input: options.input }),
  });
  await stores.runStore.createRun(run);
  if (status === 'pending') return run.id;
  const failed = status === 'failed' || status === 'paused';
  await stores.runStore.updateRun(tenantId, run.id, {
    status,
    attempt: 1,
    currentStep: options.step ?? (failed ? 'lookup-contact' : null),
    error: failed ? (options.error ?? { code: 'transient', message: 'HubSpot answered 503' }) : null,
    ...(options.finishedAt === undefined ? {} : { finishedAt: options.finishedAt }),
    updatedAt: options.finishedAt ?? '2026-11-25T15:01:00.000Z',
  });
  return run.id;
}
