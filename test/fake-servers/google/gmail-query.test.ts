// Tests of the fake's Gmail search grammar: the fake is only useful if it matches like Gmail.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFakeGoogleState } from './fake-google-state.js';
import { searchMessages } from './fake-gmail-format.js';
import { seedThread } from './fake-gmail-store.js';

function mailbox() {
  const state = createFakeGoogleState('rep@ourco.example');
  const seed = (id: string, from: string, cc: string[], sentAt: string, labelIds?: string[]): void =>
    void seedThread(state, { id, messages: [{ id, from, to: ['rep@ourco.example'], cc, subject: `About ${id}`, sentAt, text: `text ${id}`, ...(labelIds ? { labelIds } : {}) }] });
  seed('a', 'Jane <jane@acme.example>', [], '2026-03-02T10:00:00Z');
  seed('b', 'bob@acme.example', ['jane@acme.example'], '2026-03-03T10:00:00Z');
  seed('c', 'jane@acme.example', [], '2026-02-01T10:00:00Z');
  seed('d', 'xjane@acme.example', [], '2026-03-04T10:00:00Z', ['SPAM']);
  return state;
}

const ids = (q: string): string[] => searchMessages(mailbox(), q, false, Date.parse('2026-03-05T00:00:00Z')).map((m) => m.id);

describe('fake Gmail search', () => {
  it('matches addresses exactly, groups, OR and after: dates, newest first', () => {
    assert.deepEqual(ids('(from:jane@acme.example OR cc:jane@acme.example) after:2026/03/01'), ['b', 'a']);
    assert.deepEqual(ids('from:jane@acme.example'), ['a', 'c']);
    assert.deepEqual(ids(`from:jane@acme.example after:${Date.parse('2026-03-02T10:00:00Z') / 1000}`), ['a']);
  });

  it('excludes spam unless asked, and supports negation, {} groups and rfc822msgid', () => {
    assert.deepEqual(ids('from:xjane@acme.example'), []);
    assert.deepEqual(ids('from:xjane@acme.example in:anywhere'), ['d']);
    assert.deepEqual(ids('-from:jane@acme.example {cc:jane@acme.example from:bob}'), ['b']);
    assert.deepEqual(ids('rfc822msgid:a@mail.fake'), ['a']);
  });

  it('rejects an operator it does not know instead of matching loosely', () => {
    assert.throws(() => ids('form:jane@acme.example'), /unsupported search operator/);
  });
});
