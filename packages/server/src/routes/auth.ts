import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { signIn, signOut } from '@opencfp/store';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { SESSION_COOKIE, SIGNED_IN, authenticate, signedIn } from '../authenticate.js';
import type { ServerConfig } from '../config.js';
import { ServerError } from '../errors.js';
import { lookups } from '../lookups.js';
import { rateLimit } from '../rate-limit.js';
import { requestOrigin } from '../request-origin.js';
import { createRouter, defineRoute, type AppEnv } from '../routing.js';
import { visibleOrganisations } from '../visible-organisations.js';
import { Instant, OrganisationSchema, UserSchema } from './schemas.js';

const SignInBody = z
  .strictObject({
    email: z.email().max(320).openapi({ example: 'li.wei@example.com' }),
    password: z.string().min(1).max(1024),
  })
  .openapi('SignIn');

const SessionSchema = z
  .object({
    token: z.string().openapi({
      description:
        'the session token (`ocs_…`): send it as `Authorization: Bearer <token>`, or rely on the cookie',
    }),
    user: UserSchema,
    expiresAt: Instant,
  })
  .openapi('Session');

const MeSchema = z
  .object({
    user: UserSchema.nullable().openapi({
      description: 'null for a machine client (OAuth2 client credentials)',
    }),
    via: z.enum(['session', 'personal', 'client']).openapi({
      description:
        'how the caller authenticated: a session, a personal API token, or a machine client secret',
    }),
    memberships: z.array(OrganisationSchema).openapi({
      description:
        "a session: every organisation of the user; an API token: only the token's organisation, with the token's role",
    }),
  })
  .openapi('Me');

function setSessionCookie(c: Context<AppEnv>, token: string, expiresAt: Date): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    secure: requestOrigin(c).startsWith('https:'),
    sameSite: 'Lax',
    path: '/',
    expires: expiresAt,
  });
}

/**
 * Sign-in, sign-out and who-am-I, mounted under `/v1`. There is no public sign-up: users are created by an
 * administrator (CLI) and added to organisations by their owners. Sign-in is rate-limited by
 * `config.rateLimits.auth` per client address.
 */
export function authRouter(config: ServerConfig): OpenAPIHono<AppEnv> {
  const router = createRouter();

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/auth/sign-in',
      tags: ['auth'],
      summary: 'Sign in with e-mail and password',
      description:
        'Opens a session (8 h). Answers the session token and sets it as the HttpOnly cookie `opencfp_session` ' +
        '(SameSite=Lax, Secure over https). A wrong e-mail and a wrong password get the same 401. Rate-limited.',
      middleware: [rateLimit(config.rateLimits.auth)],
      request: { body: { required: true, content: { 'application/json': { schema: SignInBody } } } },
      responses: {
        200: { description: 'Signed in', content: { 'application/json': { schema: SessionSchema } } },
      },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json');
      const session = await signIn(c.var.store, email, password);
      if (!session) {
        c.header('WWW-Authenticate', 'Bearer');
        throw new ServerError('UNAUTHENTICATED', 'wrong e-mail or password');
      }
      setSessionCookie(c, session.token, session.expiresAt);
      c.header('Cache-Control', 'no-store');
      return c.json(
        { token: session.token, user: session.user, expiresAt: session.expiresAt.toISOString() },
        200,
      );
    },
  );

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/auth/sign-out',
      tags: ['auth'],
      summary: 'End the current session',
      description:
        'Ends the session of the bearer token or cookie and clears the cookie. API tokens are revoked with ' +
        '`DELETE /v1/orgs/{orgId}/tokens/{tokenId}` instead (403 here).',
      security: SIGNED_IN,
      middleware: [signedIn()],
      responses: { 204: { description: 'Signed out' } },
    }),
    async (c) => {
      const credentials = await authenticate(c);
      if (credentials.via !== 'session')
        throw new ServerError(
          'FORBIDDEN',
          'sign-out ends a session; revoke an API token with DELETE /v1/orgs/{orgId}/tokens/{tokenId}',
        );
      await signOut(c.var.store, credentials.sessionToken);
      deleteCookie(c, SESSION_COOKIE, {
        path: '/',
        httpOnly: true,
        secure: requestOrigin(c).startsWith('https:'),
        sameSite: 'Lax',
      });
      return c.body(null, 204);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/me',
      tags: ['auth'],
      summary: 'The caller and their organisations',
      security: SIGNED_IN,
      middleware: [signedIn()],
      responses: {
        200: { description: 'The caller', content: { 'application/json': { schema: MeSchema } } },
      },
    }),
    async (c) => {
      const credentials = await authenticate(c);
      const memberships = await visibleOrganisations(c.var.store, credentials);
      const user =
        credentials.via === 'session'
          ? credentials.user
          : credentials.principal.userId === null
            ? null
            : ((await lookups.userById(c.var.store, credentials.principal.userId)) ?? null);
      return c.json({ user, via: credentials.via, memberships }, 200);
    },
  );

  return router;
}
