// China's official electricity factors: the MEE/NBS electricity CO2 emission factors (data years 2021–2023:
// national, the seven regional grids and 30 provinces) and the MEE/NBS/NEA electricity carbon-footprint
// (life-cycle) factors (data years 2023 and 2024: national average, eight generation types, transmission and
// distribution). Transcribed from ../shared/reference/factors/china-electricity.csv (itself transcribed from the
// CPCD export in github.com/leo21468/CarbonCalculator data/core.csv, commit bebed06, and cross-checked against
// press reports) and tested cell by cell against it. The tables below keep the CSV's layout so that a reviewer
// can compare them by eye; `chinaElectricityFactors` expands them into one record per value.
import { RefdataError } from './errors.js';

/** Level of the area a factor is published for. */
export type ChinaGridLevel = 'national' | 'regional' | 'provincial';

/** The seven regional grids of the MEE/NBS announcements, as published. */
export type ChinaRegionalGrid = '华北' | '东北' | '华东' | '华中' | '西北' | '南方' | '西南';

/** Generation types of the carbon-footprint announcements. */
export type GenerationType =
  'coal' | 'gas' | 'hydro' | 'nuclear' | 'wind' | 'solar-pv' | 'solar-thermal' | 'biomass';

/** Every generation type, in the order of the announcements. */
export const GENERATION_TYPES: readonly GenerationType[] = Object.freeze([
  'coal',
  'gas',
  'hydro',
  'nuclear',
  'wind',
  'solar-pv',
  'solar-thermal',
  'biomass',
]);

/**
 * What a value stands for:
 * - `location-average`: average of all electricity of the area (CO2 factors: consumption in the area, inflows from
 *   other areas included as the announcements describe; life-cycle: the national average electricity).
 * - `excluding-market-traded-non-fossil`: the national average after removing non-fossil electricity sold through
 *   market transactions (e.g. green-electricity trading), i.e. what is left for buyers without such a claim.
 * - `fossil-only`: the national average of fossil-fuel electricity only.
 * - `generation-type`: the life-cycle factor of one generation type (per kWh generated).
 * - `transmission-distribution`: the life-cycle factor of transmission and distribution (per kWh), without or
 *   with line losses (`lineLosses`).
 */
export type ChinaFactorVariant =
  | 'location-average'
  | 'excluding-market-traded-non-fossil'
  | 'fossil-only'
  | 'generation-type'
  | 'transmission-distribution';

/** Which gases and which part of the life cycle a value covers. */
export interface ChinaFactorBasis {
  /** 'CO2': carbon dioxide only (the emission factors); 'CO2e': all greenhouse gases (the carbon footprint). */
  gas: 'CO2' | 'CO2e';
  /** 'operational': CO2 emitted when the electricity is generated; 'life-cycle': the carbon footprint. */
  scope: 'operational' | 'life-cycle';
  variant: ChinaFactorVariant;
}

/** The announcement a value was published in. */
export interface ChinaFactorSource {
  /** Stable slug of the document. */
  id: string;
  issuer: string;
  /** Title as published, with its number where it has one. */
  document: string;
  /** Date of the announcement (YYYY-MM-DD). */
  publicationDate: string;
  /** Address of the document, where we have one. */
  url?: string;
  licence: string;
  /** How the values reached this repository. */
  transcribedFrom: string;
}

