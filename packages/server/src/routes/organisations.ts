import { z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  addMember,
  createApiToken,
  createOrganisation,
  createUser,
  listUsers,
  randomPassword,
  removeMembership,
  revokeApiToken,
} from '@opencfp/store';
import { SIGNED_IN, authenticate, signedIn } from '../authenticate.js';
import { ServerError } from '../errors.js';
import { lookups } from '../lookups.js';
import { actorId, orgAccess, principalOf } from '../org-access.js';
import { createRouter, defineRoute, type AppEnv } from '../routing.js';
import { visibleOrganisations } from '../visible-organisations.js';
import { OrgParams, OrganisationSchema, RoleSchema, UserSchema } from './schemas.js';

const NewOrganisation = z
  .strictObject({
    name: z.string().trim().min(1).max(200).openapi({ example: 'ACME Batteries' }),
    slug: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9-]{0,62}$/,
        'lower-case letters, digits and hyphens, at most 63, not starting with -',
      )
      .openapi({ example: 'acme-batteries' }),
  })
  .openapi('NewOrganisation');

const OrganisationList = z.object({ organisations: z.array(OrganisationSchema) }).openapi('OrganisationList');

const NewMember = z
  .strictObject({
    email: z.email().max(320).openapi({ description: 'e-mail of the user' }),
    role: RoleSchema,
    name: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .openapi({
        description:
          'the name of a new user: when no user has the e-mail, one is created (201, with its initial password); ' +
          'ignored for an existing user',
        example: 'Wang Fang',
      }),
  })
  .openapi('NewMember');

const MemberSchema = z.object({ user: UserSchema, role: RoleSchema }).openapi('Member');

const CreatedMember = MemberSchema.extend({
  initialPassword: z.string().openapi({
    description:
      'the new user’s password, shown this once (only its hash is kept): pass it on to them; they change it with ' +
      'POST /v1/me/password',
  }),
}).openapi('CreatedMember');

const MemberParams = OrgParams.extend({
  userId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'userId', in: 'path' }, description: 'the member’s user id' }),
});

const NewToken = z
  .strictObject({
    name: z.string().trim().min(1).max(100).openapi({ example: 'CI export' }),
    role: RoleSchema,
    kind: z.enum(['personal', 'client']).openapi({
      description:
        "personal: acts as you (never with more rights than you have); client: a machine client's OAuth2 credentials",
    }),
  })
  .openapi('NewToken');

const CreatedToken = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['personal', 'client']),
    role: RoleSchema,
    secret: z.string().openapi({
      description:
        'shown this once (only its hash is kept): `ocp_…` (personal) or `occ_…` (client). Send it as `Authorization: Bearer <secret>`',
    }),
    clientId: z.string().optional().openapi({ description: 'the OAuth2 client id (kind client only)' }),
  })
  .openapi('CreatedToken');

const TokenParams = OrgParams.extend({
  tokenId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'tokenId', in: 'path' } }),
});

/**
 * Organisations (tenants), their members and API tokens, mounted under `/v1`. Any signed-in user may create an
 * organisation and becomes its owner; members and tokens are managed by owners.
 */
