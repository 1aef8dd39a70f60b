import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { products, type Product } from '@opencfp/store';
import { SIGNED_IN } from '../authenticate.js';
import { actorId, orgAccess, principalOf } from '../org-access.js';
import { createRouter, defineRoute, type AppEnv } from '../routing.js';
import { Instant, OrgParams } from './schemas.js';
import { ETAG_HEADER, IfMatch, etag, expectedVersion } from './versions.js';
import { unlessStudied } from './study-references.js';

const CATEGORY_SCHEMES = ['CPC', 'HS', 'UNSPSC', 'GB/T 4754', 'other'] as const;

const Identifier = z
  .strictObject({
    scheme: z.string().trim().min(1).max(50).openapi({ example: 'GTIN' }),
    value: z.string().trim().min(1).max(200).openapi({ example: '06901234567892' }),
  })
  .openapi('ProductIdentifier');

/** The editable fields, each required as written (creation adds defaults, a change makes them optional). */
const fields = {
  nameEn: z.string().trim().min(1).max(300).openapi({ example: 'LFP battery pack' }),
  nameZh: z.string().trim().min(1).max(300).nullable().openapi({ example: '磷酸铁锂电池包' }),
  categoryScheme: z.enum(CATEGORY_SCHEMES).nullable(),
  categoryCode: z.string().trim().min(1).max(50).nullable().openapi({ example: '850760' }),
  identifiers: z.array(Identifier).max(50),
  declaredUnitAmount: z.number().positive().max(1e15),
  declaredUnit: z.string().trim().min(1).max(50).openapi({ example: 'kWh' }),
};

const ProductSchema = z
  .object({
    id: z.string(),
    organisationId: z.string(),
    ...fields,
    version: z
      .number()
      .int()
      .positive()
      .openapi({ description: 'increases with every change; also the ETag' }),
    updatedAt: Instant,
  })
  .openapi('Product');

const NewProduct = z
  .strictObject({
    nameEn: fields.nameEn,
    nameZh: fields.nameZh.default(null),
    categoryScheme: fields.categoryScheme.default(null),
    categoryCode: fields.categoryCode.default(null),
    identifiers: fields.identifiers.default([]),
    declaredUnitAmount: fields.declaredUnitAmount.default(1),
    declaredUnit: fields.declaredUnit,
  })
  .openapi('NewProduct');

const ProductChange = z
  .strictObject({
    nameEn: fields.nameEn.optional(),
    nameZh: fields.nameZh.optional(),
    categoryScheme: fields.categoryScheme.optional(),
    categoryCode: fields.categoryCode.optional(),
    identifiers: fields.identifiers.optional(),
    declaredUnitAmount: fields.declaredUnitAmount.optional(),
    declaredUnit: fields.declaredUnit.optional(),
    version: z.number().int().positive().optional().openapi({
      description: 'the version you read, when you do not send If-Match',
    }),
  })
  .refine((change) => Object.keys(change).some((key) => key !== 'version'), {
    message: 'name at least one field to change',
  })
  .openapi('ProductChange');

const ProductList = z.object({ products: z.array(ProductSchema) }).openapi('ProductList');

const ProductParams = OrgParams.extend({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' }, description: 'the product id' }),
});

/** A product as JSON (instants as ISO text). */
const toJson = (p: Product) => ({ ...p, updatedAt: p.updatedAt.toISOString() });

/**
 * The products of an organisation, mounted under `/v1`: viewers read, editors create, change and delete. Changes are
 * optimistic: they name the version they read (If-Match or `version`), and a stale one is 409 VERSION_CONFLICT.
 */
export function productsRouter(): OpenAPIHono<AppEnv> {
  const router = createRouter();

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/orgs/{orgId}/products',
      tags: ['products'],
      summary: 'The organisation’s products (viewer)',
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: { params: OrgParams },
      responses: {
        200: { description: 'The products', content: { 'application/json': { schema: ProductList } } },
      },
    }),
    async (c) => {
      const list = await products.list(c.var.store, principalOf(c).organisationId);
      return c.json({ products: list.map(toJson) }, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/orgs/{orgId}/products',
      tags: ['products'],
      summary: 'Create a product (editor)',
      security: SIGNED_IN,
      middleware: [orgAccess('editor')],
      request: {
        params: OrgParams,
        body: { required: true, content: { 'application/json': { schema: NewProduct } } },
      },
      responses: {
        201: {
          description: 'Created (version 1)',
          headers: ETAG_HEADER,
          content: { 'application/json': { schema: ProductSchema } },
        },
      },
    }),
    async (c) => {
      const principal = principalOf(c);
      const product = await products.create(
        c.var.store,
        principal.organisationId,
        c.req.valid('json'),
        actorId(principal),
      );
      c.header('ETag', etag(product.version));
      c.header('Location', `/v1/orgs/${product.organisationId}/products/${product.id}`);
      return c.json(toJson(product), 201);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/orgs/{orgId}/products/{id}',
      tags: ['products'],
      summary: 'One product (viewer)',
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: { params: ProductParams },
      responses: {
        200: {
          description: 'The product',
          headers: ETAG_HEADER,
          content: { 'application/json': { schema: ProductSchema } },
        },
      },
    }),
    async (c) => {
      const product = await products.get(c.var.store, principalOf(c).organisationId, c.req.valid('param').id);
      c.header('ETag', etag(product.version));
      return c.json(toJson(product), 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'patch',
      path: '/orgs/{orgId}/products/{id}',
      tags: ['products'],
      summary: 'Change a product (editor); needs the version you read',
      description:
        'Send `If-Match: "<version>"` (the ETag of your GET) or `version` in the body. Neither: 428 ' +
        'PRECONDITION_REQUIRED. Someone saved in between: 409 VERSION_CONFLICT with `details.currentVersion` — ' +
        'reload, apply your change again, and send it with the new version. `null` clears an optional field.',
      security: SIGNED_IN,
      middleware: [orgAccess('editor')],
      request: {
        params: ProductParams,
        headers: IfMatch,
        body: { required: true, content: { 'application/json': { schema: ProductChange } } },
      },
      responses: {
        200: {
          description: 'Changed (the version is one more)',
          headers: ETAG_HEADER,
          content: { 'application/json': { schema: ProductSchema } },
        },
      },
    }),
    async (c) => {
      const principal = principalOf(c);
      const { version: bodyVersion, ...change } = c.req.valid('json');
      const version = expectedVersion(c.req.valid('header')['if-match'], bodyVersion);
      const product = await products.update(
        c.var.store,
        principal.organisationId,
        c.req.valid('param').id,
        version,
        change,
        actorId(principal),
      );
      c.header('ETag', etag(product.version));
      return c.json(toJson(product), 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'delete',
      path: '/orgs/{orgId}/products/{id}',
      tags: ['products'],
      summary: 'Delete a product (editor)',
      description:
        'With its models and their results. A product a study refers to is kept: 409 CONFLICT naming the studies ' +
        '(`details.studies`).',
      security: SIGNED_IN,
      middleware: [orgAccess('editor')],
      request: { params: ProductParams },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      const principal = principalOf(c);
      const { id } = c.req.valid('param');
      await unlessStudied(c.var.store, principal.organisationId, { productId: id }, () =>
        products.remove(c.var.store, principal.organisationId, id, actorId(principal)),
      );
      return c.body(null, 204);
    },
  );

  return router;
}
