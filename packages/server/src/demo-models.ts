import type { ProductModelDocumentInput } from '@opencfp/model';

// Ids of starter-database datasets (packages/refdata/starter-database; ids are stable, derived from their names).
const STARTER = {
  primaryAluminium: 'dd82203e-988f-5468-a7b4-2e9013a4bc08',
  syntheticGraphite: '31ad1d4b-10f1-5724-bd98-f10be6fa4e51',
  gridFujian: '483eee8f-5b22-5687-b6d9-bcd346c26830',
  gridJiangsu: '74598a7b-cb71-5f37-b2a6-e36d1f608b8b',
  solarPv: '4c16fa85-cf1e-5281-85e6-7fe9d342d044',
  ldpe: '64c7e672-7081-5213-a0b7-13a65b7c4bb6',
  lorry: '26ae4fb9-0623-5e9b-a10e-200acf1f3fab',
  containerShip: 'b63b6e9b-40cc-573b-84f1-95bde9f11745',
};

const ILLUSTRATIVE =
  'ILLUSTRATIVE demo model: every amount and the supplier footprint in it are invented to show how OpenCFP works. ' +
  'The background datasets are real starter data with their sources; the model is not data for a study.';

/**
 * An LFP battery pack per kWh of capacity, cradle-to-gate plus distribution: cells (a supplier's cathode, graphite,
 * cell-plant electricity partly from rooftop solar), an aluminium housing, packaging film and transport by lorry
 * and container ship. Parameters with an uncertainty and a scenario with half the cell electricity from solar.
 */
export const DEMO_BATTERY_MODEL: ProductModelDocumentInput = {
  schema: 'opencfp/product-model@1',
  description: ILLUSTRATIVE,
  referenceProcessId: 'pack-assembly',
  parameters: [
    {
      name: 'cell_electricity',
      value: 30,
      unit: 'kWh',
      description: 'cell plant electricity per kWh of cells (illustrative)',
      uncertainty: { distribution: 'lognormal', geometricSd: 1.2 },
    },
    { name: 'pv_share', value: 0.1, description: 'share of cell plant electricity from rooftop solar' },
    {
      name: 'housing_mass',
      value: 0.9,
      unit: 'kg',
      description: 'aluminium housing per kWh (illustrative)',
      uncertainty: { distribution: 'triangular', min: 0.8, mode: 0.9, max: 1.1 },
    },
    { name: 'pack_mass', value: 0.006, unit: 't', description: 'pack mass per kWh (illustrative)' },
  ],
  scenarios: [
    {
      id: 'solar-50',
      name: 'Half of the cell plant electricity from solar',
      nameZh: '电芯厂一半电力来自屋顶光伏',
      parameters: { pv_share: 0.5 },
    },
  ],
  carbonContent: { fossil: 0, biogenic: 0 },
  processes: [
    {
      id: 'pack-assembly',
      name: 'Battery pack assembly',
      nameZh: '电池包组装',
      stage: 'production',
      location: 'CN-JS',
      output: { name: 'LFP battery pack (demo)', amount: 1, unit: 'kWh' },
      inputs: [
        {
          name: 'LFP cells',
          amount: 1,
          unit: 'kWh',
          source: { kind: 'foreground', processId: 'cell-production' },
        },
        {
          name: 'Aluminium housing',
          amount: 'housing_mass',
          unit: 'kg',
          stage: 'raw-material-acquisition',
          source: { kind: 'background', processId: STARTER.primaryAluminium },
        },
        {
          name: 'Assembly electricity, Jiangsu grid',
          amount: 2,
          unit: 'kWh',
          source: { kind: 'background', processId: STARTER.gridJiangsu },
        },
        {
          name: 'Packaging',
          amount: 1,
          unit: 'item',
          source: { kind: 'foreground', processId: 'packaging' },
        },
        {
          name: 'Delivery',
          amount: 1,
          unit: 'kWh',
          source: { kind: 'foreground', processId: 'distribution' },
        },
      ],
      emissions: [],
    },
    {
      id: 'cell-production',
      name: 'Cell production',
      nameZh: '电芯生产',
      stage: 'production',
      location: 'CN-FJ',
      output: { amount: 1, unit: 'kWh' },
      inputs: [
        {
          name: 'LFP cathode active material',
          amount: 2.2,
          unit: 'kg',
          stage: 'raw-material-acquisition',
          uncertainty: { distribution: 'normal', sd: 0.1 },
          source: {
            kind: 'supplier',
            pcfExcludingBiogenic: 9,
            unit: 'kg',
            supplier: 'Illustrative cathode supplier (demo, invented footprint)',
            year: 2025,
          },
        },
        {
          name: 'Graphite anode material',
          amount: 1.1,
          unit: 'kg',
          stage: 'raw-material-acquisition',
          source: { kind: 'background', processId: STARTER.syntheticGraphite },
        },
        {
          name: 'Cell plant electricity, Fujian grid',
          amount: 'cell_electricity * (1 - pv_share)',
          unit: 'kWh',
          source: { kind: 'background', processId: STARTER.gridFujian },
        },
        {
          name: 'Cell plant electricity, rooftop solar',
          amount: 'cell_electricity * pv_share',
          unit: 'kWh',
          source: { kind: 'background', processId: STARTER.solarPv },
        },
      ],
      emissions: [],
    },
    {
      id: 'packaging',
      name: 'Packaging film',
      nameZh: '包装膜',
      stage: 'production',
      tags: ['cfp:packaging'],
      output: { amount: 1, unit: 'item' },
      inputs: [
        {
          name: 'LDPE film',
          amount: 0.02,
          unit: 'kg',
          source: { kind: 'background', processId: STARTER.ldpe },
        },
      ],
    },
    {
      id: 'distribution',
      name: 'Distribution to the customer',
      nameZh: '运输至客户',
      stage: 'distribution',
      output: { amount: 1, unit: 'kWh' },
      inputs: [
        {
          name: 'Lorry, 500 km',
          amount: 'pack_mass * 500',
          unit: 't*km',
          source: { kind: 'background', processId: STARTER.lorry },
        },
        {
          name: 'Container ship, 10,000 km',
          amount: 'pack_mass * 10000',
          unit: 't*km',
          source: { kind: 'background', processId: STARTER.containerShip },
        },
      ],
    },
  ],
};

