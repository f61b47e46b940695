import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DraftFacts, LintRule } from '../results.js';
import type { VoiceProfile } from '../settings.js';
import { collectDraftFacts } from './draft-facts.js';
import { makeFacts, makeInput, makeLead, makeVoice } from './draft-test-fixtures.js';
import { lintDraft } from './lint-draft.js';

const ASSET_URL = 'https://drive.google.com/file/d/1AbC--xyz_123/view?usp=drivesdk';
const SUBJECT = 'SSO pricing for Acme Corp';
const OPENER = 'Thanks for reaching out about SSO pricing for Acme Corp.';
const SLOTS =
  'Here are a few times that work on my side:\n- Wed, Nov 25, 9:00 AM CST\n- Thu, Nov 26, 10:00 AM CST';
const CTA = 'Would one of these times work for you?';

function body(...paragraphs: string[]): string {
  return ['Hi Jane,', ...paragraphs, 'Best,\nAlex'].join('\n\n');
}

const CLEAN = body(OPENER, SLOTS, CTA);

function rulesOf(
  draft: { subject?: string; body?: string },
  voice: VoiceProfile = makeVoice(),
  facts: DraftFacts = makeFacts(),
): LintRule[] {
  return lintDraft({ subject: draft.subject ?? SUBJECT, body: draft.body ?? CLEAN }, voice, facts).map(
    (p) => p.rule,
  );
}

function assertOnly(rules: LintRule[], rule: LintRule, count = 1): void {
  assert.deepEqual(
    rules,
    Array.from({ length: count }, () => rule),
  );
}

