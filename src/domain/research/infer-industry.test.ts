import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { humanizeIndustry, inferIndustry } from './infer-industry.js';

describe('inferIndustry', () => {
  it('reads plain industry words in the name', () => {
    assert.equal(inferIndustry('Bayview Medical Group', null), 'healthcare');
    assert.equal(inferIndustry('Rapid Freight Co', null), 'logistics');
  });

  it('reads the domain, including a long keyword inside one word', () => {
    assert.equal(inferIndustry(null, 'northwindlogistics.com'), 'logistics');
    assert.equal(inferIndustry(null, 'acme-hotels.com'), 'hospitality');
    assert.equal(inferIndustry(null, 'state.edu'), 'education');
  });

  it('gives null when nothing or more than one industry matches', () => {
    assert.equal(inferIndustry('Northwind Systems', 'northwind.io'), null);
    assert.equal(inferIndustry('Health Insurance Partners', null), null);
    assert.equal(inferIndustry(null, null), null);
  });

  it('does not find short keywords hidden inside other words', () => {
    assert.equal(inferIndustry(null, 'bankside.com'), null);
  });
});

describe('humanizeIndustry', () => {
  it('turns HubSpot enum values into words and leaves free text alone', () => {
    assert.equal(humanizeIndustry('COMPUTER_SOFTWARE'), 'computer software');
    assert.equal(humanizeIndustry(' Healthcare '), 'Healthcare');
  });
});
