// Where the key secret of signing keys comes from: OPENCFP_KEY_SECRET, else a file made once (mode 0600) in the data
// directory, else (data in memory) a secret of the process.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadConfig } from './config.js';
import { ServerError } from './errors.js';
import { KEY_SECRET_FILE, SigningSecret } from './signing-secret.js';

const dir = mkdtempSync(join(tmpdir(), 'opencfp-key-secret-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const config = (env: Record<string, string>) => loadConfig({ env, cwd: dir });

test('OPENCFP_KEY_SECRET wins, and no file is made', () => {
  const secret = 'a key secret of at least thirty-two characters!';
  const data = join(dir, 'env');
  assert.equal(
    new SigningSecret(config({ OPENCFP_KEY_SECRET: secret, OPENCFP_DATA_DIR: data })).get(),
    secret,
  );
  assert.equal(existsSync(join(data, KEY_SECRET_FILE)), false);
});

test('without it, a random secret is made once in the data directory, mode 0600, and read again by the next server', () => {
  const data = join(dir, 'made');
  const warnings: string[] = [];
  const logger = { error: () => {}, warn: (m: string) => warnings.push(m) };
  const first = new SigningSecret(config({ OPENCFP_DATA_DIR: data }), logger);
  assert.equal(existsSync(join(data, KEY_SECRET_FILE)), false, 'nothing until a key is needed');
  const secret = first.get();
  assert.match(secret, /^[0-9a-f]{64}$/);
  assert.equal(statSync(join(data, KEY_SECRET_FILE)).mode & 0o777, 0o600);
  assert.equal(
    new SigningSecret(config({ OPENCFP_DATA_DIR: data }), logger).get(),
    secret,
    'the same next time',
  );
  // a file others could read is made private again, with a warning
  chmodSync(join(data, KEY_SECRET_FILE), 0o644);
  assert.equal(new SigningSecret(config({ OPENCFP_DATA_DIR: data }), logger).get(), secret);
  assert.equal(statSync(join(data, KEY_SECRET_FILE)).mode & 0o777, 0o600);
  assert.match(warnings.join('\n'), /could be read by others \(mode 644\): made it 0600/);
  // an emptied file is an error that says what to do, not a new secret (the keys would be lost)
  writeFileSync(join(data, KEY_SECRET_FILE), '\n');
  assert.throws(
    () => new SigningSecret(config({ OPENCFP_DATA_DIR: data })).get(),
    (e: unknown) =>
      e instanceof ServerError && e.code === 'INVALID_CONFIG' && /restore it from a backup/.test(e.message),
  );
  assert.equal(readFileSync(join(data, KEY_SECRET_FILE), 'utf8'), '\n');
});

test('data in memory: a secret of the process (a warning when the database outlives it)', () => {
  const warnings: string[] = [];
  const logger = { error: () => {}, warn: (m: string) => warnings.push(m) };
  const memory = new SigningSecret(config({ OPENCFP_DATA_DIR: ':memory:' }), logger);
  assert.equal(memory.get(), memory.get());
  assert.notEqual(memory.get(), new SigningSecret(config({ OPENCFP_DATA_DIR: ':memory:' })).get());
  assert.deepEqual(warnings, []);
  new SigningSecret(
    config({ OPENCFP_DATA_DIR: ':memory:', DATABASE_URL: 'postgres://u:p@db/x' }),
    logger,
  ).get();
  assert.match(warnings[0], /set OPENCFP_KEY_SECRET/);
});

test('a short OPENCFP_KEY_SECRET is a configuration error that does not repeat it', () => {
  assert.throws(
    () => config({ OPENCFP_KEY_SECRET: 'short-secret-value' }),
    (e: unknown) => {
      assert.ok(e instanceof ServerError && e.code === 'INVALID_CONFIG');
      assert.match(e.message, /OPENCFP_KEY_SECRET: the key secret must have at least 32 characters/);
      assert.doesNotMatch(e.message, /short-secret-value/);
      return true;
    },
  );
  assert.throws(() => config({ OPENCFP_PUBLIC_URL: 'https://cfp.example.org/path' }), /OPENCFP_PUBLIC_URL/);
});
