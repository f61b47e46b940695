import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson, deriveLeadIdempotencyKey } from './idempotency-key.js';
import type { Lead } from './lead.js';

function lead(source: Partial<Lead['source']>): Lead {
  return {
    email: 'jane@acme.example',
    firstName: 'Jane',
    lastName: null,
    company: null,
    jobTitle: null,
    phone: null,
    message: null,
    timeZone: null,
    custom: {},
    submittedAt: null,
    source: { kind: 'json', portalId: null, formId: null, submissionId: null, contactId: null, pageUrl: null, pageTitle: null, ...source },
  };
}

describe('lead idempotency key', () => {
  it('is the same for one submission whatever route carried it', () => {
    const a = deriveLeadIdempotencyKey(lead({ kind: 'hubspot-form', portalId: '62515', formId: 'f1', submissionId: 's9' }), { x: 1 });
    const b = deriveLeadIdempotencyKey(lead({ kind: 'hubspot-poll', portalId: '62515', formId: 'f1', submissionId: 's9' }), { y: 2 });
    assert.equal(a, b);
    assert.equal(a, 'submission:62515:f1:s9');
  });

  it('differs between submissions of the same form', () => {
    const a = deriveLeadIdempotencyKey(lead({ formId: 'f1', submissionId: 's1' }), {});
    const b = deriveLeadIdempotencyKey(lead({ formId: 'f1', submissionId: 's2' }), {});
    assert.notEqual(a, b);
  });

  it('hashes the payload when there is no submission id, ignoring key order', () => {
    const a = deriveLeadIdempotencyKey(lead({}), { email: 'jane@acme.example', message: 'hi' });
    const b = deriveLeadIdempotencyKey(lead({}), { message: 'hi', email: 'jane@acme.example' });
    const c = deriveLeadIdempotencyKey(lead({}), { message: 'hello', email: 'jane@acme.example' });
    assert.equal(a, b);
    assert.notEqual(a, c);
    assert.match(a, /^payload:[0-9a-f]{32}$/);
  });

  it('writes canonical JSON with sorted keys at every depth', () => {
    assert.equal(canonicalJson({ b: [{ d: 1, c: 2 }], a: null }), '{"a":null,"b":[{"c":2,"d":1}]}');
  });
});
