// Contract tests of the HubSpot CrmPort adapter against the local fake HubSpot server.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { FakeHubspot } from '../../../test/fake-servers/hubspot/index.js';
import { startFakeHubspot } from '../../../test/fake-servers/hubspot/index.js';
import { createMemoryRateLimiter } from '../shared/memory-rate-limiter.js';
import type { HubspotCrm } from './index.js';
import { createHubspotCrm } from './index.js';

const OWNER = {
  id: '64492917',
  email: 'sam@seller.example',
  firstName: 'Sam',
  lastName: 'Seller',
  userId: 9,
};

function makeCrm(fake: FakeHubspot): HubspotCrm {
  const limiter = createMemoryRateLimiter({ limit: 1000, intervalMs: 1000 });
  return createHubspotCrm({
    accessToken: fake.accessToken,
    baseUrl: fake.url,
    tenantId: 't1',
    limiter,
    timeoutMs: 2000,
  });
}

const lead = {
  email: 'Jane@Acme.com',
  firstName: 'Jane',
  lastName: 'Doe',
  company: 'Acme',
  jobTitle: null,
  phone: null,
};

describe('HubSpot CRM adapter: contacts', () => {
  let fake: FakeHubspot;
  let crm: HubspotCrm;
  before(async () => (fake = await startFakeHubspot()));
  after(() => fake.close());
  beforeEach(() => {
    fake.state.objects.contacts.clear();
    fake.state.objects.companies.clear();
    fake.state.associations.length = 0;
    fake.state.submissions.length = 0;
    fake.calls.length = 0;
    crm = makeCrm(fake);
  });

  it('finds a contact by email with GET idProperty=email, mapping time zone, opt-out, company and submissions', async () => {
    const { companies } = fake.seed({ companies: [{ properties: { name: 'Acme', domain: 'acme.com' } }] });
    fake.seed({
      contacts: [
        {
          properties: {
            email: 'jane@acme.com',
            firstname: 'Jane',
            lastname: 'Doe',
            hs_timezone: 'america_slash_new_york',
            hs_email_optout: 'true',
            hubspot_owner_id: OWNER.id,
            lifecyclestage: 'lead',
            jobtitle: '',
          },
          companyIds: [companies[0] ?? ''],
        },
      ],
      submissions: [
        {
          formGuid: 'form-1',
          conversionId: 'old',
          submittedAt: Date.parse('2025-01-01T10:00:00Z'),
          values: { email: 'jane@acme.com' },
        },
        {
          formGuid: 'form-1',
          conversionId: 'new',
          submittedAt: Date.parse('2025-02-01T10:00:00Z'),
          values: { email: 'jane@acme.com' },
        },
      ],
    });

    const contact = await crm.findContactByEmail('JANE@acme.com');

    assert.ok(contact);
    assert.equal(contact.email, 'jane@acme.com');
    assert.equal(contact.timeZone, 'America/New_York');
    assert.equal(contact.emailOptOut, true);
    assert.equal(contact.ownerId, OWNER.id);
    assert.equal(contact.jobTitle, null, 'an empty HubSpot string is unknown, not ""');
    assert.equal(contact.companyId, companies[0]);
    assert.deepEqual(
      contact.recentSubmissions.map((s) => s.submissionId),
      ['new', 'old'],
    );
    assert.equal(contact.recentSubmissions[0]?.submittedAt, '2025-02-01T10:00:00.000Z');
    const first = fake.calls[0];
    assert.equal(first?.method, 'GET');
    assert.equal(first?.path, '/crm/v3/objects/contacts/jane%40acme.com');
    assert.equal(first?.query.get('idProperty'), 'email');
    assert.ok(first?.query.getAll('properties').includes('hs_timezone'));
    assert.ok(
      fake.calls.every((c) => c.path !== '/crm/v3/objects/contacts/search'),
      'no search when GET finds it',
    );
  });

  it('falls back to search when GET by email answers 404, and returns null when neither finds it', async () => {
    const [id] = fake.seed({
      contacts: [{ properties: { email: 'jane@acme.com', firstname: 'Jane' } }],
    }).contacts;
    fake.faults.failNext('/crm/v3/objects/contacts/jane%40acme.com', {
      status: 404,
      body: { status: 'error', message: 'resource not found' },
    });

    const found = await crm.findContactByEmail('jane@acme.com');
    assert.equal(found?.id, id);
    const search = fake.calls.find((c) => c.path === '/crm/v3/objects/contacts/search');
    assert.deepEqual((search?.body as { filterGroups: unknown }).filterGroups, [
      { filters: [{ propertyName: 'email', operator: 'EQ', value: 'jane@acme.com' }] },
    ]);

    assert.equal(await crm.findContactByEmail('nobody@acme.com'), null);
  });

  it('creates a missing contact once (201) and updates it afterwards, never making two', async () => {
    const first = await crm.upsertContact(lead, 'k1');
    const second = await crm.upsertContact({ ...lead, jobTitle: 'CTO', firstName: null }, 'k2');

    assert.equal(first.created, true);
    assert.equal(second.created, false);
    assert.equal(second.contact.id, first.contact.id);
    assert.equal(second.contact.jobTitle, 'CTO');
    assert.equal(second.contact.firstName, 'Jane', 'a null input never blanks a known value');
    assert.equal(fake.state.objects.contacts.size, 1);
    const create = fake.calls.find((c) => c.method === 'POST' && c.path === '/crm/v3/objects/contacts');
    assert.equal(create?.status, 201);
    assert.deepEqual((create?.body as { properties: unknown }).properties, {
      email: 'jane@acme.com',
      firstname: 'Jane',
      lastname: 'Doe',
      company: 'Acme',
    });
    const patch = fake.calls.find((c) => c.method === 'PATCH');
    assert.deepEqual((patch?.body as { properties: unknown }).properties, { jobtitle: 'CTO' });
  });

  it('finds a just-created contact even while the search index lags (no duplicate)', async () => {
    const lagging = await startFakeHubspot({ searchIndexLagMs: 60_000 });
    try {
      const laggingCrm = makeCrm(lagging);
      const first = await laggingCrm.upsertContact(lead, 'k1');
      const again = await laggingCrm.upsertContact(lead, 'k1');
      assert.equal(again.contact.id, first.contact.id);
      assert.equal(lagging.state.objects.contacts.size, 1);
    } finally {
      await lagging.close();
    }
  });

  it('on a 409 from create (created meanwhile elsewhere) re-reads and updates the existing contact', async () => {
    // Our read misses (404 by email, empty search), then someone else's contact makes the create conflict.
    fake.faults.failNext('/crm/v3/objects/contacts/jane%40acme.com', {
      status: 404,
      body: { status: 'error', message: 'resource not found' },
    });
    const [existing] = fake.seed({ contacts: [{ properties: { email: 'jane@acme.com' } }] }).contacts;
    fake.faults.failNext('/crm/v3/objects/contacts/search', { status: 200, body: { total: 0, results: [] } });

    const result = await crm.upsertContact(lead, 'k1');

    assert.equal(result.created, false);
    assert.equal(result.contact.id, existing);
    assert.equal(result.contact.firstName, 'Jane');
    assert.equal(fake.state.objects.contacts.size, 1);
    assert.ok(
      fake.calls.some(
        (c) => c.method === 'POST' && c.path === '/crm/v3/objects/contacts' && c.status === 409,
      ),
    );
  });

  it('reports an invalid email as a PermanentError naming the operation', async () => {
    await assert.rejects(crm.upsertContact({ ...lead, email: 'not-an-email' }, 'k'), (error: unknown) => {
      assert.equal((error as Error).name, 'PermanentError');
      assert.match((error as Error).message, /^HubSpot createContact \(not-an-email\) failed: HTTP 400/);
      return true;
    });
  });
});

