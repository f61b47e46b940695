// The Forms submissions API reads (the poller) and the contact lookup for Webhooks-API events,
// against the fake HubSpot.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FakeHubspot } from '../../../test/fake-servers/hubspot/index.js';
import { startFakeHubspot } from '../../../test/fake-servers/hubspot/index.js';
import { PermanentError } from '../../domain/errors.js';
import { createMemoryRateLimiter } from '../shared/memory-rate-limiter.js';
import type { HubspotCrm } from './index.js';
import { createHubspotCrm, createHubspotFormSubmissionSource } from './index.js';

const FORM = '7626a5c4-0000-4000-8000-000000000001';
const OTHER_FORM = '7626a5c4-0000-4000-8000-000000000002';
const T0 = Date.parse('2025-03-01T09:00:00Z');
const HOUR = 3_600_000;

describe('HubSpot forms and events', () => {
  let fake: FakeHubspot;
  let crm: HubspotCrm;
  let janeId: string;
  let bobId: string;
  before(async () => {
    fake = await startFakeHubspot({ seed: { forms: ['empty-form'] } });
    const ids = fake.seed({
      contacts: [
        { properties: { email: 'jane@acme.com', firstname: 'Jane', hs_timezone: 'europe_slash_berlin' } },
        { properties: { email: 'bob@acme.com' } },
      ],
      submissions: [
        ...Array.from({ length: 7 }, (_, i) => ({
          formGuid: FORM,
          conversionId: `c${i}`,
          submittedAt: T0 + i * HOUR,
          values: { email: `p${i}@example.com`, message: `message ${i}` },
        })),
        {
          formGuid: OTHER_FORM,
          conversionId: 'jane-old',
          submittedAt: T0 - 48 * HOUR,
          values: { email: 'jane@acme.com' },
        },
        {
          formGuid: FORM,
          conversionId: 'jane-new',
          submittedAt: T0 - HOUR,
          values: { email: 'jane@acme.com', message: 'We need 40 seats' },
        },
      ],
    });
    [janeId = '', bobId = ''] = ids.contacts;
    crm = createHubspotCrm({
      accessToken: fake.accessToken,
      baseUrl: fake.url,
      tenantId: 't1',
      limiter: createMemoryRateLimiter({ limit: 100, intervalMs: 1000 }),
    });
  });
  after(() => fake.close());

  it('pages through a form newest first until there is no next page', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await crm.forms.listFormSubmissions(FORM, { limit: 3, ...(after ? { after } : {}) });
      seen.push(...page.submissions.map((s) => s.submissionId));
      after = page.nextAfter ?? undefined;
      pages += 1;
    } while (after !== undefined);

    assert.equal(pages, 3);
    assert.deepEqual(seen, ['c6', 'c5', 'c4', 'c3', 'c2', 'c1', 'c0', 'jane-new']);
    const calls = fake.calls.filter((c) => c.path === `/form-integrations/v1/submissions/forms/${FORM}`);
    assert.deepEqual(
      calls.map((c) => c.query.get('limit')),
      ['3', '3', '3'],
    );
    assert.equal(calls[0]?.query.get('after'), null);
    assert.ok(calls[1]?.query.get('after'));
  });

  it('maps a submission to form id, conversion id, ISO time and named values', async () => {
    const page = await crm.forms.listFormSubmissions(FORM, { limit: 1 });
    assert.deepEqual(page.submissions[0], {
      formId: FORM,
      submissionId: 'c6',
      submittedAt: new Date(T0 + 6 * HOUR).toISOString(),
      values: { email: 'p6@example.com', message: 'message 6' },
      pageUrl: 'https://acme.example/contact',
    });
  });

  it('asks for at most 50 per page, the API maximum', async () => {
    await crm.forms.listFormSubmissions(FORM, { limit: 500 });
    assert.equal(fake.calls.at(-1)?.query.get('limit'), '50');
  });

  it('answers an empty page for a form without submissions and fails permanently for an unknown form', async () => {
    assert.deepEqual(await crm.forms.listFormSubmissions('empty-form'), { submissions: [], nextAfter: null });
    await assert.rejects(
      crm.forms.listFormSubmissions('no-such-form'),
      (e: unknown) => e instanceof PermanentError && /HTTP 404/.test(e.message),
    );
  });

  it('finds one submission by id across pages, and gives up after maxPages', async () => {
    assert.equal((await crm.forms.findFormSubmission(FORM, 'c0'))?.values['message'], 'message 0');
    assert.equal(await crm.forms.findFormSubmission(FORM, 'missing'), null);
    const before = fake.calls.length;
    await crm.forms.findFormSubmission(FORM, 'jane-new', { maxPages: 0 });
    assert.equal(fake.calls.length, before);
  });

  it("gives an event's contact with its latest submission and that submission's values", async () => {
    const result = await crm.getContactForEvent(janeId);
    assert.ok(result);
    assert.equal(result.contact.email, 'jane@acme.com');
    assert.equal(result.contact.timeZone, 'Europe/Berlin');
    assert.deepEqual(
      result.contact.recentSubmissions.map((s) => s.submissionId),
      ['jane-new', 'jane-old'],
    );
    assert.deepEqual(result.latestSubmission, {
      formId: FORM,
      submissionId: 'jane-new',
      submittedAt: new Date(T0 - HOUR).toISOString(),
    });
    assert.equal(result.latestSubmissionValues?.values['message'], 'We need 40 seats');
    assert.ok(fake.calls.some((c) => c.path === `/contacts/v1/contact/vid/${janeId}/profile`));
  });

  it('gives no submission for a contact without one, and null for a contact that is gone', async () => {
    const bob = await crm.getContactForEvent(bobId);
    assert.equal(bob?.latestSubmission, null);
    assert.equal(bob?.latestSubmissionValues, null);
    assert.equal(await crm.getContactForEvent('424242'), null);
  });

  it('serves the FormSubmissionSource port: paged submissions and a contact latest one, with the portal', async () => {
    const source = createHubspotFormSubmissionSource(crm, '62515');
    const first = await source.listSubmissions(FORM, { after: null, limit: 3 });
    assert.deepEqual(first.submissions.map((s) => s.submissionId), ['c6', 'c5', 'c4']);
    assert.equal(first.submissions[0]?.portalId, '62515');
    assert.equal(first.submissions[0]?.values.email, 'p6@example.com');
    const second = await source.listSubmissions(FORM, { after: first.nextAfter, limit: 3 });
    assert.deepEqual(second.submissions.map((s) => s.submissionId), ['c3', 'c2', 'c1']);
    const latest = await source.findLatestSubmissionForContact(janeId);
    assert.equal(latest?.submissionId, 'jane-new');
    assert.equal(await source.findLatestSubmissionForContact(bobId), null);
  });
});
