// Contract tests of the Gmail adapter's read side against the fake Gmail: search with paging and
// newest-first order, thread bodies from nested MIME, stop-on-reply, and error classification.
import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import type { MailPort } from '../../domain/ports/mail.js';
import { createFakeGoogleAuth, createRecordingLimiter, type RecordingLimiter } from '../../../test/fake-servers/google/fake-google-auth.js';
import { startFakeGoogle, type FakeGoogle } from '../../../test/fake-servers/google/start-fake-google.js';
import { createGmailMail } from './index.js';

const JANE = 'jane@acme.example';
const ME = 'rep@ourco.example';
const SINCE = '2026-03-01T00:00:00.000Z';

describe('Gmail adapter: reading', () => {
  let fake: FakeGoogle;
  let mail: MailPort;
  let limiter: RecordingLimiter;
  const fakes: FakeGoogle[] = [];

  beforeEach(async () => {
    fake = await startFakeGoogle({ userEmail: ME, pageSizeCap: 2 });
    fakes.push(fake);
    limiter = createRecordingLimiter();
    mail = createGmailMail({ auth: createFakeGoogleAuth(fake), rootUrl: fake.url, userId: 'me', limiter, tenantId: 't1' });
  });
  after(async () => {
    for (const f of fakes) await f.close();
  });

  const seed = (id: string, from: string, to: string, sentAt: string, cc: string[] = []): void =>
    void fake.seed.thread({ id, messages: [{ from, to: [to], cc, subject: `Subject ${id}`, sentAt, text: `Body ${id}` }] });

  it('finds threads from, to or cc the address since the instant, newest first, across pages', async () => {
    seed('t-old', JANE, ME, '2026-02-20T10:00:00Z');
    seed('t-from', JANE, ME, '2026-03-05T10:00:00Z');
    seed('t-to', ME, `Jane <${JANE}>`, '2026-03-03T10:00:00Z');
    seed('t-cc', 'boss@acme.example', ME, '2026-03-04T10:00:00Z', [JANE]);
    seed('t-other', 'bob@acme.example', ME, '2026-03-06T10:00:00Z');
    seed('t-edge', JANE, ME, '2026-02-28T23:00:00Z');
    const refs = await mail.searchThreads({ email: JANE, since: SINCE, maxResults: 10 });
    assert.deepEqual(refs.map((r) => r.id), ['t-from', 't-cc', 't-to']);
    assert.equal(refs[0]!.lastMessageAt, '2026-03-05T10:00:00.000Z');
    const lists = fake.calls.filter((c) => c.path.endsWith('/threads'));
    assert.ok(lists.length >= 2, 'the fake caps pages at 2, so the adapter must page');
    assert.match(lists[0]!.query.get('q')!, /^\(from:jane@acme\.example OR to:jane@acme\.example OR cc:jane@acme\.example\) after:\d{4}\/\d{2}\/\d{2}$/);
    assert.ok(limiter.keys.every((k) => k === 'gmail:t1:me'));
  });

  it('stops paging at maxResults', async () => {
    for (let i = 1; i <= 6; i += 1) seed(`t-${i}`, JANE, ME, `2026-03-0${i}T10:00:00Z`);
    const refs = await mail.searchThreads({ email: JANE, since: SINCE, maxResults: 3 });
    assert.deepEqual(refs.map((r) => r.id), ['t-6', 't-5', 't-4']);
  });

  it('reads a thread: nested multipart, any header casing, padded base64url, html-only fallback', async () => {
    fake.seed.thread({
      id: 't-mime',
      messages: [
        {
          from: `Jane Doe <${JANE}>`, to: [`"Rep, Our" <${ME}>`, 'ops@ourco.example'], subject: 'Pricing question', sentAt: '2026-03-02T09:00:00Z',
          text: 'We need 40 seats — café budget.', html: '<div>ignored</div>', attachment: { filename: 'rfp.pdf', mimeType: 'application/pdf', content: 'PDF' },
          padBodies: true, headers: [{ name: 'message-id', value: '<CAF=abc@mail.gmail.com>' }],
        },
        { from: ME, to: [JANE], subject: 'Re: Pricing question', sentAt: '2026-03-02T10:00:00Z', html: '<p>Hi&nbsp;Jane,</p><p>Sure &amp; soon.<br>Rep</p>' },
      ],
    });
    const thread = await mail.getThread('t-mime');
    assert.equal(thread.subject, 'Pricing question');
    const [first, second] = thread.messages;
    assert.equal(first!.body, 'We need 40 seats — café budget.');
    assert.equal(first!.messageIdHeader, '<CAF=abc@mail.gmail.com>');
    assert.deepEqual(first!.to, [`"Rep, Our" <${ME}>`, 'ops@ourco.example']);
    assert.equal(first!.sentAt, '2026-03-02T09:00:00.000Z');
    assert.equal(second!.body, 'Hi Jane,\nSure & soon.\nRep');
    assert.deepEqual(thread.labelIds.sort(), ['INBOX', 'SENT']);
    assert.equal(fake.calls.find((c) => c.path.endsWith('/threads/t-mime'))!.query.get('format'), 'full');
  });

  it('sees a reply from the address only when it is newer than the instant', async () => {
    seed('t-a', JANE, ME, '2026-03-01T00:00:00Z');
    seed('t-b', ME, JANE, '2026-03-02T00:00:00Z');
    assert.equal(await mail.hasInboundSince(JANE, SINCE), false);
    seed('t-c', `Jane <${JANE}>`, ME, '2026-03-01T00:00:01Z');
    assert.equal(await mail.hasInboundSince(JANE, SINCE), true);
    const q = fake.calls.find((c) => c.path.endsWith('/messages'))!.query.get('q');
    assert.equal(q, `from:${JANE} after:${Date.parse(SINCE) / 1000}`);
  });

  it('turns a 429 with Retry-After into RateLimitedError without retrying', async () => {
    seed('t-1', JANE, ME, '2026-03-02T10:00:00Z');
    fake.faults.failNext('/threads/t-1', {
      status: 429,
      headers: { 'retry-after': '3' },
      body: { error: { code: 429, message: 'Too many concurrent requests for user.', errors: [{ message: 'Too many concurrent requests for user.', domain: 'global', reason: 'rateLimitExceeded' }], status: 'RESOURCE_EXHAUSTED' } },
    });
    await assert.rejects(mail.getThread('t-1'), (error: Error & { retryAfterMs?: number }) => {
      assert.equal(error.name, 'RateLimitedError');
      assert.equal(error.retryAfterMs, 3000);
      assert.match(error.message, /Gmail threads\.get for t-1/);
      return true;
    });
    assert.equal(fake.calls.filter((c) => c.path.endsWith('/threads/t-1')).length, 1);
  });

  it('turns 5xx and a dropped connection into TransientError', async () => {
    fake.faults.failNext('/messages', { status: 503, body: { error: { code: 503, message: 'Backend Error', errors: [{ reason: 'backendError' }] } } });
    await assert.rejects(mail.hasInboundSince(JANE, SINCE), { name: 'TransientError' });
    fake.faults.failNext('/threads', { network: true });
    await assert.rejects(mail.searchThreads({ email: JANE, since: SINCE, maxResults: 5 }), { name: 'TransientError' });
  });

  it('refreshes an expired access token with exactly one token call', async () => {
    seed('t-1', JANE, ME, '2026-03-02T10:00:00Z');
    await mail.getThread('t-1');
    const tokenCalls = (): number => fake.calls.filter((c) => c.path === '/token').length;
    const before = tokenCalls();
    fake.expireAccessTokens();
    assert.equal((await mail.getThread('t-1')).id, 't-1');
    assert.equal(tokenCalls() - before, 1);
  });

  it('needs re-auth when the refresh token is revoked', async () => {
    fake.revokeRefreshToken('rt-test');
    await assert.rejects(mail.getThread('t-x'), { name: 'NeedsReauthError' });
  });

  it('refuses an address that would change the search query', async () => {
    await assert.rejects(mail.searchThreads({ email: 'x OR in:anywhere', since: SINCE, maxResults: 5 }), { name: 'PermanentError' });
  });
});
