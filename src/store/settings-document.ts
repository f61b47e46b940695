// Reading a stored settings document: parsed with the current schema, so a document saved before a
// setting existed comes back with that setting's default. Shared by the SQL and memory settings stores.
import { AppError } from '../domain/errors.js';
import { TenantSettingsSchema, type TenantSettings } from '../domain/settings.js';

export function parseStoredSettings(tenantId: string, document: unknown): TenantSettings {
  const parsed = TenantSettingsSchema.safeParse(document);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
  // Only a hand edit of the table or a schema change without a data migration gets here.
  throw new AppError('internal', `stored settings of tenant ${tenantId} no longer validate (${where})`);
}
