// The PACT Methodology v3.0 (WBCSD, released 30 April 2025) as a rule set, read through the PACT Technical
// Specifications v3.0.3 (../shared/reference/pact/openapi-v3.yaml), which give for every CarbonFootprint property its
// reporting rule (SHALL, SHOULD, BIO, BIO-2027, SHALL-2027 …) and the Methodology section it implements. The
// Methodology's own PDF was not readable here; what only it says (its exemption limit, if any) is to be confirmed.
import type { RuleSet } from './rule-set.js';

const PACT = 'pact-methodology-3.0';
const METHODOLOGY = 'pact-methodology-3.0';
const SPECS = 'pact-tech-specs-3.0.3';
const section = (s: string) => `PACT Methodology 3.0, ${s}`;

/** Reporting rule BIO-2027 ("required per 31/12/2027"); SHALL-2027 read the same way. */
const BY_END_OF_2027 = { date: '2027-12-31', sourceId: SPECS, clause: 'x-rule BIO-2027, SHALL-2027' };

export const PACT_METHODOLOGY_3_0: RuleSet = {
  id: PACT,
  name: {
    en: 'PACT Methodology v3.0 (cradle-to-gate PCFs)',
    zh: 'PACT 方法学 3.0（摇篮到大门产品碳足迹）',
  },
  version: '3.0',
  publisher: 'WBCSD — Partnership for Carbon Transparency (PACT)',
  year: 2025,
  url: 'https://wbcsd.github.io/tr/methodology/3.0/pact-methodology-v3.0.pdf',
  copyright:
    '© WBCSD. The PACT Methodology and Technical Specifications are under the WBCSD licence (see ' +
    '../shared/reference/pact/LICENSE.md); OpenCFP holds section numbers, reporting rules and its own paraphrases ' +
    '(a separate derivative), not the documents.',
  scope: {
    en: 'Calculating and exchanging cradle-to-gate product carbon footprints (PCFs) along supply chains.',
    zh: '计算并在供应链中交换“摇篮到大门”产品碳足迹（PCF）。',
  },
  sources: [
    {
      id: METHODOLOGY,
      title:
        'PACT Methodology: Methodology for Calculating and Exchanging Cradle-to-Gate Product Carbon Footprints (PCFs), Version 3.0',
      publisher: 'WBCSD (PACT)',
      year: 2025,
      url: 'https://wbcsd.github.io/tr/methodology/3.0/pact-methodology-v3.0.pdf',
      seen:
        'Title and section numbers as the Technical Specifications v3.0.3 cite them (x-methodology); release on 30 ' +
        'April 2025 and the withdrawal of v2 from carbon-transparency.org. The PDF was not readable here.',
    },
    {
      id: SPECS,
      title: 'PACT Technical Specifications for PCF Data Exchange (OpenAPI)',
      publisher: 'WBCSD (PACT)',
      year: 2025,
      edition: 'v3.0.3 (18 November 2025)',
      url: 'https://github.com/wbcsd/data-exchange-protocol',
      seen:
        '../shared/reference/pact/openapi-v3.yaml: the reporting rules of info.x-rule, CarbonFootprint’s required ' +
        'properties and x-rule per property, ipccCharacterizationFactors ("the latest available characterization ' +
        'factor version shall be used, i.e. AR6"), exemptedEmissionsPercent (upper bound of 5 % removed in 3.0), ' +
        'primaryDataShare (SHALL, 4.2.2), dqi (SHALL-2027, 4.2.3) and DataQualityIndicators (technological, ' +
        'geographical and temporal DQR, each between 1 and 5 inclusive).',
    },
  ],
  requirements: [
    {
      id: `${PACT}.boundary`,
      clause: section('3.2.3'),
      topic: 'boundary',
      level: 'mandatory',
      condition: {
        check: 'boundary',
        allowed: { final: ['cradle-to-gate'], intermediate: ['cradle-to-gate'] },
      },
      text: {
        en: 'A PACT PCF is cradle to gate: all upstream stages up to the company’s gate; use and end of life are out of scope.',
        zh: 'PACT 产品碳足迹为“摇篮到大门”：涵盖至企业大门为止的全部上游阶段；使用和寿命末期不在范围内。',
      },
      fix: {
        en: 'Set the boundary to cradle-to-gate and leave use and end of life out of the model.',
        zh: '将边界设为“摇篮到大门”，模型中不含使用阶段和寿命末期。',
      },
    },
    {
      id: `${PACT}.declared-unit`,
      clause: section('3.2.4'),
      topic: 'unit',
      level: 'mandatory',
      condition: {
        check: 'unit',
        required: { final: 'declared-unit', intermediate: 'declared-unit' },
      },
      text: {
        en: 'The PCF is given per declared unit (its unit of measurement and amount).',
        zh: '产品碳足迹按声明单位（计量单位及数量）给出。',
      },
      fix: {
        en: 'State the declared unit and make the model’s reference output match it.',
        zh: '说明声明单位，并使模型的基准产出与之一致。',
      },
    },
    {
      id: `${PACT}.product-mass`,
      clause: section('3.2.4'),
      topic: 'unit',
      level: 'mandatory',
      condition: { check: 'report', items: ['product-mass-per-declared-unit'] },
      text: {
        en: 'The mass of the product per declared unit is reported.',
        zh: '报告每声明单位的产品质量。',
      },
      fix: {
        en: 'Give the product mass per declared unit (kg).',
        zh: '给出每声明单位的产品质量（kg）。',
      },
    },
    {
      id: `${PACT}.characterisation`,
      clause: section('3.2.2'),
      topic: 'gwp',
      level: 'mandatory',
      condition: {
        check: 'gwp-set',
        characterisation: 'ipcc',
        assessmentReports: {
          values: ['AR6'],
          sourceId: SPECS,
          clause: 'CarbonFootprint.ipccCharacterizationFactors (Methodology 3.2.2)',
        },
      },
      text: {
        en: 'The latest IPCC characterisation factors are used (AR6); if that is not possible, every set used is declared.',
        zh: '采用最新的 IPCC 特征化因子（AR6）；无法做到时，须声明所用的全部值集。',
      },
      fix: {
        en: 'Calculate the model with an IPCC AR6 set (ipcc-ar6-gwp100).',
        zh: '使用 IPCC AR6 值集（ipcc-ar6-gwp100）计算模型。',
      },
      toBeConfirmed: ['the time horizon (the specifications name the report, not the horizon)'],
    },
    {
      id: `${PACT}.fossil-and-packaging`,
      clause: section('3.3.1.1, 3.3.2.4'),
      topic: 'separate-reporting',
      level: 'mandatory',
      condition: {
        check: 'separate-reporting',
        items: ['fossil', 'fossil-carbon-content', 'packaging'],
      },
      text: {
        en: 'Fossil GHG emissions, the fossil carbon content and whether packaging is included are reported.',
        zh: '报告化石温室气体排放、化石碳含量以及是否包含包装。',
      },
      fix: {
        en: 'State the product’s fossil carbon content (carbonContent.fossil, kg C per declared unit) in the model.',
        zh: '在模型中说明产品的化石碳含量（carbonContent.fossil，每声明单位 kg C）。',
      },
    },
    {
      id: `${PACT}.biogenic`,
      clause: section('3.3.2.4'),
      topic: 'separate-reporting',
      level: 'mandatory',
      condition: {
        check: 'separate-reporting',
        items: ['biogenic-emissions', 'biogenic-removals', 'dluc', 'biogenic-carbon-content'],
      },
      text: {
        en: 'Where biogenic and land-sector emissions apply, biogenic CO2 uptake, biogenic non-CO2 emissions, land-use change emissions and the biogenic carbon content are reported (0 when they do not apply).',
        zh: '涉及生物源及土地部门排放时，报告生物源 CO2 吸收、生物源非 CO2 排放、土地利用变化排放和生物碳含量（不适用时为 0）。',
      },
      fix: {
        en: 'State the product’s biogenic carbon content (carbonContent.biogenic, 0 if none) in the model.',
        zh: '在模型中说明产品的生物碳含量（carbonContent.biogenic，无则为 0）。',
      },
    },
    {
      id: `${PACT}.land-management`,
      clause: section('3.3.2.4'),
      topic: 'separate-reporting',
      level: 'mandatory',
      phaseIn: { mandatoryFrom: BY_END_OF_2027, basis: 'report-date' },
      condition: { check: 'separate-reporting', items: ['land-management'] },
      text: {
        en: 'Land-management emissions and removals are reported where they apply (required by the end of 2027).',
        zh: '如适用，报告土地管理排放和清除（2027 年底前成为必需）。',
      },
      fix: {
        en: 'Tag land-management processes cfp:land-management so that their part is reported.',
        zh: '为土地管理过程加上 cfp:land-management 标签，以报告其分项。',
      },
    },
    {
      id: `${PACT}.exemptions`,
      clause: section('3.3.1.2'),
      topic: 'cut-off',
      level: 'mandatory',
      condition: { check: 'cut-off', statementRequired: false, excludedShareRequired: true },
      text: {
        en: 'The percentage of emissions exempted (excluded) from the PCF is reported, with the reason when it is not zero.',
        zh: '报告从产品碳足迹中豁免（排除）的排放百分比，不为零时说明理由。',
      },
      fix: {
        en: 'List every exclusion with an estimate of its kg CO2e (or none) so that the exempted percentage can be reported.',
        zh: '列出每项排除内容及其 kg CO2e 估计值（或说明无排除），以便报告豁免百分比。',
      },
      toBeConfirmed: [
        'whether the Methodology 3.0 text limits the exempted share (v2 allowed at most 5 % of the cradle-to-gate PCF; the v3.0 specifications removed that bound)',
      ],
    },
    {
      id: `${PACT}.allocation`,
      clause: section('3.3.1.3'),
      topic: 'allocation',
      level: 'recommended',
      condition: {
        check: 'allocation',
        hierarchy: [['subdivision', 'system-expansion', 'physical', 'economic', 'other']],
        justificationBelowFirstLevel: false,
      },
      text: {
        en: 'The allocation rules applied to the foreground are described, with the reasons.',
        zh: '说明前景数据所采用的分配规则及理由。',
      },
      fix: {
        en: 'State the allocation method (or that none was needed) and why.',
        zh: '说明分配方法（或无需分配）及理由。',
      },
      toBeConfirmed: [
        'the allocation hierarchy of Methodology 3.0 (the data only asks for a described method)',
      ],
    },
    {
      id: `${PACT}.primary-data-share`,
      clause: section('4.2.2'),
      topic: 'data-quality',
      level: 'mandatory',
      condition: {
        check: 'data-quality',
        assessmentRequired: false,
        primaryDataShare: { required: true },
      },
      text: {
        en: 'The share of primary data in the PCF (excluding biogenic CO2 uptake) is reported.',
        zh: '报告产品碳足迹（不含生物源 CO2 吸收）中初级数据的占比。',
      },
      fix: {
        en: 'Run the data-quality assessment so that the primary data share is calculated.',
        zh: '进行数据质量评估，以计算初级数据占比。',
      },
    },
    {
      id: `${PACT}.data-quality-ratings`,
      clause: section('4.2.3'),
      topic: 'data-quality',
      level: 'mandatory',
      phaseIn: { mandatoryFrom: BY_END_OF_2027, basis: 'report-date' },
      condition: {
        check: 'data-quality',
        assessmentRequired: false,
        ratings: {
          indicators: ['technological', 'geographical', 'temporal'],
          scaleMin: { value: 1, unit: 'rating', sourceId: SPECS, clause: 'DataQualityIndicators' },
          scaleMax: { value: 5, unit: 'rating', sourceId: SPECS, clause: 'DataQualityIndicators' },
        },
      },
      text: {
        en: 'Technological, geographical and temporal data quality ratings (1 to 5), weighted over the inputs, are reported (required by the end of 2027).',
        zh: '报告按输入加权的技术、地理和时间数据质量评级（1 至 5）（2027 年底前成为必需）。',
      },
      fix: {
        en: 'Run the PACT data-quality rating of the model so that the three ratings are calculated.',
        zh: '对模型进行 PACT 数据质量评级，以计算三项评级。',
      },
      toBeConfirmed: [
        'SHALL-2027 read as "required by 31 December 2027", by analogy with BIO-2027’s definition',
      ],
    },
    {
      id: `${PACT}.reference-period`,
      clause: section('3.2.3'),
      topic: 'time-period',
      level: 'mandatory',
      condition: { check: 'reference-period' },
      text: {
        en: 'The reference period (start and end) the PCF represents is reported.',
        zh: '报告产品碳足迹所代表的参考期（起止）。',
      },
      fix: { en: 'Give the reference period (start and end date).', zh: '给出参考期（起止日期）。' },
    },
    {
      id: `${PACT}.secondary-data-sources`,
      clause: section('3.2.3'),
      topic: 'report',
      level: 'recommended',
      condition: { check: 'report', items: ['background-data-sources'] },
      text: {
        en: 'The secondary emission-factor sources (databases and versions) used are listed.',
        zh: '列出所用的次级排放因子来源（数据库及版本）。',
      },
      fix: {
        en: 'Calculate the model on a stored background database version so that it is recorded.',
        zh: '基于已存储的背景数据库版本计算模型，以便记录该版本。',
      },
    },
  ],
  toBeConfirmed: ['an exemption limit in the Methodology 3.0 text, if any', 'the reading of SHALL-2027'],
};
