import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { NextStepPlan, ProposedSlot, SimilarPattern } from '../results.js';
import { DEFAULT_BANNED_WORDS } from './draft-test-fixtures.js';
import { hasContraction } from './contractions.js';
import { collectDraftFacts } from './draft-facts.js';
import type { DraftInput } from './draft-input.js';
import {
  makeAsset,
  makeInsight,
  makeLead,
  makeResearch,
  makeSeller,
  makeSlot,
  makeSlots,
  makeVoice,
} from './draft-test-fixtures.js';
import { lintDraft } from './lint-draft.js';
import { writeDraft } from './write-draft.js';

// Generated text never contains this, so the writer (which is not told other clients' names) cannot leak it.
const OTHER_CLIENT = 'Qwyzzle Holdings';

const syllable = fc.constantFrom(
  'ka',
  'lo',
  'mir',
  'ven',
  'tor',
  'ai',
  'zu',
  'bel',
  'dra',
  'quin',
  'sol',
  'ny',
);
const madeUpWord = fc.array(syllable, { minLength: 1, maxLength: 4 }).map((s) => s.join(''));
const capitalised = madeUpWord.map((w) => w.charAt(0).toUpperCase() + w.slice(1));

const firstName = fc.oneof(
  fc.constant(null),
  fc.constantFrom(
    'Jane',
    "O'Brien",
    'Zoë',
    'José',
    'Ana-María',
    "D'Arcy",
    'Nguyễn',
    'jane',
    'Mary Ann',
    'Will',
    'Li',
    'JOHN',
    'Ann\u2013Marie',
    '{{first}}',
  ),
  capitalised,
);

const company = fc.oneof(
  fc.constant(null),
  fc.constantFrom(
    'Acme Corp',
    'Northwind Traders Ltd',
    "O'Reilly & Sons",
    'Zoë Café GmbH',
    'IBM',
    'Box',
    'HubSpot',
  ),
  fc.constantFrom(
    'The International Federation of Widget Manufacturers and Allied Trades of the Northern Hemisphere',
  ),
  fc
    .tuple(capitalised, capitalised, fc.constantFrom('Inc', 'LLC', 'Labs', 'Group', ''))
    .map((parts) => parts.filter((p) => p !== '').join(' ')),
);

const SENTENCES = [
  'Hi, we need SSO pricing for our 40-person team.',
  'Do you support SSO with Okta?',
  "We're interested in your ABM services for our sales team.",
  'How does your pricing work for annual contracts?',
  'Can you send me pricing for 50 seats?',
  'Please contact me',
  'Demo request',
  'We want to improve our pipeline visibility before Q3.',
  'Synergy \u2014 can we talk at 3pm tomorrow?',
  'See https://example.org/brief and {{notes}} [TBD].',
  'We are moving off spreadsheets and our reps hate it!!',
  "I'd like to know what you'd charge for 50 seats.",
  'Our CFO asked: is there a discount for nonprofits???',
  'We met your team at a conference -- they said good things.',
];

const message = fc.oneof(
  fc.constant(null),
  fc.array(fc.constantFrom(...SENTENCES), { minLength: 1, maxLength: 4 }).map((s) => s.join(' ')),
  fc.lorem({ maxCount: 40 }),
  fc.string({ maxLength: 200 }),
);

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'];
const slot = fc
  .record({
    day: fc.integer({ min: 0, max: 4 }),
    hour: fc.integer({ min: 1, max: 12 }),
    half: fc.boolean(),
    pm: fc.boolean(),
    tokyo: fc.boolean(),
  })
  .map(({ day, hour, half, pm, tokyo }): ProposedSlot => {
    const zone = tokyo ? 'GMT+09:00 (Asia/Tokyo)' : 'EST';
    return makeSlot(
      `2026-11-${23 + day}T15:00:00.000Z`,
      `${DAYS[day]}, Nov ${23 + day}, ${hour}:${half ? '30' : '00'} ${pm ? 'PM' : 'AM'} ${zone}`,
    );
  });

const ANSWERS = [
  'Yes, SSO with SAML and Okta is included in the Business plan at no extra cost.',
  "We don't charge for onboarding. It's included for every plan.",
  'Pricing starts at $20 per seat. Want a quote? Details: https://example.org/pricing',
  'Our team can migrate your data in about two weeks \u2014 usually faster.',
];

const plan = fc
  .record({
    action: fc.constantFrom('book-meeting', 'send-asset', 'answer-question'),
    offerSlots: fc.boolean(),
    shareAsset: fc.boolean(),
    answer: fc.constantFrom(...ANSWERS),
  })
  .map((p): NextStepPlan => ({
    action: p.action,
    reason: 'generated',
    noActionCode: null,
    offerSlots: p.offerSlots,
    shareAsset: p.shareAsset,
    answer: { id: 'a', keywords: ['sso', 'pricing'], answer: p.answer },
  }));

