import { randomUUID } from 'node:crypto';
import { StoreError } from '../errors.js';
import type { ProductsTable } from '../schema.js';
import type { Store } from '../store.js';
import { audit } from './audit.js';

/** A product of an organisation: names in English and Chinese, a category code, identifiers, a declared unit. */
export interface Product {
  id: string;
  organisationId: string;
  nameEn: string;
  nameZh: string | null;
  categoryScheme: ProductsTable['category_scheme'];
  categoryCode: string | null;
  identifiers: { scheme: string; value: string }[];
  declaredUnitAmount: number;
  declaredUnit: string;
  /** Increases by one with every change; an update names the version it read (optimistic concurrency). */
  version: number;
  updatedAt: Date;
}

export type ProductInput = Omit<Product, 'id' | 'organisationId' | 'version' | 'updatedAt'>;

const COLUMNS = [
  'id',
  'organisation_id',
  'name_en',
  'name_zh',
  'category_scheme',
  'category_code',
  'identifiers',
  'declared_unit_amount',
  'declared_unit',
  'version',
  'updated_at',
] as const;

type Row = Pick<
  ProductsTable,
  'id' | 'organisation_id' | 'name_en' | 'name_zh' | 'category_scheme' | 'category_code' | 'declared_unit'
> & {
  identifiers: { scheme: string; value: string }[];
  declared_unit_amount: number;
  version: number;
  updated_at: Date;
};

const fromRow = (r: Row): Product => ({
  id: r.id,
  organisationId: r.organisation_id,
  nameEn: r.name_en,
  nameZh: r.name_zh,
  categoryScheme: r.category_scheme,
  categoryCode: r.category_code,
  identifiers: r.identifiers,
  declaredUnitAmount: r.declared_unit_amount,
  declaredUnit: r.declared_unit,
  version: r.version,
  updatedAt: r.updated_at,
});

const toColumns = (p: Partial<ProductInput>) => ({
  ...(p.nameEn !== undefined ? { name_en: p.nameEn } : {}),
  ...(p.nameZh !== undefined ? { name_zh: p.nameZh } : {}),
  ...(p.categoryScheme !== undefined ? { category_scheme: p.categoryScheme } : {}),
  ...(p.categoryCode !== undefined ? { category_code: p.categoryCode } : {}),
  ...(p.identifiers !== undefined ? { identifiers: JSON.stringify(p.identifiers) } : {}),
  ...(p.declaredUnitAmount !== undefined ? { declared_unit_amount: p.declaredUnitAmount } : {}),
  ...(p.declaredUnit !== undefined ? { declared_unit: p.declaredUnit } : {}),
});

/**
 * The products of one organisation. Every method takes the organisation: another tenant's product is NOT_FOUND,
 * exactly as one that does not exist.
 *
 * @example
 * const p = await products.create(store, orgId, { nameEn: 'LFP cell', declaredUnit: 'kWh', ... }, userId);
 * await products.update(store, orgId, p.id, p.version, { nameZh: '磷酸铁锂电芯' }, userId);
 */
export const products = {
  async create(store: Store, organisationId: string, input: ProductInput, actorId: string): Promise<Product> {
    const id = randomUUID();
    return store.transaction(async (trx) => {
      const row = await trx
        .insertInto('products')
        .values({
          id,
          organisation_id: organisationId,
          name_en: input.nameEn,
          name_zh: input.nameZh,
          category_scheme: input.categoryScheme,
          category_code: input.categoryCode,
          identifiers: JSON.stringify(input.identifiers),
          declared_unit_amount: input.declaredUnitAmount,
          declared_unit: input.declaredUnit,
        })
        .returning(COLUMNS)
        .executeTakeFirstOrThrow();
      await audit(trx, { organisationId, actorId, action: 'create', entity: 'product', entityId: id });
      return fromRow(row);
    });
  },

  async get(store: Store, organisationId: string, id: string): Promise<Product> {
    const row = await store.db
      .selectFrom('products')
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .select(COLUMNS)
      .executeTakeFirst();
    if (!row) throw new StoreError('NOT_FOUND', `no product '${id}' in this organisation`);
    return fromRow(row);
  },

  async list(store: Store, organisationId: string): Promise<Product[]> {
    const rows = await store.db
      .selectFrom('products')
      .where('organisation_id', '=', organisationId)
      .select(COLUMNS)
      .orderBy('name_en')
      .orderBy('id')
      .execute();
    return rows.map(fromRow);
  },

  /**
   * Changes a product if it is still at `expectedVersion`.
   *
   * @throws StoreError NOT_FOUND (not this organisation's), VERSION_CONFLICT (someone saved in between: reload).
   */
  async update(
    store: Store,
    organisationId: string,
    id: string,
    expectedVersion: number,
    patch: Partial<ProductInput>,
    actorId: string,
  ): Promise<Product> {
    return store.transaction(async (trx) => {
      const row = await trx
        .updateTable('products')
        .set((eb) => ({ ...toColumns(patch), version: eb('version', '+', 1), updated_at: new Date() }))
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .returning(COLUMNS)
        .executeTakeFirst();
      if (!row) {
        const current = await trx
          .selectFrom('products')
          .where('organisation_id', '=', organisationId)
          .where('id', '=', id)
          .select('version')
          .executeTakeFirst();
        if (!current) throw new StoreError('NOT_FOUND', `no product '${id}' in this organisation`);
        throw new StoreError(
          'VERSION_CONFLICT',
          `the product was changed by someone else (now version ${current.version}, you edited version ${expectedVersion}): reload it and apply your change again`,
          { details: { currentVersion: current.version, expectedVersion } },
        );
      }
      await audit(trx, {
        organisationId,
        actorId,
        action: 'update',
        entity: 'product',
        entityId: id,
        details: { fields: Object.keys(patch), version: row.version },
      });
      return fromRow(row);
    });
  },

  async remove(store: Store, organisationId: string, id: string, actorId: string): Promise<void> {
    await store.transaction(async (trx) => {
      const r = await trx
        .deleteFrom('products')
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (r.numDeletedRows === 0n)
        throw new StoreError('NOT_FOUND', `no product '${id}' in this organisation`);
      await audit(trx, { organisationId, actorId, action: 'delete', entity: 'product', entityId: id });
    });
  },
};
