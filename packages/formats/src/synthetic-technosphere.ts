/**
 * Names, units and classes of the products, wastes, co-products and geographies of synthetic ecoinvent-like
 * databases (see `generateSyntheticDatabase`). Only data: the generator draws from these lists.
 */

/** An ISIC class (ecoinvent classifies activities by 'ISIC rev.4 ecoinvent') and what its activities make. */
export interface SyntheticSector {
  isic: string;
  /** Product name stems; a variant number makes each product unique. */
  products: readonly string[];
  /** Unit of the products ('kg' unless the sector says otherwise). */
  unit: string;
  /** Share of the non-hub activities in this sector. */
  weight: number;
}

export const SECTORS: readonly SyntheticSector[] = [
  {
    isic: '0111:Growing of cereals (except rice), leguminous crops and oil seeds',
    products: ['wheat grain', 'maize grain', 'barley grain', 'soybean', 'rape seed'],
    unit: 'kg',
    weight: 4,
  },
  {
    isic: '0141:Raising of cattle and buffaloes',
    products: ['cattle for slaughtering, live weight', 'cow milk'],
    unit: 'kg',
    weight: 2,
  },
  {
    isic: '0210:Silviculture and other forestry activities',
    products: ['roundwood, softwood', 'wood chips, wet'],
    unit: 'kg',
    weight: 2,
  },
  { isic: '0510:Mining of hard coal', products: ['hard coal', 'coal slurry'], unit: 'kg', weight: 1 },
  {
    isic: '0610:Extraction of crude petroleum',
    products: ['petroleum', 'crude oil, sweet'],
    unit: 'kg',
    weight: 1,
  },
  {
    isic: '0729:Mining of other non-ferrous metal ores',
    products: ['copper concentrate', 'zinc concentrate', 'nickel concentrate', 'bauxite'],
    unit: 'kg',
    weight: 2,
  },
  {
    isic: '0810:Quarrying of stone, sand and clay',
    products: ['gravel, crushed', 'sand', 'clay', 'limestone, crushed'],
    unit: 'kg',
    weight: 2,
  },
  {
    isic: '1050:Manufacture of dairy products',
    products: ['cheese, from cow milk', 'butter, from cow milk'],
    unit: 'kg',
    weight: 1,
  },
  {
    isic: '1079:Manufacture of other food products n.e.c.',
    products: ['sugar, from sugar beet', 'vegetable oil, refined', 'starch'],
    unit: 'kg',
    weight: 2,
  },
  {
    isic: '1610:Sawmilling and planing of wood',
    products: ['sawnwood, board, softwood, raw', 'sawnwood, beam, hardwood, dried'],
    unit: 'm3',
    weight: 2,
  },
  {
    isic: '1701:Manufacture of pulp, paper and paperboard',
    products: ['kraft paper', 'containerboard, linerboard', 'sulfate pulp'],
    unit: 'kg',
    weight: 3,
  },
  {
    isic: '1920:Manufacture of refined petroleum products',
    products: ['naphtha', 'kerosene', 'bitumen seal', 'petroleum coke'],
    unit: 'kg',
    weight: 3,
  },
  {
    isic: '2011:Manufacture of basic chemicals',
    products: [
      'chemical, organic',
      'chemical, inorganic',
      'ethylene',
      'propylene',
      'benzene',
      'methanol',
      'chlorine, gaseous',
      'hydrogen peroxide',
    ],
    unit: 'kg',
    weight: 12,
  },
  {
    isic: '2012:Manufacture of fertilizers and nitrogen compounds',
    products: ['ammonium nitrate', 'urea', 'potassium chloride', 'single superphosphate'],
    unit: 'kg',
    weight: 3,
  },
  {
    isic: '2013:Manufacture of plastics and synthetic rubber in primary forms',
    products: [
      'polyethylene, low density, granulate',
      'polypropylene, granulate',
      'polystyrene, general purpose',
      'synthetic rubber',
      'polyvinylchloride, bulk polymerised',
    ],
    unit: 'kg',
    weight: 6,
  },
  {
    isic: '2021:Manufacture of pesticides and other agrochemical products',
    products: ['pesticide, unspecified', 'glyphosate', 'atrazine'],
    unit: 'kg',
    weight: 2,
  },
  {
    isic: '2029:Manufacture of other chemical products n.e.c.',
    products: ['adhesive, for metal', 'alkyd paint, white', 'explosive, tovex'],
    unit: 'kg',
    weight: 3,
  },
  {
    isic: '2220:Manufacture of plastics products',
    products: ['extrusion, plastic film', 'injection moulding', 'polyurethane, flexible foam'],
    unit: 'kg',
    weight: 4,
  },
  {
    isic: '2310:Manufacture of glass and glass products',
    products: ['flat glass, coated', 'packaging glass, green', 'glass fibre'],
    unit: 'kg',
    weight: 2,
  },
  {
    isic: '2394:Manufacture of cement, lime and plaster',
    products: ['cement, Portland', 'clinker', 'quicklime, milled, packed'],
    unit: 'kg',
    weight: 3,
  },
  {
    isic: '2395:Manufacture of articles of concrete, cement and plaster',
    products: ['concrete, normal', 'concrete block'],
    unit: 'm3',
    weight: 2,
  },
  {
    isic: '2410:Manufacture of basic iron and steel',
    products: ['steel, low-alloyed', 'steel, chromium steel 18/8', 'pig iron', 'reinforcing steel'],
    unit: 'kg',
    weight: 4,
  },
  {
    isic: '2420:Manufacture of basic precious and other non-ferrous metals',
    products: ['aluminium, primary, ingot', 'copper, cathode', 'zinc', 'nickel, class 1', 'lead'],
    unit: 'kg',
    weight: 4,
  },
  {
    isic: '2592:Treatment and coating of metals; machining',
    products: [
      'metal working, average for steel product manufacturing',
      'zinc coat, pieces',
      'anodising, aluminium sheet',
    ],
    unit: 'kg',
    weight: 3,
  },
  {
    isic: '2610:Manufacture of electronic components and boards',
    products: [
      'printed wiring board, surface mounted',
      'integrated circuit, logic type',
      'capacitor, electrolyte type',
    ],
    unit: 'kg',
    weight: 3,
  },
  {
    isic: '2720:Manufacture of batteries and accumulators',
    products: ['battery cell, Li-ion', 'battery, NiMH, rechargeable'],
    unit: 'kg',
    weight: 1,
  },
  {
    isic: '2811:Manufacture of engines and turbines',
    products: ['internal combustion engine, for passenger car', 'wind turbine nacelle'],
    unit: 'kg',
    weight: 2,
  },
  {
    isic: '2910:Manufacture of motor vehicles',
    products: ['passenger car, electric', 'lorry, 16 metric ton'],
    unit: 'kg',
    weight: 2,
  },
  {
    isic: '3510:Electric power generation, transmission and distribution',
    products: ['electricity, high voltage', 'electricity, medium voltage', 'electricity, low voltage'],
    unit: 'kWh',
    weight: 6,
  },
  {
    isic: '3520:Manufacture of gas; distribution of gaseous fuels through mains',
    products: ['natural gas, low pressure', 'biogas'],
    unit: 'm3',
    weight: 2,
  },
  {
    isic: '3530:Steam and air conditioning supply',
    products: [
      'heat, district or industrial, natural gas',
      'heat, district or industrial, other than natural gas',
      'heat, central or small-scale, other than natural gas',
    ],
    unit: 'MJ',
    weight: 4,
  },
  {
    isic: '3600:Water collection, treatment and supply',
    products: ['tap water', 'water, deionised', 'water, decarbonised'],
    unit: 'kg',
    weight: 2,
  },
  {
    isic: '4100:Construction of buildings',
    products: ['building, multi-storey', 'building, hall, steel construction'],
    unit: 'm2',
    weight: 2,
  },
  {
    isic: '4220:Construction of utility projects',
    products: ['pipeline, natural gas, long distance', 'electricity grid connection'],
    unit: 'kg',
    weight: 1,
  },
  {
    isic: '4923:Freight transport by road',
    products: [
      'transport, freight, lorry 16-32 metric ton',
      'transport, freight, lorry 3.5-7.5 metric ton',
      'transport, freight, light commercial vehicle',
    ],
    unit: 'tkm',
    weight: 3,
  },
  { isic: '4912:Freight rail transport', products: ['transport, freight train'], unit: 'tkm', weight: 1 },
  {
    isic: '5012:Sea and coastal freight water transport',
    products: [
      'transport, freight, sea, container ship',
      'transport, freight, sea, tanker for liquid bulk goods',
    ],
    unit: 'tkm',
    weight: 1,
  },
  {
    isic: '5120:Freight air transport',
    products: ['transport, freight, aircraft, long haul'],
    unit: 'tkm',
    weight: 1,
  },
];

