import { randomUUID } from 'node:crypto';
import { StoreError } from '../errors.js';
import type { Role } from '../schema.js';
import type { Store } from '../store.js';
import { audit } from './audit.js';
import { hashPassword, newSecret, secretHash, verifyPassword } from './secrets.js';

export interface Organisation {
  id: string;
  name: string;
  slug: string;
}

export interface User {
  id: string;
  email: string;
  name: string;
}

/** Who is acting, as established by a session or a token: the organisation is always explicit. */
export interface Principal {
  organisationId: string;
  userId: string | null;
  role: Role;
  /** 'session', 'personal' token or machine 'client'. */
  via: 'session' | 'personal' | 'client';
  /** The API token (personal or client) the request came with; absent for sessions. For the audit log. */
  tokenId?: string;
}

const MIN_PASSWORD = 10;

/**
 * A new user with a scrypt-hashed password (never stored in clear).
 *
 * @throws StoreError CONFLICT when the e-mail is taken; INVALID_VALUE for a password shorter than 10 characters.
 */
export async function createUser(
  store: Store,
  input: { email: string; name: string; password: string },
): Promise<User> {
  if (input.password.length < MIN_PASSWORD)
    throw new StoreError('INVALID_VALUE', `the password must have at least ${MIN_PASSWORD} characters`, {
      details: { field: 'password' },
    });
  const user: User = { id: randomUUID(), email: input.email.trim().toLowerCase(), name: input.name.trim() };
  const passwordHash = await hashPassword(input.password);
  await store.transaction(async (trx) => {
    await trx
      .insertInto('users')
      .values({ ...user, password_hash: passwordHash })
      .execute();
    await audit(trx, {
      organisationId: null,
      actorId: user.id,
      action: 'create',
      entity: 'user',
      entityId: user.id,
      details: { email: user.email },
    });
  });
  return user;
}

/**
 * A new organisation (tenant) with `owner` as its first owner.
 *
 * @throws StoreError CONFLICT when the slug is taken.
 */
export async function createOrganisation(
  store: Store,
  input: { name: string; slug: string },
  ownerId: string,
): Promise<Organisation> {
  const organisation: Organisation = { id: randomUUID(), name: input.name.trim(), slug: input.slug };
  await store.transaction(async (trx) => {
    await trx.insertInto('organisations').values(organisation).execute();
    await trx
      .insertInto('memberships')
      .values({ organisation_id: organisation.id, user_id: ownerId, role: 'owner' })
      .execute();
    await audit(trx, {
      organisationId: organisation.id,
      actorId: ownerId,
      action: 'create',
      entity: 'organisation',
      entityId: organisation.id,
      details: { name: organisation.name, slug: organisation.slug },
    });
  });
  return organisation;
}

/** Adds a user to an organisation with a role, or changes the role of a member. */
export async function setMembership(
  store: Store,
  organisationId: string,
  userId: string,
  role: Role,
  actorId: string,
): Promise<void> {
  await store.transaction(async (trx) => {
    await trx
      .insertInto('memberships')
      .values({ organisation_id: organisationId, user_id: userId, role })
      .onConflict((oc) => oc.columns(['organisation_id', 'user_id']).doUpdateSet({ role }))
      .execute();
    await audit(trx, {
      organisationId,
      actorId,
      action: 'set-role',
      entity: 'membership',
      entityId: userId,
      details: { role },
    });
  });
}

/** The organisations a user belongs to, with the role in each. */
export async function membershipsOf(
  store: Store,
  userId: string,
): Promise<(Organisation & { role: Role })[]> {
  return store.db
    .selectFrom('memberships')
    .innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
    .where('memberships.user_id', '=', userId)
    .select(['organisations.id', 'organisations.name', 'organisations.slug', 'memberships.role'])
    .orderBy('organisations.name')
    .execute();
}

/**
 * Signs a user in: checks the password and opens a session. Returns the session token (to hand to the client
 * once; only its hash is stored) or undefined — the same for an unknown e-mail and a wrong password.
 */
