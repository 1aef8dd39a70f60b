import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { StoreError } from '../errors.js';
import {
  addMember,
  authenticateToken,
  changePassword,
  createApiToken,
  createOrganisation,
  createUser,
  listUsers,
  managingOrganisation,
  organisationBySlug,
  removeMembership,
  resetPassword,
  roleIn,
  sessionUser,
  setMembership,
  signIn,
  userByEmail,
} from '../repositories/accounts.js';
import { randomPassword } from '../repositories/secrets.js';
import type { Store } from '../store.js';

const PASSWORD = 'correct horse battery';

const isCode = (code: string, field?: string) => (e: unknown) => {
  assert.ok(e instanceof StoreError, `expected a StoreError ${code}, got ${String(e)}`);
  assert.equal(e.code, code, e.message);
  if (field !== undefined) assert.equal(e.details?.field, field, e.message);
  return true;
};

/**
 * Administering accounts: users made with a first membership, managed accounts kept to their organisation, listed, their passwords changed and reset, members
 * removed (never the last owner, also when two owners remove each other at once); run for every Store implementation.
 */
export function accountCases(
  name: string,
  open: () => Promise<{ store: Store; cleanup?: () => Promise<void> }>,
) {
  describe(`Account administration: ${name}`, () => {
    let store: Store;
    let cleanup: (() => Promise<void>) | undefined;
    const unique = () => randomUUID().slice(0, 8);
    const email = (who: string) => `${who}-${unique()}@example.com`;

    before(async () => {
      ({ store, cleanup } = await open());
    });
    after(async () => {
      await store.close();
      await cleanup?.();
    });

    /** The audit entries of one record, oldest first. */
    const auditOf = async (entityId: string) =>
      (
        await store.db
          .selectFrom('audit_log')
          .where('entity_id', '=', entityId)
          .select(['organisation_id', 'actor_id', 'action', 'entity', 'details'])
          .orderBy('id')
          .execute()
      ).map((row) => ({ ...row, details: row.details as Record<string, unknown> }));

    const userCount = async () =>
      Number(
        (
          await store.db
            .selectFrom('users')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('createUser makes a user and a first membership in one transaction, audited, and refuses bad input clearly', async () => {
      const owner = await createUser(store, { email: email('owner'), name: 'Owner', password: PASSWORD });
      const org = await createOrganisation(store, { name: 'Cell Co', slug: `cell-${unique()}` }, owner.id);
      const address = email('Wang.Fang');
      const made = await createUser(
        store,
        {
          email: ` ${address.toUpperCase()} `,
          name: ' Wang Fang ',
          password: PASSWORD,
          membership: { organisationId: org.id, role: 'editor' },
          managedBy: org.id,
        },
        owner.id,
      );
      assert.deepEqual(
        { ...made, id: undefined },
        { id: undefined, email: address.toLowerCase(), name: 'Wang Fang' },
      );
      assert.equal(await roleIn(store, org.id, made.id), 'editor');
      assert.equal(await managingOrganisation(store, made.id), org.id);
      assert.equal(
        await managingOrganisation(store, owner.id),
        null,
        'made without managedBy: an administrator’s',
      );
      assert.equal(await managingOrganisation(store, 'no-such-user'), undefined);
      assert.deepEqual(await auditOf(made.id), [
        {
          organisation_id: org.id,
          actor_id: owner.id,
          action: 'create',
          entity: 'user',
          details: { email: address.toLowerCase(), managedBy: org.id },
        },
        {
          organisation_id: org.id,
          actor_id: owner.id,
          action: 'set-role',
          entity: 'membership',
          details: { role: 'editor' },
        },
      ]);

      assert.ok(await signIn(store, address, PASSWORD));

      const before = await userCount();
      await assert.rejects(
        createUser(store, { email: address, name: 'Again', password: PASSWORD }),
        (e: unknown) => {
          isCode('CONFLICT', 'email')(e);
          assert.equal(
            (e as Error).message,
            `a user with the e-mail ${address.toLowerCase()} exists already`,
          );
          return true;
        },
      );
      await assert.rejects(
        createUser(store, { email: email('weak'), name: 'Weak', password: 'short' }),
        (e: unknown) => {
          isCode('INVALID_VALUE', 'password')(e);
          assert.match((e as Error).message, /too weak: it must have at least 10 characters/);
          return true;
        },
      );
      await assert.rejects(
        createUser(store, { email: email('long'), name: 'Long', password: 'x'.repeat(1025) }),
        isCode('INVALID_VALUE', 'password'),
      );
      await assert.rejects(
        createUser(store, { email: 'no-at-sign', name: 'X', password: PASSWORD }),
        isCode('INVALID_VALUE', 'email'),
      );
      await assert.rejects(
        createUser(store, { email: email('nameless'), name: '  ', password: PASSWORD }),
        isCode('INVALID_VALUE', 'name'),
      );
      // A membership of an organisation that does not exist: nothing is kept, not even the user.
      const orphan = email('orphan');
      await assert.rejects(
        createUser(store, {
          email: orphan,
          name: 'Orphan',
          password: PASSWORD,
          membership: { organisationId: 'no-such-org', role: 'viewer' },
        }),
        isCode('INVALID_REFERENCE'),
      );
      assert.equal(await userByEmail(store, orphan), undefined);
      assert.equal(await userCount(), before, 'no user was added by a refused call');
    });

    it('addMember: anyone an administrator made joins any organisation; a managed account only its own, until reset', async () => {
      const ownerA = await createUser(store, {
        email: email('owner-a'),
        name: 'Owner A',
        password: PASSWORD,
      });
      const ownerB = await createUser(store, {
        email: email('owner-b'),
        name: 'Owner B',
        password: PASSWORD,
      });
      const orgA = await createOrganisation(store, { name: 'A', slug: `a-${unique()}` }, ownerA.id);
      const orgB = await createOrganisation(store, { name: 'B', slug: `b-${unique()}` }, ownerB.id);
      const orgC = await createOrganisation(store, { name: 'C', slug: `c-${unique()}` }, ownerA.id);
      const plain = await createUser(store, { email: email('plain'), name: 'Plain', password: PASSWORD });
      await addMember(store, orgA.id, plain.id, 'viewer', { actorId: ownerA.id, userId: ownerA.id });
      await addMember(store, orgB.id, plain.id, 'editor', { actorId: ownerB.id, userId: ownerB.id });
      assert.deepEqual(
        [await roleIn(store, orgA.id, plain.id), await roleIn(store, orgB.id, plain.id)],
        ['viewer', 'editor'],
      );

      const address = email('planted');
      const managed = await createUser(
        store,
        {
          email: address,
          name: 'Planted',
          password: PASSWORD,
          membership: { organisationId: orgA.id, role: 'viewer' },
          managedBy: orgA.id,
        },
        ownerA.id,
      );
      // The owner of B cannot take in an account the owner of A holds the password of; nor can a machine client.
      for (const actor of [
        { actorId: ownerB.id, userId: ownerB.id },
        { actorId: `client@${orgB.id}`, userId: null },
      ])
        await assert.rejects(addMember(store, orgB.id, managed.id, 'viewer', actor), (e: unknown) => {
          isCode('CONFLICT', 'email')(e);
          assert.match((e as Error).message, /administrator has reset its password/);
          return true;
        });
      assert.equal(await roleIn(store, orgB.id, managed.id), undefined);
      // Its own organisation changes its role; an owner of A may take it into another organisation they own.
      await addMember(store, orgA.id, managed.id, 'editor', { actorId: ownerA.id, userId: ownerA.id });
      assert.equal(await roleIn(store, orgA.id, managed.id), 'editor');
      await addMember(store, orgC.id, managed.id, 'viewer', { actorId: ownerA.id, userId: ownerA.id });
      // Once there, C's other owners may change its role there.
      await setMembership(store, orgC.id, ownerB.id, 'owner', ownerA.id);
      await addMember(store, orgC.id, managed.id, 'editor', { actorId: ownerB.id, userId: ownerB.id });
      assert.equal(await roleIn(store, orgC.id, managed.id), 'editor');
      // After an administrator's reset it is an ordinary account.
      await resetPassword(store, address, { actorId: 'cli@admin' });
      await addMember(store, orgB.id, managed.id, 'viewer', { actorId: ownerB.id, userId: ownerB.id });
      assert.equal(await roleIn(store, orgB.id, managed.id), 'viewer');
      await assert.rejects(
        addMember(store, orgB.id, 'no-such-user', 'viewer', { actorId: ownerB.id, userId: ownerB.id }),
        isCode('NOT_FOUND'),
      );
    });

    it('listUsers lists users with their memberships, all or one organisation’s, without password hashes', async () => {
      const a = await createUser(store, { email: email('a'), name: 'A', password: PASSWORD });
      const b = await createUser(store, { email: email('b'), name: 'B', password: PASSWORD });
      const loner = await createUser(store, { email: email('loner'), name: 'Loner', password: PASSWORD });
      const orgX = await createOrganisation(store, { name: 'X', slug: `x-${unique()}` }, a.id);
      const orgY = await createOrganisation(store, { name: 'Y', slug: `y-${unique()}` }, b.id);
      await setMembership(store, orgY.id, a.id, 'viewer', b.id);

      const all = await listUsers(store);
      const emails = all.map((u) => u.email);
      assert.deepEqual(emails, [...emails].sort(), 'by e-mail');
      for (const user of [a, b, loner]) assert.ok(emails.includes(user.email), user.email);
      for (const user of all) {
        assert.deepEqual(Object.keys(user).sort(), [
          'createdAt',
          'email',
          'id',
          'managedBy',
          'memberships',
          'name',
        ]);
        assert.ok(user.createdAt instanceof Date);
      }
      const listedA = all.find((u) => u.id === a.id);
      assert.deepEqual(
        listedA?.memberships.map((m) => [m.slug, m.role]).sort(),
        [
          [orgX.slug, 'owner'],
          [orgY.slug, 'viewer'],
        ].sort(),
      );
      assert.deepEqual(all.find((u) => u.id === loner.id)?.memberships, []);

      const ofY = await listUsers(store, { organisationId: orgY.id });
      assert.deepEqual(ofY.map((u) => u.id).sort(), [a.id, b.id].sort());
      assert.equal(ofY.find((u) => u.id === a.id)?.memberships.length, 2, 'each with all their memberships');
      assert.deepEqual(await listUsers(store, { organisationId: 'no-such-org' }), []);

      assert.deepEqual(await organisationBySlug(store, orgX.slug), orgX);
      assert.equal(await organisationBySlug(store, `nope-${unique()}`), undefined);
    });

    it('changePassword needs the current password, ends the other sessions and keeps the caller’s', async () => {
      const address = email('changer');
      const user = await createUser(store, { email: address, name: 'Changer', password: PASSWORD });
      const mine = await signIn(store, address, PASSWORD);
      const other = await signIn(store, address, PASSWORD);
      assert.ok(mine && other);

      const wrong = await changePassword(store, user.id, {
        currentPassword: 'not the password',
        newPassword: 'a new long password',
        keepSession: mine.token,
      });
      assert.equal(wrong, false);
      assert.ok(await sessionUser(store, other.token), 'a refused change ends nothing');
      assert.ok(await signIn(store, address, PASSWORD), 'and keeps the password');
      await assert.rejects(
        changePassword(store, user.id, { currentPassword: PASSWORD, newPassword: 'short' }),
        isCode('INVALID_VALUE', 'newPassword'),
      );
      await assert.rejects(
        changePassword(store, user.id, { currentPassword: PASSWORD, newPassword: PASSWORD }),
        isCode('INVALID_VALUE', 'newPassword'),
      );
      await assert.rejects(
        changePassword(store, 'no-such-user', {
          currentPassword: PASSWORD,
          newPassword: 'a new long password',
        }),
        isCode('NOT_FOUND'),
      );

      const changed = await changePassword(store, user.id, {
        currentPassword: PASSWORD,
        newPassword: 'a new long password',
        keepSession: mine.token,
      });
      assert.equal(changed, true);
      assert.deepEqual(await sessionUser(store, mine.token), user, 'the caller’s session stays');
      assert.equal(await sessionUser(store, other.token), undefined, 'every other session ended');
      assert.equal(await signIn(store, address, PASSWORD), undefined, 'the old password is gone');
      assert.ok(await signIn(store, address, 'a new long password'));
      const entries = await auditOf(user.id);
      const entry = entries.find((e) => e.action === 'change-password');
      assert.deepEqual(entry, {
        organisation_id: null,
        actor_id: user.id,
        action: 'change-password',
        entity: 'user',
        details: { sessionsEnded: 2 }, // `other`, and the session opened to check that the password was kept
      });
      // The password checked is the one replaced: a second change with the old password is refused.
      assert.equal(
        await changePassword(store, user.id, {
          currentPassword: PASSWORD,
          newPassword: 'yet another password',
        }),
        false,
      );
    });

    it('resetPassword sets a random (or given) password, ends every session and ends management', async () => {
      const owner = await createUser(store, { email: email('owner'), name: 'Owner', password: PASSWORD });
      const org = await createOrganisation(store, { name: 'Managed', slug: `managed-${unique()}` }, owner.id);
      const address = email('forgetful');
      const user = await createUser(
        store,
        {
          email: address,
          name: 'Forgetful',
          password: PASSWORD,
          membership: { organisationId: org.id, role: 'viewer' },
          managedBy: org.id,
        },
        owner.id,
      );
      const session = await signIn(store, address, PASSWORD);
      assert.ok(session);

      const reset = await resetPassword(store, address.toUpperCase(), { actorId: 'cli@admin' });
      assert.deepEqual(reset.user, user);
      assert.equal(reset.sessionsEnded, 1);
      assert.match(reset.password, /^[A-Za-z0-9_-]{20}$/);
      assert.equal(await sessionUser(store, session.token), undefined);
      assert.equal(await signIn(store, address, PASSWORD), undefined);
      assert.ok(await signIn(store, address, reset.password));
      assert.equal(await managingOrganisation(store, user.id), null);
      assert.equal(await roleIn(store, org.id, user.id), 'viewer', 'memberships stay');
      const entry = (await auditOf(user.id)).find((e) => e.action === 'reset-password');
      assert.deepEqual(entry, {
        organisation_id: null,
        actor_id: 'cli@admin',
        action: 'reset-password',
        entity: 'user',
        details: { sessionsEnded: 1 },
      });

      const chosen = await resetPassword(store, address, { password: 'chosen by the admin' });
      assert.equal(chosen.password, 'chosen by the admin');
      assert.equal(chosen.sessionsEnded, 1, 'the session opened with the random password');
      assert.ok(await signIn(store, address, 'chosen by the admin'));
      await assert.rejects(
        resetPassword(store, address, { password: 'weak' }),
        isCode('INVALID_VALUE', 'password'),
      );
      assert.ok(await signIn(store, address, 'chosen by the admin'), 'a refused reset changes nothing');
      await assert.rejects(resetPassword(store, email('nobody')), isCode('NOT_FOUND', 'email'));
      assert.notEqual(randomPassword(), randomPassword());
    });

    it('removeMembership removes a member and their tokens there; never the last owner; scoped to the organisation', async () => {
      const owner = await createUser(store, { email: email('owner'), name: 'Owner', password: PASSWORD });
      const member = await createUser(store, { email: email('member'), name: 'Member', password: PASSWORD });
      const outsider = await createUser(store, { email: email('outsider'), name: 'Out', password: PASSWORD });
      const org = await createOrganisation(store, { name: 'Pack Co', slug: `pack-${unique()}` }, owner.id);
      const other = await createOrganisation(
        store,
        { name: 'Other', slug: `other-${unique()}` },
        outsider.id,
      );
      await setMembership(store, org.id, member.id, 'editor', owner.id);
      await setMembership(store, other.id, member.id, 'viewer', outsider.id);
      const token = await createApiToken(store, {
        kind: 'personal',
        organisationId: org.id,
        userId: member.id,
        name: 'laptop',
        role: 'editor',
      });
      const tokenElsewhere = await createApiToken(store, {
        kind: 'personal',
        organisationId: other.id,
        userId: member.id,
        name: 'laptop',
        role: 'viewer',
      });

      await removeMembership(store, org.id, member.id, owner.id);
      assert.equal(await roleIn(store, org.id, member.id), undefined);
      assert.equal(await roleIn(store, other.id, member.id), 'viewer', 'other memberships stay');
      assert.equal(await authenticateToken(store, token.secret), undefined);
      // Added again, the old token does not come back.
      await setMembership(store, org.id, member.id, 'editor', owner.id);
      assert.equal(await authenticateToken(store, token.secret), undefined, 'revoked, not just unusable');
      assert.equal((await authenticateToken(store, tokenElsewhere.secret))?.organisationId, other.id);
      const removal = (await auditOf(member.id)).find((e) => e.action === 'remove');
      assert.deepEqual(removal, {
        organisation_id: org.id,
        actor_id: owner.id,
        action: 'remove',
        entity: 'membership',
        details: { role: 'editor', tokensRevoked: 1 },
      });

      await assert.rejects(removeMembership(store, org.id, outsider.id, owner.id), isCode('NOT_FOUND'));
      await assert.rejects(
        removeMembership(store, other.id, owner.id, owner.id),
        isCode('NOT_FOUND'),
        'a member of another organisation is not found here',
      );
      await assert.rejects(removeMembership(store, org.id, owner.id, owner.id), (e: unknown) => {
        isCode('CONFLICT')(e);
        assert.match((e as Error).message, /last owner .* make another member owner first/);
        return true;
      });
      assert.equal(await roleIn(store, org.id, owner.id), 'owner');

      // With a second owner the first may go (also by themselves).
      await setMembership(store, org.id, member.id, 'owner', owner.id);
      await removeMembership(store, org.id, owner.id, owner.id);
      assert.equal(await roleIn(store, org.id, owner.id), undefined);
      await assert.rejects(removeMembership(store, org.id, member.id, member.id), isCode('CONFLICT'));
    });

    it('two owners removing each other at once: one succeeds, the other is refused, one owner stays', async () => {
      for (let round = 0; round < 3; round++) {
        const first = await createUser(store, { email: email('first'), name: 'First', password: PASSWORD });
        const second = await createUser(store, {
          email: email('second'),
          name: 'Second',
          password: PASSWORD,
        });
        const org = await createOrganisation(store, { name: 'Race', slug: `race-${unique()}` }, first.id);
        await setMembership(store, org.id, second.id, 'owner', first.id);
        const outcomes = await Promise.allSettled([
          removeMembership(store, org.id, second.id, first.id),
          removeMembership(store, org.id, first.id, second.id),
        ]);
        assert.deepEqual(
          outcomes.map((o) => o.status).sort(),
          ['fulfilled', 'rejected'],
          JSON.stringify(outcomes),
        );
        const refused = outcomes.find((o) => o.status === 'rejected');
        assert.ok(refused && isCode('CONFLICT')(refused.reason));
        const owners = await store.db
          .selectFrom('memberships')
          .where('organisation_id', '=', org.id)
          .where('role', '=', 'owner')
          .select('user_id')
          .execute();
        assert.equal(owners.length, 1);
      }
    });
  });
}
