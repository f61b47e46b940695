import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../domain/errors.js';
import type { CreateDraftInput, MailThread } from '../../domain/ports/mail.js';
import { createDemoConnectors, type DemoConnectors } from './index.js';
import { loadExampleWorkspace } from './test-workspace.js';

const NOW = '2026-11-24T16:02:00.000Z';
const PRIYA = 'priya@helixhealth.example';
const SSO_THREAD = '18c8b1e4a7f05d92';
const INTRO_THREAD = '18a6f2c0d41b9e37';
const LEDGERLINE_THREAD = '18c5d7e9f1a23b40';

async function demo(): Promise<DemoConnectors> {
  return createDemoConnectors(await loadExampleWorkspace(), { clock: () => NOW });
}

function replyTo(thread: MailThread, overrides: Partial<CreateDraftInput> = {}): CreateDraftInput {
  const headers = thread.messages.flatMap((m) => (m.messageIdHeader === null ? [] : [m.messageIdHeader]));
  return {
    to: PRIYA,
    subject: `Re: ${thread.subject}`,
    body: 'Hi Priya, yes: we support SAML SSO with Okta.',
    threadId: thread.id,
    inReplyTo: headers[headers.length - 1] ?? null,
    references: headers,
    idempotencyKey: 'run-1:create-gmail-draft',
    ...overrides,
  };
}

const notFound = (id: string) => (e: unknown) =>
  e instanceof AppError && e.code === 'not-found' && e.message.includes(id);

describe('FakeMail.searchThreads', () => {
  it('finds threads in both directions, newest first, whatever the address case', async () => {
    const { mail } = await demo();
    const refs = await mail.searchThreads({
      email: 'PRIYA@HelixHealth.example',
      since: '2026-01-01T00:00:00Z',
      maxResults: 10,
    });
    assert.deepEqual(
      refs.map((r) => r.id),
      [SSO_THREAD, INTRO_THREAD],
    );
    assert.equal(refs[0]?.lastMessageAt, '2026-11-20T09:12:00-06:00');
    assert.match(refs[0]?.snippet ?? '', /^Hi Alex, Thanks for the recap/);
  });

  it('finds a thread where the person was only copied, and one where we wrote to them', async () => {
    const { mail } = await demo();
    const owen = await mail.searchThreads({
      email: 'owen.park@helixhealth.example',
      since: '2026-01-01T00:00:00Z',
      maxResults: 10,
    });
    assert.deepEqual(
      owen.map((r) => r.id),
      [SSO_THREAD],
    );
    // Only Alex's outbound message (to Sam) exists in this thread.
    const sam = await mail.searchThreads({
      email: 'sam.okafor@bluewater-logistics.example',
      since: '2026-01-01T00:00:00Z',
      maxResults: 10,
    });
    assert.equal(sam.length, 1);
  });

  it('needs a message involving the person on or after `since`, and honours maxResults', async () => {
    const { mail } = await demo();
    const recent = await mail.searchThreads({ email: PRIYA, since: '2026-10-01T00:00:00Z', maxResults: 10 });
    assert.deepEqual(
      recent.map((r) => r.id),
      [SSO_THREAD],
    );
    const exact = await mail.searchThreads({ email: PRIYA, since: '2026-11-20T15:12:00Z', maxResults: 10 });
    assert.deepEqual(
      exact.map((r) => r.id),
      [SSO_THREAD],
      'a message exactly at `since` counts',
    );
    assert.deepEqual(
      await mail.searchThreads({ email: PRIYA, since: '2026-11-21T00:00:00Z', maxResults: 10 }),
      [],
    );
    const one = await mail.searchThreads({ email: PRIYA, since: '2026-01-01T00:00:00Z', maxResults: 1 });
    assert.deepEqual(
      one.map((r) => r.id),
      [SSO_THREAD],
    );
  });
});

