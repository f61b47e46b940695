import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSubmittedAt } from './parse-submitted-at.js';

void describe('parseSubmittedAt', () => {
  void it('reads epoch milliseconds, as a number or as digits', () => {
    assert.deepEqual(parseSubmittedAt(1709560000000), { ok: true, iso: '2024-03-04T13:46:40.000Z' });
    assert.deepEqual(parseSubmittedAt(' 1709560000000 '), { ok: true, iso: '2024-03-04T13:46:40.000Z' });
  });

  void it('reads ISO date-times with a zone, as UTC', () => {
    assert.deepEqual(parseSubmittedAt('2024-03-04T14:46:40+01:00'), {
      ok: true,
      iso: '2024-03-04T13:46:40.000Z',
    });
    assert.deepEqual(parseSubmittedAt('2024-03-04T13:46:40.5Z'), {
      ok: true,
      iso: '2024-03-04T13:46:40.500Z',
    });
  });

  void it('treats an absent or blank value as unknown', () => {
    for (const value of [undefined, null, '', '  '])
      assert.deepEqual(parseSubmittedAt(value), { ok: true, iso: null });
  });

  void it('refuses zone-less, impossible and non-time values', () => {
    // A zone-less time would depend on the server's zone; 30 February does not exist.
    for (const value of [
      '2024-03-04T13:46:40',
      '2024-02-30T10:00:00Z',
      'yesterday',
      '2024-03-04',
      -5,
      Number.NaN,
      1e20,
      true,
      {},
    ]) {
      assert.equal(parseSubmittedAt(value).ok, false, JSON.stringify(value));
    }
  });
});