describe('HubSpot CRM adapter: companies and owners', () => {
  let fake: FakeHubspot;
  let crm: HubspotCrm;
  before(async () => (fake = await startFakeHubspot({ seed: { owners: [OWNER] } })));
  after(() => fake.close());
  beforeEach(() => (crm = makeCrm(fake)));

  it('creates a company, finds it by normalised domain, reads it by id, and associates a contact (default type 279)', async () => {
    const company = await crm.createCompany({ name: 'Globex', domain: 'WWW.Globex.com' }, 'k-co');
    assert.equal(company.domain, 'globex.com');
    assert.deepEqual(await crm.findCompanyByDomain('globex.com'), company);
    assert.equal(await crm.findCompanyByDomain('nope.example'), null);
    assert.equal((await crm.getCompany(company.id))?.name, 'Globex');
    assert.equal(await crm.getCompany('999999'), null);

    const { contact } = await crm.upsertContact({ ...lead, email: 'ann@globex.com' }, 'k-c');
    await crm.associateContactWithCompany(contact.id, company.id);

    const put = fake.calls.find((c) => c.method === 'PUT');
    assert.equal(
      put?.path,
      `/crm/v4/objects/contact/${contact.id}/associations/default/company/${company.id}`,
    );
    assert.equal((await crm.findContactByEmail('ann@globex.com'))?.companyId, company.id);
  });

  it('reads an owner and answers null for an unknown or non-numeric owner id', async () => {
    assert.deepEqual(await crm.findOwner(OWNER.id), {
      id: OWNER.id,
      email: OWNER.email,
      firstName: 'Sam',
      lastName: 'Seller',
    });
    assert.equal(await crm.findOwner('123'), null);
    const before = fake.calls.length;
    assert.equal(await crm.findOwner('not-a-number'), null);
    assert.equal(fake.calls.length, before, 'no request for an id HubSpot cannot have');
  });
});

