import { z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  COMMON_UNIT_DIMENSIONS,
  commonUnitTable,
  electricityReference,
  ELECTRICITY_ACCOUNTING,
  transportReference,
  TRANSPORT_MODES,
} from '@opencfp/model';
import { SIGNED_IN, signedIn } from '../authenticate.js';
import { createRouter, defineRoute, type AppEnv } from '../routing.js';

const Level = z.enum(['national', 'regional', 'provincial']);
const FactorBasis = z.enum(['operational-co2', 'life-cycle-co2e']);

const ElectricityReferenceSchema = z
  .object({
    regions: z.array(
      z.object({
        name: z
          .string()
          .openapi({ description: 'as published; what `source.region` takes', example: '江苏' }),
        nameEnglish: z.string().openapi({ example: 'Jiangsu' }),
        level: Level,
        regionalGrids: z
          .array(z.string())
          .optional()
          .openapi({ description: "a province's regional grid(s); not cited (regionalGridMembershipNote)" }),
        years: z
          .object({
            'operational-co2': z.array(z.number().int()),
            'life-cycle-co2e': z.array(z.number().int()),
          })
          .openapi({ description: 'data years with a grid average, per factor basis' }),
      }),
    ),
    factorBases: z.array(
      z.object({
        id: FactorBasis,
        gas: z.enum(['CO2', 'CO2e']),
        scope: z.enum(['operational', 'life-cycle']),
        unit: z.string(),
        levels: z.array(Level),
        years: z.array(z.number().int()),
        description: z.string(),
      }),
    ),
    accounting: z.array(
      z.object({
        id: z.enum(ELECTRICITY_ACCOUNTING),
        rule: z.string().openapi({ description: 'the rule and where it comes from (docs/electricity.md)' }),
        remainder: z.string().openapi({ description: 'the factor of kWh no accepted instrument covers' }),
        usesInstruments: z.boolean(),
      }),
    ),
    instrumentKinds: z.array(z.string()),
    timeMatching: z.array(z.enum(['annual', 'hourly'])),
    residualMix: z
      .array(z.object({ year: z.number().int(), factorId: z.string() }))
      .openapi({ description: "China's residual-like factor per data year (market-based, residual-mix)" }),
    factors: z.array(
      z.object({
        id: z.string().openapi({ example: 'cn-co2-location-average-2023-jiangsu' }),
        name: z.string(),
        nameChinese: z.string(),
        region: z.string(),
        regionEnglish: z.string(),
        level: Level,
        year: z.number().int().openapi({ description: 'the data year' }),
        value: z.number(),
        unit: z.string().openapi({ example: 'kg CO2/kWh' }),
        factorBasis: FactorBasis,
        variant: z.string().openapi({
          description:
            'location-average, excluding-market-traded-non-fossil, fossil-only, generation-type or transmission-distribution',
        }),
        generationType: z.string().optional(),
        lineLosses: z.enum(['excluded', 'included']).optional(),
        notes: z.string(),
        sourceId: z.string().openapi({ description: 'key of `sources`' }),
      }),
    ),
    sources: z.array(
      z.object({
        id: z.string(),
        name: z.string().openapi({ description: 'the announcement as published' }),
        issuer: z.string(),
        year: z.number().int().openapi({ description: 'year of publication' }),
        publicationDate: z.string(),
        version: z.string(),
        url: z.string().optional(),
        licence: z.string(),
        transcribedFrom: z.string(),
      }),
    ),
    regionalGridMembershipNote: z.string(),
    gaps: z.array(z.string()),
  })
  .openapi('ElectricityReference', {
    description:
      'What an electricity input of a product model can be (docs/product-models.md): the areas with their data ' +
      "years, the factor bases, the accounting choices and every published factor with its source, from refdata's " +
      'China electricity factors',
  });

const TransportReferenceSchema = z
  .object({
    database: z.literal('starter-database'),
    modes: z.array(
      z.object({
        mode: z.enum(TRANSPORT_MODES),
        datasets: z.array(
          z.object({
            processId: z.string().openapi({ description: 'what `source.dataset.processId` takes' }),
            productId: z.string(),
            datasetId: z.string(),
            name: z.string(),
            nameZh: z.string(),
            unit: z.literal('t*km'),
            kgCo2ePerTkm: z.number(),
            geography: z.string(),
            year: z.number().int(),
            boundary: z.string(),
            description: z.string(),
            aircraft: z.boolean(),
            sourceId: z.string(),
          }),
        ),
        note: z.string().optional(),
      }),
    ),
    sources: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        issuer: z.string(),
        year: z.number().int(),
        version: z.string().optional(),
        url: z.string().optional(),
        licence: z.string(),
      }),
    ),
  })
  .openapi('TransportReference', {
    description:
      "The starter database's freight datasets per transport mode (per t·km), with their ids there, their " +
      'published factors and sources; a mode without one says to give a carrier factor',
  });

