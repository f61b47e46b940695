import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Lead } from '../lead.js';
import type { CrmCompany, CrmContact } from '../ports/crm.js';
import { getSizeBand, researchProspect } from './research-prospect.js';

const LEAD: Lead = {
  email: 'jane@acmehealth.com',
  firstName: 'Jane',
  lastName: 'Doe',
  company: 'Acme Health',
  jobTitle: 'VP Operations',
  phone: null,
  message: 'Pricing for 40 seats?',
  timeZone: null,
  custom: {},
  submittedAt: '2026-11-20T10:00:00Z',
  source: {
    kind: 'json',
    portalId: null,
    formId: 'f1',
    submissionId: 's1',
    contactId: null,
    pageUrl: null,
    pageTitle: null,
  },
};

const CONTACT: CrmContact = {
  id: 'c1',
  email: 'jane@acmehealth.com',
  firstName: 'Jane',
  lastName: 'Doe',
  company: 'Acme Health',
  jobTitle: null,
  phone: null,
  lifecycleStage: 'customer',
  leadStatus: 'IN_PROGRESS',
  ownerId: 'o1',
  timeZone: null,
  emailOptOut: false,
  companyId: 'co1',
  recentSubmissions: [],
  createdAt: '2025-03-04T10:00:00Z',
};

const COMPANY: CrmCompany = {
  id: 'co1',
  name: 'Acme Health Inc.',
  domain: 'acmehealth.com',
  industry: 'HOSPITAL_HEALTH_CARE',
  employees: 240,
};
const OWNER = { id: 'o1', email: 'dana@northwind.example', firstName: 'Dana', lastName: 'Lee' };

describe('researchProspect', () => {
  it('gathers the CRM facts with talking points traceable to them', () => {
    const research = researchProspect({
      lead: LEAD,
      contact: CONTACT,
      isNewContact: false,
      company: COMPANY,
      owner: OWNER,
    });
    assert.deepEqual(research.company, {
      id: 'co1',
      name: 'Acme Health Inc.',
      domain: 'acmehealth.com',
      industry: 'hospital health care',
      employees: 240,
      sizeBand: 'mid',
    });
    assert.deepEqual(research.owner, { id: 'o1', name: 'Dana Lee', email: 'dana@northwind.example' });
    assert.deepEqual(research.talkingPoints, [
      'Existing contact in the CRM since Mar 2025.',
      'Existing customer (lifecycle stage: customer).',
      'Lead status: in progress.',
      'Contact owner: Dana Lee.',
      'Job title: VP Operations.',
      'Industry: hospital health care.',
      'Company size: 240 employees (mid).',
    ]);
    assert.equal(research.isPersonalEmail, false);
    assert.equal(research.emailDomain, 'acmehealth.com');
  });

  it('infers an industry from the company name only when the CRM has none and the words are plain', () => {
    const research = researchProspect({
      lead: LEAD,
      contact: { ...CONTACT, lifecycleStage: null, leadStatus: null },
      isNewContact: true,
      company: null,
      owner: null,
    });
    assert.equal(research.company.industry, 'healthcare');
    assert.equal(research.company.sizeBand, null);
    assert.deepEqual(research.talkingPoints, [
      'New contact: this is their first record in the CRM.',
      'Job title: VP Operations.',
      'Industry: healthcare (inferred from the company name or domain).',
    ]);
  });

  it('leaves the industry unknown when the name is vague', () => {
    const lead = { ...LEAD, email: 'sam@northwind-systems.io', company: 'Northwind Systems' };
    const research = researchProspect({
      lead,
      contact: CONTACT,
      isNewContact: true,
      company: null,
      owner: null,
    });
    assert.equal(research.company.industry, null);
  });

  it('flags a personal address and never takes its domain as the company domain', () => {
    const lead = { ...LEAD, email: 'jane.doe@gmail.com', company: null };
    const research = researchProspect({
      lead,
      contact: { ...CONTACT, company: null },
      isNewContact: true,
      company: null,
      owner: null,
    });
    assert.equal(research.isPersonalEmail, true);
    assert.equal(research.company.domain, null);
    assert.equal(research.company.name, null);
    assert.ok(
      research.talkingPoints.includes('Wrote from a personal address (gmail.com), not a company one.'),
    );
  });

  it('names an owner without a name by their email', () => {
    const owner = { id: 'o2', email: 'owner@northwind.example', firstName: null, lastName: null };
    const research = researchProspect({
      lead: LEAD,
      contact: CONTACT,
      isNewContact: false,
      company: COMPANY,
      owner,
    });
    assert.equal(research.owner?.name, 'owner@northwind.example');
  });
});

describe('getSizeBand', () => {
  it('bands employees: under 50 small, under 1000 mid, else large', () => {
    assert.equal(getSizeBand(49), 'small');
    assert.equal(getSizeBand(50), 'mid');
    assert.equal(getSizeBand(999), 'mid');
    assert.equal(getSizeBand(1000), 'large');
    assert.equal(getSizeBand(null), null);
    assert.equal(getSizeBand(0), null);
  });
});
