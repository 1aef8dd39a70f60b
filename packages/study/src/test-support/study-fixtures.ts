// Product models on the starter database and complete studies around them, for the compliance tests. The amounts
// are illustrative; the datasets are the starter database's, with their sources.
//
// The bracket, per item (AR6 GWP100):
//   aluminium 0.5 kg × 15.1 (IAI 2022, pre-aggregated CO2e)                          = 7.55
//   electricity 2 kWh, Jiangsu 2023 location-based × 0.5827 kg CO2/kWh               = 1.1654
//   inbound lorry 0.5 kg × 1000 km = 0.5 t·km × 0.10163 (DESNZ 2025, HGV average)    = 0.050815
//   cradle to gate: 7.55 + 1.1654 + 0.050815                                         = 8.766215
//   delivery lorry 0.5 kg × 200 km = 0.1 t·km × 0.10163                              = 0.010163
//   end of life: 0.5 kg of scrap metal to landfill (starter waste dataset)
import type { ProductModelDocumentInput } from '@opencfp/model';
import type { Study } from '../study.js';
import { STARTER } from './starter-background.js';

type Input = NonNullable<ProductModelDocumentInput['processes'][number]['inputs']>[number];
type ElectricitySourceInput = Extract<Input['source'], { kind: 'electricity' }>;

/** Total of the cradle-to-gate bracket, kg CO2e per item (see the file's comment). */
export const BRACKET_GATE_TOTAL = 7.55 + 1.1654 + 0.050815;

export interface BracketOptions {
  /** Add delivery (distribution) and end of life (landfill). */
  grave?: boolean;
  /** Replace the electricity input's source fields (accounting, instruments …). */
  electricity?: Partial<ElectricitySourceInput>;
  /** Leave the assembly process without a stage (its electricity then goes to 'unassigned'). */
  unstaged?: boolean;
}

/**
 * An aluminium bracket: 0.5 kg primary aluminium, 2 kWh of Jiangsu grid electricity and inbound transport by lorry;
 * optionally delivered and landfilled at end of life.
 *
 * @example bracket({ grave: true })
 */
export function bracket(options: BracketOptions = {}): ProductModelDocumentInput {
  const inputs: Input[] = [
    {
      name: 'Primary aluminium',
      amount: 0.5,
      unit: 'kg',
      stage: 'raw-material-acquisition',
      source: { kind: 'background', processId: STARTER.primaryAluminium },
    },
    {
      name: 'Assembly electricity',
      amount: 2,
      unit: 'kWh',
      source: { kind: 'electricity', region: '江苏', year: 2023, ...options.electricity },
    },
    {
      name: 'Inbound aluminium, lorry 1000 km',
      amount: 0.5,
      unit: 'kg',
      stage: 'raw-material-acquisition',
      source: { kind: 'transport', mode: 'road', distance: 1000, dataset: { processId: STARTER.lorry } },
    },
  ];
  const processes: ProductModelDocumentInput['processes'] = [
    {
      id: 'bracket',
      name: 'Bracket machining',
      ...(options.unstaged ? {} : { stage: 'production' }),
      output: { name: 'Aluminium bracket', amount: 1, unit: 'item' },
      inputs,
    },
  ];
  if (options.grave) {
    inputs.push(
      { name: 'Delivery', amount: 1, unit: 'item', source: { kind: 'foreground', processId: 'delivery' } },
      {
        name: 'End of life',
        amount: 1,
        unit: 'item',
        source: { kind: 'foreground', processId: 'end-of-life' },
      },
    );
    processes.push(
      {
        id: 'delivery',
        name: 'Delivery to the customer',
        stage: 'distribution',
        output: { amount: 1, unit: 'item' },
        inputs: [
          {
            name: 'Lorry 200 km',
            amount: 0.5,
            unit: 'kg',
            source: { kind: 'transport', mode: 'road', distance: 200, dataset: { processId: STARTER.lorry } },
          },
        ],
      },
      {
        id: 'end-of-life',
        name: 'Landfill of the used bracket',
        stage: 'end-of-life',
        output: { amount: 1, unit: 'item' },
        inputs: [
          {
            name: 'Scrap metal to landfill',
            amount: 0.5,
            unit: 'kg',
            source: { kind: 'background', processId: STARTER.scrapMetalLandfill },
          },
        ],
      },
    );
  }
  return {
    schema: 'opencfp/product-model@1',
    referenceProcessId: 'bracket',
    carbonContent: { fossil: 0, biogenic: 0 },
    processes,
  };
}

export interface BatteryOptions {
  /** Replace the cell plant electricity's source fields (default: the eu-battery rule, national mix 2023). */
  electricity?: Partial<ElectricitySourceInput>;
  /** The pack's output unit (default kWh). */
  unit?: string;
}

/**
 * An LFP battery pack per kWh of lifetime energy, in the EU battery stages: an aluminium housing and a supplier's
 * cathode material (raw material acquisition and pre-processing), 30 kWh of cell plant electricity in Jiangsu
 * (main product production), delivery by lorry (distribution) and recycling as mixed WEEE (end of life and
 * recycling). Illustrative amounts; the cathode footprint is invented (9 kg CO2e/kg).
 *
 * @example await calculateOnStarter(batteryPack(), { stageScheme: 'eu-battery' })
 */
