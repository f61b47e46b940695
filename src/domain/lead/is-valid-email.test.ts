import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidEmail } from './is-valid-email.js';

void describe('isValidEmail', () => {
  void it('accepts ordinary business addresses', () => {
    for (const address of [
      'jane@acme.com',
      'jane.doe+forms@mail.acme.co.uk',
      "o'brien@acme.ie",
      'x@xn--p1ai.xn--p1ai',
      'a-b@my-host.io',
    ]) {
      assert.equal(isValidEmail(address), true, address);
    }
  });

  void it('refuses what cannot be delivered to', () => {
    const refused = [
      'jane@@acme',
      'jane@acme',
      'jane',
      '@acme.com',
      'jane@',
      'ja ne@acme.com',
      'jane@acme..com',
      'jane..doe@acme.com',
      '.jane@acme.com',
      'jane.@acme.com',
      'jane@acme.c',
      'jane@acme.c0m',
      'jane@-acme.com',
      'jane@acme-.com',
      'jane@.acme.com',
      'jane@acme.com.',
      'a@b@acme.com',
      `${'a'.repeat(65)}@acme.com`,
    ];
    for (const address of refused) assert.equal(isValidEmail(address), false, address);
  });
});
