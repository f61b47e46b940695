import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SendingSettingsSchema } from '../settings.js';
import type { SendFacts } from './check-send.js';
import { checkSend, isSuppressed } from './check-send.js';

const ok: SendFacts = {
  sending: SendingSettingsSchema.parse({ mode: 'SEND' }),
  globalKillSwitch: false,
  draftState: 'approved',
  to: 'jane@acme.example',
  prospectRepliedSinceDraft: false,
  suppressed: false,
  unsubscribed: false,
  sentTodayFromMailbox: 0,
  sentToContactInWindow: 0,
};

describe('checkSend', () => {
  it('allows an approved draft in SEND mode when every check holds', () => {
    assert.deepEqual(checkSend(ok), { ok: true });
  });

  const cases: [string, Partial<SendFacts>][] = [
    ['draft-only-mode', { sending: SendingSettingsSchema.parse({}) }],
    ['kill-switch', { globalKillSwitch: true }],
    ['kill-switch', { sending: SendingSettingsSchema.parse({ mode: 'SEND', killSwitch: true }) }],
    ['not-approved', { draftState: 'pending' }],
    ['not-approved', { draftState: 'sent' }],
    ['prospect-replied', { prospectRepliedSinceDraft: true }],
    ['suppressed', { suppressed: true }],
    ['unsubscribed', { unsubscribed: true }],
    ['daily-cap', { sentTodayFromMailbox: 200 }],
    ['contact-cap', { sentToContactInWindow: 1 }],
  ];
  for (const [check, change] of cases) {
    it(`refuses with ${check} when ${Object.keys(change).join(', ')} says so`, () => {
      const decision = checkSend({ ...ok, ...change });
      assert.equal(decision.ok, false);
      assert.equal(!decision.ok && decision.check, check);
      assert.ok(!decision.ok && decision.message.length > 10);
    });
  }

  it('puts the kill switch before the mode, so a stopped tenant reads as stopped', () => {
    const decision = checkSend({ ...ok, sending: SendingSettingsSchema.parse({ killSwitch: true }) });
    assert.equal(!decision.ok && decision.check, 'kill-switch');
  });

  it('counts caps with the configured limits', () => {
    const sending = SendingSettingsSchema.parse({ mode: 'SEND', dailyCapPerMailbox: 5, perContactCap: 2 });
    assert.equal(checkSend({ ...ok, sending, sentTodayFromMailbox: 4, sentToContactInWindow: 1 }).ok, true);
    assert.equal(checkSend({ ...ok, sending, sentTodayFromMailbox: 5 }).ok, false);
    assert.equal(checkSend({ ...ok, sending, sentToContactInWindow: 2 }).ok, false);
  });
});

describe('isSuppressed', () => {
  it('matches addresses exactly and domains with their subdomains, ignoring case', () => {
    const list = ['Legal@BigBank.example', '@competitor.example', 'spam.example'];
    assert.equal(isSuppressed('legal@bigbank.example', list), true);
    assert.equal(isSuppressed('other@bigbank.example', list), false);
    assert.equal(isSuppressed('x@competitor.example', list), true);
    assert.equal(isSuppressed('x@eu.competitor.example', list), true);
    assert.equal(isSuppressed('x@notcompetitor.example', list), false);
    assert.equal(isSuppressed('x@spam.example', list), true);
  });
});
