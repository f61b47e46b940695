// The fake HubSpot's own contract (api-contracts §1.4, §1.5, §1.8), for the rules the adapter's
// tests do not reach: validation, association type ids, search operators and paging, auth.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FakeHubspot } from './index.js';
import { startFakeHubspot } from './index.js';

/** A value inside a JSON body by path, for assertions. */
function pick(value: unknown, ...path: (string | number)[]): unknown {
  return path.reduce<unknown>(
    (at, key) => (typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined),
    value,
  );
}

describe('fake HubSpot', () => {
  let fake: FakeHubspot;
  let contactId: string;
  const call = async (method: string, path: string, body?: unknown, token = fake.accessToken) => {
    const response = await fetch(`${fake.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text ? JSON.parse(text) : null) as unknown,
    };
  };
  const task = (properties: Record<string, string>, typeId = 204) => ({
    properties: { hs_timestamp: '2025-03-04T15:00:00Z', hs_task_subject: 's', ...properties },
    associations: [
      {
        to: { id: contactId },
        types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId }],
      },
    ],
  });

  before(async () => {
    fake = await startFakeHubspot();
    const ids = fake.seed({
      contacts: Array.from({ length: 25 }, (_, i) => ({
        properties: {
          email: `p${i}@acme.com`,
          firstname: i % 2 === 0 ? 'Even' : 'Odd',
          phone: i < 5 ? '+1555000' : null,
        },
      })),
    });
    contactId = ids.contacts[0] ?? '';
  });
  after(() => fake.close());

  it('answers 401 INVALID_AUTHENTICATION for a wrong token', async () => {
    const response = await call('GET', `/crm/v3/objects/contacts/${contactId}`, undefined, 'wrong');
    assert.equal(response.status, 401);
    assert.equal(pick(response.body, 'category'), 'INVALID_AUTHENTICATION');
    assert.equal(pick(response.body, 'status'), 'error');
    assert.ok(pick(response.body, 'correlationId'));
  });

  it('creates a task with 201 and the SimplePublicObject envelope', async () => {
    const response = await call('POST', '/crm/v3/objects/tasks', task({ hs_task_priority: 'HIGH' }));
    assert.equal(response.status, 201);
    assert.equal(typeof pick(response.body, 'id'), 'string');
    assert.equal(pick(response.body, 'properties', 'hs_timestamp'), '2025-03-04T15:00:00.000Z');
    assert.ok(!Number.isNaN(Date.parse(String(pick(response.body, 'createdAt')))));
    assert.equal(pick(response.body, 'archived'), false);
  });

  it('rejects a task without hs_timestamp, with a bad priority, or with a wrong association type (216)', async () => {
    const noTime = await call('POST', '/crm/v3/objects/tasks', { properties: { hs_task_subject: 's' } });
    assert.equal(noTime.status, 400);
    assert.equal(pick(noTime.body, 'category'), 'VALIDATION_ERROR');
    const badPriority = await call('POST', '/crm/v3/objects/tasks', task({ hs_task_priority: 'URGENT' }));
    assert.equal(badPriority.status, 400);
    assert.equal(pick(badPriority.body, 'errors', 0, 'code'), 'INVALID_OPTION');
    assert.equal((await call('POST', '/crm/v3/objects/tasks', task({}, 216))).status, 400);
    assert.equal(
      (
        await call('POST', '/crm/v3/objects/notes', {
          ...task({}, 204),
          properties: { hs_timestamp: '1709560000000' },
        })
      ).status,
      400,
    );
  });

  it('answers 409 for a second contact with the same email, and 404 with OBJECT_NOT_FOUND', async () => {
    const duplicate = await call('POST', '/crm/v3/objects/contacts', {
      properties: { email: 'P0@acme.com' },
    });
    assert.equal(duplicate.status, 409);
    assert.match(String(pick(duplicate.body, 'message')), new RegExp(`Existing ID: ${contactId}`));
    const missing = await call('GET', '/crm/v3/objects/contacts/999999');
    assert.equal(missing.status, 404);
    assert.equal(pick(missing.body, 'category'), 'OBJECT_NOT_FOUND');
  });

  it('reads repeated or comma-separated properties; defined but empty ones come back null', async () => {
    const repeated = await call(
      'GET',
      `/crm/v3/objects/contacts/${contactId}?properties=email&properties=jobtitle`,
    );
    const comma = await call('GET', `/crm/v3/objects/contacts/${contactId}?properties=email,jobtitle`);
    assert.deepEqual(pick(repeated.body, 'properties'), pick(comma.body, 'properties'));
    assert.equal(pick(repeated.body, 'properties', 'jobtitle'), null);
    assert.equal(pick(repeated.body, 'properties', 'email'), 'p0@acme.com');
  });

  it('searches with AND inside a group, OR across groups, IN and HAS_PROPERTY, paging only when more remain', async () => {
    const search = (body: unknown) => call('POST', '/crm/v3/objects/contacts/search', body);
    const evenWithPhone = await search({
      filterGroups: [
        {
          filters: [
            { propertyName: 'firstname', operator: 'EQ', value: 'even' },
            { propertyName: 'phone', operator: 'HAS_PROPERTY' },
          ],
        },
      ],
    });
    assert.equal(pick(evenWithPhone.body, 'total'), 3);
    assert.equal(pick(evenWithPhone.body, 'paging'), undefined);
    const either = await search({
      filterGroups: [
        { filters: [{ propertyName: 'email', operator: 'IN', values: ['p1@acme.com', 'p2@acme.com'] }] },
        { filters: [{ propertyName: 'email', operator: 'EQ', value: 'p3@acme.com' }] },
      ],
    });
    assert.equal(pick(either.body, 'total'), 3);
    const page1 = await search({ limit: 10, sorts: ['-createdate'] });
    assert.equal((pick(page1.body, 'results') as unknown[]).length, 10);
    assert.equal(pick(page1.body, 'paging', 'next', 'after'), '10');
    const page3 = await search({
      limit: 10,
      after: '20',
      sorts: [{ propertyName: 'createdate', direction: 'ASCENDING' }],
    });
    assert.equal((pick(page3.body, 'results') as unknown[]).length, 5);
    assert.equal(pick(page3.body, 'paging'), undefined);
    assert.equal((await search({ limit: 100, after: '9950' })).status, 400, 'no paging past 10,000 results');
    assert.equal((await search({ limit: 201 })).status, 400);
  });

  it('sends rate-limit headers on normal responses but none on search, and a 429 with Retry-After when over', async () => {
    const limited = await startFakeHubspot({ rateLimit: { limit: 2, intervalMs: 10_000 } });
    try {
      const get = () =>
        fetch(`${limited.url}/crm/v3/owners/1`, {
          headers: { authorization: `Bearer ${limited.accessToken}` },
        });
      const first = await get();
      assert.equal(first.headers.get('x-hubspot-ratelimit-max'), '2');
      assert.equal(first.headers.get('x-hubspot-ratelimit-remaining'), '1');
      const search = await fetch(`${limited.url}/crm/v3/objects/contacts/search`, {
        method: 'POST',
        headers: { authorization: `Bearer ${limited.accessToken}`, 'content-type': 'application/json' },
        body: '{}',
      });
      assert.equal(search.headers.get('x-hubspot-ratelimit-max'), null);
      const over = await get();
      assert.equal(over.status, 429);
      assert.equal(over.headers.get('retry-after'), '10');
      const body = (await over.json()) as Record<string, unknown>;
      assert.equal(body['policyName'], 'TEN_SECONDLY_ROLLING');
      assert.equal(body['errorType'], 'RATE_LIMIT');
    } finally {
      await limited.close();
    }
  });
});
