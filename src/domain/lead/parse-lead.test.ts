import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FieldMappingSchema } from '../settings.js';
import { parseLead, type ParseLeadResult } from './parse-lead.js';

const mapping = FieldMappingSchema.parse({});
const parse = (payload: unknown): ParseLeadResult => parseLead(payload, { mapping });

function expectLead(result: ParseLeadResult) {
  if (!result.ok) assert.fail(`expected a lead, got problems: ${JSON.stringify(result.problems)}`);
  return result;
}

const SUBMITTED_MS = 1709560000000;
const SUBMITTED_ISO = '2024-03-04T13:46:40.000Z';

void describe('parseLead: the five shapes', () => {
  void it('reads a HubSpot form submission webhook', () => {
    const { lead, shape } = expectLead(
      parse({
        portalId: 62515,
        formId: '7626b3c1-5b2e-4f0a-9d3e-1f2a3b4c5d6e',
        formSubmissionId: 'a1b2c3d4',
        timestamp: SUBMITTED_MS,
        pageUrl: 'https://acme.example/contact',
        pageName: 'Contact us',
        contactId: '101',
        fieldValues: [
          { objectTypeId: '0-1', name: 'email', value: ' Jane.Doe@ACME.com ' },
          { objectTypeId: '0-1', name: 'firstname', value: 'Jane' },
          { objectTypeId: '0-1', name: 'lastname', value: 'Doe' },
          { objectTypeId: '0-1', name: 'company', value: 'Acme' },
          { objectTypeId: '0-1', name: 'message', value: 'We need 40 seats' },
          { objectTypeId: '0-1', name: 'team_size', value: '40' },
        ],
      }),
    );
    assert.equal(shape, 'hubspot-form');
    assert.deepEqual(lead, {
      email: 'jane.doe@acme.com',
      firstName: 'Jane',
      lastName: 'Doe',
      company: 'Acme',
      jobTitle: null,
      phone: null,
      message: 'We need 40 seats',
      timeZone: null,
      custom: { team_size: '40' },
      submittedAt: SUBMITTED_ISO,
      source: {
        kind: 'hubspot-form',
        portalId: '62515',
        formId: '7626b3c1-5b2e-4f0a-9d3e-1f2a3b4c5d6e',
        submissionId: 'a1b2c3d4',
        contactId: '101',
        pageUrl: 'https://acme.example/contact',
        pageTitle: 'Contact us',
      },
    });
  });

  void it('reads a workflow contact profile, taking the newest form submission', () => {
    const versions = [{ value: 'x', 'source-type': 'FORM', timestamp: SUBMITTED_MS, selected: false }];
    const { lead, shape } = expectLead(
      parse({
        vid: 99,
        'canonical-vid': 101,
        'merged-vids': [99],
        'portal-id': 62515,
        'is-contact': true,
        'profile-url': 'https://app.hubspot.com/contacts/62515/contact/101',
        properties: {
          email: { value: 'jane@acme.com', versions },
          firstname: { value: 'Jane', versions },
          company: { value: 'Acme', versions },
          message: { value: 'We need 40 seats', versions },
          hs_timezone: { value: 'europe_slash_berlin', versions },
        },
        'form-submissions': [
          {
            'conversion-id': 'old',
            timestamp: SUBMITTED_MS - 86_400_000,
            'form-id': 'form-old',
            'portal-id': 62515,
          },
          {
            'conversion-id': '2e13aa',
            timestamp: SUBMITTED_MS,
            'form-id': '7626-form',
            'portal-id': 62515,
            'page-url': 'https://acme.example/contact',
            'page-title': 'Contact us',
            title: 'Contact us form',
          },
        ],
        'list-memberships': [],
      }),
    );
    assert.equal(shape, 'hubspot-workflow');
    assert.equal(lead.email, 'jane@acme.com');
    assert.equal(lead.firstName, 'Jane');
    assert.equal(lead.timeZone, 'Europe/Berlin');
    assert.equal(lead.submittedAt, SUBMITTED_ISO);
    assert.deepEqual(lead.custom, {});
    assert.deepEqual(lead.source, {
      kind: 'hubspot-workflow',
      portalId: '62515',
      formId: '7626-form',
      submissionId: '2e13aa',
      contactId: '101',
      pageUrl: 'https://acme.example/contact',
      pageTitle: 'Contact us',
    });
  });

  void it('reads a v3-style workflow body whose properties are plain strings', () => {
    const { lead, shape } = expectLead(
      parse({ id: '512', properties: { email: 'sam@globex.io', lastname: 'Lee', jobtitle: 'CTO' } }),
    );
    assert.equal(shape, 'hubspot-workflow');
    assert.equal(lead.email, 'sam@globex.io');
    assert.equal(lead.lastName, 'Lee');
    assert.equal(lead.jobTitle, 'CTO');
    assert.equal(lead.source.contactId, '512');
    assert.equal(lead.source.formId, null);
    assert.equal(lead.submittedAt, null);
  });

  void it('reads a flat custom body, leaving envelope keys out of custom', () => {
    const { lead, shape } = expectLead(
      parse({
        email: 'ana@initech.com',
        firstname: 'Ana',
        phone: ' +1 (555) 010-2030 ',
        formId: 'form-9',
        portalId: '62515',
        conversionId: 'conv-1',
        timestamp: String(SUBMITTED_MS),
        objectId: 777,
        budget: '10k',
      }),
    );
    assert.equal(shape, 'hubspot-flat');
    assert.equal(lead.phone, '+1 (555) 010-2030');
    assert.deepEqual(lead.custom, { budget: '10k' });
    assert.equal(lead.submittedAt, SUBMITTED_ISO);
    assert.deepEqual(
      [lead.source.formId, lead.source.portalId, lead.source.submissionId, lead.source.contactId],
      ['form-9', '62515', 'conv-1', '777'],
    );
  });

  void it('reads a Forms API submission row', () => {
    const { lead, shape } = expectLead(
      parse({
        conversionId: '5b2e-conv',
        submittedAt: SUBMITTED_MS,
        formId: '7626-form',
        values: [
          { name: 'email', value: 'jane@acme.com' },
          { name: 'message', value: 'We need 40 seats' },
        ],
        pageUrl: 'https://acme.example/contact',
      }),
    );
    assert.equal(shape, 'hubspot-poll');
    assert.equal(lead.message, 'We need 40 seats');
    assert.equal(lead.submittedAt, SUBMITTED_ISO);
    assert.deepEqual(lead.source, {
      kind: 'hubspot-poll',
      portalId: null,
      formId: '7626-form',
      submissionId: '5b2e-conv',
      contactId: null,
      pageUrl: 'https://acme.example/contact',
      pageTitle: null,
    });
  });

  void it('reads a plain JSON lead in the Lead shape', () => {
    const { lead, shape } = expectLead(
      parse({
        email: 'Kim@Hooli.com',
        firstName: 'Kim',
        lastName: 'Park',
        jobTitle: 'Head of Ops',
        timeZone: 'Asia/Seoul',
        custom: { seats: 12, plan: 'pro' },
        submittedAt: '2024-03-04T14:46:40+01:00',
        source: { formId: 'f-1', submissionId: 's-1', pageTitle: 'Pricing' },
      }),
    );
    assert.equal(shape, 'json');
    assert.equal(lead.email, 'kim@hooli.com');
    assert.equal(lead.jobTitle, 'Head of Ops');
    assert.equal(lead.timeZone, 'Asia/Seoul');
    assert.deepEqual(lead.custom, { seats: '12', plan: 'pro' });
    assert.equal(lead.submittedAt, SUBMITTED_ISO);
    assert.equal(lead.source.kind, 'json');
    assert.equal(lead.source.formId, 'f-1');
    assert.equal(lead.source.pageTitle, 'Pricing');
  });

  void it('tells JSON from flat by camelCase keys or a custom object, not by guessing', () => {
    assert.equal(expectLead(parse({ email: 'a@b.co', firstname: 'A' })).shape, 'hubspot-flat');
    assert.equal(expectLead(parse({ email: 'a@b.co', firstName: 'A' })).shape, 'json');
    assert.equal(expectLead(parse({ email: 'a@b.co', custom: {} })).shape, 'json');
  });
});

