import { createOrganisation, organisationBySlug, userByEmail } from '@opencfp/store';
import { CliError, UsageError } from '../errors.js';
import { ADMIN_STORE_OPTIONS, adminActor, adminStore } from './admin-store.js';
import type { Command } from './command.js';
import { requiredOption } from './options.js';

const USAGE = 'usage: cfp orgs add --name <name> --slug <slug> --owner <e-mail>';

/** What the API accepts as a slug (routes/organisations.ts), checked here to say so in words. */
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * `cfp orgs add --name <n> --slug <s> --owner <e-mail>`: an administrator creates an organisation (a tenant, e.g.
 * for a company) with an existing user as its owner, on a server's database (DATABASE_URL, or the PGlite data
 * directory of a stopped server: see `adminStore`). A taken slug or an unknown owner is a clear message, exit 2.
 *
 * @example await orgs.run(['add'], { name: 'ACME Batteries', slug: 'acme', owner: 'li.wei@example.com' }, out);
 */
export const orgs: Command = {
  options: {
    ...ADMIN_STORE_OPTIONS,
    name: { type: 'string' },
    slug: { type: 'string' },
    owner: { type: 'string' },
  },
  async run(positionals, values, out) {
    if (positionals.length !== 1 || positionals[0] !== 'add') throw new UsageError(USAGE);
    const name = requiredOption(
      values,
      'name',
      'the organisation’s name, e.g. --name "ACME Batteries"',
    ).trim();
    const slug = requiredOption(values, 'slug', 'its short name in URLs, e.g. --slug acme-batteries');
    const ownerEmail = requiredOption(values, 'owner', 'the e-mail of an existing user, its first owner');
    if (name === '' || name.length > 200) throw new UsageError('--name must have 1 to 200 characters');
    if (!SLUG.test(slug))
      throw new UsageError(
        `--slug must be lower-case letters, digits and hyphens, at most 63, not starting with -; got '${slug}'`,
      );
    const organisation = await adminStore(values, async (store) => {
      const owner = await userByEmail(store, ownerEmail);
      if (!owner)
        throw new CliError(
          'NOT_FOUND',
          `no user with the e-mail ${ownerEmail}: create it first (cfp users add --email ${ownerEmail} --name …)`,
        );
      if (await organisationBySlug(store, slug))
        throw new CliError(
          'CONFLICT',
          `an organisation with the slug '${slug}' exists already: choose another`,
        );
      return {
        ...(await createOrganisation(store, { name, slug }, owner.id, adminActor())),
        owner: owner.email,
      };
    });
    out.stdout(
      `Created organisation '${organisation.name}' (slug ${organisation.slug}, id ${organisation.id}), ` +
        `owned by ${organisation.owner}.\n`,
    );
  },
};