/**
 * The hubs: markets that feed most activities (ecoinvent's electricity, transport, heat and fuel markets).
 * Hub r of the technosphere (in order of popularity) makes `HUBS[r % HUBS.length]` in the r / HUBS.length-th
 * geography of `GEOGRAPHIES`, so the biggest hubs are the global markets of the most used products and the same
 * product is made by several hubs in different geographies.
 */
export const HUBS: readonly { product: string; unit: string; isic: string }[] = [
  {
    product: 'electricity, medium voltage',
    unit: 'kWh',
    isic: '3510:Electric power generation, transmission and distribution',
  },
  { product: 'transport, freight, lorry, unspecified', unit: 'tkm', isic: '4923:Freight transport by road' },
  {
    product: 'heat, district or industrial, natural gas',
    unit: 'MJ',
    isic: '3530:Steam and air conditioning supply',
  },
  {
    product: 'electricity, low voltage',
    unit: 'kWh',
    isic: '3510:Electric power generation, transmission and distribution',
  },
  { product: 'transport, freight train', unit: 'tkm', isic: '4912:Freight rail transport' },
  { product: 'tap water', unit: 'kg', isic: '3600:Water collection, treatment and supply' },
  {
    product: 'natural gas, high pressure',
    unit: 'm3',
    isic: '3520:Manufacture of gas; distribution of gaseous fuels through mains',
  },
  { product: 'diesel, low-sulfur', unit: 'kg', isic: '1920:Manufacture of refined petroleum products' },
  {
    product: 'electricity, high voltage',
    unit: 'kWh',
    isic: '3510:Electric power generation, transmission and distribution',
  },
  {
    product: 'transport, freight, sea, container ship',
    unit: 'tkm',
    isic: '5012:Sea and coastal freight water transport',
  },
  {
    product: 'heat, district or industrial, other than natural gas',
    unit: 'MJ',
    isic: '3530:Steam and air conditioning supply',
  },
  { product: 'steam, in chemical industry', unit: 'kg', isic: '3530:Steam and air conditioning supply' },
  { product: 'lubricating oil', unit: 'kg', isic: '1920:Manufacture of refined petroleum products' },
  { product: 'light fuel oil', unit: 'kg', isic: '1920:Manufacture of refined petroleum products' },
  { product: 'heavy fuel oil', unit: 'kg', isic: '1920:Manufacture of refined petroleum products' },
  { product: 'hard coal', unit: 'kg', isic: '0510:Mining of hard coal' },
  { product: 'water, deionised', unit: 'kg', isic: '3600:Water collection, treatment and supply' },
  { product: 'cement, Portland', unit: 'kg', isic: '2394:Manufacture of cement, lime and plaster' },
  { product: 'steel, low-alloyed', unit: 'kg', isic: '2410:Manufacture of basic iron and steel' },
  {
    product: 'aluminium, primary, ingot',
    unit: 'kg',
    isic: '2420:Manufacture of basic precious and other non-ferrous metals',
  },
  {
    product: 'polyethylene, high density, granulate',
    unit: 'kg',
    isic: '2013:Manufacture of plastics and synthetic rubber in primary forms',
  },
  { product: 'sulfuric acid', unit: 'kg', isic: '2011:Manufacture of basic chemicals' },
  {
    product: 'sodium hydroxide, without water, in 50% solution state',
    unit: 'kg',
    isic: '2011:Manufacture of basic chemicals',
  },
  { product: 'corrugated board box', unit: 'kg', isic: '1701:Manufacture of pulp, paper and paperboard' },
  { product: 'sand', unit: 'kg', isic: '0810:Quarrying of stone, sand and clay' },
  { product: 'transport, freight, aircraft, unspecified', unit: 'tkm', isic: '5120:Freight air transport' },
  {
    product: 'nitrogen fertiliser, as N',
    unit: 'kg',
    isic: '2012:Manufacture of fertilizers and nitrogen compounds',
  },
  { product: 'chemical, organic', unit: 'kg', isic: '2011:Manufacture of basic chemicals' },
];

