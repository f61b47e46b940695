// Builders for planning tests: a plain legitimate lead, its CRM contact and research.
import type { Lead } from '../lead.js';
import type { CrmContact } from '../ports/crm.js';
import type { ProspectResearch } from '../results.js';

export function makeLead(over: Partial<Lead> = {}): Lead {
  return {
    email: 'jane@acme.com',
    firstName: 'Jane',
    lastName: 'Doe',
    company: 'Acme',
    jobTitle: 'Head of Operations',
    phone: null,
    message: 'We are looking at analytics tools for our team of 40.',
    timeZone: null,
    custom: {},
    submittedAt: '2026-11-20T10:00:00Z',
    source: {
      kind: 'hubspot-form',
      portalId: 'p',
      formId: 'demo-form',
      submissionId: 'sub-2',
      contactId: null,
      pageUrl: null,
      pageTitle: null,
    },
    ...over,
  };
}

export function makeContact(over: Partial<CrmContact> = {}): CrmContact {
  return {
    id: 'c1',
    email: 'jane@acme.com',
    firstName: 'Jane',
    lastName: 'Doe',
    company: 'Acme',
    jobTitle: null,
    phone: null,
    lifecycleStage: 'lead',
    leadStatus: null,
    ownerId: null,
    timeZone: null,
    emailOptOut: false,
    companyId: null,
    recentSubmissions: [],
    createdAt: '2026-11-20T10:00:00Z',
    ...over,
  };
}

export function makeResearch(over: Partial<ProspectResearch> = {}): ProspectResearch {
  return {
    contactId: 'c1',
    isNewContact: true,
    lifecycleStage: 'lead',
    leadStatus: null,
    owner: null,
    company: { id: null, name: 'Acme', domain: 'acme.com', industry: null, employees: null, sizeBand: null },
    emailDomain: 'acme.com',
    isPersonalEmail: false,
    talkingPoints: [],
    ...over,
  };
}
