// Seeding the fake HubSpot: contacts, companies (with contact links), owners and form submissions,
// given as HubSpot would hold them (string properties).
import { randomUUID } from 'node:crypto';
import type { FakeHubspotState, FakeOwner } from './state.js';

export interface FakeHubspotSeed {
  contacts?: { id?: string; properties: Record<string, string | null>; companyIds?: string[] }[];
  companies?: { id?: string; properties: Record<string, string | null> }[];
  owners?: FakeOwner[];
  submissions?: {
    formGuid: string;
    conversionId?: string;
    submittedAt: number;
    values: Record<string, string>;
    pageUrl?: string;
  }[];
  /** Forms that exist but may have no submissions yet. */
  forms?: string[];
}

export interface SeededIds {
  contacts: string[];
  companies: string[];
  submissions: string[];
}

export function seedState(state: FakeHubspotState, seed: FakeHubspotSeed): SeededIds {
  const companies = (seed.companies ?? []).map(
    (c) => state.insert('companies', { ...c.properties }, c.id ?? state.newId()).id,
  );
  const contacts = (seed.contacts ?? []).map((c) => {
    const email = c.properties['email'];
    const properties = { ...c.properties, ...(email ? { email: email.toLowerCase() } : {}) };
    const contact = state.insert('contacts', properties, c.id ?? state.newId());
    for (const companyId of c.companyIds ?? [])
      state.associate('contacts', contact.id, 'companies', companyId, 279, 280);
    return contact.id;
  });
  for (const owner of seed.owners ?? []) state.owners.set(owner.id, owner);
  for (const form of seed.forms ?? []) state.forms.add(form);
  const submissions = (seed.submissions ?? []).map((s) => {
    const conversionId = s.conversionId ?? randomUUID();
    state.forms.add(s.formGuid);
    state.submissions.push({
      formGuid: s.formGuid,
      conversionId,
      submittedAt: s.submittedAt,
      values: Object.entries(s.values).map(([name, value]) => ({ name, value })),
      pageUrl: s.pageUrl ?? 'https://acme.example/contact',
    });
    return conversionId;
  });
  return { contacts, companies, submissions };
}
