// Contract tests of the Gmail adapter's write side against the fake Gmail: threaded drafts (the
// raw message decoded and checked), reconciliation by idempotency key, labels and sending.
import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import type { CreateDraftInput, MailPort } from '../../domain/ports/mail.js';
import { createFakeGoogleAuth, createRecordingLimiter } from '../../../test/fake-servers/google/fake-google-auth.js';
import { parseRawMessage } from '../../../test/fake-servers/google/gmail-mime.js';
import { startFakeGoogle, type FakeGoogle } from '../../../test/fake-servers/google/start-fake-google.js';
import { createGmailMail } from './index.js';

const FROZEN_NOW = Date.parse('2026-11-24T15:00:00.000Z');
const JANE = 'jane@acme.example';
const ME = 'rep@ourco.example';

describe('Gmail adapter: drafts, labels, sending', () => {
  let fake: FakeGoogle;
  let mail: MailPort;
  const fakes: FakeGoogle[] = [];

  beforeEach(async () => {
    // A frozen clock: drafts seeded in one test share a creation time, so listing order is insertion order.
    fake = await startFakeGoogle({ userEmail: ME, pageSizeCap: 2, now: () => FROZEN_NOW });
    fakes.push(fake);
    mail = createGmailMail({ auth: createFakeGoogleAuth(fake), rootUrl: fake.url, userId: 'me', limiter: createRecordingLimiter(), tenantId: 't1' });
    fake.seed.thread({
      id: 't-lead',
      messages: [{ from: `Jane <${JANE}>`, to: [ME], subject: 'Prix café', sentAt: '2026-03-02T09:00:00Z', text: 'Hello', messageId: '<m1@acme.example>' }],
    });
  });
  after(async () => {
    for (const f of fakes) await f.close();
  });

  const reply = (overrides: Partial<CreateDraftInput> = {}): CreateDraftInput => ({
    to: JANE, subject: 'Re: Prix café', body: 'Hi Jane,\nThanks — here it is.\n', threadId: 't-lead',
    inReplyTo: '<m1@acme.example>', references: ['<m1@acme.example>'], idempotencyKey: 'run-1:create-gmail-draft', ...overrides,
  });

  const sentRaw = (): string => {
    const call = fake.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/drafts')).at(-1)!;
    return Buffer.from((call.body as { message: { raw: string } }).message.raw, 'base64url').toString('utf8');
  };

  it('creates a reply draft in the thread with the threading headers in its raw message', async () => {
    const ref = await mail.createDraft(reply());
    assert.equal(ref.threadId, 't-lead');
    const raw = sentRaw();
    const headerBlock = raw.split('\r\n\r\n')[0]!;
    assert.ok(!/[^\r]\n/.test(raw), 'every line ends with CRLF');
    const parsed = parseRawMessage(raw);
    const header = (name: string): string | undefined => parsed.headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
    assert.equal(header('To'), JANE);
    assert.equal(header('Subject'), 'Re: Prix café');
    assert.match(headerBlock, /^Subject: =\?UTF-8\?B\?/m);
    assert.equal(header('In-Reply-To'), '<m1@acme.example>');
    assert.equal(header('References'), '<m1@acme.example>');
    assert.equal(header('MIME-Version'), '1.0');
    assert.equal(header('Content-Type'), 'text/plain; charset="UTF-8"');
    assert.equal(header('Content-Transfer-Encoding'), 'base64');
    assert.equal(header('X-Sales-Agent-Key'), 'run-1:create-gmail-draft');
    assert.equal(parsed.text, 'Hi Jane,\r\nThanks — here it is.\r\n');
    assert.equal(fake.state.drafts.get(ref.draftId)!.threadingProblem, null);
  });

  it('fails loudly when Gmail puts the draft in a new thread', async () => {
    await assert.rejects(mail.createDraft(reply({ subject: 'Something else' })), (error: Error) => {
      assert.equal(error.name, 'PermanentError');
      assert.match(error.message, /not t-lead/);
      return true;
    });
  });

  it('classifies a 5xx on drafts.create as transient', async () => {
    fake.faults.failNext('POST /gmail/v1/users/me/drafts', { status: 500, body: { error: { code: 500, message: 'Backend Error', errors: [{ reason: 'backendError' }] } } });
    await assert.rejects(mail.createDraft(reply()), { name: 'TransientError' });
  });

  it('finds the draft carrying an idempotency key, and null when there is none', async () => {
    const ref = await mail.createDraft(reply());
    assert.deepEqual(await mail.findDraftByIdempotencyKey('run-1:create-gmail-draft'), ref);
    assert.equal(await mail.findDraftByIdempotencyKey('run-2:create-gmail-draft'), null);
  });

  it('finds a draft whose Message-ID Gmail replaced by paging through all drafts', async () => {
    // Same creation time for all: the fake lists them in insertion order, so k-old comes last.
    for (let i = 0; i < 5; i += 1) fake.seed.draft({ to: JANE, subject: `other ${i}`, body: 'y' });
    fake.seed.draft({ to: JANE, subject: 'old', body: 'x', headers: [{ name: 'X-Sales-Agent-Key', value: 'k-old' }] });
    const found = await mail.findDraftByIdempotencyKey('k-old');
    assert.ok(found !== null);
    const pages = fake.calls.filter((c) => c.path.endsWith('/drafts') && c.method === 'GET' && !c.query.has('q'));
    assert.ok(pages.length >= 3, 'six drafts at two per page means at least three pages');
    assert.ok(pages.slice(1).every((c) => c.query.has('pageToken')));
  });

  it('gets a label by name case-insensitively, or creates it', async () => {
    fake.seed.label({ id: 'Label_7', name: 'AI/Drafted' });
    assert.equal(await mail.ensureLabel('ai/drafted'), 'Label_7');
    assert.equal(fake.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/labels')).length, 0);
    const created = await mail.ensureLabel('Sales Agent/Drafted');
    assert.equal(fake.state.labels.get(created)!.name, 'Sales Agent/Drafted');
  });

  it('handles the 409 of a label created meanwhile by listing again', async () => {
    fake.seed.label({ id: 'Label_9', name: 'Sales Agent/Drafted' });
    fake.faults.failNext('GET /gmail/v1/users/me/labels', { status: 200, body: { labels: [{ id: 'INBOX', name: 'INBOX', type: 'system' }] } });
    assert.equal(await mail.ensureLabel('Sales Agent/Drafted'), 'Label_9');
    assert.deepEqual(fake.calls.filter((c) => c.path.endsWith('/labels')).map((c) => `${c.method} ${c.status}`), ['GET 200', 'POST 409', 'GET 200']);
  });

  it('applies a label by id to the thread and sends a draft', async () => {
    const labelId = await mail.ensureLabel('Sales Agent/Drafted');
    await mail.applyLabel('t-lead', labelId);
    const message = [...fake.state.messages.values()].find((m) => m.threadId === 't-lead')!;
    assert.ok(message.labelIds.includes(labelId));
    const draft = await mail.createDraft(reply());
    const sent = await mail.sendDraft(draft.draftId);
    assert.deepEqual(sent, { messageId: draft.messageId, threadId: 't-lead' });
    assert.equal(fake.state.drafts.has(draft.draftId), false);
    await assert.rejects(mail.sendDraft(draft.draftId), { name: 'PermanentError' });
  });
});
