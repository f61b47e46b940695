import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromHubSpotTimeZone, normalizeTimeZone } from './normalize-time-zone.js';

void describe('normalizeTimeZone', () => {
  void it("spells HubSpot's enum values as IANA zones", () => {
    assert.equal(fromHubSpotTimeZone('america_slash_los_angeles'), 'America/Los_Angeles');
    assert.equal(normalizeTimeZone(' America_Slash_New_York '), 'America/New_York');
    assert.equal(normalizeTimeZone('america_slash_port_hyphen_au_hyphen_prince'), null);
  });

  void it('keeps valid zones and links, fixing only their case', () => {
    assert.equal(normalizeTimeZone('UTC'), 'UTC');
    assert.equal(normalizeTimeZone('utc'), 'UTC');
    assert.equal(normalizeTimeZone('asia/tokyo'), 'Asia/Tokyo');
    assert.equal(normalizeTimeZone('Asia/Kolkata'), 'Asia/Kolkata');
  });

  void it('refuses what is not a zone', () => {
    for (const value of ['Mars/Olympus', 'GMT+2:00', '+02:00', 'Eastern', ''])
      assert.equal(normalizeTimeZone(value), null, value);
  });
});