/** One published value. */
export interface ChinaElectricityFactor {
  /** Stable id, e.g. 'cn-co2-location-average-2023-jiangsu', 'cn-life-cycle-coal-2024'. */
  id: string;
  /** The area as published ('全国', '华东', '江苏'). */
  region: string;
  /** The area in English ('China', 'East China', 'Jiangsu'). */
  regionEnglish: string;
  level: ChinaGridLevel;
  /**
   * For a province: the regional grid(s) it belongs to. Inner Mongolia is split (west: 华北, east: 东北). Not
   * cited: see CHINA_REGIONAL_GRID_MEMBERSHIP_NOTE.
   */
  regionalGrids?: readonly ChinaRegionalGrid[];
  /** The year the data describe (not the publication year). */
  year: number;
  value: number;
  unit: 'kg CO2/kWh' | 'kg CO2e/kWh';
  basis: ChinaFactorBasis;
  /** For `generation-type` values. */
  generationType?: GenerationType;
  /** For `transmission-distribution` values: whether the emissions of the electricity lost in the lines are in. */
  lineLosses?: 'excluded' | 'included';
  /** Descriptive names (composed from the published table and row labels). */
  name: string;
  nameChinese: string;
  /** What the value means, in words, and anything a user must know before using it. */
  notes: string;
  source: ChinaFactorSource;
  /** The cell of the shared CSV this value was transcribed from (kind, region/row label, year column). */
  csvCell: { kind: string; row: string; column: string };
}

/** A published cell that is empty: the value does not exist and must not be filled in. */
export interface ChinaFactorGap {
  csvCell: { kind: string; row: string; column: string };
  description: string;
}

/** Why the grid membership of the provinces is not cited. */
export const CHINA_REGIONAL_GRID_MEMBERSHIP_NOTE =
  'Not cited. The MEE/NBS announcements publish one factor per regional grid, and their calculation notes ' +
  '(attachment 2 of the 2021 announcement) define the grids, but we could not retrieve that definition for ' +
  'citation. The membership recorded here follows the usual division of the State Grid regional grids and the ' +
  'China Southern Power Grid (华北: 北京 天津 河北 山西 山东 and western Inner Mongolia; 东北: 辽宁 吉林 黑龙江 ' +
  'and eastern Inner Mongolia; 华东: 上海 江苏 浙江 安徽 福建; 华中: 河南 湖北 湖南 江西; 西北: 陕西 甘肃 青海 ' +
  '宁夏 新疆; 南方: 广东 广西 云南 贵州 海南; 西南: 四川 重庆 (and 西藏, which has no provincial factor)). ' +
  'Check it against the announcement before relying on it; no value depends on it.';

const LICENCE =
  'Official announcement of Chinese government departments, published for public use in carbon accounting; ' +
  'official documents of state organs are not subject to copyright (Copyright Law of the PRC, Article 5). ' +
  'The values are facts, used with citation of the announcement.';

const TRANSCRIBED =
  'shared/reference/factors/china-electricity.csv, transcribed from the CPCD export in ' +
  'github.com/leo21468/CarbonCalculator data/core.csv (commit bebed06), cross-checked against press reports';

const MEE_NBS =
  '生态环境部 (Ministry of Ecology and Environment), 国家统计局 (National Bureau of Statistics)';
const MEE_NBS_NEA = `${MEE_NBS}, 国家能源局 (National Energy Administration)`;

