// The DraftStore contract as tests, run against memory, PGlite and PostgreSQL: one draft per run,
// newest-first pages, compare-and-set state changes with their audit trail, and the send counts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DRAFT_STATES } from '../domain/ports/draft-store.js';
import type { DraftPatchWithActor } from '../store/draft-audit.js';
import type { Stores } from '../store/stores.js';
import { newDraft, runInStatus, type MakeStores } from './port-fixtures.js';
import { isAppError, latestAudit, newTenant } from './store-fixtures.js';

const at = (minute: number): string => `2026-11-25T16:${String(minute).padStart(2, '0')}:00.000Z`;

async function draftFor(stores: Stores, tenantId: string, overrides: Parameters<typeof newDraft>[2] = {}) {
  const runId = await runInStatus(stores, tenantId, 'waiting');
  return stores.drafts.saveDraft(newDraft(tenantId, runId, overrides));
}

export function runDraftStoreConformance(name: string, makeStores: MakeStores): void {
  describe(`DraftStore conformance: ${name}`, () => {
    describeSave(makeStores);
    describeList(makeStores);
    describeUpdate(makeStores);
    describeCountSent(makeStores);
  });
}

function describeSave(make: MakeStores): void {
  it('saves a pending draft, once per run, audited', async () => {
    const stores = await make();
    const tenant = newTenant();
    const runId = await runInStatus(stores, tenant, 'waiting');
    const input = newDraft(tenant, runId);
    const saved = await stores.drafts.saveDraft(input);
    const { createdAt: _c, ...rest } = input;
    assert.deepEqual(saved, {
      ...rest,
      state: 'pending',
      decidedBy: null,
      decidedAt: null,
      decisionReason: null,
      sentAt: null,
      createdAt: '2026-11-25T15:00:01.000Z',
      updatedAt: '2026-11-25T15:00:01.000Z',
    });
    const again = await stores.drafts.saveDraft(newDraft(tenant, runId, { subject: 'Another try' }));
    assert.deepEqual(again, saved);
    assert.deepEqual(await stores.drafts.findDraft(tenant, input.id), saved);
    assert.deepEqual(await stores.drafts.findDraftForRun(tenant, runId), saved);
    const events = (await stores.audit.list(tenant, { runId, limit: 10 })).filter((e) =>
      e.action.startsWith('draft.'),
    );
    assert.deepEqual(
      events.map((e) => [e.action, e.details]),
      [['draft.created', { draftId: input.id }]],
    );
  });

  it("refuses a draft for a run that does not exist in the tenant, and shows no tenant another's drafts", async () => {
    const stores = await make();
    const [tenantA, tenantB] = [newTenant(), newTenant()];
    const runId = await runInStatus(stores, tenantA, 'waiting');
    await assert.rejects(stores.drafts.saveDraft(newDraft(tenantB, runId)), isAppError('not-found'));
    await assert.rejects(stores.drafts.saveDraft(newDraft(tenantA, 'no-such-run')), isAppError('not-found'));
    const saved = await stores.drafts.saveDraft(newDraft(tenantA, runId));
    assert.equal(await stores.drafts.findDraft(tenantB, saved.id), null);
    assert.equal(await stores.drafts.findDraftForRun(tenantB, runId), null);
    assert.deepEqual((await stores.drafts.listDrafts(tenantB, { limit: 10 })).items, []);
    assert.equal(
      await stores.drafts.updateDraft(tenantB, saved.id, ['pending'], {
        state: 'approved',
        updatedAt: at(1),
      }),
      null,
    );
    assert.equal((await stores.drafts.findDraft(tenantA, saved.id))?.state, 'pending');
  });

  it('refuses a draft id that another run already uses', async () => {
    const stores = await make();
    const tenant = newTenant();
    const first = await draftFor(stores, tenant);
    const otherRun = await runInStatus(stores, tenant, 'waiting');
    await assert.rejects(
      stores.drafts.saveDraft(newDraft(tenant, otherRun, { id: first.id })),
      isAppError('conflict'),
    );
  });
}

