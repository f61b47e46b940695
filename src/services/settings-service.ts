// Tenant settings: read, replace (validated, mode excluded), and the guarded switch to SEND.
// Every change is audited with who, what and why.
import type { FieldProblem } from '../domain/errors.js';
import { SEND_CONFIRMATION_PHRASE, TenantSettingsSchema } from '../domain/settings.js';
import type { ServiceDeps } from './service-deps.js';
import type { SettingsOutcome, SettingsService } from './service-types.js';
import type { TenantSettingsCache } from './tenant-settings-cache.js';

export function createSettingsService(deps: ServiceDeps, cache: TenantSettingsCache): SettingsService {
  const { stores } = deps;
  const outcome = (settings: SettingsOutcome & { ok: true }): SettingsOutcome => settings;

  return {
    async get(tenantId) {
      const stored = await cache.get(tenantId);
      return outcome({ ok: true, settings: stored.settings, version: stored.version, globalKillSwitch: deps.globalKillSwitch });
    },

    async update(tenantId, input, expectedVersion, actor) {
      const parsed = TenantSettingsSchema.safeParse(input);
      if (!parsed.success) return { ok: false, code: 'validation', problems: toProblems(parsed.error.issues) };
      const current = await cache.get(tenantId);
      const next = parsed.data;
      if (next.sending.mode !== current.settings.sending.mode) {
        return { ok: false, code: 'validation', problems: [{ field: 'sending.mode', reason: 'change the mode with POST /api/settings/mode, which asks for the confirmation phrase' }] };
      }
      const at = deps.clock().toISOString();
      const saved = await stores.settings.saveSettings(tenantId, next, expectedVersion, at);
      if (!saved) return { ok: false, code: 'conflict', message: `settings changed since version ${expectedVersion}; reload and apply your change again` };
      cache.invalidate(tenantId);
      const changed = Object.keys(next).filter((k) => JSON.stringify(next[k as keyof typeof next]) !== JSON.stringify(current.settings[k as keyof typeof next]));
      await stores.audit.append(tenantId, { actor, action: 'settings.updated', runId: null, stepId: null, details: { changed, version: saved.version }, at });
      return outcome({ ok: true, settings: saved.settings, version: saved.version, globalKillSwitch: deps.globalKillSwitch });
    },

    async setMode(tenantId, change, actor) {
      const current = await cache.get(tenantId);
      if (change.mode === 'SEND') {
        if (change.confirmation !== SEND_CONFIRMATION_PHRASE) {
          return { ok: false, code: 'validation', problems: [{ field: 'confirmation', reason: `type ${SEND_CONFIRMATION_PHRASE} to turn on SEND` }] };
        }
        if (deps.globalKillSwitch || current.settings.sending.killSwitch) {
          const which = deps.globalKillSwitch ? 'the global kill switch (SEND_KILL_SWITCH)' : "the tenant's kill switch";
          return { ok: false, code: 'conflict', message: `SEND cannot be turned on while ${which} is on` };
        }
      }
      const from = current.settings.sending.mode;
      const next = { ...current.settings, sending: { ...current.settings.sending, mode: change.mode } };
      const at = deps.clock().toISOString();
      const saved = await stores.settings.saveSettings(tenantId, next, current.version, at);
      if (!saved) return { ok: false, code: 'conflict', message: 'settings changed while switching mode; try again' };
      cache.invalidate(tenantId);
      await stores.audit.append(tenantId, { actor, action: 'settings.mode-changed', runId: null, stepId: null, details: { from, to: change.mode, reason: change.reason ?? null }, at });
      return outcome({ ok: true, settings: saved.settings, version: saved.version, globalKillSwitch: deps.globalKillSwitch });
    },
  };
}

function toProblems(issues: readonly { path: PropertyKey[]; message: string }[]): FieldProblem[] {
  return issues.map((i) => ({ field: i.path.map(String).join('.'), reason: i.message }));
}
