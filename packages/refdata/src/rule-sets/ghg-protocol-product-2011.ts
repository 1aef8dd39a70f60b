// The GHG Protocol Product Life Cycle Accounting and Reporting Standard (2011) as a rule set. Chapter references
// follow the standard's table of contents; chapters we did not see in a citable excerpt carry clauseToBeConfirmed.
// The standard sets no numeric cut-off (exclusions are disclosed and justified); the GWP time horizon it names is left
// out of the data until confirmed.
import type { RuleSet } from './rule-set.js';

const GHGP = 'ghg-protocol-product-2011';
const chapter = (n: number, title: string) => `GHG Protocol Product Standard (2011), chapter ${n} (${title})`;

export const GHG_PROTOCOL_PRODUCT_2011: RuleSet = {
  id: GHGP,
  name: {
    en: 'GHG Protocol Product Life Cycle Accounting and Reporting Standard',
    zh: '温室气体核算体系 产品生命周期核算与报告标准',
  },
  version: '2011',
  publisher: 'World Resources Institute (WRI) and World Business Council for Sustainable Development (WBCSD)',
  year: 2011,
  url: 'https://ghgprotocol.org/product-standard',
  copyright:
    '© World Resources Institute and World Business Council for Sustainable Development, 2011. OpenCFP holds chapter ' +
    "references and its own short paraphrases only; the standard is free to download from the GHG Protocol's site.",
  scope: {
    en: 'Quantifying and publicly reporting the life-cycle GHG inventory of a product (a good or service).',
    zh: '量化并公开报告某一产品（商品或服务）的生命周期温室气体清单。',
  },
  sources: [
    {
      id: GHGP,
      title: 'Product Life Cycle Accounting and Reporting Standard (GHG Protocol Product Standard)',
      publisher: 'WRI and WBCSD',
      year: 2011,
      url: 'https://ghgprotocol.org/product-standard',
      seen:
        'Title, authors and the first chapters of the table of contents from public copies of the e-reader edition; ' +
        'chapter contents from our reading of the standard.',
    },
  ],
  requirements: [
    {
      id: `${GHGP}.boundary`,
      clause: chapter(7, 'Boundary setting'),
      clauseToBeConfirmed: true,
      topic: 'boundary',
      level: 'mandatory',
      condition: {
        check: 'boundary',
        allowed: { final: ['cradle-to-grave'], intermediate: ['cradle-to-grave', 'cradle-to-gate'] },
      },
      text: {
        en: 'Final products are inventoried cradle to grave; an intermediate product whose eventual function is unknown may be inventoried cradle to gate, and the reason is disclosed.',
        zh: '最终产品按“摇篮到坟墓”编制清单；最终功能未知的中间产品可按“摇篮到大门”编制清单，并须披露理由。',
      },
      fix: {
        en: 'Model use and end of life and set the boundary to cradle-to-grave, or declare the product intermediate (function unknown) for a cradle-to-gate inventory.',
        zh: '建模使用阶段和寿命末期并将边界设为“摇篮到坟墓”，或将产品声明为（功能未知的）中间产品以编制“摇篮到大门”清单。',
      },
    },
    {
      id: `${GHGP}.unit`,
      clause: chapter(6, 'Establishing the scope'),
      clauseToBeConfirmed: true,
      topic: 'unit',
      level: 'mandatory',
      condition: {
        check: 'unit',
        required: { final: 'functional-unit', intermediate: 'functional-or-declared-unit' },
      },
      text: {
        en: 'The unit of analysis is a functional unit for final products; a cradle-to-gate inventory of an intermediate product uses a reference flow.',
        zh: '最终产品的分析单位为功能单位；中间产品的“摇篮到大门”清单采用基准流。',
      },
      fix: {
        en: 'State the functional unit (or, for a cradle-to-gate intermediate product, the reference flow as declared unit).',
        zh: '说明功能单位（对“摇篮到大门”的中间产品，说明作为声明单位的基准流）。',
      },
    },
    {
      id: `${GHGP}.gwp`,
      clause: chapter(11, 'Calculating inventory results'),
      clauseToBeConfirmed: true,
      topic: 'gwp',
      level: 'mandatory',
      condition: { check: 'gwp-set', characterisation: 'ipcc' },
      text: {
        en: 'Inventory results are calculated with global warming potential values of the IPCC.',
        zh: '清单结果采用 IPCC 的全球增温潜势值计算。',
      },
      fix: {
        en: 'Calculate the model with an IPCC GWP set (e.g. ipcc-ar6-gwp100).',
        zh: '使用 IPCC 的 GWP 值集（如 ipcc-ar6-gwp100）计算模型。',
      },
      toBeConfirmed: [
        'the time horizon the standard requires (commonly read as 100 years) is not confirmed against the text, so the data does not restrict it',
      ],
    },
    {
      id: `${GHGP}.separate-reporting`,
      clause: chapter(13, 'Reporting'),
      clauseToBeConfirmed: true,
      topic: 'separate-reporting',
      level: 'mandatory',
      condition: {
        check: 'separate-reporting',
        items: ['fossil', 'biogenic-emissions', 'biogenic-removals', 'dluc'],
      },
      text: {
        en: 'Biogenic and non-biogenic emissions and removals are reported separately, and land-use change impacts separately where they apply.',
        zh: '生物源与非生物源的排放和清除分别报告；如适用，土地利用变化的影响单独报告。',
      },
      fix: {
        en: 'Report the split of the result (fossil, biogenic emissions and removals, land-use change) beside the total.',
        zh: '在总量之外报告结果分项（化石、生物源排放和清除、土地利用变化）。',
      },
    },
    {
      id: `${GHGP}.stages`,
      clause: chapter(13, 'Reporting'),
      clauseToBeConfirmed: true,
      topic: 'stages',
      level: 'mandatory',
      condition: { check: 'stages', scheme: 'iso-14067' },
      text: {
        en: 'Results are reported by life-cycle stage (the share of the total in each stage).',
        zh: '按生命周期阶段报告结果（各阶段占总量的比例）。',
      },
      fix: {
        en: 'Give every process of the model a life-cycle stage so that nothing stays unassigned.',
        zh: '为模型中的每个过程指定生命周期阶段，不留“未分配”部分。',
      },
    },
    {
      id: `${GHGP}.exclusions`,
      clause: chapter(7, 'Boundary setting'),
      clauseToBeConfirmed: true,
      topic: 'cut-off',
      level: 'mandatory',
      condition: { check: 'cut-off', statementRequired: true },
      text: {
        en: 'Any attributable process left out of the boundary is disclosed and the exclusion justified.',
        zh: '任何被排除在边界之外的可归属过程都须披露，并说明排除理由。',
      },
      fix: {
        en: 'State the exclusion criteria and list each excluded process with the reason and an estimate of its size.',
        zh: '说明排除准则，并列出每个被排除的过程及其理由和规模估计。',
      },
    },
    {
      id: `${GHGP}.allocation`,
      clause: chapter(9, 'Allocation'),
      clauseToBeConfirmed: true,
      topic: 'allocation',
      level: 'mandatory',
      condition: {
        check: 'allocation',
        hierarchy: [['subdivision', 'system-expansion'], ['physical'], ['economic', 'other']],
        justificationBelowFirstLevel: true,
      },
      text: {
        en: 'Allocation is avoided (process subdivision, redefining the unit of analysis, system expansion); otherwise it follows physical relationships, then economic or other relationships; the method is disclosed and justified.',
        zh: '避免分配（过程细分、重新定义分析单位、系统扩展）；否则按物理关系分配，其次按经济或其他关系分配；须披露分配方法并说明理由。',
      },
      fix: {
        en: 'State the allocation method used; if it is not subdivision or system expansion, give the reason.',
        zh: '说明所用的分配方法；若不是过程细分或系统扩展，须说明理由。',
      },
    },
    {
      id: `${GHGP}.primary-data`,
      clause: chapter(8, 'Collecting data and assessing data quality'),
      clauseToBeConfirmed: true,
      topic: 'data-quality',
      level: 'mandatory',
      condition: { check: 'attestation' },
      text: {
        en: 'Primary data are collected for all processes under the reporting company’s ownership or control.',
        zh: '对报告企业拥有或控制的全部过程收集初级数据。',
      },
      fix: {
        en: 'Attest that the processes you own or control use primary data, with a reference to the records.',
        zh: '声明企业拥有或控制的过程采用初级数据，并注明记录出处。',
      },
    },
    {
      id: `${GHGP}.data-quality`,
      clause: chapter(8, 'Collecting data and assessing data quality'),
      clauseToBeConfirmed: true,
      topic: 'data-quality',
      level: 'mandatory',
      condition: { check: 'data-quality', assessmentRequired: true },
      text: {
        en: 'The quality of the data of significant processes is assessed (technological, temporal and geographical representativeness, completeness, reliability) and described.',
        zh: '评估并说明重要过程数据的质量（技术、时间和地理代表性，完整性，可靠性）。',
      },
      fix: {
        en: 'Run the data-quality assessment of the model and attach its summary to the study.',
        zh: '对模型进行数据质量评估，并将汇总结果附于研究中。',
      },
    },
    {
      id: `${GHGP}.uncertainty`,
      clause: chapter(10, 'Assessing uncertainty'),
      clauseToBeConfirmed: true,
      topic: 'uncertainty',
      level: 'mandatory',
      condition: { check: 'uncertainty', kind: 'qualitative' },
      text: {
        en: 'The report gives at least a qualitative statement on the uncertainty of the inventory and of the methodological choices.',
        zh: '报告至少对清单及方法选择的不确定性作出定性说明。',
      },
      fix: {
        en: 'Write a statement on uncertainty (or run a Monte Carlo analysis) and attach it to the study.',
        zh: '撰写不确定性说明（或进行蒙特卡洛分析）并附于研究中。',
      },
    },
    {
      id: `${GHGP}.time-period`,
      clause: chapter(13, 'Reporting'),
      clauseToBeConfirmed: true,
      topic: 'time-period',
      level: 'mandatory',
      condition: { check: 'reference-period' },
      text: {
        en: 'The time period of the inventory is reported.',
        zh: '报告清单的时间段。',
      },
      fix: { en: 'Give the reference period (start and end date).', zh: '给出参考期（起止日期）。' },
    },
    {
      id: `${GHGP}.use-and-end-of-life`,
      clause: chapter(7, 'Boundary setting'),
      clauseToBeConfirmed: true,
      topic: 'end-of-life',
      level: 'mandatory',
      appliesTo: { boundaries: ['cradle-to-grave'] },
      condition: {
        check: 'end-of-life',
        accepted: ['cut-off', 'avoided-burden', 'circular-footprint-formula', 'other'],
      },
      text: {
        en: 'The use and end-of-life stages are modelled with stated assumptions and scenarios.',
        zh: '使用阶段和寿命末期按说明的假设和情景建模。',
      },
      fix: {
        en: 'State the end-of-life approach and scenario, and model the end-of-life stage.',
        zh: '说明寿命末期处理方法和情景，并建模寿命末期阶段。',
      },
    },
    {
      id: `${GHGP}.assurance`,
      clause: chapter(12, 'Assurance'),
      clauseToBeConfirmed: true,
      topic: 'verification',
      level: 'mandatory',
      condition: { check: 'attestation' },
      text: {
        en: 'The inventory is assured (by a first or third party) before it is publicly reported.',
        zh: '清单在公开报告前须经（第一方或第三方）鉴证。',
      },
      fix: {
        en: 'Have the inventory assured and attest it with the assurance statement.',
        zh: '对清单进行鉴证，并以鉴证声明作为证明。',
      },
    },
    {
      id: `${GHGP}.report`,
      clause: chapter(13, 'Reporting'),
      clauseToBeConfirmed: true,
      topic: 'report',
      level: 'mandatory',
      condition: {
        check: 'report',
        items: [
          'functional-or-declared-unit',
          'system-boundary',
          'gwp-set',
          'separate-values',
          'results-by-stage',
          'cut-off-criteria',
          'allocation',
          'data-quality',
          'uncertainty',
          'reference-period',
          'background-data-sources',
          'limitations',
        ],
      },
      text: {
        en: 'The public report gives the unit of analysis, boundary, GWP values used, separate biogenic and non-biogenic values, results by stage, exclusions, allocation, data quality, uncertainty, time period, data sources and limitations.',
        zh: '公开报告给出分析单位、边界、所用 GWP 值、生物源与非生物源分项、分阶段结果、排除项、分配、数据质量、不确定性、时间段、数据来源和局限性。',
      },
      fix: {
        en: 'Fill in the missing items of the study before generating the report.',
        zh: '生成报告前补全研究中缺失的项目。',
      },
    },
  ],
  toBeConfirmed: [
    'chapter references after chapter 3 were not seen in a citable excerpt',
    'the GWP time horizon the standard requires',
  ],
};