/** The announcements, by data year. */
export const CHINA_ELECTRICITY_SOURCES: Readonly<Record<string, ChinaFactorSource>> = Object.freeze({
  'mee-nbs-co2-2021': {
    id: 'mee-nbs-co2-2021',
    issuer: MEE_NBS,
    document:
      '关于发布2021年电力二氧化碳排放因子的公告 (公告2024年第12号), 附件1《2021年电力二氧化碳排放因子》 ' +
      '(Announcement on the 2021 electricity CO2 emission factors, No. 12 of 2024)',
    publicationDate: '2024-04-12',
    licence: LICENCE,
    transcribedFrom: TRANSCRIBED,
  },
  'mee-nbs-co2-2022': {
    id: 'mee-nbs-co2-2022',
    issuer: MEE_NBS,
    document:
      '关于发布2022年电力二氧化碳排放因子的公告 (Announcement on the 2022 electricity CO2 emission factors; ' +
      'same method and data sources as the 2021 factors)',
    publicationDate: '2024-12-20',
    licence: LICENCE,
    transcribedFrom: TRANSCRIBED,
  },
  'mee-nbs-co2-2023': {
    id: 'mee-nbs-co2-2023',
    issuer: MEE_NBS,
    document:
      '关于发布2023年电力二氧化碳排放因子的公告 (Announcement on the 2023 electricity CO2 emission factors)',
    publicationDate: '2025-12-31',
    url: 'https://www.mee.gov.cn/xxgk2018/xxgk/xxgk01/202512/W020251231726284332528.pdf',
    licence: LICENCE,
    transcribedFrom: TRANSCRIBED,
  },
  'mee-nbs-nea-cfp-2023': {
    id: 'mee-nbs-nea-cfp-2023',
    issuer: MEE_NBS_NEA,
    document:
      '关于发布2023年电力碳足迹因子数据的公告 (2025年第3号) (Announcement on the 2023 electricity ' +
      'carbon-footprint factors, No. 3 of 2025; calculated with the China Electricity Council)',
    publicationDate: '2025-01-17',
    licence: LICENCE,
    transcribedFrom: TRANSCRIBED,
  },
  'mee-nbs-nea-cfp-2024': {
    id: 'mee-nbs-nea-cfp-2024',
    issuer: MEE_NBS_NEA,
    document:
      '生态环境部 国家统计局 国家能源局公告 (2025年9月28日): 2024年电力碳足迹因子 (Announcement on the 2024 ' +
      'electricity carbon-footprint factors, dated 2025-09-28, issued 2025-10-23; same method and data sources ' +
      'as the 2023 factors of announcement No. 3 of 2025)',
    publicationDate: '2025-09-28',
    licence: LICENCE,
    transcribedFrom: TRANSCRIBED,
  },
});

const CO2_SOURCE_BY_YEAR: Readonly<Record<number, string>> = {
  2021: 'mee-nbs-co2-2021',
  2022: 'mee-nbs-co2-2022',
  2023: 'mee-nbs-co2-2023',
};
const CFP_SOURCE_BY_YEAR: Readonly<Record<number, string>> = {
  2023: 'mee-nbs-nea-cfp-2023',
  2024: 'mee-nbs-nea-cfp-2024',
};

/** Data years of the CO2 emission factors and of the carbon-footprint factors. */
export const CHINA_CO2_FACTOR_YEARS: readonly number[] = Object.freeze([2021, 2022, 2023]);
export const CHINA_LIFE_CYCLE_FACTOR_YEARS: readonly number[] = Object.freeze([2023, 2024]);

/** Areas: published name → English name, level, regional grid(s) of a province, id slug. */
interface Area {
  english: string;
  slug: string;
  level: ChinaGridLevel;
  grids?: readonly ChinaRegionalGrid[];
}

