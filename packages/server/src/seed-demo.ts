import { randomBytes } from 'node:crypto';
import { starterDatabasePath } from '@opencfp/refdata';
import {
  createOrganisation,
  createUser,
  importBackgroundDatabase,
  products,
  type Store,
} from '@opencfp/store';

/** What `seedDemo` made; the password is only known here, once. */
export interface DemoSeed {
  created: boolean;
  email?: string;
  password?: string;
  organisationSlug?: string;
  starterVersionId?: string;
}

export const DEMO_EMAIL = 'demo@opencfp.local';

/**
 * On an empty store (no users yet): a demo user with a random password, a demo organisation it owns, the starter
 * background database (shared with every organisation), and two demo products. On a store with users: nothing —
 * so restarting never resets a password or duplicates data.
 *
 * @example const seed = await seedDemo(store); if (seed.created) console.log(seed.email, seed.password);
 */
export async function seedDemo(store: Store): Promise<DemoSeed> {
  const anyone = await store.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (anyone) return { created: false };
  const password = randomBytes(12).toString('base64url');
  const user = await createUser(store, { email: DEMO_EMAIL, name: 'Demo user', password });
  const organisation = await createOrganisation(store, { name: 'Demo organisation', slug: 'demo' }, user.id);
  const starter = await importBackgroundDatabase(
    store,
    {
      organisationId: null,
      name: 'OpenCFP starter database',
      path: starterDatabasePath(),
      sourceName: 'starter',
    },
    user.id,
  );
  await products.create(
    store,
    organisation.id,
    {
      nameEn: 'LFP battery pack (demo)',
      nameZh: '磷酸铁锂电池包（演示）',
      categoryScheme: 'HS',
      categoryCode: '850760',
      identifiers: [],
      declaredUnitAmount: 1,
      declaredUnit: 'kWh',
    },
    user.id,
  );
  await products.create(
    store,
    organisation.id,
    {
      nameEn: 'Aluminium bicycle frame (demo)',
      nameZh: '铝合金自行车车架（演示）',
      categoryScheme: 'HS',
      categoryCode: '871491',
      identifiers: [],
      declaredUnitAmount: 1,
      declaredUnit: 'item',
    },
    user.id,
  );
  return {
    created: true,
    email: DEMO_EMAIL,
    password,
    organisationSlug: organisation.slug,
    starterVersionId: starter.id,
  };
}
