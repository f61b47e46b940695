import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeCanonicalTopics, findTopicCandidates } from './extract-topic.js';

function best(message: string): string {
  const [first] = findTopicCandidates(message);
  return first === undefined ? '' : `${first.kind}: ${first.phrase}`;
}

describe('findTopicCandidates', () => {
  it('turns the prospect’s words into ours, swapping "we" and "you"', () => {
    assert.equal(
      best('Hi there, we need SSO pricing for our 40-person team.'),
      'about: SSO pricing for your 40-person team',
    );
    assert.equal(
      best("We're interested in your ABM services for our sales team."),
      'interest: our ABM services for your sales team',
    );
    assert.equal(
      best('We want to improve our pipeline visibility before Q3.'),
      'about: improving your pipeline visibility before Q3',
    );
  });

  it('restates questions as statements, so no question mark is echoed', () => {
    assert.equal(best('Do you support SSO with Okta?'), 'asking: whether we support SSO with Okta');
    assert.equal(
      best('Does your analytics platform integrate with Salesforce?'),
      'asking: whether our analytics platform integrates with Salesforce',
    );
    assert.equal(best('Is there a free trial?'), 'asking: whether there is a free trial');
    assert.equal(
      best('How does your pricing work for annual contracts?'),
      'asking: how our pricing works for annual contracts',
    );
    assert.equal(
      best('How much does the enterprise plan cost?'),
      'question: the cost of the enterprise plan',
    );
    assert.equal(best('Can you send me pricing for 50 seats?'), 'request: pricing for 50 seats');
    assert.equal(
      best('I was wondering if you offer discounts for nonprofits.'),
      'asking: whether we offer discounts for nonprofits',
    );
  });

  it('cuts a long phrase at a clause or preposition instead of copying the whole message', () => {
    assert.equal(
      best(
        "We're looking for a BI tool for our 40-person team that is distributed across three offices, ideally by March.",
      ),
      'about: a BI tool for your 40-person team',
    );
  });

  it('reads a short bare phrase as the topic', () => {
    assert.equal(best('Pricing for 50 seats'), 'about: pricing for 50 seats');
    assert.equal(best('Demo request'), 'noun: demo request');
  });

  it('falls back to vocabulary topics, then to a short quote, and offers nothing for an empty note', () => {
    const candidates = findTopicCandidates('We are moving off spreadsheets and our reps hate it.');
    assert.deepEqual(candidates, [
      { kind: 'about', phrase: 'migration' },
      { kind: 'quote', phrase: 'We are moving off spreadsheets and our reps hate it' },
    ]);
    assert.deepEqual(findTopicCandidates('Please contact me.'), []);
    assert.deepEqual(findTopicCandidates(''), []);
  });
});

describe('describeCanonicalTopics', () => {
  it('words canonical topics for a sentence, at most two', () => {
    assert.equal(describeCanonicalTopics(['pricing', 'api', 'demo']), 'pricing and our API');
    assert.equal(describeCanonicalTopics([]), '');
  });
});
