// The carbon footprint of electric vehicle batteries under the EU Battery Regulation (EU) 2023/1542 (Article 7,
// Annex II), by the JRC's rules (CFB-EV, final draft 2023). Annex II fixes the functional unit (kg CO2e per kWh of the
// total energy the battery provides over its service life) and the four life-cycle stages (the use stage is left
// out); the footprint is a PEF study of the climate-change category. The JRC rules model end of life with the
// Circular Footprint Formula and accept supplier-specific electricity whose contractual instruments meet criteria.
// The draft delegated act narrowed the electricity rule: see eu-battery-draft-delegated-act-2024.ts.
import type { Requirement, RuleSet, RuleSource } from './rule-set.js';

const CFB = 'eu-battery-cfb-ev-2023';

export const EU_BATTERY_REGULATION_SOURCE: RuleSource = {
  id: 'eu-2023-1542',
  title:
    'Regulation (EU) 2023/1542 of the European Parliament and of the Council of 12 July 2023 concerning batteries and waste batteries',
  publisher: 'European Parliament and Council of the European Union',
  year: 2023,
  url: 'https://eur-lex.europa.eu/legal-content/EN/TXT/PDF/?uri=CELEX:32023R1542',
  seen:
    'Article 7 and Annex II as public guidance summarises them (prodlaw.eu, January 2026; JRC project page on ' +
    'knowledge4policy.ec.europa.eu): the carbon footprint is based on a PEF study using the climate-change category; ' +
    'the declaration gives kg CO2e per kWh of the total energy provided over the expected service life, and the ' +
    'footprint per life-cycle stage of Annex II point 4 (raw material acquisition and pre-processing, main product ' +
    'production, distribution, end of life and recycling), the manufacturer, the battery model, the plant location ' +
    'and a web link to the public study.',
};

export const JRC_CFB_EV_SOURCE: RuleSource = {
  id: 'jrc-cfb-ev-2023',
  title: 'Rules for the calculation of the Carbon Footprint of Electric Vehicle Batteries (CFB-EV)',
  publisher:
    'European Commission, Joint Research Centre (Andreasi Bassi, S., Peters, J.F., Candelaresi, D., Valente, A., Ferrara, N., Mathieux, F., Ardente, F.)',
  year: 2023,
  edition: 'Final draft 2023, JRC Science for Policy report (CC BY 4.0)',
  url: 'https://knowledge4policy.ec.europa.eu/node/82232_nl',
  seen:
    'Front matter (authors, final draft 2023, Publications Office of the EU, CC BY 4.0) from a copy of the report; ' +
    "the Circular Footprint Formula for end of life per the automotive and battery coalition's letter on the draft " +
    '(CLEPA, 27 July 2023); the electricity hierarchy (on-site generation, supplier-specific electricity whose ' +
    'contractual instruments meet criteria) per a published summary (MT Stonegate).',
};

/** Per kWh of the total energy the battery provides over its service life (Annex II). */
const PER_KWH = { values: ['kWh'], sourceId: 'eu-2023-1542', clause: 'Article 7(1), Annex II' };

/**
 * The requirements of the battery carbon footprint, with the electricity rule given by the variant (the JRC rules
 * or the draft delegated act).
 */
