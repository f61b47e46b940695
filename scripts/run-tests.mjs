#!/usr/bin/env node
// Runs the whole suite with node's test runner. Node 20 does not expand globs itself, so the test
// files are listed here. Extra arguments are passed through (e.g. a file path to run one file).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...findTests(full));
    else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

const args = process.argv.slice(2);
const files = args.some((a) => a.endsWith('.ts')) ? [] : ['src', 'test'].flatMap((d) => {
  try { return findTests(d); } catch { return []; }
}).sort();
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...args, ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