const AREAS: Readonly<Record<string, Area>> = {
  全国: { english: 'China', slug: 'national', level: 'national' },
  华北: { english: 'North China', slug: 'north-china', level: 'regional' },
  东北: { english: 'Northeast China', slug: 'northeast-china', level: 'regional' },
  华东: { english: 'East China', slug: 'east-china', level: 'regional' },
  华中: { english: 'Central China', slug: 'central-china', level: 'regional' },
  西北: { english: 'Northwest China', slug: 'northwest-china', level: 'regional' },
  南方: { english: 'China Southern', slug: 'china-southern', level: 'regional' },
  西南: { english: 'Southwest China', slug: 'southwest-china', level: 'regional' },
  北京: { english: 'Beijing', slug: 'beijing', level: 'provincial', grids: ['华北'] },
  天津: { english: 'Tianjin', slug: 'tianjin', level: 'provincial', grids: ['华北'] },
  河北: { english: 'Hebei', slug: 'hebei', level: 'provincial', grids: ['华北'] },
  山西: { english: 'Shanxi', slug: 'shanxi', level: 'provincial', grids: ['华北'] },
  内蒙古: { english: 'Inner Mongolia', slug: 'inner-mongolia', level: 'provincial', grids: ['华北', '东北'] },
  山东: { english: 'Shandong', slug: 'shandong', level: 'provincial', grids: ['华北'] },
  辽宁: { english: 'Liaoning', slug: 'liaoning', level: 'provincial', grids: ['东北'] },
  吉林: { english: 'Jilin', slug: 'jilin', level: 'provincial', grids: ['东北'] },
  黑龙江: { english: 'Heilongjiang', slug: 'heilongjiang', level: 'provincial', grids: ['东北'] },
  上海: { english: 'Shanghai', slug: 'shanghai', level: 'provincial', grids: ['华东'] },
  江苏: { english: 'Jiangsu', slug: 'jiangsu', level: 'provincial', grids: ['华东'] },
  浙江: { english: 'Zhejiang', slug: 'zhejiang', level: 'provincial', grids: ['华东'] },
  安徽: { english: 'Anhui', slug: 'anhui', level: 'provincial', grids: ['华东'] },
  福建: { english: 'Fujian', slug: 'fujian', level: 'provincial', grids: ['华东'] },
  江西: { english: 'Jiangxi', slug: 'jiangxi', level: 'provincial', grids: ['华中'] },
  河南: { english: 'Henan', slug: 'henan', level: 'provincial', grids: ['华中'] },
  湖北: { english: 'Hubei', slug: 'hubei', level: 'provincial', grids: ['华中'] },
  湖南: { english: 'Hunan', slug: 'hunan', level: 'provincial', grids: ['华中'] },
  广东: { english: 'Guangdong', slug: 'guangdong', level: 'provincial', grids: ['南方'] },
  广西: { english: 'Guangxi', slug: 'guangxi', level: 'provincial', grids: ['南方'] },
  海南: { english: 'Hainan', slug: 'hainan', level: 'provincial', grids: ['南方'] },
  重庆: { english: 'Chongqing', slug: 'chongqing', level: 'provincial', grids: ['西南'] },
  四川: { english: 'Sichuan', slug: 'sichuan', level: 'provincial', grids: ['西南'] },
  贵州: { english: 'Guizhou', slug: 'guizhou', level: 'provincial', grids: ['南方'] },
  云南: { english: 'Yunnan', slug: 'yunnan', level: 'provincial', grids: ['南方'] },
  陕西: { english: 'Shaanxi', slug: 'shaanxi', level: 'provincial', grids: ['西北'] },
  甘肃: { english: 'Gansu', slug: 'gansu', level: 'provincial', grids: ['西北'] },
  青海: { english: 'Qinghai', slug: 'qinghai', level: 'provincial', grids: ['西北'] },
  宁夏: { english: 'Ningxia', slug: 'ningxia', level: 'provincial', grids: ['西北'] },
  新疆: { english: 'Xinjiang', slug: 'xinjiang', level: 'provincial', grids: ['西北'] },
};

