// Rule sets as data: what each carbon-footprint standard or method requires, with sources (docs/rule-sets.md).
export * from './rule-set.js';
export { ruleSet, ruleSets } from './rule-sets.js';
export { ISO_14067_2018 } from './iso-14067-2018.js';
export { GB_T_24067_2024 } from './gb-t-24067-2024.js';
export { GHG_PROTOCOL_PRODUCT_2011 } from './ghg-protocol-product-2011.js';
export { PAS_2050_2011 } from './pas-2050-2011.js';
export { EU_PEF_2021_2279 } from './eu-pef-2021-2279.js';
export { EU_BATTERY_CFB_EV_2023 } from './eu-battery-cfb-ev-2023.js';
export { EU_BATTERY_DRAFT_DA_2024 } from './eu-battery-draft-delegated-act-2024.js';
export { PACT_METHODOLOGY_3_0 } from './pact-methodology-3-0.js';
