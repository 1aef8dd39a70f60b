import type { AllocationMethod, FlowType, ProcessType } from '@opencfp/core';
import { nameBasedUuid } from './eco-spold1-ids.js';
import { NAMESPACE_URL, uuidV5 } from './simapro-uuid.js';

/**
 * Names and conventions of the ILCD format shared by the ILCD reader and writer: XML namespaces, dataset
 * folders, enumeration values, id derivation and number formatting.
 */

export const ILCD_NS = {
  common: 'http://lca.jrc.it/ILCD/Common',
  process: 'http://lca.jrc.it/ILCD/Process',
  flow: 'http://lca.jrc.it/ILCD/Flow',
  flowProperty: 'http://lca.jrc.it/ILCD/FlowProperty',
  unitGroup: 'http://lca.jrc.it/ILCD/UnitGroup',
  source: 'http://lca.jrc.it/ILCD/Source',
  contact: 'http://lca.jrc.it/ILCD/Contact',
  lciaMethod: 'http://lca.jrc.it/ILCD/LCIAMethod',
  locations: 'http://lca.jrc.it/ILCD/Locations',
} as const;

/**
 * openLCA's extension attributes (exchange amount/unit/property/formula/provider/avoided product, unit ids,
 * parameter scope), as written and read by openLCA's ILCD export and import.
 */
export const OLCA_NS = 'http://openlca.org/ilcd-extensions';

/**
 * OpenCFP's extensions, for what neither ILCD nor openLCA's extensions can hold exactly. All are optional and
 * in places the ILCD schema leaves open (`anyAttribute ##other`, `common:other`), so packages stay valid:
 * - root element `ocfp:verbatimText="true"`: texts are not pretty-printed; readers keep their edge spaces;
 * - `dataSetInformation/@ocfp:datasetId`: the model id when it is not a lower-case UUID (the UUID is then
 *   derived from it); flows add `@ocfp:nomenclature` and `@ocfp:cas` (when ILCD's 6-2-1 CAS form differs),
 *   sources `@ocfp:year`, unit groups `@ocfp:defaultFlowProperty`, units `@ocfp:synonyms` (one per line);
 * - process `LCIMethodAndAllocation/common:other/ocfp:allocation[@defaultMethod]/ocfp:factor` with method,
 *   product (flow UUID), value, exchange (internal id) or exchangeFlow (flow UUID), formula: the allocation
 *   factors exactly (ILCD's percentages are rounded to the `Perc` type and mix methods);
 * - exchange and parameter `@ocfp:geomMean`/`@ocfp:geomSd` (log-normal), `@ocfp:normalMean`/`@ocfp:normalSd`,
 *   parameter `@ocfp:mostLikelyValue` (triangular mode) and `@ocfp:isInput`;
 * - `@ocfp:locationId`/`@ocfp:locationName` where a location code alone would not restore the location;
 * - `common:other/ocfp:description`: the whole text when a comment is longer than ILCD's 500 characters;
 * - process `dataSetInformation/common:other/ocfp:tag`; LCIA `dataSetInformation/common:other/ocfp:method`
 *   (id and name of each method the indicator belongs to); characterisation factor `@ocfp:value`,
 *   `@ocfp:unitId`, `@ocfp:flowPropertyId`, `@ocfp:formula` (the factor as given, per that unit).
 */
export const OCFP_NS = 'https://opencfp.org/ns/ilcd-extensions';

/** Root element → dataset folder of an ILCD package. */
export const ILCD_FOLDERS = {
  processDataSet: 'processes',
  flowDataSet: 'flows',
  flowPropertyDataSet: 'flowproperties',
  unitGroupDataSet: 'unitgroups',
  sourceDataSet: 'sources',
  contactDataSet: 'contacts',
  LCIAMethodDataSet: 'lciamethods',
} as const;

export type IlcdRoot = keyof typeof ILCD_FOLDERS;

/** The GlobalReferenceType `type` of a reference to each dataset kind. */
export const REF_TYPES: { [K in IlcdRoot]: string } = {
  processDataSet: 'process data set',
  flowDataSet: 'flow data set',
  flowPropertyDataSet: 'flow property data set',
  unitGroupDataSet: 'unit group data set',
  sourceDataSet: 'source data set',
  contactDataSet: 'contact data set',
  LCIAMethodDataSet: 'LCIA method data set',
};

/** ILCD 1.1 schema version written into every dataset. */
export const ILCD_SCHEMA_VERSION = '1.1';

/** Dataset version written when the model has none (or one that is not 'NN.NN.NNN'). */
export const DEFAULT_DATASET_VERSION = '01.00.000';

/** The exchange parameters openLCA creates for amount formulas; its import skips them, and so do we. */
export const TEMP_PARAMETER_PREFIX = 'temp_olca_param';

