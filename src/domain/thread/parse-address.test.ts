import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractAddress, extractDisplayName, extractFirstName } from './parse-address.js';

describe('parse-address', () => {
  it('extracts the lower-cased address with or without a display name', () => {
    assert.equal(extractAddress('Jane Doe <Jane.Doe@Acme.com>'), 'jane.doe@acme.com');
    assert.equal(extractAddress(' JANE@acme.com '), 'jane@acme.com');
    assert.equal(extractAddress('"Doe, Jane" <jane@acme.com>'), 'jane@acme.com');
  });

  it('extracts the display name and first name', () => {
    assert.equal(extractDisplayName('"Jane Doe" <jane@acme.com>'), 'Jane Doe');
    assert.equal(extractDisplayName('jane@acme.com'), null);
    assert.equal(extractFirstName('"Doe, Jane" <jane@acme.com>'), 'Jane');
    assert.equal(extractFirstName('Jane Doe <jane@acme.com>'), 'Jane');
    assert.equal(extractFirstName('"jane@acme.com" <jane@acme.com>'), null);
  });
});
