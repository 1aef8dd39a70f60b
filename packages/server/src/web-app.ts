import { realpathSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './routing.js';

/**
 * The web app's Content-Security-Policy: its own scripts, styles and API only (no inline script or style, no other
 * host); images also as data: and blob: URLs (charts exported as pictures).
 */
export const WEB_APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** Paths that belong to the API: never answered with the app, so an unknown one stays a 404 JSON error. */
function isApiPath(path: string): boolean {
  return (
    path === '/v1' ||
    path.startsWith('/v1/') ||
    path === '/health' ||
    path === '/openapi.json' ||
    path === '/docs' ||
    path.startsWith('/docs/')
  );
}

/**
 * Serves the built web app from `dir` (Vite's output: index.html and hashed files in assets/) for GET and HEAD
 * requests outside the API: real files with their content type (`/assets/*` cached for a year, being
 * content-hashed; everything else revalidated), and index.html for any other path so that the app's own router
 * shows it (a missing `/assets/*` file stays 404). Paths are confined to `dir`: `..`, encoded separators and
 * symbolic links out of it are refused (404). HTML gets WEB_APP_CSP.
 *
 * @example app.get('*', webApp('/srv/opencfp/web/dist')); // after the API's routes
 */
export function webApp(dir: string): MiddlewareHandler<AppEnv> {
  const root = realpathSync(resolve(dir));
  const inRoot = (path: string) => path === root || path.startsWith(root + sep);

  /** The regular file at `path` inside the root (symbolic links followed and checked), else undefined. */
  async function fileAt(path: string): Promise<string | undefined> {
    try {
      const real = await realpath(path);
      if (!inRoot(real) || !(await stat(real)).isFile()) return undefined;
      return real;
    } catch {
      return undefined;
    }
  }

  return async (c, next) => {
    const method = c.req.method;
    const path = c.req.path;
    if ((method !== 'GET' && method !== 'HEAD') || isApiPath(path)) return next();
    let relative: string;
    try {
      relative = decodeURIComponent(path);
    } catch {
      return next(); // malformed %-encoding: 404
    }
    // A decoded separator or parent segment (e.g. %2e%2e%2f) would step out of the root: refuse, do not normalise.
    if (relative.includes('\0') || relative.includes('\\') || relative.split('/').includes('..'))
      return next();
    const candidate = resolve(root, `.${relative}`);
    if (!inRoot(candidate)) return next();
    const isAsset = relative.startsWith('/assets/');
    let file = relative.endsWith('/') ? undefined : await fileAt(candidate);
    if (file === undefined) {
      if (isAsset) return next();
      file = await fileAt(resolve(root, 'index.html'));
      if (file === undefined) return next();
    }
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    c.header('Content-Type', type);
    c.header(
      'Cache-Control',
      isAsset && file !== resolve(root, 'index.html') ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    if (type.startsWith('text/html')) c.header('Content-Security-Policy', WEB_APP_CSP);
    if (method === 'HEAD') return c.body(null, 200);
    return c.body(new Uint8Array(await readFile(file)), 200);
  };
}
