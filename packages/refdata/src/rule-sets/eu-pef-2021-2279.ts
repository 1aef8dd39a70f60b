// The Product Environmental Footprint method (Annex I of Commission Recommendation (EU) 2021/2279) as a rule set,
// for its climate-change impact category only (what a carbon footprint uses). The Recommendation is EU law we could
// identify on EUR-Lex, but we could not read Annex I's clauses here: clause numbers and the method's numeric
// thresholds (data-quality ratings, the share above which climate-change sub-indicators are reported, cut-off) are
// left out and listed in toBeConfirmed.
import type { RuleSet } from './rule-set.js';

const PEF = 'eu-pef-2021-2279';
const ANNEX = 'Recommendation (EU) 2021/2279, Annex I (PEF method)';

export const EU_PEF_2021_2279: RuleSet = {
  id: PEF,
  name: {
    en: 'Product Environmental Footprint method (Recommendation (EU) 2021/2279), climate change',
    zh: '产品环境足迹方法（建议 (EU) 2021/2279），气候变化',
  },
  version: '2021/2279',
  publisher: 'European Commission',
  year: 2021,
  url: 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32021H2279',
  copyright:
    '© European Union. Reuse of Commission documents is authorised with acknowledgement (Commission Decision ' +
    '2011/833/EU). OpenCFP holds its own paraphrases of the method’s rules for climate change.',
  scope: {
    en: 'The EU method for the life-cycle environmental footprint of products, applied here to its climate-change impact category.',
    zh: '欧盟产品生命周期环境足迹方法，此处仅用于其气候变化影响类别。',
  },
  sources: [
    {
      id: PEF,
      title:
        'Commission Recommendation (EU) 2021/2279 of 15 December 2021 on the use of the Environmental Footprint methods to measure and communicate the life cycle environmental performance of products and organisations',
      publisher: 'European Commission',
      year: 2021,
      edition: 'OJ L 471, 30.12.2021, p. 1–396; corrigendum OJ L 144, 23.5.2022',
      url: 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32021H2279',
      seen:
        'Title, date, Official Journal reference and the corrigendum from EUR-Lex. Annex I (the PEF method) was not ' +
        'readable here: the rules below are our reading of it, with their clauses to be confirmed.',
    },
  ],
  requirements: [
    {
      id: `${PEF}.boundary`,
      clause: ANNEX,
      clauseToBeConfirmed: true,
      topic: 'boundary',
      level: 'mandatory',
      condition: {
        check: 'boundary',
        allowed: { final: ['cradle-to-grave'], intermediate: ['cradle-to-gate', 'cradle-to-grave'] },
      },
      text: {
        en: 'The system boundary is cradle to grave; an intermediate product may be studied cradle to gate.',
        zh: '系统边界为“摇篮到坟墓”；中间产品可按“摇篮到大门”研究。',
      },
      fix: {
        en: 'Model use and end of life (cradle-to-grave), or declare the product intermediate for a cradle-to-gate study.',
        zh: '建模使用阶段和寿命末期（摇篮到坟墓），或将产品声明为中间产品以进行“摇篮到大门”研究。',
      },
    },
    {
      id: `${PEF}.unit`,
      clause: ANNEX,
      clauseToBeConfirmed: true,
      topic: 'unit',
      level: 'mandatory',
      condition: {
        check: 'unit',
        required: { final: 'functional-unit', intermediate: 'functional-or-declared-unit' },
      },
      text: {
        en: 'Results are per functional unit (what, how much, how well, for how long), with its reference flow.',
        zh: '结果以功能单位（何物、多少、何种质量、多长时间）及其基准流表示。',
      },
      fix: {
        en: 'State the functional unit and make the model’s reference output its reference flow.',
        zh: '说明功能单位，并使模型的基准产出成为其基准流。',
      },
    },
    {
      id: `${PEF}.characterisation`,
      clause: ANNEX,
      clauseToBeConfirmed: true,
      topic: 'gwp',
      level: 'mandatory',
      condition: { check: 'gwp-set', characterisation: 'ef-reference-package' },
      text: {
        en: 'Climate change is characterised with the factors of the EF reference package the method prescribes, not a freely chosen GWP set.',
        zh: '气候变化采用方法规定的 EF 参考包特征化因子，而非自选的 GWP 值集。',
      },
      fix: {
        en: 'Confirm that the characterisation matches the EF reference package version required (OpenCFP holds IPCC sets only) and attest it.',
        zh: '确认特征化与所要求的 EF 参考包版本一致（OpenCFP 仅含 IPCC 值集），并予以声明。',
      },
      toBeConfirmed: ['which EF reference package version applies, and how it relates to the IPCC sets'],
    },
    {
      id: `${PEF}.sub-indicators`,
      clause: ANNEX,
      clauseToBeConfirmed: true,
      topic: 'separate-reporting',
      level: 'mandatory',
      condition: {
        check: 'separate-reporting',
        items: ['fossil', 'biogenic-emissions', 'biogenic-removals', 'dluc'],
      },
      text: {
        en: 'Climate change is reported with its sub-indicators: fossil, biogenic, and land use and land-use change.',
        zh: '气候变化按子指标报告：化石、生物源、土地利用及土地利用变化。',
      },
      fix: {
        en: 'Report the split of the result (fossil, biogenic, land use and land-use change).',
        zh: '报告结果分项（化石、生物源、土地利用及土地利用变化）。',
      },
      toBeConfirmed: ['the share of the total above which each sub-indicator must be reported on its own'],
    },
    {
      id: `${PEF}.cut-off`,
      clause: ANNEX,
      clauseToBeConfirmed: true,
      topic: 'cut-off',
      level: 'mandatory',
      condition: { check: 'cut-off', statementRequired: true },
      text: {
        en: 'Any cut-off is stated and justified with the method’s rules.',
        zh: '任何取舍均须按方法规则说明并论证。',
      },
      fix: {
        en: 'State the cut-off applied and list each exclusion with an estimate of its size.',
        zh: '说明所采用的取舍，并列出每项排除内容及其规模估计。',
      },
      toBeConfirmed: ['the numeric cut-off rule of the method'],
    },
    {
      id: `${PEF}.allocation`,
      clause: ANNEX,
      clauseToBeConfirmed: true,
      topic: 'allocation',
      level: 'mandatory',
      condition: {
        check: 'allocation',
        hierarchy: [['subdivision', 'system-expansion'], ['physical'], ['economic', 'other']],
        justificationBelowFirstLevel: true,
      },
      text: {
        en: 'Multi-functional processes are handled by the method’s decision hierarchy: subdivision or system expansion (substitution) first, then physical relationships, then another relationship such as economic value.',
        zh: '多功能过程按方法的决策层级处理：先细分或系统扩展（替代），再按物理关系，最后按经济价值等其他关系。',
      },
      fix: {
        en: 'State the method used for multi-functional processes and justify a step below the first.',
        zh: '说明多功能过程所用的方法，若低于第一层级须说明理由。',
      },
    },
    {
      id: `${PEF}.electricity`,
      clause: ANNEX,
      clauseToBeConfirmed: true,
      topic: 'electricity',
      level: 'mandatory',
      condition: { check: 'electricity', accepted: ['market-based', 'residual-mix'] },
      text: {
        en: 'Electricity is modelled with a supplier-specific product only when its contractual instrument meets the method’s criteria; otherwise with the residual grid mix, so that attributes are not counted twice.',
        zh: '只有当合同工具满足方法准则时，电力才可采用供应商特定产品建模；否则采用剩余电网组合，以免属性被重复计算。',
      },
      fix: {
        en: 'Account electricity market-based (instruments meeting every criterion, the rest at the residual mix) or at the residual mix.',
        zh: '按基于市场（满足全部准则的工具，其余按剩余组合）或剩余组合核算电力。',
      },
      toBeConfirmed: [
        'the electricity hierarchy of the method as we read it (supplier-specific, then residual grid mix)',
      ],
    },
    {
      id: `${PEF}.end-of-life`,
      clause: ANNEX,
      clauseToBeConfirmed: true,
      topic: 'end-of-life',
      level: 'mandatory',
      appliesTo: { boundaries: ['cradle-to-grave'] },
      condition: { check: 'end-of-life', accepted: ['circular-footprint-formula'] },
      text: {
        en: 'Recycled content, recycling and energy recovery are modelled with the Circular Footprint Formula.',
        zh: '再生含量、回收和能源回收采用循环足迹公式（CFF）建模。',
      },
      fix: {
        en: 'Model the end of life with the Circular Footprint Formula and state it.',
        zh: '采用循环足迹公式建模寿命末期并加以说明。',
      },
    },
    {
      id: `${PEF}.data-quality`,
      clause: ANNEX,
      clauseToBeConfirmed: true,
      topic: 'data-quality',
      level: 'mandatory',
      condition: { check: 'data-quality', assessmentRequired: true },
      text: {
        en: 'The data quality of the study is rated with the method’s data quality rating (technological, geographical and time representativeness, precision).',
        zh: '按方法的数据质量评级（技术、地理和时间代表性，精确度）评价研究的数据质量。',
      },
      fix: {
        en: 'Run the PEF data-quality rating of the model and attach its summary to the study.',
        zh: '对模型进行 PEF 数据质量评级，并将汇总结果附于研究中。',
      },
      toBeConfirmed: ['the rating scale and the maximum ratings the method allows'],
    },
    {
      id: `${PEF}.time-period`,
      clause: ANNEX,
      clauseToBeConfirmed: true,
      topic: 'time-period',
      level: 'mandatory',
      condition: { check: 'reference-period' },
      text: { en: 'The time period the study represents is stated.', zh: '说明研究所代表的时间段。' },
      fix: { en: 'Give the reference period (start and end date).', zh: '给出参考期（起止日期）。' },
    },
    {
      id: `${PEF}.verification`,
      clause: ANNEX,
      clauseToBeConfirmed: true,
      topic: 'verification',
      level: 'mandatory',
      condition: { check: 'attestation' },
      text: {
        en: 'A study communicated outside the company is verified and validated by an independent verifier.',
        zh: '对外传播的研究须由独立核查方进行核查和确认。',
      },
      fix: {
        en: 'Have the study verified and attest it with the verification statement.',
        zh: '对研究进行核查，并以核查声明作为证明。',
      },
    },
    {
      id: `${PEF}.report`,
      clause: ANNEX,
      clauseToBeConfirmed: true,
      topic: 'report',
      level: 'mandatory',
      condition: {
        check: 'report',
        items: [
          'functional-or-declared-unit',
          'system-boundary',
          'separate-values',
          'cut-off-criteria',
          'allocation',
          'data-quality',
          'reference-period',
          'electricity',
          'end-of-life',
          'limitations',
        ],
      },
      text: {
        en: 'The PEF report documents the unit, boundary, the climate-change sub-indicators, cut-off, multi-functionality, data quality, time period, electricity, end of life and limitations.',
        zh: 'PEF 报告记录单位、边界、气候变化子指标、取舍、多功能性处理、数据质量、时间段、电力、寿命末期和局限性。',
      },
      fix: {
        en: 'Fill in the missing items of the study before generating the report.',
        zh: '生成报告前补全研究中缺失的项目。',
      },
    },
  ],
  toBeConfirmed: [
    'every Annex I clause number',
    'the numeric thresholds of the method: data-quality ratings, sub-indicator reporting share, cut-off',
    'the EF reference package version for climate change',
  ],
};
