// Energy table of the starter background database: direct emissions of burning fuels, per MJ of fuel (net
// calorific value), from the IPCC 2006 Guidelines, Volume 2 (Energy) default factors. The IPCC values are
// transcribed below as published (kg per TJ, TJ per Gg); the datasets divide by 10^6 MJ/TJ, and the net
// calorific value gives the kg of fuel per MJ so that a user may enter the fuel in kg instead.

import type { StarterDataset, StarterEmission, StarterSource } from './starter-dataset.js';

const IPCC_2006_V2 = 'ipcc-2006-v2';

/** The public sources of the energy datasets. */
export const energySources: StarterSource[] = [
  {
    id: IPCC_2006_V2,
    title: '2006 IPCC Guidelines for National Greenhouse Gas Inventories, Volume 2: Energy',
    issuer:
      'Intergovernmental Panel on Climate Change (IPCC), National Greenhouse Gas Inventories Programme ' +
      '(eds. Eggleston H.S., Buendia L., Miwa K., Ngara T., Tanabe K.), published by IGES, Japan',
    year: 2006,
    version: 'Chapter 1 (Introduction), Chapter 2 (Stationary Combustion), Chapter 3 (Mobile Combustion)',
    url: 'https://www.ipcc-nggip.iges.or.jp/public/2006gl/vol2.html',
    licence:
      'IPCC default values: facts used with citation of the Guidelines (the text itself is © IPCC; no text is ' +
      'reproduced here)',
  },
];

const CH1 =
  'IPCC 2006 Vol. 2 Ch. 1 (https://www.ipcc-nggip.iges.or.jp/public/2006gl/pdf/2_Volume2/V2_1_Ch1_Introduction.pdf)';
const CH2 =
  'IPCC 2006 Vol. 2 Ch. 2 (https://www.ipcc-nggip.iges.or.jp/public/2006gl/pdf/2_Volume2/V2_2_Ch2_Stationary_Combustion.pdf)';
const CH3 =
  'IPCC 2006 Vol. 2 Ch. 3 (https://www.ipcc-nggip.iges.or.jp/public/2006gl/pdf/2_Volume2/V2_3_Ch3_Mobile_Combustion.pdf)';

/** A fuel of the IPCC tables, with its default net calorific value and CO2 emission factor. */
interface IpccFuel {
  /** Slug used in dataset ids. */
  slug: string;
  /** The fuel's row label in the IPCC tables. */
  ipccName: string;
  name: string;
  nameZh: string;
  /** Table 1.2, default net calorific value, TJ/Gg (= MJ/kg). */
  ncv: number;
  /** Table 1.4, default CO2 emission factor for combustion, kg CO2/TJ (net calorific basis). */
  co2: number;
}

// Vol. 2 Ch. 1, Table 1.2 (default NCV, TJ/Gg) and Table 1.4 (default CO2 emission factors, kg/TJ), as published.
const FUELS = {
  naturalGas: {
    slug: 'natural-gas',
    ipccName: 'Natural Gas',
    name: 'natural gas',
    nameZh: '天然气',
    ncv: 48.0,
    co2: 56100,
  },
  gasDieselOil: {
    slug: 'diesel',
    ipccName: 'Gas/Diesel Oil',
    name: 'diesel (gas/diesel oil)',
    nameZh: '柴油',
    ncv: 43.0,
    co2: 74100,
  },
  motorGasoline: {
    slug: 'motor-gasoline',
    ipccName: 'Motor Gasoline',
    name: 'motor gasoline',
    nameZh: '车用汽油',
    ncv: 44.3,
    co2: 69300,
  },
  residualFuelOil: {
    slug: 'residual-fuel-oil',
    ipccName: 'Residual Fuel Oil',
    name: 'residual fuel oil (heavy fuel oil)',
    nameZh: '燃料油(重油)',
    ncv: 40.4,
    co2: 77400,
  },
  lpg: {
    slug: 'lpg',
    ipccName: 'Liquefied Petroleum Gases',
    name: 'liquefied petroleum gas (LPG)',
    nameZh: '液化石油气',
    ncv: 47.3,
    co2: 63100,
  },
  otherBituminousCoal: {
    slug: 'other-bituminous-coal',
    ipccName: 'Other Bituminous Coal',
    name: 'other bituminous coal',
    nameZh: '其他烟煤',
    ncv: 25.8,
    co2: 94600,
  },
  anthracite: {
    slug: 'anthracite',
    ipccName: 'Anthracite',
    name: 'anthracite',
    nameZh: '无烟煤',
    ncv: 26.7,
    co2: 98300,
  },
  cokingCoal: {
    slug: 'coking-coal',
    ipccName: 'Coking Coal',
    name: 'coking coal',
    nameZh: '炼焦煤',
    ncv: 28.2,
    co2: 94600,
  },
  jetKerosene: {
    slug: 'jet-kerosene',
    ipccName: 'Jet Kerosene',
    name: 'jet kerosene',
    nameZh: '航空煤油',
    ncv: 44.1,
    co2: 71500,
  },
} as const satisfies Record<string, IpccFuel>;