export async function signIn(
  store: Store,
  email: string,
  password: string,
  ttlSeconds = 8 * 3600,
): Promise<{ token: string; user: User; expiresAt: Date } | undefined> {
  const row = await store.db
    .selectFrom('users')
    .where('email', '=', email.trim().toLowerCase())
    .select(['id', 'email', 'name', 'password_hash'])
    .executeTakeFirst();
  // Verify against a dummy hash for unknown users too, so the answer takes as long either way.
  const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
  if (!row || !row.password_hash || !ok) return undefined;
  const token = newSecret('ocs');
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  await store.transaction(async (trx) => {
    await trx
      .insertInto('sessions')
      .values({ token_hash: secretHash(token), user_id: row.id, expires_at: expiresAt })
      .execute();
    await audit(trx, {
      organisationId: null,
      actorId: row.id,
      action: 'sign-in',
      entity: 'user',
      entityId: row.id,
    });
  });
  return { token, user: { id: row.id, email: row.email, name: row.name }, expiresAt };
}

const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** The user of a live session token, or undefined (unknown, expired). */
export async function sessionUser(store: Store, token: string): Promise<User | undefined> {
  return store.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .where('sessions.token_hash', '=', secretHash(token))
    .where('sessions.expires_at', '>', new Date())
    .select(['users.id', 'users.email', 'users.name'])
    .executeTakeFirst();
}

/** Ends a session (sign-out). */
export async function signOut(store: Store, token: string): Promise<void> {
  await store.db.deleteFrom('sessions').where('token_hash', '=', secretHash(token)).execute();
}

/** A user's role in an organisation, or undefined when not a member (callers answer 404, not 403). */
export async function roleIn(
  store: Store,
  organisationId: string,
  userId: string,
): Promise<Role | undefined> {
  const row = await store.db
    .selectFrom('memberships')
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .select('role')
    .executeTakeFirst();
  return row?.role;
}

/**
 * A personal API token of a member (acting as that user, with at most the user's role), or a machine client
 * (OAuth2 client credentials: `clientId` and the secret). The secret is returned once; only its hash is kept.
 */
export async function createApiToken(
  store: Store,
  input:
    | { kind: 'personal'; organisationId: string; userId: string; name: string; role: Role }
    | { kind: 'client'; organisationId: string; name: string; role: Role; createdBy: string },
): Promise<{ id: string; secret: string; clientId?: string }> {
  const id = randomUUID();
  const secret = newSecret(input.kind === 'personal' ? 'ocp' : 'occ');
  const clientId = input.kind === 'client' ? `client_${randomUUID().replace(/-/g, '')}` : undefined;
  if (input.kind === 'personal') {
    const role = await roleIn(store, input.organisationId, input.userId);
    if (!role)
      throw new StoreError('NOT_FOUND', 'the user is not a member of this organisation', {
        details: { organisationId: input.organisationId },
      });
    if (RANK[input.role] > RANK[role])
      throw new StoreError(
        'INVALID_VALUE',
        `a token cannot have more rights (${input.role}) than its user (${role})`,
      );
  }
  await store.transaction(async (trx) => {
    await trx
      .insertInto('api_tokens')
      .values({
        id,
        organisation_id: input.organisationId,
        user_id: input.kind === 'personal' ? input.userId : null,
        kind: input.kind,
        name: input.name,
        client_id: clientId ?? null,
        secret_hash: secretHash(secret),
        role: input.role,
      })
      .execute();
    await audit(trx, {
      organisationId: input.organisationId,
      actorId: input.kind === 'personal' ? input.userId : input.createdBy,
      action: 'create',
      entity: 'api-token',
      entityId: id,
      details: { kind: input.kind, name: input.name, role: input.role },
    });
  });
  return clientId ? { id, secret, clientId } : { id, secret };
}

/** How much a role may do, for comparisons: owner > editor > verifier > viewer. */
export const RANK: Readonly<Record<Role, number>> = { viewer: 0, verifier: 1, editor: 2, owner: 3 };

/**
 * The principal of an API secret: a personal token or a client's secret (with its client id), when not revoked.
 * A personal token never has more rights than its user has now.
 */
