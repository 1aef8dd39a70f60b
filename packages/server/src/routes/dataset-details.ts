import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Calculator, Database, Exchange, Flow, Process, TechLink } from '@opencfp/core';
import { commonUnitFactor, commonUnitTable, productUnitFactor } from '@opencfp/model';
import { carbonFootprint, gwpSets } from '@opencfp/refdata';
import { getBackgroundDatabaseVersion } from '@opencfp/store';
import { SIGNED_IN } from '../authenticate.js';
import type { CalculatorCache } from '../calculator-cache.js';
import { fromEngineError, ServerError } from '../errors.js';
import { orgAccess, principalOf } from '../org-access.js';
import { createRouter, defineRoute, type AppEnv } from '../routing.js';
import { processesPath } from './databases.js';
import { OrgParams } from './schemas.js';

const DatasetParams = OrgParams.extend({
  versionId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'versionId', in: 'path' }, description: 'a background database version id' }),
  processId: z
    .string()
    .min(1)
    .max(200)
    .openapi({
      param: { name: 'processId', in: 'path' },
      description: 'the process id (as the listing gives it)',
    }),
});

const DatasetQuery = z.object({
  method: z
    .enum(gwpSets.map((s) => s.id) as [string, ...string[]])
    .default('ipcc-ar6-gwp100')
    .openapi({ description: 'the GWP set of the footprint' }),
  biogenicApproach: z.enum(['-1/+1', '0/0']).default('-1/+1'),
});

const Uncertainty = z
  .looseObject({ type: z.enum(['lognormal', 'normal', 'triangular', 'uniform']) })
  .openapi('ExchangeUncertainty', {
    description: 'as the database states it (lognormal: geometricMean, geometricSd, pedigree …)',
  });

const ProviderSchema = z
  .object({
    processId: z.string(),
    processName: z.string(),
    productId: z.string(),
    productName: z.string(),
  })
  .openapi('ExchangeProvider', { description: 'the process-product the calculation links the input to' });

const ExchangeSchema = z
  .object({
    internalId: z.number().int(),
    flowId: z.string(),
    flowName: z.string().nullable().openapi({ description: 'null when the database lacks the flow' }),
    flowType: z.enum(['product', 'waste', 'elementary']).nullable(),
    category: z.string().nullable(),
    isInput: z.boolean(),
    isReference: z.boolean(),
    isAvoided: z.boolean(),
    amount: z.number().openapi({ description: 'as stored, in `unit`' }),
    formula: z.string().nullable(),
    unit: z.string().openapi({ description: "the unit's name (its id when the database does not name it)" }),
    provider: ProviderSchema.nullable(),
    dqEntry: z.string().nullable().openapi({
      description: 'pedigree scores as the database gives them, e.g. "(2,3,1,1,1)"',
      example: '(2,3,1,1,1)',
    }),
    uncertainty: Uncertainty.nullable(),
    description: z.string().nullable(),
  })
  .openapi('DatasetExchange');

const SourceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    year: z.number().nullable(),
    url: z.string().nullable(),
    citation: z.string().nullable(),
  })
  .openapi('DatasetSource');

const ProductUnitSchema = z
  .object({
    name: z.string().openapi({ example: 'kWh' }),
    factor: z.number().openapi({ description: 'reference units in one of it', example: 3.6 }),
    property: z
      .string()
      .nullable()
      .openapi({ description: 'the flow property it measures (e.g. Energy); null when the flow names none' }),
  })
  .openapi('ProductUnit', {
    description:
      "a unit a product model's input may give this product in, converted as a calculation converts it: the units " +
      "of the flow's properties (their unit groups), then the common units convertible to one of them",
  });

const DatasetProductSchema = z.object({
  productId: z.string(),
  productName: z.string(),
  unit: z.string(),
  isWaste: z.boolean(),
  units: z.array(ProductUnitSchema).openapi({
    description:
      'every unit an input linked to this product may be in, the reference unit first, with reference units per one of it',
  }),
});

