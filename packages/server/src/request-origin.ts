import type { Context } from 'hono';
import type { AppEnv } from './routing.js';

/**
 * The origin (scheme://host[:port]) the client used to reach the server. Behind a reverse proxy that terminates TLS
 * (`config.trustProxy`), it is taken from `X-Forwarded-Proto` and `X-Forwarded-Host`; otherwise from the request
 * itself. Used for the session cookie's `Secure` flag and for the origin check of cookie-authenticated changes.
 *
 * @example requestOrigin(c) // 'https://cfp.example.org'
 */
export function requestOrigin(c: Context<AppEnv>): string {
  const url = new URL(c.req.url);
  if (c.var.config?.trustProxy) {
    const first = (name: string) => c.req.header(name)?.split(',')[0]?.trim() || undefined;
    const proto = first('x-forwarded-proto');
    const host = first('x-forwarded-host');
    if (proto === 'https' || proto === 'http') url.protocol = `${proto}:`;
    if (host) url.host = host;
  }
  return url.origin;
}
