import { authenticateToken, sessionUser, type Principal, type User } from '@opencfp/store';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { ServerError } from './errors.js';
import { requestOrigin } from './request-origin.js';
import type { AppEnv } from './routing.js';

/** The name of the session cookie set by sign-in (HttpOnly, SameSite=Lax, Secure over https). */
export const SESSION_COOKIE = 'opencfp_session';

/**
 * Who is calling: a signed-in user (session token, in `Authorization: Bearer ocs_…` or the session cookie), or an
 * API token bound to one organisation (personal token `ocp_…` acting as its user, or a machine client's secret
 * `occ_…`).
 */
export type Credentials =
  | { via: 'session'; user: User; sessionToken: string; fromCookie: boolean }
  | { via: 'personal' | 'client'; principal: Principal };

/** The OpenAPI security requirement of every route that needs credentials (either scheme will do). */
export const SIGNED_IN: Record<string, string[]>[] = [{ bearerAuth: [] }, { sessionCookie: [] }];

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function unauthenticated(c: Context<AppEnv>, message: string, invalidToken: boolean): ServerError {
  c.header('WWW-Authenticate', invalidToken ? 'Bearer error="invalid_token"' : 'Bearer');
  return new ServerError('UNAUTHENTICATED', message);
}

/**
 * The caller's credentials, established once per request (then kept in `c.var.credentials`).
 *
 * - `Authorization: Bearer <secret>` wins over the cookie; a bearer secret that is unknown, expired or revoked is
 *   401 even when a valid cookie is sent too (no silent fallback).
 * - A request authenticated by the cookie that changes something (POST, PUT, PATCH, DELETE) and carries an `Origin`
 *   header must come from this server's own origin or one of `config.corsOrigins` (cross-site request forgery
 *   defence on top of SameSite=Lax); otherwise 403 FORBIDDEN.
 *
 * @throws ServerError UNAUTHENTICATED (with `WWW-Authenticate: Bearer`) when there are no valid credentials.
 */
export async function authenticate(c: Context<AppEnv>): Promise<Credentials> {
  if (c.var.credentials) return c.var.credentials;
  const store = c.var.store;
  let credentials: Credentials;
  const header = c.req.header('authorization');
  if (header !== undefined) {
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    if (!match) throw unauthenticated(c, 'the Authorization header must be `Bearer <token>`', true);
    const secret = match[1];
    if (secret.startsWith('ocs_')) {
      const user = await sessionUser(store, secret);
      if (!user) throw unauthenticated(c, 'the session has expired or was ended: sign in again', true);
      credentials = { via: 'session', user, sessionToken: secret, fromCookie: false };
    } else if (secret.startsWith('ocp_') || secret.startsWith('occ_') || secret.startsWith('oca_')) {
      const principal = await authenticateToken(store, secret);
      if (!principal) throw unauthenticated(c, 'the API token is unknown or was revoked', true);
      credentials = { via: principal.via === 'client' ? 'client' : 'personal', principal };
    } else {
      throw unauthenticated(c, 'the bearer token is not an OpenCFP session or API token', true);
    }
  } else {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (!cookie) throw unauthenticated(c, 'sign in first, or send `Authorization: Bearer <token>`', false);
    const user = await sessionUser(store, cookie);
    if (!user) throw unauthenticated(c, 'the session has expired or was ended: sign in again', true);
    if (UNSAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin');
      if (origin !== undefined && origin !== requestOrigin(c) && !c.var.config.corsOrigins.includes(origin))
        throw new ServerError(
          'FORBIDDEN',
          `a change authenticated by the session cookie must come from this server's origin or an allowed one, not ${origin}`,
        );
    }
    credentials = { via: 'session', user, sessionToken: cookie, fromCookie: true };
  }
  c.set('credentials', credentials);
  return credentials;
}

/**
 * Middleware for routes that need a caller but no organisation (e.g. `/v1/me`): 401 without valid credentials.
 *
 * @example defineRoute({ ..., security: SIGNED_IN, middleware: [signedIn()] })
 */
export function signedIn(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await authenticate(c);
    await next();
  };
}
