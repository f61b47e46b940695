// Tenants and their settings document, versioned for optimistic locking.
import type { TenantSettings } from '../settings.js';

export interface StoredSettings {
  tenantId: string;
  settings: TenantSettings;
  version: number;
  updatedAt: string;
}

export interface SettingsStore {
  /** Creates the tenant with these settings when it does not exist; returns what is stored. */
  ensureTenant(tenantId: string, name: string, initial: TenantSettings, now: string): Promise<StoredSettings>;
  getSettings(tenantId: string): Promise<StoredSettings | null>;
  /** Saves when the stored version is `expectedVersion`; null on a conflict. */
  saveSettings(tenantId: string, settings: TenantSettings, expectedVersion: number, now: string): Promise<StoredSettings | null>;
}
