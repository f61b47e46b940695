// What we know about the prospect from the CRM and the lead, as one plain value for later steps.
// It does no lookups itself: the step fetches contact, company and owner and passes them in.
import type { Lead } from '../lead.js';
import { getEmailDomain, isPersonalEmail } from '../lead.js';
import type { CrmCompany, CrmContact, CrmOwner } from '../ports/crm.js';
import type { CompanySizeBand, ProspectResearch } from '../results.js';
import { buildTalkingPoints } from './build-talking-points.js';
import { humanizeIndustry, inferIndustry } from './infer-industry.js';

export interface ResearchInput {
  lead: Lead;
  contact: CrmContact;
  isNewContact: boolean;
  company: CrmCompany | null;
  owner: CrmOwner | null;
}

export function getSizeBand(employees: number | null): CompanySizeBand | null {
  if (employees === null || !Number.isFinite(employees) || employees < 1) return null;
  if (employees < 50) return 'small';
  return employees < 1000 ? 'mid' : 'large';
}

function describeOwner(owner: CrmOwner | null): ProspectResearch['owner'] {
  if (owner === null) return null;
  const name = [owner.firstName, owner.lastName].filter((p) => p !== null && p.trim() !== '').join(' ');
  return { id: owner.id, name: name === '' ? owner.email : name, email: owner.email };
}

function nonBlank(value: string | null | undefined): string | null {
  return value === null || value === undefined || value.trim() === '' ? null : value.trim();
}

export function researchProspect(input: ResearchInput): ProspectResearch {
  const { lead, contact, company } = input;
  const emailDomain = getEmailDomain(lead.email);
  const personal = isPersonalEmail(lead.email);
  const name = nonBlank(company?.name) ?? nonBlank(lead.company) ?? nonBlank(contact.company);
  // A personal address says nothing about the company, so its domain is never taken as theirs.
  const domain = nonBlank(company?.domain) ?? (personal || emailDomain === '' ? null : emailDomain);
  const crmIndustry = nonBlank(company?.industry);
  const inferred = crmIndustry === null ? inferIndustry(name, domain) : null;
  const employees = company?.employees ?? null;
  const research: ProspectResearch = {
    contactId: contact.id,
    isNewContact: input.isNewContact,
    lifecycleStage: nonBlank(contact.lifecycleStage),
    leadStatus: nonBlank(contact.leadStatus),
    owner: describeOwner(input.owner),
    company: {
      id: company?.id ?? null,
      name,
      domain,
      industry: crmIndustry !== null ? humanizeIndustry(crmIndustry) : inferred,
      employees,
      sizeBand: getSizeBand(employees),
    },
    emailDomain,
    isPersonalEmail: personal,
    talkingPoints: [],
  };
  research.talkingPoints = buildTalkingPoints(research, {
    jobTitle: nonBlank(lead.jobTitle) ?? nonBlank(contact.jobTitle),
    contactCreatedAt: contact.createdAt,
    industryInferred: inferred !== null,
  });
  return research;
}