function describeList(make: MakeStores): void {
  it('lists newest first in keyset pages, every draft once, filtered by state, with counts per state', async () => {
    const stores = await make();
    const tenant = newTenant();
    const ids: string[] = [];
    for (const minute of [1, 2, 2, 3, 3, 3, 4]) {
      ids.push((await draftFor(stores, tenant, { createdAt: at(minute) })).id);
    }
    const approvedId = ids[0] ?? '';
    await stores.drafts.updateDraft(tenant, approvedId, ['pending'], { state: 'approved', updatedAt: at(9) });
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const page: { items: { id: string }[]; nextCursor: string | null } = await stores.drafts.listDrafts(
        tenant,
        {
          limit: 2,
          cursor,
        },
      );
      seen.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor;
      if (cursor === null) break;
    }
    const all = (await stores.drafts.listDrafts(tenant, { limit: 50 })).items;
    assert.deepEqual(
      seen,
      all.map((d) => d.id),
    );
    assert.deepEqual([...seen].sort(), [...ids].sort());
    assert.deepEqual(
      all.map((d) => d.createdAt),
      [...all.map((d) => d.createdAt)].sort().reverse(),
    );
    const approved = await stores.drafts.listDrafts(tenant, { state: 'approved', limit: 10 });
    assert.deepEqual(
      approved.items.map((d) => d.id),
      [approvedId],
    );
    assert.deepEqual(await stores.drafts.countDraftsByState(tenant), {
      pending: 6,
      approved: 1,
      rejected: 0,
      sent: 0,
    });
    assert.deepEqual(
      await stores.drafts.countDraftsByState(newTenant()),
      Object.fromEntries(DRAFT_STATES.map((s) => [s, 0])),
    );
    await assert.rejects(
      stores.drafts.listDrafts(tenant, { limit: 2, cursor: '!!' }),
      isAppError('validation'),
    );
  });
}