// 'Other flow' (EF 3.x uses it for flows that are neither products nor wastes) is read as a product, as
// openLCA does: the engine can then link it like any product.
export const FLOW_TYPES: { [value: string]: FlowType } = {
  'Elementary flow': 'elementary',
  'Product flow': 'product',
  'Waste flow': 'waste',
  'Other flow': 'product',
};

export const FLOW_TYPE_VALUES: { [T in FlowType]: string } = {
  elementary: 'Elementary flow',
  product: 'Product flow',
  waste: 'Waste flow',
};

export const PROCESS_TYPES: { [value: string]: ProcessType } = {
  'Unit process, single operation': 'unit',
  'Unit process, black box': 'unit',
  'LCI result': 'system',
  'Partly terminated system': 'system',
  'Avoided product system': 'system',
};

export const PROCESS_TYPE_VALUES: { [T in ProcessType]: string } = {
  unit: 'Unit process, black box',
  system: 'LCI result',
};

/**
 * The default allocation method an `LCIMethodApproaches` value states, as openLCA's import reads it (causal
 * for explicit assignments, economic for market values, physical for the other allocation approaches).
 * Substitution, consequential and 'Not applicable' approaches state no allocation method.
 */
export function allocationOfApproach(approach: string): AllocationMethod | undefined {
  switch (approach) {
    case 'Allocation - other explicit assignment':
    case 'Allocation - marginal causality':
    case 'Allocation - ability to bear':
    case 'Allocation - element content':
      return 'causal';
    case 'Allocation - market value':
    case 'Substitution - average, market price correction':
      return 'economic';
    default:
      return approach.startsWith('Allocation - ') ? 'physical' : undefined;
  }
}

/** The `LCIMethodApproaches` value openLCA's export writes for a default allocation method. */
export const APPROACH_OF_ALLOCATION: { [M in AllocationMethod]: string } = {
  causal: 'Allocation - other explicit assignment',
  economic: 'Allocation - market value',
  physical: 'Allocation - physical causality',
};

const UUID_RE = /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/;

/** True for the lower-case UUIDs the ILCD schema accepts as `common:UUID` and `refObjectId`. */
export function isIlcdUuid(id: string): boolean {
  return UUID_RE.test(id);
}

/** Namespace of the ids the ILCD reader and writer derive: uuidV5(NAMESPACE_URL, 'https://opencfp.org/ns/ilcd'). */
export const ILCD_NAMESPACE = uuidV5('https://opencfp.org/ns/ilcd', NAMESPACE_URL);

/**
 * The UUID a dataset is written under: its id when that is an ILCD UUID, otherwise one derived from the kind
 * and the id (the original id then travels in `ocfp:id`).
 *
 * @example
 * ilcdUuid('processDataSet', 'p-steel'); // a stable UUID v5
 */
export function ilcdUuid(kind: IlcdRoot, id: string): string {
  return isIlcdUuid(id) ? id : uuidV5(`${kind}/${id}`, ILCD_NAMESPACE);
}

/**
 * The id of a location known only by its code: openLCA's `KeyGen.get(code)`, which its ILCD import gives to
 * new locations (US LCI's location ids are exactly these).
 */
export function locationIdOfCode(code: string): string {
  return nameBasedUuid(code);
}

/**
 * A number as written into ILCD: JavaScript's shortest round-trip form (`String(x)`), which is a valid
 * xs:double ('0.1', '1e-7', '1.5e+21') and parses back to the same double in JavaScript and Java.
 */
export function formatReal(x: number): string {
  return String(x);
}

/**
 * A number for an ILCD `Perc` field (xs:decimal with at most 5 digits, 3 after the point): rounded to what
 * the schema allows. Exact values go into extension attributes next to it.
 *
 * @example
 * formatPerc(33.333333); // '33.333'
 * formatPerc(123.456);   // '123.46'
 */
export function formatPerc(x: number): string {
  if (!Number.isFinite(x)) return '0';
  const intDigits = Math.max(1, Math.floor(Math.abs(x)).toString().length);
  const decimals = Math.max(0, Math.min(3, 5 - intDigits));
  let s = x.toFixed(decimals);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

// xs:double / xs:decimal lexical forms, plus INF/NaN which we reject as values.
const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Parses an xs:double or xs:decimal; undefined for anything else (including '', 'INF', 'NaN', '0x10'). */
export function parseReal(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (!NUMBER_RE.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

/** Parses an xs:integer (dataSetInternalID, references to internal ids). */
export function parseInteger(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (!/^[+-]?\d+$/.test(t)) return undefined;
  const v = Number(t);
  return Number.isSafeInteger(v) ? v : undefined;
}

/** True for a dataset version the ILCD schema accepts ('01.00.000', '02.01'). */
export function isIlcdVersion(version: string | undefined): version is string {
  return version !== undefined && /^\d{2}\.\d{2}(\.\d{3})?$/.test(version);
}
