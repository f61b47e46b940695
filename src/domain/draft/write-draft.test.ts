import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasContraction } from './contractions.js';
import { collectDraftFacts } from './draft-facts.js';
import type { DraftInput } from './draft-input.js';
import { countWords, getCountedBlocks, maskUrls, readDraftParts } from './draft-text.js';
import {
  THREE_SLOTS,
  makeAsset,
  makeInput,
  makeInsight,
  makeLead,
  makePlan,
  makeSeller,
  makeSlots,
  makeVoice,
} from './draft-test-fixtures.js';
import { lintDraft } from './lint-draft.js';
import { writeDraft } from './write-draft.js';

const ASSET = makeAsset();
const BOOKING = 'https://cal.northwind.example/alex';

function write(input: DraftInput): { subject: string; body: string } {
  const draft = writeDraft(input);
  assert.deepEqual(
    lintDraft(draft, input.voice, collectDraftFacts(input, ['Globex'])),
    [],
    `${draft.subject}\n${draft.body}`,
  );
  return draft;
}

function firstSentence(body: string): string {
  return body.split('\n\n')[1]?.split(/(?<=\.)\s/)[0] ?? '';
}

function questionCount(body: string): number {
  return maskUrls(body).match(/\?+/g)?.length ?? 0;
}

describe('writeDraft', () => {
  it('greets the lead by first name as they spelled it, ties the opener to their message, and offers the slots', () => {
    const { subject, body } = write(makeInput({ lead: makeLead({ firstName: 'zoë' }) }));
    assert.ok(body.startsWith('Hi zoë,\n\n'));
    assert.equal(firstSentence(body), 'Thanks for reaching out about SSO pricing for your 40-person team.');
    for (const slot of THREE_SLOTS)
      assert.ok(body.includes(`\n- ${slot.label}\n`) || body.includes(`\n- ${slot.label}`));
    assert.ok(body.includes('Would one of these times work for you?'));
    assert.ok(body.endsWith('Best,\nAlex'));
    assert.equal(subject, 'SSO pricing for Acme Corp');
  });

  it('greets "there" and thanks them for the form on the page when it knows neither name nor message', () => {
    const { body } = write(makeInput({ lead: makeLead({ firstName: null, message: null }) }));
    assert.ok(body.startsWith('Hi there,\n\n'));
    assert.equal(firstSentence(body), 'Thanks for filling in the form on our Pricing page.');
  });

  it('answers the question with the approved answer, without echoing their question mark', () => {
    const input = makeInput({
      plan: makePlan('answer-question'),
      lead: makeLead({ message: 'Do you support SSO with Okta?' }),
    });
    const { subject, body } = write(input);
    assert.equal(firstSentence(body), 'Thanks for asking whether we support SSO with Okta.');
    assert.ok(
      body.includes('Yes, SSO with SAML and Okta is included in the Business plan at no extra cost.'),
    );
    assert.equal(questionCount(body), 1);
    assert.equal(subject, 'Your question about SSO');
  });

  it('writes no empty answer when the plan has no approved answer to quote', () => {
    const { body } = write(makeInput({ plan: makePlan('answer-question', { answer: null }) }));
    assert.doesNotMatch(body, /\n\.\n|\s\.\s/);
    assert.ok(body.includes('Would it help to go through it together on a short call?'));
  });

  it('sends the asset by name with its exact URL on its own line, once', () => {
    const { body } = write(makeInput({ plan: makePlan('send-asset'), asset: ASSET }));
    assert.ok(body.includes('"SSO Buyer Guide"'));
    assert.equal(body.split('\n').filter((line) => line === ASSET.url).length, 1);
    assert.equal(body.split(ASSET.url).length, 2);
  });

  it('asks for their availability, with the booking link, when no slots fit', () => {
    const input = makeInput({
      slots: makeSlots([], 'Fewer than 2 slots fit'),
      seller: makeSeller({ bookingLink: BOOKING }),
    });
    const { body } = write(input);
    assert.ok(body.includes('Could you share a few times that suit you, or pick one below?'));
    assert.ok(body.split('\n').includes(BOOKING));
    assert.doesNotMatch(body, /\d:\d\d/);
  });

  it('replies in the thread under its subject, and thanks them for the unanswered question', () => {
    const insight = makeInsight({
      subject: 'Pilot plan',
      unansweredQuestion: 'How does your pricing work for annual contracts?',
    });
    const { subject, body } = write(makeInput({ insight, lead: makeLead({ message: null }) }));
    assert.equal(subject, 'Re: Pilot plan');
    assert.equal(firstSentence(body), 'Thanks for asking how our pricing works for annual contracts.');
    assert.equal(
      write(makeInput({ insight: makeInsight({ subject: 'RE: Pilot plan' }) })).subject,
      'RE: Pilot plan',
    );
  });

  it('follows up on the thread topics when there is no message or question', () => {
    const { body } = write(makeInput({ insight: makeInsight(), lead: makeLead({ message: null }) }));
    assert.equal(firstSentence(body), 'Following up on our conversation about pricing and onboarding.');
  });

  it('writes formally without contractions when the voice asks for it', () => {
    const voice = makeVoice({
      tone: 'formal',
      useContractions: false,
      greeting: 'Dear',
      signOff: 'Best regards,',
    });
    const message = "We're replacing our CRM and I'd like to know what you'd charge for 50 seats.";
    for (const action of ['book-meeting', 'send-asset', 'answer-question'] as const) {
      const { body } = write(
        makeInput({
          voice,
          plan: makePlan(action, { offerSlots: true }),
          asset: ASSET,
          lead: makeLead({ message }),
        }),
      );
      assert.equal(hasContraction(body), false, body);
      assert.ok(body.startsWith('Dear Jane,') && body.endsWith('Best regards,\nAlex'));
    }
  });

  it('keeps to 80 words by giving up detail before the slots', () => {
    const input = makeInput({
      voice: makeVoice({ maxWords: 80 }),
      plan: makePlan('answer-question', { offerSlots: true, shareAsset: true }),
      asset: ASSET,
    });
    const { body } = write(input);
    const parts = readDraftParts(body, input.voice);
    assert.ok(countWords(getCountedBlocks(parts).words.join('\n')) <= 80);
    assert.ok(body.includes(`- ${THREE_SLOTS[0]!.label}`));
  });

  it('adds a P.S. only when allowed, with no question in it', () => {
    const input = makeInput({ voice: makeVoice({ allowPs: true }) });
    const { body } = write(input);
    const ps = body.split('\n\n').at(-1)!;
    assert.equal(ps, 'P.S. Anyone else from Acme Corp is welcome to join the call.');
    assert.equal(write(makeInput()).body.includes('P.S.'), false);
  });

  it('puts a shared asset in the P.S. when the plan is to meet and a P.S. is allowed', () => {
    const input = makeInput({
      voice: makeVoice({ allowPs: true }),
      plan: makePlan('book-meeting', { shareAsset: true }),
      asset: ASSET,
    });
    const { body } = write(input);
    assert.ok(body.endsWith(`P.S. In case it helps, here is "SSO Buyer Guide":\n${ASSET.url}`));
  });

  it('never carries banned words, dashes, times, links or placeholders over from what the prospect wrote', () => {
    const message = 'Synergy \u2014 can we talk at 3pm? See https://acme.example/brief and {{notes}}.';
    const insight = makeInsight({
      subject: 'Pricing \u2013 Q3',
      unansweredQuestion: 'Can we leverage your API at 10:30?',
    });
    const { body } = write(makeInput({ lead: makeLead({ message }), insight }));
    assert.doesNotMatch(body, /synergy|leverage|3pm|10:30|acme\.example|\{\{|\u2014|\u2013/i);
  });

  it('falls back to "there" when the first name cannot be written safely', () => {
    for (const firstName of ['{{first_name}}', 'Jane, Jr', ' Jane', 'Ann\u2013Marie']) {
      assert.ok(write(makeInput({ lead: makeLead({ firstName }) })).body.startsWith('Hi there,'), firstName);
    }
  });

  it('throws for a no-action plan, which must never reach the writer', () => {
    const plan = { ...makePlan('book-meeting'), action: 'no-action' as const, noActionCode: 'spam' as const };
    assert.throws(() => writeDraft(makeInput({ plan })), /no-action/);
  });

  it('passes the linter across the matrix of actions, threads, assets, slots, names and voices', () => {
    const voices = [
      makeVoice(),
      makeVoice({ tone: 'formal', useContractions: false }),
      makeVoice({ maxWords: 80 }),
      makeVoice({ allowPs: true, maxParagraphs: 3 }),
    ];
    let count = 0;
    for (const action of ['book-meeting', 'send-asset', 'answer-question'] as const)
      for (const insight of [null, makeInsight({ unansweredQuestion: 'Is there a free trial?' })])
        for (const asset of [null, ASSET])
          for (const slots of [makeSlots(), makeSlots([], 'none fit')])
            for (const firstName of ['Jane', null])
              for (const voice of voices) {
                const plan = makePlan(action, {
                  offerSlots: action !== 'send-asset' || slots.slots.length > 0,
                  shareAsset: asset !== null,
                });
                const draft = write(
                  makeInput({ plan, insight, asset, slots, voice, lead: makeLead({ firstName }) }),
                );
                assert.equal(questionCount(draft.body), 1);
                count += 1;
              }
    assert.equal(count, 192);
  });
});
