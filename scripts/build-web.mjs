#!/usr/bin/env node
// Builds the dashboard (web/) into web/dist with Vite and prints the bundle's gzipped size, failing
// above the 400 kB budget. --if-stale builds only when web/dist is missing or older than a source;
// --dev runs Vite's dev server with /api proxied to the service (API_URL, default http://localhost:3000).
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../web', import.meta.url));
const dist = join(root, 'dist');
const BUDGET_BYTES = 400 * 1024;
const args = new Set(process.argv.slice(2));

function files(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

function newestSourceMs() {
  const sources = [...files(join(root, 'src')), join(root, 'index.html'), fileURLToPath(import.meta.url)];
  return Math.max(...sources.map((f) => statSync(f).mtimeMs));
}

function isStale() {
  const built = join(dist, 'index.html');
  return !existsSync(built) || statSync(built).mtimeMs < newestSourceMs();
}

async function viteConfig() {
  const { default: react } = await import('@vitejs/plugin-react');
  return {
    root,
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir: dist, emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 400 },
    server: { proxy: { '/api': { target: process.env.API_URL ?? 'http://localhost:3000', changeOrigin: false } } },
  };
}

function report() {
  let total = 0;
  const lines = [];
  for (const file of files(dist)) {
    if (!/\.(js|css|html)$/.test(file)) continue;
    const gz = gzipSync(readFileSync(file)).length;
    total += gz;
    lines.push(`  ${relative(root, file).padEnd(40)} ${(gz / 1024).toFixed(1).padStart(7)} kB gzipped`);
  }
  console.log(lines.join('\n'));
  console.log(`dashboard bundle: ${(total / 1024).toFixed(1)} kB gzipped (budget ${BUDGET_BYTES / 1024} kB)`);
  if (total > BUDGET_BYTES) {
    console.error('error: the dashboard bundle is over its budget');
    process.exit(1);
  }
}

if (args.has('--dev')) {
  const { createServer } = await import('vite');
  const server = await createServer({ ...(await viteConfig()), logLevel: 'info' });
  await server.listen();
  server.printUrls();
} else if (args.has('--if-stale') && !isStale()) {
  console.log('dashboard: web/dist is up to date');
} else {
  const { build } = await import('vite');
  await build(await viteConfig());
  report();
}
