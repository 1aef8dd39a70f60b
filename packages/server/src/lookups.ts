// Three reads the store's repositories do not offer yet. They are plain tenant-safe SELECTs kept here until
// @opencfp/store exports them (then these become re-exports and the routes do not change).
import type { Organisation, Store, User } from '@opencfp/store';

/**
 * Reads that the routes need and `@opencfp/store` does not export yet: an organisation by id, a user by id or
 * e-mail.
 *
 * @example const user = await lookups.userByEmail(store, 'li.wei@example.com');
 */
export const lookups = {
  /** The organisation with this id, or undefined. Callers check access first (orgAccess). */
  async organisationById(store: Store, id: string): Promise<Organisation | undefined> {
    return store.db
      .selectFrom('organisations')
      .where('id', '=', id)
      .select(['id', 'name', 'slug'])
      .executeTakeFirst();
  },

  /** The user with this id, or undefined. */
  async userById(store: Store, id: string): Promise<User | undefined> {
    return store.db
      .selectFrom('users')
      .where('id', '=', id)
      .select(['id', 'email', 'name'])
      .executeTakeFirst();
  },

  /** The user with this e-mail (compared as the store keeps it: trimmed, lower case), or undefined. */
  async userByEmail(store: Store, email: string): Promise<User | undefined> {
    return store.db
      .selectFrom('users')
      .where('email', '=', email.trim().toLowerCase())
      .select(['id', 'email', 'name'])
      .executeTakeFirst();
  },
};
