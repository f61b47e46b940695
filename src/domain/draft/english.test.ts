import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandContractions, hasContraction } from './contractions.js';
import { flipPronouns, tidyPhrase, toGerund, toThirdPerson } from './english.js';

describe('flipPronouns', () => {
  it('swaps first and second person, keeping agreement and acronyms', () => {
    assert.equal(flipPronouns('our team and my manager'), 'your team and your manager');
    assert.equal(flipPronouns('if you support SSO for us in the US'), 'if we support SSO for you in the US');
    assert.equal(flipPronouns('I am the admin'), 'you are the admin');
  });
});

describe('verb forms', () => {
  it('makes gerunds and third-person forms of regular verbs', () => {
    assert.deepEqual(['improve', 'plan', 'open', 'tie', 'see', 'run'].map(toGerund), [
      'improving',
      'planning',
      'opening',
      'tying',
      'seeing',
      'running',
    ]);
    assert.deepEqual(['integrate', 'have', 'carry', 'push', 'do'].map(toThirdPerson), [
      'integrates',
      'has',
      'carries',
      'pushes',
      'does',
    ]);
  });
});

describe('tidyPhrase', () => {
  it('stops at the first clause break and drops filler and dangling words', () => {
    assert.equal(tidyPhrase('more information about SSO pricing, thanks!'), 'SSO pricing');
    assert.equal(tidyPhrase('pricing for our team asap please'), 'pricing for our team');
    assert.equal(tidyPhrase('the'), null);
  });
});

describe('contractions', () => {
  it('expands contractions and leaves possessives and names alone', () => {
    assert.equal(
      expandContractions("We're sure it's fine, I'd say we can't wait. Don't worry."),
      'We are sure it is fine, I would say we cannot wait. Do not worry.',
    );
    assert.equal(hasContraction("Acme's team and O'Brien"), false);
    assert.equal(hasContraction('We\u2019ll see'), true);
  });
});
