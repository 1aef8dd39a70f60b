import { z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  StoreError,
  getBackgroundDatabaseVersion,
  productModels,
  products,
  type Author,
  type Principal,
  type ProductModel,
  type ProductModelSummary,
} from '@opencfp/store';
import { ProductModelDocument } from '@opencfp/model';
import type { Context } from 'hono';
import { SIGNED_IN } from '../authenticate.js';
import { ServerError } from '../errors.js';
import { actorId, orgAccess, principalOf } from '../org-access.js';
import { createRouter, defineRoute, type AppEnv } from '../routing.js';
import { Instant, OrgParams } from './schemas.js';
import { ETAG_HEADER, IfMatch, etag, expectedVersion } from './versions.js';
import { unlessStudied } from './study-references.js';

/** The largest model document, in bytes of its JSON text (whatever the server's bodyLimit). */
export const MODEL_MAX_BYTES = 1024 * 1024;

const Id = z.string().min(1).max(100);

/**
 * The model document (docs/product-models.md): the zod schema of @opencfp/model, which the library uses too, so
 * the API and the engine accept the same documents; at most 1 MB as JSON.
 */
const ModelDocument = ProductModelDocument.refine(
  (model) => Buffer.byteLength(JSON.stringify(model), 'utf8') <= MODEL_MAX_BYTES,
  { message: `the model document is larger than ${MODEL_MAX_BYTES} bytes (1 MB) as JSON` },
).openapi('ProductModelDocument', {
  description:
    'foreground processes with inputs linked to background datasets, other foreground processes or supplier footprints, direct emissions, parameters, stages and scenarios (docs/product-models.md); at most 1 MB',
});

const summaryFields = {
  id: z.string(),
  organisationId: z.string(),
  productId: z.string(),
  name: z.string().openapi({ example: 'LFP pack, 2025 design' }),
  backgroundVersionId: z
    .string()
    .nullable()
    .openapi({ description: 'the background database version the model links to (GET …/databases)' }),
  version: z.number().int().positive().openapi({ description: 'increases with every save; also the ETag' }),
  updatedAt: Instant,
  updatedBy: z
    .union([
      z.object({ userId: z.string(), name: z.string() }),
      z.object({ tokenId: z.string(), name: z.string() }),
    ])
    .nullable()
    .openapi('ModelSaver', {
      description:
        'who saved this version: a user (also through their personal API token), or a machine client’s API token, ' +
        'with the name it has now; null when unknown (demo data, a deleted user or token)',
    }),
};

const ProductModelSummarySchema = z.object(summaryFields).openapi('ProductModelSummary');
const ProductModelSchema = z.object({ ...summaryFields, model: ModelDocument }).openapi('ProductModel');

const NewProductModel = z
  .strictObject({
    productId: Id.openapi({ description: 'a product of the organisation' }),
    name: z.string().trim().min(1).max(300).openapi({ example: 'LFP pack, 2025 design' }),
    backgroundVersionId: Id.nullable().default(null).openapi({
      description: 'a database version the organisation can use (its own or shared); null: none yet',
    }),
    model: ModelDocument,
  })
  .openapi('NewProductModel');

const ModelReplacement = z
  .strictObject({
    model: ModelDocument,
    version: z.number().int().positive().optional().openapi({
      description: 'the version you read, when you do not send If-Match',
    }),
  })
  .openapi('ProductModelReplacement');

const ModelChange = z
  .strictObject({
    name: z.string().trim().min(1).max(300).optional(),
    backgroundVersionId: Id.nullable()
      .optional()
      .openapi({ description: 'another version, or null to unlink' }),
    version: z.number().int().positive().optional().openapi({
      description: 'the version you read, when you do not send If-Match',
    }),
  })
  .refine((x) => x.name !== undefined || x.backgroundVersionId !== undefined, {
    message: 'give name or backgroundVersionId',
  })
  .openapi('ProductModelChange');

const ProductModelList = z.object({ models: z.array(ProductModelSummarySchema) }).openapi('ProductModelList');

