import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Store } from '@opencfp/store';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { clientAddress, rateLimit } from './rate-limit.js';
import { createRouter } from './routing.js';

const silent = { error: () => undefined, warn: () => undefined };

function appWith(limiter: ReturnType<typeof rateLimit>, env: Record<string, string> = {}) {
  const config = loadConfig({ env: { OPENCFP_DATA_DIR: ':memory:', ...env } });
  const app = createApp({ store: {} as Store, config, logger: silent });
  const router = createRouter();
  router.get('/r', limiter, (c) => c.json({ client: clientAddress(c) }));
  app.route('/', router);
  return app;
}

test('fixed windows: counters per key, reset when the window ends', async () => {
  let now = 1_000_000;
  const app = appWith(
    rateLimit({ max: 2, windowSeconds: 10, now: () => now, key: (c) => c.req.header('x-client') ?? '?' }),
  );
  const hit = async (client: string) => (await app.request('/r', { headers: { 'x-client': client } })).status;
  assert.deepEqual([await hit('a'), await hit('a'), await hit('a'), await hit('b')], [200, 200, 429, 200]);
  now += 9_999;
  assert.equal(await hit('a'), 429);
  const limited = await app.request('/r', { headers: { 'x-client': 'a' } });
  assert.equal(limited.headers.get('retry-after'), '1');
  now += 1;
  assert.equal(await hit('a'), 200);
});

test('the client address comes from X-Forwarded-For only when trustProxy is set', async () => {
  const headers = { 'x-forwarded-for': '203.0.113.7, 10.0.0.1' };
  const trusting = appWith(rateLimit({ max: 5, windowSeconds: 60 }), { OPENCFP_TRUST_PROXY: 'true' });
  assert.deepEqual(await (await trusting.request('/r', { headers })).json(), { client: '203.0.113.7' });
  const plain = appWith(rateLimit({ max: 5, windowSeconds: 60 }));
  assert.deepEqual(await (await plain.request('/r', { headers })).json(), { client: 'unknown' });
});
