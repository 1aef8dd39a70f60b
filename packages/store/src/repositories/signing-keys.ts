import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  randomUUID,
  type KeyObject,
} from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { StoreError } from '../errors.js';
import { base64url, fromBase64url, signCompactJws, type JwsHeader, type PublicJwk } from '../jws.js';
import type { Schema, SigningKeysTable } from '../schema.js';
import type { Store } from '../store.js';
import { audit } from './audit.js';

/**
 * The server's secret that organisations' private keys are encrypted with (at least 32 bytes; text is taken as its
 * UTF-8 bytes). The server reads it from OPENCFP_KEY_SECRET or a file in its data directory (docs/studies.md).
 */
export type KeySecret = string | Uint8Array;

/** An organisation's signing key as anyone may see it: its public half and when it was valid. */
export interface SigningKey {
  /** The key id (`kid` of the JWS header and of the JWK). */
  id: string;
  organisationId: string;
  algorithm: 'EdDSA';
  /** base64url of the Ed25519 public key (the JWK's `x`). */
  publicKey: string;
  validFrom: Date;
  /** When it was retired by a rotation (or a revocation); null: the active key. */
  validUntil: Date | null;
  /** When its organisation revoked it: nothing it signed verifies any more. Null: not revoked. */
  revokedAt: Date | null;
}

/** A key as its own organisation sees it: also who revoked it and why. */
export interface OwnSigningKey extends SigningKey {
  revokedBy: string | null;
  revocationReason: string | null;
}

const ENCRYPTION = 'v1';

function secretBytes(secret: KeySecret): Buffer {
  const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
  if (bytes.length < 32)
    throw new StoreError(
      'INVALID_VALUE',
      `the key secret must have at least 32 bytes (it has ${bytes.length}): set OPENCFP_KEY_SECRET to a long random value, e.g. \`openssl rand -hex 32\``,
    );
  return bytes;
}

/** The AES-256-GCM key of one signing key: HKDF-SHA-256 of the server's secret, for that key id. */
function wrappingKey(secret: KeySecret, keyId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secretBytes(secret), 'opencfp signing key', keyId, 32));
}

/** The additional data of the encryption: a ciphertext copied to another key's or organisation's row is refused. */
const aad = (keyId: string, organisationId: string) => Buffer.from(`${keyId}\n${organisationId}`, 'utf8');

function encryptPrivateKey(pkcs8: Buffer, secret: KeySecret, keyId: string, organisationId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey(secret, keyId), iv);
  cipher.setAAD(aad(keyId, organisationId));
  const ciphertext = Buffer.concat([cipher.update(pkcs8), cipher.final()]);
  return [ENCRYPTION, base64url(iv), base64url(ciphertext), base64url(cipher.getAuthTag())].join('.');
}

function decryptPrivateKey(row: Selectable<SigningKeysTable>, secret: KeySecret): KeyObject {
  const [version, iv, ciphertext, tag] = row.private_key.split('.');
  const parts = [iv, ciphertext, tag].map((p) => (p === undefined ? undefined : fromBase64url(p)));
  try {
    if (version !== ENCRYPTION || parts.some((p) => p === undefined)) throw new Error('unknown format');
    const [ivBytes, cipherBytes, tagBytes] = parts as Buffer[];
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey(secret, row.id), ivBytes);
    decipher.setAAD(aad(row.id, row.organisation_id));
    decipher.setAuthTag(tagBytes);
    const pkcs8 = Buffer.concat([decipher.update(cipherBytes), decipher.final()]);
    return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  } catch (e) {
    if (e instanceof StoreError) throw e;
    throw new StoreError(
      'SIGNING_KEY_UNAVAILABLE',
      `the signing key ${row.id} of organisation ${row.organisation_id} cannot be decrypted with this server's key secret: start the server with the secret the key was made with (OPENCFP_KEY_SECRET, or the key-secret file of its data directory; docs/studies.md)`,
      { cause: e },
    );
  }
}

const fromRow = (row: Selectable<SigningKeysTable>): SigningKey => ({
  id: row.id,
  organisationId: row.organisation_id,
  algorithm: row.algorithm,
  publicKey: row.public_key,
  validFrom: row.valid_from,
  validUntil: row.valid_until,
  revokedAt: row.revoked_at,
});

const ownFromRow = (row: Selectable<SigningKeysTable>): OwnSigningKey => ({
  ...fromRow(row),
  revokedBy: row.revoked_by,
  revocationReason: row.revocation_reason,
});

