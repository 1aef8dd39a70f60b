import { membershipsOf, type Organisation, type Role, type Store } from '@opencfp/store';
import type { Credentials } from './authenticate.js';
import { lookups } from './lookups.js';

/**
 * The organisations the caller may see, with the caller's role in each: every membership of a signed-in user; for
 * an API token only the organisation it is bound to, with the token's role (a token never reveals its user's other
 * organisations).
 *
 * @example const mine = await visibleOrganisations(c.var.store, await authenticate(c));
 */
export async function visibleOrganisations(
  store: Store,
  credentials: Credentials,
): Promise<(Organisation & { role: Role })[]> {
  if (credentials.via === 'session') return membershipsOf(store, credentials.user.id);
  const organisation = await lookups.organisationById(store, credentials.principal.organisationId);
  return organisation ? [{ ...organisation, role: credentials.principal.role }] : [];
}
