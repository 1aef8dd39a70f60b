// Electricity table of the starter background database: China's official electricity factors, generated from
// the records of ../china-electricity.ts (no number is typed here). Per area (national, the seven regional
// grids, 30 provinces) the latest year's MEE/NBS CO2 emission factor; for the national level also the factor
// excluding market-traded non-fossil electricity, and the latest electricity carbon-footprint (life-cycle)
// factors of the national average and of each generation type.

import {
  chinaElectricityFactors,
  type ChinaElectricityFactor,
  type ChinaFactorSource,
} from '../china-electricity.js';
import type { StarterDataset, StarterSource } from './starter-dataset.js';

/** ISO 3166-2:CN codes of the provinces, by their published Chinese names. */
const PROVINCE_CODES: Readonly<Record<string, string>> = {
  北京: 'CN-BJ',
  天津: 'CN-TJ',
  河北: 'CN-HE',
  山西: 'CN-SX',
  内蒙古: 'CN-NM',
  山东: 'CN-SD',
  辽宁: 'CN-LN',
  吉林: 'CN-JL',
  黑龙江: 'CN-HL',
  上海: 'CN-SH',
  江苏: 'CN-JS',
  浙江: 'CN-ZJ',
  安徽: 'CN-AH',
  福建: 'CN-FJ',
  江西: 'CN-JX',
  河南: 'CN-HA',
  湖北: 'CN-HB',
  湖南: 'CN-HN',
  广东: 'CN-GD',
  广西: 'CN-GX',
  海南: 'CN-HI',
  重庆: 'CN-CQ',
  四川: 'CN-SC',
  贵州: 'CN-GZ',
  云南: 'CN-YN',
  陕西: 'CN-SN',
  甘肃: 'CN-GS',
  青海: 'CN-QH',
  宁夏: 'CN-NX',
  新疆: 'CN-XJ',
};

/** The geography code of an area: 'CN', 'CN-华东' for a regional grid, the ISO 3166-2 code of a province. */
function geographyOf(f: ChinaElectricityFactor): string {
  if (f.level === 'national') return 'CN';
  if (f.level === 'regional') return `CN-${f.region}`;
  const code = PROVINCE_CODES[f.region];
  if (code === undefined) throw new Error(`no ISO 3166-2 code for province ${f.region}`);
  return code;
}

/**
 * Names of the China locations the electricity datasets use, by geography code ('CN-JS' → 'Jiangsu (江苏)').
 *
 * @example chinaLocationNames()['CN-华东'] // 'East China regional grid (华东)'
 */
export function chinaLocationNames(): Record<string, string> {
  const names: Record<string, string> = {};
  for (const f of chinaElectricityFactors) {
    const name =
      f.level === 'regional'
        ? `${f.regionEnglish} regional grid (${f.region})`
        : `${f.regionEnglish} (${f.region})`;
    names[geographyOf(f)] = name;
  }
  return names;
}

/**
 * Where the values were transcribed from, as a reader of a dataset's description can follow it: the repository's
 * own CSV is named by what it is (OpenCFP's table of the factors), not by its path inside the repository, which means
 * nothing outside it; the chain behind it (the CPCD export, its commit, the press reports) stays as it is.
 */
