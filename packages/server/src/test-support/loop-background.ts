// A three-process background database with a loop, written as an openLCA JSON-LD folder (olca-schema v2 field
// names), for the result-analysis route cases: small enough to calculate every figure by hand.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const LOOP_SOURCE = 'Loop test data (OpenCFP tests)';

/**
 * Power (per MJ: 0.5 kg CO2, takes 0.1 kg steel), steel (per kg: 2 kg CO2, takes 1 MJ power), transport (per
 * item: 0.1 kg CO2, takes 0.2 MJ power). Intensities by hand (Aᵀ m = c): m_power = 7/9, m_steel = 25/9,
 * m_transport = 2.3/9 kg CO2e per unit. The power process carries a location, a version, a pedigree entry and an
 * uncertainty on its CO2, and a description naming its source, licence and data year.
 */
export const LOOP_INTENSITIES = { power: 7 / 9, steel: 25 / 9, transport: 2.3 / 9 } as const;

const ref = (type: string, id: string, name?: string) => ({
  '@type': type,
  '@id': id,
  ...(name ? { name } : {}),
});

function exchange(
  internalId: number,
  flow: string,
  amount: number,
  unit: [string, string],
  property: string,
  options: { input?: boolean; reference?: boolean; provider?: string; extra?: Record<string, unknown> } = {},
) {
  return {
    '@type': 'Exchange',
    internalId,
    flow: ref('Flow', flow),
    amount,
    isInput: options.input ?? false,
    isQuantitativeReference: options.reference ?? false,
    isAvoidedProduct: false,
    unit: ref('Unit', unit[0], unit[1]),
    flowProperty: ref('FlowProperty', property),
    ...(options.provider ? { defaultProvider: ref('Process', options.provider) } : {}),
    ...options.extra,
  };
}

const KG: [string, string] = ['u-kg', 'kg'];
const MJ: [string, string] = ['u-mj', 'MJ'];
const ITEM: [string, string] = ['u-item', 'item'];