/** Wastes and how they are treated; treatment activities take one unit of the waste as their reference. */
export const WASTES: readonly { waste: string; unit: string; treatment: string }[] = [
  { waste: 'municipal solid waste', unit: 'kg', treatment: 'municipal incineration' },
  { waste: 'waste plastic, mixture', unit: 'kg', treatment: 'municipal incineration' },
  { waste: 'inert waste, for final disposal', unit: 'kg', treatment: 'inert material landfill' },
  { waste: 'hazardous waste, for incineration', unit: 'kg', treatment: 'hazardous waste incineration' },
  { waste: 'spent solvent mixture', unit: 'kg', treatment: 'hazardous waste incineration' },
  { waste: 'wastewater, average', unit: 'm3', treatment: 'wastewater treatment' },
  { waste: 'wastewater from chemical production', unit: 'm3', treatment: 'wastewater treatment' },
  { waste: 'scrap steel', unit: 'kg', treatment: 'inert material landfill' },
  { waste: 'waste mineral oil', unit: 'kg', treatment: 'hazardous waste incineration' },
  { waste: 'sludge from pulp and paper production', unit: 'kg', treatment: 'sanitary landfill' },
];

export const WASTE_ISIC = '3821:Treatment and disposal of non-hazardous waste';

/** Co-products of multi-output activities. */
export const CO_PRODUCTS: readonly { name: string; unit: string }[] = [
  { name: 'slag', unit: 'kg' },
  { name: 'sulfur', unit: 'kg' },
  { name: 'hydrogen, gaseous', unit: 'kg' },
  { name: 'heat, from co-generation', unit: 'MJ' },
  { name: 'electricity, from co-generation', unit: 'kWh' },
  { name: 'molasses', unit: 'kg' },
  { name: 'straw', unit: 'kg' },
  { name: 'bran', unit: 'kg' },
  { name: 'sodium sulfate, anhydrite', unit: 'kg' },
  { name: 'hydrochloric acid, without water, in 30% solution state', unit: 'kg' },
];

