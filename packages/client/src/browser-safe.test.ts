// The client runs in browsers as well as in Node 20: its compiled runtime may import nothing but openapi-fetch and
// its own files, and may not reach for Node's globals.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

const DIST = fileURLToPath(new URL('.', import.meta.url));
/** Files of the package that only Node runs (tests, and the type checks that tsc compiles but nobody runs). */
const NODE_ONLY = /\.test\.js$|^client-type-checks\.js$/;

it('the runtime imports only openapi-fetch and its own modules, and uses no Node globals', () => {
  const runtime = readdirSync(DIST, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js') && !NODE_ONLY.test(file))
    .sort();
  assert.ok(runtime.includes('index.js') && runtime.includes('create-client.js'), runtime.join(', '));
  for (const file of runtime) {
    const code = readFileSync(`${DIST}/${file}`, 'utf8');
    const imported = [
      ...code.matchAll(
        /\b(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]/g,
      ),
    ].map((m) => m[1] ?? m[2]);
    for (const specifier of imported)
      assert.ok(specifier === 'openapi-fetch' || specifier.startsWith('./'), `${file} imports ${specifier}`);
    assert.doesNotMatch(
      code,
      /\b(?:process|Buffer|require|__dirname|__filename)\s*[.(]/,
      `${file} uses a Node global`,
    );
  }
});
