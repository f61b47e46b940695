import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AssetChoice, ThreadInsight } from '../results.js';
import { SafetySettingsSchema } from '../settings.js';
import { planNextStep, type PlanInput } from './plan-next-step.js';
import { makeContact, makeLead, makeResearch } from './test-fixtures.js';

const NOW = '2026-11-20T10:05:00Z';
const ASSET: AssetChoice = {
  fileId: 'f1',
  name: 'Logistics case study.pdf',
  mimeType: 'application/pdf',
  url: 'https://drive.google.com/file/d/f1/view',
  folderPath: ['Case Studies'],
  score: 6,
  reason: "Matches 'case study' from their message.",
};
const SSO_ANSWER = {
  id: 'sso',
  keywords: ['sso', 'single sign-on', 'saml'],
  answer: 'SSO is included in every plan.',
};

function insight(over: Partial<ThreadInsight> = {}): ThreadInsight {
  return {
    threadId: 't1',
    subject: 'Northwind',
    messageCount: 2,
    lastSpeaker: 'prospect',
    lastMessageAt: '2026-11-19T10:00:00Z',
    lastMessageIdHeader: '<m2@mail>',
    references: ['<m1@mail>', '<m2@mail>'],
    unansweredQuestion: null,
    summary: '',
    topics: [],
    urgency: { level: 'normal', signals: [] },
    ...over,
  };
}

function input(over: Partial<PlanInput> = {}): PlanInput {
  return {
    lead: makeLead(),
    contact: makeContact(),
    research: makeResearch(),
    insight: null,
    asset: null,
    slotsAvailable: true,
    safety: SafetySettingsSchema.parse({}),
    answers: [SSO_ANSWER],
    now: NOW,
    ...over,
  };
}

function assertNoAction(plan: ReturnType<typeof planNextStep>, code: string): void {
  assert.equal(plan.action, 'no-action');
  assert.equal(plan.noActionCode, code);
  assert.deepEqual([plan.offerSlots, plan.shareAsset, plan.answer], [false, false, null]);
}

describe('planNextStep: no action', () => {
  it('stops for a suppressed address or @domain, case-insensitive', () => {
    assertNoAction(
      planNextStep(input({ safety: SafetySettingsSchema.parse({ suppressed: ['JANE@acme.com'] }) })),
      'suppressed',
    );
    const plan = planNextStep(input({ safety: SafetySettingsSchema.parse({ suppressed: ['@Acme.com'] }) }));
    assertNoAction(plan, 'suppressed');
    assert.equal(plan.reason, 'jane@acme.com is on the suppression list (@Acme.com).');
    assert.equal(
      planNextStep(
        input({ safety: SafetySettingsSchema.parse({ suppressed: ['@cme.com', 'other@acme.com'] }) }),
      ).action,
      'book-meeting',
    );
  });

  it('stops when the contact opted out', () => {
    assertNoAction(planNextStep(input({ contact: makeContact({ emailOptOut: true }) })), 'unsubscribed');
  });

  it('stops for a competitor domain', () => {
    const plan = planNextStep(
      input({ safety: SafetySettingsSchema.parse({ competitorDomains: ['acme.com'] }) }),
    );
    assertNoAction(plan, 'competitor');
    assert.equal(plan.reason, 'The lead is from a competitor domain (acme.com).');
  });

  it('stops for spam and lists the signals', () => {
    const plan = planNextStep(input({ lead: makeLead({ custom: { honeypot: 'filled' } }) }));
    assertNoAction(plan, 'spam');
    assert.equal(plan.reason, 'The submission looks like spam: hidden honeypot field "honeypot" was filled.');
  });

  it('stops for an earlier submission of the same form inside the window', () => {
    const contact = makeContact({
      recentSubmissions: [
        { formId: 'demo-form', submissionId: 'sub-2', submittedAt: '2026-11-20T10:00:00Z' },
        { formId: 'demo-form', submissionId: 'sub-1', submittedAt: '2026-11-20T07:00:00Z' },
      ],
    });
    const plan = planNextStep(input({ contact }));
    assertNoAction(plan, 'duplicate');
    assert.equal(
      plan.reason,
      'The same form was already submitted from this address 3 hour(s) earlier (submission sub-1).',
    );
  });

  it('is not a duplicate for another form, outside the window, or for a later submission', () => {
    const subs = [
      { formId: 'other-form', submissionId: 'x', submittedAt: '2026-11-20T09:00:00Z' },
      { formId: 'demo-form', submissionId: 'old', submittedAt: '2026-11-18T09:00:00Z' },
      { formId: 'demo-form', submissionId: 'later', submittedAt: '2026-11-20T10:30:00Z' },
    ];
    assert.equal(
      planNextStep(input({ contact: makeContact({ recentSubmissions: subs }) })).action,
      'book-meeting',
    );
  });

  it('treats only one of two simultaneous submissions as the duplicate', () => {
    const subs = [
      { formId: 'demo-form', submissionId: 'sub-1', submittedAt: '2026-11-20T10:00:00Z' },
      { formId: 'demo-form', submissionId: 'sub-2', submittedAt: '2026-11-20T10:00:00Z' },
    ];
    const contact = makeContact({ recentSubmissions: subs });
    const first = planNextStep(
      input({ contact, lead: makeLead({ source: { ...makeLead().source, submissionId: 'sub-1' } }) }),
    );
    const second = planNextStep(input({ contact }));
    assert.deepEqual([first.action, second.noActionCode], ['book-meeting', 'duplicate']);
  });

  it('stays out of an active conversation where we wrote last recently', () => {
    const plan = planNextStep(
      input({ insight: insight({ lastSpeaker: 'us', lastMessageAt: '2026-11-19T10:05:00Z' }) }),
    );
    assertNoAction(plan, 'active-conversation');
    assert.equal(plan.reason, 'We wrote to them last, 24 hour(s) ago, so the conversation is active.');
    const stale = planNextStep(
      input({ insight: insight({ lastSpeaker: 'us', lastMessageAt: '2026-11-10T10:00:00Z' }) }),
    );
    assert.equal(stale.action, 'book-meeting');
  });

  it('checks the rules in order: suppression before opt-out before spam', () => {
    const plan = planNextStep(
      input({
        lead: makeLead({ custom: { honeypot: 'x' } }),
        contact: makeContact({ emailOptOut: true }),
        safety: SafetySettingsSchema.parse({ suppressed: ['@acme.com'] }),
      }),
    );
    assert.equal(plan.noActionCode, 'suppressed');
    assert.equal(
      planNextStep(
        input({ lead: makeLead({ custom: { honeypot: 'x' } }), contact: makeContact({ emailOptOut: true }) }),
      ).noActionCode,
      'unsubscribed',
    );
  });
});

