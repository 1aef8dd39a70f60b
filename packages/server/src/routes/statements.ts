import { z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  organisationById,
  publicJwk,
  signingKeys,
  studies,
  type OwnSigningKey,
  type SigningKey,
} from '@opencfp/store';
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
    revokedAt: Instant.optional().openapi({
      description:
        'when its organisation revoked it: it verifies nothing any more (only in the answers of the key status and issuer routes; the key set leaves revoked keys out)',
    }),
  })
  .openapi('PublicJwk');
const Jwks = z.object({ keys: z.array(Jwk) }).openapi('Jwks');

const KeyStatus = z.enum(['active', 'retired', 'revoked']).openapi('SigningKeyStatus', {
  description:
    'active: signs now; retired (rotated): signs no more, still verifies what it signed before; revoked: verifies nothing',
});

const SigningKeySchema = z
  .object({
    kid: z.string(),
    alg: z.literal('EdDSA'),
    crv: z.literal('Ed25519'),
    x: z.string(),
    validFrom: Instant,
    validUntil: Instant.nullable(),
    active: z.boolean(),
    status: KeyStatus,
    revokedAt: Instant.nullable(),
    revocationReason: z
      .string()
      .nullable()
      .openapi({ description: 'why the owner revoked it (the organisation’s own; not published)' }),
  })
  .openapi('SigningKey');

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

const statusOf = (key: SigningKey): z.infer<typeof KeyStatus> =>
  key.revokedAt !== null ? 'revoked' : key.validUntil === null ? 'active' : 'retired';

const keyJson = (key: OwnSigningKey): z.infer<typeof SigningKeySchema> => ({
  kid: key.id,
  alg: 'EdDSA',
  crv: 'Ed25519',
  x: key.publicKey,
  validFrom: key.validFrom.toISOString(),
  validUntil: iso(key.validUntil),
  active: key.validUntil === null,
  status: statusOf(key),
  revokedAt: iso(key.revokedAt),
  revocationReason: key.revocationReason,
});

const PublicKeyStatusSchema = z
  .object({
    kid: z.string(),
    organisationId: z.string(),
    status: KeyStatus,
    validFrom: Instant,
    validUntil: Instant.nullable(),
    revokedAt: Instant.nullable(),
    jwk: Jwk.openapi({ description: 'the public key (with `revokedAt` once revoked)' }),
  })
  .openapi('PublicKeyStatus');

const KeyParams = z.object({
  kid: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'kid', in: 'path' }, description: 'a signing key id (the `kid` of a JWS)' }),
});
const OrgKeyParams = OrgParams.extend(KeyParams.shape);

