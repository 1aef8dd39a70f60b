// Runs every compiled test file (packages/*/dist/**/*.test.js) with node's test runner, and the web app's tests
// (packages/web: component tests in jsdom and end-to-end tests in Chromium) with Vitest, first, so that node's
// summary stays the last lines.
// Usage: node scripts/run-tests.mjs [package-name-filter ...]
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { postgresForTests } from './postgres-for-tests.mjs';

const root = resolve(import.meta.dirname, '..');
const filters = process.argv.slice(2);

function collect(dir, out) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (name.endsWith('.test.js')) out.push(path);
  }
  return out;
}

// The web app is built by Vite, not tsc (no dist/**/*.test.js): its tests run from source with Vitest.
const web = filters.length === 0 || filters.some((f) => 'web'.includes(f));
let webStatus = 0;
if (web) {
  const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
  const run = spawnSync(process.execPath, [vitest, 'run'], {
    stdio: 'inherit',
    cwd: join(root, 'packages', 'web'),
  });
  webStatus = run.status ?? 1;
}

const files = [];
for (const pkg of readdirSync(join(root, 'packages'))) {
  if (pkg === 'web') continue;
  if (filters.length > 0 && !filters.some((f) => pkg.includes(f))) continue;
  const dist = join(root, 'packages', pkg, 'dist');
  if (existsSync(dist)) collect(dist, files);
}
if (files.length === 0) {
  if (web) process.exit(webStatus);
  console.error('no compiled test files found; run `npm run build` first');
  process.exit(1);
}
files.sort();
const reporter = process.env.CI || !process.stdout.isTTY ? 'spec' : 'spec';
// The store's and the server's shared case suites, and the CLI's crash-safety test, also run on a PostgreSQL server
// (see postgres-for-tests.mjs).
const postgres = files.some((f) =>
  ['store', 'server', 'cli'].some((pkg) => f.includes(join('packages', pkg))),
)
  ? postgresForTests()
  : undefined;
const env = postgres ? { ...process.env, OPENCFP_TEST_DATABASE_URL: postgres } : process.env;
const result = spawnSync(
  process.execPath,
  ['--test', `--test-reporter=${reporter}`, '--test-concurrency=2', ...files],
  { stdio: 'inherit', cwd: root, env },
);
if (webStatus !== 0) console.error(`the web app's tests failed (Vitest, above)`);
process.exit(webStatus !== 0 ? webStatus : (result.status ?? 1));
