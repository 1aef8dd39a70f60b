import { z } from 'zod';

/**
 * The product-model document, version 1: the foreground system of a product, as JSON. Its processes each make
 * one output; their inputs link to another foreground process, to a dataset of the background database, or to a
 * footprint a supplier reported; their direct emissions are greenhouse gases by species. Amounts are numbers or
 * formulas over the model's parameters; scenarios are named sets of parameter values. See docs/product-models.md.
 *
 * One schema source: this zod schema validates documents in the library and at the API edge, and generates the
 * API's OpenAPI description.
 */
export const MODEL_SCHEMA_ID = 'opencfp/product-model@1';

const Name = z.string().trim().min(1).max(300);
const LocalId = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/,
    'letters, digits and . _ : - (at most 100, starting with a letter or digit)',
  );
const ParameterName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,99}$/, 'a parameter name: a letter or _, then letters, digits or _');
const UnitName = z.string().trim().min(1).max(50);

/** A number, or a formula over the parameters ("cell_mass * 1.02"; functions as in openLCA: if, min, max, …). */
export const Amount = z
  .union([z.number(), z.string().trim().min(1).max(2000)])
  .describe('a number, or a formula over the model parameters, e.g. "cell_mass * (1 + scrap_rate)"');

/** The uncertainty of an amount, for Monte Carlo runs; the amount itself is the median (lognormal) or mean. */
export const Uncertainty = z
  .discriminatedUnion('distribution', [
    z.strictObject({
      distribution: z.literal('lognormal'),
      geometricSd: z.number().min(1).max(100).describe('σg = exp(σ of ln x); 1.1 is ±10 % at 1σ'),
    }),
    z.strictObject({ distribution: z.literal('normal'), sd: z.number().min(0) }),
    z.strictObject({ distribution: z.literal('uniform'), min: z.number(), max: z.number() }),
    z.strictObject({
      distribution: z.literal('triangular'),
      min: z.number(),
      mode: z.number(),
      max: z.number(),
    }),
  ])
  .refine((u) => (u.distribution === 'uniform' ? u.min <= u.max : true), {
    message: 'min must not exceed max',
  })
  .refine((u) => (u.distribution === 'triangular' ? u.min <= u.mode && u.mode <= u.max : true), {
    message: 'min ≤ mode ≤ max',
  });

export const Parameter = z
  .strictObject({
    name: ParameterName,
    value: z.number().optional().describe('an input parameter: its value (scenarios may override it)'),
    formula: z.string().trim().min(1).max(2000).optional().describe('a calculated parameter: its formula'),
    unit: UnitName.optional(),
    description: z.string().max(2000).optional(),
    uncertainty: Uncertainty.optional(),
  })
  .refine((p) => (p.value === undefined) !== (p.formula === undefined), {
    message: 'a parameter has either a value or a formula',
  })
  .refine((p) => p.uncertainty === undefined || p.value !== undefined, {
    message: 'only input parameters (with a value) can have an uncertainty',
    path: ['uncertainty'],
  });

export const Scenario = z.strictObject({
  id: LocalId,
  name: Name,
  description: z.string().max(2000).optional(),
  parameters: z.record(ParameterName, z.number()).describe('values of input parameters in this scenario'),
});

const BackgroundSource = z.strictObject({
  kind: z.literal('background'),
  processId: z.string().min(1).max(200).describe('a process of the background database version'),
  productId: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe("its product's flow id, when the process has several products"),
});

const ForegroundSource = z.strictObject({
  kind: z.literal('foreground'),
  processId: LocalId.describe('a process of this model'),
});

/** A footprint reported by a supplier (e.g. a PACT ProductFootprint), per `per` `unit` of what it supplies. */
const SupplierSource = z.strictObject({
  kind: z.literal('supplier'),
  pcfExcludingBiogenic: z.number().describe('kg CO2e per `per` `unit`, without biogenic CO2 (PACT)'),
  per: z.number().positive().default(1),
  unit: UnitName,
  biogenicCo2Emissions: z.number().min(0).default(0),
  biogenicRemovals: z.number().max(0).default(0),
  dLucGhgEmissions: z.number().default(0).describe('of which (already in pcfExcludingBiogenic)'),
  landManagementGhgEmissions: z.number().default(0).describe('of which (already in pcfExcludingBiogenic)'),
  otherBiogenicGhgEmissions: z
    .number()
    .min(0)
    .default(0)
    .describe(
      'of which: biogenic non-CO2 emissions, e.g. biogenic methane (already in pcfExcludingBiogenic)',
    ),
  aircraftGhgEmissions: z.number().min(0).default(0).describe('of which'),
  supplier: z.string().max(300).optional(),
  footprintId: z.string().max(300).optional().describe('the PACT footprint id or the document it comes from'),
  year: z.number().int().min(1990).max(2100).optional(),
  gwpSetId: z.string().max(100).optional().describe('the GWP set the supplier used, if stated'),
});

