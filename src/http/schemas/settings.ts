// Request and response schemas of the settings API. The document itself is validated by the
// settings service (it owns the rules and lists every problem), so the request accepts any object.
import { z } from 'zod';
import { TenantSettingsSchema } from '../../domain/settings.js';

export const SettingsResultSchema = z.object({
  settings: TenantSettingsSchema,
  version: z.number().int().meta({ description: 'Send it back on PUT; a stale version is a 409' }),
  globalKillSwitch: z
    .boolean()
    .meta({ description: 'SEND_KILL_SWITCH: when true nothing is sent, whatever the tenant says' }),
});

export const UpdateSettingsBodySchema = z.strictObject({
  settings: z
    .record(z.string(), z.unknown())
    .meta({ description: 'The whole TenantSettings document (mode is changed through /api/settings/mode)' }),
  version: z.number().int().min(0),
});

export const SetModeBodySchema = z.strictObject({
  mode: z.enum(['DRAFT_ONLY', 'SEND']),
  confirmation: z
    .string()
    .optional()
    .meta({ description: 'Required to turn SEND on: the exact confirmation phrase' }),
  reason: z.string().max(2000).optional().meta({ description: 'Why, for the audit trail' }),
});
