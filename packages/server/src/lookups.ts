// The reads the routes need, from @opencfp/store, under the names the routes use.
import { organisationById, userByEmail, userById } from '@opencfp/store';

/**
 * An organisation by id, a user by id or e-mail (callers check access first).
 *
 * @example const user = await lookups.userByEmail(store, 'li.wei@example.com');
 */
export const lookups = { organisationById, userById, userByEmail };
