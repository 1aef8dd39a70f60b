// The words of the label in English and Chinese, and how its numbers are written.
import type { PerformanceClass } from './class-scheme.js';
import type { LabelData, LocalText } from './label-data.js';

/** Chinese names of common declared units; other units are printed as their symbol in both languages. */
const UNIT_NAMES_ZH: Record<string, string> = {
  item: '件',
  items: '件',
  piece: '件',
  pieces: '件',
  pc: '件',
  pcs: '件',
  unit: '个',
  kWh: '千瓦时',
  MWh: '兆瓦时',
  Wh: '瓦时',
  kg: '千克',
  g: '克',
  t: '吨',
  m: '米',
  km: '千米',
  m2: '平方米',
  'm²': '平方米',
  m3: '立方米',
  'm³': '立方米',
  l: '升',
  L: '升',
  MJ: '兆焦',
  tkm: '吨公里',
  't*km': '吨公里',
  pkm: '人公里',
};

/** Short designations of the rule sets OpenCFP holds (their full names are too long for a label). */
const RULE_SET_DESIGNATIONS: Record<string, LocalText> = {
  'iso-14067-2018': { en: 'ISO 14067:2018', zh: 'ISO 14067:2018' },
  'gb-t-24067-2024': { en: 'GB/T 24067-2024', zh: 'GB/T 24067-2024' },
  'ghg-protocol-product-2011': { en: 'GHG Protocol Product Standard', zh: '温室气体核算体系产品标准' },
  'pas-2050-2011': { en: 'PAS 2050:2011', zh: 'PAS 2050:2011' },
  'eu-pef-2021-2279': { en: 'EU PEF (2021/2279)', zh: '欧盟产品环境足迹（2021/2279）' },
  'eu-battery-cfb-ev-2023': { en: 'EU Battery Regulation CFB-EV rules', zh: '欧盟电池法规 CFB-EV 规则' },
  'eu-battery-draft-da-2024': {
    en: 'EU Battery Regulation draft act 2024',
    zh: '欧盟电池法规授权法案草案 2024',
  },
  'pact-methodology-3.0': { en: 'PACT Methodology 3.0', zh: 'PACT 方法学 3.0' },
};

/**
 * The short designation of a rule set held by OpenCFP (e.g. 'ISO 14067:2018'), or undefined.
 *
 * @example ruleSetDesignation('gb-t-24067-2024')?.zh; // 'GB/T 24067-2024'
 */
export function ruleSetDesignation(id: string): LocalText | undefined {
  return RULE_SET_DESIGNATIONS[id];
}

const MINUS = '\u2212';

/**
 * A footprint value as the label prints it: three significant digits below 100, whole numbers with thousands
 * separators from 100 on (the precision a label can claim; the statement holds the exact value).
 *
 * @example formatFootprint(8.766215); // '8.77'
 * @example formatFootprint(12345.6); // '12,346'
 */
export function formatFootprint(value: number): string {
  const magnitude = Math.abs(value);
  const text =
    magnitude >= 100
      ? Math.round(magnitude).toLocaleString('en-US')
      : magnitude === 0
        ? '0'
        : String(Number(magnitude.toPrecision(3)));
  return value < 0 && text !== '0' ? `${MINUS}${text}` : text;
}

const formatAmount = (amount: number) => amount.toLocaleString('en-US', { maximumFractionDigits: 6 });

/** The unit's words in each language: a given name, else the Chinese name of a known unit, else the symbol. */
function unitWords(unit: LabelData['declaredUnit']): LocalText {
  return unit.name ?? { en: unit.unit, zh: UNIT_NAMES_ZH[unit.unit] ?? unit.unit };
}

const BOUNDARY: Record<LabelData['boundary'], LocalText> = {
  'cradle-to-gate': { en: 'Cradle to gate', zh: '从摇篮到大门' },
  'cradle-to-grave': { en: 'Cradle to grave', zh: '从摇篮到坟墓' },
  'gate-to-gate': { en: 'Gate to gate', zh: '从大门到大门' },
};