export function batteryPack(options: BatteryOptions = {}): ProductModelDocumentInput {
  const unit = options.unit ?? 'kWh';
  return {
    schema: 'opencfp/product-model@1',
    referenceProcessId: 'pack',
    carbonContent: { fossil: 0, biogenic: 0 },
    processes: [
      {
        id: 'pack',
        name: 'Pack production',
        stage: 'main-product-production',
        output: { name: 'LFP battery pack', amount: 1, unit },
        inputs: [
          {
            name: 'Aluminium housing',
            amount: 0.9,
            unit: 'kg',
            stage: 'raw-material-acquisition-and-pre-processing',
            source: { kind: 'background', processId: STARTER.primaryAluminium },
          },
          {
            name: 'LFP cathode material',
            amount: 2.2,
            unit: 'kg',
            stage: 'raw-material-acquisition-and-pre-processing',
            source: {
              kind: 'supplier',
              pcfExcludingBiogenic: 9,
              unit: 'kg',
              supplier: 'Illustrative supplier',
            },
          },
          {
            name: 'Cell plant electricity',
            amount: 30,
            unit: 'kWh',
            source: {
              kind: 'electricity',
              region: '江苏',
              year: 2023,
              accounting: 'eu-battery',
              ...options.electricity,
            },
          },
          { name: 'Delivery', amount: 1, unit, source: { kind: 'foreground', processId: 'delivery' } },
          { name: 'Recycling', amount: 1, unit, source: { kind: 'foreground', processId: 'recycling' } },
        ],
      },
      {
        id: 'delivery',
        name: 'Delivery',
        stage: 'distribution',
        output: { amount: 1, unit },
        inputs: [
          {
            name: 'Lorry 500 km',
            amount: 6,
            unit: 'kg',
            source: { kind: 'transport', mode: 'road', distance: 500, dataset: { processId: STARTER.lorry } },
          },
        ],
      },
      {
        id: 'recycling',
        name: 'Recycling of the pack',
        stage: 'end-of-life-and-recycling',
        output: { amount: 1, unit },
        inputs: [
          {
            name: 'Mixed WEEE recycling',
            amount: 6,
            unit: 'kg',
            source: { kind: 'background', processId: STARTER.weeeRecycling },
          },
        ],
      },
    ],
  };
}

/** A green electricity certificate meeting every quality criterion, covering all of an electricity input. */
export const GREEN_CERTIFICATE = {
  id: 'gec-2023',
  kind: 'green-electricity-certificate' as const,
  share: 1,
  factor: 0,
  factorSource: 'GEC registry, wind, 2023 (illustrative)',
  criteria: { uniqueClaim: true, trackedAndCancelled: true, timeMatch: true, marketMatch: true },
};

/**
 * A study of a calculated model with every statement the rule sets ask for (each test removes or changes what it
 * checks): units, reference period, data quality, uncertainty, sensitivity, choices and report information.
 *
 * @example completeStudy('iso-14067-2018', await calculateOnStarter(bracket()), { productType: 'intermediate', boundary: 'cradle-to-gate' })
 */
export function completeStudy(
  ruleSetId: string,
  calculated: Pick<Study, 'document' | 'result'>,
  overrides: Partial<Study>,
): Study {
  return {
    ruleSetId,
    productType: 'intermediate',
    boundary: 'cradle-to-gate',
    functionalUnit: 'one bracket holding a 20 kg load for 10 years',
    declaredUnit: '1 aluminium bracket',
    referencePeriod: { start: '2024-01-01', end: '2024-12-31' },
    reportDate: '2025-06-30',
    dataQuality: {
      method: 'pact-dqr',
      primaryDataShare: 0.62,
      ratings: { technological: 1.6, geographical: 2.1, temporal: 1.4 },
    },
    uncertainty: { method: 'monte-carlo', iterations: 1000, mean: 8.8, standardDeviation: 0.7 },
    sensitivity: { method: 'one-at-a-time', entries: [{ name: 'Primary aluminium', effect: 0.86 }] },
    choices: {
      allocation: { method: 'none' },
      cutOff: { criteria: 'every input above 0.1 % of the product mass', exclusions: [] },
      endOfLife: { approach: 'cut-off' },
      uncertaintyStatement:
        'The aluminium footprint dominates; its global average carries most of the uncertainty.',
      useProfile: 'Passive part: no energy or consumables in use.',
    },
    report: {
      manufacturer: 'Illustrative Components Co.',
      productIdentification: 'Bracket B-20',
      plantLocation: 'Suzhou, Jiangsu, China',
      publicStudyUrl: 'https://example.com/studies/b-20',
      productMassPerDeclaredUnit: 0.5,
      limitations: 'Illustrative amounts on the OpenCFP starter database.',
    },
    ...calculated,
    ...overrides,
  };
}
