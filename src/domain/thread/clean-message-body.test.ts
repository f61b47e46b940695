import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanMessageBody } from './clean-message-body.js';

describe('cleanMessageBody', () => {
  it('drops the quoted reply after an "On ... wrote:" line', () => {
    const body =
      'Can we see pricing?\n\nOn Tue, Nov 10, 2026 at 9:00 AM Alex <alex@northwind.example> wrote:\n> Here is the guide.';
    assert.equal(cleanMessageBody(body), 'Can we see pricing?');
  });

  it('handles a reply header wrapped over two lines and Outlook headers', () => {
    assert.equal(
      cleanMessageBody('Sounds good.\nOn Tue, Nov 10, 2026 at 9:00 AM Alex Morgan\nwrote:\n> old'),
      'Sounds good.',
    );
    const outlook =
      'Yes please.\n\nFrom: Alex Morgan <alex@northwind.example>\nSent: Tuesday\nSubject: Hi\n\nOld text';
    assert.equal(cleanMessageBody(outlook), 'Yes please.');
  });

  it('drops lines quoted with ">"', () => {
    assert.equal(cleanMessageBody('> quoted?\nMy answer.'), 'My answer.');
  });

  it('drops a signature after "-- " and after a sign-off with a name', () => {
    assert.equal(cleanMessageBody('Is SSO included?\n-- \nJane Doe\nVP Ops'), 'Is SSO included?');
    assert.equal(
      cleanMessageBody('Is SSO included?\n\nThanks,\nJane\nVP Operations, Acme\n+1 555 0100'),
      'Is SSO included?',
    );
    assert.equal(cleanMessageBody('Is SSO included?\nBest, Jane'), 'Is SSO included?');
  });

  it('keeps a message that merely starts with thanks', () => {
    assert.equal(
      cleanMessageBody('Thanks, that helps. Can you send the deck?'),
      'Thanks, that helps. Can you send the deck?',
    );
  });

  it('keeps a sign-off followed by a long paragraph, which is not a signature', () => {
    const body =
      'Thanks!\nWe reviewed the proposal with the whole team and we would like to move ahead with a pilot next month.';
    assert.equal(cleanMessageBody(body), body);
  });
});
