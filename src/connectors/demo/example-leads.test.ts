// The example leads and the example workspace tell one story; these checks keep them in step.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { createDemoConnectors } from './index.js';
import { loadExampleWorkspace } from './test-workspace.js';

interface HubSpotFormLead {
  formId: string;
  timestamp: number;
  fieldValues: { name: string; value: string }[];
}
interface JsonLead {
  email: string;
  timeZone: string | null;
  submittedAt: string;
  source: { formId: string };
}

async function readLead<T>(name: string): Promise<T> {
  return JSON.parse(await readFile(new URL(`../../../examples/leads/${name}`, import.meta.url), 'utf8')) as T;
}

function field(lead: HubSpotFormLead, name: string): string {
  return lead.fieldValues.find((f) => f.name === name)?.value ?? '';
}

function easternTime(ms: number): DateTime {
  return DateTime.fromMillis(ms, { zone: 'America/New_York' });
}

describe('example leads against the example workspace', () => {
  it('use allowlisted forms', async () => {
    const { settings } = await loadExampleWorkspace();
    const forms = [
      (await readLead<HubSpotFormLead>('new-prospect.json')).formId,
      (await readLead<HubSpotFormLead>('unsubscribed-contact.json')).formId,
      (await readLead<HubSpotFormLead>('friday-evening-before-holiday.json')).formId,
      (await readLead<JsonLead>('existing-contact-open-question.json')).source.formId,
      (await readLead<JsonLead>('different-time-zone.json')).source.formId,
    ];
    for (const formId of forms) assert.ok(settings.forms.allowlist.includes(formId), formId);
  });

  it('new-prospect: a person and company the CRM does not know, on Tuesday morning', async () => {
    const lead = await readLead<HubSpotFormLead>('new-prospect.json');
    const { crm } = createDemoConnectors(await loadExampleWorkspace(), {
      clock: () => '2026-11-24T15:14:37.000Z',
    });
    assert.equal(await crm.findContactByEmail(field(lead, 'email')), null);
    assert.equal(await crm.findCompanyByDomain(field(lead, 'email').split('@')[1] ?? ''), null);
    assert.equal(easternTime(lead.timestamp).toFormat('ccc yyyy-MM-dd HH'), 'Tue 2026-11-24 10');
  });

  it('existing-contact-open-question: Priya, whose SSO question is unanswered', async () => {
    const lead = await readLead<JsonLead>('existing-contact-open-question.json');
    const { crm, mail } = createDemoConnectors(await loadExampleWorkspace(), {
      clock: () => lead.submittedAt,
    });
    assert.equal((await crm.findContactByEmail(lead.email))?.id, '101');
    const [latest] = await mail.searchThreads({
      email: lead.email,
      since: '2025-11-24T00:00:00Z',
      maxResults: 10,
    });
    const thread = await mail.getThread(latest?.id ?? '');
    const last = thread.messages[thread.messages.length - 1];
    assert.match(last?.from ?? '', /priya@helixhealth\.example/);
    assert.match(last?.body ?? '', /SAML/);
  });

  it('unsubscribed-contact: the contact who opted out (address case differs on purpose)', async () => {
    const lead = await readLead<HubSpotFormLead>('unsubscribed-contact.json');
    const { crm } = createDemoConnectors(await loadExampleWorkspace(), {
      clock: () => '2026-11-24T19:21:08.000Z',
    });
    assert.notEqual(field(lead, 'email'), field(lead, 'email').toLowerCase());
    assert.equal((await crm.findContactByEmail(field(lead, 'email')))?.emailOptOut, true);
  });

  it('different-time-zone: a Berlin prospect', async () => {
    const lead = await readLead<JsonLead>('different-time-zone.json');
    assert.equal(lead.timeZone, 'Europe/Berlin');
    assert.equal(
      DateTime.fromISO(lead.submittedAt, { zone: 'America/New_York' }).toFormat('ccc HH:mm'),
      'Tue 09:30',
    );
  });

  it('friday-evening-before-holiday: after hours on the Friday before Martin Luther King Jr. Day', async () => {
    const lead = await readLead<HubSpotFormLead>('friday-evening-before-holiday.json');
    const submitted = easternTime(lead.timestamp);
    assert.equal(submitted.toFormat('ccc yyyy-MM-dd'), 'Fri 2027-01-15');
    assert.ok(submitted.hour >= 17, 'after working hours');
    assert.match(field(lead, 'message'), /demo/);
  });
});
