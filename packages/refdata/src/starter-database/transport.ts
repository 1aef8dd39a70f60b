// Transport table of the starter background database: freight per tonne-kilometre from the UK Government's
// greenhouse gas conversion factors 2025 (DESNZ/Defra, sheet "Freighting goods"), Open Government Licence v3.0.
// Each row keeps the published cells (kg CO2e total and the CO2, CH4 and N2O columns, in kg CO2e per tonne.km).
// The CO2 column is kg of CO2 and goes in as fossil CO2; the rest of the total (CH4 and N2O, already weighted
// with the GWPs DESNZ uses) goes in as a pre-aggregated CO2e amount, so each dataset adds up to the published
// total exactly. Inland waterways are not in the DESNZ tables and are left out (docs/starter-database.md).

import type { StarterDataset, StarterSource } from './starter-dataset.js';

/** The DESNZ/Defra conversion factors 2025 (also the source of the waste datasets). */
export const DESNZ_2025_SOURCE: StarterSource = {
  id: 'desnz-ghg-conversion-factors-2025',
  title: 'Greenhouse gas reporting: conversion factors 2025 (full set)',
  issuer:
    'UK Department for Energy Security and Net Zero (DESNZ) and Department for Environment, Food & Rural ' +
    'Affairs (Defra)',
  year: 2025,
  version: '2025 conversion factors (full set, published June 2025)',
  url: 'https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2025',
  licence: 'Open Government Licence v3.0 (© Crown copyright)',
};

/**
 * The GWP basis of the DESNZ CO2e figures. The DESNZ conversion factors state their GWP set on their
 * Introduction sheet; we did not read the 2025 sheet itself (see docs/starter-database.md).
 */
export const DESNZ_GWP_BASIS =
  'IPCC AR5 GWP100 (without climate-carbon feedback), as DESNZ states for its conversion factors; the CH4 and ' +
  'N2O parts keep that basis whatever GWP set the study uses';

/** The public sources of the transport datasets. */
export const transportSources: StarterSource[] = [DESNZ_2025_SOURCE];

/** One published row of the "Freighting goods" sheet, kg CO2e per tonne.km. */
interface FreightRow {
  id: string;
  /** Level 2 / Level 3 / column text of the row, as published. */
  row: string;
  total: number;
  co2: number;
  ch4: number;
  n2o: number;
}

function emissions(r: FreightRow) {
  const where = `${DESNZ_2025_SOURCE.title}, sheet "Freighting goods", row ${r.row}, unit tonne.km`;
  // Decimal subtraction of two published figures (at most 6 decimals), without the binary rounding noise.
  const nonCo2 = Number((r.total - r.co2).toFixed(6));
  return [
    {
      flow: 'co2-fossil' as const,
      amount: r.co2,
      derivation:
        `${where}: column "kg CO2e of CO2 per unit" ${r.co2} (kg CO2 per t*km; biogenic CO2 of biofuel blends is ` +
        'reported by DESNZ outside of scopes and not included).',
    },
    {
      flow: 'co2e-preaggregated' as const,
      amount: nonCo2,
      derivation:
        `${where}: total "kg CO2e" ${r.total} − CO2 ${r.co2} = ${nonCo2} kg CO2e of CH4 and N2O (published columns ` +
        `CH4 ${r.ch4} and N2O ${r.n2o}, each rounded; the difference keeps the published total).`,
    },
  ];
}

interface FreightDataset {
  row: FreightRow;
  name: string;
  nameZh: string;
  productName: string;
  productNameZh: string;
  category: string;
  description: string;
  tags?: string[];
}

const BOUNDARY =
  'tank-to-wheel: direct emissions of the vehicle or vessel fuel (CO2, CH4, N2O) per tonne-kilometre of goods, ' +
  'with the average load of the DESNZ data; fuel supply chain (well-to-tank) and vehicle manufacture not ' +
  'included';

const UK_ONLY =
  'DESNZ publishes these factors for UK reporting and does not recommend them for other countries: a starter ' +
  'proxy for Chinese transport until a licensed or Chinese dataset is used.';