const ModelParams = OrgParams.extend({
  id: Id.openapi({ param: { name: 'id', in: 'path' }, description: 'the model id' }),
});

const ListQuery = z.object({
  productId: Id.optional().openapi({
    param: { name: 'productId', in: 'query' },
    description: 'only the models of this product',
  }),
});

/** A model (or its summary) as JSON (instants as ISO text). */
const toJson = <M extends ProductModelSummary | ProductModel>(m: M) => ({
  ...m,
  updatedAt: m.updatedAt.toISOString(),
});

/**
 * A record the request body refers to by id: another tenant's, or none, is 404 NOT_FOUND with `details.field`
 * (as for an unknown member e-mail), so a body cannot probe other tenants' ids either.
 */
async function referenced<T>(field: string, lookup: Promise<T>): Promise<T> {
  try {
    return await lookup;
  } catch (e) {
    if (e instanceof StoreError && e.code === 'NOT_FOUND')
      throw new ServerError('NOT_FOUND', e.message, { details: { field } });
    throw e;
  }
}

/** Who saves: the user, or for a machine client (no user) its API token; the audit log records the actor. */
function modelAuthor(principal: Principal): Author {
  return { userId: principal.userId, tokenId: principal.tokenId ?? null, actorId: actorId(principal) };
}

/**
 * The model document as the client sent it (validated already): stored without the defaults the schema fills in,
 * so a client reads back what it wrote.
 */
async function sentModel(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  return ((await c.req.json()) as { model: Record<string, unknown> }).model;
}

/**
 * Product models of an organisation, mounted under `/v1`: viewers read, editors create and save. A save replaces
 * the model document and names the version it was made from (If-Match or `version`); a stale one is 409
 * VERSION_CONFLICT.
 */