describe('HubSpot CRM adapter: tasks and notes', () => {
  let fake: FakeHubspot;
  let crm: HubspotCrm;
  let contactId: string;
  before(async () => {
    fake = await startFakeHubspot();
    contactId = fake.seed({ contacts: [{ properties: { email: 'jane@acme.com' } }] }).contacts[0] ?? '';
  });
  after(() => fake.close());
  beforeEach(() => (crm = makeCrm(fake)));

  const task = (id: string) => ({
    contactId: id,
    subject: 'Follow up with Jane Doe (Acme)',
    body: 'Draft is ready in Gmail.',
    dueAt: '2025-03-06T14:00:00.000Z',
    priority: 'HIGH' as const,
    type: 'EMAIL' as const,
    ownerId: OWNER.id,
  });

  it('creates a task with hs_timestamp as its due time, association 204 and the idempotency key', async () => {
    const ref = await crm.createTask(task(contactId), 'run-1:task');

    const call = fake.calls.find((c) => c.method === 'POST' && c.path === '/crm/v3/objects/tasks');
    assert.equal(call?.status, 201);
    const body = call?.body as { properties: Record<string, string>; associations: unknown };
    assert.deepEqual(body.properties, {
      hs_timestamp: '2025-03-06T14:00:00.000Z',
      hs_task_subject: 'Follow up with Jane Doe (Acme)',
      hs_task_body: 'Draft is ready in Gmail.',
      hs_task_status: 'NOT_STARTED',
      hs_task_priority: 'HIGH',
      hs_task_type: 'EMAIL',
      hubspot_owner_id: OWNER.id,
      sales_agent_idempotency_key: 'run-1:task',
    });
    assert.deepEqual(body.associations, [
      { to: { id: contactId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 204 }] },
    ]);
    assert.ok(
      fake.state.associations.some(
        (a) => a.fromType === 'tasks' && a.fromId === ref.id && a.toId === contactId && a.typeId === 204,
      ),
    );
  });

  it('creates a note with association 202 and the idempotency key', async () => {
    const ref = await crm.createNote(
      { contactId, body: 'Lead from the contact form.', timestamp: '2025-03-04T15:00:00Z', ownerId: null },
      'run-1:note',
    );
    const stored = fake.state.objects.notes.get(ref.id);
    assert.equal(stored?.properties['hs_note_body'], 'Lead from the contact form.');
    assert.equal(stored?.properties['hs_timestamp'], '2025-03-04T15:00:00.000Z');
    assert.equal(stored?.properties['sales_agent_idempotency_key'], 'run-1:note');
    assert.ok(
      fake.state.associations.some((a) => a.fromType === 'notes' && a.fromId === ref.id && a.typeId === 202),
    );
  });

  it('finds a task and a note by idempotency key after a lost answer, and nothing for an unused key', async () => {
    const taskRef = await crm.createTask(task(contactId), 'run-2:task');
    const noteRef = await crm.createNote(
      { contactId, body: 'n', timestamp: '2025-03-04T15:00:00Z', ownerId: null },
      'run-2:note',
    );
    assert.deepEqual(await crm.findTaskByIdempotencyKey('run-2:task'), taskRef);
    assert.deepEqual(await crm.findNoteByIdempotencyKey('run-2:note'), noteRef);
    assert.equal(await crm.findTaskByIdempotencyKey('run-3:task'), null);
    assert.equal(
      await crm.findNoteByIdempotencyKey('run-2:task'),
      null,
      'keys do not leak across object types',
    );
  });

  it('fails permanently when the portal lacks the idempotency-key property (a setup step)', async () => {
    const bare = await startFakeHubspot({ customProperties: {} });
    try {
      const id = bare.seed({ contacts: [{ properties: { email: 'x@acme.com' } }] }).contacts[0] ?? '';
      await assert.rejects(
        makeCrm(bare).createTask(task(id), 'k'),
        /PermanentError|sales_agent_idempotency_key/,
      );
      await assert.rejects(makeCrm(bare).createTask(task(id), 'k'), (error: Error) =>
        /Property "sales_agent_idempotency_key" does not exist/.test(error.message),
      );
    } finally {
      await bare.close();
    }
  });
});
