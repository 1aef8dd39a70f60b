import { randomUUID } from 'node:crypto';
import { StoreError } from '../errors.js';
import type { Role } from '../schema.js';
import type { Store } from '../store.js';
import { audit } from './audit.js';
import { hashPassword, newSecret, randomPassword, secretHash, verifyPassword } from './secrets.js';

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

/** Password rules: at least 10 characters, and at most 1024 (what sign-in accepts). */
export const PASSWORD_LENGTH = { min: 10, max: 1024 } as const;

/** Refuses a password outside PASSWORD_LENGTH (INVALID_VALUE naming `field`). */
function checkPassword(password: string, field: string): void {
  if (password.length < PASSWORD_LENGTH.min || password.length > PASSWORD_LENGTH.max)
    throw new StoreError(
      'INVALID_VALUE',
      password.length < PASSWORD_LENGTH.min
        ? `the password is too weak: it must have at least ${PASSWORD_LENGTH.min} characters`
        : `the password must have at most ${PASSWORD_LENGTH.max} characters`,
      { details: { field } },
    );
}

/** What a user record may hold: an e-mail address (one @, something on both sides) and a name. */
function checkUser(email: string, name: string): void {
  if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 320)
    throw new StoreError('INVALID_VALUE', `'${email}' is not an e-mail address`, {
      details: { field: 'email' },
    });
  if (name === '' || name.length > 200)
    throw new StoreError('INVALID_VALUE', 'the name must have 1 to 200 characters', {
      details: { field: 'name' },
    });
}

/**
 * A new user with a scrypt-hashed password (never stored in clear), optionally with a first membership, in one
 * transaction. `managedBy` is the organisation whose owner creates the account through the API (and so was shown
 * its password): owners of other organisations cannot add it by e-mail until an administrator resets its password
 * (see `managingOrganisation`). `actorId` is who creates it, for the audit log (default: the new user).
 *
 * @example const user = await createUser(store, { email: 'li.wei@example.com', name: 'Li Wei', password });
 * @throws StoreError CONFLICT when the e-mail is taken; INVALID_VALUE for a password shorter than 10 characters,
 *   a malformed e-mail or an empty name; INVALID_REFERENCE for a membership of an organisation that does not exist.
 */
export async function createUser(
  store: Store,
  input: {
    email: string;
    name: string;
    password: string;
    membership?: { organisationId: string; role: Role };
    managedBy?: string;
  },
  actorId?: string,
): Promise<User> {
  const user: User = { id: randomUUID(), email: input.email.trim().toLowerCase(), name: input.name.trim() };
  checkUser(user.email, user.name);
  checkPassword(input.password, 'password');
  const passwordHash = await hashPassword(input.password);
  const actor = actorId ?? user.id;
  try {
    await store.transaction(async (trx) => {
      await trx
        .insertInto('users')
        .values({ ...user, password_hash: passwordHash, managed_by: input.managedBy ?? null })
        .execute();
      await audit(trx, {
        organisationId: input.managedBy ?? null,
        actorId: actor,
        action: 'create',
        entity: 'user',
        entityId: user.id,
        details: { email: user.email, ...(input.managedBy ? { managedBy: input.managedBy } : {}) },
      });
      if (input.membership) {
        const { organisationId, role } = input.membership;
        await trx
          .insertInto('memberships')
          .values({ organisation_id: organisationId, user_id: user.id, role })
          .execute();
        await audit(trx, {
          organisationId,
          actorId: actor,
          action: 'set-role',
          entity: 'membership',
          entityId: user.id,
          details: { role },
        });
      }
    });
  } catch (e) {
    if (e instanceof StoreError && e.code === 'CONFLICT' && e.details?.constraint === 'users_email_key')
      throw new StoreError('CONFLICT', `a user with the e-mail ${user.email} exists already`, {
        cause: e,
        details: { field: 'email' },
      });
    throw e;
  }
  return user;
}

/**
 * A new organisation (tenant) with `owner` as its first owner; `actorId` is who creates it, for the audit log
 * (default: the owner; an administrator's command names itself).
 *
 * @throws StoreError CONFLICT when the slug is taken.
 */