describe('FakeMail.getThread', () => {
  it('returns the messages oldest first with Gmail-style subjects and labels', async () => {
    const { mail } = await demo();
    const thread = await mail.getThread(LEDGERLINE_THREAD);
    assert.equal(thread.messages.length, 4);
    assert.deepEqual(
      thread.messages.map((m) => Date.parse(m.sentAt)),
      [...thread.messages.map((m) => Date.parse(m.sentAt))].sort((a, b) => a - b),
    );
    assert.equal(thread.messages[0]?.subject, 'Ledgerline pilot scope');
    assert.equal(thread.messages[1]?.subject, 'Re: Ledgerline pilot scope');
    assert.deepEqual(
      thread.messages[3]?.labelIds,
      ['SENT'],
      'our message without labels in the fixture is SENT',
    );
    assert.deepEqual(thread.messages[0]?.labelIds, ['INBOX']);
    assert.ok(thread.labelIds.includes('Label_8'));
  });

  it('names the id of a thread that does not exist', async () => {
    const { mail } = await demo();
    await assert.rejects(mail.getThread('18ffffffffffffff'), notFound('18ffffffffffffff'));
  });
});

describe('FakeMail.createDraft threading', () => {
  it('keeps a correct reply in its thread and stores every header', async () => {
    const { mail, log } = await demo();
    const thread = await mail.getThread(SSO_THREAD);
    const input = replyTo(thread);
    const ref = await mail.createDraft(input);
    assert.equal(ref.threadId, SSO_THREAD);
    const [draft] = mail.listDrafts();
    assert.equal(draft?.threadingProblem, null);
    assert.equal(draft?.inReplyTo, input.inReplyTo);
    assert.deepEqual(draft?.references, input.references);
    assert.equal(draft?.idempotencyKey, 'run-1:create-gmail-draft');
    assert.deepEqual(await mail.findDraftByIdempotencyKey('run-1:create-gmail-draft'), ref);
    const after = await mail.getThread(SSO_THREAD);
    assert.deepEqual(
      after.messages[after.messages.length - 1]?.labelIds,
      ['DRAFT'],
      'Gmail shows a draft inside its thread',
    );
    assert.deepEqual(
      log.writes('mail', 'createDraft').map((w) => w.idempotencyKey),
      ['run-1:create-gmail-draft'],
    );
  });

  it('starts a new thread when the subject does not match, as Gmail silently does', async () => {
    const { mail } = await demo();
    const thread = await mail.getThread(SSO_THREAD);
    const ref = await mail.createDraft(replyTo(thread, { subject: 'Your SSO question' }));
    assert.notEqual(ref.threadId, SSO_THREAD);
    assert.match(mail.listDrafts()[0]?.threadingProblem ?? '', /subject "Your SSO question" does not match/);
    assert.equal((await mail.getThread(ref.threadId)).messages.length, 1);
  });

  it('ignores "Re:" prefixes and case when comparing subjects', async () => {
    const { mail } = await demo();
    const thread = await mail.getThread(SSO_THREAD);
    const ref = await mail.createDraft(
      replyTo(thread, { subject: 'RE: re: forecasting overview and next steps' }),
    );
    assert.equal(ref.threadId, SSO_THREAD);
  });

  it('starts a new thread when In-Reply-To is missing or not in the thread', async () => {
    const { mail } = await demo();
    const thread = await mail.getThread(SSO_THREAD);
    const noHeader = await mail.createDraft(replyTo(thread, { inReplyTo: null, idempotencyKey: 'a' }));
    const wrongHeader = await mail.createDraft(
      replyTo(thread, { inReplyTo: '<CAH7nW3q8Lr2vT0k@mail.gmail.com>', idempotencyKey: 'b' }),
    );
    assert.notEqual(noHeader.threadId, SSO_THREAD);
    assert.notEqual(wrongHeader.threadId, SSO_THREAD);
    assert.notEqual(noHeader.threadId, wrongHeader.threadId);
  });

  it('refuses a thread id that does not exist and records no write', async () => {
    const { mail, log } = await demo();
    const thread = await mail.getThread(SSO_THREAD);
    await assert.rejects(
      mail.createDraft(replyTo(thread, { threadId: '18c0000000000000' })),
      notFound('18c0000000000000'),
    );
    assert.equal(log.writes('mail').length, 0);
  });

  it('makes a second draft when called twice, like Gmail, so double creation is visible', async () => {
    const { mail, log } = await demo();
    const thread = await mail.getThread(SSO_THREAD);
    await mail.createDraft(replyTo(thread));
    await mail.createDraft(replyTo(thread));
    assert.equal(mail.listDrafts().length, 2);
    assert.equal(log.writes('mail', 'createDraft').length, 2);
  });
});

