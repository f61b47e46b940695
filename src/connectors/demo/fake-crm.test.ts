import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AppError } from '../../domain/errors.js';
import type { CreateTaskInput } from '../../domain/ports/crm.js';
import { createDemoConnectors } from './index.js';
import { buildWorkspace, loadExampleWorkspace } from './test-workspace.js';

const NOW = '2026-11-24T15:15:00.000Z';
const clock = (): string => NOW;

function crmWorkspace() {
  return buildWorkspace((input) => {
    input.crm = {
      owners: [{ id: 'o1', email: 'alex@northwind.example', firstName: 'Alex', lastName: 'Morgan' }],
      companies: [
        {
          id: 'c1',
          name: 'Helix Health',
          domain: 'helixhealth.example',
          industry: 'healthcare',
          employees: 1200,
        },
      ],
      contacts: [
        {
          id: '101',
          email: 'priya@helixhealth.example',
          firstName: 'Priya',
          lastName: 'Raman',
          jobTitle: 'Director of Data Platform',
          companyId: 'c1',
          ownerId: 'o1',
          lifecycleStage: 'salesqualifiedlead',
          recentSubmissions: [
            { formId: 'f', submissionId: 'old', submittedAt: '2026-09-01T00:00:00Z' },
            { formId: 'f', submissionId: 'new', submittedAt: '2026-11-20T00:00:00Z' },
          ],
          createdAt: '2026-09-01T00:00:00Z',
        },
      ],
    };
  });
}

const task = (contactId: string): CreateTaskInput => ({
  contactId,
  subject: 'Follow up with Priya Raman (Helix Health)',
  body: 'Draft reply is ready in Gmail.',
  dueAt: '2026-11-26T14:00:00.000Z',
  priority: 'HIGH',
  type: 'EMAIL',
  ownerId: 'o1',
});

describe('FakeCrm contacts', () => {
  it('finds a contact by email whatever the case, with what the CRM holds', async () => {
    const { crm } = createDemoConnectors(crmWorkspace(), { clock });
    const contact = await crm.findContactByEmail('  PRIYA@HelixHealth.example ');
    assert.equal(contact?.id, '101');
    assert.equal(contact?.lifecycleStage, 'salesqualifiedlead');
    assert.equal(contact?.emailOptOut, false);
    assert.deepEqual(
      contact?.recentSubmissions.map((s) => s.submissionId),
      ['new', 'old'],
      'newest first',
    );
    assert.equal(await crm.findContactByEmail('nobody@helixhealth.example'), null);
  });

  it('never creates two contacts for one email, whatever the case of each upsert', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('nora@cascade.example', 'NORA@cascade.example', 'Nora@Cascade.Example'), {
          minLength: 1,
          maxLength: 6,
        }),
        async (emails) => {
          const { crm } = createDemoConnectors(crmWorkspace(), { clock });
          for (const email of emails)
            await crm.upsertContact(
              { email, firstName: 'Nora', lastName: null, company: null, jobTitle: null, phone: null },
              `k-${email}`,
            );
          return (
            crm.listContacts().filter((c) => c.email === 'nora@cascade.example').length === 1 &&
            crm.listContacts().length === 2
          );
        },
      ),
    );
  });

  it('creates a new contact stamped with the clock, and updates an existing one without blanking known fields', async () => {
    const { crm, log } = createDemoConnectors(crmWorkspace(), { clock, idMaker: () => '9001' });
    const created = await crm.upsertContact(
      {
        email: 'nora@cascade.example',
        firstName: 'Nora',
        lastName: 'Lindqvist',
        company: 'Cascade',
        jobTitle: null,
        phone: null,
      },
      'key-1',
    );
    assert.equal(created.created, true);
    assert.equal(created.contact.id, '9001');
    assert.equal(created.contact.createdAt, NOW);
    const updated = await crm.upsertContact(
      {
        email: 'priya@helixhealth.example',
        firstName: 'Priya',
        lastName: null,
        company: 'Helix Health',
        jobTitle: null,
        phone: '+1 615 555 0142',
      },
      'key-2',
    );
    assert.equal(updated.created, false);
    assert.equal(updated.contact.lastName, 'Raman');
    assert.equal(updated.contact.jobTitle, 'Director of Data Platform');
    assert.equal(updated.contact.phone, '+1 615 555 0142');
    assert.deepEqual(
      log.writes('crm', 'upsertContact').map((w) => w.idempotencyKey),
      ['key-1', 'key-2'],
    );
  });

  it('refuses an address HubSpot would refuse', async () => {
    const { crm } = createDemoConnectors(crmWorkspace(), { clock });
    await assert.rejects(
      crm.upsertContact(
        {
          email: 'not-an-email',
          firstName: null,
          lastName: null,
          company: null,
          jobTitle: null,
          phone: null,
        },
        'k',
      ),
      { code: 'permanent' },
    );
  });

  it('carries the opt-out flag and time zone of the example contacts', async () => {
    const { crm } = createDemoConnectors(await loadExampleWorkspace(), { clock });
    const dana = await crm.findContactByEmail('dana.whitfield@brightcart.example');
    assert.equal(dana?.emailOptOut, true);
    assert.equal(dana?.timeZone, 'America/Los_Angeles');
  });
});