const DatasetDetailSchema = z
  .object({
    versionId: z.string(),
    processId: z.string(),
    name: z.string(),
    type: z.enum(['unit', 'system']),
    category: z.string().nullable(),
    description: z.string().nullable(),
    location: z.object({ id: z.string(), code: z.string().nullable(), name: z.string() }).nullable(),
    tags: z.array(z.string()),
    referenceProduct: DatasetProductSchema.nullable().openapi({
      description: 'what one unit of the footprint is (null: the process marks no reference product)',
    }),
    products: z.array(DatasetProductSchema).openapi({
      description: 'every product (and treated waste) of the process: the datasets the listing shows',
    }),
    exchanges: z.array(ExchangeSchema),
    provenance: z
      .object({
        database: z.object({
          name: z.string(),
          version: z.number().int(),
          format: z.string(),
          sourceName: z.string(),
          contentHash: z.string(),
        }),
        processVersion: z.string().nullable(),
        lastChange: z.string().nullable(),
        sources: z
          .array(SourceSchema)
          .nullable()
          .openapi({
            description:
              "the database's sources that the description names (null: the database holds no sources; the model " +
              'keeps them per database, not per process)',
          }),
        licence: z
          .string()
          .nullable()
          .openapi({ description: "the description's 'Licence:' line, when it has one" }),
        dataYear: z.number().int().nullable().openapi({ description: "the description's 'Data year:' line" }),
      })
      .openapi('DatasetProvenance'),
    footprint: z
      .object({
        gwpSet: z.string(),
        biogenicApproach: z.enum(['-1/+1', '0/0']),
        unit: z.literal('kg CO2e'),
        per: z.object({ amount: z.literal(1), unit: z.string(), productId: z.string() }),
        total: z.number(),
        split: z.record(z.string(), z.number()),
        diagnostics: z.array(z.object({ code: z.string(), severity: z.string(), message: z.string() })),
      })
      .nullable()
      .openapi({
        description:
          'kg CO2e per one reference unit of the reference product (null: it cannot be calculated)',
      }),
    footprintError: z
      .object({ code: z.string(), message: z.string() })
      .nullable()
      .openapi({ description: 'why the footprint is null' }),
  })
  .openapi('DatasetDetail');

/** What the detail of a version's datasets needs, kept with the cached calculator. */
interface DetailIndex {
  flows: Map<string, Database['flows'][number]>;
  units: Map<string, string>;
  locations: Map<string, Database['locations'][number]>;
  links: Map<string, Map<number, TechLink>>;
}

const detailIndexes = new WeakMap<Calculator, DetailIndex>();

function detailIndex(database: Database, calculator: Calculator): DetailIndex {
  let index = detailIndexes.get(calculator);
  if (index) return index;
  const links = new Map<string, Map<number, TechLink>>();
  for (const link of calculator.matrices.links) {
    let byExchange = links.get(link.processId);
    if (!byExchange) links.set(link.processId, (byExchange = new Map()));
    byExchange.set(link.exchangeInternalId, link);
  }
  index = {
    flows: new Map(database.flows.map((f) => [f.id, f])),
    units: new Map(
      database.unitGroups.flatMap((g) => g.units.map((u) => [u.id, u.name] as [string, string])),
    ),
    locations: new Map(database.locations.map((l) => [l.id, l])),
    links,
  };
  detailIndexes.set(calculator, index);
  return index;
}

/** The names of the common units, each once (its first name), for the units a product can be given in. */
const COMMON_UNIT_NAMES = commonUnitTable().flatMap((d) => d.units.map((u) => u.name));

/**
 * The units a product model may give this product in, with reference units per one of each, exactly as a
 * calculation converts them (modelBackground's unitFactor: the reference unit, then productUnitFactor): the units of
 * each of the flow's properties, then the common units that convert to one of them. Each name once.
 */