/** CH4 and N2O default emission factors of one use of a fuel, kg/TJ (net calorific basis). */
interface NonCo2Factors {
  fuel: IpccFuel;
  ch4: number;
  n2o: number;
  /** Chapter (with address) and table row the factors come from. */
  chapter: string;
  table: string;
}

// Vol. 2 Ch. 2, Table 2.2: default emission factors for stationary combustion in the energy industries, kg/TJ.
// (Table 2.3, manufacturing industries and construction, has the same values except CH4 10 kg/TJ for coals.)
const STATIONARY: readonly NonCo2Factors[] = [
  { fuel: FUELS.naturalGas, ch4: 1, n2o: 0.1, chapter: CH2, table: 'Table 2.2, row Natural Gas' },
  { fuel: FUELS.gasDieselOil, ch4: 3, n2o: 0.6, chapter: CH2, table: 'Table 2.2, row Gas/Diesel Oil' },
  { fuel: FUELS.motorGasoline, ch4: 3, n2o: 0.6, chapter: CH2, table: 'Table 2.2, row Motor Gasoline' },
  { fuel: FUELS.residualFuelOil, ch4: 3, n2o: 0.6, chapter: CH2, table: 'Table 2.2, row Residual Fuel Oil' },
  { fuel: FUELS.lpg, ch4: 1, n2o: 0.1, chapter: CH2, table: 'Table 2.2, row Liquefied Petroleum Gases' },
  {
    fuel: FUELS.otherBituminousCoal,
    ch4: 1,
    n2o: 1.5,
    chapter: CH2,
    table: 'Table 2.2, row Other Bituminous Coal',
  },
  { fuel: FUELS.anthracite, ch4: 1, n2o: 1.5, chapter: CH2, table: 'Table 2.2, row Anthracite' },
  { fuel: FUELS.cokingCoal, ch4: 1, n2o: 1.5, chapter: CH2, table: 'Table 2.2, row Coking Coal' },
];

// Vol. 2 Ch. 3: road transport, Table 3.2.2 (CH4 and N2O, kg/TJ; CO2 of Table 3.2.1 equals Table 1.4), and
// civil aviation, Table 3.6.5 (Tier 1 CH4 and N2O for all aviation fuels, kg/TJ; CO2 of Table 3.6.4 equals
// Table 1.4 for jet kerosene).
const ROAD_DIESEL: NonCo2Factors = {
  fuel: FUELS.gasDieselOil,
  ch4: 3.9,
  n2o: 3.9,
  chapter: CH3,
  table: 'Table 3.2.2 (road transport N2O and CH4 default emission factors), row Gas/Diesel Oil',
};
const ROAD_GASOLINE: NonCo2Factors = {
  fuel: FUELS.motorGasoline,
  ch4: 3.8,
  n2o: 5.7,
  chapter: CH3,
  table:
    'Table 3.2.2 (road transport N2O and CH4 default emission factors), row Motor Gasoline – Low Mileage Light ' +
    'Duty Vehicle Vintage 1995 or Later',
};
const AVIATION_KEROSENE: NonCo2Factors = {
  fuel: FUELS.jetKerosene,
  ch4: 0.5,
  n2o: 2,
  chapter: CH3,
  table: 'Table 3.6.5 (default non-CO2 emission factors for aviation, Tier 1, all fuels)',
};

