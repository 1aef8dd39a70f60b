// GB/T 24067-2024 as a rule set. The national standard follows ISO 14067:2018 (by the announcements: "mainly
// draws on ISO 14067", consistent with GB/T 24040/24044) and adds a framework for product-specific standards, advice
// on the geographic boundary of data, critical review and a CFP declaration. We hold the ISO-based requirements with
// the ISO clause each corresponds to; the GB/T clause numbers are to be confirmed against the published text.
import { ISO_14067_2018_REQUIREMENTS } from './iso-14067-2018.js';
import type { Requirement, RuleSet } from './rule-set.js';

const GBT = 'gb-t-24067-2024';

const FROM_ISO: Requirement[] = ISO_14067_2018_REQUIREMENTS.map((r) => ({
  ...r,
  id: r.id.replace(/^iso-14067-2018\./, `${GBT}.`),
  clause: `GB/T 24067-2024 (ISO 14067:2018 ${r.clause})`,
  clauseToBeConfirmed: true,
}));

const ADDED: Requirement[] = [
  {
    id: `${GBT}.critical-review`,
    clause: 'GB/T 24067-2024 鉴定性评审 (critical review)',
    clauseToBeConfirmed: true,
    topic: 'verification',
    level: 'recommended',
    condition: { check: 'attestation' },
    text: {
      en: 'The standard adds provisions on critical review of the CFP study.',
      zh: '本标准增加了产品碳足迹研究鉴定性评审的规定。',
    },
    fix: {
      en: 'Have the study critically reviewed and attest it with the reviewer’s statement.',
      zh: '对研究进行鉴定性评审，并以评审人的声明作为证明。',
    },
    toBeConfirmed: ['when the standard makes the critical review mandatory, and its clause number'],
  },
];

export const GB_T_24067_2024: RuleSet = {
  id: GBT,
  name: {
    en: 'GB/T 24067-2024 Greenhouse gases — Carbon footprint of products — Requirements and guidelines for quantification',
    zh: 'GB/T 24067-2024 温室气体 产品碳足迹 量化要求和指南',
  },
  version: '2024',
  publisher:
    'State Administration for Market Regulation (SAMR) / Standardization Administration of China (SAC)',
  year: 2024,
  url: 'https://openstd.samr.gov.cn/',
  copyright:
    'Chinese national standard published by SAMR and SAC. OpenCFP holds its number, the ISO 14067:2018 clause each ' +
    'requirement corresponds to and its own short paraphrases, not the text; obtain the standard from the national ' +
    'standards system.',
  scope: {
    en: 'China’s general standard for quantifying the carbon footprint and partial carbon footprint of products, based on ISO 14067.',
    zh: '我国产品碳足迹及产品部分碳足迹量化的通则标准，以 ISO 14067 为基础。',
  },
  sources: [
    {
      id: GBT,
      title: 'GB/T 24067-2024 温室气体 产品碳足迹 量化要求和指南',
      publisher: '国家市场监督管理总局、国家标准化管理委员会',
      year: 2024,
      edition: '发布 2024-08-23，国家标准公告 2024 年第 17 号',
      url: 'https://sdtdata.com/fx/fcv1/tsLibCard/198047.html',
      seen:
        'Publication date and announcement from a standards catalogue entry (sdtdata); the relation to ISO 14067 ' +
        'and the additions (product-specific standards framework, critical review, CFP declaration) from the Ministry ' +
        "of Ecology and Environment's announcement as reproduced by several sites (September 2024).",
    },
    {
      id: 'iso-14067-2018',
      title:
        'ISO 14067:2018 Greenhouse gases — Carbon footprint of products — Requirements and guidelines for quantification',
      publisher: 'International Organization for Standardization (ISO)',
      year: 2018,
      url: 'https://www.iso.org/standard/71206.html',
      seen: 'See the ISO 14067:2018 rule set.',
    },
  ],
  requirements: [...FROM_ISO, ...ADDED],
  toBeConfirmed: [
    'the GB/T 24067-2024 clause numbers (the data gives the ISO 14067:2018 clause each requirement corresponds to)',
    'whether GB/T 24067-2024 changes any ISO requirement it takes over (levels, reporting items)',
    'the date the standard takes effect (a catalogue gives 2025-03-01; another report says 2024-10-01)',
  ],
};