/** Geographies: [shortname, name, weight among non-hub activities]; the first ones take the hubs. */
export const GEOGRAPHIES: readonly (readonly [string, string, number])[] = [
  ['GLO', 'Global', 12],
  ['RER', 'Europe', 10],
  ['RoW', 'Rest-of-World', 15],
  ['CN', 'China', 9],
  ['US', 'United States', 7],
  ['DE', 'Germany', 5],
  ['CH', 'Switzerland', 5],
  ['IN', 'India', 5],
  ['BR', 'Brazil', 3],
  ['JP', 'Japan', 3],
  ['FR', 'France', 3],
  ['CA-QC', 'Quebec', 2],
  ['RU', 'Russian Federation', 2],
  ['ZA', 'South Africa', 2],
  ['AU', 'Australia', 2],
  ['IT', 'Italy', 2],
  ['ES', 'Spain', 2],
  ['GB', 'United Kingdom', 2],
  ['KR', 'Korea, Republic of', 2],
  ['MX', 'Mexico', 2],
  ['RNA', 'North America', 2],
  ['RAS', 'Asia', 2],
  ['RLA', 'Latin America and the Caribbean', 1],
  ['RAF', 'Africa', 1],
];

/** Pieces of the general comments, so datasets carry text of the length ecoinvent's have. */
export const COMMENT_PARTS: readonly string[] = [
  'This dataset represents the production of {p} in {g}.',
  'The inventory is based on industry data for the reference year and literature for the emissions.',
  'Energy and auxiliary inputs are modelled from the average of the plants in the region.',
  'Transport of the raw materials to the plant is included with standard distances.',
  'Infrastructure is included as the share of the plant per unit of output.',
  'Emissions to air are from measurements reported by the operators; missing substances are estimated.',
  'Water use and wastewater are derived from the mass balance of the process.',
  'The activity starts with the reception of the raw materials at the factory gate.',
  'The activity ends with the product ready for shipment at the factory gate.',
];