export async function createOrganisation(
  store: Store,
  input: { name: string; slug: string },
  ownerId: string,
  actorId: string = ownerId,
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
      actorId,
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

/**
 * An owner adds an existing user to their organisation, or changes a member's role (as `setMembership`), except
 * that an account managed by another organisation (created there through the API, see `managingOrganisation`) can
 * only be added by someone who owns that organisation too: its owner was shown the account's initial password,
 * so letting any owner add it would let one tenant plant an account it controls in another.
 *
 * @example await addMember(store, organisationId, user.id, 'editor', { actorId, userId: principal.userId });
 * @throws StoreError CONFLICT for a managed account of another organisation; NOT_FOUND for an unknown user.
 */
export async function addMember(
  store: Store,
  organisationId: string,
  userId: string,
  role: Role,
  actor: { actorId: string; userId: string | null },
): Promise<void> {
  await store.transaction(async (trx) => {
    const user = await trx
      .selectFrom('users')
      .where('id', '=', userId)
      .select('managed_by')
      .executeTakeFirst();
    if (!user) throw new StoreError('NOT_FOUND', `no user '${userId}'`);
    const member = await trx
      .selectFrom('memberships')
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .select('role')
      .executeTakeFirst();
    if (!member && user.managed_by !== null && user.managed_by !== organisationId) {
      const actorOwnsManager =
        actor.userId !== null &&
        (await trx
          .selectFrom('memberships')
          .where('organisation_id', '=', user.managed_by)
          .where('user_id', '=', actor.userId)
          .where('role', '=', 'owner')
          .select('role')
          .executeTakeFirst()) !== undefined;
      if (!actorOwnsManager)
        throw new StoreError(
          'CONFLICT',
          "this account was created by another organisation's owner, who was shown its initial password: it " +
            'can join this organisation once an administrator has reset its password (cfp users reset-password)',
          { details: { field: 'email', reason: 'managed-by-another-organisation' } },
        );
    }
    await trx
      .insertInto('memberships')
      .values({ organisation_id: organisationId, user_id: userId, role })
      .onConflict((oc) => oc.columns(['organisation_id', 'user_id']).doUpdateSet({ role }))
      .execute();
    await audit(trx, {
      organisationId,
      actorId: actor.actorId,
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

/**
 * The organisation that manages a user — whose owner created the account through the API and was shown its
 * initial password — or null for an account an administrator created (or whose password an administrator reset
 * since); undefined when there is no such user.
 *
 * @example if ((await managingOrganisation(store, user.id)) ?? organisationId) !== organisationId) refuse();
 */
export async function managingOrganisation(store: Store, userId: string): Promise<string | null | undefined> {
  const row = await store.db
    .selectFrom('users')
    .where('id', '=', userId)
    .select('managed_by')
    .executeTakeFirst();
  return row === undefined ? undefined : row.managed_by;
}

/** The organisation with this slug, or undefined (for administrators: the CLI names organisations by slug). */
export async function organisationBySlug(store: Store, slug: string): Promise<Organisation | undefined> {
  return store.db
    .selectFrom('organisations')
    .where('slug', '=', slug)
    .select(['id', 'name', 'slug'])
    .executeTakeFirst();
}

/** A user with every organisation they belong to, for administrators (never the password hash). */
export interface UserListing extends User {
  createdAt: Date;
  /** The organisation managing the account (see `managingOrganisation`), or null. */
  managedBy: string | null;
  memberships: (Organisation & { role: Role })[];
}

/**
 * Every user (by e-mail) with their memberships; with `organisationId`, only that organisation's members (each
 * still with all their memberships).
 *
 * @example for (const user of await listUsers(store)) console.log(user.email, user.memberships.map((m) => m.slug));
 */
export async function listUsers(
  store: Store,
  options: { organisationId?: string } = {},
): Promise<UserListing[]> {
  const { organisationId } = options;
  let users = store.db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'created_at', 'managed_by'])
    .orderBy('email');
  let memberships = store.db
    .selectFrom('memberships')
    .innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
    .select([
      'memberships.user_id',
      'organisations.id',
      'organisations.name',
      'organisations.slug',
      'memberships.role',
    ])
    .orderBy('organisations.slug');
  if (organisationId !== undefined) {
    const members = store.db
      .selectFrom('memberships')
      .where('organisation_id', '=', organisationId)
      .select('user_id');
    users = users.where('id', 'in', members);
    memberships = memberships.where('memberships.user_id', 'in', members);
  }
  const byUser = new Map<string, (Organisation & { role: Role })[]>();
  for (const { user_id, ...membership } of await memberships.execute()) {
    const list = byUser.get(user_id) ?? [];
    list.push(membership);
    byUser.set(user_id, list);
  }
  return (await users.execute()).map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    createdAt: row.created_at,
    managedBy: row.managed_by,
    memberships: byUser.get(row.id) ?? [],
  }));
}

/**
 * A user changes their own password: `currentPassword` must be right (false otherwise, and nothing changes). Every
 * other session of the user ends; the session `keepSession` (the caller's token) stays open.
 *
 * @example if (!(await changePassword(store, user.id, { currentPassword, newPassword, keepSession: token }))) deny();
 * @throws StoreError INVALID_VALUE (details.field `newPassword`) for a weak new password or one equal to the
 *   current; NOT_FOUND for an unknown user.
 */
export async function changePassword(
  store: Store,
  userId: string,
  input: { currentPassword: string; newPassword: string; keepSession?: string },
): Promise<boolean> {
  const row = await store.db
    .selectFrom('users')
    .where('id', '=', userId)
    .select('password_hash')
    .executeTakeFirst();
  if (!row) throw new StoreError('NOT_FOUND', `no user '${userId}'`);
  checkPassword(input.newPassword, 'newPassword');
  const ok = await verifyPassword(input.currentPassword, row.password_hash ?? DUMMY_HASH);
  if (!ok || row.password_hash === null) return false;
  if (input.newPassword.normalize('NFC') === input.currentPassword.normalize('NFC'))
    throw new StoreError('INVALID_VALUE', 'the new password must differ from the current one', {
      details: { field: 'newPassword' },
    });
  const oldHash = row.password_hash;
  const newHash = await hashPassword(input.newPassword);
  return store.transaction(async (trx) => {
    // Only over the hash that was checked: of two changes at once, the second finds its current password gone.
    const changed = await trx
      .updateTable('users')
      .set({ password_hash: newHash })
      .where('id', '=', userId)
      .where('password_hash', '=', oldHash)
      .executeTakeFirst();
    if (changed.numUpdatedRows === 0n) return false;
    let sessions = trx.deleteFrom('sessions').where('user_id', '=', userId);
    if (input.keepSession !== undefined)
      sessions = sessions.where('token_hash', '!=', secretHash(input.keepSession));
    const ended = await sessions.executeTakeFirst();
    await audit(trx, {
      organisationId: null,
      actorId: userId,
      action: 'change-password',
      entity: 'user',
      entityId: userId,
      details: { sessionsEnded: Number(ended.numDeletedRows) },
    });
    return true;
  });
}

/**
 * An administrator sets a new password for a user (`password`, or a random one) and ends all the user's sessions.
 * The account is no longer managed by the organisation whose owner created it (the administrator hands the new
 * password to its person). Returns the password to pass on, once.
 *
 * @example const { password } = await resetPassword(store, 'li.wei@example.com', { actorId: 'cli@admin' });
 * @throws StoreError NOT_FOUND for an unknown e-mail; INVALID_VALUE for a weak password.
 */
export async function resetPassword(
  store: Store,
  email: string,
  options: { password?: string; actorId?: string } = {},
): Promise<{ user: User; password: string; sessionsEnded: number }> {
  const password = options.password ?? randomPassword();
  checkPassword(password, 'password');
  const user = await userByEmail(store, email);
  if (!user)
    throw new StoreError('NOT_FOUND', `no user with the e-mail ${email.trim().toLowerCase()}`, {
      details: { field: 'email' },
    });
  const passwordHash = await hashPassword(password);
  const sessionsEnded = await store.transaction(async (trx) => {
    const before = await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, managed_by: null })
      .where('id', '=', user.id)
      .returning('managed_by')
      .executeTakeFirst();
    if (!before) throw new StoreError('NOT_FOUND', `no user with the e-mail ${user.email}`);
    const ended = await trx.deleteFrom('sessions').where('user_id', '=', user.id).executeTakeFirst();
    await audit(trx, {
      organisationId: null,
      actorId: options.actorId ?? null,
      action: 'reset-password',
      entity: 'user',
      entityId: user.id,
      details: { sessionsEnded: Number(ended.numDeletedRows) },
    });
    return Number(ended.numDeletedRows);
  });
  return { user, password, sessionsEnded };
}