/**
 * An aluminium bicycle frame: tubes from primary aluminium with 25 % scrap, welding power from the Jiangsu grid
 * (an electricity input, location-based, with a scenario accounting it market-based), a bought coating, and the
 * delivery of the frame by lorry (a transport leg, in the distribution stage).
 */
export const DEMO_FRAME_MODEL: ProductModelDocumentInput = {
  schema: 'opencfp/product-model@1',
  description: ILLUSTRATIVE,
  referenceProcessId: 'frame',
  parameters: [
    {
      name: 'frame_mass',
      value: 1.6,
      unit: 'kg',
      uncertainty: { distribution: 'lognormal', geometricSd: 1.05 },
    },
    { name: 'scrap_rate', value: 0.25 },
  ],
  scenarios: [
    { id: 'lean', name: 'Scrap rate 10 %', nameZh: '废料率 10%', parameters: { scrap_rate: 0.1 } },
    {
      id: 'market-based',
      name: 'Electricity accounted market-based (residual mix)',
      nameZh: '电力按市场法核算（剩余组合）',
      electricity: { accounting: 'market-based' },
    },
  ],
  processes: [
    {
      id: 'frame',
      name: 'Frame welding and finishing',
      nameZh: '车架焊接与表面处理',
      stage: 'production',
      output: { name: 'Aluminium bicycle frame (demo)', amount: 1, unit: 'item' },
      inputs: [
        {
          name: 'Aluminium tubes',
          amount: 'frame_mass * (1 + scrap_rate)',
          unit: 'kg',
          stage: 'raw-material-acquisition',
          source: { kind: 'background', processId: STARTER.primaryAluminium },
        },
        {
          name: 'Welding electricity, Jiangsu grid',
          amount: 5,
          unit: 'kWh',
          source: { kind: 'electricity', region: 'Jiangsu', year: 2023, accounting: 'location-based' },
        },
        {
          name: 'Powder coating',
          amount: 150,
          unit: 'g',
          source: {
            kind: 'supplier',
            pcfExcludingBiogenic: 6,
            unit: 'kg',
            supplier: 'Illustrative coating supplier (demo, invented footprint)',
          },
        },
        {
          name: 'Delivery to the bicycle assembler, lorry 300 km',
          amount: 'frame_mass',
          unit: 'kg',
          stage: 'distribution',
          source: { kind: 'transport', mode: 'road', distance: 300, dataset: { processId: STARTER.lorry } },
        },
      ],
      emissions: [{ gas: 'CO2', amount: 0.12, unit: 'kg', comment: 'shielding gas (illustrative)' }],
    },
  ],
};
