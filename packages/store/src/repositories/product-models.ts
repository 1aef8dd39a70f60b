import { createHash, randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import { StoreError } from '../errors.js';
import type { CalculationResultsTable, Schema } from '../schema.js';
import type { Store } from '../store.js';
import { audit } from './audit.js';

/**
 * Who saved a version of a model: a user (also when they used a personal API token), or a machine client's API
 * token, with the name it has now.
 */
export type ModelSaver = { userId: string; name: string } | { tokenId: string; name: string };

/** A product model: foreground processes, links, parameters, stage tags and scenarios, as a JSON document. */
export interface ProductModel {
  id: string;
  organisationId: string;
  productId: string;
  name: string;
  backgroundVersionId: string | null;
  model: object;
  version: number;
  updatedAt: Date;
  /** Who saved this version; null when the store does not know (the demo data, a deleted user or token). */
  updatedBy: ModelSaver | null;
}

/**
 * Who saves a model or records a result: a user (`userId`), or a machine client's API token (`userId` null,
 * `tokenId` set), and the id the audit log records as the actor. A plain string is a user id.
 */
export interface Author {
  userId: string | null;
  tokenId?: string | null;
  actorId: string;
}

const authorOf = (author: string | Author): Author =>
  typeof author === 'string' ? { userId: author, actorId: author } : author;

/** A product model without its document, as listed. */
export type ProductModelSummary = Omit<ProductModel, 'model'>;

/** An immutable calculation result with the hash of everything that went into it. */
export interface CalculationResult {
  id: string;
  organisationId: string;
  modelId: string;
  modelVersion: number;
  inputsHash: string;
  result: object;
  createdAt: Date;
}

/**
 * A stable SHA-256 of JSON-able inputs (object keys sorted), so equal inputs give equal hashes whatever the key
 * order: the identity of a calculation (model document, background version, method, options).
 *
 * @example inputsHash({ model, backgroundVersionId, method: 'ipcc-ar6-gwp100' })
 */
export function inputsHash(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return `sha256:${createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex')}`;
}

type ModelRow = {
  id: string;
  organisation_id: string;
  product_id: string;
  name: string;
  background_version_id: string | null;
  model: object;
  version: number;
  updated_at: Date;
  updated_by: string | null;
  updated_by_token: string | null;
  user_name: string | null;
  token_name: string | null;
};

/** The saver of a row: the user when there is one (a person, even through their personal token), else the token. */
const saverOf = (r: Pick<ModelRow, 'updated_by' | 'updated_by_token' | 'user_name' | 'token_name'>) =>
  r.updated_by !== null && r.user_name !== null
    ? { userId: r.updated_by, name: r.user_name }
    : r.updated_by_token !== null && r.token_name !== null
      ? { tokenId: r.updated_by_token, name: r.token_name }
      : null;

const fromRow = (r: ModelRow): ProductModel => ({
  id: r.id,
  organisationId: r.organisation_id,
  productId: r.product_id,
  name: r.name,
  backgroundVersionId: r.background_version_id,
  model: r.model,
  version: r.version,
  updatedAt: r.updated_at,
  updatedBy: saverOf(r),
});

const MODEL_COLUMNS = [
  'id',
  'organisation_id',
  'product_id',
  'name',
  'background_version_id',
  'model',
  'version',
  'updated_at',
  'updated_by',
  'updated_by_token',
] as const;

/** A model's columns with the names of its saver (user and token), for one organisation's models. */
function modelsWithSavers(db: Kysely<Schema>, organisationId: string) {
  return db
    .selectFrom('product_models')
    .leftJoin('users', 'users.id', 'product_models.updated_by')
    .leftJoin('api_tokens', 'api_tokens.id', 'product_models.updated_by_token')
    .where('product_models.organisation_id', '=', organisationId)
    .select(MODEL_COLUMNS.map((c) => `product_models.${c}` as const))
    .select(['users.name as user_name', 'api_tokens.name as token_name']);
}

/** A row just written, with the names of its saver. */
async function withSaver(
  trx: Kysely<Schema>,
  row: Omit<ModelRow, 'user_name' | 'token_name'>,
): Promise<ProductModel> {
  const user =
    row.updated_by === null
      ? undefined
      : await trx.selectFrom('users').where('id', '=', row.updated_by).select('name').executeTakeFirst();
  const token =
    row.updated_by_token === null
      ? undefined
      : await trx
          .selectFrom('api_tokens')
          .where('id', '=', row.updated_by_token)
          .select('name')
          .executeTakeFirst();
  return fromRow({ ...row, user_name: user?.name ?? null, token_name: token?.name ?? null });
}

/**
 * Why a conditional model update changed nothing: NOT_FOUND, or VERSION_CONFLICT with the current version, when
 * it was saved and by whom (`updatedAt`, `updatedBy`: see ProductModel).
 */
async function conflictOrMissing(
  trx: Kysely<Schema>,
  organisationId: string,
  id: string,
  expectedVersion: number,
): Promise<never> {
  const row = await modelsWithSavers(trx, organisationId)
    .where('product_models.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new StoreError('NOT_FOUND', `no product model '${id}' in this organisation`);
  const current = fromRow(row);
  throw new StoreError(
    'VERSION_CONFLICT',
    `the model was saved by ${current.updatedBy ? `${current.updatedBy.name} ` : 'someone else '}at ${current.updatedAt.toISOString()} (now version ${current.version}, you edited version ${expectedVersion}): reload it and apply your change again`,
    {
      details: {
        currentVersion: current.version,
        expectedVersion,
        updatedAt: current.updatedAt.toISOString(),
        updatedBy: current.updatedBy,
      },
    },
  );
}

/**
 * Sets `columns` of a model that is still at `expectedVersion` (one version more, with its author), with an audit
 * entry; else NOT_FOUND or VERSION_CONFLICT.
 */
async function updateIfAt(
  store: Store,
  organisationId: string,
  id: string,
  expectedVersion: number,
  columns: { name?: string; background_version_id?: string | null; model?: string },
  author: string | Author,
  details: Record<string, unknown>,
): Promise<ProductModel> {
  const { userId, tokenId, actorId } = authorOf(author);
  return store.transaction(async (trx) => {
    const row = await trx
      .updateTable('product_models')
      .set((eb) => ({
        ...columns,
        version: eb('version', '+', 1),
        updated_at: new Date(),
        updated_by: userId,
        updated_by_token: tokenId ?? null,
      }))
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .returning(MODEL_COLUMNS)
      .executeTakeFirst();
    if (!row) return conflictOrMissing(trx, organisationId, id, expectedVersion);
    await audit(trx, {
      organisationId,
      actorId,
      action: 'update',
      entity: 'product-model',
      entityId: id,
      details: { version: row.version, ...details },
    });
    return withSaver(trx, row);
  });
}

/** Product models of one organisation (another tenant's are NOT_FOUND), saved with optimistic versions. */
export const productModels = {
  async create(
    store: Store,
    organisationId: string,
    input: { productId: string; name: string; backgroundVersionId: string | null; model: object },
    author: string | Author,
  ): Promise<ProductModel> {
    const { userId, tokenId, actorId } = authorOf(author);
    return store.transaction(async (trx) => {
      const product = await trx
        .selectFrom('products')
        .where('organisation_id', '=', organisationId)
        .where('id', '=', input.productId)
        .select('id')
        .executeTakeFirst();
      if (!product) throw new StoreError('NOT_FOUND', `no product '${input.productId}' in this organisation`);
      const id = randomUUID();
      const row = await trx
        .insertInto('product_models')
        .values({
          id,
          organisation_id: organisationId,
          product_id: input.productId,
          name: input.name,
          background_version_id: input.backgroundVersionId,
          model: JSON.stringify(input.model),
          updated_by: userId,
          updated_by_token: tokenId ?? null,
        })
        .returning(MODEL_COLUMNS)
        .executeTakeFirstOrThrow();
      await audit(trx, { organisationId, actorId, action: 'create', entity: 'product-model', entityId: id });
      return withSaver(trx, row);
    });
  },

  /**
   * The organisation's models without their documents (read one with `get`), by name; only those of `productId`
   * when given (another tenant's product: none).
   */
  async list(
    store: Store,
    organisationId: string,
    filter: { productId?: string } = {},
  ): Promise<ProductModelSummary[]> {
    let query = store.db
      .selectFrom('product_models')
      .leftJoin('users', 'users.id', 'product_models.updated_by')
      .leftJoin('api_tokens', 'api_tokens.id', 'product_models.updated_by_token')
      .where('product_models.organisation_id', '=', organisationId)
      .select(MODEL_COLUMNS.filter((c) => c !== 'model').map((c) => `product_models.${c}` as const))
      .select(['users.name as user_name', 'api_tokens.name as token_name']);
    if (filter.productId !== undefined)
      query = query.where('product_models.product_id', '=', filter.productId);
    const rows = await query.orderBy('product_models.name').orderBy('product_models.id').execute();
    return rows.map((r) => ({
      id: r.id,
      organisationId: r.organisation_id,
      productId: r.product_id,
      name: r.name,
      backgroundVersionId: r.background_version_id,
      version: r.version,
      updatedAt: r.updated_at,
      updatedBy: saverOf(r),
    }));
  },

  async get(store: Store, organisationId: string, id: string): Promise<ProductModel> {
    const row = await modelsWithSavers(store.db, organisationId)
      .where('product_models.id', '=', id)
      .executeTakeFirst();
    if (!row) throw new StoreError('NOT_FOUND', `no product model '${id}' in this organisation`);
    return fromRow(row);
  },

  /**
   * Renames a model or links it to another background version (or none), if it is still at `expectedVersion`;
   * else VERSION_CONFLICT. The version increases as for a new document.
   */
  async update(
    store: Store,
    organisationId: string,
    id: string,
    expectedVersion: number,
    change: { name?: string; backgroundVersionId?: string | null },
    author: string | Author,
  ): Promise<ProductModel> {
    return updateIfAt(
      store,
      organisationId,
      id,
      expectedVersion,
      {
        ...(change.name === undefined ? {} : { name: change.name }),
        ...(change.backgroundVersionId === undefined
          ? {}
          : { background_version_id: change.backgroundVersionId }),
      },
      author,
      change,
    );
  },

  /** Deletes a model with its stored results (the audit log keeps what happened). */
  async delete(store: Store, organisationId: string, id: string, author: string | Author): Promise<void> {
    const { actorId } = authorOf(author);
    await store.transaction(async (trx) => {
      const gone = await trx
        .deleteFrom('product_models')
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .returning(['name', 'version'])
        .executeTakeFirst();
      if (!gone) throw new StoreError('NOT_FOUND', `no product model '${id}' in this organisation`);
      await audit(trx, {
        organisationId,
        actorId,
        action: 'delete',
        entity: 'product-model',
        entityId: id,
        details: { name: gone.name, version: gone.version },
      });
    });
  },

  /** Saves a new model document if the model is still at `expectedVersion`; else VERSION_CONFLICT. */
  async save(
    store: Store,
    organisationId: string,
    id: string,
    expectedVersion: number,
    model: object,
    author: string | Author,
  ): Promise<ProductModel> {
    return updateIfAt(
      store,
      organisationId,
      id,
      expectedVersion,
      { model: JSON.stringify(model) },
      author,
      {},
    );
  },
};

const resultFromRow = (row: Selectable<CalculationResultsTable>): CalculationResult => ({
  id: row.id,
  organisationId: row.organisation_id,
  modelId: row.model_id,
  modelVersion: row.model_version,
  inputsHash: row.inputs_hash,
  result: row.result,
  createdAt: row.created_at,
});

/** Calculation results: written once, never changed (database trigger), found again by their inputs hash. */
export const calculationResults = {
  async record(
    store: Store,
    organisationId: string,
    input: { modelId: string; modelVersion: number; inputsHash: string; result: object },
    author: string | Author | null,
  ): Promise<CalculationResult> {
    const { userId, tokenId, actorId } =
      author === null ? { userId: null, tokenId: null, actorId: null } : authorOf(author);
    return store.transaction(async (trx) => {
      const id = randomUUID();
      const row = await trx
        .insertInto('calculation_results')
        .values({
          id,
          organisation_id: organisationId,
          model_id: input.modelId,
          model_version: input.modelVersion,
          inputs_hash: input.inputsHash,
          result: JSON.stringify(input.result),
          created_by: userId,
          created_by_token: tokenId ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(trx, {
        organisationId,
        actorId,
        action: 'calculate',
        entity: 'calculation-result',
        entityId: id,
        details: { modelId: input.modelId, modelVersion: input.modelVersion, inputsHash: input.inputsHash },
      });
      return resultFromRow(row);
    });
  },

  async get(store: Store, organisationId: string, id: string): Promise<CalculationResult> {
    const row = await store.db
      .selectFrom('calculation_results')
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .selectAll()
      .executeTakeFirst();
    if (!row) throw new StoreError('NOT_FOUND', `no calculation result '${id}' in this organisation`);
    return resultFromRow(row);
  },

  /** The results of one model, newest first (at most `limit`, default 100); another tenant's model: none. */
  async list(
    store: Store,
    organisationId: string,
    modelId: string,
    limit = 100,
  ): Promise<CalculationResult[]> {
    const rows = await store.db
      .selectFrom('calculation_results')
      .where('organisation_id', '=', organisationId)
      .where('model_id', '=', modelId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .selectAll()
      .execute();
    return rows.map(resultFromRow);
  },

  /**
   * One result with parts of its document as JSON text, for serving it as it is stored: the database renders them,
   * so a read costs no parse and no re-serialisation in the application. `parts` maps a name to a path of keys into
   * the result document (`['footprint', 'split', 'total']`); a missing one is null.
   */
  async getText<K extends string>(
    store: Store,
    organisationId: string,
    id: string,
    parts: Readonly<Record<K, readonly string[]>>,
  ): Promise<Omit<CalculationResult, 'result'> & { parts: Record<K, string | null> }> {
    const names = Object.keys(parts) as K[];
    const row = await store.db
      .selectFrom('calculation_results')
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .select(['id', 'organisation_id', 'model_id', 'model_version', 'inputs_hash', 'created_at'])
      .select(
        names.map((name, i) => {
          const path = parts[name];
          // Keys come from code, never from a request; checked all the same, as they are written into the SQL.
          if (!path.every((k) => /^[A-Za-z0-9_]+$/.test(k)))
            throw new Error(`bad result path ${path.join('.')}`);
          return sql<string | null>`(result #> ${sql.lit(`{${path.join(',')}}`)})::text`.as(`part${i}`);
        }),
      )
      .executeTakeFirst();
    if (!row) throw new StoreError('NOT_FOUND', `no calculation result '${id}' in this organisation`);
    const values = row as unknown as Record<string, string | null>;
    return {
      id: row.id,
      organisationId: row.organisation_id,
      modelId: row.model_id,
      modelVersion: row.model_version,
      inputsHash: row.inputs_hash,
      createdAt: row.created_at,
      parts: Object.fromEntries(names.map((name, i) => [name, values[`part${i}`]])) as Record<
        K,
        string | null
      >,
    };
  },

  /** The newest result of this model with these inputs, if one was calculated before (no need to calculate again). */
  async findByInputs(
    store: Store,
    organisationId: string,
    modelId: string,
    hash: string,
  ): Promise<string | undefined> {
    const row = await store.db
      .selectFrom('calculation_results')
      .where('organisation_id', '=', organisationId)
      .where('model_id', '=', modelId)
      .where('inputs_hash', '=', hash)
      .orderBy('created_at', 'desc')
      .select('id')
      .executeTakeFirst();
    return row?.id;
  },
};