/**
 * Removes a member from an organisation and revokes their personal API tokens there (so that adding them again
 * later does not bring old tokens back). The last owner cannot be removed.
 *
 * @example await removeMembership(store, organisationId, userId, actorId);
 * @throws StoreError NOT_FOUND when the user is not a member; CONFLICT for the organisation's last owner.
 */
export async function removeMembership(
  store: Store,
  organisationId: string,
  userId: string,
  actorId: string,
): Promise<void> {
  await store.transaction(async (trx) => {
    // The owners' rows first, in one order, so that two owners removing each other at once take turns (no
    // deadlock) and the second sees the first's removal: one of them stays.
    const owners = await trx
      .selectFrom('memberships')
      .where('organisation_id', '=', organisationId)
      .where('role', '=', 'owner')
      .select('user_id')
      .orderBy('user_id')
      .forUpdate()
      .execute();
    const member = await trx
      .selectFrom('memberships')
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .select('role')
      .forUpdate()
      .executeTakeFirst();
    if (!member)
      throw new StoreError('NOT_FOUND', `no member '${userId}' in this organisation`, {
        details: { userId },
      });
    if (member.role === 'owner' && !owners.some((o) => o.user_id !== userId))
      throw new StoreError(
        'CONFLICT',
        'the last owner of an organisation cannot be removed: make another member owner first',
        { details: { userId } },
      );
    await trx
      .deleteFrom('memberships')
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .execute();
    const revoked = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    await audit(trx, {
      organisationId,
      actorId,
      action: 'remove',
      entity: 'membership',
      entityId: userId,
      details: { role: member.role, tokensRevoked: Number(revoked.numUpdatedRows) },
    });
  });
}
