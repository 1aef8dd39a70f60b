// The EU battery carbon footprint by the draft Commission Delegated Regulation on its calculation method (April
// 2024, not adopted): the JRC rules' requirements with the draft's narrower electricity rule — only electricity from
// an installation with a direct connection to the plant is modelled as such, the rest takes the national grid mix;
// certificates and PPAs through the grid are not accepted (refdata's 'eu-battery' accounting choice).
import {
  batteryRequirements,
  EU_BATTERY_REGULATION_SOURCE,
  JRC_CFB_EV_SOURCE,
} from './eu-battery-cfb-ev-2023.js';
import type { Requirement, RuleSet, RuleSource } from './rule-set.js';

const DA = 'eu-battery-draft-da-2024';

const DRAFT_DELEGATED_ACT_SOURCE: RuleSource = {
  id: 'draft-da-2024',
  title:
    'Draft Commission Delegated Regulation supplementing Regulation (EU) 2023/1542 by establishing the methodology for the calculation and verification of the carbon footprint of electric vehicle batteries',
  publisher: 'European Commission',
  year: 2024,
  edition: 'Ref. Ares(2024)3131389, 29 April 2024 (draft, not adopted)',
  url: 'https://ec.europa.eu/info/law/better-regulation/have-your-say',
  seen:
    'Front page and explanatory memorandum from a copy of the draft (it draws on the JRC report; feedback period ' +
    '30 April – 28 May 2024); the electricity rule as refdata’s electricity-accounting.ts and docs/electricity.md ' +
    'record it (section 2.4.1 of the annex), whose exact conditions are to be checked against the adopted act.',
};

const ELECTRICITY: Requirement = {
  id: `${DA}.electricity`,
  clause: 'Draft delegated act (Ares(2024)3131389), Annex, 2.4.1',
  clauseToBeConfirmed: true,
  topic: 'electricity',
  level: 'mandatory',
  condition: { check: 'electricity', accepted: ['eu-battery'] },
  text: {
    en: 'Only electricity from an installation directly connected to the plant is modelled as such; all other electricity takes the national grid mix of the country of production; certificates and grid PPAs are not accepted.',
    zh: '只有与工厂直连的发电设施所供电力可按其本身建模；其余电力一律采用生产所在国的全国电网组合；不接受证书和经电网输送的购电协议。',
  },
  fix: {
    en: 'Account every electricity input with the eu-battery choice (direct connection, or the national grid mix).',
    zh: '所有电力输入均按 eu-battery 选项核算（直连，或全国电网组合）。',
  },
  toBeConfirmed: ['the exact direct-connection conditions, against the adopted act'],
};

export const EU_BATTERY_DRAFT_DA_2024: RuleSet = {
  id: DA,
  name: {
    en: 'EU Battery Regulation — carbon footprint of EV batteries (draft delegated act, 2024)',
    zh: '欧盟电池法规——电动汽车电池碳足迹（授权法案草案，2024）',
  },
  version: 'draft 2024-04-29',
  publisher: 'European Commission',
  year: 2024,
  url: 'https://ec.europa.eu/info/law/better-regulation/have-your-say',
  copyright:
    '© European Union; reuse of Commission documents authorised with acknowledgement. A draft, not adopted: check ' +
    'the adopted act. OpenCFP holds its own paraphrases.',
  scope: {
    en: 'The JRC rules for EV batteries with the draft delegated act’s electricity rule (direct connection or national grid mix).',
    zh: 'JRC 电动汽车电池规则，并采用授权法案草案的电力规则（直连或全国电网组合）。',
  },
  supersedes: 'eu-battery-cfb-ev-2023',
  sources: [EU_BATTERY_REGULATION_SOURCE, JRC_CFB_EV_SOURCE, DRAFT_DELEGATED_ACT_SOURCE],
  requirements: batteryRequirements(DA, ELECTRICITY),
  toBeConfirmed: [
    'everything the draft changed besides electricity (checked only through the JRC rules here)',
    'the adopted act’s wording',
  ],
};
