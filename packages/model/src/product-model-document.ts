import {
  PACT_VERSIONS,
  PEDIGREE_FACTOR_SET_IDS,
  PEDIGREE_FACTOR_SETS,
  PEDIGREE_INDICATORS,
  type PactVersion,
  type PedigreeFactorSetId,
} from '@opencfp/core';
import { ACCOUNTING_RULES, chinaRegionName, type AccountingChoice } from '@opencfp/refdata';
import { z } from 'zod';
import { commonUnit, commonUnitFactor } from './common-units.js';

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

/** The accounting choices of electricity inputs (packages/refdata electricity-accounting.ts, docs/electricity.md). */
export const ELECTRICITY_ACCOUNTING = Object.keys(ACCOUNTING_RULES) as [
  AccountingChoice,
  ...AccountingChoice[],
];
const ElectricityAccounting = z
  .enum(ELECTRICITY_ACCOUNTING)
  .describe(
    "'location-based': the grid average of the region; 'market-based': instruments meeting the quality criteria, the rest at the residual mix; 'residual-mix': all at the residual mix; 'eu-battery': a direct connection or the national grid mix (docs/electricity.md)",
  );

export const Scenario = z.strictObject({
  id: LocalId,
  name: Name,
  nameZh: z.string().max(300).optional(),
  description: z.string().max(2000).optional(),
  kind: z
    .enum(['use', 'end-of-life', 'other'])
    .optional()
    .describe(
      "what the scenario varies: the use stage ('use'), the end of life ('end-of-life') or anything else ('other', as when left out)",
    ),
  parameters: z
    .record(ParameterName, z.number())
    .default({})
    .describe('values of input parameters in this scenario'),
  electricity: z
    .strictObject({ accounting: ElectricityAccounting.optional() })
    .optional()
    .describe(
      'in this scenario, every electricity input is accounted this way (e.g. location-based in the base case, market-based with green certificates in a scenario)',
    ),
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

/** The kinds of contractual instruments and own supply of electricity (refdata InstrumentKind). */
export const INSTRUMENT_KINDS = ['green-electricity-certificate', 'ppa', 'on-site', 'direct-line'] as const;

/**
 * A contractual instrument or own supply covering part of an electricity input: a share of it, or an amount in
 * `unit` (default: the input's unit) on the same basis as the input's amount (per output of its process as written).
 */
export const ElectricityInstrument = z.strictObject({
  id: LocalId.optional().describe("names the instrument in the result (default 'instrument-1', …)"),
  kind: z.enum(INSTRUMENT_KINDS),
  share: Amount.optional().describe(
    'the share of the input it covers, 0 … 1 (or a formula); or give `amount`',
  ),
  amount: Amount.optional().describe('the energy it covers, in `unit`; or give `share`'),
  unit: UnitName.optional().describe("unit of `amount` (kWh, MWh, MJ, GJ …); default: the input's unit"),
  factor: z
    .number()
    .min(0)
    .describe('kg CO2e (or kg CO2, see factorUnit) per kWh of the electricity the instrument stands for'),
  factorUnit: z.enum(['kg CO2e/kWh', 'kg CO2/kWh']).default('kg CO2e/kWh'),
  factorSource: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .describe(
      "where the factor comes from, e.g. 'cn-life-cycle-wind-2024' or the certificate's registry entry",
    ),
  criteria: z
    .strictObject({
      uniqueClaim: z.boolean().describe('the attributes are claimed once, by this consumer only'),
      trackedAndCancelled: z
        .boolean()
        .describe('tracked and cancelled (retired) in a registry; own generation: metered'),
      timeMatch: z.boolean().describe('generated in the same period (year) as the consumption'),
      hourlyMatch: z
        .boolean()
        .optional()
        .describe("matched hour by hour (needed with timeMatching 'hourly')"),
      marketMatch: z.boolean().describe('generated within the same grid / market boundary'),
    })
    .describe('the Scope 2 quality criteria, as stated by the user (to be backed by evidence)'),
  directConnection: z
    .strictObject({ physical: z.boolean(), contractual: z.boolean() })
    .optional()
    .describe(
      "for 'eu-battery': a direct line or on-site installation, and a contract giving its attributes to this plant only",
    ),
  comment: z.string().max(2000).optional(),
});

/**
 * Electricity from the grid of a China area (national, a regional grid or a province, as refdata's
 * china-electricity.ts names them) in a data year, accounted by one of the accounting choices, with the
 * contractual instruments that cover part of it. The input's amount is the energy consumed (kWh, MWh, MJ, GJ …).
 */
export const ElectricitySource = z.strictObject({
  kind: z.literal('electricity'),
  region: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .describe(
      "'全国' / 'China', a regional grid ('华东' / 'East China') or a province ('江苏' / 'Jiangsu'); GET /v1/reference/electricity lists them",
    ),
  year: z.number().int().min(1990).max(2100).describe('the data year of the factor'),
  accounting: ElectricityAccounting.default('location-based'),
  factorBasis: z
    .enum(['operational-co2', 'life-cycle-co2e'])
    .default('operational-co2')
    .describe(
      "'operational-co2': the MEE/NBS CO2 emission factors (kg CO2/kWh, generation only; national, regional and provincial, 2021–2023); 'life-cycle-co2e': the MEE/NBS/NEA carbon-footprint factors (kg CO2e/kWh; national only, 2023–2024)",
    ),
  timeMatching: z
    .enum(['annual', 'hourly'])
    .default('annual')
    .describe("'hourly': market-based instruments must also be matched hour by hour"),
  instruments: z.array(ElectricityInstrument).max(50).default([]),
});

/** The modes of a transport leg. */
export const TRANSPORT_MODES = ['road', 'rail', 'sea', 'inland-waterway', 'air'] as const;

/**
 * A transport leg: the input's amount is the mass of the goods moved (kg, t …), carried `distance` by `mode`;
 * the line is mass × distance in t·km, at a background transport dataset (per t·km) or a factor of the carrier.
 */
export const TransportSource = z.strictObject({
  kind: z.literal('transport'),
  mode: z.enum(TRANSPORT_MODES).describe("'air' legs are reported as aircraft emissions too (ISO 14067)"),
  distance: Amount.describe('the distance, in distanceUnit (a number ≥ 0 or a formula)'),
  distanceUnit: UnitName.default('km'),
  dataset: z
    .strictObject({
      processId: z
        .string()
        .min(1)
        .max(200)
        .describe('a transport dataset (per t·km) of the background database'),
      productId: z.string().min(1).max(200).optional(),
    })
    .optional()
    .describe('a transport service dataset of the background database version; or give `factor`'),
  factor: z
    .strictObject({
      kgCo2ePerTkm: z.number().min(0).describe('kg CO2e per tonne-kilometre'),
      source: z.string().trim().min(1).max(500).describe('the carrier or the publication it comes from'),
      year: z.number().int().min(1990).max(2100).optional(),
      gwpSetId: z.string().max(100).optional(),
    })
    .optional()
    .describe("a carrier's or a published factor, taken as given; or give `dataset`"),
});

export const Source = z.discriminatedUnion('kind', [
  BackgroundSource,
  ForegroundSource,
  SupplierSource,
  ElectricitySource,
  TransportSource,
]);

const Rating = (max: number, what: string) => z.number().min(1).max(max).describe(what);

/**
 * What is known of the quality of a line's data (docs/data-quality.md): pedigree-matrix scores (turned into a
 * lognormal uncertainty for Monte Carlo runs when the line has no uncertainty of its own), the PEF data quality
 * criteria, the PACT ratings, whether it is primary data, and where it comes from.
 */
export const DataQuality = z.strictObject({
  pedigree: z
    .array(z.union([z.number().int().min(1).max(5), z.null()]))
    .length(5)
    .optional()
    .describe(
      'pedigree-matrix scores 1 (best) … 5 in the order reliability, completeness, temporal, geographical and further technological correlation, e.g. [2, 3, 1, 2, 4]; null where one does not apply',
    ),
  basicUncertainty: z
    .number()
    .min(1)
    .max(100)
    .optional()
    .describe(
      'the geometric standard deviation of the amount before its pedigree (default 1: none); the pedigree adds to it on the ln scale',
    ),
  pef: z
    .strictObject({
      TeR: Rating(5, 'technological representativeness, 1 … 5'),
      GR: Rating(5, 'geographical representativeness, 1 … 5'),
      TiR: Rating(5, 'time representativeness, 1 … 5'),
      P: Rating(5, 'precision, 1 … 5'),
    })
    .optional()
    .describe('the PEF data quality criteria (DQR = (TeR + GR + TiR + P)/4)'),
  pact: z
    .strictObject({
      technological: Rating(5, 'PACT v2: 1 … 3; v3: 1 … 5'),
      temporal: Rating(5, 'PACT v2: 1 … 3; v3: 1 … 5'),
      geographical: Rating(5, 'PACT v2: 1 … 3; v3: 1 … 5'),
      completeness: Rating(5, 'PACT v2: 1 … 3 (not in v3)').optional(),
      reliability: Rating(5, 'PACT v2: 1 … 3 (not in v3)').optional(),
    })
    .optional()
    .describe("the PACT data quality ratings, on the scale of the document's dataQuality.pactVersion"),
  primary: z
    .boolean()
    .optional()
    .describe(
      "primary data (measured or calculated from the company's own or its suppliers' activities); false: secondary",
    ),
  source: z.string().trim().min(1).max(500).optional().describe('where the data comes from'),
});

export const Input = z.strictObject({
  name: Name,
  amount: Amount,
  unit: UnitName,
  source: Source,
  stage: z.string().max(100).optional().describe('life-cycle stage of this input (default: its process’s)'),
  uncertainty: Uncertainty.optional(),
  dataQuality: DataQuality.optional(),
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
  dataQuality: DataQuality.optional(),
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
    functionalUnit: z
      .strictObject({
        en: z.string().trim().min(1).max(2000).optional(),
        zh: z.string().trim().min(1).max(2000).optional(),
      })
      .optional()
      .describe(
        'the functional unit in words, in English and Chinese (e.g. "1 kWh of energy delivered over the battery\'s service life"); kept for reports and rule-set checks, the numbers are per the reference output',
      ),
    boundary: z
      .enum(['cradle-to-gate', 'cradle-to-grave', 'gate-to-gate'])
      .optional()
      .describe(
        'the system boundary the study declares; kept for reports and rule-set checks (the stages modelled should match it)',
      ),
    dataQuality: z
      .strictObject({
        pedigreeFactorSet: z
          .enum(PEDIGREE_FACTOR_SET_IDS)
          .default('ecoinvent-v3')
          .describe(
            "the factors that turn pedigree scores into uncertainty: 'ecoinvent-v3' (the ecoinvent v3 guideline) or 'ciroth-2016' (the empirical factors of Ciroth et al. 2016)",
          ),
        pactVersion: z
          .enum(PACT_VERSIONS)
          .default('2')
          .describe(
            "the PACT data quality indicators to give: '2' (five ratings 1 … 3 over the inputs above 5 % of the PCF) or '3' (technological, geographical, temporal 1 … 5 over all inputs)",
          ),
      })
      .optional()
      .describe("how the lines' dataQuality is rated and aggregated (docs/data-quality.md)"),
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
    doc.processes.forEach((p, i) =>
      p.inputs.forEach((input, k) => {
        const path = ['processes', i, 'inputs', k];
        const issue = (where: PropertyKey[], message: string) =>
          ctx.addIssue({ code: 'custom', path: [...path, ...where], message });
        if (input.source.kind === 'electricity') checkElectricity(input, input.source, issue);
        if (input.source.kind === 'transport') checkTransport(input, input.source, issue);
      }),
    );
    checkDataQuality(doc, ctx);
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

type Issue = (where: PropertyKey[], message: string) => void;

/**
 * Data quality that the document's choices cannot use: PACT v2 ratings above 3, and pedigree scores the chosen
 * factor set has no factor for (the 2016 factors have none for score 5 of three indicators).
 */
function checkDataQuality(
  doc: {
    processes: z.output<typeof ForegroundProcess>[];
    dataQuality?: { pedigreeFactorSet: PedigreeFactorSetId; pactVersion: PactVersion };
  },
  ctx: z.RefinementCtx,
): void {
  const factorSet = PEDIGREE_FACTOR_SETS[doc.dataQuality?.pedigreeFactorSet ?? 'ecoinvent-v3'];
  const pactVersion = doc.dataQuality?.pactVersion ?? '2';
  doc.processes.forEach((p, i) => {
    const lines = [
      ...p.inputs.map((x, k) => ({ quality: x.dataQuality, path: ['processes', i, 'inputs', k] })),
      ...p.emissions.map((x, k) => ({ quality: x.dataQuality, path: ['processes', i, 'emissions', k] })),
    ];
    for (const { quality, path } of lines) {
      if (!quality) continue;
      if (quality.pact && pactVersion === '2')
        for (const [key, value] of Object.entries(quality.pact))
          if (value !== undefined && value > 3)
            ctx.addIssue({
              code: 'custom',
              path: [...path, 'dataQuality', 'pact', key],
              message: `PACT v2 rates 1 … 3, not ${value}: rate it on that scale, or set dataQuality.pactVersion '3' (1 … 5) on the document`,
            });
      if (quality.pedigree)
        quality.pedigree.forEach((score, k) => {
          if (score !== null && factorSet.factors[PEDIGREE_INDICATORS[k]][score - 1] === null)
            ctx.addIssue({
              code: 'custom',
              path: [...path, 'dataQuality', 'pedigree', k],
              message: `${factorSet.name} has no factor for ${PEDIGREE_INDICATORS[k]} score ${score}: use the 'ecoinvent-v3' factors (dataQuality.pedigreeFactorSet) or review the score`,
            });
        });
    }
  });
}

/** What can be checked of an electricity input without its background: region, units, signs and coverage. */
function checkElectricity(
  input: z.output<typeof Input>,
  source: z.output<typeof ElectricitySource>,
  issue: Issue,
): void {
  if (chinaRegionName(source.region) === undefined)
    issue(
      ['source', 'region'],
      `unknown region '${source.region}': give '全国' (China), a regional grid (华北, 东北, 华东, 华中, 西北, 南方, 西南 or their English names, e.g. 'East China') or a province by its Chinese or English name ('江苏' / 'Jiangsu'); GET /v1/reference/electricity lists them`,
    );
  const toKWh = commonUnitFactor(input.unit, 'kWh');
  if (toKWh === undefined)
    issue(['unit'], `electricity is an amount of energy: give it in kWh, MWh, MJ or GJ, not '${input.unit}'`);
  if (typeof input.amount === 'number' && input.amount < 0)
    issue(['amount'], 'electricity consumed cannot be negative');
  const ids = new Set<string>();
  let shares = 0;
  let kWh = 0;
  let allNumbers = true;
  source.instruments.forEach((instrument, j) => {
    const at = ['source', 'instruments', j];
    if (instrument.id !== undefined) {
      if (ids.has(instrument.id)) issue([...at, 'id'], `instrument id '${instrument.id}' is used twice`);
      ids.add(instrument.id);
    }
    if ((instrument.share === undefined) === (instrument.amount === undefined)) {
      issue(
        at,
        'give one of `share` (the share of the input the instrument covers) and `amount` (the energy it covers)',
      );
      allNumbers = false;
      return;
    }
    if (instrument.share !== undefined) {
      if (instrument.unit !== undefined)
        issue([...at, 'unit'], 'a unit goes with an amount, not with a share');
      if (typeof instrument.share !== 'number') allNumbers = false;
      else if (instrument.share < 0 || instrument.share > 1)
        issue([...at, 'share'], `a share is 0 … 1, not ${instrument.share}`);
      else {
        shares += instrument.share;
        if (typeof input.amount === 'number' && toKWh !== undefined)
          kWh += instrument.share * input.amount * toKWh;
      }
      return;
    }
    const unit = instrument.unit ?? input.unit;
    const perKWh = commonUnitFactor(unit, 'kWh');
    if (perKWh === undefined)
      issue(
        [...at, instrument.unit === undefined ? 'amount' : 'unit'],
        `an instrument covers energy: give its amount in kWh, MWh, MJ or GJ, not '${unit}'`,
      );
    if (typeof instrument.amount !== 'number' || perKWh === undefined) allNumbers = false;
    else if (instrument.amount < 0) issue([...at, 'amount'], 'an instrument cannot cover a negative amount');
    else kWh += instrument.amount * perKWh;
  });
  if (shares > 1 + 1e-9)
    issue(
      ['source', 'instruments'],
      `the instruments cover ${shares} of the input, more than all of it: claim at most the electricity consumed`,
    );
  else if (
    allNumbers &&
    typeof input.amount === 'number' &&
    toKWh !== undefined &&
    kWh > input.amount * toKWh * (1 + 1e-9)
  )
    issue(
      ['source', 'instruments'],
      `the instruments cover ${kWh} kWh, more than the ${input.amount * toKWh} kWh of the input: claim at most the electricity consumed`,
    );
}

/** What can be checked of a transport leg without its background: the units, the distance and its factor. */
function checkTransport(
  input: z.output<typeof Input>,
  source: z.output<typeof TransportSource>,
  issue: Issue,
): void {
  if (commonUnit(input.unit)?.dimension !== 'mass')
    issue(
      ['unit'],
      `the amount of a transport leg is the mass of the goods moved: give it in kg or t, not '${input.unit}'`,
    );
  if (commonUnit(source.distanceUnit)?.dimension !== 'length')
    issue(
      ['source', 'distanceUnit'],
      `a distance is a length: give it in km (or m), not '${source.distanceUnit}'`,
    );
  if (typeof source.distance === 'number' && source.distance < 0)
    issue(['source', 'distance'], `a distance cannot be negative (${source.distance})`);
  if ((source.dataset === undefined) === (source.factor === undefined))
    issue(
      ['source'],
      'a transport leg takes either a background transport dataset (`dataset`) or a factor in kg CO2e per t·km (`factor`)',
    );
}

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
export type ModelElectricitySource = z.output<typeof ElectricitySource>;
export type ModelElectricityInstrument = z.output<typeof ElectricityInstrument>;
export type ModelTransportSource = z.output<typeof TransportSource>;
export type ModelDataQuality = z.output<typeof DataQuality>;
