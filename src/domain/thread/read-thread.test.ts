import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MailMessage, MailThread } from '../ports/mail.js';
import { pickLatestThread, readThread } from './read-thread.js';

const CTX = {
  prospectEmail: 'jane@acme.com',
  ourAddresses: ['alex@northwind.example'],
  now: '2026-11-21T12:00:00Z',
};

function message(
  over: Partial<MailMessage> & Pick<MailMessage, 'id' | 'from' | 'sentAt' | 'body'>,
): MailMessage {
  return {
    messageIdHeader: `<${over.id}@mail>`,
    to: [],
    cc: [],
    subject: 'Re: Northwind',
    labelIds: [],
    ...over,
  };
}

function thread(messages: MailMessage[]): MailThread {
  return { id: 't1', subject: 'Northwind for Acme', messages, labelIds: [] };
}

const OURS = message({
  id: 'm2',
  from: 'Alex Morgan <Alex@Northwind.example>',
  sentAt: '2026-11-12T14:00:00Z',
  body: 'Here is the onboarding guide.\n\nBest,\nAlex',
});
const THEIRS_FIRST = message({
  id: 'm1',
  from: 'Jane Doe <jane@acme.com>',
  sentAt: '2026-11-10T09:00:00Z',
  body: 'Hello, interested in a demo.',
});
const THEIRS_LAST = message({
  id: 'm3',
  from: 'Jane Doe <JANE@acme.com>',
  sentAt: '2026-11-20T09:30:00Z',
  body: 'Thanks. We are 40 seats. Could you send SSO pricing.\nWe need it by Friday.\n\nOn Nov 12 Alex wrote:\n> Here is the onboarding guide. What about pricing?',
});

describe('readThread', () => {
  it('sees that the prospect wrote last and keeps their unanswered question', () => {
    const insight = readThread(thread([THEIRS_FIRST, OURS, THEIRS_LAST]), CTX);
    assert.equal(insight.lastSpeaker, 'prospect');
    assert.equal(insight.unansweredQuestion, 'Could you send SSO pricing.');
    assert.equal(insight.lastMessageAt, '2026-11-20T09:30:00Z');
    assert.equal(insight.messageCount, 3);
  });

  it('gives the reply headers: every Message-ID oldest first and the newest one', () => {
    const insight = readThread(thread([THEIRS_FIRST, OURS, THEIRS_LAST]), CTX);
    assert.deepEqual(insight.references, ['<m1@mail>', '<m2@mail>', '<m3@mail>']);
    assert.equal(insight.lastMessageIdHeader, '<m3@mail>');
  });

  it('sorts messages by time even when they arrive out of order', () => {
    const insight = readThread(thread([THEIRS_LAST, THEIRS_FIRST, OURS]), CTX);
    assert.deepEqual(insight.references, ['<m1@mail>', '<m2@mail>', '<m3@mail>']);
    assert.equal(insight.lastSpeaker, 'prospect');
  });

  it('writes a plain summary of who said what and when, without dashes', () => {
    const insight = readThread(thread([THEIRS_FIRST, OURS, THEIRS_LAST]), CTX);
    assert.equal(
      insight.summary,
      'Jane wrote on Nov 20 asking about seats, security and pricing. We last replied on Nov 12 about onboarding. ' +
        'The thread "Northwind for Acme" has 3 messages since Nov 10.',
    );
    assert.doesNotMatch(insight.summary, /[\u2013\u2014]/);
  });

  it('reads topics and urgency from the latest messages, not from quoted history', () => {
    const insight = readThread(thread([THEIRS_FIRST, OURS, THEIRS_LAST]), CTX);
    assert.deepEqual(insight.topics, ['seats', 'security', 'pricing', 'onboarding', 'demo']);
    assert.deepEqual(insight.urgency, { level: 'high', signals: ['by a named day'] });
  });

  it('has no unanswered question when we wrote last', () => {
    const insight = readThread(thread([THEIRS_FIRST, OURS]), CTX);
    assert.equal(insight.lastSpeaker, 'us');
    assert.equal(insight.unansweredQuestion, null);
    assert.match(
      insight.summary,
      /^We wrote on Nov 12 about onboarding\. Jane last wrote on Nov 10 about demo\.$/,
    );
  });

  it('counts Gmail SENT messages and colleagues on our domain as ours', () => {
    const sent = message({
      id: 'x',
      from: 'alias@other.example',
      sentAt: '2026-11-19T09:00:00Z',
      body: 'Hi',
      labelIds: ['SENT'],
    });
    const colleague = message({
      id: 'y',
      from: 'Sam <sam@northwind.example>',
      sentAt: '2026-11-19T10:00:00Z',
      body: 'Hi',
    });
    assert.equal(readThread(thread([THEIRS_FIRST, sent]), CTX).lastSpeaker, 'us');
    assert.equal(readThread(thread([THEIRS_FIRST, colleague]), CTX).lastSpeaker, 'us');
  });

  it('gives no question when the prospect wrote last without asking one', () => {
    const statement = message({
      id: 's',
      from: 'jane@acme.com',
      sentAt: '2026-11-14T09:00:00Z',
      body: 'Would love a demo.',
    });
    const insight = readThread(thread([OURS, statement]), CTX);
    assert.equal(insight.lastSpeaker, 'prospect');
    assert.equal(insight.unansweredQuestion, null);
    assert.equal(
      insight.summary,
      'The prospect wrote on Nov 14 about demo. We last replied on Nov 12 about onboarding.',
    );
  });

  it('quotes the question when it names no known topic', () => {
    const only = message({
      id: 'q',
      from: 'jane@acme.com',
      sentAt: '2026-11-20T09:00:00Z',
      body: 'Who should I talk to?',
    });
    const insight = readThread(thread([only]), CTX);
    assert.equal(
      insight.summary,
      'The prospect wrote on Nov 20 with a question: "Who should I talk to?". We have not replied in this thread.',
    );
  });

  it('marks an old thread as low urgency', () => {
    const old = message({
      id: 'o',
      from: 'jane@acme.com',
      sentAt: '2025-06-01T09:00:00Z',
      body: 'Urgent: pricing?',
    });
    const insight = readThread(thread([old]), CTX);
    assert.equal(insight.urgency.level, 'low');
    assert.match(insight.summary, /Jun 1, 2025/);
  });
});