function productUnits(
  database: Database,
  flow: Flow | undefined,
  referenceUnit: string,
): { name: string; factor: number; property: string | null }[] {
  const units = new Map<string, { name: string; factor: number; property: string | null }>();
  const propertyOf = new Map<string, string>();
  if (flow)
    for (const pf of flow.properties) {
      const property = database.flowProperties.find((p) => p.id === pf.flowPropertyId);
      const group = database.unitGroups.find((g) => g.id === property?.unitGroupId);
      if (property && group) for (const u of group.units) propertyOf.set(u.name, property.name);
    }
  const add = (name: string, property: string | null) => {
    if (units.has(name)) return;
    const factor =
      name.trim() === referenceUnit.trim() ? 1 : flow ? productUnitFactor(database, flow, name) : undefined;
    if (factor !== undefined && Number.isFinite(factor) && factor > 0)
      units.set(name, { name, factor, property });
  };
  add(referenceUnit, propertyOf.get(referenceUnit) ?? null);
  for (const [name, property] of propertyOf) add(name, property);
  if (flow) {
    const groupUnits = [...propertyOf.keys()];
    for (const name of COMMON_UNIT_NAMES) {
      // A common unit converts through the first of the flow's units it shares a dimension with.
      const through = groupUnits.find((u) => commonUnitFactor(name, u) !== undefined);
      if (through !== undefined) add(name, propertyOf.get(through) ?? null);
    }
  }
  return [...units.values()];
}

/** A line of the description that starts with `label:` (the starter database writes 'Licence:', 'Data year:'). */
function descriptionLine(description: string | undefined, label: RegExp): string | null {
  if (!description) return null;
  const match = new RegExp(`^(?:${label.source})\\s*:\\s*(.+)$`, 'im').exec(description);
  return match ? match[1].trim() : null;
}

/**
 * One dataset (process) of a background database version the organisation can see, mounted under `/v1` (viewer):
 * what the stored database holds about it — name, location, category, description, products, exchanges with their
 * linked providers and pedigree entries, provenance — and its carbon footprint per unit of its reference product.
 * Items a database does not hold are null, never guessed.
 */
