// The SettingsStore contract as tests, run against memory, PGlite and PostgreSQL: a tenant is created
// once, documents come back with today's defaults, and a save on a stale version is refused.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getDefaultSettings, type TenantSettings } from '../domain/settings.js';
import type { MakeStores } from './port-fixtures.js';
import { newTenant } from './store-fixtures.js';

const T0 = '2026-11-25T10:00:00-05:00';
const T1 = '2026-11-25T15:30:00.000Z';

function withSeller(name: string): TenantSettings {
  const settings = getDefaultSettings();
  return { ...settings, seller: { ...settings.seller, name } };
}

export function runSettingsStoreConformance(name: string, makeStores: MakeStores): void {
  describe(`SettingsStore conformance: ${name}`, () => {
    it('creates the tenant with its initial settings once; later calls return what is stored', async () => {
      const { settings } = await makeStores();
      const tenant = newTenant();
      assert.equal(await settings.getSettings(tenant), null);
      const created = await settings.ensureTenant(tenant, 'Northwind', withSeller('Ada'), T0);
      assert.deepEqual(created, {
        tenantId: tenant,
        settings: withSeller('Ada'),
        version: 1,
        updatedAt: '2026-11-25T15:00:00.000Z',
      });
      assert.deepEqual(await settings.ensureTenant(tenant, 'Renamed', withSeller('Bob'), T1), created);
      assert.deepEqual(await settings.getSettings(tenant), created);
    });

    it('fills what an older stored document lacks with the current defaults', async () => {
      const { settings } = await makeStores();
      const tenant = newTenant();
      const older = { seller: { name: 'Ada Lovelace' } } as unknown as TenantSettings;
      const stored = await settings.ensureTenant(tenant, 'Old tenant', older, T0);
      const expected = getDefaultSettings();
      expected.seller.name = 'Ada Lovelace';
      assert.deepEqual(stored.settings, expected);
      assert.deepEqual((await settings.getSettings(tenant))?.settings, expected);
    });

    it('saves on the expected version, one version up, and refuses a stale one', async () => {
      const { settings } = await makeStores();
      const tenant = newTenant();
      await settings.ensureTenant(tenant, 'Northwind', getDefaultSettings(), T0);
      const saved = await settings.saveSettings(tenant, withSeller('Grace'), 1, T1);
      assert.deepEqual(saved, { tenantId: tenant, settings: withSeller('Grace'), version: 2, updatedAt: T1 });
      assert.equal(await settings.saveSettings(tenant, withSeller('Stale'), 1, T1), null);
      assert.deepEqual(await settings.getSettings(tenant), saved);
    });

    it('lets exactly one of two concurrent saves on one version win', async () => {
      const { settings } = await makeStores();
      const tenant = newTenant();
      await settings.ensureTenant(tenant, 'Northwind', getDefaultSettings(), T0);
      const results = await Promise.all([
        settings.saveSettings(tenant, withSeller('A'), 1, T1),
        settings.saveSettings(tenant, withSeller('B'), 1, T1),
      ]);
      const winners = results.filter((r) => r !== null);
      assert.equal(winners.length, 1);
      assert.deepEqual(await settings.getSettings(tenant), winners[0]);
    });

    it("keeps tenants apart: saving one tenant's settings never touches another's", async () => {
      const { settings } = await makeStores();
      const [tenantA, tenantB] = [newTenant(), newTenant()];
      await settings.ensureTenant(tenantA, 'A', withSeller('Ada'), T0);
      const b = await settings.ensureTenant(tenantB, 'B', withSeller('Bob'), T0);
      await settings.saveSettings(tenantA, withSeller('Changed'), 1, T1);
      assert.deepEqual(await settings.getSettings(tenantB), b);
      assert.equal(await settings.saveSettings(newTenant(), withSeller('Nobody'), 1, T1), null);
    });
  });
}
