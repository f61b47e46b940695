import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemorySideEffectLedger } from '../store/memory-side-effect-ledger.js';
import { performOnce } from './perform-once.js';

function harness() {
  const ledger = createMemorySideEffectLedger();
  const external = new Map<string, string>();
  let created = 0;
  const args = (key: string, failAfterCall = false) => ({
    ledger,
    tenantId: 't1',
    runId: 'r1',
    stepId: 'create-gmail-draft',
    idempotencyKey: key,
    kind: 'mail.draft',
    now: () => '2026-11-24T10:00:00.000Z',
    call: () => {
      const id = `draft-${++created}`;
      external.set(key, id);
      if (failAfterCall) return Promise.reject(new Error('process died after the call'));
      return Promise.resolve({ externalId: id, result: { id } });
    },
    reconcile: () => {
      const id = external.get(key);
      return Promise.resolve(id ? { externalId: id, result: { id } } : null);
    },
  });
  return { args, count: () => created };
}

describe('performOnce', () => {
  it('calls once and returns the stored result on a retry', async () => {
    const h = harness();
    const first = await performOnce(h.args('k'));
    const second = await performOnce(h.args('k'));
    assert.deepEqual([first.externalId, first.reused], ['draft-1', false]);
    assert.deepEqual([second.externalId, second.reused], ['draft-1', true]);
    assert.equal(h.count(), 1);
  });

  it('reconciles after an unknown outcome instead of calling again', async () => {
    const h = harness();
    await assert.rejects(performOnce(h.args('k', true)));
    const retry = await performOnce(h.args('k'));
    assert.deepEqual([retry.externalId, retry.reused], ['draft-1', true]);
    assert.equal(h.count(), 1);
  });

  it('calls again when the earlier attempt died before reaching the external system', async () => {
    const h = harness();
    const args = h.args('k');
    await assert.rejects(performOnce({ ...args, call: () => Promise.reject(new Error('died before the call')) }));
    const retry = await performOnce(h.args('k'));
    assert.deepEqual([retry.externalId, retry.reused], ['draft-1', false]);
    assert.equal(h.count(), 1);
  });

  it('keeps different keys apart', async () => {
    const h = harness();
    await performOnce(h.args('task'));
    await performOnce(h.args('note'));
    assert.equal(h.count(), 2);
  });
});