// kg/TJ → kg/MJ is a decimal shift by six places: done on the decimal text so that 3.8 kg/TJ gives the double
// nearest to 0.0000038 (binary division would give 0.0000037999999999999996).
const perMj = (kgPerTj: number): number => Number(`${kgPerTj}e-6`);

function emissions(f: NonCo2Factors, co2Table: string): StarterEmission[] {
  return [
    {
      flow: 'co2-fossil',
      amount: perMj(f.fuel.co2),
      derivation:
        `${CH1}, Table 1.4 (default CO2 emission factors for combustion), row ${f.fuel.ipccName}: ` +
        `${f.fuel.co2} kg CO2/TJ${co2Table}; ÷ 10^6 MJ/TJ = ${perMj(f.fuel.co2)} kg/MJ (net calorific basis).`,
    },
    {
      flow: 'ch4-fossil',
      amount: perMj(f.ch4),
      derivation: `${f.chapter}, ${f.table}: ${f.ch4} kg CH4/TJ; ÷ 10^6 MJ/TJ = ${perMj(f.ch4)} kg/MJ.`,
    },
    {
      flow: 'n2o',
      amount: perMj(f.n2o),
      derivation: `${f.chapter}, ${f.table}: ${f.n2o} kg N2O/TJ; ÷ 10^6 MJ/TJ = ${perMj(f.n2o)} kg/MJ.`,
    },
  ];
}

function massPerMj(fuel: IpccFuel) {
  return {
    unit: 'kg' as const,
    amount: 1 / fuel.ncv,
    derivation:
      `${CH1}, Table 1.2 (default net calorific values), row ${fuel.ipccName}: ${fuel.ncv} TJ/Gg = ${fuel.ncv} ` +
      `MJ/kg; 1 MJ = 1/${fuel.ncv} kg of fuel.`,
  };
}

const COMBUSTION_ONLY =
  'combustion only: direct emissions of burning the fuel (per MJ net calorific value); extraction, refining, ' +
  'transport of the fuel and the equipment are not included';

