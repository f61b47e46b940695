import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { openSecret, sealSecret } from './secret-box.js';

describe('secrets sealed at rest (AES-256-GCM)', () => {
  it('opens what it sealed, for any text, and never stores the plaintext', () => {
    const key = randomBytes(32);
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (secret) => {
        const sealed = sealSecret(key, 'google.refreshToken', secret);
        assert.notEqual(Buffer.from(sealed.ciphertext, 'base64').toString('utf8'), secret);
        assert.equal(openSecret(key, 'google.refreshToken', sealed), secret);
      }),
    );
  });

  it('refuses another key, another name, or an altered value', () => {
    const key = randomBytes(32);
    const sealed = sealSecret(key, 'google.refreshToken', '1//refresh-token-value');
    assert.equal(openSecret(randomBytes(32), 'google.refreshToken', sealed), null);
    assert.equal(openSecret(key, 'other.secret', sealed), null);
    const flipped = Buffer.from(sealed.ciphertext, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    assert.equal(openSecret(key, 'google.refreshToken', { ...sealed, ciphertext: flipped.toString('base64') }), null);
  });

  it('uses a fresh IV every time', () => {
    const key = randomBytes(32);
    assert.notEqual(sealSecret(key, 'n', 'same').iv, sealSecret(key, 'n', 'same').iv);
  });
});