export function organisationsRouter(): OpenAPIHono<AppEnv> {
  const router = createRouter();

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/orgs',
      tags: ['organisations'],
      summary: 'Create an organisation (you become its owner)',
      description:
        'Needs a signed-in session: API tokens are bound to one organisation and cannot create others.',
      security: SIGNED_IN,
      middleware: [signedIn()],
      request: { body: { required: true, content: { 'application/json': { schema: NewOrganisation } } } },
      responses: {
        201: { description: 'Created', content: { 'application/json': { schema: OrganisationSchema } } },
      },
    }),
    async (c) => {
      const credentials = await authenticate(c);
      if (credentials.via !== 'session')
        throw new ServerError(
          'FORBIDDEN',
          'creating an organisation needs a signed-in session, not an API token',
        );
      const organisation = await createOrganisation(c.var.store, c.req.valid('json'), credentials.user.id);
      c.header('Location', `/v1/orgs/${organisation.id}`);
      return c.json({ ...organisation, role: 'owner' as const }, 201);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/orgs',
      tags: ['organisations'],
      summary: 'Your organisations',
      description:
        "A session: every organisation you belong to. An API token: only the token's organisation.",
      security: SIGNED_IN,
      middleware: [signedIn()],
      responses: {
        200: {
          description: 'Your organisations',
          content: { 'application/json': { schema: OrganisationList } },
        },
      },
    }),
    async (c) => {
      const organisations = await visibleOrganisations(c.var.store, await authenticate(c));
      return c.json({ organisations }, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/orgs/{orgId}',
      tags: ['organisations'],
      summary: 'One organisation (viewer)',
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: { params: OrgParams },
      responses: {
        200: {
          description: 'The organisation',
          content: { 'application/json': { schema: OrganisationSchema } },
        },
      },
    }),
    async (c) => {
      const principal = principalOf(c);
      const organisation = await lookups.organisationById(c.var.store, principal.organisationId);
      if (!organisation) throw new ServerError('NOT_FOUND', `no organisation '${principal.organisationId}'`);
      return c.json({ ...organisation, role: principal.role }, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/orgs/{orgId}/members',
      tags: ['organisations'],
      summary: 'The organisation’s members with their roles (viewer)',
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: { params: OrgParams },
      responses: {
        200: {
          description: 'The members, by e-mail',
          content: {
            'application/json': {
              schema: z.object({ members: z.array(MemberSchema) }).openapi('MemberList'),
            },
          },
        },
      },
    }),
    async (c) => {
      const { organisationId } = principalOf(c);
      const users = await listUsers(c.var.store, { organisationId });
      return c.json(
        {
          members: users.map((u) => ({
            user: { id: u.id, email: u.email, name: u.name },
            role: u.memberships.find((m) => m.id === organisationId)?.role ?? 'viewer',
          })),
        },
        200,
      );
    },
  );

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/orgs/{orgId}/members',
      tags: ['organisations'],
      summary: 'Add a member, create a new user as a member, or change a member’s role (owner)',
      description:
        'An existing user is added with the role, or a member gets the new role (200). When no user has the ' +
        'e-mail, `name` creates one (201) with a random initial password, shown once in the answer: pass it on. ' +
        'Without `name` an unknown e-mail is 404. A user created this way is managed by this organisation: other ' +
        'organisations’ owners cannot add it (409) until an administrator resets its password. You cannot lower ' +
        'your own role: another owner must, so that an organisation is never left without an owner.',
      security: SIGNED_IN,
      middleware: [orgAccess('owner')],
      request: {
        params: OrgParams,
        body: { required: true, content: { 'application/json': { schema: NewMember } } },
      },
      responses: {
        200: { description: 'The membership', content: { 'application/json': { schema: MemberSchema } } },
        201: {
          description: 'A new user, now a member, with its initial password (shown once)',
          content: { 'application/json': { schema: CreatedMember } },
        },
      },
    }),
    async (c) => {
      const principal = principalOf(c);
      const { email, role, name } = c.req.valid('json');
      const user = await lookups.userByEmail(c.var.store, email);
      if (!user) {
        if (name === undefined)
          throw new ServerError(
            'NOT_FOUND',
            `no user with the e-mail ${email}: send \`name\` too to create one, or ask an administrator (cfp users add)`,
            { details: { field: 'email' } },
          );
        const initialPassword = randomPassword();
        const created = await createUser(
          c.var.store,
          {
            email,
            name,
            password: initialPassword,
            membership: { organisationId: principal.organisationId, role },
            managedBy: principal.organisationId,
          },
          actorId(principal),
        );
        c.header('Cache-Control', 'no-store');
        return c.json({ user: created, role, initialPassword }, 201);
      }
      if (user.id === principal.userId && role !== 'owner')
        throw new ServerError('FORBIDDEN', 'you cannot lower your own role; ask another owner');
      await addMember(c.var.store, principal.organisationId, user.id, role, {
        actorId: actorId(principal),
        userId: principal.userId,
      });
      return c.json({ user, role }, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'delete',
      path: '/orgs/{orgId}/members/{userId}',
      tags: ['organisations'],
      summary: 'Remove a member (owner)',
      description:
        'Ends the membership and revokes the member’s personal API tokens of this organisation. The last owner ' +
        'cannot be removed (409): make another member owner first. Not a member: 404.',
      security: SIGNED_IN,
      middleware: [orgAccess('owner')],
      request: { params: MemberParams },
      responses: { 204: { description: 'Removed' } },
    }),
    async (c) => {
      const principal = principalOf(c);
      await removeMembership(
        c.var.store,
        principal.organisationId,
        c.req.valid('param').userId,
        actorId(principal),
      );
      return c.body(null, 204);
    },
  );

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/orgs/{orgId}/tokens',
      tags: ['organisations'],
      summary: 'Create an API token (owner); the secret is shown once',
      description:
        'A personal token acts as you, with at most your role (a machine client cannot create personal tokens). ' +
        'A client token is for machines; its secret is a bearer token too.',
      security: SIGNED_IN,
      middleware: [orgAccess('owner')],
      request: {
        params: OrgParams,
        body: { required: true, content: { 'application/json': { schema: NewToken } } },
      },
      responses: {
        201: { description: 'Created', content: { 'application/json': { schema: CreatedToken } } },
      },
    }),
    async (c) => {
      const principal = principalOf(c);
      const { name, role, kind } = c.req.valid('json');
      const { organisationId, userId } = principal;
      let created: { id: string; secret: string; clientId?: string };
      if (kind === 'personal') {
        if (userId === null)
          throw new ServerError(
            'FORBIDDEN',
            'a machine client cannot create personal tokens (they belong to a user)',
          );
        created = await createApiToken(c.var.store, { kind, organisationId, userId, name, role });
      } else {
        created = await createApiToken(c.var.store, {
          kind,
          organisationId,
          name,
          role,
          createdBy: actorId(principal),
        });
      }
      c.header('Cache-Control', 'no-store');
      return c.json(
        { id: created.id, name, kind, role, secret: created.secret, clientId: created.clientId },
        201,
      );
    },
  );

  router.openapi(
    defineRoute({
      method: 'delete',
      path: '/orgs/{orgId}/tokens/{tokenId}',
      tags: ['organisations'],
      summary: 'Revoke an API token (owner)',
      security: SIGNED_IN,
      middleware: [orgAccess('owner')],
      request: { params: TokenParams },
      responses: { 204: { description: 'Revoked' } },
    }),
    async (c) => {
      const principal = principalOf(c);
      await revokeApiToken(
        c.var.store,
        principal.organisationId,
        c.req.valid('param').tokenId,
        actorId(principal),
      );
      return c.body(null, 204);
    },
  );

  return router;
}