function readerProvenance(transcribedFrom: string): string {
  const text = transcribedFrom.replace(
    /^shared\/reference\/factors\/china-electricity\.csv\b/,
    "OpenCFP's table of China's published electricity factors",
  );
  if (/\bshared\//.test(text)) throw new Error(`a repository path in the provenance text: ${text}`);
  return text;
}

function sourceOf(s: ChinaFactorSource): StarterSource {
  return {
    id: s.id,
    title: s.document,
    issuer: s.issuer,
    year: Number(s.publicationDate.slice(0, 4)),
    version: `announcement dated ${s.publicationDate}; values transcribed from ${readerProvenance(s.transcribedFrom)}`,
    ...(s.url ? { url: s.url } : {}),
    licence: s.licence,
  };
}

/** The slug of an area, taken from the record id ('cn-co2-location-average-2023-east-china' → 'east-china'). */
function areaSlug(f: ChinaElectricityFactor): string {
  const prefix = `cn-co2-location-average-${f.year}-`;
  if (!f.id.startsWith(prefix)) throw new Error(`unexpected China electricity record id ${f.id}`);
  return f.id.slice(prefix.length);
}

const latest = (records: readonly ChinaElectricityFactor[]): ChinaElectricityFactor =>
  records.reduce((a, b) => (b.year > a.year ? b : a));

function derivation(f: ChinaElectricityFactor): string {
  return (
    `${f.value} ${f.unit}: ${f.source.document}, ${f.source.publicationDate}; area ${f.region} ` +
    `(${f.regionEnglish}), data year ${f.year}; OpenCFP record ${f.id} (table entry ` +
    `${f.csvCell.kind} / ${f.csvCell.row} / ${f.csvCell.column}). Per kWh, as published.`
  );
}

const CO2_ONLY =
  'CO2 only and operational: the official MEE/NBS emission factor counts the CO2 emitted in generating the ' +
  'electricity; it is NOT a life-cycle (carbon-footprint) value and excludes CH4, N2O, the fuel supply chain ' +
  'and infrastructure. For ISO 14067 / GB/T 24067 studies prefer a life-cycle factor (published for the ' +
  'national level only).';

const CATEGORY_BY_LEVEL = {
  national: 'Energy/Electricity/China',
  regional: 'Energy/Electricity/China/Regional grids',
  provincial: 'Energy/Electricity/China/Provinces',
} as const;

function co2Dataset(
  f: ChinaElectricityFactor,
  id: string,
  name: string,
  productName: string,
): StarterDataset {
  return {
    id,
    name,
    nameZh: f.nameChinese,
    category: CATEGORY_BY_LEVEL[f.level],
    product: { name: productName, nameZh: `电力(${f.region})`, unit: 'kWh' },
    geography: geographyOf(f),
    year: f.year,
    boundary:
      'operational CO2 of electricity generation, per kWh consumed in the area, as defined by the MEE/NBS ' +
      'announcement (not life-cycle)',
    emissions: [{ flow: 'co2-fossil', amount: f.value, derivation: derivation(f) }],
    sourceId: f.source.id,
    description: `${f.notes} ${CO2_ONLY}`,
    tags: ['electricity', 'china-official-factor'],
  };
}

function gridDatasets(): StarterDataset[] {
  const averages = chinaElectricityFactors.filter(
    (f) => f.basis.scope === 'operational' && f.basis.variant === 'location-average',
  );
  const byArea = new Map<string, ChinaElectricityFactor[]>();
  for (const f of averages) byArea.set(f.region, [...(byArea.get(f.region) ?? []), f]);
  return [...byArea.values()].map((records) => {
    const f = latest(records);
    const area = f.level === 'regional' ? `${f.regionEnglish} regional grid` : f.regionEnglish;
    return co2Dataset(
      f,
      `electricity-grid-cn-${areaSlug(f)}-co2-${f.year}`,
      `Electricity, grid average, ${area}, CO2 emission factor ${f.year}`,
      `electricity, grid average, ${area}`,
    );
  });
}

function nationalExcludingMarketNonFossil(): StarterDataset {
  const f = latest(
    chinaElectricityFactors.filter(
      (r) => r.basis.scope === 'operational' && r.basis.variant === 'excluding-market-traded-non-fossil',
    ),
  );
  return co2Dataset(
    f,
    `electricity-grid-cn-national-excluding-market-non-fossil-co2-${f.year}`,
    `Electricity, grid average excluding market-traded non-fossil electricity, China, CO2 emission factor ${f.year}`,
    'electricity, grid average excluding market-traded non-fossil electricity, China',
  );
}

const LIFE_CYCLE_GWP_BASIS = 'not stated in the source (as transcribed; the announcement text was not read)';

function lifeCycleDatasets(): StarterDataset[] {
  const records = chinaElectricityFactors.filter(
    (f) =>
      f.basis.scope === 'life-cycle' &&
      (f.basis.variant === 'location-average' || f.basis.variant === 'generation-type'),
  );
  const year = Math.max(...records.map((f) => f.year));
  return records
    .filter((f) => f.year === year)
    .map((f): StarterDataset => {
      const average = f.basis.variant === 'location-average';
      const type = f.name.replace(/ carbon footprint factor.*$/, '');
      const what = average ? 'national average' : `from ${type.charAt(0).toLowerCase()}${type.slice(1)}`;
      return {
        id: average
          ? `electricity-grid-cn-national-life-cycle-${f.year}`
          : `electricity-cn-${f.generationType}-life-cycle-${f.year}`,
        name: `Electricity, ${what}, China, carbon footprint (life-cycle) factor ${f.year}`,
        nameZh: f.nameChinese,
        category: average ? 'Energy/Electricity/China' : 'Energy/Electricity/China/Generation types',
        product: {
          name: `electricity, ${what}, China (life-cycle)`,
          nameZh: average
            ? '电力(全国平均,生命周期)'
            : `电力(${f.nameChinese.replace(/^\d+年|碳足迹因子$/g, '')})`,
          unit: 'kWh',
        },
        geography: 'CN',
        year: f.year,
        boundary: average
          ? 'life-cycle carbon footprint of the national average electricity per kWh, as calculated for the ' +
            'MEE/NBS/NEA announcement'
          : 'life-cycle carbon footprint per kWh generated by this generation type, as calculated for the ' +
            'MEE/NBS/NEA announcement',
        emissions: [{ flow: 'co2e-preaggregated', amount: f.value, derivation: derivation(f) }],
        sourceId: f.source.id,
        gwpBasis: LIFE_CYCLE_GWP_BASIS,
        description:
          `${f.notes} Official electricity carbon-footprint factor (all greenhouse gases, life-cycle), ` +
          'published as a CO2e total only.',
        tags: ['electricity', 'china-official-factor', 'life-cycle'],
      };
    });
}

function usedSources(datasets: readonly StarterDataset[]): StarterSource[] {
  const ids = new Set(datasets.map((d) => d.sourceId));
  const seen = new Map<string, StarterSource>();
  for (const f of chinaElectricityFactors)
    if (ids.has(f.source.id) && !seen.has(f.source.id)) seen.set(f.source.id, sourceOf(f.source));
  return [...seen.values()];
}

/**
 * The China electricity datasets (per kWh): the latest CO2 emission factor of the nation, the seven regional
 * grids and 30 provinces, the national factor excluding market-traded non-fossil electricity, and the latest
 * life-cycle carbon-footprint factors (national average and eight generation types).
 *
 * @example electricityDatasets.find((d) => d.id === 'electricity-grid-cn-jiangsu-co2-2023')?.emissions[0].amount // 0.5827
 */
export const electricityDatasets: StarterDataset[] = [
  ...gridDatasets(),
  nationalExcludingMarketNonFossil(),
  ...lifeCycleDatasets(),
];

/** The announcements the electricity datasets come from. */
export const electricitySources: StarterSource[] = usedSources(electricityDatasets);
