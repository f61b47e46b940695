import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getDefaultSettings, TenantSettingsSchema } from './settings.js';

describe('tenant settings', () => {
  it('gives a working tenant from an empty object', () => {
    const settings = getDefaultSettings();
    assert.equal(settings.workingHours.start, '09:00');
    assert.equal(settings.slots.durationMinutes, 30);
    assert.equal(settings.voice.maxWords, 200);
    assert.equal(settings.crm.taskDueBusinessDays, 2);
    assert.ok(settings.voice.bannedPunctuation.includes('\u2014'));
  });

  it('lists every invalid field, not only the first', () => {
    const result = TenantSettingsSchema.safeParse({
      seller: { timeZone: 'Mars/Olympus' },
      workingHours: { start: '9am', end: '17:00' },
      slots: { durationMinutes: 0 },
    });
    assert.equal(result.success, false);
    const paths = result.error.issues.map((i) => i.path.join('.')).sort();
    assert.deepEqual(paths, ['seller.timeZone', 'slots.durationMinutes', 'workingHours.start']);
  });

  it('refuses working hours that end before they start', () => {
    const result = TenantSettingsSchema.safeParse({ workingHours: { start: '17:00', end: '09:00' } });
    assert.equal(result.success, false);
    assert.match(result.error.issues[0]!.message, /start before they end/);
  });
});