/** Writes the database into `dir` (created) and returns `dir`. */
export async function writeLoopBackground(dir: string): Promise<string> {
  const files: Record<string, object> = {
    'unit_groups/ug-mass.json': {
      '@type': 'UnitGroup',
      '@id': 'ug-mass',
      name: 'Units of mass',
      defaultFlowProperty: ref('FlowProperty', 'fp-mass'),
      units: [
        { '@type': 'Unit', '@id': 'u-kg', name: 'kg', conversionFactor: 1, isRefUnit: true },
        { '@type': 'Unit', '@id': 'u-g', name: 'g', conversionFactor: 0.001 },
      ],
    },
    'unit_groups/ug-energy.json': {
      '@type': 'UnitGroup',
      '@id': 'ug-energy',
      name: 'Units of energy',
      defaultFlowProperty: ref('FlowProperty', 'fp-energy'),
      units: [
        { '@type': 'Unit', '@id': 'u-mj', name: 'MJ', conversionFactor: 1, isRefUnit: true },
        { '@type': 'Unit', '@id': 'u-kwh', name: 'kWh', conversionFactor: 3.6 },
      ],
    },
    'unit_groups/ug-items.json': {
      '@type': 'UnitGroup',
      '@id': 'ug-items',
      name: 'Units of items',
      defaultFlowProperty: ref('FlowProperty', 'fp-items'),
      units: [{ '@type': 'Unit', '@id': 'u-item', name: 'item', conversionFactor: 1, isRefUnit: true }],
    },
    'flow_properties/fp-mass.json': {
      '@type': 'FlowProperty',
      '@id': 'fp-mass',
      name: 'Mass',
      flowPropertyType: 'PHYSICAL_QUANTITY',
      unitGroup: ref('UnitGroup', 'ug-mass'),
    },
    'flow_properties/fp-energy.json': {
      '@type': 'FlowProperty',
      '@id': 'fp-energy',
      name: 'Energy',
      flowPropertyType: 'PHYSICAL_QUANTITY',
      unitGroup: ref('UnitGroup', 'ug-energy'),
    },
    'flow_properties/fp-items.json': {
      '@type': 'FlowProperty',
      '@id': 'fp-items',
      name: 'Number of items',
      flowPropertyType: 'PHYSICAL_QUANTITY',
      unitGroup: ref('UnitGroup', 'ug-items'),
    },
    'locations/loc-cn.json': { '@type': 'Location', '@id': 'loc-cn', name: 'China', code: 'CN' },
    'sources/src-loop.json': {
      '@type': 'Source',
      '@id': 'src-loop',
      name: LOOP_SOURCE,
      year: 2024,
      url: 'https://example.org/loop',
      textReference: 'OpenCFP. Loop test data. 2024.',
    },
  };
  const flow = (id: string, name: string, type: string, property: string, category: string) => ({
    '@type': 'Flow',
    '@id': id,
    name,
    flowType: type,
    category,
    flowProperties: [
      {
        '@type': 'FlowPropertyFactor',
        isRefFlowProperty: true,
        conversionFactor: 1,
        flowProperty: ref('FlowProperty', property),
      },
    ],
  });
  files['flows/f-electricity.json'] = flow(
    'f-electricity',
    'Electricity',
    'PRODUCT_FLOW',
    'fp-energy',
    'Products/Energy',
  );
  files['flows/f-steel.json'] = flow('f-steel', 'Steel', 'PRODUCT_FLOW', 'fp-mass', 'Products/Metals');
  files['flows/f-transport.json'] = flow(
    'f-transport',
    'Transport',
    'PRODUCT_FLOW',
    'fp-items',
    'Products/Transport',
  );
  files['flows/f-co2.json'] = flow(
    'f-co2',
    'Carbon dioxide, fossil',
    'ELEMENTARY_FLOW',
    'fp-mass',
    'Elementary flows/Emission to air/unspecified',
  );
  const process = (id: string, name: string, exchanges: object[], extra: Record<string, unknown> = {}) => ({
    '@type': 'Process',
    '@id': id,
    name,
    processType: 'UNIT_PROCESS',
    category: 'Loop test',
    exchanges,
    parameters: [],
    ...extra,
  });
  files['processes/p-power.json'] = process(
    'p-power',
    'Power plant',
    [
      exchange(1, 'f-electricity', 1, MJ, 'fp-energy', { reference: true }),
      exchange(2, 'f-steel', 0.1, KG, 'fp-mass', { input: true, provider: 'p-steel' }),
      exchange(3, 'f-co2', 0.5, KG, 'fp-mass', {
        extra: {
          dqEntry: '(2;3;1;1;1)',
          uncertainty: {
            '@type': 'Uncertainty',
            distributionType: 'LOG_NORMAL_DISTRIBUTION',
            geomMean: 0.5,
            geomSd: 1.1,
          },
          description: 'measured at the stack',
        },
      }),
    ],
    {
      description: `Power for the loop tests.\n\nSource: ${LOOP_SOURCE}, 2024.\nLicence: CC BY 4.0.\nData year: 2024.`,
      location: ref('Location', 'loc-cn'),
      version: '01.02.003',
      lastChange: '2024-05-01T00:00:00Z',
    },
  );
  files['processes/p-steel.json'] = process('p-steel', 'Steel mill', [
    exchange(1, 'f-steel', 1, KG, 'fp-mass', { reference: true }),
    exchange(2, 'f-electricity', 1, MJ, 'fp-energy', { input: true }),
    exchange(3, 'f-co2', 2, KG, 'fp-mass'),
  ]);
  files['processes/p-transport.json'] = process('p-transport', 'Lorry', [
    exchange(1, 'f-transport', 1, ITEM, 'fp-items', { reference: true }),
    exchange(2, 'f-electricity', 0.2, MJ, 'fp-energy', { input: true }),
    exchange(3, 'f-co2', 0.1, KG, 'fp-mass'),
  ]);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(dir, name.split('/')[0]), { recursive: true });
    await writeFile(join(dir, name), `${JSON.stringify(content, null, 2)}\n`);
  }
  return dir;
}