describe('pickLatestThread', () => {
  it('picks the thread with the newest message', () => {
    const a = { id: 'a', snippet: '', lastMessageAt: '2026-11-01T00:00:00Z' };
    const b = { id: 'b', snippet: '', lastMessageAt: '2026-11-03T00:00:00Z' };
    const c = { id: 'c', snippet: '', lastMessageAt: '2026-11-02T00:00:00Z' };
    assert.equal(pickLatestThread([a, b, c])?.id, 'b');
  });

  it('gives null for no threads', () => {
    assert.equal(pickLatestThread([]), null);
  });
});

void describe('readThread and unsent drafts', () => {
  void it('ignores a DRAFT message: the prospect still spoke last and their question is still open', () => {
    const thread = {
      id: 't1',
      subject: 'Pricing',
      labelIds: [],
      messages: [
        { id: 'm1', messageIdHeader: '<m1@x>', from: 'Jane <jane@acme.example>', to: ['alex@northwind.example'], cc: [], subject: 'Pricing', sentAt: '2026-11-20T10:00:00.000Z', body: 'How much is it for 40 seats?', labelIds: ['INBOX'] },
        { id: 'm2', messageIdHeader: '<m2@x>', from: 'alex@northwind.example', to: ['jane@acme.example'], cc: [], subject: 'Re: Pricing', sentAt: '2026-11-21T10:00:00.000Z', body: 'Draft reply', labelIds: ['DRAFT'] },
      ],
    };
    const insight = readThread(thread, { prospectEmail: 'jane@acme.example', ourAddresses: ['alex@northwind.example'], now: '2026-11-24T10:00:00.000Z' });
    assert.equal(insight.lastSpeaker, 'prospect');
    assert.equal(insight.messageCount, 1);
    assert.equal(insight.lastMessageIdHeader, '<m1@x>');
    assert.match(insight.unansweredQuestion ?? '', /40 seats/);
  });
});
