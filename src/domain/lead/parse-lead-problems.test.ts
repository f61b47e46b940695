import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { FieldMappingSchema } from '../settings.js';
import { isValidEmail } from './is-valid-email.js';
import { parseLead, type ParseLeadResult } from './parse-lead.js';

const mapping = FieldMappingSchema.parse({});
const parse = (payload: unknown): ParseLeadResult => parseLead(payload, { mapping });

function expectLead(result: ParseLeadResult) {
  if (!result.ok) assert.fail(`expected a lead, got problems: ${JSON.stringify(result.problems)}`);
  return result;
}

function expectProblems(result: ParseLeadResult) {
  if (result.ok) assert.fail(`expected problems, got a lead: ${JSON.stringify(result.lead)}`);
  return result.problems;
}

void describe('parseLead: problems', () => {
  void it('refuses what is not a JSON object', () => {
    for (const payload of [null, 'email=jo@acme.com', 42, [], [{ email: 'jo@acme.com' }], undefined]) {
      const problems = expectProblems(parse(payload));
      assert.equal(problems.length, 1);
      assert.equal(problems[0]!.field, '(root)');
      assert.match(problems[0]!.reason, /^expected a JSON object/);
    }
  });

  void it('says a Webhooks API event batch is not a lead', () => {
    const batch = [
      {
        eventId: 3816279480,
        subscriptionId: 22,
        portalId: 33,
        appId: 1160452,
        occurredAt: 1462216307945,
        subscriptionType: 'contact.creation',
        attemptNumber: 0,
        objectId: 1246978,
        changeSource: 'IMPORT',
      },
    ];
    const problems = expectProblems(parse(batch));
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.field, '(root)');
    assert.match(problems[0]!.reason, /Webhooks API event batch/);
  });

  void it('reports a missing email', () => {
    assert.deepEqual(expectProblems(parse({ firstname: 'Jo' })), [{ field: 'email', reason: 'missing' }]);
    assert.deepEqual(expectProblems(parse({ email: '   ' })), [{ field: 'email', reason: 'missing' }]);
  });

  void it('reports an invalid email, quoting it', () => {
    assert.deepEqual(expectProblems(parse({ email: 'jane@@acme' })), [
      { field: 'email', reason: 'not a valid address: "jane@@acme"' },
    ]);
  });

  void it('reports over-long names and messages instead of cutting them', () => {
    const problems = expectProblems(
      parse({
        email: 'jo@acme.com',
        firstname: 'a'.repeat(101),
        lastname: 'b'.repeat(100),
        message: 'm'.repeat(5001),
      }),
    );
    assert.deepEqual(problems, [
      { field: 'firstName', reason: 'longer than 100 characters (101)' },
      { field: 'message', reason: 'longer than 5000 characters (5001)' },
    ]);
  });

  void it('reports an unknown time zone and an unreadable submission time', () => {
    const problems = expectProblems(
      parse({ email: 'jo@acme.com', timezone: 'Mars/Olympus', submittedAt: 'yesterday' }),
    );
    assert.deepEqual(
      problems.map((p) => p.field),
      ['timeZone', 'submittedAt'],
    );
    assert.match(problems[0]!.reason, /"Mars\/Olympus"/);
    assert.match(problems[1]!.reason, /"yesterday"/);
  });

  void it('reports a mapped field that is not text, and malformed form fields', () => {
    const problems = expectProblems(
      parse({
        fieldValues: [
          { name: 'email', value: 'jo@acme.com' },
          { name: 'firstname', value: { first: 'Jo' } },
          { value: 'x' },
          'bad',
        ],
      }),
    );
    assert.deepEqual(
      problems.map((p) => p.field),
      ['fieldValues[2]', 'fieldValues[3]', 'firstName'],
    );
  });

  void it('reports fieldValues that is not an array', () => {
    const problems = expectProblems(parse({ formId: 'f', fieldValues: { email: 'jo@acme.com' } }));
    assert.deepEqual(
      problems.map((p) => p.field),
      ['fieldValues', 'email'],
    );
  });

  void it('lists every problem at once, not only the first', () => {
    const problems = expectProblems(
      parse({
        portalId: 62515,
        formId: { guid: 'x' },
        timestamp: 'soon',
        fieldValues: [
          { name: 'email', value: 'jane@@acme' },
          { name: 'lastname', value: 'x'.repeat(150) },
          { name: 'hs_timezone', value: 'mars_slash_olympus' },
        ],
      }),
    );
    assert.deepEqual(
      problems.map((p) => p.field),
      ['formId', 'email', 'lastName', 'timeZone', 'submittedAt'],
    );
  });
});

void describe('parseLead: never throws', () => {
  const assertSound = (result: ParseLeadResult) => {
    if (result.ok) {
      assert.ok(isValidEmail(result.lead.email), result.lead.email);
      assert.equal(result.lead.email, result.lead.email.toLowerCase());
    } else {
      assert.ok(result.problems.length >= 1);
    }
  };

  void it('answers arbitrary JSON with a lead with a valid email or at least one problem', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (payload) => assertSound(parse(payload))),
      { numRuns: 500 },
    );
  });

  void it('answers arbitrary lead-like payloads the same way', () => {
    const fieldName = fc.constantFrom(
      'email',
      'EMAIL ',
      'firstname',
      'hs_timezone',
      'message',
      'timestamp',
      'x',
    );
    const value = fc.oneof(
      fc.jsonValue(),
      fc.emailAddress(),
      fc.constantFrom('america_slash_new_york', '1709560000000'),
    );
    const payload = fc.oneof(
      fc.record({
        formId: fc.jsonValue(),
        timestamp: value,
        fieldValues: fc.array(fc.record({ name: fieldName, value })),
      }),
      fc.record({
        properties: fc.dictionary(fieldName, fc.oneof(value, fc.record({ value }))),
        'form-submissions': fc.jsonValue(),
      }),
      fc.record({
        conversionId: value,
        submittedAt: value,
        values: fc.array(fc.record({ name: fc.jsonValue(), value })),
      }),
      fc.record({
        email: value,
        firstName: value,
        custom: fc.jsonValue(),
        source: fc.jsonValue(),
        submittedAt: value,
      }),
      fc.dictionary(fieldName, value),
    );
    fc.assert(
      fc.property(payload, (input) => assertSound(parse(input))),
      { numRuns: 1000 },
    );
  });

  void it('accepts any RFC-valid address in every shape, lower-cased', () => {
    const shapes = [
      (email: string) => ({ fieldValues: [{ name: 'email', value: email }] }),
      (email: string) => ({ properties: { email: { value: email } } }),
      (email: string) => ({ values: [{ name: 'Email', value: email }] }),
      (email: string) => ({ email, firstName: 'Jo' }),
      (email: string) => ({ ' E-Mail ': ` ${email} ` }),
    ];
    fc.assert(
      fc.property(fc.emailAddress(), fc.constantFrom(...shapes), (email, build) => {
        assert.equal(expectLead(parse(build(email))).lead.email, email.toLowerCase());
      }),
      { numRuns: 500 },
    );
  });
});
