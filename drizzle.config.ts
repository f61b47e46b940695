// drizzle-kit configuration: `npx drizzle-kit generate` diffs src/store/schema.ts against the last
// snapshot and writes SQL into src/store/migrations/. The app applies them itself (openDatabase().migrate()).
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/schema.ts',
  out: './src/store/migrations',
  strict: true,
  verbose: true,
});
