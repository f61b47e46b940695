import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containsPhrase, normalizeText } from './match-phrase.js';

describe('containsPhrase', () => {
  it('matches whole words and phrases, ignoring case and punctuation', () => {
    assert.ok(containsPhrase('What about Single-Sign-On?', 'single sign on'));
    assert.ok(containsPhrase('SSO pricing', 'sso'));
    assert.equal(containsPhrase('ssopricing', 'sso'), false);
  });

  it('treats a trailing * as a stem', () => {
    assert.ok(containsPhrase('It integrates nicely', 'integrat*'));
    assert.equal(containsPhrase('disintegrate', 'integrat*'), false);
  });

  it('never matches an empty phrase', () => {
    assert.equal(containsPhrase('anything', ' - '), false);
  });

  it('normalises to lower-case words separated by single spaces', () => {
    assert.equal(normalizeText('  Case-Study, ROI!  '), 'case study roi');
  });
});