/** Every text of a label, in both languages (the layout picks the language and what its size shows). */
export interface LabelTexts {
  heading: LocalText;
  headingShort: LocalText;
  value: string;
  unit: string;
  perDeclaredUnit: LocalText;
  boundary: LocalText;
  ruleSet: LocalText;
  year: LocalText;
  verification: LocalText;
  /** The verification for a bilingual label: the words in both languages, the names once (a line each). */
  verificationBilingual: string[];
  verificationShort: LocalText;
  product: LocalText;
  company: string;
  className?: LocalText;
  scheme?: LocalText;
  statement: LocalText;
  scan: LocalText;
}

/**
 * The label's texts for its data (and class, when a scheme is used).
 *
 * @example labelTexts(data).perDeclaredUnit; // { en: 'per 1 kWh', zh: '每 1 千瓦时' }
 */
export function labelTexts(data: LabelData, performance?: PerformanceClass): LabelTexts {
  const unit = unitWords(data.declaredUnit);
  const amount = formatAmount(data.declaredUnit.amount);
  const rules = data.ruleSet;
  const withVersion = (name: string) => (name.includes(rules.version) ? name : `${name} (${rules.version})`);
  const year = data.year.value;
  const v = data.verification;
  const verification: LocalText =
    v.status === 'self-declared'
      ? { en: 'Self-declared: not verified by a third party', zh: '自我声明：未经第三方核查' }
      : v.status === 'third-party'
        ? { en: `Verified by a third party: ${v.verifier}`, zh: `经第三方核查：${v.verifier}` }
        : {
            en: `Verified by a third party: ${v.verifier}; certified by ${v.certifier}`,
            zh: `经第三方核查：${v.verifier}；认证：${v.certifier}`,
          };
  const verificationBilingual =
    v.status === 'self-declared'
      ? [`${verification.zh} / ${verification.en}`]
      : [
          `经第三方核查 / Verified by a third party: ${v.verifier}`,
          ...(v.status === 'certified' ? [`认证 / Certified by: ${v.certifier}`] : []),
        ];
  const verificationShort: LocalText =
    v.status === 'self-declared'
      ? { en: 'Self-declared', zh: '自我声明' }
      : v.status === 'third-party'
        ? { en: 'Third-party verified', zh: '经第三方核查' }
        : { en: 'Verified and certified', zh: '经核查并认证' };
  const scheme = performance?.scheme;
  const illustrative = scheme?.status === 'illustrative';
  return {
    heading: { en: 'Product carbon footprint', zh: '产品碳足迹' },
    headingShort: { en: 'Carbon footprint', zh: '碳足迹' },
    value: formatFootprint(data.footprint.value),
    unit: 'kg CO2e',
    perDeclaredUnit: { en: `per ${amount} ${unit.en}`, zh: `每 ${amount} ${unit.zh}` },
    boundary: BOUNDARY[data.boundary],
    ruleSet: { en: `Rules: ${withVersion(rules.name.en)}`, zh: `依据 ${withVersion(rules.name.zh)}` },
    year:
      data.year.basis === 'reference'
        ? { en: `Reference year ${year}`, zh: `参考年份 ${year}` }
        : { en: `Issued ${year}`, zh: `发布年份 ${year}` },
    verification,
    verificationBilingual,
    verificationShort,
    product: data.product.name,
    company: data.product.company,
    ...(performance && scheme
      ? {
          className: { en: `Class ${performance.class}`, zh: `${performance.class} 级` },
          scheme: {
            en: `Scheme: ${scheme.name.en} v${scheme.version}${illustrative ? ' (illustrative)' : ''}`,
            zh: `等级方案：${scheme.name.zh} v${scheme.version}${illustrative ? '（示例，非官方）' : ''}`,
          },
        }
      : {}),
    statement: { en: `Statement ${data.statementId}`, zh: `声明编号 ${data.statementId}` },
    scan: { en: 'Scan for details', zh: '扫码查看详情' },
  };
}