export async function authenticateToken(
  store: Store,
  secret: string,
  clientId?: string,
): Promise<Principal | undefined> {
  let query = store.db
    .selectFrom('api_tokens')
    .where('revoked_at', 'is', null)
    .select(['api_tokens.id', 'organisation_id', 'user_id', 'kind', 'role', 'client_id']);
  if (secret.startsWith('oca_'))
    // An access token of a client (client-credentials grant): live, and its client not revoked.
    query = query
      .innerJoin('access_tokens', 'access_tokens.api_token_id', 'api_tokens.id')
      .where('access_tokens.token_hash', '=', secretHash(secret))
      .where('access_tokens.expires_at', '>', new Date());
  else query = query.where('secret_hash', '=', secretHash(secret));
  if (clientId !== undefined) query = query.where('client_id', '=', clientId);
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  let role = row.role;
  if (row.kind === 'personal' && row.user_id) {
    const current = await roleIn(store, row.organisation_id, row.user_id);
    if (!current) return undefined;
    if (RANK[current] < RANK[role]) role = current;
  }
  // last_used_at to the minute: enough to see which tokens are in use, without a write on every request.
  await store.db
    .updateTable('api_tokens')
    .set({ last_used_at: new Date() })
    .where('id', '=', row.id)
    .where((eb) =>
      eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(Date.now() - 60_000))]),
    )
    .execute();
  return { organisationId: row.organisation_id, userId: row.user_id, role, via: row.kind, tokenId: row.id };
}

/** Revokes a token of an organisation; NOT_FOUND when it is not that organisation's. */
export async function revokeApiToken(
  store: Store,
  organisationId: string,
  id: string,
  actorId: string,
): Promise<void> {
  await store.transaction(async (trx) => {
    const r = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('id', '=', id)
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    if (r.numUpdatedRows === 0n) throw new StoreError('NOT_FOUND', 'no such token in this organisation');
    await audit(trx, { organisationId, actorId, action: 'revoke', entity: 'api-token', entityId: id });
  });
}

/**
 * OAuth2 client credentials: checks a client's id and secret and issues a short-lived access token ('oca_…',
 * default one hour) that `authenticateToken` accepts until it expires or the client is revoked. Undefined for a
 * wrong id/secret pair or a revoked client (the caller answers 401 invalid_client).
 */
export async function issueAccessToken(
  store: Store,
  clientId: string,
  clientSecret: string,
  ttlSeconds = 3600,
): Promise<{ accessToken: string; expiresIn: number; principal: Principal } | undefined> {
  if (clientSecret.startsWith('oca_')) return undefined; // an access token is not a client secret
  const principal = await authenticateToken(store, clientSecret, clientId);
  if (!principal || principal.via !== 'client' || principal.tokenId === undefined) return undefined;
  const accessToken = newSecret('oca');
  const tokenId = principal.tokenId;
  await store.transaction(async (trx) => {
    // Expired tokens of this client go as new ones come, so the table does not grow without end.
    await trx
      .deleteFrom('access_tokens')
      .where('api_token_id', '=', tokenId)
      .where('expires_at', '<', new Date())
      .execute();
    await trx
      .insertInto('access_tokens')
      .values({
        token_hash: secretHash(accessToken),
        api_token_id: tokenId,
        expires_at: new Date(Date.now() + ttlSeconds * 1000),
      })
      .execute();
  });
  return { accessToken, expiresIn: ttlSeconds, principal };
}

/** The organisation with this id, or undefined (callers check access first). */
export async function organisationById(store: Store, id: string): Promise<Organisation | undefined> {
  return store.db
    .selectFrom('organisations')
    .where('id', '=', id)
    .select(['id', 'name', 'slug'])
    .executeTakeFirst();
}

/** The user with this id, or undefined. */
export async function userById(store: Store, id: string): Promise<User | undefined> {
  return store.db.selectFrom('users').where('id', '=', id).select(['id', 'email', 'name']).executeTakeFirst();
}

/** The user with this e-mail (trimmed, lower case, as stored), or undefined. */
export async function userByEmail(store: Store, email: string): Promise<User | undefined> {
  return store.db
    .selectFrom('users')
    .where('email', '=', email.trim().toLowerCase())
    .select(['id', 'email', 'name'])
    .executeTakeFirst();
}
