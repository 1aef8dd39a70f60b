import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { organisationById, publicJwk, signingKeys, studies, type SigningKey } from '@opencfp/store';
import { SIGNED_IN } from '../authenticate.js';
import { ServerError } from '../errors.js';
import { actorId, orgAccess, principalOf } from '../org-access.js';
import { createRouter, defineRoute, type AppEnv } from '../routing.js';
import type { SigningSecret } from '../signing-secret.js';
import {
  STATEMENT_MEDIA_TYPE,
  StatementPayload,
  VERIFICATION_LABELS,
} from '../statements/statement-schema.js';
import { Instant, OrgParams } from './schemas.js';
import { publicBaseUrl } from './studies.js';

/** Where every organisation's public keys are: a JSON Web Key Set. */
export const JWKS_PATH = '/.well-known/jwks.json';

/** No credentials: the OpenAPI document says so with an empty requirement list. */
const PUBLIC: Record<string, string[]>[] = [];

const Jwk = z
  .object({
    kty: z.literal('OKP'),
    crv: z.literal('Ed25519'),
    x: z.string().openapi({ description: 'the public key, base64url' }),
    kid: z.string(),
    alg: z.literal('EdDSA'),
    use: z.literal('sig'),
    org: z.string().openapi({ description: 'the organisation the key signs for' }),
    validFrom: Instant,
    validUntil: Instant.optional().openapi({
      description: 'when it was retired; it still verifies what it signed',
    }),
  })
  .openapi('PublicJwk');
const Jwks = z.object({ keys: z.array(Jwk) }).openapi('Jwks');

const SigningKeySchema = z
  .object({
    kid: z.string(),
    alg: z.literal('EdDSA'),
    crv: z.literal('Ed25519'),
    x: z.string(),
    validFrom: Instant,
    validUntil: Instant.nullable(),
    active: z.boolean(),
  })
  .openapi('SigningKey');

const keyJson = (key: SigningKey): z.infer<typeof SigningKeySchema> => ({
  kid: key.id,
  alg: 'EdDSA',
  crv: 'Ed25519',
  x: key.publicKey,
  validFrom: key.validFrom.toISOString(),
  validUntil: key.validUntil === null ? null : key.validUntil.toISOString(),
  active: key.validUntil === null,
});

const PublicStatementSchema = z
  .object({
    id: z.string(),
    status: z.enum(['published', 'superseded', 'withdrawn']),
    selfDeclared: z.boolean(),
    verification: z.object({
      mode: z.enum(['self-declared', 'third-party', 'certified']),
      label: z.string(),
    }),
    issuer: z.object({ id: z.string(), name: z.string() }),
    publishedAt: Instant,
    withdrawnAt: Instant.nullable(),
    supersedes: z.string().nullable().openapi({ description: 'the statement this one supersedes' }),
    supersededBy: z.string().nullable().openapi({ description: 'the statement that supersedes this one' }),
    mediaType: z.literal(STATEMENT_MEDIA_TYPE),
    jws: z
      .string()
      .openapi({ description: 'the signed statement: a compact JWS (check it with `cfp verify`)' }),
    credential: StatementPayload,
    keys: z.string().openapi({ description: 'where the issuer’s public keys are' }),
  })
  .openapi('PublicStatement');

const StatementParams = z.object({
  statementId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'statementId', in: 'path' }, description: 'the statement id' }),
});

/**
 * Signed statements and the keys that verify them, mounted at the root: `GET /.well-known/jwks.json` (every
 * organisation's Ed25519 keys, retired ones too), `GET /v1/public/statements/{statementId}` (a published
 * statement, to anyone; also as `application/vc+jwt`), `GET /v1/public/organisations/{orgId}` (the issuer a
 * statement names: an organisation that signs, with its keys), and an organisation's own keys:
 * `GET /v1/orgs/{orgId}/signing-keys` (viewer) and `POST` (owner: rotate).
 */