const UnitReferenceSchema = z
  .object({
    dimensions: z.array(
      z.object({
        dimension: z.enum(COMMON_UNIT_DIMENSIONS),
        baseUnit: z.string().openapi({ description: 'the unit whose factor is 1', example: 'kg' }),
        units: z.array(
          z.object({
            name: z.string().openapi({ description: 'the name to write', example: 'kWh' }),
            synonyms: z
              .array(z.string())
              .openapi({ description: 'other names of the same unit', example: ['千瓦时', '度'] }),
            factor: z.number().openapi({ description: 'base units in one of it', example: 3.6 }),
          }),
        ),
      }),
    ),
    matching: z.string().openapi({ description: 'how a unit name is matched' }),
  })
  .openapi('UnitReference', {
    description:
      "The common units a product model's amounts may be written in and converted between (packages/model " +
      'common-units.ts, the one table the engine uses): per dimension its base unit and every unit with its ' +
      'synonyms and how many base units one of it is. A background dataset can also be given in the units of its ' +
      'own flow properties: GET …/databases/{versionId}/processes/{processId} lists them per product.',
  });

/** How the engine matches a unit name (commonUnit in packages/model). */
const UNIT_MATCHING =
  'A name is matched exactly first (spaces around it ignored), then ignoring case where that picks one unit: ' +
  "'KWH' is kWh, but 'MG' is refused, since Mg (tonne) and mg differ only by case. Two names convert when they " +
  'are of one dimension: factor(from) / factor(to).';

/**
 * Reference data for the model editor, mounted under `/v1` (any signed-in caller; not organisation-scoped): the
 * electricity choices with every published China factor and its source, the starter database's transport
 * datasets per mode, and the engine's table of common units. Built once from refdata; nothing here is stored or invented.
 */
export function referenceRouter(): OpenAPIHono<AppEnv> {
  const router = createRouter();
  // Static data: worked out once per router.
  const electricity = electricityReference();
  const transport = transportReference();
  const units = { dimensions: commonUnitTable(), matching: UNIT_MATCHING };

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/reference/electricity',
      tags: ['reference'],
      summary: 'Electricity areas, years, factor bases, accounting choices and factors (signed in)',
      description:
        "For the model editor's electricity inputs (`source.kind: 'electricity'`): every area with the data years " +
        'of its grid average per factor basis, the accounting choices with their rules, the residual-like factors ' +
        'and every published factor with its announcement (name, year, version, licence, url).',
      security: SIGNED_IN,
      middleware: [signedIn()],
      responses: {
        200: {
          description: 'The electricity reference',
          content: { 'application/json': { schema: ElectricityReferenceSchema } },
        },
      },
    }),
    (c) => {
      c.header('Cache-Control', 'private, max-age=3600');
      return c.json(electricity, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/reference/transport',
      tags: ['reference'],
      summary: 'Transport datasets of the starter database per mode (signed in)',
      description:
        "For the model editor's transport legs (`source.kind: 'transport'`): the starter database's freight " +
        'datasets per mode with the process ids to link (`source.dataset.processId`), kg CO2e per t·km and sources.',
      security: SIGNED_IN,
      middleware: [signedIn()],
      responses: {
        200: {
          description: 'The transport reference',
          content: { 'application/json': { schema: TransportReferenceSchema } },
        },
      },
    }),
    (c) => {
      c.header('Cache-Control', 'private, max-age=3600');
      return c.json(transport, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/reference/units',
      tags: ['reference'],
      summary: 'The units product models are written in, with their factors (signed in)',
      description:
        'The common-units table of the engine: per dimension (mass, energy, volume, area, length, goods and ' +
        'person transport, items, time) its base unit and every unit with its synonyms and factor, so that a ' +
        'client offers and converts exactly what a calculation accepts.',
      security: SIGNED_IN,
      middleware: [signedIn()],
      responses: {
        200: {
          description: 'The unit table',
          content: { 'application/json': { schema: UnitReferenceSchema } },
        },
      },
    }),
    (c) => {
      c.header('Cache-Control', 'private, max-age=3600');
      return c.json(units, 200);
    },
  );

  return router;
}