const Revocation = z
  .strictObject({
    reason: z
      .string()
      .trim()
      .min(1)
      .max(1000)
      .openapi({ description: 'why (kept for the organisation and in its audit log; not published)' }),
  })
  .openapi('SigningKeyRevocation');

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
    signingKey: z.object({ kid: z.string(), status: KeyStatus, revokedAt: Instant.nullable() }).openapi({
      description:
        'the key that signed it, as it stands now: a statement signed with a revoked key is not valid',
    }),
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
 * organisation's Ed25519 keys that verify: active and retired ones, not revoked ones), `GET
 * /v1/public/statements/{statementId}` (a published statement, to anyone; also as `application/vc+jwt`), `GET
 * /v1/public/organisations/{orgId}` (the issuer a statement names: an organisation that signs, with its keys and
 * the ones it revoked), `GET /v1/public/signing-keys/{kid}` (one key's status: active, retired or revoked), and an
 * organisation's own keys: `GET /v1/orgs/{orgId}/signing-keys` (viewer), `POST` (owner: rotate) and `POST
 * …/signing-keys/{kid}/revoke` (owner).
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
        'what it signed. A revoked key is left out, so that no verifier using this set accepts what it signed; ' +
        'its status is at /v1/public/signing-keys/{kid}.',
      security: PUBLIC,
      responses: { 200: { description: 'The key set', content: { 'application/json': { schema: Jwks } } } },
    }),
    async (c) => {
      const keys = await signingKeys.published(c.var.store);
      c.header('Cache-Control', 'public, max-age=300');
      c.header('Access-Control-Allow-Origin', '*');
      return c.json(
        { keys: keys.filter((k) => k.revokedAt === null).map(publicJwk) as z.infer<typeof Jwk>[] },
        200,
      );
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/v1/public/signing-keys/{kid}',
      tags: ['statements'],
      summary: 'The status of one signing key: active, retired or revoked (no sign-in)',
      description:
        'Every key the platform ever published, by its id (the `kid` of a statement’s JWS): `revoked` with ' +
        '`revokedAt` when its organisation revoked it — a statement it signed is not valid, whatever its date. ' +
        '`cfp verify` asks here. An id that was never a key is 404.',
      security: PUBLIC,
      request: { params: KeyParams },
      responses: {
        200: {
          description: 'The key and its status',
          content: { 'application/json': { schema: PublicKeyStatusSchema } },
        },
      },
    }),
    async (c) => {
      const key = await signingKeys.byId(c.var.store, c.req.valid('param').kid);
      c.header('Cache-Control', 'public, max-age=60');
      c.header('Access-Control-Allow-Origin', '*');
      return c.json(
        {
          kid: key.id,
          organisationId: key.organisationId,
          status: statusOf(key),
          validFrom: key.validFrom.toISOString(),
          validUntil: iso(key.validUntil),
          revokedAt: iso(key.revokedAt),
          jwk: publicJwk(key) as z.infer<typeof Jwk>,
        },
        200,
      );
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
      const key = await signingKeys.byId(c.var.store, statement.keyId);
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
          signingKey: { kid: key.id, status: statusOf(key), revokedAt: iso(key.revokedAt) },
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
        'The issuer a statement names, with the keys that verify its statements (`keys`, as in the key set) and ' +
        'the keys it revoked (`revoked`, each with `revokedAt`: what they signed is not valid). Only ' +
        'organisations that have signing keys are shown; others 404.',
      security: PUBLIC,
      request: { params: OrgParams },
      responses: {
        200: {
          description: 'The issuer',
          content: {
            'application/json': {
              schema: z
                .object({ id: z.string(), name: z.string(), keys: z.array(Jwk), revoked: z.array(Jwk) })
                .openapi('Issuer'),
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
      const jwks = (revoked: boolean) =>
        keys.filter((k) => (k.revokedAt !== null) === revoked).map(publicJwk) as z.infer<typeof Jwk>[];
      return c.json(
        { id: organisation.id, name: organisation.name, keys: jwks(false), revoked: jwks(true) },
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
        `${JWKS_PATH}) and the revoked ones (with when and why). The private keys never leave the server ` +
        '(encrypted at rest, docs/studies.md).',
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

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/v1/orgs/{orgId}/signing-keys/{kid}/revoke',
      tags: ['statements'],
      summary: 'Revoke one of the organisation’s signing keys, with the reason (owner)',
      description:
        'For a key that may be compromised. Unlike a rotation, which retires a key that still verifies what it ' +
        'signed, a revoked key verifies nothing: it is left out of the key set, shown as revoked (with when) at ' +
        '/v1/public/signing-keys/{kid} and by the issuer, and `cfp verify` reports every statement it signed as ' +
        'not valid. The active key revoked signs no more: the next publication makes a new key. Revoked already: ' +
        '409 CONFLICT. In the audit log with who and why.',
      security: SIGNED_IN,
      middleware: [orgAccess('owner')],
      request: {
        params: OrgKeyParams,
        body: { required: true, content: { 'application/json': { schema: Revocation } } },
      },
      responses: {
        200: {
          description: 'The key, revoked',
          content: { 'application/json': { schema: SigningKeySchema } },
        },
      },
    }),
    async (c) => {
      const principal = principalOf(c);
      const key = await signingKeys.revoke(
        c.var.store,
        principal.organisationId,
        c.req.valid('param').kid,
        { reason: c.req.valid('json').reason },
        actorId(principal),
      );
      return c.json(keyJson(key), 200);
    },
  );

  return router;
}