export function statementsRouter(signingSecret: SigningSecret): OpenAPIHono<AppEnv> {
  const router = createRouter();

  router.openapi(
    defineRoute({
      method: 'get',
      path: JWKS_PATH,
      tags: ['statements'],
      summary: 'The public keys of every organisation that signs statements (JWKS)',
      description:
        'RFC 7517 key set of Ed25519 keys (RFC 8037): `kid`, `alg: EdDSA`, `crv: Ed25519`, `x`; also `org` (the ' +
        'organisation), `validFrom` and, once rotated, `validUntil` — a retired key stays here, as it verifies ' +
        'what it signed.',
      security: PUBLIC,
      responses: { 200: { description: 'The key set', content: { 'application/json': { schema: Jwks } } } },
    }),
    async (c) => {
      const keys = await signingKeys.published(c.var.store);
      c.header('Cache-Control', 'public, max-age=300');
      c.header('Access-Control-Allow-Origin', '*');
      return c.json({ keys: keys.map(publicJwk) as z.infer<typeof Jwk>[] }, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/v1/public/statements/{statementId}',
      tags: ['statements'],
      summary: 'A published statement (no sign-in)',
      description:
        'The signed statement of a published study — also once superseded or withdrawn (`status` says so) — with ' +
        'its payload decoded. With `Accept: application/vc+jwt` the answer is the compact JWS alone. Anything ' +
        'that was never published is 404.',
      security: PUBLIC,
      request: { params: StatementParams },
      responses: {
        200: {
          description: 'The statement',
          content: {
            'application/json': { schema: PublicStatementSchema },
            [STATEMENT_MEDIA_TYPE]: { schema: z.string().openapi({ description: 'the compact JWS' }) },
          },
        },
      },
    }),
    async (c) => {
      const statement = await studies.publicStatement(c.var.store, c.req.valid('param').statementId);
      c.header('Access-Control-Allow-Origin', '*');
      c.header('Vary', 'Accept');
      if ((c.req.header('accept') ?? '').includes(STATEMENT_MEDIA_TYPE))
        return c.body(statement.jws, 200, { 'content-type': STATEMENT_MEDIA_TYPE }) as never;
      const payload = StatementPayload.parse(statement.payload);
      const mode = payload.credentialSubject.verification.mode;
      return c.json(
        {
          id: statement.statementId,
          status: statement.state as 'published' | 'superseded' | 'withdrawn',
          selfDeclared: statement.selfDeclared,
          verification: { mode, label: VERIFICATION_LABELS[mode] },
          issuer: { id: payload.issuer.id, name: payload.issuer.name },
          publishedAt: statement.publishedAt.toISOString(),
          withdrawnAt: statement.withdrawnAt === null ? null : statement.withdrawnAt.toISOString(),
          supersedes: statement.supersedesStatementId,
          supersededBy: statement.supersededByStatementId,
          mediaType: STATEMENT_MEDIA_TYPE,
          jws: statement.jws,
          credential: payload,
          keys: `${new URL(payload.issuer.id).origin}${JWKS_PATH}`,
        },
        200,
      );
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/v1/public/organisations/{orgId}',
      tags: ['statements'],
      summary: 'An organisation that signs statements, with its public keys (no sign-in)',
      description:
        'The issuer a statement names. Only organisations that have signing keys are shown; others 404.',
      security: PUBLIC,
      request: { params: OrgParams },
      responses: {
        200: {
          description: 'The issuer',
          content: {
            'application/json': {
              schema: z.object({ id: z.string(), name: z.string(), keys: z.array(Jwk) }).openapi('Issuer'),
            },
          },
        },
      },
    }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      const keys = await signingKeys.published(c.var.store, orgId);
      const organisation = keys.length === 0 ? undefined : await organisationById(c.var.store, orgId);
      if (!organisation) throw new ServerError('NOT_FOUND', `no issuer '${orgId}'`);
      c.header('Access-Control-Allow-Origin', '*');
      return c.json(
        { id: organisation.id, name: organisation.name, keys: keys.map(publicJwk) as z.infer<typeof Jwk>[] },
        200,
      );
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/v1/orgs/{orgId}/signing-keys',
      tags: ['statements'],
      summary: 'The organisation’s signing keys (viewer)',
      description:
        'Made on its first publication; the active one first, then the retired ones (they stay published at ' +
        `${JWKS_PATH}). The private keys never leave the server (encrypted at rest, docs/studies.md).`,
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: { params: OrgParams },
      responses: {
        200: {
          description: 'The keys',
          content: {
            'application/json': {
              schema: z
                .object({ keys: z.array(SigningKeySchema), jwks: z.string() })
                .openapi('SigningKeyList'),
            },
          },
        },
      },
    }),
    async (c) => {
      const keys = await signingKeys.list(c.var.store, principalOf(c).organisationId);
      return c.json({ keys: keys.map(keyJson), jwks: `${publicBaseUrl(c)}${JWKS_PATH}` }, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/v1/orgs/{orgId}/signing-keys',
      tags: ['statements'],
      summary: 'Rotate the organisation’s signing key (owner)',
      description:
        'A new key signs from now on; the active one is retired (valid until now) and stays published, so the ' +
        'statements it signed still verify.',
      security: SIGNED_IN,
      middleware: [orgAccess('owner')],
      request: { params: OrgParams },
      responses: {
        201: {
          description: 'The new key, and the one it retired',
          content: {
            'application/json': {
              schema: z
                .object({ key: SigningKeySchema, retired: SigningKeySchema.nullable() })
                .openapi('SigningKeyRotation'),
            },
          },
        },
      },
    }),
    async (c) => {
      const principal = principalOf(c);
      const { key, retired } = await signingKeys.rotate(
        c.var.store,
        principal.organisationId,
        signingSecret.get(),
        actorId(principal),
      );
      return c.json({ key: keyJson(key), retired: retired === null ? null : keyJson(retired) }, 201);
    },
  );

  return router;
}