describe('FakeCrm companies and owners', () => {
  it('finds a company by domain ignoring case and www, and returns null for an unknown id', async () => {
    const { crm } = createDemoConnectors(crmWorkspace(), { clock });
    assert.equal((await crm.findCompanyByDomain('WWW.HelixHealth.example'))?.id, 'c1');
    assert.equal(await crm.findCompanyByDomain('cascade.example'), null);
    assert.equal(await crm.getCompany('c404'), null);
    assert.equal((await crm.findOwner('o1'))?.lastName, 'Morgan');
    assert.equal(await crm.findOwner('o404'), null);
  });

  it('creates and associates a company, and is found by its domain afterwards', async () => {
    const { crm, log } = createDemoConnectors(crmWorkspace(), { clock });
    const company = await crm.createCompany(
      { name: 'Cascade Freight & Storage', domain: 'CascadeFreight.example' },
      'co-key',
    );
    const { contact } = await crm.upsertContact(
      {
        email: 'nora@cascadefreight.example',
        firstName: 'Nora',
        lastName: null,
        company: null,
        jobTitle: null,
        phone: null,
      },
      'ct-key',
    );
    await crm.associateContactWithCompany(contact.id, company.id);
    assert.equal((await crm.findContactByEmail('nora@cascadefreight.example'))?.companyId, company.id);
    assert.equal((await crm.findCompanyByDomain('cascadefreight.example'))?.id, company.id);
    assert.equal(log.writes('crm', 'createCompany')[0]?.idempotencyKey, 'co-key');
  });

  it('refuses to associate unknown records, naming the id', async () => {
    const { crm } = createDemoConnectors(crmWorkspace(), { clock });
    await assert.rejects(
      crm.associateContactWithCompany('777', 'c1'),
      (e: unknown) => e instanceof AppError && e.code === 'not-found' && e.message.includes('777'),
    );
    await assert.rejects(
      crm.associateContactWithCompany('101', 'c777'),
      (e: unknown) => e instanceof AppError && e.code === 'not-found' && e.message.includes('c777'),
    );
  });
});

describe('FakeCrm tasks and notes', () => {
  it('stores a task with its due time, contact, priority and idempotency key', async () => {
    const { crm, log } = createDemoConnectors(crmWorkspace(), { clock });
    const ref = await crm.createTask(task('101'), 'run-1:log-crm-activity:task');
    const [stored] = crm.listTasks();
    assert.equal(stored?.id, ref.id);
    assert.equal(stored?.dueAt, '2026-11-26T14:00:00.000Z');
    assert.equal(stored?.contactId, '101');
    assert.equal(stored?.priority, 'HIGH');
    assert.equal(stored?.status, 'NOT_STARTED');
    assert.deepEqual(await crm.findTaskByIdempotencyKey('run-1:log-crm-activity:task'), ref);
    assert.equal(await crm.findTaskByIdempotencyKey('other'), null);
    assert.equal(log.writes('crm', 'createTask').length, 1);
  });

  it("makes a second task when asked twice, as HubSpot does (reconciling is the caller's job)", async () => {
    const { crm } = createDemoConnectors(crmWorkspace(), { clock });
    await crm.createTask(task('101'), 'same');
    await crm.createTask(task('101'), 'same');
    assert.equal(crm.listTasks().length, 2);
  });

  it('refuses a task for an unknown contact or without a valid due time', async () => {
    const { crm } = createDemoConnectors(crmWorkspace(), { clock });
    await assert.rejects(
      crm.createTask(task('404'), 'k'),
      (e: unknown) => e instanceof AppError && e.code === 'not-found' && e.message.includes('404'),
    );
    await assert.rejects(crm.createTask({ ...task('101'), dueAt: '' }, 'k'), { code: 'permanent' });
    assert.equal(crm.listTasks().length, 0);
  });

  it('stores a note and finds it by its idempotency key', async () => {
    const { crm } = createDemoConnectors(crmWorkspace(), { clock });
    const ref = await crm.createNote(
      { contactId: '101', body: 'Form lead processed.', timestamp: NOW, ownerId: null },
      'note-key',
    );
    assert.deepEqual(await crm.findNoteByIdempotencyKey('note-key'), ref);
    assert.equal(crm.listNotes()[0]?.body, 'Form lead processed.');
  });
});
