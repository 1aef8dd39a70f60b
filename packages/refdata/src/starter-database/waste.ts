// Waste table of the starter background database: end-of-life treatment per kg of waste. Landfill,
// energy-from-waste and recycling from the UK Government's conversion factors 2025 (DESNZ/Defra, sheet "Waste
// disposal", kg CO2e per tonne, Open Government Licence v3.0; only arithmetic: ÷ 1000 kg/t), and the fossil
// CO2 of burning plastic waste from the IPCC 2006 Guidelines, Volume 5 defaults (arithmetic in the derivation).
//
// Mind the DESNZ boundaries: its energy-from-waste and recycling factors cover collection and transport only
// (the combustion is attributed to the energy recovered, reprocessing to the recycled material), so the fossil
// CO2 of incinerating plastics is in the IPCC dataset, not in the DESNZ one.

import { DESNZ_2025_SOURCE, DESNZ_GWP_BASIS } from './transport.js';
import type { StarterDataset, StarterSource } from './starter-dataset.js';

const IPCC_2006_V5 = 'ipcc-2006-v5';

/** The public sources of the waste datasets. */
export const wasteSources: StarterSource[] = [
  DESNZ_2025_SOURCE,
  {
    id: IPCC_2006_V5,
    title: '2006 IPCC Guidelines for National Greenhouse Gas Inventories, Volume 5: Waste',
    issuer:
      'Intergovernmental Panel on Climate Change (IPCC), National Greenhouse Gas Inventories Programme ' +
      '(eds. Eggleston H.S., Buendia L., Miwa K., Ngara T., Tanabe K.), published by IGES, Japan',
    year: 2006,
    version:
      'Chapter 2 (Waste Generation, Composition and Management Data), Chapter 5 (Incineration and Open Burning)',
    url: 'https://www.ipcc-nggip.iges.or.jp/public/2006gl/vol5.html',
    licence:
      'IPCC default values: facts used with citation of the Guidelines (the text itself is © IPCC; no text is ' +
      'reproduced here)',
  },
];

type Treatment = 'landfill' | 'energy-from-waste' | 'closed-loop-recycling' | 'open-loop-recycling';

/** One published cell of the "Waste disposal" sheet: kg CO2e per tonne of waste. */
interface WasteCell {
  /** Slug of the waste type. */
  slug: string;
  /** Level 2 / Level 3 of the row, as published. */
  row: string;
  waste: string;
  wasteZh: string;
  treatment: Treatment;
  kgCo2ePerTonne: number;
}

const TREATMENTS: Readonly<
  Record<Treatment, { column: string; name: string; nameZh: string; category: string; boundary: string }>
> = {
  landfill: {
    column: 'Landfill',
    name: 'landfill',
    nameZh: '填埋',
    category: 'Waste treatment/Landfill',
    boundary:
      'collection and transport to the landfill and the landfill emissions as DESNZ models them (methane from ' +
      'the degradable carbon of the waste, with UK landfill-gas capture; none for inert or plastic waste); ' +
      'biogenic CO2 not counted',
  },
  'energy-from-waste': {
    column: 'Incineration with Energy Recovery',
    name: 'incineration with energy recovery',
    nameZh: '焚烧(能量回收)',
    category: 'Waste treatment/Incineration',
    boundary:
      'collection and transport to the energy-from-waste plant ONLY: DESNZ attributes the emissions of burning ' +
      'the waste to the energy recovered, so the fossil CO2 of the combustion is not included',
  },
  'closed-loop-recycling': {
    column: 'Closed-loop',
    name: 'recycling (closed loop)',
    nameZh: '回收利用(闭环)',
    category: 'Waste treatment/Recycling',
    boundary:
      'collection and transport to the reprocessing facility only (cut-off: reprocessing belongs to the ' +
      'recycled material; no credit for avoided virgin material)',
  },
  'open-loop-recycling': {
    column: 'Open-loop',
    name: 'recycling (open loop)',
    nameZh: '回收利用(开环)',
    category: 'Waste treatment/Recycling',
    boundary:
      'collection and transport to the reprocessing facility only (cut-off: reprocessing belongs to the ' +
      'recycled material; no credit for avoided virgin material)',
  },
};