export function datasetDetailsRouter(cache: CalculatorCache): OpenAPIHono<AppEnv> {
  const router = createRouter();
  router.openapi(
    defineRoute({
      method: 'get',
      path: '/orgs/{orgId}/databases/{versionId}/processes/{processId}',
      tags: ['databases'],
      summary: 'One dataset of a background database version, with its footprint (viewer)',
      description:
        'Name, location, category, description, products, exchanges (flow, category, amount and unit as stored, ' +
        'the provider the calculation links an input to, pedigree entry, uncertainty), provenance (database ' +
        "version, the process's version, the sources its description names, licence and data year where the " +
        'description states them) and the carbon footprint per one reference unit of its reference product. ' +
        "What the database does not hold is null. The visibility is the listing's: another organisation's " +
        'version, or a process it does not have, is 404.',
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: { params: DatasetParams, query: DatasetQuery },
      responses: {
        200: { description: 'The dataset', content: { 'application/json': { schema: DatasetDetailSchema } } },
      },
    }),
    async (c) => {
      const { orgId, versionId, processId } = c.req.valid('param');
      const { method, biogenicApproach } = c.req.valid('query');
      const { organisationId } = principalOf(c);
      const { database, calculator } = await cache.get(c.var.store, organisationId, versionId);
      const process = calculator.matrices.processes.get(processId);
      if (!process)
        throw new ServerError(
          'NOT_FOUND',
          `there is no process '${processId}' in background database version '${versionId}' (ids are case-sensitive): GET ${processesPath(orgId, versionId)}?search=<words> lists its process-products with their processId`,
          { details: { field: 'processId' } },
        );
      const version = await getBackgroundDatabaseVersion(c.var.store, organisationId, versionId, {
        issueLimit: 0,
      });
      const index = detailIndex(database, calculator);
      const { matrices } = calculator;
      const products = matrices.columnsOf(processId).map((j) => {
        const p = matrices.products[j];
        return {
          productId: p.flowId,
          productName: p.flowName,
          unit: p.unit,
          isWaste: p.isWaste,
          units: productUnits(database, index.flows.get(p.flowId), p.unit),
        };
      });
      const referenceExchange = process.exchanges.find((e) => e.isReference);
      const referenceProduct =
        (referenceExchange && products.find((p) => p.productId === referenceExchange.flowId)) ??
        (products.length === 1 ? products[0] : null);
      const location = process.locationId === undefined ? undefined : index.locations.get(process.locationId);
      const sources =
        database.sources.length === 0
          ? null
          : database.sources
              .filter((s) => s.name.trim().length > 0 && (process.description ?? '').includes(s.name))
              .map((s) => ({
                id: s.id,
                name: s.name,
                year: s.year ?? null,
                url: s.url ?? null,
                citation: s.citation ?? null,
              }));
      const year = descriptionLine(process.description, /data year/);
      let footprint = null;
      let footprintError = null;
      if (referenceProduct)
        try {
          const result = calculator.calculate({ processId, productId: referenceProduct.productId });
          const cfp = carbonFootprint(result, database, { gwpSetId: method, biogenicApproach });
          footprint = {
            gwpSet: cfp.gwpSet.id,
            biogenicApproach,
            unit: 'kg CO2e' as const,
            per: { amount: 1 as const, unit: referenceProduct.unit, productId: referenceProduct.productId },
            total: cfp.split.total,
            split: { ...cfp.split },
            diagnostics: result.diagnostics
              .filter((d) => d.severity === 'error' || d.severity === 'warning')
              .map((d) => ({ code: d.code, severity: d.severity, message: d.message })),
          };
        } catch (e) {
          const error = fromEngineError(e);
          if (!(error instanceof ServerError)) throw error;
          footprintError = { code: String(error.details.code ?? error.code), message: error.message };
        }
      else
        footprintError = {
          code: 'NO_REFERENCE_PRODUCT',
          message: `process '${process.name}' marks none of its ${products.length} products as its reference: ask for the footprint of one of them (POST …/databases/${versionId}/footprint with its productId)`,
        };
      return c.json(
        {
          versionId,
          processId: process.id,
          name: process.name,
          type: process.type,
          category: process.category ?? null,
          description: process.description ?? null,
          location: location ? { id: location.id, code: location.code ?? null, name: location.name } : null,
          tags: process.tags ?? [],
          referenceProduct,
          products,
          exchanges: process.exchanges.map((e) => exchangeJson(e, process, index, matrices.products)),
          provenance: {
            database: {
              name: version.name,
              version: version.version,
              format: version.format,
              sourceName: version.sourceName,
              contentHash: version.contentHash,
            },
            processVersion: process.version ?? null,
            lastChange: process.lastChange ?? null,
            sources,
            licence: descriptionLine(process.description, /licen[cs]e/),
            dataYear: year !== null && /^\d{4}\b/.test(year) ? Number(year.slice(0, 4)) : null,
          },
          footprint,
          footprintError,
        },
        200,
      );
    },
  );
  return router;
}

function exchangeJson(
  e: Exchange,
  process: Process,
  index: DetailIndex,
  products: Calculator['matrices']['products'],
) {
  const flow = index.flows.get(e.flowId);
  const link = index.links.get(process.id)?.get(e.internalId);
  const provider = link === undefined ? undefined : products[link.provider];
  return {
    internalId: e.internalId,
    flowId: e.flowId,
    flowName: flow?.name ?? null,
    flowType: flow?.type ?? null,
    category: flow?.category ?? null,
    isInput: e.isInput,
    isReference: e.isReference,
    isAvoided: e.isAvoided,
    amount: e.amount,
    formula: e.formula ?? null,
    unit: index.units.get(e.unitId) ?? e.unitId,
    provider: provider
      ? {
          processId: provider.processId,
          processName: provider.processName,
          productId: provider.flowId,
          productName: provider.flowName,
        }
      : null,
    dqEntry: e.dqEntry ?? null,
    uncertainty: e.uncertainty ? { ...e.uncertainty } : null,
    description: e.description ?? null,
  };
}
