// Live events: the in-process bus delivers per tenant; the store wrappers publish on the writes the
// dashboard shows (and not on failed compare-and-set writes); a transport carries events both ways.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LiveEvent } from '../domain/ports/live-events.js';
import { createMemoryStores } from '../store/stores.js';
import { newRun, newTenant } from '../testing/store-fixtures.js';
import { createLiveEventBus, parseLiveEvent, type LiveEventTransport } from './live-events.js';
import { withLiveEvents } from './live-events-stores.js';

const clock = (): Date => new Date('2026-11-25T10:00:00.000Z');

describe('live event bus', () => {
  it('delivers to the listeners of the event tenant only, until they unsubscribe', () => {
    const bus = createLiveEventBus();
    const seen: string[] = [];
    const stop = bus.subscribe('a', (e) => seen.push(`a:${e.runId ?? ''}`));
    bus.subscribe('b', (e) => seen.push(`b:${e.runId ?? ''}`));
    bus.publish({ tenantId: 'a', kind: 'run', runId: 'r1', draftId: null, status: null, at: '' });
    stop();
    bus.publish({ tenantId: 'a', kind: 'run', runId: 'r2', draftId: null, status: null, at: '' });
    assert.deepEqual(seen, ['a:r1']);
  });

  it('sends through a transport and delivers what comes back, dropping malformed notices', async () => {
    let deliver: (payload: string) => void = () => undefined;
    const sent: string[] = [];
    const transport: LiveEventTransport = {
      send: (payload) => (sent.push(payload), Promise.resolve()),
      listen: (onPayload) => ((deliver = onPayload), Promise.resolve()),
      close: () => Promise.resolve(),
    };
    const bus = createLiveEventBus({ transport });
    const seen: LiveEvent[] = [];
    bus.subscribe('a', (e) => seen.push(e));
    bus.publish({ tenantId: 'a', kind: 'draft', runId: 'r1', draftId: 'd1', status: null, at: 'now' });
    await Promise.resolve();
    assert.equal(sent.length, 1);
    assert.equal(seen.length, 0, 'nothing is delivered before the transport echoes it');
    deliver(sent[0] ?? '');
    deliver('not json');
    deliver('{"tenantId":"a","kind":"nonsense"}');
    assert.deepEqual(seen.map((e) => e.draftId), ['d1']);
    assert.equal(parseLiveEvent('{"tenantId":"a","kind":"run"}')?.runId, null);
  });
});

describe('stores that publish live events', () => {
  it('publishes on run creation, status changes, steps and draft changes', async () => {
    const events: LiveEvent[] = [];
    const stores = withLiveEvents(createMemoryStores(), { publish: (e) => events.push(e) }, clock);
    const tenant = newTenant();
    const { run } = await stores.runStore.createRun(newRun(tenant));
    await stores.runStore.startStep(tenant, { runId: run.id, stepId: 'validate-submission', attempt: 1, startedAt: '2026-11-25T10:00:00.000Z' });
    await stores.runStore.updateRun(tenant, run.id, { status: 'running', updatedAt: '2026-11-25T10:00:01.000Z' });
    const draft = await stores.drafts.saveDraft({ id: 'd1', tenantId: tenant, runId: run.id, to: 'a@b.example', subject: 's', body: 'b', threadId: null, inReplyTo: null, references: [], gmailDraftId: null, gmailMessageId: null, lint: [], createdAt: '2026-11-25T10:00:02.000Z' });
    const refused = await stores.drafts.updateDraft(tenant, draft.id, ['sent'], { state: 'approved', updatedAt: '2026-11-25T10:00:03.000Z' });
    assert.equal(refused, null);
    assert.deepEqual(events.map((e) => [e.kind, e.runId, e.status]), [
      ['run', run.id, 'pending'],
      ['run', run.id, null],
      ['run', run.id, 'running'],
      ['draft', run.id, null],
    ]);
    assert.ok(events.every((e) => e.tenantId === tenant && e.at === '2026-11-25T10:00:00.000Z'));
  });

  it('leaves reads and every other method to the wrapped store', async () => {
    const stores = withLiveEvents(createMemoryStores(), { publish: () => undefined }, clock);
    const tenant = newTenant();
    const { run } = await stores.runStore.createRun(newRun(tenant));
    assert.equal((await stores.runStore.findRun(tenant, run.id))?.id, run.id);
    assert.deepEqual(await stores.drafts.countDraftsByState(tenant), { pending: 0, approved: 0, rejected: 0, sent: 0 });
  });
});
