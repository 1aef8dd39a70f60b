// The rule sets OpenCFP holds, by id. A new version of a standard is a new rule set (a new file and id), so studies
// keep the version they declared.
import { RefdataError } from '../errors.js';
import { EU_BATTERY_CFB_EV_2023 } from './eu-battery-cfb-ev-2023.js';
import { EU_BATTERY_DRAFT_DA_2024 } from './eu-battery-draft-delegated-act-2024.js';
import { EU_PEF_2021_2279 } from './eu-pef-2021-2279.js';
import { GB_T_24067_2024 } from './gb-t-24067-2024.js';
import { GHG_PROTOCOL_PRODUCT_2011 } from './ghg-protocol-product-2011.js';
import { ISO_14067_2018 } from './iso-14067-2018.js';
import { PACT_METHODOLOGY_3_0 } from './pact-methodology-3-0.js';
import { PAS_2050_2011 } from './pas-2050-2011.js';
import type { RuleSet } from './rule-set.js';

const ALL: readonly RuleSet[] = [
  ISO_14067_2018,
  GB_T_24067_2024,
  GHG_PROTOCOL_PRODUCT_2011,
  PAS_2050_2011,
  EU_PEF_2021_2279,
  EU_BATTERY_CFB_EV_2023,
  EU_BATTERY_DRAFT_DA_2024,
  PACT_METHODOLOGY_3_0,
];

/**
 * Every rule set, in a stable order.
 *
 * @example ruleSets().map((r) => r.id); // ['iso-14067-2018', 'gb-t-24067-2024', …]
 */
export function ruleSets(): readonly RuleSet[] {
  return ALL;
}

/**
 * One rule set by id.
 *
 * @throws RefdataError `UNKNOWN_RULE_SET` (the message lists the ids there are).
 * @example ruleSet('pas-2050-2011').requirements.length;
 */
export function ruleSet(id: string): RuleSet {
  const found = ALL.find((r) => r.id === id);
  if (!found)
    throw new RefdataError(
      'UNKNOWN_RULE_SET',
      `unknown rule set '${id}': use one of ${ALL.map((r) => r.id).join(', ')}.`,
    );
  return found;
}
