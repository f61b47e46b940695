import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeFormSubmissions } from '../connectors/demo/fake-form-submissions.js';
import type { IntakeOutcome, IntakeService } from './service-types.js';
import { createFormPoller } from './form-poller.js';

function intakeRecording(): IntakeService & { keys: string[] } {
  const runs = new Map<string, string>();
  const keys: string[] = [];
  return {
    keys,
    submit({ payload }): Promise<IntakeOutcome> {
      const key = String((payload as { conversionId: string }).conversionId);
      keys.push(key);
      const held = runs.get(key);
      if (held) return Promise.resolve({ kind: 'duplicate', runId: held });
      runs.set(key, `run-${key}`);
      return Promise.resolve({ kind: 'accepted', runId: `run-${key}` });
    },
    submitEvents: () => Promise.reject(new Error('not used')),
  };
}

function source(count: number): FakeFormSubmissions {
  const s = new FakeFormSubmissions({ contacts: [], companies: [], owners: [] }, '62515');
  for (let i = 1; i <= count; i++) {
    const at = new Date(Date.UTC(2026, 10, 24, 10, i)).toISOString();
    s.add({ formId: 'f1', submissionId: `c${i}`, submittedAt: at, values: { email: `p${i}@acme.example` }, pageUrl: null, portalId: '62515' });
  }
  return s;
}

describe('form poller', () => {
  it('backfills every unseen submission across pages, then stops after the first page with nothing new', async () => {
    const intake = intakeRecording();
    const src = source(7);
    const poller = createFormPoller({ intake, targets: () => Promise.resolve([{ tenantId: 't', formIds: ['f1'], source: src }]), intervalMs: 60_000, pageSize: 3 });
    assert.deepEqual(await poller.runOnce(), { accepted: 7, seen: 0 });
    intake.keys.length = 0;
    src.add({ formId: 'f1', submissionId: 'c8', submittedAt: '2026-11-24T11:00:00.000Z', values: { email: 'p8@acme.example' }, pageUrl: null, portalId: '62515' });
    assert.deepEqual(await poller.runOnce(), { accepted: 1, seen: 5 });
    assert.deepEqual(intake.keys, ['c8', 'c7', 'c6', 'c5', 'c4', 'c3'], 'it reads back until a page holds nothing new');
  });

  it('keeps polling other forms when one fails', async () => {
    const intake = intakeRecording();
    const errors: unknown[] = [];
    const broken = { listSubmissions: () => Promise.reject(new Error('HubSpot 503')), findLatestSubmissionForContact: () => Promise.resolve(null) };
    const poller = createFormPoller({
      intake,
      targets: () => Promise.resolve([{ tenantId: 't', formIds: ['f0'], source: broken }, { tenantId: 't', formIds: ['f1'], source: source(2) }]),
      intervalMs: 60_000,
      onError: (e) => errors.push(e),
    });
    assert.deepEqual(await poller.runOnce(), { accepted: 2, seen: 0 });
    assert.equal(errors.length, 1);
  });
});