// Sheet "Waste disposal" of the DESNZ/Defra conversion factors 2025, kg CO2e per tonne, as published.
const CELLS: readonly WasteCell[] = [
  {
    slug: 'plastics-average',
    row: '"Plastic" / "Plastics: average plastics"',
    waste: 'plastic waste (average plastics)',
    wasteZh: '塑料废物(平均)',
    treatment: 'landfill',
    kgCo2ePerTonne: 8.98311,
  },
  {
    slug: 'plastics-average',
    row: '"Plastic" / "Plastics: average plastics"',
    waste: 'plastic waste (average plastics)',
    wasteZh: '塑料废物(平均)',
    treatment: 'energy-from-waste',
    kgCo2ePerTonne: 4.68568,
  },
  {
    slug: 'plastics-average',
    row: '"Plastic" / "Plastics: average plastics"',
    waste: 'plastic waste (average plastics)',
    wasteZh: '塑料废物(平均)',
    treatment: 'closed-loop-recycling',
    kgCo2ePerTonne: 4.68568,
  },
  {
    slug: 'paper-and-board-mixed',
    row: '"Paper" / "Paper and board: mixed"',
    waste: 'paper and board waste (mixed)',
    wasteZh: '纸和纸板废物(混合)',
    treatment: 'landfill',
    kgCo2ePerTonne: 1164.4894,
  },
  {
    slug: 'paper-and-board-mixed',
    row: '"Paper" / "Paper and board: mixed"',
    waste: 'paper and board waste (mixed)',
    wasteZh: '纸和纸板废物(混合)',
    treatment: 'energy-from-waste',
    kgCo2ePerTonne: 4.68568,
  },
  {
    slug: 'paper-and-board-mixed',
    row: '"Paper" / "Paper and board: mixed"',
    waste: 'paper and board waste (mixed)',
    wasteZh: '纸和纸板废物(混合)',
    treatment: 'closed-loop-recycling',
    kgCo2ePerTonne: 4.68568,
  },
  {
    slug: 'scrap-metal',
    row: '"Metal" / "Metal: scrap metal"',
    waste: 'scrap metal',
    wasteZh: '废金属',
    treatment: 'landfill',
    kgCo2ePerTonne: 8.98311,
  },
  {
    slug: 'scrap-metal',
    row: '"Metal" / "Metal: scrap metal"',
    waste: 'scrap metal',
    wasteZh: '废金属',
    treatment: 'closed-loop-recycling',
    kgCo2ePerTonne: 4.68568,
  },
  {
    slug: 'glass',
    row: '"Other" / "Glass"',
    waste: 'glass waste',
    wasteZh: '废玻璃',
    treatment: 'landfill',
    kgCo2ePerTonne: 8.98311,
  },
  {
    slug: 'glass',
    row: '"Other" / "Glass"',
    waste: 'glass waste',
    wasteZh: '废玻璃',
    treatment: 'closed-loop-recycling',
    kgCo2ePerTonne: 4.68568,
  },
  {
    slug: 'wood',
    row: '"Construction" / "Wood"',
    waste: 'wood waste',
    wasteZh: '废木材',
    treatment: 'landfill',
    kgCo2ePerTonne: 925.34348,
  },
  {
    slug: 'wood',
    row: '"Construction" / "Wood"',
    waste: 'wood waste',
    wasteZh: '废木材',
    treatment: 'energy-from-waste',
    kgCo2ePerTonne: 4.68568,
  },
  {
    slug: 'commercial-and-industrial',
    row: '"Refuse" / "Commercial and industrial waste"',
    waste: 'commercial and industrial waste',
    wasteZh: '商业和工业废物',
    treatment: 'landfill',
    kgCo2ePerTonne: 520.5327,
  },
  {
    slug: 'commercial-and-industrial',
    row: '"Refuse" / "Commercial and industrial waste"',
    waste: 'commercial and industrial waste',
    wasteZh: '商业和工业废物',
    treatment: 'energy-from-waste',
    kgCo2ePerTonne: 4.68568,
  },
  {
    slug: 'food-and-drink',
    row: '"Refuse" / "Organic: food and drink waste"',
    waste: 'food and drink waste',
    wasteZh: '食品和饮料废物',
    treatment: 'landfill',
    kgCo2ePerTonne: 700.30886,
  },
  {
    slug: 'weee-mixed',
    row: '"Electrical items" / "WEEE - mixed"',
    waste: 'waste electrical and electronic equipment (mixed WEEE)',
    wasteZh: '废弃电器电子产品(混合)',
    treatment: 'landfill',
    kgCo2ePerTonne: 8.98311,
  },
  {
    slug: 'weee-mixed',
    row: '"Electrical items" / "WEEE - mixed"',
    waste: 'waste electrical and electronic equipment (mixed WEEE)',
    wasteZh: '废弃电器电子产品(混合)',
    treatment: 'open-loop-recycling',
    kgCo2ePerTonne: 4.68568,
  },
];

// kg per tonne → kg per kg is a decimal shift by three places, done on the decimal text so that the result is
// the double nearest to the published decimal ÷ 1000 (binary division leaves rounding noise in the last digit).
const perKg = (perTonne: number): number => Number(`${perTonne}e-3`);