describe('lintDraft', () => {
  it('passes a clean draft', () => {
    assert.deepEqual(lintDraft({ subject: SUBJECT, body: CLEAN }, makeVoice(), makeFacts()), []);
  });

  it('passes hyphens in words, hyphen bullets and a "--" inside an allowed URL', () => {
    const withAsset = body(
      `Thanks for reaching out about your 40-person team.\n- first point\n${ASSET_URL}`,
      CTA,
    );
    assert.deepEqual(rulesOf({ body: withAsset }), []);
  });

  describe('dash', () => {
    it('flags every em dash, en dash and double hyphen, in the body and the subject', () => {
      const text = body(
        'Thanks for reaching out \u2014 SSO pricing for Acme Corp.',
        'Mon\u2013Wed -- any day works.',
        CTA,
      );
      assertOnly(rulesOf({ body: text, subject: 'SSO \u2013 pricing' }), 'dash', 4);
    });

    it('reports a banned dash once, as a dash, not also as banned punctuation', () => {
      const rules = rulesOf(
        { body: body(`${OPENER} One more thing\u2014really.`, CTA) },
        makeVoice({ bannedPunctuation: ['\u2014'] }),
      );
      assertOnly(rules, 'dash');
    });
  });

  describe('banned-word', () => {
    it('matches whole words and phrases in any case, in subject and body', () => {
      const text = body(`${OPENER} We can Circle  back on bandwidth later.`, CTA);
      assertOnly(rulesOf({ body: text, subject: 'Synergy for Acme Corp' }), 'banned-word', 3);
    });

    it('does not match inside longer words', () => {
      assert.deepEqual(
        rulesOf(
          { body: body(`${OPENER} We leveraged nothing.`, CTA) },
          makeVoice({ bannedWords: ['leverage'] }),
        ),
        [],
      );
    });
  });

  it('banned-punctuation: flags each banned mark the voice lists', () => {
    const voice = makeVoice({ bannedPunctuation: ['!!', ';'] });
    assertOnly(
      rulesOf({ body: body(`${OPENER} Great to hear from you!! See below; thanks.`, CTA) }, voice),
      'banned-punctuation',
      2,
    );
  });

  describe('cta-count', () => {
    it('flags a draft without a question', () => {
      assertOnly(rulesOf({ body: body(OPENER, SLOTS, 'Let me know which one works.') }), 'cta-count');
    });

    it('flags two questions', () => {
      assertOnly(rulesOf({ body: body(`${OPENER} Is SSO the main driver?`, SLOTS, CTA) }), 'cta-count');
    });

    it('ignores a "?" inside a URL and in "> " quoted lines', () => {
      const quoted = body(OPENER, '> Do you support SSO?', `${ASSET_URL}\n${CTA}`);
      assert.deepEqual(rulesOf({ body: quoted }), []);
    });
  });

  describe('word-limit', () => {
    it('flags a body over the limit', () => {
      const long = body(`${OPENER} ${'We can look at this together in more detail. '.repeat(3)}`, CTA);
      assertOnly(rulesOf({ body: long }, makeVoice({ maxWords: 30 })), 'word-limit');
    });

    it('counts the greeting but not the sign-off block', () => {
      const signOff = 'With all best wishes from the whole team,';
      const text = [
        'Hi Jane,',
        'One two three four five six seven eight.',
        'Is that fine?',
        `${signOff}\nAlex`,
      ].join('\n\n');
      // 2 + 8 + 3 = 13 counted words; the ten words of the sign-off block do not count.
      assert.deepEqual(rulesOf({ body: text }, { ...makeVoice({ signOff }), maxWords: 13 }), []);
      assertOnly(rulesOf({ body: text }, { ...makeVoice({ signOff }), maxWords: 12 }), 'word-limit');
    });
  });

  describe('paragraph-limit', () => {
    it('flags more paragraphs than the voice allows', () => {
      assertOnly(rulesOf({}, makeVoice({ maxParagraphs: 2 })), 'paragraph-limit');
    });

    it('does not count the greeting and sign-off, but counts a P.S.', () => {
      assert.deepEqual(rulesOf({}, makeVoice({ maxParagraphs: 3 })), []);
      const withPs = `${CLEAN}\n\nP.S. Anyone from Acme Corp is welcome.`;
      assert.deepEqual(rulesOf({ body: withPs }, makeVoice({ maxParagraphs: 4 })), []);
      assertOnly(rulesOf({ body: withPs }, makeVoice({ maxParagraphs: 3 })), 'paragraph-limit');
    });
  });

  describe('unknown-time', () => {
    it('flags times that are not in a proposed slot label', () => {
      const text = body(`${OPENER} I am also free at 3pm, 14:30 or noon on Friday.`, SLOTS, CTA);
      assertOnly(rulesOf({ body: text }), 'unknown-time', 3);
    });

    it('flags a slot time written differently from its label', () => {
      assertOnly(rulesOf({ body: body(OPENER, 'Wednesday at 9:00 AM works for me.', CTA) }), 'unknown-time');
    });

    it('flags any time when no slots were proposed', () => {
      assertOnly(rulesOf({}, makeVoice(), makeFacts({ slots: [] })), 'unknown-time', 2);
    });
  });

  it('unknown-url: allows only the asset and booking links', () => {
    const text = body(
      OPENER,
      `${ASSET_URL}\nhttps://cal.northwind.example/alex.\nhttps://evil.example/x and www.other.example`,
      CTA,
    );
    assertOnly(rulesOf({ body: text }), 'unknown-url', 2);
  });

  describe('name-spelling', () => {
    it('flags a greeting that addresses the lead by another spelling', () => {
      assertOnly(rulesOf({ body: CLEAN.replace('Hi Jane,', 'Hi jane,') }), 'name-spelling');
      assertOnly(rulesOf({ body: CLEAN.replace('Hi Jane,', 'Hi Janet,') }), 'name-spelling');
    });

    it('accepts "there", and flags an invented name when the lead gave none', () => {
      const facts = makeFacts({ lead: { ...makeFacts().lead, firstName: null } });
      assert.deepEqual(rulesOf({ body: CLEAN.replace('Hi Jane,', 'Hi there,') }, makeVoice(), facts), []);
      assertOnly(rulesOf({}, makeVoice(), facts), 'name-spelling');
    });

    it('flags misspellings of the first name elsewhere', () => {
      assertOnly(
        rulesOf({ body: body(`${OPENER} I will ask for JANE and for Jnae.`, CTA) }),
        'name-spelling',
        2,
      );
    });

    it('leaves the ordinary word alone when the name is also a word', () => {
      const facts = makeFacts({ lead: { ...makeFacts().lead, firstName: 'Will' } });
      const text = body(`${OPENER} I will send it. Will that help with pricing for Acme Corp.`, CTA).replace(
        'Hi Jane,',
        'Hi Will,',
      );
      assert.deepEqual(rulesOf({ body: text }, makeVoice(), facts), []);
    });
  });

  describe('company-spelling', () => {
    it('flags other casings and other legal suffixes', () => {
      const text = body(`${OPENER} ACME CORP and acme corp and Acme Inc are not Acme Corp.`, CTA);
      assertOnly(rulesOf({ body: text }), 'company-spelling', 3);
    });

    it('accepts the exact name, its possessive and the short form', () => {
      assert.deepEqual(rulesOf({ body: body(`${OPENER} Acme Corp's team and Acme both count.`, CTA) }), []);
    });
  });

  it('placeholder: flags template leftovers', () => {
    const text = body(`${OPENER} {{first_name}} [First Name] <Company> {company} TODO XXX lorem ipsum`, CTA);
    assertOnly(rulesOf({ body: text }), 'placeholder', 7);
  });

  describe('greeting', () => {
    it('flags a body that does not open with the greeting line', () => {
      assertOnly(rulesOf({ body: CLEAN.replace('Hi Jane,\n\n', '') }), 'greeting');
    });

    it("flags a greeting that is not the voice's", () => {
      assertOnly(rulesOf({ body: CLEAN.replace('Hi Jane,', 'Hello Jane,') }), 'greeting');
    });
  });

  describe('sign-off', () => {
    it('flags a missing sign-off, a sign-off without a name, and a different sign-off', () => {
      assertOnly(rulesOf({ body: CLEAN.replace('\n\nBest,\nAlex', '') }), 'sign-off');
      assertOnly(rulesOf({ body: CLEAN.replace('Best,\nAlex', 'Best,') }), 'sign-off');
      assertOnly(rulesOf({ body: CLEAN.replace('Best,\nAlex', 'Cheers,\nAlex') }), 'sign-off');
    });

    it('accepts a P.S. after the sign-off', () => {
      assert.deepEqual(rulesOf({ body: `${CLEAN}\n\nP.S. The guide is below.\n${ASSET_URL}` }), []);
    });
  });

  describe('other-client', () => {
    it("flags another client's name in any case", () => {
      assertOnly(
        rulesOf({ body: body(`${OPENER} Globex and GLOBEX did this too.`, CTA) }),
        'other-client',
        2,
      );
    });

    it("never treats the lead's own company or ours as another client", () => {
      const input = makeInput({ lead: makeLead({ company: 'Acme Corp' }) });
      const facts = collectDraftFacts(input, [
        'Acme',
        'acme corp',
        'Northwind Analytics',
        'Globex',
        'globex',
        ' ',
      ]);
      assert.deepEqual(facts.otherCompanyNames, ['Globex']);
    });
  });

  it('empty: flags an empty subject and an empty body, and nothing else for the body', () => {
    assert.deepEqual(rulesOf({ subject: '  ', body: '\n' }), ['empty', 'empty']);
  });

  it('keeps a reply subject as the thread wrote it, checking only for placeholders', () => {
    assert.deepEqual(rulesOf({ subject: 'RE: Pricing \u2013 synergy at 3pm' }), []);
    assertOnly(rulesOf({ subject: 'Re: {{subject}}' }), 'placeholder');
  });

  it('returns problems grouped in rule order, with an excerpt of the offending text', () => {
    const problems = lintDraft(
      { subject: SUBJECT, body: body(`${OPENER} Leverage this \u2014 at 3pm.`, CTA) },
      makeVoice(),
      makeFacts(),
    );
    assert.deepEqual(
      problems.map((p) => [p.rule, p.excerpt]),
      [
        ['dash', '\u2014'],
        ['banned-word', 'Leverage'],
        ['unknown-time', '3pm'],
      ],
    );
  });
});
