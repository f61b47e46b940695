// The database schema, one module per table group. drizzle-kit reads this file to generate
// migrations; the store modules import tables from here.
export * from './schema/tenants.js';
export * from './schema/runs.js';
export * from './schema/effects.js';
export * from './schema/audit.js';
export * from './schema/auth.js';