function desnzDataset(c: WasteCell): StarterDataset {
  const t = TREATMENTS[c.treatment];
  const amount = perKg(c.kgCo2ePerTonne);
  return {
    id: `waste-${c.slug}-${c.treatment}-gb-2025`,
    name: `Waste treatment, ${c.waste}, ${t.name}`,
    nameZh: `废物处理,${c.wasteZh},${t.nameZh}`,
    category: t.category,
    product: {
      name: `${c.waste}, to ${t.name}`,
      nameZh: `${c.wasteZh}(${t.nameZh})`,
      unit: 'kg',
      kind: 'waste',
    },
    geography: 'GB',
    year: 2025,
    boundary: t.boundary,
    emissions: [
      {
        flow: 'co2e-preaggregated',
        amount,
        derivation:
          `${DESNZ_2025_SOURCE.title}, sheet "Waste disposal", row ${c.row}, column "${t.column}", unit tonnes: ` +
          `${c.kgCo2ePerTonne} kg CO2e per tonne; ÷ 1000 kg/t = ${amount} kg CO2e per kg.`,
      },
    ],
    sourceId: DESNZ_2025_SOURCE.id,
    gwpBasis: DESNZ_GWP_BASIS,
    description:
      `Treatment of 1 kg of ${c.waste} by ${t.name} in the UK (DESNZ conversion factors for reporting year 2025; ` +
      'published as a CO2e total only). UK waste management: a starter proxy for China until a licensed or ' +
      'Chinese dataset is used.',
    tags: ['waste-treatment'],
  };
}

// Vol. 5 defaults for plastics: Ch. 2 Table 2.4 (dry matter 100 % of wet weight, total carbon content 75 % of
// dry weight, fossil carbon fraction 100 %) and Ch. 5 Table 5.2 (oxidation factor of MSW incineration 100 %).
const PLASTICS = { dryMatter: 1.0, carbonContent: 0.75, fossilCarbonFraction: 1.0, oxidationFactor: 1.0 };
// Multiplied before dividing by 12 so that 0.75 × 44 / 12 is exactly 2.75 in binary floating point.
const plasticsIncinerationCo2 =
  (PLASTICS.dryMatter *
    PLASTICS.carbonContent *
    PLASTICS.fossilCarbonFraction *
    PLASTICS.oxidationFactor *
    44) /
  12;

const plasticsIncineration: StarterDataset = {
  id: 'waste-plastics-incineration-fossil-co2-ipcc-2006',
  name: 'Waste treatment, plastic waste, incineration, fossil CO2 of combustion (IPCC 2006 default)',
  nameZh: '废物处理,塑料废物,焚烧,燃烧化石CO2(IPCC 2006缺省值)',
  category: 'Waste treatment/Incineration',
  product: {
    name: 'plastic waste, to incineration (combustion CO2)',
    nameZh: '塑料废物(焚烧,燃烧CO2)',
    unit: 'kg',
    kind: 'waste',
  },
  geography: 'GLO',
  year: 2006,
  boundary:
    'fossil CO2 from burning plastic waste only (IPCC Equation 5.1); CH4 and N2O of the incinerator, collection ' +
    'and transport, and any credit for recovered energy are not included',
  emissions: [
    {
      flow: 'co2-fossil',
      amount: plasticsIncinerationCo2,
      derivation:
        'IPCC 2006 Vol. 5 Ch. 5 (https://www.ipcc-nggip.iges.or.jp/public/2006gl/pdf/5_Volume5/V5_5_Ch5_IOB.pdf), ' +
        'Equation 5.1: CO2 = SW × dm × CF × FCF × OF × 44/12, with the defaults for plastics of Vol. 5 Ch. 2 ' +
        `Table 2.4 (dry matter content ${PLASTICS.dryMatter * 100} %, total carbon content ` +
        `${PLASTICS.carbonContent * 100} % of dry weight, fossil carbon fraction ${PLASTICS.fossilCarbonFraction * 100} %) ` +
        `and Ch. 5 Table 5.2 (oxidation factor ${PLASTICS.oxidationFactor * 100} % for MSW incineration): ` +
        `1 kg × 1.00 × 0.75 × 1.00 × 1.00 × 44/12 = ${plasticsIncinerationCo2} kg CO2 per kg of plastic waste.`,
    },
  ],
  sourceId: IPCC_2006_V5,
  description:
    'The fossil CO2 released when 1 kg of plastic waste is incinerated, from IPCC default composition data for ' +
    'plastics in municipal solid waste. Use it together with (not instead of) a transport or energy-from-waste ' +
    'dataset; the DESNZ energy-from-waste factor leaves this CO2 out.',
  tags: ['waste-treatment', 'ipcc-default'],
};

/**
 * The waste-treatment datasets, per kg of waste: DESNZ landfill, energy-from-waste and recycling of plastics,
 * paper and board, scrap metal, glass, wood, commercial and industrial waste, food waste and WEEE, and the
 * IPCC fossil CO2 of incinerating plastic waste.
 *
 * @example wasteDatasets.find((d) => d.id === 'waste-plastics-incineration-fossil-co2-ipcc-2006')?.emissions[0].amount // 2.75
 */
export const wasteDatasets: StarterDataset[] = [...CELLS.map(desnzDataset), plasticsIncineration];