// The CO2 emission factors, kg CO2/kWh: [CSV kind, area, 2021, 2022, 2023], in the CSV's row order.
type Co2Kind = 'co2_location_avg' | 'co2_excl_market_nonfossil' | 'co2_fossil_only';
const CO2_TABLE: readonly (readonly [Co2Kind, string, number, number, number])[] = [
  ['co2_location_avg', '全国', 0.5568, 0.5366, 0.5306],
  ['co2_excl_market_nonfossil', '全国', 0.5942, 0.5856, 0.6096],
  ['co2_fossil_only', '全国', 0.8426, 0.8325, 0.8273],
  ['co2_location_avg', '华北', 0.712, 0.6776, 0.6361],
  ['co2_location_avg', '东北', 0.6012, 0.5564, 0.5122],
  ['co2_location_avg', '华东', 0.5992, 0.5617, 0.55],
  ['co2_location_avg', '华中', 0.5354, 0.5395, 0.5271],
  ['co2_location_avg', '西北', 0.5951, 0.5857, 0.5543],
  ['co2_location_avg', '南方', 0.4326, 0.3869, 0.4042],
  ['co2_location_avg', '西南', 0.2113, 0.2268, 0.2472],
  ['co2_location_avg', '北京', 0.5688, 0.558, 0.5554],
  ['co2_location_avg', '天津', 0.7355, 0.7041, 0.6796],
  ['co2_location_avg', '河北', 0.7901, 0.7252, 0.6516],
  ['co2_location_avg', '山西', 0.7222, 0.7096, 0.6634],
  ['co2_location_avg', '内蒙古', 0.7025, 0.6849, 0.6479],
  ['co2_location_avg', '山东', 0.6838, 0.641, 0.6191],
  ['co2_location_avg', '辽宁', 0.5876, 0.5626, 0.4878],
  ['co2_location_avg', '吉林', 0.5629, 0.4932, 0.4671],
  ['co2_location_avg', '黑龙江', 0.6342, 0.5368, 0.5229],
  ['co2_location_avg', '上海', 0.5834, 0.5849, 0.5737],
  ['co2_location_avg', '江苏', 0.6451, 0.5978, 0.5827],
  ['co2_location_avg', '浙江', 0.5422, 0.5153, 0.4974],
  ['co2_location_avg', '安徽', 0.7075, 0.6782, 0.6553],
  ['co2_location_avg', '福建', 0.4711, 0.4092, 0.4211],
  ['co2_location_avg', '江西', 0.5835, 0.5752, 0.5836],
  ['co2_location_avg', '河南', 0.6369, 0.6058, 0.5897],
  ['co2_location_avg', '湖北', 0.3672, 0.4364, 0.4044],
  ['co2_location_avg', '湖南', 0.5138, 0.49, 0.4976],
  ['co2_location_avg', '广东', 0.4715, 0.4403, 0.4419],
  ['co2_location_avg', '广西', 0.5154, 0.4044, 0.4476],
  ['co2_location_avg', '海南', 0.4524, 0.4184, 0.3648],
  ['co2_location_avg', '重庆', 0.4743, 0.5227, 0.5581],
  ['co2_location_avg', '四川', 0.1255, 0.1404, 0.1564],
  ['co2_location_avg', '贵州', 0.5182, 0.4989, 0.5683],
  ['co2_location_avg', '云南', 0.1235, 0.1073, 0.1333],
  ['co2_location_avg', '陕西', 0.6336, 0.6558, 0.6335],
  ['co2_location_avg', '甘肃', 0.4955, 0.4772, 0.4471],
  ['co2_location_avg', '青海', 0.1326, 0.1567, 0.1796],
  ['co2_location_avg', '宁夏', 0.6546, 0.6423, 0.6187],
  ['co2_location_avg', '新疆', 0.6577, 0.6231, 0.6021],
];

/** A row of the carbon-footprint table: published row label, what it is, 2023 and 2024 (null: not published). */
interface LifeCycleRow {
  label: string;
  slug: string;
  english: string;
  variant: 'location-average' | 'generation-type' | 'transmission-distribution';
  generationType?: GenerationType;
  lineLosses?: 'excluded' | 'included';
  meaning: string;
  values: readonly [number | null, number | null];
}

