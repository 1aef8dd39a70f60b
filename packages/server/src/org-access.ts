import { RANK, roleIn, type Principal, type Role } from '@opencfp/store';
import type { Context, MiddlewareHandler } from 'hono';
import { authenticate } from './authenticate.js';
import { ServerError } from './errors.js';
import type { AppEnv } from './routing.js';

/**
 * Middleware of every organisation-scoped route (`/v1/orgs/{orgId}/…`): authenticates the caller, finds their role
 * in the organisation of the path — from the membership for a session, from the token for an API token (a token is
 * bound to one organisation) — and sets `c.var.principal`. It runs before the request is validated, so a stranger
 * learns nothing about the route's inputs either.
 *
 * - no valid credentials → 401 UNAUTHENTICATED;
 * - not a member, or a token of another organisation → 404 NOT_FOUND, with the same message as for an organisation
 *   that does not exist (never 403: tenants cannot probe each other's ids);
 * - a role below `minimum` → 403 FORBIDDEN (owner > editor > verifier > viewer).
 *
 * @example defineRoute({ method: 'post', path: '/orgs/{orgId}/products', middleware: [orgAccess('editor')], ... })
 */
export function orgAccess(minimum: Role): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const credentials = await authenticate(c);
    const organisationId = c.req.param('orgId');
    if (organisationId === undefined)
      throw new ServerError('INTERNAL', `orgAccess is used on a route without {orgId}: ${c.req.path}`);
    let principal: Principal | undefined;
    if (credentials.via === 'session') {
      const role = await roleIn(c.var.store, organisationId, credentials.user.id);
      if (role) principal = { organisationId, userId: credentials.user.id, role, via: 'session' };
    } else if (credentials.principal.organisationId === organisationId) {
      principal = credentials.principal;
    }
    if (!principal) throw new ServerError('NOT_FOUND', `no organisation '${organisationId}'`);
    if (RANK[principal.role] < RANK[minimum])
      throw new ServerError(
        'FORBIDDEN',
        `this needs the ${minimum} role in the organisation; you have ${principal.role}`,
        { details: { required: minimum, role: principal.role } },
      );
    c.set('principal', principal);
    await next();
  };
}

/** The principal set by `orgAccess` (a route using this without that middleware is a bug: 500). */
export function principalOf(c: Context<AppEnv>): Principal {
  const principal = c.var.principal;
  if (!principal) throw new ServerError('INTERNAL', `${c.req.path}: the route has no orgAccess middleware`);
  return principal;
}

/**
 * The id recorded as the actor in the audit log: the user's, or for a machine client (which has no user)
 * `client@<organisation id>` until the store's Principal names the token (see docs/server.md).
 */
export function actorId(principal: Principal): string {
  return principal.userId ?? `client@${principal.organisationId}`;
}
