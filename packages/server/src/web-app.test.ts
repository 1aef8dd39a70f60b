// The built web app served by a real listening server (in-memory PGlite) from a folder laid out like Vite's output.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from './config.js';
import { startServer, type RunningServer } from './serve.js';
import { WEB_APP_CSP } from './web-app.js';

const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head></html>';

/** A GET with the path sent exactly as given (fetch would normalise `..` and `%2e%2e` before sending). */
function rawGet(url: string, path: string): Promise<{ status: number; type: string; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the web app served with the API (webDir)', () => {
  const base = mkdtempSync(join(tmpdir(), 'opencfp-web-app-'));
  const webDir = join(base, 'dist');
  let server: RunningServer;

  before(async () => {
    mkdirSync(join(webDir, 'assets'), { recursive: true });
    writeFileSync(join(webDir, 'index.html'), INDEX);
    writeFileSync(join(webDir, 'assets', 'index-abc123.js'), 'console.log("app")');
    writeFileSync(join(webDir, 'assets', 'index-abc123.css'), 'body{margin:0}');
    writeFileSync(join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(base, 'secret.txt'), 'outside the web folder');
    symlinkSync(join(base, 'secret.txt'), join(webDir, 'link-out.txt'));
    server = await startServer(
      loadConfig({ env: { PORT: '0', OPENCFP_DATA_DIR: ':memory:', OPENCFP_WEB_DIR: webDir } }),
    );
  });
  after(async () => {
    await server.close();
    rmSync(base, { recursive: true, force: true });
  });

  test('/ is index.html, never cached without revalidation, with the app’s own CSP', async () => {
    const res = await fetch(`${server.url}/`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    assert.equal(res.headers.get('content-security-policy'), WEB_APP_CSP);
    assert.match(WEB_APP_CSP, /script-src 'self';/);
    assert.doesNotMatch(WEB_APP_CSP, /unsafe-inline|unsafe-eval|https?:/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', 'the security headers stay');
    assert.equal(await res.text(), INDEX);
  });

  test('hashed assets with their content types, cached for a year', async () => {
    const js = await fetch(`${server.url}/assets/index-abc123.js`);
    assert.equal(js.status, 200);
    assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(await js.text(), 'console.log("app")');
    const css = await fetch(`${server.url}/assets/index-abc123.css`);
    assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
    await css.text();
    const svg = await fetch(`${server.url}/favicon.svg`);
    assert.equal(svg.headers.get('content-type'), 'image/svg+xml');
    assert.equal(svg.headers.get('cache-control'), 'no-cache', 'not hashed: revalidated');
    await svg.text();
  });

  test("the app's routes get index.html (SPA fallback); a missing asset is 404", async () => {
    for (const path of ['/databases', '/databases/v-1/processes/p%201', '/orgs/x/anything.json']) {
      const res = await fetch(`${server.url}${path}`);
      assert.equal(res.status, 200, path);
      assert.equal(await res.text(), INDEX, path);
    }
    const missing = await fetch(`${server.url}/assets/index-gone.js`);
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { code: string }).code, 'NOT_FOUND');
  });

  test('the API keeps its paths: unknown /v1 paths are 404 JSON, /health and /openapi.json answer', async () => {
    const unknown = await fetch(`${server.url}/v1/no-such-route`);
    assert.equal(unknown.status, 404);
    assert.match(unknown.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(((await unknown.json()) as { code: string }).code, 'NOT_FOUND');
    const health = await fetch(`${server.url}/health`);
    assert.equal(((await health.json()) as { status: string }).status, 'ok');
    const openapi = await fetch(`${server.url}/openapi.json`);
    assert.equal(openapi.status, 200);
    await openapi.text();
    const docs = await fetch(`${server.url}/docs`);
    assert.notEqual(docs.headers.get('content-security-policy'), WEB_APP_CSP, 'the docs keep their CSP');
    await docs.text();
    const post = await fetch(`${server.url}/`, { method: 'POST' });
    assert.equal(post.status, 404, 'only GET and HEAD are the app');
    await post.text();
  });

  test('no path leaves the web folder: .., encoded .. and separators, symbolic links', async () => {
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/%00index.html',
      '/%E0%A4%A',
    ]) {
      const res = await rawGet(server.url, path);
      assert.doesNotMatch(res.body, /outside the web folder/, path);
      assert.ok(res.status === 404 || (res.status === 200 && res.body === INDEX), `${path}: ${res.status}`);
    }
    const link = await rawGet(server.url, '/link-out.txt');
    assert.doesNotMatch(link.body, /outside the web folder/);
    assert.equal(link.body, INDEX, 'a link out of the folder is not a file of the app');
  });
});

test('without webDir the server is the API only: / is 404 JSON', async () => {
  const server = await startServer(loadConfig({ env: { PORT: '0', OPENCFP_DATA_DIR: ':memory:' } }));
  try {
    const res = await fetch(`${server.url}/`);
    assert.equal(res.status, 404);
    assert.equal(((await res.json()) as { code: string }).code, 'NOT_FOUND');
  } finally {
    await server.close();
  }
});