export const Source = z.discriminatedUnion('kind', [BackgroundSource, ForegroundSource, SupplierSource]);

export const Input = z.strictObject({
  name: Name,
  amount: Amount,
  unit: UnitName,
  source: Source,
  stage: z.string().max(100).optional().describe('life-cycle stage of this input (default: its process’s)'),
  uncertainty: Uncertainty.optional(),
  comment: z.string().max(2000).optional(),
});

export const Emission = z.strictObject({
  gas: z
    .string()
    .min(1)
    .max(50)
    .describe(
      "species as in the GWP sets: 'CO2', 'CH4', 'N2O', 'SF6', 'HFC134a', …, or 'CO2e' for a pre-aggregated amount",
    ),
  origin: z
    .enum(['fossil', 'biogenic', 'land-transformation', 'uptake'])
    .default('fossil')
    .describe("'uptake': CO2 taken up from air (counted negative)"),
  amount: Amount,
  unit: UnitName.default('kg'),
  stage: z.string().max(100).optional(),
  uncertainty: Uncertainty.optional(),
  comment: z.string().max(2000).optional(),
});

export const ForegroundProcess = z.strictObject({
  id: LocalId,
  name: Name,
  nameZh: z.string().max(300).optional(),
  stage: z
    .string()
    .max(100)
    .optional()
    .describe('life-cycle stage, e.g. production (docs/carbon-footprint.md)'),
  tags: z
    .array(z.enum(['cfp:packaging', 'cfp:dluc', 'cfp:land-management', 'cfp:aircraft']))
    .max(4)
    .default([]),
  location: z.string().max(100).optional(),
  output: z.strictObject({ name: Name.optional(), amount: Amount, unit: UnitName }),
  inputs: z.array(Input).max(2000).default([]),
  emissions: z.array(Emission).max(500).default([]),
});

export const ProductModelDocument = z
  .strictObject({
    schema: z.literal(MODEL_SCHEMA_ID),
    referenceProcessId: LocalId.describe('the process whose output is the modelled product'),
    processes: z.array(ForegroundProcess).min(1).max(2000),
    parameters: z.array(Parameter).max(2000).default([]),
    scenarios: z.array(Scenario).max(100).default([]),
    carbonContent: z
      .strictObject({ fossil: z.number().min(0).optional(), biogenic: z.number().min(0).optional() })
      .optional()
      .describe("kg C per reference output of the product (PACT's fossil/biogenic carbon content)"),
    description: z.string().max(10000).optional(),
  })
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    doc.processes.forEach((p, i) => {
      if (seen.has(p.id))
        ctx.addIssue({
          code: 'custom',
          path: ['processes', i, 'id'],
          message: `process id '${p.id}' is used twice`,
        });
      seen.add(p.id);
    });
    if (!seen.has(doc.referenceProcessId))
      ctx.addIssue({
        code: 'custom',
        path: ['referenceProcessId'],
        message: `no process '${doc.referenceProcessId}' in processes`,
      });
    doc.processes.forEach((p, i) =>
      p.inputs.forEach((input, k) => {
        if (input.source.kind === 'foreground' && !seen.has(input.source.processId))
          ctx.addIssue({
            code: 'custom',
            path: ['processes', i, 'inputs', k, 'source', 'processId'],
            message: `no process '${input.source.processId}' in this model`,
          });
      }),
    );
    const names = new Set<string>();
    doc.parameters.forEach((p, i) => {
      const key = p.name.toLowerCase();
      if (names.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['parameters', i, 'name'],
          message: `parameter '${p.name}' is defined twice`,
        });
      names.add(key);
    });
    const scenarioIds = new Set<string>();
    doc.scenarios.forEach((s, i) => {
      if (scenarioIds.has(s.id))
        ctx.addIssue({
          code: 'custom',
          path: ['scenarios', i, 'id'],
          message: `scenario id '${s.id}' is used twice`,
        });
      scenarioIds.add(s.id);
    });
  });

/** A product-model document as written (defaults may be left out). */
export type ProductModelDocumentInput = z.input<typeof ProductModelDocument>;
/** A validated product-model document, defaults filled in. */
export type ProductModelDocument = z.output<typeof ProductModelDocument>;
export type ForegroundProcess = z.output<typeof ForegroundProcess>;
export type ModelInput = z.output<typeof Input>;
export type ModelEmission = z.output<typeof Emission>;
export type ModelSource = z.output<typeof Source>;
export type ModelParameter = z.output<typeof Parameter>;
export type ModelUncertainty = z.output<typeof Uncertainty>;