describe('planNextStep: actions', () => {
  it('answers an unanswered thread question from the approved answer', () => {
    const plan = planNextStep(
      input({ insight: insight({ unansweredQuestion: 'Is SSO included in the team plan?' }), asset: ASSET }),
    );
    assert.equal(plan.action, 'answer-question');
    assert.equal(plan.answer, SSO_ANSWER);
    assert.deepEqual([plan.offerSlots, plan.shareAsset], [true, true]);
    assert.equal(
      plan.reason,
      'They asked "Is SSO included in the team plan?", which the approved answer "sso" covers.',
    );
  });

  it('answers two questions at once from two approved answers, opening sentence of each', () => {
    const baa = { id: 'baa', keywords: ['baa', 'hipaa'], answer: 'Yes. We sign a BAA on the Enterprise plan. Details follow.' };
    const plan = planNextStep(
      input({
        insight: insight({ unansweredQuestion: 'Does it support SAML? And will you sign a BAA for HIPAA?' }),
        answers: [SSO_ANSWER, baa],
      }),
    );
    assert.equal(plan.action, 'answer-question');
    assert.equal(plan.answer?.id, 'sso+baa');
    assert.equal(plan.answer?.answer, 'SSO is included in every plan. Yes. We sign a BAA on the Enterprise plan.');
    assert.match(plan.reason, /approved answers "sso" and "baa" cover\.$/);
  });

  it('answers a question in the form message', () => {
    const plan = planNextStep(
      input({ lead: makeLead({ message: 'Do you offer Single Sign-On' }), slotsAvailable: false }),
    );
    assert.equal(plan.action, 'answer-question');
    assert.deepEqual([plan.offerSlots, plan.shareAsset], [false, false]);
  });

  it('does not answer when no approved answer matches the question', () => {
    const plan = planNextStep(
      input({ insight: insight({ unansweredQuestion: 'What is your refund policy?' }) }),
    );
    assert.equal(plan.action, 'book-meeting');
  });

  it('sends the asset when they mainly ask for material', () => {
    const plan = planNextStep(
      input({ lead: makeLead({ message: 'Please send me a case study for logistics.' }), asset: ASSET }),
    );
    assert.equal(plan.action, 'send-asset');
    assert.deepEqual([plan.offerSlots, plan.shareAsset, plan.answer], [true, true, null]);
    assert.equal(
      plan.reason,
      'They asked for material ("send me") and "Logistics case study.pdf" from Drive fits it.',
    );
  });

  it('books a meeting when they ask for material and a call, sharing the asset too', () => {
    const plan = planNextStep(
      input({ lead: makeLead({ message: 'Send me the deck and let us schedule a call.' }), asset: ASSET }),
    );
    assert.equal(plan.action, 'book-meeting');
    assert.equal(plan.shareAsset, true);
  });

  it('books a meeting when they ask for material but no asset was found', () => {
    const plan = planNextStep(input({ lead: makeLead({ message: 'Send me a brochure.' }) }));
    assert.deepEqual([plan.action, plan.shareAsset], ['book-meeting', false]);
  });

  it('books a meeting by default and says why in one sentence', () => {
    const plan = planNextStep(
      input({
        lead: makeLead({ message: 'Interested in forecasting and dashboards.' }),
        slotsAvailable: false,
      }),
    );
    assert.deepEqual(
      [plan.action, plan.noActionCode, plan.offerSlots, plan.shareAsset],
      ['book-meeting', null, false, false],
    );
    assert.equal(
      plan.reason,
      'They reached out through the form about forecasting and dashboards and nothing blocks a reply, so we propose a meeting asking for their availability.',
    );
    assert.doesNotMatch(plan.reason, /[\u2013\u2014]/);
  });

  it('replies when the prospect wrote last, even recently', () => {
    const plan = planNextStep(
      input({ insight: insight({ lastSpeaker: 'prospect', lastMessageAt: '2026-11-20T10:00:00Z' }) }),
    );
    assert.equal(plan.action, 'book-meeting');
  });
});