export function batteryRequirements(prefix: string, electricity: Requirement): Requirement[] {
  return [
    {
      id: `${prefix}.boundary`,
      clause: 'Regulation (EU) 2023/1542 Annex II',
      topic: 'boundary',
      level: 'mandatory',
      condition: {
        check: 'boundary',
        allowed: { final: ['cradle-to-grave'], intermediate: ['cradle-to-grave'] },
      },
      text: {
        en: 'The footprint covers raw material acquisition and pre-processing, main product production, distribution, and end of life and recycling; the use stage is left out.',
        zh: '碳足迹涵盖原材料获取和预处理、主要产品生产、分销以及寿命末期和回收；不包括使用阶段。',
      },
      fix: {
        en: 'Set the boundary to cradle-to-grave and model the distribution and end-of-life-and-recycling stages (without use).',
        zh: '将边界设为“摇篮到坟墓”，并建模分销及寿命末期和回收阶段（不含使用阶段）。',
      },
    },
    {
      id: `${prefix}.stages`,
      clause: 'Regulation (EU) 2023/1542 Annex II point 4',
      topic: 'stages',
      level: 'mandatory',
      condition: { check: 'stages', scheme: 'eu-battery' },
      text: {
        en: 'The footprint is declared per life-cycle stage of Annex II, with nothing outside those stages.',
        zh: '碳足迹按附件 II 的生命周期阶段申报，不得有这些阶段之外的部分。',
      },
      fix: {
        en: 'Calculate with the eu-battery stage scheme and give every process one of its stages (no use stage, nothing unassigned).',
        zh: '采用 eu-battery 阶段方案计算，并为每个过程指定其中一个阶段（无使用阶段，不留未分配）。',
      },
    },
    {
      id: `${prefix}.functional-unit`,
      clause: 'Regulation (EU) 2023/1542 Article 7(1), Annex II',
      topic: 'unit',
      level: 'mandatory',
      condition: {
        check: 'unit',
        required: { final: 'functional-unit', intermediate: 'functional-unit' },
        unit: PER_KWH,
      },
      text: {
        en: 'The functional unit is one kWh of the total energy the battery provides over its service life; the footprint is in kg CO2e per kWh.',
        zh: '功能单位为电池在使用寿命内提供的总能量中的 1 kWh；碳足迹以每 kWh 的 kg CO2e 表示。',
      },
      fix: {
        en: 'State the functional unit and make the model’s reference output one kWh of lifetime energy.',
        zh: '说明功能单位，并使模型的基准产出为使用寿命内能量的 1 kWh。',
      },
    },
    {
      id: `${prefix}.characterisation`,
      clause: 'Regulation (EU) 2023/1542 Article 2, Annex II',
      clauseToBeConfirmed: true,
      topic: 'gwp',
      level: 'mandatory',
      condition: { check: 'gwp-set', characterisation: 'ef-reference-package' },
      text: {
        en: 'The footprint is a PEF study of the climate-change category, characterised with the EF reference package.',
        zh: '碳足迹为以气候变化类别开展的 PEF 研究，采用 EF 参考包进行特征化。',
      },
      fix: {
        en: 'Confirm that the characterisation matches the EF reference package the rules name (OpenCFP holds IPCC sets only) and attest it.',
        zh: '确认特征化与规则指定的 EF 参考包一致（OpenCFP 仅含 IPCC 值集），并予以声明。',
      },
      toBeConfirmed: ['which EF reference package version the rules name'],
    },
    electricity,
    {
      id: `${prefix}.end-of-life`,
      clause: 'JRC CFB-EV (2023), end of life',
      clauseToBeConfirmed: true,
      topic: 'end-of-life',
      level: 'mandatory',
      condition: { check: 'end-of-life', accepted: ['circular-footprint-formula'] },
      text: {
        en: 'End of life and recycled content are modelled with the Circular Footprint Formula of the PEF method.',
        zh: '寿命末期和再生含量采用 PEF 方法的循环足迹公式建模。',
      },
      fix: {
        en: 'Model the end of life with the Circular Footprint Formula and state it.',
        zh: '采用循环足迹公式建模寿命末期并加以说明。',
      },
    },
    {
      id: `${prefix}.cut-off`,
      clause: 'JRC CFB-EV (2023), cut-off',
      clauseToBeConfirmed: true,
      topic: 'cut-off',
      level: 'mandatory',
      condition: { check: 'cut-off', statementRequired: true },
      text: {
        en: 'What is cut off is stated by the rules’ cut-off criterion.',
        zh: '按规则的取舍准则说明被排除的内容。',
      },
      fix: {
        en: 'State the cut-off applied and list each exclusion with an estimate of its size.',
        zh: '说明所采用的取舍，并列出每项排除内容及其规模估计。',
      },
      toBeConfirmed: ['the numeric cut-off criterion of the rules'],
    },
    {
      id: `${prefix}.company-specific-data`,
      clause: 'JRC CFB-EV (2023), data requirements',
      clauseToBeConfirmed: true,
      topic: 'data-quality',
      level: 'mandatory',
      condition: { check: 'attestation' },
      text: {
        en: 'Company-specific data are used for the processes the rules list (the manufacturer’s own production and the most relevant materials).',
        zh: '对规则列出的过程（制造商自身的生产及最相关的材料）采用企业特定数据。',
      },
      fix: {
        en: 'Attest which processes use company-specific data, with a reference to the records.',
        zh: '声明哪些过程采用企业特定数据，并注明记录出处。',
      },
      toBeConfirmed: ['the list of processes that need company-specific data'],
    },
    {
      id: `${prefix}.data-quality`,
      clause: 'JRC CFB-EV (2023), data quality',
      clauseToBeConfirmed: true,
      topic: 'data-quality',
      level: 'mandatory',
      condition: { check: 'data-quality', assessmentRequired: true },
      text: {
        en: 'The quality of the data is rated as the PEF method asks.',
        zh: '按 PEF 方法的要求评价数据质量。',
      },
      fix: {
        en: 'Run the data-quality rating of the model and attach its summary to the study.',
        zh: '对模型进行数据质量评级，并将汇总结果附于研究中。',
      },
      toBeConfirmed: ['the rating thresholds the rules set'],
    },
    {
      id: `${prefix}.allocation`,
      clause: 'JRC CFB-EV (2023), multi-functionality',
      clauseToBeConfirmed: true,
      topic: 'allocation',
      level: 'mandatory',
      condition: {
        check: 'allocation',
        hierarchy: [['subdivision', 'system-expansion'], ['physical'], ['economic', 'other']],
        justificationBelowFirstLevel: true,
      },
      text: {
        en: 'Multi-functional processes follow the PEF decision hierarchy and the rules’ specific allocation keys.',
        zh: '多功能过程遵循 PEF 决策层级及规则规定的分配依据。',
      },
      fix: {
        en: 'State the method used for multi-functional processes and justify a step below the first.',
        zh: '说明多功能过程所用的方法，若低于第一层级须说明理由。',
      },
      toBeConfirmed: ['the specific allocation keys of the rules'],
    },
    {
      id: `${prefix}.declaration`,
      clause: 'Regulation (EU) 2023/1542 Article 7(1), Annex II',
      topic: 'report',
      level: 'mandatory',
      condition: {
        check: 'report',
        items: [
          'manufacturer',
          'product-identification',
          'plant-location',
          'functional-or-declared-unit',
          'results-by-stage',
          'public-study-link',
        ],
      },
      text: {
        en: 'The carbon footprint declaration gives the manufacturer, the battery model, the manufacturing plant’s location, the footprint per kWh and per life-cycle stage, and a web link to a public version of the supporting study.',
        zh: '碳足迹声明须给出制造商、电池型号、制造工厂所在地、每 kWh 碳足迹及各生命周期阶段碳足迹，以及支持性研究公开版本的网址。',
      },
      fix: {
        en: 'Fill in the manufacturer, the battery model, the plant location and the link to the public study.',
        zh: '填写制造商、电池型号、工厂所在地及公开研究的网址。',
      },
    },
    {
      id: `${prefix}.verification`,
      clause: 'Regulation (EU) 2023/1542 Article 7',
      clauseToBeConfirmed: true,
      topic: 'verification',
      level: 'mandatory',
      condition: { check: 'attestation' },
      text: {
        en: 'The declared footprint is verified under the Regulation’s conformity assessment (by a notified body).',
        zh: '申报的碳足迹须经法规规定的合格评定（由公告机构）核实。',
      },
      fix: {
        en: 'Have the footprint verified and attest it with the notified body’s certificate.',
        zh: '对碳足迹进行核实，并以公告机构的证书作为证明。',
      },
    },
  ];
}