// The electricity carbon-footprint factors, kg CO2e/kWh: [2023, 2024], in the CSV's row order.
const LIFE_CYCLE_TABLE: readonly LifeCycleRow[] = [
  {
    label: '全国电力平均',
    slug: 'national-average',
    english: 'National average electricity',
    variant: 'location-average',
    meaning:
      'National average carbon footprint of electricity, for products that consume grid electricity. The ' +
      'announcements do not say, in the text we could retrieve, whether it includes transmission, distribution ' +
      'and line losses; the 2024 value is lower than 2023 because of a cleaner mix and because every 2024 ' +
      'generation factor uses the 2023 national factor for its own electricity use (press reports).',
    values: [0.6205, 0.5777],
  },
  {
    label: '燃煤发电',
    slug: 'coal',
    english: 'Coal-fired power',
    variant: 'generation-type',
    generationType: 'coal',
    meaning: 'Life-cycle carbon footprint per kWh generated by coal-fired plants.',
    values: [0.944, 0.924],
  },
  {
    label: '燃气发电',
    slug: 'gas',
    english: 'Gas-fired power',
    variant: 'generation-type',
    generationType: 'gas',
    meaning: 'Life-cycle carbon footprint per kWh generated by gas-fired plants.',
    values: [0.4792, 0.4503],
  },
  {
    label: '水力发电',
    slug: 'hydro',
    english: 'Hydropower',
    variant: 'generation-type',
    generationType: 'hydro',
    meaning: 'Life-cycle carbon footprint per kWh generated by hydropower.',
    values: [0.0143, 0.0141],
  },
  {
    label: '核能发电',
    slug: 'nuclear',
    english: 'Nuclear power',
    variant: 'generation-type',
    generationType: 'nuclear',
    meaning: 'Life-cycle carbon footprint per kWh generated by nuclear plants.',
    values: [0.0065, 0.0065],
  },
  {
    label: '风力发电',
    slug: 'wind',
    english: 'Wind power',
    variant: 'generation-type',
    generationType: 'wind',
    meaning: 'Life-cycle carbon footprint per kWh generated by wind turbines.',
    values: [0.0336, 0.0324],
  },
  {
    label: '光伏发电',
    slug: 'solar-pv',
    english: 'Solar photovoltaic power',
    variant: 'generation-type',
    generationType: 'solar-pv',
    meaning: 'Life-cycle carbon footprint per kWh generated by photovoltaics.',
    values: [0.0545, 0.052],
  },
  {
    label: '光热发电',
    slug: 'solar-thermal',
    english: 'Concentrated solar (solar thermal) power',
    variant: 'generation-type',
    generationType: 'solar-thermal',
    meaning: 'Life-cycle carbon footprint per kWh generated by solar thermal (CSP) plants.',
    values: [0.0313, 0.0312],
  },
  {
    label: '生物质发电',
    slug: 'biomass',
    english: 'Biomass power',
    variant: 'generation-type',
    generationType: 'biomass',
    meaning: 'Life-cycle carbon footprint per kWh generated from biomass.',
    values: [0.0457, 0.0404],
  },
  {
    label: '输配电(不含线损)',
    slug: 'transmission-distribution-excluding-losses',
    english: 'Transmission and distribution, excluding line losses',
    variant: 'transmission-distribution',
    lineLosses: 'excluded',
    meaning:
      'Carbon footprint of transmission and distribution per kWh, without the electricity lost in the lines ' +
      '(row label 输配电(不含线损)): the grid itself (its construction, operation and maintenance), to be added ' +
      'to a generation factor together with the losses modelled separately.',
    values: [0.0036, 0.0046],
  },
  {
    label: '输配电(含线损)',
    slug: 'transmission-distribution-including-losses',
    english: 'Transmission and distribution, including line losses',
    variant: 'transmission-distribution',
    lineLosses: 'included',
    meaning:
      'Carbon footprint of transmission and distribution per kWh including the emissions of the electricity lost ' +
      'in the lines (row label 输配电(含线损)). Do not add modelled losses on top of it (double counting). ' +
      'Published for 2024 only: the 2023 cell is empty.',
    values: [null, 0.0327],
  },
];

const CO2_VARIANTS: Readonly<
  Record<
    Co2Kind,
    { variant: ChinaFactorVariant; slug: string; english: string; chinese: string; meaning: string }
  >
> = {
  co2_location_avg: {
    variant: 'location-average',
    slug: 'location-average',
    english: 'average electricity CO2 emission factor',
    chinese: '电力平均二氧化碳排放因子',
    meaning:
      'Average CO2 emitted in generating the electricity consumed in the area (operational CO2 only: no other ' +
      'gases, no upstream fuel chain, no infrastructure). The provincial factors take electricity from other ' +
      'provinces into account.',
  },
  co2_excl_market_nonfossil: {
    variant: 'excluding-market-traded-non-fossil',
    slug: 'excluding-market-non-fossil',
    english: 'average electricity CO2 emission factor excluding market-traded non-fossil electricity',
    chinese: '电力平均二氧化碳排放因子(不包括市场化交易的非化石能源电量)',
    meaning:
      'National average CO2 factor after removing non-fossil electricity sold in market transactions (such as ' +
      'green-electricity trading): the factor for electricity without such a claim, close to a national residual mix.',
  },
  co2_fossil_only: {
    variant: 'fossil-only',
    slug: 'fossil-only',
    english: 'fossil-fuel electricity CO2 emission factor',
    chinese: '化石能源电力二氧化碳排放因子',
    meaning: 'National average CO2 factor of electricity generated from fossil fuels only.',
  },
};

