// The committed OpenAPI document and types must be what the server's current routes generate: this regenerates
// both (in memory, nothing written) and fails, naming the command that fixes it, when either differs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

const GENERATE = fileURLToPath(new URL('../scripts/generate.mjs', import.meta.url));

it('packages/client/openapi.json and src/generated/openapi.ts match the server’s routes', () => {
  const run = spawnSync(process.execPath, [GENERATE, '--check'], { encoding: 'utf8' });
  // the script's message names the stale files and the command that fixes them (npm run client:generate)
  assert.equal(run.status, 0, run.stderr.trim() || run.stdout.trim());
});
