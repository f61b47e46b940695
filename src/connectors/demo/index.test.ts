import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TransientError } from '../../domain/errors.js';
import { createDemoConnectors } from './index.js';
import { buildWorkspace, loadExampleWorkspace } from './test-workspace.js';

const upsert = {
  email: 'nora@cascade.example',
  firstName: 'Nora',
  lastName: null,
  company: null,
  jobTitle: null,
  phone: null,
};

function counterIds(): () => string {
  let n = 0;
  return () => `id-${(n += 1)}`;
}

describe('createDemoConnectors', () => {
  it('serves every port and no model', async () => {
    const connectors = createDemoConnectors(await loadExampleWorkspace(), {
      clock: () => '2026-11-24T15:15:00.000Z',
    });
    assert.equal(connectors.llm, null);
    const history = await connectors.history.listPastOutreach();
    assert.equal(history.length, 6);
    assert.ok(history.every((p) => p.angle.length > 0));
  });

  it('stamps writes with the injected clock and ids with the injected id maker', async () => {
    let now = '2026-11-24T15:15:00.000Z';
    const { crm, log } = createDemoConnectors(buildWorkspace(), { clock: () => now, idMaker: counterIds() });
    const { contact } = await crm.upsertContact(upsert, 'k1');
    now = '2026-11-24T15:16:00.000Z';
    const task = await crm.createTask(
      {
        contactId: contact.id,
        subject: 's',
        body: 'b',
        dueAt: now,
        priority: 'LOW',
        type: 'TODO',
        ownerId: null,
      },
      'k2',
    );
    assert.deepEqual([contact.id, task.id], ['id-1', 'id-2']);
    assert.equal(contact.createdAt, '2026-11-24T15:15:00.000Z');
    assert.deepEqual(
      log.entries.map((e) => [e.system, e.operation, e.idempotencyKey, e.at]),
      [
        ['crm', 'upsertContact', 'k1', '2026-11-24T15:15:00.000Z'],
        ['crm', 'createTask', 'k2', '2026-11-24T15:16:00.000Z'],
      ],
    );
  });

  it('logs a snapshot of each write, with reads counted but not logged as writes', async () => {
    const { crm, log } = createDemoConnectors(buildWorkspace(), { clock: () => '2026-11-24T15:15:00.000Z' });
    const input = { ...upsert };
    await crm.findContactByEmail(input.email);
    await crm.upsertContact(input, 'k1');
    input.firstName = 'changed later';
    assert.deepEqual(log.writes('crm', 'upsertContact')[0]?.input, upsert);
    assert.equal(log.writes('crm').length, 1);
    assert.equal(log.callCount('crm', 'findContactByEmail'), 1);
    assert.equal(log.callCount('crm'), 2);
  });
});

describe('fault injection', () => {
  it('fails the next call with the given error and nothing is written, then recovers', async () => {
    const { crm, log, faults } = createDemoConnectors(buildWorkspace(), {
      clock: () => '2026-11-24T15:15:00.000Z',
    });
    const outage = new TransientError('HubSpot 503');
    faults.failNext('crm', 'upsertContact', outage);
    await assert.rejects(crm.upsertContact(upsert, 'k1'), (e: unknown) => e === outage);
    assert.equal(crm.listContacts().length, 0);
    assert.equal(log.writes('crm').length, 0);
    assert.equal((await crm.upsertContact(upsert, 'k1')).created, true);
    assert.deepEqual(
      log.calls.map((c) => c.outcome),
      ['error', 'ok'],
    );
    assert.equal(faults.pending(), 0);
  });

  it('fails as many calls as asked, only for that operation', async () => {
    const { crm, faults } = createDemoConnectors(buildWorkspace(), {
      clock: () => '2026-11-24T15:15:00.000Z',
    });
    faults.failNext('crm', 'findContactByEmail', new TransientError('timeout'), 2);
    await crm.upsertContact(upsert, 'k1');
    await assert.rejects(crm.findContactByEmail(upsert.email), { code: 'transient' });
    await assert.rejects(crm.findContactByEmail(upsert.email), { code: 'transient' });
    assert.equal((await crm.findContactByEmail(upsert.email))?.email, upsert.email);
  });

  it('can lose the response of a write that happened, so reconciliation can be tested', async () => {
    const { mail, faults, log } = createDemoConnectors(await loadExampleWorkspace(), {
      clock: () => '2026-11-24T16:02:00.000Z',
    });
    faults.failAfterEffect('mail', 'createDraft', new TransientError('Gmail 502 after the draft was made'));
    const input = {
      to: 'nora@cascade.example',
      subject: 'Forecasting per warehouse',
      body: 'Hi Nora',
      threadId: null,
      inReplyTo: null,
      references: [],
      idempotencyKey: 'run-9:create-gmail-draft',
    };
    await assert.rejects(mail.createDraft(input), { code: 'transient' });
    assert.equal(log.writes('mail', 'createDraft').length, 1);
    const found = await mail.findDraftByIdempotencyKey('run-9:create-gmail-draft');
    assert.equal(found?.draftId, mail.listDrafts()[0]?.draftId);
  });

  it('delays a call when asked', async () => {
    const { calendar, faults } = createDemoConnectors(buildWorkspace(), {
      clock: () => '2026-11-24T15:15:00.000Z',
    });
    faults.delay('calendar', 'getTimeZone', 5);
    const order: string[] = [];
    const slow = calendar.getTimeZone().then(() => order.push('delayed'));
    const fast = calendar.getTimeZone().then(() => order.push('immediate'));
    await Promise.all([slow, fast]);
    assert.deepEqual(order, ['immediate', 'delayed']);
  });
});