function describeUpdate(make: MakeStores): void {
  it('approves a pending draft, recording who, when and the event', async () => {
    const stores = await make();
    const tenant = newTenant();
    const draft = await draftFor(stores, tenant);
    const updated = await stores.drafts.updateDraft(tenant, draft.id, ['pending'], {
      state: 'approved',
      decidedBy: 'user:ada',
      decidedAt: '2026-11-25T11:05:00-05:00',
      updatedAt: '2026-11-25T11:05:00-05:00',
    });
    assert.deepEqual(updated, {
      ...draft,
      state: 'approved',
      decidedBy: 'user:ada',
      decidedAt: at(5),
      updatedAt: at(5),
    });
    assert.deepEqual(await stores.drafts.findDraft(tenant, draft.id), updated);
    const event = await latestAudit(stores.audit, tenant);
    assert.deepEqual(
      [event.action, event.actor, event.runId, event.at, event.details],
      [
        'draft.approved',
        'user:ada',
        draft.runId,
        at(5),
        { draftId: draft.id, from: 'pending', to: 'approved', changed: ['state', 'decidedBy', 'decidedAt'] },
      ],
    );
  });

  it('refuses a change from the wrong state, changing and auditing nothing', async () => {
    const stores = await make();
    const tenant = newTenant();
    const draft = await draftFor(stores, tenant);
    const rejected = await stores.drafts.updateDraft(tenant, draft.id, ['pending'], {
      state: 'rejected',
      decidedBy: 'user:bob',
      decisionReason: 'wrong tone',
      updatedAt: at(1),
    });
    assert.equal(rejected?.decisionReason, 'wrong tone');
    const before = await stores.audit.list(tenant, { limit: 50 });
    const patch = { state: 'sent' as const, sentAt: at(2), updatedAt: at(2) };
    assert.equal(await stores.drafts.updateDraft(tenant, draft.id, ['approved'], patch), null);
    assert.equal(await stores.drafts.updateDraft(tenant, draft.id, [], patch), null);
    assert.equal(await stores.drafts.updateDraft(tenant, 'no-such-draft', ['pending'], patch), null);
    assert.deepEqual(await stores.drafts.findDraft(tenant, draft.id), rejected);
    assert.deepEqual(await stores.audit.list(tenant, { limit: 50 }), before);
    assert.deepEqual((await latestAudit(stores.audit, tenant)).details, {
      draftId: draft.id,
      from: 'pending',
      to: 'rejected',
      changed: ['state', 'decidedBy', 'decisionReason'],
      reason: 'wrong tone',
    });
  });

  it('records an edit without a state change as draft.edited, by the acting user when given', async () => {
    const stores = await make();
    const tenant = newTenant();
    const draft = await draftFor(stores, tenant);
    const patch: DraftPatchWithActor = {
      body: 'Hi Ada, edited.',
      lint: [],
      updatedAt: at(3),
      actor: 'user:cy',
    };
    const edited = await stores.drafts.updateDraft(tenant, draft.id, ['pending', 'approved'], patch);
    assert.deepEqual([edited?.state, edited?.body, edited?.lint], ['pending', 'Hi Ada, edited.', []]);
    const event = await latestAudit(stores.audit, tenant);
    assert.deepEqual(
      [event.action, event.actor, event.details],
      [
        'draft.edited',
        'user:cy',
        { draftId: draft.id, from: 'pending', to: 'pending', changed: ['body', 'lint'] },
      ],
    );
    await stores.drafts.updateDraft(tenant, draft.id, ['pending'], { subject: 'New', updatedAt: at(4) });
    assert.equal((await latestAudit(stores.audit, tenant)).actor, 'system');
  });

  it('lets exactly one of two concurrent decisions win', async () => {
    const stores = await make();
    const tenant = newTenant();
    const draft = await draftFor(stores, tenant);
    const results = await Promise.all([
      stores.drafts.updateDraft(tenant, draft.id, ['pending'], {
        state: 'approved',
        decidedBy: 'user:a',
        updatedAt: at(1),
      }),
      stores.drafts.updateDraft(tenant, draft.id, ['pending'], {
        state: 'rejected',
        decidedBy: 'user:b',
        updatedAt: at(1),
      }),
    ]);
    const winners = results.filter((r) => r !== null);
    assert.equal(winners.length, 1);
    assert.deepEqual(await stores.drafts.findDraft(tenant, draft.id), winners[0]);
    const decisions = (await stores.audit.list(tenant, { limit: 10 })).filter(
      (e) => e.action !== 'draft.created',
    );
    assert.equal(decisions.filter((e) => e.action.startsWith('draft.')).length, 1);
  });
}

function describeCountSent(make: MakeStores): void {
  it('counts sends since an instant, for the tenant or one address (any case)', async () => {
    const stores = await make();
    const [tenant, other] = [newTenant(), newTenant()];
    const send = async (tenantId: string, to: string, sentAt: string): Promise<void> => {
      const draft = await draftFor(stores, tenantId, { to });
      await stores.drafts.updateDraft(tenantId, draft.id, ['pending'], {
        state: 'approved',
        updatedAt: sentAt,
      });
      await stores.drafts.updateDraft(tenantId, draft.id, ['approved'], {
        state: 'sent',
        sentAt,
        updatedAt: sentAt,
      });
    };
    await send(tenant, 'ada@example.com', at(1));
    await send(tenant, 'Ada@Example.com', at(5));
    await send(tenant, 'bob@example.com', at(10));
    await send(other, 'ada@example.com', at(10));
    await draftFor(stores, tenant, { to: 'ada@example.com' });

    assert.equal(await stores.drafts.countSent(tenant, { since: at(0) }), 3);
    assert.equal(await stores.drafts.countSent(tenant, { since: at(5) }), 2, 'since is inclusive');
    assert.equal(await stores.drafts.countSent(tenant, { since: at(11) }), 0);
    assert.equal(await stores.drafts.countSent(tenant, { since: at(0), to: 'ADA@example.com' }), 2);
    assert.equal(
      await stores.drafts.countSent(tenant, { since: '2026-11-25T11:02:00-05:00', to: 'ada@example.com' }),
      1,
    );
    assert.equal(await stores.drafts.countSent(tenant, { since: at(0), to: 'nobody@example.com' }), 0);
    assert.equal(await stores.drafts.countSent(newTenant(), { since: at(0) }), 0);
  });
}