describe('FakeMail labels', () => {
  it('gets or creates a label by name, ignoring case, and creates it once', async () => {
    const { mail, log } = await demo();
    const id = await mail.ensureLabel('Sales Agent/Drafted');
    assert.equal(await mail.ensureLabel('sales agent/drafted'), id);
    assert.equal(await mail.ensureLabel('PIPELINE/ACTIVE'), 'Label_8');
    assert.equal(await mail.ensureLabel('inbox'), 'INBOX');
    assert.equal(log.writes('mail', 'ensureLabel').length, 1);
  });

  it('applies a label by id to an existing thread, once however often it is applied', async () => {
    const { mail } = await demo();
    const id = await mail.ensureLabel('Sales Agent/Drafted');
    await mail.applyLabel(SSO_THREAD, id);
    await mail.applyLabel(SSO_THREAD, id);
    const labels = (await mail.getThread(SSO_THREAD)).labelIds;
    assert.equal(labels.filter((l) => l === id).length, 1);
  });

  it('refuses a label name where an id belongs, and an unknown thread', async () => {
    const { mail } = await demo();
    const id = await mail.ensureLabel('Sales Agent/Drafted');
    await assert.rejects(mail.applyLabel(SSO_THREAD, 'Sales Agent/Drafted'), notFound('Sales Agent/Drafted'));
    await assert.rejects(mail.applyLabel('18c0000000000000', id), notFound('18c0000000000000'));
  });
});

describe('FakeMail sending and replies', () => {
  it('sends a draft: the draft is gone, the message is SENT in its thread', async () => {
    const { mail, log } = await demo();
    const thread = await mail.getThread(SSO_THREAD);
    const ref = await mail.createDraft(replyTo(thread));
    assert.deepEqual(await mail.sendDraft(ref.draftId), { messageId: ref.messageId, threadId: SSO_THREAD });
    assert.equal(await mail.findDraftByIdempotencyKey('run-1:create-gmail-draft'), null);
    assert.equal(mail.listSent().length, 1);
    const sent = (await mail.getThread(SSO_THREAD)).messages.find((m) => m.id === ref.messageId);
    assert.deepEqual(sent?.labelIds, ['SENT']);
    assert.equal(log.writes('mail', 'sendDraft')[0]?.idempotencyKey, 'run-1:create-gmail-draft');
    await assert.rejects(mail.sendDraft(ref.draftId), notFound(ref.draftId));
  });

  it('tells whether the person wrote to us after an instant (not our own messages)', async () => {
    const { mail } = await demo();
    assert.equal(await mail.hasInboundSince(PRIYA, '2026-11-19T00:00:00Z'), true);
    assert.equal(await mail.hasInboundSince(PRIYA, '2026-11-20T15:12:00Z'), false, 'strictly after');
    assert.equal(
      await mail.hasInboundSince('marcus.chen@ledgerline.example', '2026-11-21T00:00:00Z'),
      false,
      'we wrote last',
    );
    mail.deliverInbound({
      threadId: SSO_THREAD,
      from: `Priya Raman <${PRIYA}>`,
      subject: 'Re: Forecasting overview and next steps',
      body: 'Any news?',
      sentAt: '2026-11-25T14:00:00Z',
    });
    assert.equal(await mail.hasInboundSince(PRIYA, NOW), true);
  });
});
