import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectUrgency } from './detect-urgency.js';

const NOW = '2026-11-20T15:00:00Z';

describe('detectUrgency', () => {
  it('is high when the prospect names a strong signal', () => {
    const result = detectUrgency(
      ['We need this ASAP, our contract renewal is by Friday.'],
      '2026-11-20T10:00:00Z',
      NOW,
    );
    assert.equal(result.level, 'high');
    assert.deepEqual(result.signals, ['asap', 'by a named day', 'contract renewal']);
  });

  it('reads end of quarter, deadlines and evaluating alternatives', () => {
    const result = detectUrgency(
      ['We are evaluating alternatives before the end of the quarter deadline.'],
      NOW,
      NOW,
    );
    assert.deepEqual(result.signals, ['deadline', 'end of quarter', 'evaluating alternatives']);
  });

  it('is normal without signals and low when the last message is over 60 days old', () => {
    assert.deepEqual(detectUrgency(['Could you share pricing?'], '2026-11-01T10:00:00Z', NOW), {
      level: 'normal',
      signals: [],
    });
    assert.equal(detectUrgency(['Could you share pricing?'], '2026-09-01T10:00:00Z', NOW).level, 'low');
  });

  it('lets staleness win over an old signal but still lists it', () => {
    assert.deepEqual(detectUrgency(['Urgent please'], '2026-06-01T10:00:00Z', NOW), {
      level: 'low',
      signals: ['urgent'],
    });
  });

  it('does not read "thanks for the call today" as urgent', () => {
    assert.equal(detectUrgency(['Thanks for the call today.'], NOW, NOW).level, 'normal');
  });
});