/**
 * A signing key as a JWK of a published key set: the RFC 8037 members, and `org` (the organisation id),
 * `validFrom` and (once retired) `validUntil` as ISO instants, which a verifier compares with a statement's date,
 * and (once revoked) `revokedAt`: a verifier refuses whatever a revoked key signed.
 *
 * @example const jwks = { keys: (await signingKeys.published(store)).map(publicJwk) };
 */
export function publicJwk(key: SigningKey): PublicJwk {
  return {
    kty: 'OKP',
    crv: 'Ed25519',
    x: key.publicKey,
    kid: key.id,
    alg: 'EdDSA',
    use: 'sig',
    org: key.organisationId,
    validFrom: key.validFrom.toISOString(),
    ...(key.validUntil ? { validUntil: key.validUntil.toISOString() } : {}),
    ...(key.revokedAt ? { revokedAt: key.revokedAt.toISOString() } : {}),
  };
}

/** A new key pair for `organisationId`, its private half encrypted; inserted in `trx`. */
async function insertKey(
  trx: Kysely<Schema>,
  organisationId: string,
  secret: KeySecret,
  actorId: string | null,
): Promise<Selectable<SigningKeysTable>> {
  const id = randomUUID();
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('node:crypto exported an Ed25519 key without x');
  const encrypted = encryptPrivateKey(
    privateKey.export({ format: 'der', type: 'pkcs8' }),
    secret,
    id,
    organisationId,
  );
  const row = await trx
    .insertInto('signing_keys')
    .values({
      id,
      organisation_id: organisationId,
      algorithm: 'EdDSA',
      public_key: jwk.x,
      private_key: encrypted,
      // The application's clock, as the statements it signs are dated by it (not the database's).
      valid_from: new Date(),
      created_by: actorId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(trx, {
    organisationId,
    actorId,
    action: 'create',
    entity: 'signing-key',
    entityId: id,
    details: { algorithm: 'EdDSA' },
  });
  return row;
}

/** The organisation's active key row, locked for this transaction; made when it has none. */
async function activeRow(
  trx: Kysely<Schema>,
  organisationId: string,
  secret: KeySecret,
  actorId: string | null,
): Promise<Selectable<SigningKeysTable>> {
  // The organisation's row serialises the first key's creation: two first publications at once make one key.
  await lockOrganisation(trx, organisationId);
  const row = await trx
    .selectFrom('signing_keys')
    .where('organisation_id', '=', organisationId)
    .where('valid_until', 'is', null)
    .selectAll()
    .executeTakeFirst();
  // A revoked key is retired when it is revoked (and the table refuses one that is not): never the active one.
  return row ?? insertKey(trx, organisationId, secret, actorId);
}

/** The organisation's row locked for this transaction: its key changes (first key, rotation, revocation) in turn. */
async function lockOrganisation(trx: Kysely<Schema>, organisationId: string): Promise<void> {
  await trx.selectFrom('organisations').where('id', '=', organisationId).select('id').forUpdate().execute();
}

/**
 * The organisation's active key (made on first use, inside the caller's transaction, which it locks), and a
 * function that signs a payload with it as a compact JWS (`kid`: the key's id). The private key is decrypted with
 * `secret` when it signs, and kept nowhere.
 *
 * @example const signer = await activeSigningKey(trx, orgId, secret, actorId); const jws = signer.sign({ typ: 'vc+jwt' }, payload);
 * @throws StoreError SIGNING_KEY_UNAVAILABLE (on sign) when `secret` is not the one the key was encrypted with.
 */
export async function activeSigningKey(
  trx: Kysely<Schema>,
  organisationId: string,
  secret: KeySecret,
  actorId: string | null,
): Promise<{ key: SigningKey; sign(header: Omit<JwsHeader, 'alg' | 'kid'>, payload: object): string }> {
  secretBytes(secret);
  const row = await activeRow(trx, organisationId, secret, actorId);
  return {
    key: fromRow(row),
    sign: (header, payload) =>
      signCompactJws({ ...header, kid: row.id }, payload, decryptPrivateKey(row, secret)),
  };
}

/**
 * Organisations' Ed25519 signing keys, managed by the platform: made on an organisation's first publication,
 * rotated by its owner; retired keys stay published so that what they signed can still be verified. A key the
 * owner revokes (it may be compromised) signs no more and verifies nothing any more.
 *
 * @example
 * const keys = await signingKeys.list(store, organisationId);
 * await signingKeys.rotate(store, organisationId, secret, actorId);
 * await signingKeys.revoke(store, organisationId, keys[0].id, { reason: 'laptop stolen' }, actorId);
 */
export const signingKeys = {
  /** The organisation's keys, the active one first, then the retired and revoked ones, newest first. */
  async list(store: Store, organisationId: string): Promise<OwnSigningKey[]> {
    const rows = await store.db
      .selectFrom('signing_keys')
      .where('organisation_id', '=', organisationId)
      .selectAll()
      .orderBy('valid_until', (o) => o.desc().nullsFirst())
      .orderBy('valid_from', 'desc')
      .execute();
    return rows.map(ownFromRow);
  },

  /**
   * Every organisation's keys (or one organisation's), oldest first, revoked ones too (`revokedAt`): the public key
   * set leaves those out, the issuer and key status routes show them as revoked.
   */
  async published(store: Store, organisationId?: string): Promise<SigningKey[]> {
    let query = store.db.selectFrom('signing_keys').selectAll();
    if (organisationId !== undefined) query = query.where('organisation_id', '=', organisationId);
    const rows = await query.orderBy('valid_from').orderBy('id').execute();
    return rows.map(fromRow);
  },

  /** One key by its id (`kid`), of any organisation, as anyone may see it; NOT_FOUND when there is none. */
  async byId(store: Store, keyId: string): Promise<SigningKey> {
    const row = await store.db
      .selectFrom('signing_keys')
      .where('id', '=', keyId)
      .selectAll()
      .executeTakeFirst();
    if (!row) throw new StoreError('NOT_FOUND', `no signing key '${keyId}'`);
    return fromRow(row);
  },

  /**
   * Revokes one of the organisation's keys, with the reason (kept for the organisation and in the audit log): it
   * never signs again — an active key is retired at once, and the next publication makes a new key — and
   * verifiers refuse everything it signed, whatever date a statement states (whoever holds a compromised key can
   * date a statement as they like). NOT_FOUND for another organisation's key; CONFLICT when it is revoked already.
   */
  async revoke(
    store: Store,
    organisationId: string,
    keyId: string,
    revocation: { reason: string },
    actorId: string | null,
  ): Promise<OwnSigningKey> {
    return store.transaction(async (trx) => {
      await lockOrganisation(trx, organisationId);
      const current = await trx
        .selectFrom('signing_keys')
        .where('organisation_id', '=', organisationId)
        .where('id', '=', keyId)
        .selectAll()
        .executeTakeFirst();
      if (!current) throw new StoreError('NOT_FOUND', `no signing key '${keyId}' in this organisation`);
      if (current.revoked_at !== null)
        throw new StoreError(
          'CONFLICT',
          `signing key ${keyId} was revoked already, on ${current.revoked_at.toISOString()}`,
          { details: { reason: 'revoked-already', revokedAt: current.revoked_at.toISOString() } },
        );
      // The application's clock, as the statements are dated by it.
      const now = new Date();
      const row = await trx
        .updateTable('signing_keys')
        .set({
          revoked_at: now,
          revoked_by: actorId,
          revocation_reason: revocation.reason,
          valid_until: current.valid_until ?? now,
        })
        .where('id', '=', keyId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(trx, {
        organisationId,
        actorId,
        action: 'revoke',
        entity: 'signing-key',
        entityId: keyId,
        details: { reason: revocation.reason, wasActive: current.valid_until === null },
      });
      return ownFromRow(row);
    });
  },

  /**
   * A new active key for the organisation; the one active until now is retired (valid until now) and stays
   * published. Checks first that `secret` opens the current key, so a server started with a wrong secret cannot
   * replace a good key.
   */
  async rotate(
    store: Store,
    organisationId: string,
    secret: KeySecret,
    actorId: string | null,
  ): Promise<{ key: OwnSigningKey; retired: OwnSigningKey | null }> {
    secretBytes(secret);
    return store.transaction(async (trx) => {
      await lockOrganisation(trx, organisationId);
      const current = await trx
        .selectFrom('signing_keys')
        .where('organisation_id', '=', organisationId)
        .where('valid_until', 'is', null)
        .selectAll()
        .executeTakeFirst();
      let retired: OwnSigningKey | null = null;
      if (current) {
        decryptPrivateKey(current, secret);
        const row = await trx
          .updateTable('signing_keys')
          .set({ valid_until: new Date() })
          .where('id', '=', current.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        retired = ownFromRow(row);
        await audit(trx, {
          organisationId,
          actorId,
          action: 'retire',
          entity: 'signing-key',
          entityId: current.id,
        });
      }
      const key = ownFromRow(await insertKey(trx, organisationId, secret, actorId));
      return { key, retired };
    });
  },
};