const asset = fc.oneof(
  fc.constant(null),
  fc
    .record({
      name: fc.constantFrom(
        'SSO Buyer Guide.pdf',
        'pricing_2026_v3.xlsx',
        'Case study \u2013 retail.pptx',
        'Leverage our platform.pdf',
        '{{asset}}.docx',
        'A very long deck name about analytics dashboards and forecasting for teams.pptx',
      ),
      mimeType: fc.constantFrom(
        'application/pdf',
        'application/vnd.google-apps.presentation',
        'text/plain',
        'application/octet-stream',
      ),
      url: fc.constantFrom(
        'https://drive.google.com/file/d/1AbC--xyz_123/view?usp=drivesdk',
        'https://docs.google.com/presentation/d/9zz/edit',
      ),
    })
    .map((a) => makeAsset(a)),
);

const insight = fc.oneof(
  fc.constant(null),
  fc
    .record({
      subject: fc.constantFrom(
        'Pilot plan',
        'RE: Pricing \u2013 Q3',
        'Re: Re: intro',
        '',
        'Question about {{x}}',
      ),
      unansweredQuestion: fc.constantFrom(
        null,
        'Is there a free trial?',
        'Can we leverage your API at 10:30?',
        'Which plan includes SSO?',
      ),
      topics: fc.subarray(['pricing', 'onboarding', 'api', 'case study', 'security']),
    })
    .map((i) => makeInsight(i)),
);

const voice = fc
  .record({
    tone: fc.constantFrom('professional', 'friendly', 'casual', 'formal'),
    greeting: fc.constantFrom('Hi', 'Hello', 'Dear', 'Hey'),
    signOff: fc.constantFrom('Best,', 'Best regards,', 'Thanks,', 'Cheers,'),
    maxParagraphs: fc.integer({ min: 1, max: 6 }),
    maxWords: fc.oneof(fc.constantFrom(30, 31, 40, 80), fc.integer({ min: 30, max: 300 })),
    bannedWords: fc
      .subarray(['just', 'really', 'amazing', 'ASAP'])
      .map((extra) => [...DEFAULT_BANNED_WORDS, ...extra]),
    bannedPunctuation: fc
      .subarray(['!', ';', '&', '...'])
      .map((extra) => ['\u2014', '\u2013', '!!', '???', ...extra]),
    ctaStyle: fc.constantFrom('question', 'soft-question'),
    allowPs: fc.boolean(),
    useContractions: fc.boolean(),
  })
  .map((v) => makeVoice(v));

const patterns = fc.constantFrom<SimilarPattern[]>(
  [],
  [
    {
      angle: 'a short working session',
      cta: 'book-meeting',
      outcome: 'replied',
      matchedOn: ['industry', 'size'],
    },
  ],
);

const draftInput = fc
  .record({
    firstName,
    company,
    message,
    pageTitle: fc.constantFrom(
      null,
      'Pricing | Northwind Analytics',
      'Contact us',
      'Book a demo \u2013 Northwind',
      'Northwind Analytics',
      'TODO',
    ),
    voice,
    plan,
    slots: fc.array(slot, { maxLength: 4 }),
    asset,
    insight,
    industry: fc.constantFrom(null, 'COMPUTER_SOFTWARE', 'healthcare', 'IT_SERVICES', 'Synergy Consulting'),
    patterns,
    bookingLink: fc.constantFrom(null, 'https://cal.northwind.example/alex?ref=email'),
  })
  .map((g): DraftInput => {
    const base = makeLead();
    return {
      lead: makeLead({
        firstName: g.firstName,
        company: g.company,
        message: g.message,
        source: { ...base.source, pageTitle: g.pageTitle },
      }),
      seller: makeSeller({ bookingLink: g.bookingLink }),
      voice: g.voice,
      plan: g.plan,
      slots: makeSlots(g.slots, g.slots.length < 2 ? 'Fewer than 2 slots fit' : null),
      asset: g.asset,
      insight: g.insight,
      research: makeResearch({ company: { ...makeResearch().company, industry: g.industry } }),
      patterns: g.patterns,
    };
  });

describe('writeDraft (property)', () => {
  it('always writes a draft the linter passes, in the voice asked for', () => {
    fc.assert(
      fc.property(draftInput, (input) => {
        const draft = writeDraft(input);
        assert.deepEqual(
          lintDraft(draft, input.voice, collectDraftFacts(input, [OTHER_CLIENT])),
          [],
          `${draft.subject}\n---\n${draft.body}`,
        );
        if (!input.voice.useContractions) assert.equal(hasContraction(draft.body), false, draft.body);
      }),
      { numRuns: 300 },
    );
  });
});