const FREIGHT: readonly FreightDataset[] = [
  {
    row: {
      id: 'transport-lorry-hgv-average-laden-gb-2025',
      row: '"HGV (all diesel)" / "All HGVs" / "Average laden"',
      total: 0.10163,
      co2: 0.10012,
      ch4: 0.00002,
      n2o: 0.00149,
    },
    name: 'Transport, freight, lorry (HGV, all diesel), all sizes, average laden',
    nameZh: '货运,重型货车(柴油),全部车型,平均载重',
    productName: 'transport, freight, lorry, HGV average',
    productNameZh: '重型货车货运',
    category: 'Transport/Road',
    description: `UK average heavy goods vehicle (rigid and articulated) at its average load. ${UK_ONLY}`,
  },
  {
    row: {
      id: 'transport-lorry-hgv-articulated-over-33t-average-laden-gb-2025',
      row: '"HGV (all diesel)" / "Articulated (>33t)" / "Average laden"',
      total: 0.07703,
      co2: 0.07576,
      ch4: 0.00001,
      n2o: 0.00125,
    },
    name: 'Transport, freight, lorry (HGV, all diesel), articulated >33 t, average laden',
    nameZh: '货运,重型铰接货车(柴油,>33吨),平均载重',
    productName: 'transport, freight, lorry, articulated >33 t',
    productNameZh: '重型铰接货车(>33吨)货运',
    category: 'Transport/Road',
    description: `UK articulated lorry over 33 t gross weight (long-haul trucking) at its average load. ${UK_ONLY}`,
  },
  {
    row: {
      id: 'transport-rail-freight-train-gb-2025',
      row: '"Rail" / "Freight train"',
      total: 0.02779,
      co2: 0.02749,
      ch4: 0.00002,
      n2o: 0.00028,
    },
    name: 'Transport, freight, rail, freight train',
    nameZh: '货运,铁路货运列车',
    productName: 'transport, freight, rail',
    productNameZh: '铁路货运',
    category: 'Transport/Rail',
    description:
      'UK freight train average (DESNZ does not split diesel and electric traction; UK freight rail is mostly ' +
      `diesel hauled). Chinese rail freight is largely electric, so this is a rough proxy. ${UK_ONLY}`,
  },
  {
    row: {
      id: 'transport-sea-container-ship-average-2025',
      row: '"Cargo ship" / "Container ship" / "Average"',
      total: 0.01612,
      co2: 0.01592,
      ch4: 0.00001,
      n2o: 0.00019,
    },
    name: 'Transport, freight, sea, container ship, average',
    nameZh: '货运,海运,集装箱船,平均',
    productName: 'transport, freight, sea, container ship',
    productNameZh: '集装箱船海运',
    category: 'Transport/Sea',
    description:
      'Average container ship of the DESNZ international shipping factors (all sizes), per tonne-km of goods ' +
      '(not per TEU-km).',
  },
  {
    row: {
      id: 'transport-sea-bulk-carrier-average-2025',
      row: '"Cargo ship" / "Bulk carrier" / "Average"',
      total: 0.00353,
      co2: 0.00349,
      ch4: 0.000001,
      n2o: 0.00004,
    },
    name: 'Transport, freight, sea, bulk carrier, average',
    nameZh: '货运,海运,散货船,平均',
    productName: 'transport, freight, sea, bulk carrier',
    productNameZh: '散货船海运',
    category: 'Transport/Sea',
    description:
      'Average bulk carrier of the DESNZ international shipping factors (all sizes), per tonne-km.',
  },
  {
    row: {
      id: 'transport-sea-general-cargo-average-2025',
      row: '"Cargo ship" / "General cargo" / "Average"',
      total: 0.01321,
      co2: 0.01305,
      ch4: 0.000004,
      n2o: 0.00016,
    },
    name: 'Transport, freight, sea, general cargo ship, average',
    nameZh: '货运,海运,杂货船,平均',
    productName: 'transport, freight, sea, general cargo ship',
    productNameZh: '杂货船海运',
    category: 'Transport/Sea',
    description:
      'Average general cargo ship of the DESNZ international shipping factors (all sizes), per tonne-km.',
  },
  {
    row: {
      id: 'transport-air-freight-international-without-rf-2025',
      row: '"Freight flights" / "International, to/from non-UK" / "Without RF"',
      total: 0.5313,
      co2: 0.52583,
      ch4: 0.00006,
      n2o: 0.00542,
    },
    name: 'Transport, freight, air, international, without radiative forcing',
    nameZh: '货运,航空,国际航线,不含辐射强迫',
    productName: 'transport, freight, air, international',
    productNameZh: '国际航空货运',
    category: 'Transport/Air',
    description:
      'International air freight (flights to and from places outside the UK) WITHOUT the radiative-forcing ' +
      'uplift: the greenhouse gases emitted only, as PACT aircraftGhgEmissions asks. DESNZ also publishes a ' +
      '"With RF" value (0.89939 kg CO2e per t*km) for non-CO2 effects at altitude, not used here. DESNZ intends ' +
      'its air factors for great-circle distances (see its methodology paper on the distance uplift).',
    tags: ['cfp:aircraft'],
  },
];

function dataset(f: FreightDataset): StarterDataset {
  return {
    id: f.row.id,
    name: f.name,
    nameZh: f.nameZh,
    category: f.category,
    product: { name: f.productName, nameZh: f.productNameZh, unit: 't*km' },
    geography: f.category === 'Transport/Sea' || f.category === 'Transport/Air' ? 'GLO' : 'GB',
    year: 2025,
    boundary: BOUNDARY,
    emissions: emissions(f.row),
    sourceId: DESNZ_2025_SOURCE.id,
    gwpBasis: DESNZ_GWP_BASIS,
    description: `${f.description} Conversion factors for reporting year 2025.`,
    tags: ['transport', ...(f.tags ?? [])],
  };
}

/**
 * The freight transport datasets, per tonne-kilometre: lorry (all HGVs, articulated >33 t), rail, container
 * ship, bulk carrier, general cargo ship and international air freight without radiative forcing.
 *
 * @example transportDatasets.find((d) => d.id === 'transport-rail-freight-train-gb-2025')?.product.unit // 't*km'
 */
export const transportDatasets: StarterDataset[] = FREIGHT.map(dataset);
