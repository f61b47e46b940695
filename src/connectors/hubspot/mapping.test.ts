import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { normalizeDomain, toContactProperties, toCrmCompany, toCrmContact, toIanaZone } from './mapping.js';

const object = (properties: Record<string, string | null>) => ({
  id: '101',
  properties,
  createdAt: '2025-01-10T12:00:00.000Z',
  updatedAt: '2025-01-11T08:00:00.000Z',
});

describe('toIanaZone', () => {
  it("reads HubSpot's _slash_ encoding into canonical IANA names", () => {
    assert.equal(toIanaZone('america_slash_new_york'), 'America/New_York');
    assert.equal(toIanaZone('asia_slash_tokyo'), 'Asia/Tokyo');
    assert.equal(toIanaZone('america_slash_port_of_spain'), 'America/Port_of_Spain');
    assert.equal(toIanaZone('Europe/Berlin'), 'Europe/Berlin');
  });

  it('answers null for empty or unknown zones instead of guessing', () => {
    for (const value of [null, '', '  ', 'mars_slash_olympus_mons', 'eastern'])
      assert.equal(toIanaZone(value), null);
  });

  it('round-trips every zone the runtime knows when written the HubSpot way', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    fc.assert(
      fc.property(fc.constantFrom(...zones), (zone) => {
        const encoded = zone.toLowerCase().replaceAll('/', '_slash_');
        const back = toIanaZone(encoded);
        assert.ok(back !== null, `${encoded} did not map`);
        // Intl may answer a link name's canonical alias; both must be the same zone.
        const at = Date.UTC(2025, 6, 1);
        const offset = (z: string) =>
          new Intl.DateTimeFormat('en-US', { timeZone: z, timeZoneName: 'longOffset' }).format(at);
        assert.equal(offset(back), offset(zone));
      }),
    );
  });
});

describe('toCrmContact', () => {
  it('maps opt-out, blanks and the primary company, preferring the labelled association', () => {
    const contact = toCrmContact(
      {
        ...object({
          email: 'jane@acme.com',
          hs_email_optout: 'false',
          firstname: '',
          associatedcompanyid: '9',
        }),
        associations: {
          companies: {
            results: [
              { id: '7', type: 'contact_to_company_unlabeled' },
              { id: '8', type: 'contact_to_company' },
            ],
          },
        },
      },
      [],
    );
    assert.equal(contact.emailOptOut, false);
    assert.equal(contact.firstName, null);
    assert.equal(contact.companyId, '8');
    assert.equal(contact.createdAt, '2025-01-10T12:00:00.000Z');
  });

  it('falls back to associatedcompanyid and sorts submissions newest first', () => {
    const contact = toCrmContact(object({ email: 'a@b.co', associatedcompanyid: '9' }), [
      { formId: 'f', submissionId: 'a', submittedAt: '2025-01-01T00:00:00.000Z' },
      { formId: 'f', submissionId: 'b', submittedAt: '2025-02-01T00:00:00.000Z' },
    ]);
    assert.equal(contact.companyId, '9');
    assert.deepEqual(
      contact.recentSubmissions.map((s) => s.submissionId),
      ['b', 'a'],
    );
  });
});

describe('toCrmCompany', () => {
  it('reads the employee count as a number, or null when HubSpot has none', () => {
    assert.equal(toCrmCompany(object({ numberofemployees: '250' })).employees, 250);
    assert.equal(toCrmCompany(object({ numberofemployees: null })).employees, null);
  });
});

describe('toContactProperties', () => {
  it('sends only known values, with the email lower-cased', () => {
    assert.deepEqual(
      toContactProperties({
        email: ' Jane@Acme.COM ',
        firstName: 'Jane',
        lastName: null,
        company: ' ',
        jobTitle: 'CTO',
        phone: null,
      }),
      { email: 'jane@acme.com', firstname: 'Jane', jobtitle: 'CTO' },
    );
  });
});

describe('normalizeDomain', () => {
  it('strips scheme, www, a leading @ and a path', () => {
    for (const input of ['acme.com', 'WWW.Acme.com', '@acme.com', 'https://www.acme.com/about'])
      assert.equal(normalizeDomain(input), 'acme.com');
  });
});
