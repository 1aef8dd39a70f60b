import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadConfig, uploadDirOf } from './config.js';
import { ERROR_STATUS, ServerError, errorResponse } from './errors.js';
import { StoreError } from '@opencfp/store';

const dir = mkdtempSync(join(tmpdir(), 'opencfp-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function configError(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    assert.ok(e instanceof ServerError);
    assert.equal(e.code, 'INVALID_CONFIG');
    return e.message;
  }
  assert.fail('expected INVALID_CONFIG');
}

test('defaults', () => {
  const config = loadConfig({ env: {}, cwd: '/srv/opencfp' });
  assert.deepEqual(config, {
    port: 3000,
    host: '127.0.0.1',
    dataDir: '/srv/opencfp/data',
    corsOrigins: [],
    bodyLimitBytes: 1024 * 1024,
    rateLimits: { auth: { max: 10, windowSeconds: 60 }, public: { max: 600, windowSeconds: 60 } },
    trustProxy: false,
    validateResponses: true,
    uploadLimitBytes: 2 * 1024 ** 3,
    uploadDir: null,
    uploadRetentionHours: 24,
    jobs: { run: true, concurrency: 1, pollMs: 1000, heartbeatMs: 5000, staleMs: 30_000 },
    webDir: null,
    keySecret: null,
    publicUrl: null,
  });
  assert.equal(uploadDirOf(config), '/srv/opencfp/data-uploads', 'beside the data directory, not in it');
});

test('environment variables, with sizes, lists and booleans as text; empty ones are unset', () => {
  const config = loadConfig({
    cwd: '/srv',
    env: {
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u:p@db:5432/opencfp',
      OPENCFP_DATA_DIR: ':memory:',
      OPENCFP_CORS_ORIGINS: 'https://app.example.org, http://localhost:5173',
      OPENCFP_BODY_LIMIT: '2.5mb',
      OPENCFP_AUTH_RATE_LIMIT_MAX: '5',
      OPENCFP_AUTH_RATE_LIMIT_WINDOW_SECONDS: '300',
      OPENCFP_PUBLIC_RATE_LIMIT_MAX: '100',
      OPENCFP_PUBLIC_RATE_LIMIT_WINDOW_SECONDS: '10',
      OPENCFP_TRUST_PROXY: 'true',
      OPENCFP_VALIDATE_RESPONSES: '0',
      OPENCFP_UPLOAD_LIMIT: '500mb',
      OPENCFP_UPLOAD_DIR: 'uploads',
      OPENCFP_UPLOAD_RETENTION_HOURS: '72',
      OPENCFP_JOBS_RUN: 'no',
      OPENCFP_JOBS_CONCURRENCY: '2',
      OPENCFP_JOBS_POLL_MS: '250',
      OPENCFP_JOBS_HEARTBEAT_MS: '1000',
      OPENCFP_JOBS_STALE_MS: '4000',
      OPENCFP_WEB_DIR: 'web/dist',
      OPENCFP_KEY_SECRET: 'a key secret of at least thirty-two characters',
      OPENCFP_PUBLIC_URL: 'https://cfp.example.org',
      OPENCFP_CONFIG: '',
    },
  });
  assert.deepEqual(config, {
    port: 8080,
    host: '0.0.0.0',
    databaseUrl: 'postgres://u:p@db:5432/opencfp',
    dataDir: null,
    corsOrigins: ['https://app.example.org', 'http://localhost:5173'],
    bodyLimitBytes: 2.5 * 1024 * 1024,
    rateLimits: { auth: { max: 5, windowSeconds: 300 }, public: { max: 100, windowSeconds: 10 } },
    trustProxy: true,
    validateResponses: false,
    uploadLimitBytes: 500 * 1024 ** 2,
    uploadDir: '/srv/uploads',
    uploadRetentionHours: 72,
    jobs: { run: false, concurrency: 2, pollMs: 250, heartbeatMs: 1000, staleMs: 4000 },
    webDir: '/srv/web/dist',
    keySecret: 'a key secret of at least thirty-two characters',
    publicUrl: 'https://cfp.example.org',
  });
  assert.equal(uploadDirOf(config), '/srv/uploads');
  assert.equal(
    uploadDirOf({ ...config, uploadDir: null }),
    join(tmpdir(), 'opencfp-uploads'),
    'data in memory',
  );
});