export function modelsRouter(): OpenAPIHono<AppEnv> {
  const router = createRouter();

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/orgs/{orgId}/models',
      tags: ['models'],
      summary: 'The organisation’s product models, without their documents (viewer)',
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: { params: OrgParams, query: ListQuery },
      responses: {
        200: { description: 'The models', content: { 'application/json': { schema: ProductModelList } } },
      },
    }),
    async (c) => {
      const { productId } = c.req.valid('query');
      const list = await productModels.list(
        c.var.store,
        principalOf(c).organisationId,
        productId === undefined ? {} : { productId },
      );
      return c.json({ models: list.map(toJson) }, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/orgs/{orgId}/models',
      tags: ['models'],
      summary: 'Create a product model (editor)',
      description:
        'A `productId` or `backgroundVersionId` the organisation cannot see (none, or another organisation’s) ' +
        'is 404 NOT_FOUND with `details.field`.',
      security: SIGNED_IN,
      middleware: [orgAccess('editor')],
      request: {
        params: OrgParams,
        body: { required: true, content: { 'application/json': { schema: NewProductModel } } },
      },
      responses: {
        201: {
          description: 'Created (version 1)',
          headers: ETAG_HEADER,
          content: { 'application/json': { schema: ProductModelSchema } },
        },
      },
    }),
    async (c) => {
      const principal = principalOf(c);
      const author = modelAuthor(principal);
      const input = c.req.valid('json');
      const store = c.var.store;
      await referenced('productId', products.get(store, principal.organisationId, input.productId));
      if (input.backgroundVersionId !== null)
        await referenced(
          'backgroundVersionId',
          getBackgroundDatabaseVersion(store, principal.organisationId, input.backgroundVersionId, {
            issueLimit: 0,
          }),
        );
      const model = await referenced(
        'productId',
        productModels.create(
          store,
          principal.organisationId,
          { ...input, model: await sentModel(c) },
          author,
        ),
      );
      c.header('ETag', etag(model.version));
      c.header('Location', `/v1/orgs/${model.organisationId}/models/${model.id}`);
      return c.json(toJson(model), 201);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/orgs/{orgId}/models/{id}',
      tags: ['models'],
      summary: 'One product model with its document (viewer)',
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: { params: ModelParams },
      responses: {
        200: {
          description: 'The model',
          headers: ETAG_HEADER,
          content: { 'application/json': { schema: ProductModelSchema } },
        },
      },
    }),
    async (c) => {
      const model = await productModels.get(
        c.var.store,
        principalOf(c).organisationId,
        c.req.valid('param').id,
      );
      c.header('ETag', etag(model.version));
      return c.json(toJson(model), 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'put',
      path: '/orgs/{orgId}/models/{id}',
      tags: ['models'],
      summary: 'Replace a model’s document (editor); needs the version you read',
      description:
        'Send `If-Match: "<version>"` (the ETag of your GET) or `version` in the body. Neither: 428 ' +
        'PRECONDITION_REQUIRED. Someone saved in between: 409 VERSION_CONFLICT with `details.currentVersion`, ' +
        '`details.updatedAt` and `details.updatedBy` (who saved it, as `updatedBy` of the model) — ' +
        'reload, apply your change again, and send it with the new version. The name, product and background ' +
        'version stay as they are.',
      security: SIGNED_IN,
      middleware: [orgAccess('editor')],
      request: {
        params: ModelParams,
        headers: IfMatch,
        body: { required: true, content: { 'application/json': { schema: ModelReplacement } } },
      },
      responses: {
        200: {
          description: 'Saved (the version is one more)',
          headers: ETAG_HEADER,
          content: { 'application/json': { schema: ProductModelSchema } },
        },
      },
    }),
    async (c) => {
      const principal = principalOf(c);
      const author = modelAuthor(principal);
      const { version: bodyVersion } = c.req.valid('json');
      const model = await sentModel(c);
      const version = expectedVersion(c.req.valid('header')['if-match'], bodyVersion);
      const saved = await productModels.save(
        c.var.store,
        principal.organisationId,
        c.req.valid('param').id,
        version,
        model,
        author,
      );
      c.header('ETag', etag(saved.version));
      return c.json(toJson(saved), 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'patch',
      path: '/orgs/{orgId}/models/{id}',
      tags: ['models'],
      summary: 'Rename a model or link it to another background version (editor); needs the version you read',
      description:
        'Send `If-Match: "<version>"` or `version` in the body, as for PUT. `backgroundVersionId` must be a version ' +
        'the organisation can see (404 with `details.field` otherwise); null unlinks the model.',
      security: SIGNED_IN,
      middleware: [orgAccess('editor')],
      request: {
        params: ModelParams,
        headers: IfMatch,
        body: { required: true, content: { 'application/json': { schema: ModelChange } } },
      },
      responses: {
        200: {
          description: 'Changed (the version is one more)',
          headers: ETAG_HEADER,
          content: { 'application/json': { schema: ProductModelSchema } },
        },
      },
    }),
    async (c) => {
      const principal = principalOf(c);
      const { version: bodyVersion, ...change } = c.req.valid('json');
      const version = expectedVersion(c.req.valid('header')['if-match'], bodyVersion);
      if (change.backgroundVersionId !== undefined && change.backgroundVersionId !== null)
        await referenced(
          'backgroundVersionId',
          getBackgroundDatabaseVersion(c.var.store, principal.organisationId, change.backgroundVersionId, {
            issueLimit: 0,
          }),
        );
      const saved = await productModels.update(
        c.var.store,
        principal.organisationId,
        c.req.valid('param').id,
        version,
        change,
        modelAuthor(principal),
      );
      c.header('ETag', etag(saved.version));
      return c.json(toJson(saved), 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'delete',
      path: '/orgs/{orgId}/models/{id}',
      tags: ['models'],
      summary: 'Delete a model and its stored results (editor)',
      description:
        'A model a study refers to (the study’s model, or the result it reports) is kept: 409 CONFLICT naming the ' +
        'studies (`details.studies`).',
      security: SIGNED_IN,
      middleware: [orgAccess('editor')],
      request: { params: ModelParams },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      const principal = principalOf(c);
      const { id } = c.req.valid('param');
      await unlessStudied(c.var.store, principal.organisationId, { modelId: id }, () =>
        productModels.delete(c.var.store, principal.organisationId, id, modelAuthor(principal)),
      );
      return c.body(null, 204);
    },
  );

  return router;
}
