import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findQuestions, isQuestionSentence, splitSentences } from './find-questions.js';

describe('findQuestions', () => {
  it('finds sentences ending in a question mark', () => {
    assert.deepEqual(findQuestions('Thanks for the guide. Does it cover SSO? We start soon.'), [
      'Does it cover SSO?',
    ]);
  });

  it('finds questions without a question mark from their opening words', () => {
    assert.ok(isQuestionSentence('Can you send pricing for 40 seats.'));
    assert.ok(isQuestionSentence('How much does the enterprise plan cost'));
    assert.ok(isQuestionSentence('Which plan includes SSO'));
    assert.ok(isQuestionSentence('Is there a free trial'));
    assert.ok(isQuestionSentence('Just wondering if you offer a pilot.'));
  });

  it('does not take statements that open with a question word for questions', () => {
    assert.equal(isQuestionSentence('Would love to see a demo.'), false);
    assert.equal(isQuestionSentence('When we spoke last week, you mentioned a trial.'), false);
    assert.equal(isQuestionSentence('Will do.'), false);
    assert.equal(isQuestionSentence('We are evaluating tools.'), false);
  });

  it('splits on sentence ends and line breaks', () => {
    assert.deepEqual(splitSentences('One. Two?\nThree'), ['One.', 'Two?', 'Three']);
    assert.deepEqual(splitSentences('Hi Alex,\nCan you help?\n- first\n- second'), [
      'Hi Alex,',
      'Can you help?',
      '- first',
      '- second',
    ]);
  });

  it('keeps a hard-wrapped question whole', () => {
    assert.deepEqual(
      findQuestions('Thanks for the guide. Could you send pricing for\nour 40 seats and\nSSO?\n\nJane'),
      ['Could you send pricing for our 40 seats and SSO?'],
    );
  });
});