test('a JSON file (OPENCFP_CONFIG), overridden by the environment', () => {
  const path = file('config.json', {
    port: 9000,
    host: '0.0.0.0',
    corsOrigins: ['https://app.example.org'],
    bodyLimit: 4096,
    rateLimits: { auth: { max: 3 } },
  });
  const config = loadConfig({ cwd: dir, env: { OPENCFP_CONFIG: path, PORT: '9001' } });
  assert.equal(config.port, 9001);
  assert.equal(config.host, '0.0.0.0');
  assert.deepEqual(config.corsOrigins, ['https://app.example.org']);
  assert.equal(config.bodyLimitBytes, 4096);
  assert.deepEqual(config.rateLimits.auth, { max: 3, windowSeconds: 60 });
  // the environment overrides one nested value and keeps the file's others
  const nested = loadConfig({ cwd: dir, file: path, env: { OPENCFP_AUTH_RATE_LIMIT_WINDOW_SECONDS: '10' } });
  assert.deepEqual(nested.rateLimits.auth, { max: 3, windowSeconds: 10 });
});

test('errors name the setting and where it came from', () => {
  const message = configError(() =>
    loadConfig({
      env: { PORT: 'eighty', OPENCFP_CORS_ORIGINS: 'https://ok.example.org,https://bad.example.org/path' },
    }),
  );
  assert.match(message, /the environment variable PORT/);
  assert.match(message, /the environment variable OPENCFP_CORS_ORIGINS: expected an origin/);

  assert.match(
    configError(() => loadConfig({ env: { OPENCFP_BODY_LIMIT: 'lots' } })),
    /OPENCFP_BODY_LIMIT: expected a size such as/,
  );
  assert.match(
    configError(() => loadConfig({ env: { OPENCFP_TRUST_PROXY: 'maybe' } })),
    /OPENCFP_TRUST_PROXY/,
  );
  assert.match(
    configError(() =>
      loadConfig({ env: { OPENCFP_JOBS_HEARTBEAT_MS: '5000', OPENCFP_JOBS_STALE_MS: '6000' } }),
    ),
    /OPENCFP_JOBS_STALE_MS: staleMs must be at least twice heartbeatMs/,
  );
  const path = file('typo.json', { prot: 80 });
  assert.match(
    configError(() => loadConfig({ env: {}, file: path })),
    /unknown setting\(s\) 'prot'/,
  );
  const nested = file('nested.json', { rateLimits: { auth: { maximum: 3 } } });
  assert.match(
    configError(() => loadConfig({ env: {}, file: nested })),
    /'rateLimits.auth' in .*nested\.json: unknown setting\(s\) 'maximum'/,
  );
  assert.match(
    configError(() => loadConfig({ env: {}, file: file('bad.json', '{ port: 1 }') })),
    /is not valid JSON/,
  );
  assert.match(
    configError(() => loadConfig({ env: {}, file: file('array.json', '[]') })),
    /must hold one JSON object/,
  );
  assert.match(
    configError(() => loadConfig({ env: { OPENCFP_CONFIG: join(dir, 'missing.json') } })),
    /cannot read/,
  );
});

test('the error table maps every code to a 4xx or 5xx; 5xx bodies hide the message', () => {
  for (const [code, status] of Object.entries(ERROR_STATUS)) assert.ok(status >= 400 && status < 600, code);
  assert.equal(ERROR_STATUS.NOT_FOUND, 404);
  assert.equal(ERROR_STATUS.VERSION_CONFLICT, 409);
  assert.equal(ERROR_STATUS.INVALID_REFERENCE, 422);
  const hidden = errorResponse(new StoreError('MIGRATION_FAILED', 'statement 3 failed: relation x'), 'req-1');
  assert.equal(hidden.status, 500);
  assert.ok(hidden.internal);
  assert.deepEqual(hidden.body.details, { requestId: 'req-1' });
  assert.doesNotMatch(hidden.body.message, /relation x/);
  const shown = errorResponse(
    new ServerError('FORBIDDEN', 'needs the editor role', { details: { role: 'viewer' } }),
  );
  assert.deepEqual(shown, {
    status: 403,
    internal: false,
    body: { code: 'FORBIDDEN', message: 'needs the editor role', details: { role: 'viewer' } },
  });
});
