import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { changePassword, issueAccessToken, PASSWORD_LENGTH, signIn, signOut } from '@opencfp/store';
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

const PasswordChange = z
  .strictObject({
    currentPassword: z.string().min(1).max(PASSWORD_LENGTH.max),
    newPassword: z
      .string()
      .min(PASSWORD_LENGTH.min, `at least ${PASSWORD_LENGTH.min} characters`)
      .max(PASSWORD_LENGTH.max)
      .openapi({ description: `at least ${PASSWORD_LENGTH.min} characters, not the current password` }),
  })
  .openapi('PasswordChange');

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
 * Sign-in, sign-out, who-am-I and password changes, mounted under `/v1`. There is no public sign-up: users are
 * created by an administrator (`cfp users add`) or by an organisation's owner (`POST /v1/orgs/{orgId}/members`
 * with a name) and added to organisations by their owners. Sign-in and password changes are rate-limited by
 * `config.rateLimits.auth` per client address.
 */
const TokenForm = z
  .object({
    grant_type: z
      .literal('client_credentials')
      .openapi({ description: 'the only grant this server supports' }),
    client_id: z.string().max(200).optional(),
    client_secret: z.string().max(200).optional(),
    scope: z.string().max(1000).optional(),
  })
  .openapi('TokenRequest');

const TokenSchema = z
  .object({
    access_token: z.string().openapi({ description: '`oca_…`: send it as `Authorization: Bearer <token>`' }),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int().openapi({ description: 'seconds until it expires' }),
  })
  .openapi('AccessToken');

/** client id and secret from HTTP Basic (RFC 6749 §2.3.1: form-encoded, then base64) or from the form. */
function clientCredentials(
  c: Context<AppEnv>,
  form: z.infer<typeof TokenForm>,
): [string, string] | undefined {
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(c.req.header('authorization') ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    return [decodeURIComponent(decoded.slice(0, colon)), decodeURIComponent(decoded.slice(colon + 1))];
  }
  return form.client_id && form.client_secret ? [form.client_id, form.client_secret] : undefined;
}

export function authRouter(config: ServerConfig): OpenAPIHono<AppEnv> {
  const router = createRouter();

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/oauth/token',
      tags: ['auth'],
      summary: 'OAuth2 client credentials: an access token for a machine client',
      description:
        'RFC 6749 §4.4: `grant_type=client_credentials` with the client id and secret in HTTP Basic or in the form. ' +
        "Answers a one-hour bearer token (`oca_…`) with the client's organisation and role; it ends early when the " +
        'client is revoked. A wrong id or secret is 401 UNAUTHENTICATED (details.error `invalid_client`). Rate-limited.',
      middleware: [rateLimit(config.rateLimits.auth)],
      request: {
        body: { required: true, content: { 'application/x-www-form-urlencoded': { schema: TokenForm } } },
      },
      responses: {
        200: { description: 'An access token', content: { 'application/json': { schema: TokenSchema } } },
      },
    }),
    async (c) => {
      const form = c.req.valid('form');
      const credentials = clientCredentials(c, form);
      const issued = credentials && (await issueAccessToken(c.var.store, credentials[0], credentials[1]));
      if (!issued) {
        c.header('WWW-Authenticate', 'Basic realm="OpenCFP"');
        throw new ServerError('UNAUTHENTICATED', 'unknown client, wrong secret, or the client was revoked', {
          details: { error: 'invalid_client' },
        });
      }
      c.header('Cache-Control', 'no-store');
      return c.json(
        { access_token: issued.accessToken, token_type: 'Bearer' as const, expires_in: issued.expiresIn },
        200,
      );
    },
  );

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
      method: 'post',
      path: '/me/password',
      tags: ['auth'],
      summary: 'Change your password',
      description:
        'Needs a signed-in session (an API token gets 403) and your current password (wrong: 403 FORBIDDEN, ' +
        '`details.field` `currentPassword`). Every other session of yours ends; this one stays. Rate-limited ' +
        'like sign-in.',
      security: SIGNED_IN,
      middleware: [rateLimit(config.rateLimits.auth), signedIn()],
      request: { body: { required: true, content: { 'application/json': { schema: PasswordChange } } } },
      responses: { 204: { description: 'Changed' } },
    }),
    async (c) => {
      const credentials = await authenticate(c);
      if (credentials.via !== 'session')
        throw new ServerError('FORBIDDEN', 'changing a password needs a signed-in session, not an API token');
      const { currentPassword, newPassword } = c.req.valid('json');
      const changed = await changePassword(c.var.store, credentials.user.id, {
        currentPassword,
        newPassword,
        keepSession: credentials.sessionToken,
      });
      if (!changed)
        throw new ServerError('FORBIDDEN', 'the current password is wrong: nothing was changed', {
          details: { field: 'currentPassword' },
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
