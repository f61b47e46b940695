import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractTopics } from './extract-topics.js';

describe('extractTopics', () => {
  it('maps synonyms and stems to canonical topics in order of first mention', () => {
    const text = 'We need SSO and want to know the price for 40 seats. Does it integrate with Salesforce?';
    assert.deepEqual(extractTopics(text), ['security', 'pricing', 'seats', 'integration']);
  });

  it('lists each topic once, however often it is mentioned', () => {
    assert.deepEqual(extractTopics('Pricing? Prices! What does it cost, and the price of SSO?'), [
      'pricing',
      'security',
    ]);
  });

  it('reads multi-word topics and phrases across punctuation and case', () => {
    assert.deepEqual(extractTopics('Do you have a Case-Study on ROI for a data-warehouse migration?'), [
      'case study',
      'roi',
      'data',
      'migration',
    ]);
  });

  it('matches whole words only', () => {
    assert.deepEqual(extractTopics('Our apiary business is priceless and we reported nothing'), []);
  });

  it('does not read the verb "support" as the support topic', () => {
    assert.deepEqual(extractTopics('Do you support SAML?'), ['security']);
    assert.deepEqual(extractTopics('What are your support hours and SLA?'), ['support']);
  });

  it('reads a counted number of users as seats, but not "our users"', () => {
    assert.deepEqual(extractTopics('A plan for 120 users'), ['seats']);
    assert.deepEqual(extractTopics('Our users like it'), []);
  });

  it('recognises the common sales topics', () => {
    const text =
      'onboarding, reporting, analytics, dashboards, forecasting, demo, free trial, contract renewal, ' +
      'customer support, implementation, API, compliance, procurement, timeline';
    assert.deepEqual(extractTopics(text), [
      'onboarding',
      'reporting',
      'analytics',
      'dashboards',
      'forecasting',
      'demo',
      'trial',
      'contract',
      'renewal',
      'support',
      'implementation',
      'api',
      'compliance',
      'procurement',
      'timeline',
    ]);
  });

  it('gives nothing for empty or topic-free text', () => {
    assert.deepEqual(extractTopics(''), []);
    assert.deepEqual(extractTopics('Hi there, hope you are well.'), []);
  });
});
