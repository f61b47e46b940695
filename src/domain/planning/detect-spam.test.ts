import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectSpam } from './detect-spam.js';
import { findGibberishName } from './find-gibberish-name.js';
import { makeLead } from './test-fixtures.js';

describe('detectSpam', () => {
  it('flags a filled honeypot field', () => {
    for (const key of ['website_url_hp', 'honeypot', 'hp_field', 'bot-field']) {
      const verdict = detectSpam(makeLead({ custom: { [key]: 'x' } }));
      assert.equal(verdict.isSpam, true, key);
      assert.deepEqual(verdict.signals, [`hidden honeypot field "${key}" was filled`]);
    }
  });

  it('ignores an empty honeypot and ordinary custom fields', () => {
    assert.equal(
      detectSpam(makeLead({ custom: { honeypot: '', php_version: '8', whatsapp: '+1 555' } })).isSpam,
      false,
    );
  });

  it('flags disposable email domains', () => {
    for (const email of ['a@mailinator.com', 'b@yopmail.com', 'c@10minutemail.com', 'd@guerrillamail.com']) {
      assert.equal(detectSpam(makeLead({ email })).isSpam, true, email);
    }
  });

  it('flags SEO and casino pitches', () => {
    const seo = detectSpam(
      makeLead({ message: 'We offer SEO services to get you on the first page of Google.' }),
    );
    assert.equal(seo.isSpam, true);
    assert.deepEqual(seo.signals, ['spam wording: seo services, first page of google']);
    assert.equal(detectSpam(makeLead({ message: 'Best online casino bonus for you' })).isSpam, true);
  });

  it('flags several links, and a single link with spam words', () => {
    const links = detectSpam(
      makeLead({ message: 'Cheap bitcoin here http://a.example and http://b.example' }),
    );
    assert.equal(links.isSpam, true);
    assert.deepEqual(links.signals, ['2 links in the message', 'spam-prone words: bitcoin']);
    assert.equal(detectSpam(makeLead({ message: 'Visit https://best-loans.example/apply' })).isSpam, true);
  });

  it('flags shouting combined with another signal', () => {
    const lead = makeLead({ message: 'BUY NOW THE BEST CRYPTO DEAL OF THE YEAR FOR YOUR COMPANY' });
    assert.deepEqual(detectSpam(lead).signals, ['spam-prone words: crypto', 'message written in capitals']);
    assert.equal(detectSpam(lead).isSpam, true);
  });

  it('flags a name that is gibberish in every part', () => {
    const verdict = detectSpam(makeLead({ firstName: 'Xkcdqzt', lastName: 'Prtvbn' }));
    assert.equal(verdict.isSpam, true);
    assert.deepEqual(verdict.signals, ['gibberish name (Xkcdqzt Prtvbn)']);
  });

  it('does not flag ordinary B2B leads', () => {
    const legit = [
      'Hi, we are evaluating analytics tools. Can you share pricing for 40 seats and whether SSO is included?',
      "Our contract with our current vendor ends in March. We'd like a demo. Our site is https://acme.com",
      'We are a crypto exchange looking for better reporting on our trading data.',
      'URGENT: we need dashboards for the board meeting next week, can we talk ASAP?',
      'Saw your case study on logistics. We run 200 trucks. Is there an API for our TMS?',
      'We run a mortgage loan business and need forecasting for applications.',
      '',
    ];
    for (const message of legit) {
      assert.equal(detectSpam(makeLead({ message })).isSpam, false, message);
    }
  });

  it('does not flag real names from many languages', () => {
    for (const [first, last] of [
      ['Thanh', 'Nguyen'],
      ['Agnieszka', 'Szczepanski'],
      ['Ian', 'McDonald'],
      ['Li', 'Ng'],
      ['Bjorn', 'Strzelczyk'],
      ['Siobhan', "O'Brien"],
      ['Zoë', 'Kowalczyk'],
      ['Hiro', '山田'],
    ]) {
      assert.equal(findGibberishName(first!, last!), null, `${first} ${last}`);
    }
  });
});