void describe('parseLead: field mapping', () => {
  void it('matches field names case-insensitively, ignoring surrounding spaces', () => {
    const { lead } = expectLead(
      parse({
        fieldValues: [
          { name: ' EMAIL ', value: 'jo@acme.com' },
          { name: '0-1/Phone', value: '+49 30 1234567' },
          { name: 'FirstName', value: 'Jo' },
          { name: 'Company_Name', value: 'Acme' },
        ],
      }),
    );
    assert.equal(lead.email, 'jo@acme.com');
    assert.equal(lead.firstName, 'Jo');
    assert.equal(lead.company, 'Acme');
    assert.equal(lead.phone, '+49 30 1234567');
    assert.deepEqual(lead.custom, {});
  });

  void it('uses a custom mapping, e.g. a form whose email field is "Work Email Address"', () => {
    const custom = FieldMappingSchema.parse({ email: ['Work Email Address'], company: ['Employer'] });
    const payload = {
      fieldValues: [
        { name: 'work email address', value: 'lee@umbrella.com' },
        { name: 'Employer', value: 'Umbrella' },
        { name: 'email', value: 'personal@gmail.com' },
      ],
    };
    const result = expectLead(parseLead(payload, { mapping: custom }));
    assert.equal(result.lead.email, 'lee@umbrella.com');
    assert.equal(result.lead.company, 'Umbrella');
    // `email` is not named by this mapping, so it is kept as a custom field.
    assert.deepEqual(result.lead.custom, { email: 'personal@gmail.com' });
    assert.equal(parse(payload).ok, true);
    assert.equal(expectLead(parse(payload)).lead.email, 'personal@gmail.com');
  });

  void it('prefers the earlier alias when two fields feed one Lead field, keeping the other in custom', () => {
    const { lead } = expectLead(parse({ work_email: 'b@acme.com', email: 'a@acme.com' }));
    assert.equal(lead.email, 'a@acme.com');
    assert.deepEqual(lead.custom, { work_email: 'b@acme.com' });
  });

  void it('keeps unmapped fields in custom under their trimmed name, joining multi-select values', () => {
    const { lead } = expectLead(
      parse({
        fieldValues: [
          { name: 'email', value: 'jo@acme.com' },
          { name: ' Preferred Product ', value: 'Analytics' },
          { name: 'interests', value: 'a' },
          { name: 'interests', value: 'b' },
          { name: 'empty_one', value: '  ' },
        ],
      }),
    );
    assert.deepEqual(lead.custom, { 'Preferred Product': 'Analytics', interests: 'a;b' });
  });

  void it('cleans values: trims, collapses spaces in names, empty becomes null', () => {
    const { lead } = expectLead(
      parse({
        email: 'jo@acme.com',
        firstname: '  Mary   Ann ',
        lastname: '   ',
        message: '  Line one\n\n  Line two  ',
      }),
    );
    assert.equal(lead.firstName, 'Mary Ann');
    assert.equal(lead.lastName, null);
    assert.equal(lead.message, 'Line one\n\n  Line two');
  });
});

void describe('parseLead: time zones', () => {
  const zoneOf = (value: string) =>
    expectLead(parse({ email: 'jo@acme.com', hs_timezone: value })).lead.timeZone;

  void it("maps HubSpot's hs_timezone values to IANA zones", () => {
    assert.equal(zoneOf('america_slash_new_york'), 'America/New_York');
    assert.equal(zoneOf('europe_slash_berlin'), 'Europe/Berlin');
    assert.equal(zoneOf('america_slash_los_angeles'), 'America/Los_Angeles');
    assert.equal(zoneOf('america_slash_argentina_slash_buenos_aires'), 'America/Argentina/Buenos_Aires');
  });

  void it('accepts IANA zones as given and fixes their capitals', () => {
    assert.equal(zoneOf('Europe/Paris'), 'Europe/Paris');
    assert.equal(zoneOf('america/chicago'), 'America/Chicago');
  });
});