const GAPS: readonly ChinaFactorGap[] = Object.freeze([
  Object.freeze({
    csvCell: Object.freeze({ kind: 'cfp', row: '输配电(含线损)', column: '2023' }),
    description:
      '2023 transmission and distribution factor including line losses: not published for 2023 (the 2023 ' +
      'announcement gives T&D without line losses only); the cell is empty and stays empty.',
  }),
]);

function co2Records(): ChinaElectricityFactor[] {
  const records: ChinaElectricityFactor[] = [];
  for (const [kind, region, ...values] of CO2_TABLE) {
    const area = AREAS[region];
    const variant = CO2_VARIANTS[kind];
    CHINA_CO2_FACTOR_YEARS.forEach((year, i) => {
      const source = CHINA_ELECTRICITY_SOURCES[CO2_SOURCE_BY_YEAR[year]];
      records.push({
        id: `cn-co2-${variant.slug}-${year}-${area.slug}`,
        region,
        regionEnglish: area.english,
        level: area.level,
        ...(area.grids ? { regionalGrids: area.grids } : {}),
        year,
        value: values[i],
        unit: 'kg CO2/kWh',
        basis: { gas: 'CO2', scope: 'operational', variant: variant.variant },
        name: `${area.english} ${variant.english} ${year}`,
        nameChinese: `${year}年${region}${area.level === 'regional' ? '区域' : ''}${variant.chinese}`,
        notes: variant.meaning,
        source,
        csvCell: { kind, row: region, column: String(year) },
      });
    });
  }
  return records;
}

function lifeCycleRecords(): ChinaElectricityFactor[] {
  const records: ChinaElectricityFactor[] = [];
  for (const row of LIFE_CYCLE_TABLE) {
    CHINA_LIFE_CYCLE_FACTOR_YEARS.forEach((year, i) => {
      const value = row.values[i];
      if (value === null) return; // not published: see GAPS
      records.push({
        id: `cn-life-cycle-${row.slug}-${year}`,
        region: '全国',
        regionEnglish: 'China',
        level: 'national',
        year,
        value,
        unit: 'kg CO2e/kWh',
        basis: { gas: 'CO2e', scope: 'life-cycle', variant: row.variant },
        ...(row.generationType ? { generationType: row.generationType } : {}),
        ...(row.lineLosses ? { lineLosses: row.lineLosses } : {}),
        name: `${row.english} carbon footprint factor, China ${year}`,
        nameChinese:
          row.variant === 'location-average'
            ? `${year}年全国电力平均碳足迹因子`
            : `${year}年${row.label}碳足迹因子`,
        notes: row.meaning,
        source: CHINA_ELECTRICITY_SOURCES[CFP_SOURCE_BY_YEAR[year]],
        csvCell: { kind: 'cfp', row: row.label, column: String(year) },
      });
    });
  }
  return records;
}

function freezeRecord(record: ChinaElectricityFactor): ChinaElectricityFactor {
  return Object.freeze({
    ...record,
    basis: Object.freeze(record.basis),
    csvCell: Object.freeze(record.csvCell),
    ...(record.regionalGrids ? { regionalGrids: Object.freeze([...record.regionalGrids]) } : {}),
  });
}

/**
 * Every published China electricity factor, one record per value: 120 CO2 emission factors (2021–2023) and 21
 * carbon-footprint factors (2023–2024).
 *
 * @example chinaElectricityFactors.find((f) => f.id === 'cn-co2-location-average-2023-east-china')?.value // 0.55
 */
export const chinaElectricityFactors: readonly ChinaElectricityFactor[] = Object.freeze(
  [...co2Records(), ...lifeCycleRecords()].map(freezeRecord),
);

