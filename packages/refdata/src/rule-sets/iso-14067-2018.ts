// ISO 14067:2018 as a rule set. The standard is copyrighted by ISO: we hold clause numbers and our own short
// paraphrases only. Clause numbers we saw in public excerpts of the table of contents or in other projects' citations
// are marked confirmed; the others carry clauseToBeConfirmed. The standard sets no numeric cut-off; the GWP time
// horizon it names is left out of the data until confirmed against the text (see toBeConfirmed).
import type { Requirement, RuleSet, RuleSource } from './rule-set.js';

const ISO = 'iso-14067-2018';

export const ISO_14067_2018_SOURCES: RuleSource[] = [
  {
    id: ISO,
    title:
      'ISO 14067:2018 Greenhouse gases — Carbon footprint of products — Requirements and guidelines for quantification',
    publisher: 'International Organization for Standardization (ISO)',
    year: 2018,
    edition: 'First edition, 2018-08',
    url: 'https://www.iso.org/standard/71206.html',
    seen:
      "Title, edition and the table of contents (clauses 1–6.1) from the standard's front matter as public catalogue " +
      'excerpts show it; 6.3.3 (functional or declared unit), 6.3.4 (system boundary) and 6.3.4.3 (cut-off criteria) ' +
      "as other projects cite them. The standard's text is not held; clause contents are our reading.",
  },
];

/**
 * The requirements, shared with GB/T 24067-2024 (which follows ISO 14067:2018 and adds to it): `clause` here is
 * the ISO clause number alone.
 */
