import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cloneRecord } from './clone-record.js';

test('cloneRecord copies plain data deeply, as structuredClone does', () => {
  const record = {
    id: 'c-1',
    name: null,
    tags: ['a', { deep: [1, 2] }],
    nested: { flag: true, missing: undefined },
  };
  const copy = cloneRecord(record);
  assert.deepStrictEqual(copy, structuredClone(record));
  assert.notEqual(copy.nested, record.nested);
  assert.notEqual(copy.tags[1], record.tags[1]);
  assert.ok('missing' in copy.nested);
});

test('cloneRecord hands values that are not plain data to structuredClone', () => {
  const at = new Date('2026-01-05T09:00:00Z');
  const copy = cloneRecord({ at, seen: new Set(['x']) });
  assert.ok(copy.at instanceof Date && copy.at !== at && copy.at.getTime() === at.getTime());
  assert.deepStrictEqual(copy.seen, new Set(['x']));
});

test('cloneRecord keeps an own "__proto__" key of parsed JSON as a field, never as the prototype', () => {
  const record = JSON.parse('{"__proto__": {"polluted": true}, "id": "c-2"}') as Record<string, unknown>;
  const copy = cloneRecord(record);
  assert.equal(Object.getPrototypeOf(copy), Object.prototype);
  assert.deepStrictEqual(Object.keys(copy), ['__proto__', 'id']);
  assert.equal((copy as { polluted?: unknown }).polluted, undefined);
  assert.deepStrictEqual(copy, structuredClone(record));
});
