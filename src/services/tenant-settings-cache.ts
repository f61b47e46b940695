// Reads a tenant's settings, creating the tenant on first sight, with a short cache so a burst of
// webhooks does not read the same document once per request. Writes go through invalidate().
import type { StoredSettings } from '../domain/ports/settings-store.js';
import type { ServiceDeps } from './service-deps.js';

export interface TenantSettingsCache {
  get(tenantId: string): Promise<StoredSettings>;
  invalidate(tenantId: string): void;
}

export function createTenantSettingsCache(deps: Pick<ServiceDeps, 'stores' | 'initialSettings' | 'clock'>, ttlMs = 2000): TenantSettingsCache {
  const cache = new Map<string, { value: Promise<StoredSettings>; until: number }>();
  return {
    get(tenantId) {
      const now = deps.clock().getTime();
      const hit = cache.get(tenantId);
      if (hit && hit.until > now) return hit.value;
      const value = load(tenantId);
      cache.set(tenantId, { value, until: now + ttlMs });
      value.catch(() => cache.delete(tenantId));
      return value;
    },
    invalidate(tenantId) {
      cache.delete(tenantId);
    },
  };

  async function load(tenantId: string): Promise<StoredSettings> {
    const stored = await deps.stores.settings.getSettings(tenantId);
    if (stored) return stored;
    return deps.stores.settings.ensureTenant(tenantId, tenantId, deps.initialSettings(tenantId), deps.clock().toISOString());
  }
}
