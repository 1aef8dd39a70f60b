// Runs every benchmark script (packages/*/dist/bench/*.bench.js, or the filters given) in its own process.
// Usage: node scripts/run-bench.mjs [name-filter ...]
import { readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = resolve(import.meta.dirname, '..');
const filters = process.argv.slice(2);
const benches = [];
for (const pkg of readdirSync(join(root, 'packages'))) {
  const dir = join(root, 'packages', pkg, 'dist', 'bench');
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.bench.js')) continue;
    if (filters.length > 0 && !filters.some((f) => name.includes(f) || pkg.includes(f))) continue;
    benches.push(join(dir, name));
  }
}
let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file.slice(root.length + 1)} ===`);
  const r = spawnSync(process.execPath, ['--expose-gc', file], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