function stationary(f: NonCo2Factors): StarterDataset {
  const fuel = f.fuel;
  return {
    id: `fuel-${fuel.slug}-stationary-combustion-ipcc-2006`,
    name: `${capitalise(fuel.name)}, burned in stationary combustion (energy industries), IPCC 2006 default`,
    nameZh: `${fuel.nameZh}固定源燃烧(能源工业),IPCC 2006缺省值`,
    category: 'Energy/Fuels/Stationary combustion',
    product: {
      name: `${fuel.name}, burned in stationary combustion`,
      nameZh: `${fuel.nameZh}固定源燃烧`,
      unit: 'MJ',
      conversions: [massPerMj(fuel)],
    },
    geography: 'GLO',
    year: 2006,
    boundary: COMBUSTION_ONLY,
    emissions: emissions(f, ''),
    sourceId: IPCC_2006_V2,
    description:
      `IPCC Tier 1 default emissions of burning ${fuel.name} in stationary equipment of the energy industries ` +
      '(Table 2.2), per MJ of fuel on a net calorific basis; enter the fuel in kg and the net calorific value of ' +
      'Table 1.2 converts it. Defaults, not a measured plant: use your fuel analysis where you have one. ' +
      'Manufacturing industries (Table 2.3) have the same factors except CH4 from coals (10 kg/TJ).',
    tags: ['fuel-combustion', 'ipcc-default'],
  };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const roadDiesel: StarterDataset = {
  id: 'fuel-diesel-road-vehicles-ipcc-2006',
  name: 'Diesel (gas/diesel oil), burned in road vehicles, IPCC 2006 default',
  nameZh: '柴油道路车辆燃烧,IPCC 2006缺省值',
  category: 'Energy/Fuels/Mobile combustion',
  product: {
    name: 'diesel, burned in road vehicles',
    nameZh: '柴油道路车辆燃烧',
    unit: 'MJ',
    conversions: [massPerMj(FUELS.gasDieselOil)],
  },
  geography: 'GLO',
  year: 2006,
  boundary: `${COMBUSTION_ONLY} (tank-to-wheel)`,
  emissions: emissions(ROAD_DIESEL, ' (also Table 3.2.1, road transport CO2)'),
  sourceId: IPCC_2006_V2,
  description:
    'IPCC Tier 1 default emissions of burning diesel in road vehicles (Table 3.2.1 CO2, Table 3.2.2 CH4 and ' +
    'N2O), per MJ net calorific value; for own truck fleets measured in fuel. The biofuel share of a blend is ' +
    'not modelled (all carbon counted as fossil).',
  tags: ['fuel-combustion', 'ipcc-default'],
};

const roadGasoline: StarterDataset = {
  id: 'fuel-motor-gasoline-road-vehicles-ipcc-2006',
  name: 'Motor gasoline, burned in road vehicles (catalyst, 1995 or later), IPCC 2006 default',
  nameZh: '车用汽油道路车辆燃烧(1995年后带催化器轻型车),IPCC 2006缺省值',
  category: 'Energy/Fuels/Mobile combustion',
  product: {
    name: 'motor gasoline, burned in road vehicles',
    nameZh: '车用汽油道路车辆燃烧',
    unit: 'MJ',
    conversions: [massPerMj(FUELS.motorGasoline)],
  },
  geography: 'GLO',
  year: 2006,
  boundary: `${COMBUSTION_ONLY} (tank-to-wheel)`,
  emissions: emissions(ROAD_GASOLINE, ' (also Table 3.2.1, road transport CO2)'),
  sourceId: IPCC_2006_V2,
  description:
    'IPCC Tier 1 default emissions of burning motor gasoline in road vehicles per MJ net calorific value, with ' +
    'the CH4 and N2O factors of low-mileage light-duty vehicles of vintage 1995 or later (three-way catalyst); ' +
    'Table 3.2.2 gives higher CH4 for uncontrolled vehicles (33 kg/TJ) and oxidation catalysts (25 kg/TJ).',
  tags: ['fuel-combustion', 'ipcc-default'],
};

const aviationKerosene: StarterDataset = {
  id: 'fuel-jet-kerosene-aircraft-ipcc-2006',
  name: 'Jet kerosene, burned in aircraft, IPCC 2006 default',
  nameZh: '航空煤油飞机燃烧,IPCC 2006缺省值',
  category: 'Energy/Fuels/Mobile combustion',
  product: {
    name: 'jet kerosene, burned in aircraft',
    nameZh: '航空煤油飞机燃烧',
    unit: 'MJ',
    conversions: [massPerMj(FUELS.jetKerosene)],
  },
  geography: 'GLO',
  year: 2006,
  boundary: `${COMBUSTION_ONLY}; no radiative forcing of non-CO2 effects at altitude`,
  emissions: emissions(AVIATION_KEROSENE, ' (also Table 3.6.4, civil aviation CO2)'),
  sourceId: IPCC_2006_V2,
  description:
    'IPCC Tier 1 default emissions of burning jet kerosene in aircraft (Table 3.6.4 CO2, Table 3.6.5 CH4 and ' +
    'N2O), per MJ net calorific value, without radiative forcing (contrails, NOx at altitude are not greenhouse ' +
    'gas emissions in the IPCC inventory sense). Tagged as aircraft emissions for the ISO 14067 / PACT split.',
  tags: ['fuel-combustion', 'ipcc-default', 'cfp:aircraft'],
};

/**
 * The energy datasets: eight fuels burned in stationary combustion (energy industries), diesel and gasoline
 * in road vehicles and jet kerosene in aircraft, each per MJ net calorific value with a kg conversion.
 *
 * @example energyDatasets.find((d) => d.id === 'fuel-diesel-stationary-combustion-ipcc-2006')?.emissions[0].amount // 0.0741
 */
export const energyDatasets: StarterDataset[] = [
  ...STATIONARY.map(stationary),
  roadDiesel,
  roadGasoline,
  aviationKerosene,
];
