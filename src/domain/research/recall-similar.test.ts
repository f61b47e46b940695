import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PastOutreach } from '../ports/history.js';
import { collectOtherCompanyNames, recallSimilar } from './recall-similar.js';

function past(over: Partial<PastOutreach> & Pick<PastOutreach, 'id'>): PastOutreach {
  return {
    industry: 'healthcare',
    companySize: 'mid',
    topics: ['pricing'],
    angle: `angle ${over.id}`,
    cta: 'book-meeting',
    outcome: 'replied',
    companyName: `Client ${over.id}`,
    ...over,
  };
}

const CTX = {
  industry: 'Healthcare',
  sizeBand: 'mid' as const,
  topics: ['pricing', 'security'],
  companyName: 'Acme Health',
};

describe('recallSimilar', () => {
  it('returns only successful outreach, best matches first, at most 3', () => {
    const history = [
      past({ id: 'a', topics: [], industry: null }),
      past({ id: 'b', outcome: 'no-reply', topics: ['pricing', 'security'] }),
      past({ id: 'c', topics: ['pricing', 'security'] }),
      past({ id: 'd', outcome: 'meeting-booked' }),
      past({ id: 'e' }),
      past({ id: 'f', industry: 'retail', companySize: 'large', topics: ['onboarding'] }),
    ];
    const patterns = recallSimilar(history, CTX);
    assert.deepEqual(
      patterns.map((p) => p.angle),
      ['angle c', 'angle d', 'angle e'],
    );
    assert.deepEqual(patterns[0], {
      angle: 'angle c',
      cta: 'book-meeting',
      outcome: 'replied',
      matchedOn: ['industry', 'size', 'topic:pricing', 'topic:security'],
    });
  });

  it("never returns outreach to the lead's own company", () => {
    const history = [past({ id: 'a', companyName: 'ACME Health, Inc.' }), past({ id: 'b' })];
    assert.deepEqual(
      recallSimilar(history, CTX).map((p) => p.angle),
      ['angle b'],
    );
  });

  it('carries no client detail, and drops an angle that names a client', () => {
    const history = [
      past({ id: 'a', angle: 'offered Globex a pricing walkthrough', companyName: 'Globex Corp' }),
      past({ id: 'b' }),
    ];
    const patterns = recallSimilar(history, CTX);
    assert.deepEqual(
      patterns.map((p) => p.angle),
      ['angle b'],
    );
    assert.deepEqual(Object.keys(patterns[0]!).sort(), ['angle', 'cta', 'matchedOn', 'outcome']);
    assert.doesNotMatch(JSON.stringify(patterns), /Client b/);
  });

  it('returns nothing when nothing matches', () => {
    assert.deepEqual(
      recallSimilar([past({ id: 'a', industry: 'retail', companySize: 'large', topics: [] })], CTX),
      [],
    );
  });

  it('gives each angle once', () => {
    const history = [
      past({ id: 'a', angle: 'Pricing walkthrough' }),
      past({ id: 'b', angle: 'pricing walkthrough ' }),
    ];
    assert.equal(recallSimilar(history, CTX).length, 1);
  });
});

describe('collectOtherCompanyNames', () => {
  it("lists every other client once, never the lead's own company", () => {
    const history = [
      past({ id: 'a', companyName: 'Globex Corp' }),
      past({ id: 'b', companyName: 'globex corp.' }),
      past({ id: 'c', companyName: 'Acme Health Inc' }),
      past({ id: 'd', companyName: null }),
      past({ id: 'e', companyName: 'Initech', outcome: 'no-reply' }),
    ];
    assert.deepEqual(collectOtherCompanyNames(history, 'Acme Health'), ['Globex Corp', 'Initech']);
  });
});