/** Published cells that are empty (values that do not exist). */
export const chinaElectricityGaps: readonly ChinaFactorGap[] = GAPS;

/** What to look up: an area (Chinese or English, any case) and a data year; by default the location average. */
export interface ChinaFactorQuery {
  region: string;
  year: number;
  /** Default 'operational' (the CO2 emission factors); 'life-cycle' has national values only. */
  scope?: 'operational' | 'life-cycle';
  /** Default 'location-average'. */
  variant?: ChinaFactorVariant;
  generationType?: GenerationType;
  lineLosses?: 'excluded' | 'included';
}

/** The published name of an area given in Chinese or English ('江苏', 'Jiangsu', 'east china'), or undefined. */
export function chinaRegionName(name: string): string | undefined {
  const wanted = name.trim().toLowerCase();
  for (const [chinese, area] of Object.entries(AREAS))
    if (chinese === name.trim() || area.english.toLowerCase() === wanted || area.slug === wanted)
      return chinese;
  return undefined;
}

/**
 * The one published factor that answers the query.
 *
 * @throws RefdataError `UNKNOWN_CHINA_ELECTRICITY_FACTOR` when nothing was published for it; the message says
 *   which areas and years exist.
 * @example chinaElectricityFactor({ region: 'Jiangsu', year: 2022 }).value // 0.5978 (kg CO2/kWh)
 * @example chinaElectricityFactor({ region: '全国', year: 2024, scope: 'life-cycle', variant: 'generation-type',
 *   generationType: 'coal' }).value // 0.924 (kg CO2e/kWh)
 */
export function chinaElectricityFactor(query: ChinaFactorQuery): ChinaElectricityFactor {
  const region = chinaRegionName(query.region);
  const scope = query.scope ?? 'operational';
  const variant = query.variant ?? 'location-average';
  const found = chinaElectricityFactors.find(
    (f) =>
      f.region === region &&
      f.year === query.year &&
      f.basis.scope === scope &&
      f.basis.variant === variant &&
      (variant !== 'generation-type' || f.generationType === query.generationType) &&
      (variant !== 'transmission-distribution' || f.lineLosses === (query.lineLosses ?? 'excluded')),
  );
  if (found) return found;
  const what = [
    scope,
    variant,
    query.generationType,
    variant === 'transmission-distribution' ? `line losses ${query.lineLosses ?? 'excluded'}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  throw new RefdataError(
    'UNKNOWN_CHINA_ELECTRICITY_FACTOR',
    `no published China electricity factor for '${query.region}', ${query.year} (${what}). ` +
      (region === undefined
        ? `Areas: 全国/China, the regional grids (${Object.entries(AREAS)
            .filter(([, a]) => a.level === 'regional')
            .map(([c, a]) => `${c}/${a.english}`)
            .join(', ')}) and 30 provinces by Chinese or English name. `
        : '') +
      `CO2 emission factors (operational) exist for ${CHINA_CO2_FACTOR_YEARS.join(', ')} (national, regional, ` +
      `provincial; excluding-market-traded-non-fossil and fossil-only national only); carbon-footprint factors ` +
      `(life-cycle) for ${CHINA_LIFE_CYCLE_FACTOR_YEARS.join(', ')}, national only; T&D including line losses ` +
      `for 2024 only.`,
  );
}

/**
 * The published life-cycle factor of every generation type for one data year.
 *
 * @example chinaGenerationTypeFactors(2024).wind.value // 0.0324
 */
export function chinaGenerationTypeFactors(
  year: number,
): Readonly<Record<GenerationType, ChinaElectricityFactor>> {
  const entries = GENERATION_TYPES.map(
    (type) =>
      [
        type,
        chinaElectricityFactor({
          region: '全国',
          year,
          scope: 'life-cycle',
          variant: 'generation-type',
          generationType: type,
        }),
      ] as const,
  );
  return Object.freeze(Object.fromEntries(entries) as Record<GenerationType, ChinaElectricityFactor>);
}