const ELECTRICITY: Requirement = {
  id: `${CFB}.electricity`,
  clause: 'JRC CFB-EV (2023), electricity modelling',
  clauseToBeConfirmed: true,
  topic: 'electricity',
  level: 'mandatory',
  condition: { check: 'electricity', accepted: ['market-based', 'eu-battery'] },
  text: {
    en: 'Electricity is modelled in a hierarchy: on-site generation or a direct connection, then supplier-specific electricity whose contractual instruments meet the rules’ criteria; other electricity takes a grid mix.',
    zh: '电力按层级建模：先现场发电或直连，再采用合同工具满足规则准则的供应商特定电力；其余电力采用电网组合。',
  },
  fix: {
    en: 'Account electricity market-based (instruments meeting every criterion) or by the eu-battery rule (direct connection or the national mix).',
    zh: '按基于市场（工具满足全部准则）或 eu-battery 规则（直连或全国电网组合）核算电力。',
  },
  toBeConfirmed: [
    'which grid mix the rules give electricity not covered by an instrument (residual or consumption mix)',
  ],
};

export const EU_BATTERY_CFB_EV_2023: RuleSet = {
  id: CFB,
  name: {
    en: 'EU Battery Regulation — carbon footprint of EV batteries (JRC CFB-EV rules, 2023)',
    zh: '欧盟电池法规——电动汽车电池碳足迹（JRC CFB-EV 规则，2023）',
  },
  version: 'final draft 2023',
  publisher: 'European Commission, Joint Research Centre',
  year: 2023,
  url: 'https://knowledge4policy.ec.europa.eu/node/82232_nl',
  copyright:
    'Regulation (EU) 2023/1542: © European Union, reuse authorised with acknowledgement. JRC report: © European ' +
    'Union 2023, CC BY 4.0. OpenCFP holds its own paraphrases.',
  scope: {
    en: 'Carbon footprint of electric vehicle batteries placed on the EU market (Article 7 of Regulation (EU) 2023/1542), by the JRC’s calculation rules.',
    zh: '投放欧盟市场的电动汽车电池的碳足迹（法规 (EU) 2023/1542 第 7 条），按 JRC 的计算规则。',
  },
  sources: [EU_BATTERY_REGULATION_SOURCE, JRC_CFB_EV_SOURCE],
  requirements: batteryRequirements(CFB, ELECTRICITY),
  toBeConfirmed: [
    'the rules’ numeric cut-off, data-quality thresholds and the list of processes needing company-specific data',
    'the grid mix for electricity not covered by an instrument',
  ],
};
