import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonClone, jsonParam, toIso } from './sql-rows.js';

describe('toIso', () => {
  it('turns PostgreSQL timestamptz text in any offset into the ISO instant in UTC', () => {
    assert.equal(toIso('2026-11-25 10:00:00+00'), '2026-11-25T10:00:00.000Z');
    assert.equal(toIso('2026-11-25 10:00:00.123456+00'), '2026-11-25T10:00:00.123Z');
    assert.equal(toIso('2026-11-25 05:00:00.5-05'), '2026-11-25T10:00:00.500Z');
    assert.equal(toIso('2026-11-25 15:30:00+05:30'), '2026-11-25T10:00:00.000Z');
    assert.equal(toIso(new Date('2026-11-25T10:00:00Z')), '2026-11-25T10:00:00.000Z');
  });

  it('refuses text that is not a timestamp instead of inventing one', () => {
    assert.throws(() => toIso('yesterday'), /unexpected timestamp/);
  });
});

describe('JSON values', () => {
  it('stores undefined as SQL NULL and reads every value back as its JSON form', () => {
    assert.equal(jsonParam(undefined), null);
    assert.equal(jsonParam(null), 'null');
    assert.equal(jsonClone(undefined), null);
    assert.deepEqual(jsonClone({ at: new Date('2026-11-25T10:00:00Z'), gone: undefined, n: [1, 'x'] }), {
      at: '2026-11-25T10:00:00.000Z',
      n: [1, 'x'],
    });
  });
});
