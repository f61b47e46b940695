// The drafts API: review queue, edit (lint problems ride on the draft), approve, reject with a
// reason, send (refusals are 409 send-refused naming the check), and the outcome -> status mapping.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DraftActionOutcome } from '../../services/service-types.js';
import { buildTestApp, TEST_TENANT } from '../testing/build-test-app.js';
import { makeDraft } from '../testing/fake-services.js';
import type { ErrorBody } from '../http-error.js';

describe('GET /api/drafts', () => {
  it('passes state, limit and cursor and returns items, cursor and counts', async () => {
    const t = await buildTestApp();
    t.answers.drafts = { items: [makeDraft()], nextCursor: null };
    const res = await t.app.inject({ method: 'GET', url: '/api/drafts?state=pending&limit=5&cursor=abc' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().items[0].id, 'draft-1');
    assert.deepEqual(Object.keys(res.json<{ counts: Record<string, number> }>().counts).sort(), [
      'approved',
      'pending',
      'rejected',
      'sent',
    ]);
    assert.deepEqual(t.callsTo('drafts.list'), [
      [TEST_TENANT, { state: 'pending', limit: 5, cursor: 'abc' }],
    ]);
  });

  it('answers 422 for an unknown state', async () => {
    const t = await buildTestApp();
    const res = await t.app.inject({ method: 'GET', url: '/api/drafts?state=lost' });
    assert.equal(res.statusCode, 422);
    assert.equal(res.json().problems[0].field, 'query.state');
  });
});

describe('GET /api/drafts/:id', () => {
  it('returns the draft, or 404 in the error shape', async () => {
    const t = await buildTestApp();
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/api/drafts/draft-404' })).json().code,
      'not-found',
    );
    t.answers.draft = makeDraft();
    const res = await t.app.inject({ method: 'GET', url: '/api/drafts/draft-1' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().draft.subject, 'Your 40 seats');
  });
});

describe('PATCH /api/drafts/:id', () => {
  it('saves the edit and returns the draft with its lint problems', async () => {
    const t = await buildTestApp({ resolveActor: () => 'user:ops-1' });
    const lint = [{ rule: 'dash' as const, message: 'no em dash', excerpt: '\u2014' }];
    t.answers.draftAction = { ok: true, draft: makeDraft({ body: 'Hi \u2014 Jane', lint }) };
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/drafts/draft-1',
      payload: { body: 'Hi \u2014 Jane' },
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().draft.lint, lint);
    assert.deepEqual(t.callsTo('drafts.edit'), [
      [TEST_TENANT, 'draft-1', { body: 'Hi \u2014 Jane' }, 'user:ops-1'],
    ]);
  });

  it('answers 422 listing every problem of the body (wrong type, unknown key)', async () => {
    const t = await buildTestApp();
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/drafts/draft-1',
      payload: { subject: 7, text: 'x' },
    });
    assert.equal(res.statusCode, 422);
    assert.equal(res.json().problems.length, 2);
    assert.ok(res.json<ErrorBody>().problems?.some((p) => p.field === 'subject'));
    assert.equal(t.callsTo('drafts.edit').length, 0);
  });
});

describe('POST /api/drafts/:id/reject', () => {
  it('passes the reason and the actor', async () => {
    const t = await buildTestApp();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/drafts/draft-1/reject',
      payload: { reason: 'wrong tone' },
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(t.callsTo('drafts.reject'), [[TEST_TENANT, 'draft-1', 'wrong tone', 'system']]);
  });

  it('answers 422 when the reason is missing or blank', async () => {
    const t = await buildTestApp();
    for (const payload of [{}, { reason: '   ' }]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/drafts/draft-1/reject', payload });
      assert.equal(res.statusCode, 422);
      assert.equal(res.json().problems[0].field, 'reason');
    }
    assert.equal(t.callsTo('drafts.reject').length, 0);
  });
});

describe('draft action outcomes', () => {
  const outcomes: [DraftActionOutcome, number, string][] = [
    [{ ok: false, code: 'not-found', message: 'draft d-9 not found' }, 404, 'not-found'],
    [{ ok: false, code: 'conflict', message: 'draft draft-1 is already approved' }, 409, 'conflict'],
    [{ ok: false, code: 'validation', message: 'draft draft-1 has lint problems' }, 422, 'validation'],
  ];
  for (const action of ['approve', 'send'] as const) {
    for (const [outcome, status, code] of outcomes) {
      it(`POST /api/drafts/:id/${action} maps ${code} to ${status}`, async () => {
        const t = await buildTestApp();
        t.answers.draftAction = outcome;
        const res = await t.app.inject({ method: 'POST', url: `/api/drafts/draft-1/${action}` });
        assert.equal(res.statusCode, status);
        assert.equal(res.json().code, code);
        assert.equal(res.json().message, 'message' in outcome ? outcome.message : '');
      });
    }
  }

  it('approve answers 200 with the draft, even for a body-less JSON POST', async () => {
    const t = await buildTestApp();
    t.answers.draftAction = { ok: true, draft: makeDraft({ state: 'approved', decidedBy: 'system' }) };
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/drafts/draft-1/approve',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().draft.state, 'approved');
  });

  it('send answers 200 with the sent draft, or 409 send-refused naming the check', async () => {
    const t = await buildTestApp();
    t.answers.draftAction = {
      ok: true,
      draft: makeDraft({ state: 'sent', sentAt: '2026-03-02T15:05:00.000Z' }),
    };
    assert.equal(
      (await t.app.inject({ method: 'POST', url: '/api/drafts/draft-1/send' })).json().draft.state,
      'sent',
    );
    t.answers.draftAction = {
      ok: false,
      code: 'send-refused',
      check: 'draft-only-mode',
      message: 'the tenant is in DRAFT_ONLY mode',
    };
    const res = await t.app.inject({ method: 'POST', url: '/api/drafts/draft-1/send' });
    assert.equal(res.statusCode, 409);
    assert.deepEqual(res.json(), {
      code: 'send-refused',
      check: 'draft-only-mode',
      message: 'the tenant is in DRAFT_ONLY mode',
      requestId: res.headers['x-request-id'],
    });
  });
});
