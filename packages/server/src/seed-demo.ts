import { randomBytes } from 'node:crypto';
import { starterDatabasePath } from '@opencfp/refdata';
import { DEMO_BATTERY_MODEL, DEMO_FRAME_MODEL } from './demo-models.js';
import {
  createOrganisation,
  createUser,
  importBackgroundDatabase,
  productModels,
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
 * background database (shared with every organisation), two demo products and an illustrative model of each. On a store with users: nothing —
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
  const battery = await products.create(
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
  const frame = await products.create(
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
  for (const [product, name, model] of [
    [battery, 'LFP pack, 2026 design (illustrative)', DEMO_BATTERY_MODEL],
    [frame, 'Aluminium frame (illustrative)', DEMO_FRAME_MODEL],
  ] as const)
    await productModels.create(
      store,
      organisation.id,
      { productId: product.id, name, backgroundVersionId: starter.id, model },
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
