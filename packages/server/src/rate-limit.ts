import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import type { RateLimitConfig } from './config.js';
import { ServerError } from './errors.js';
import type { AppEnv } from './routing.js';

export interface RateLimitOptions extends RateLimitConfig {
  /** Which client a request counts for; default: its address (see `clientAddress`). */
  key?: (c: Context<AppEnv>) => string;
  /** Clock in milliseconds (tests). */
  now?: () => number;
}

/**
 * The client's address: the first X-Forwarded-For entry when `config.trustProxy` (behind a reverse proxy that sets
 * it — otherwise anyone could pick their own key), else the socket's remote address.
 */
export function clientAddress(c: Context<AppEnv>): string {
  if (c.var.config?.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // not on a node listener (e.g. app.request in a unit test)
  }
}

/**
 * A fixed-window rate limiter in memory, for one route or a group (each call has its own counters): at most `max`
 * requests per key per window of `windowSeconds`; the next ones get 429 RATE_LIMITED with Retry-After. Responses
 * carry RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset. Counters live in this process only (several
 * server processes each count on their own) and expired windows are swept once per window.
 *
 * @example router.openapi(defineRoute({ ..., middleware: [rateLimit(config.rateLimits.auth)] }), signIn)
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler<AppEnv> {
  const windowMs = options.windowSeconds * 1000;
  const now = options.now ?? Date.now;
  const key = options.key ?? clientAddress;
  const windows = new Map<string, { start: number; count: number }>();
  let nextSweep = now() + windowMs;

  return async (c, next) => {
    const t = now();
    if (t >= nextSweep) {
      for (const [k, w] of windows) if (t - w.start >= windowMs) windows.delete(k);
      nextSweep = t + windowMs;
    }
    const k = key(c);
    let window = windows.get(k);
    if (!window || t - window.start >= windowMs) {
      window = { start: t, count: 0 };
      windows.set(k, window);
    }
    window.count += 1;
    const resetSeconds = Math.max(1, Math.ceil((window.start + windowMs - t) / 1000));
    const headers = {
      'RateLimit-Limit': String(options.max),
      'RateLimit-Remaining': String(Math.max(0, options.max - window.count)),
      'RateLimit-Reset': String(resetSeconds),
    };
    if (window.count > options.max) {
      for (const [name, value] of Object.entries(headers)) c.header(name, value);
      c.header('Retry-After', String(resetSeconds));
      throw new ServerError(
        'RATE_LIMITED',
        `too many requests: at most ${options.max} per ${options.windowSeconds} s; try again in ${resetSeconds} s`,
        {
          details: {
            limit: options.max,
            windowSeconds: options.windowSeconds,
            retryAfterSeconds: resetSeconds,
          },
        },
      );
    }
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  };
}