export const ISO_14067_2018_REQUIREMENTS: Requirement[] = [
  {
    id: `${ISO}.boundary`,
    clause: '6.3.4',
    topic: 'boundary',
    level: 'mandatory',
    condition: {
      check: 'boundary',
      allowed: {
        final: ['cradle-to-grave'],
        intermediate: ['cradle-to-gate', 'cradle-to-grave', 'gate-to-gate'],
      },
    },
    text: {
      en: 'The carbon footprint (CFP) of a product covers all stages of its life cycle; a study of selected stages only (e.g. cradle to gate of an intermediate product) is a partial CFP and is reported as such.',
      zh: '产品碳足迹（CFP）覆盖产品生命周期的全部阶段；仅研究部分阶段（如中间产品的“摇篮到大门”）属于产品部分碳足迹，并须如此报告。',
    },
    fix: {
      en: 'For a final product model the use and end-of-life stages and set the boundary to cradle-to-grave; for an intermediate product declare it intermediate and report a partial CFP.',
      zh: '最终产品应建模使用阶段和寿命末期并将边界设为“摇篮到坟墓”；中间产品应声明为中间产品并报告产品部分碳足迹。',
    },
  },
  {
    id: `${ISO}.unit`,
    clause: '6.3.3',
    topic: 'unit',
    level: 'mandatory',
    condition: {
      check: 'unit',
      required: { final: 'functional-unit', intermediate: 'functional-or-declared-unit' },
    },
    text: {
      en: 'A CFP is expressed per functional unit; a partial CFP may be expressed per declared unit.',
      zh: '产品碳足迹以功能单位表示；产品部分碳足迹可以声明单位表示。',
    },
    fix: {
      en: 'State the functional unit (what function, how much, for how long) or, for a partial CFP, the declared unit, and make the model’s reference output match it.',
      zh: '说明功能单位（何种功能、多少、多长时间），或对产品部分碳足迹说明声明单位，并使模型的基准产出与之一致。',
    },
  },
  {
    id: `${ISO}.gwp`,
    clause: '6.5',
    clauseToBeConfirmed: true,
    topic: 'gwp',
    level: 'mandatory',
    condition: { check: 'gwp-set', characterisation: 'ipcc' },
    text: {
      en: 'GHG emissions and removals are characterised with the global warming potentials of the IPCC, as the standard specifies.',
      zh: '温室气体排放和清除采用 IPCC 发布的全球增温潜势进行特征化，具体按标准规定。',
    },
    fix: {
      en: 'Calculate the model with an IPCC GWP set (e.g. ipcc-ar6-gwp100).',
      zh: '使用 IPCC 的 GWP 值集（如 ipcc-ar6-gwp100）计算模型。',
    },
    toBeConfirmed: [
      'the time horizon and the IPCC report the standard requires (commonly read as GWP100 of the most recent report) are not confirmed against the text, so the data does not restrict them',
    ],
  },
  {
    id: `${ISO}.separate-reporting`,
    clause: '7.2',
    clauseToBeConfirmed: true,
    topic: 'separate-reporting',
    level: 'mandatory',
    condition: {
      check: 'separate-reporting',
      items: ['fossil', 'biogenic-emissions', 'biogenic-removals', 'dluc', 'aircraft'],
    },
    text: {
      en: 'The study report gives fossil GHG emissions and removals, biogenic GHG emissions and removals, GHG emissions from direct land-use change and aircraft GHG emissions as separate values.',
      zh: '研究报告分别给出化石源温室气体排放和清除、生物源温室气体排放和清除、直接土地利用变化产生的温室气体排放以及航空运输温室气体排放。',
    },
    fix: {
      en: 'Report the split of the result (fossil, biogenic, dLUC, aircraft) beside the total.',
      zh: '在总量之外报告结果的分项（化石、生物源、直接土地利用变化、航空）。',
    },
  },
  {
    id: `${ISO}.stages`,
    clause: '7.2',
    clauseToBeConfirmed: true,
    topic: 'stages',
    level: 'recommended',
    condition: { check: 'stages', scheme: 'iso-14067' },
    text: {
      en: 'Results are given by life-cycle stage, with every part of the footprint assigned to a stage.',
      zh: '按生命周期阶段给出结果，碳足迹的每一部分都分配到某一阶段。',
    },
    fix: {
      en: 'Give every process of the model a life-cycle stage so that nothing stays unassigned.',
      zh: '为模型中的每个过程指定生命周期阶段，不留“未分配”部分。',
    },
    toBeConfirmed: ['whether the standard requires results by stage or only recommends them'],
  },
  {
    id: `${ISO}.cut-off`,
    clause: '6.3.4.3',
    topic: 'cut-off',
    level: 'mandatory',
    condition: { check: 'cut-off', statementRequired: true },
    text: {
      en: 'Cut-off criteria are set in the scope; what they exclude and its effect on the result are assessed and described in the report.',
      zh: '在范围中规定取舍准则；评估并在报告中说明被排除的内容及其对结果的影响。',
    },
    fix: {
      en: 'State the cut-off criteria and list each exclusion with an estimate of its kg CO2e per declared unit.',
      zh: '说明取舍准则，并列出每项排除内容及其每声明单位 kg CO2e 的估计值。',
    },
  },
  {
    id: `${ISO}.allocation`,
    clause: '6.4.6',
    clauseToBeConfirmed: true,
    topic: 'allocation',
    level: 'mandatory',
    condition: {
      check: 'allocation',
      hierarchy: [['subdivision', 'system-expansion'], ['physical'], ['economic', 'other']],
      justificationBelowFirstLevel: true,
    },
    text: {
      en: 'Allocation is avoided where possible (dividing processes, expanding the system); otherwise inputs and emissions are partitioned by physical relationships, and only then by other relationships such as economic value; the procedure is documented and justified.',
      zh: '尽可能避免分配（细分过程、扩展系统）；否则按物理关系分配，其次才按经济价值等其他关系分配；分配程序须记录并说明理由。',
    },
    fix: {
      en: 'State the allocation method used; if it is not subdivision or system expansion, give the reason.',
      zh: '说明所用的分配方法；若不是过程细分或系统扩展，须说明理由。',
    },
  },
  {
    id: `${ISO}.electricity`,
    clause: '6.4.9.4',
    clauseToBeConfirmed: true,
    topic: 'electricity',
    level: 'mandatory',
    condition: {
      check: 'electricity',
      accepted: ['location-based', 'market-based', 'residual-mix', 'eu-battery'],
    },
    text: {
      en: 'Electricity is modelled with grid factors, or with a supplier-specific product only when its contractual instrument meets quality criteria (unique claim, tracked and redeemed, same period, same market); the treatment is reported.',
      zh: '电力采用电网排放因子建模；只有当合同工具满足质量准则（唯一声明、可追踪并注销、时间一致、市场一致）时才可采用供应商特定电力；电力处理方式须报告。',
    },
    fix: {
      en: 'Account each electricity input location-based, market-based (instruments meeting every criterion) or at the residual mix, and report the choice.',
      zh: '每项电力输入按基于位置、基于市场（工具满足全部准则）或剩余组合核算，并报告所作选择。',
    },
  },
  {
    id: `${ISO}.data-quality`,
    clause: '6.3.5',
    clauseToBeConfirmed: true,
    topic: 'data-quality',
    level: 'mandatory',
    condition: { check: 'data-quality', assessmentRequired: true },
    text: {
      en: 'Data-quality requirements are set and the quality of the data used is assessed (time, geography and technology represented, precision, completeness, consistency, sources).',
      zh: '规定数据质量要求，并评估所用数据的质量（时间、地理和技术代表性、精确度、完整性、一致性、来源）。',
    },
    fix: {
      en: 'Run the data-quality assessment of the model and attach its summary to the study.',
      zh: '对模型进行数据质量评估，并将汇总结果附于研究中。',
    },
  },
  {
    id: `${ISO}.site-specific-data`,
    clause: '6.3.5',
    clauseToBeConfirmed: true,
    topic: 'data-quality',
    level: 'mandatory',
    condition: { check: 'attestation' },
    text: {
      en: 'Site-specific data are collected for the unit processes under the financial or operational control of the organization doing the study.',
      zh: '对开展研究的组织在财务或运营上控制的单元过程，收集现场特定数据。',
    },
    fix: {
      en: 'Attest that the foreground processes under your control use measured site data, with a reference to the records.',
      zh: '声明受控的前景过程采用实测的现场数据，并注明记录出处。',
    },
  },
  {
    id: `${ISO}.time-period`,
    clause: '6.3.6',
    clauseToBeConfirmed: true,
    topic: 'time-period',
    level: 'mandatory',
    condition: { check: 'reference-period' },
    text: {
      en: 'The time period the data represent is stated.',
      zh: '说明数据所代表的时间段。',
    },
    fix: {
      en: 'Give the reference period (start and end date) of the study’s data.',
      zh: '给出研究数据的参考期（起止日期）。',
    },
  },
  {
    id: `${ISO}.use-and-end-of-life`,
    clause: '6.3.7, 6.3.8',
    clauseToBeConfirmed: true,
    topic: 'end-of-life',
    level: 'mandatory',
    appliesTo: { boundaries: ['cradle-to-grave'] },
    condition: {
      check: 'end-of-life',
      accepted: ['cut-off', 'avoided-burden', 'circular-footprint-formula', 'other'],
    },
    text: {
      en: 'When use and end of life are in the boundary, the use profile and the end-of-life scenarios are specified and documented.',
      zh: '当边界包含使用阶段和寿命末期时，须规定并记录使用情景和寿命末期情景。',
    },
    fix: {
      en: 'State the end-of-life approach (and scenario) of the study, and model the end-of-life stage.',
      zh: '说明研究采用的寿命末期处理方法（及情景），并建模寿命末期阶段。',
    },
  },
  {
    id: `${ISO}.sensitivity`,
    clause: '6.6',
    clauseToBeConfirmed: true,
    topic: 'uncertainty',
    level: 'mandatory',
    condition: { check: 'uncertainty', kind: 'sensitivity' },
    text: {
      en: 'The interpretation includes a sensitivity analysis of the significant inputs and methodological choices.',
      zh: '结果解释包括对重要输入和方法选择的敏感性分析。',
    },
    fix: {
      en: 'Run a sensitivity analysis of the model and attach its results to the study.',
      zh: '对模型进行敏感性分析，并将结果附于研究中。',
    },
  },
  {
    id: `${ISO}.uncertainty`,
    clause: '6.6',
    clauseToBeConfirmed: true,
    topic: 'uncertainty',
    level: 'recommended',
    condition: { check: 'uncertainty', kind: 'qualitative' },
    text: {
      en: 'The uncertainty of the result is assessed and described.',
      zh: '评估并说明结果的不确定性。',
    },
    fix: {
      en: 'Run a Monte Carlo analysis, or write a statement on the uncertainty of the result.',
      zh: '进行蒙特卡洛分析，或撰写关于结果不确定性的说明。',
    },
    toBeConfirmed: ['whether an uncertainty assessment is required or recommended'],
  },
  {
    id: `${ISO}.report`,
    clause: '7',
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
        'cut-off-criteria',
        'allocation',
        'data-quality',
        'reference-period',
        'electricity',
        'biogenic-approach',
        'limitations',
      ],
    },
    text: {
      en: 'The CFP study report documents the unit, the boundary, the characterisation, the separate GHG values, cut-off, allocation, data quality, the time period, the treatment of electricity and of biogenic carbon, and the limitations.',
      zh: '产品碳足迹研究报告记录单位、边界、特征化方法、分项温室气体值、取舍、分配、数据质量、时间段、电力和生物碳的处理方式以及局限性。',
    },
    fix: {
      en: 'Fill in the missing items of the study before generating the report.',
      zh: '生成报告前补全研究中缺失的项目。',
    },
  },
];

export const ISO_14067_2018: RuleSet = {
  id: ISO,
  name: {
    en: 'ISO 14067:2018 Carbon footprint of products',
    zh: 'ISO 14067:2018 产品碳足迹',
  },
  version: '2018',
  publisher: 'ISO',
  year: 2018,
  url: 'https://www.iso.org/standard/71206.html',
  copyright:
    '© ISO 2018, all rights reserved. OpenCFP holds clause numbers and its own short paraphrases only, not the ' +
    "standard's text; buy the standard from ISO or a national standards body.",
  scope: {
    en: 'Quantification of the carbon footprint (CFP) and partial carbon footprint of a product, consistent with ISO 14040/14044.',
    zh: '与 ISO 14040/14044 一致的产品碳足迹及产品部分碳足迹量化。',
  },
  sources: ISO_14067_2018_SOURCES,
  requirements: ISO_14067_2018_REQUIREMENTS.map((r) => ({ ...r, clause: `ISO 14067:2018 ${r.clause}` })),
  toBeConfirmed: [
    'clause numbers marked clauseToBeConfirmed were not seen in a citable excerpt',
    'the GWP time horizon and IPCC report the standard requires',
  ],
};
