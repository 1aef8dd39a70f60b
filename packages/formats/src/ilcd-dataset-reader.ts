import type { Actor, FlowType, Nomenclature, ProcessType, Source, Uncertainty } from '@opencfp/core';
import type { IssueLog } from './issue-log.js';
import {
  FLOW_TYPES,
  OCFP_NS,
  parseInteger,
  parseReal,
  PROCESS_TYPES,
  TEMP_PARAMETER_PREFIX,
  ILCD_NAMESPACE,
} from './ilcd-format.js';
import { uuidV5 } from './simapro-uuid.js';
import { attr, child, children, path, textOf, type XmlElement } from './xml/xml-element.js';

/** Thrown inside a dataset conversion after its error was logged: the dataset is left out, the rest is read. */
export class SkipIlcdDataset extends Error {}

const EXPORT_AGAIN = 'Export the data set again, or fix the file.';

/** One ILCD dataset file: issue reporting against XPath-like paths below its root element. */
export class IlcdFile {
  readonly root: string;

  /**
   * @param verbatim texts are as written (files of `writeIlcd`, marked `ocfp:verbatimText`): not even the line
   *   breaks at their edges are pretty-printing.
   */
  constructor(
    readonly file: string,
    readonly log: IssueLog,
    rootName: string,
    readonly verbatim = false,
  ) {
    this.root = `/${rootName}`;
  }

  /** Text content as the model keeps it: see {@link cleanText}; verbatim files only drop empty texts. */
  text(text: string | undefined): string | undefined {
    if (!this.verbatim) return cleanText(text);
    return text === undefined || text.trim() === '' ? undefined : text;
  }

  error(path: string, code: string, message: string): void {
    this.log.error(this.file, path, code, message);
  }

  warning(path: string, code: string, message: string): void {
    this.log.warning(this.file, path, code, message);
  }

  info(path: string, code: string, message: string): void {
    this.log.info(this.file, path, code, message);
  }

  /** Logs an error and leaves the whole dataset out. */
  skip(path: string, code: string, message: string): never {
    this.error(path, code, `${message} The data set was skipped. ${EXPORT_AGAIN}`);
    throw new SkipIlcdDataset();
  }
}

/** Common fields of every dataset: the UUID it is referenced by (lower-cased key) and the model id. */
export interface DatasetHead {
  /** Lower-cased UUID: references are matched by it. */
  key: string;
  /** The model id: `ocfp:datasetId` when the writer had to derive the UUID, else the UUID as written. */
  id: string;
  file: string;
}

export interface UnitRecord {
  internalId?: number;
  id: string;
  name: string;
  factor: number;
  synonyms?: string[];
}

export interface UnitGroupRecord extends DatasetHead {
  name: string;
  units: UnitRecord[];
  referenceIndex: number;
  defaultFlowPropertyKey?: string;
}

export interface FlowPropertyRecord extends DatasetHead {
  name: string;
  unitGroupKey: string;
  unitGroupPath: string;
}

export interface FlowPropertyFactorRecord {
  propertyKey: string;
  factor: number;
  internalId?: number;
  path: string;
}

export interface FlowRecord extends DatasetHead {
  name: string;
  type: FlowType;
  /** Typed 'Other flow' in the file (read as a product). */
  other: boolean;
  category?: string;
  cas?: string;
  formula?: string;
  synonyms?: string[];
  location?: LocationRef;
  nomenclature?: Nomenclature;
  properties: FlowPropertyFactorRecord[];
  referenceIndex: number;
}

/** A location as ILCD names it: a code, with OpenCFP's id and name extensions when the writer added them. */
export interface LocationRef {
  code: string;
  id?: string;
  name?: string;
  latitude?: number;
  longitude?: number;
}

/** Uncertainty fields of an exchange or parameter, resolved once the amount is known. */
export interface RawUncertainty {
  distribution: string;
  path: string;
  min?: number;
  max?: number;
  /** relativeStandardDeviation95In: openLCA writes and reads the geometric SD (log-normal) or SD (normal). */
  rsd?: number;
  mode?: number;
  geomMean?: number;
  geomSd?: number;
  mean?: number;
  sd?: number;
}

export interface RawAllocation {
  coProduct?: number;
  fraction?: number;
  path: string;
}

export interface RawExchange {
  /** 1-based position among the exchanges, for paths. */
  position: number;
  path: string;
  internalId?: number;
  flowKey?: string;
  flowName?: string;
  direction?: string;
  variable?: string;
  meanAmount?: number;
  resultingAmount?: number;
  location?: LocationRef;
  uncertainty?: RawUncertainty;
  allocations: RawAllocation[];
  description?: string;
  /** openLCA extension attributes. */
  olca: {
    amount?: number;
    unitId?: string;
    propertyId?: string;
    formula?: string;
    provider?: string;
    avoided: boolean;
    pedigree?: string;
  };
}

export interface RawParameter {
  name: string;
  path: string;
  formula?: string;
  value?: number;
  global: boolean;
  isInput?: boolean;
  description?: string;
  uncertainty?: RawUncertainty;
}

/** OpenCFP's exact allocation factors (`ocfp:allocation`), in ILCD references. */
export interface RawFactor {
  method: string;
  productKey?: string;
  value?: number;
  formula?: string;
  exchange?: number;
  exchangeFlowKey?: string;
  path: string;
}

export interface ProcessRecord extends DatasetHead {
  name: string;
  type: ProcessType;
  category?: string;
  description?: string;
  location?: LocationRef;
  version?: string;
  lastChange?: string;
  tags?: string[];
  referenceIds: number[];
  approaches: string[];
  parameters: RawParameter[];
  /** Helper parameters of openLCA's formula export (temp_olca_param…), by name. */
  tempParameters: Map<string, RawParameter>;
  exchanges: RawExchange[];
  /** Present when the writer stored the factors exactly (then the ILCD fractions are not interpreted). */
  ocfpAllocation?: { defaultMethod?: string; factors: RawFactor[] };
}

export interface ImpactFactorRecord {
  flowKey: string;
  value: number;
  unitId?: string;
  propertyKey?: string;
  formula?: string;
  path: string;
}

export interface ImpactRecord extends DatasetHead {
  name: string;
  unit: string;
  methods: { name: string; id?: string }[];
  factors: ImpactFactorRecord[];
}

function ocfpChildren(element: XmlElement | undefined, name: string): XmlElement[] {
  const other = child(element, 'other');
  return other ? other.children.filter((c) => c.name === name && c.namespace === OCFP_NS) : [];
}

/** The text of an ocfp extension element in `common:other`, e.g. a description longer than ILCD allows. */
function ocfpText(element: XmlElement | undefined, name: string): string | undefined {
  const e = ocfpChildren(element, name)[0];
  return e === undefined || e.text === '' ? undefined : e.text;
}

function trimmed(text: string | undefined): string | undefined {
  const t = text?.trim();
  return t === undefined || t === '' ? undefined : t;
}

/**
 * Text content without the line breaks and indentation of pretty-printed files, but with the edge spaces of
 * the text itself ('Zinc, Special High Grade '), so that texts written by `writeIlcd` read back unchanged.
 */
export function cleanText(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let s = text;
  const lead = /^\s+/.exec(s);
  if (lead && /[\n\r]/.test(lead[0])) s = s.slice(lead[0].length);
  const trail = /\s+$/.exec(s);
  if (trail && /[\n\r]/.test(trail[0])) s = s.slice(0, s.length - trail[0].length);
  return s.trim() === '' ? undefined : s;
}

/** The text in the preferred language among `xml:lang` siblings (as `localized`), cleaned like `cleanText`. */
function langText(f: IlcdFile, elements: XmlElement[], language = 'en'): string | undefined {
  const pick =
    elements.find((e) => e.attributes.lang === language) ??
    elements.find((e) => e.attributes.lang === undefined) ??
    elements[0];
  return f.text(pick?.text);
}

function elementText(f: IlcdFile, element: XmlElement | undefined, ...names: string[]): string | undefined {
  return f.text(path(element, ...names)?.text);
}

/** An attribute as written (not trimmed: formulas and names keep their spaces); '' counts as absent. */
function rawAttr(element: XmlElement | undefined, name: string): string | undefined {
  const v = attr(element, name);
  return v === undefined || v.trim() === '' ? undefined : v;
}

/** The category path of the first classification (classes sorted by level), segments joined by '/'. */
function classificationPath(f: IlcdFile, classes: XmlElement[]): string | undefined {
  const levels = classes
    .map((c, i) => ({ level: parseInteger(attr(c, 'level')) ?? i, name: f.text(c.text) }))
    .filter((c): c is { level: number; name: string } => c.name !== undefined)
    .sort((a, b) => a.level - b.level);
  return levels.length > 0 ? levels.map((c) => c.name.replace(/\//g, '|')).join('/') : undefined;
}

function categoryOf(f: IlcdFile, info: XmlElement | undefined): string | undefined {
  const classification = child(child(info, 'classificationInformation'), 'classification');
  return classification ? classificationPath(f, children(classification, 'class')) : undefined;
}

/** Reads the UUID and model id of a dataset, or skips it. */
function head(f: IlcdFile, info: XmlElement | undefined, infoPath: string): DatasetHead {
  const uuid = textOf(info, 'UUID');
  if (uuid === undefined) f.skip(`${infoPath}/common:UUID`, 'MISSING_UUID', 'The data set has no UUID.');
  const id = trimmed(attr(info, 'datasetId')) ?? uuid;
  return { key: uuid.toLowerCase(), id, file: f.file };
}

/** A real number element: undefined when absent; reported (and undefined) when it is not a number. */
function real(f: IlcdFile, element: XmlElement | undefined, at: string, what: string): number | undefined {
  if (element === undefined || element.text.trim() === '') return undefined;
  const v = parseReal(element.text);
  if (v === undefined) {
    f.warning(
      at,
      'INVALID_NUMBER',
      `${what} is not a number ('${element.text.trim().slice(0, 40)}'); it was ignored.`,
    );
  }
  return v;
}

function realAttr(text: string | undefined): number | undefined {
  return parseReal(text);
}

/** Unit ids that the file does not carry (no olca:unitId) are derived from the group UUID and internal id. */
function derivedUnitId(groupKey: string, internalId: number | undefined, index: number): string {
  return uuidV5(`unitgroup/${groupKey}/unit/${internalId ?? `#${index}`}`, ILCD_NAMESPACE);
}

/**
 * Reads a unit group: units with their factors (meanValue: amount of the reference unit in one unit) and the
 * reference unit named by `referenceToReferenceUnit` (a dataSetInternalID).
 */
export function readUnitGroup(root: XmlElement, f: IlcdFile): UnitGroupRecord {
  const infoPath = `${f.root}/unitGroupInformation/dataSetInformation`;
  const info = path(root, 'unitGroupInformation', 'dataSetInformation');
  const h = head(f, info, infoPath);
  const name = langText(f, children(info, 'name')) ?? '';
  const units: UnitRecord[] = [];
  const unitElements = children(child(root, 'units'), 'unit');
  if (unitElements.length === 0) f.skip(`${f.root}/units`, 'NO_UNITS', 'The unit group has no units.');
  unitElements.forEach((u, i) => {
    const at = `${f.root}/units/unit[${i + 1}]`;
    const internalId = parseInteger(attr(u, 'dataSetInternalID'));
    const unitName = elementText(f, u, 'name') ?? '';
    const factor = real(f, child(u, 'meanValue'), `${at}/meanValue`, `The factor of unit '${unitName}'`);
    if (factor === undefined || factor <= 0) {
      f.skip(
        `${at}/meanValue`,
        'INVALID_UNIT_FACTOR',
        `Unit '${unitName}' needs a positive meanValue (its size in the reference unit).`,
      );
    }
    const id = trimmed(attr(u, 'unitId')) ?? derivedUnitId(h.key, internalId, i);
    const unit: UnitRecord = { internalId, id, name: unitName, factor };
    const synonyms = attr(u, 'synonyms')
      ?.split('\n')
      .filter((x) => x.trim() !== '');
    if (synonyms && synonyms.length > 0) unit.synonyms = synonyms;
    units.push(unit);
  });
  const refText = textOf(root, 'unitGroupInformation', 'quantitativeReference', 'referenceToReferenceUnit');
  const refId = parseInteger(refText);
  let referenceIndex = refId === undefined ? -1 : units.findIndex((u) => u.internalId === refId);
  if (referenceIndex < 0) {
    const ones = units.flatMap((u, i) => (u.factor === 1 ? [i] : []));
    const refPath = `${f.root}/unitGroupInformation/quantitativeReference/referenceToReferenceUnit`;
    if (ones.length !== 1)
      f.skip(
        refPath,
        'NO_REFERENCE_UNIT',
        refText === undefined
          ? 'The unit group names no reference unit.'
          : `The reference unit ${refText} is not a unit of the group.`,
      );
    referenceIndex = ones[0];
    f.warning(
      refPath,
      'NO_REFERENCE_UNIT',
      `The reference unit ${refText ?? '(none)'} is not a unit of the group; '${units[referenceIndex].name}' ` +
        '(meanValue 1) is used.',
    );
  }
  if (units[referenceIndex].factor !== 1) {
    f.warning(
      `${f.root}/units/unit[${referenceIndex + 1}]/meanValue`,
      'REFERENCE_UNIT_FACTOR',
      `The reference unit has meanValue ${units[referenceIndex].factor}, not 1; conversions within this group ` +
        'may be off.',
    );
  }
  const record: UnitGroupRecord = { ...h, name, units, referenceIndex };
  const defaultFp = trimmed(attr(info, 'defaultFlowProperty'));
  if (defaultFp !== undefined) record.defaultFlowPropertyKey = defaultFp.toLowerCase();
  return record;
}

export function readFlowProperty(root: XmlElement, f: IlcdFile): FlowPropertyRecord {
  const infoPath = `${f.root}/flowPropertiesInformation/dataSetInformation`;
  const info = path(root, 'flowPropertiesInformation', 'dataSetInformation');
  const h = head(f, info, infoPath);
  const refPath = `${f.root}/flowPropertiesInformation/quantitativeReference/referenceToReferenceUnitGroup/@refObjectId`;
  const ref = path(
    root,
    'flowPropertiesInformation',
    'quantitativeReference',
    'referenceToReferenceUnitGroup',
  );
  const unitGroup = trimmed(attr(ref, 'refObjectId'));
  if (unitGroup === undefined)
    f.skip(refPath, 'MISSING_UNIT_GROUP', 'The flow property names no unit group.');
  return {
    ...h,
    name: langText(f, children(info, 'name')) ?? '',
    unitGroupKey: unitGroup.toLowerCase(),
    unitGroupPath: refPath,
  };
}

/** Name parts of a flow, joined as openLCA does: base name, flow properties, mix and location, treatment. */
function flowName(f: IlcdFile, name: XmlElement | undefined): string {
  return ['baseName', 'flowProperties', 'mixAndLocationTypes', 'treatmentStandardsRoutes']
    .map((part) => langText(f, children(name, part)))
    .filter((s): s is string => s !== undefined)
    .join(', ');
}

/** Name parts of a process, joined as openLCA does: base name, mix and location, treatment, flow properties. */
function processName(f: IlcdFile, name: XmlElement | undefined): string {
  return ['baseName', 'mixAndLocationTypes', 'treatmentStandardsRoutes', 'functionalUnitFlowProperties']
    .map((part) => langText(f, children(name, part)))
    .filter((s): s is string => s !== undefined)
    .join(', ');
}

const NOMENCLATURES = new Set<string>([
  'ecoinvent-biosphere3',
  'ilcd-ef',
  'fedefl',
  'uslci-legacy',
  'unknown',
]);

export function readFlow(root: XmlElement, f: IlcdFile): FlowRecord {
  const infoPath = `${f.root}/flowInformation/dataSetInformation`;
  const info = path(root, 'flowInformation', 'dataSetInformation');
  const h = head(f, info, infoPath);
  const typeText = textOf(root, 'modellingAndValidation', 'LCIMethod', 'typeOfDataSet');
  const typePath = `${f.root}/modellingAndValidation/LCIMethod/typeOfDataSet`;
  const classification = child(info, 'classificationInformation');
  const compartments = child(classification, 'elementaryFlowCategorization');
  let type: FlowType | undefined = typeText === undefined ? undefined : FLOW_TYPES[typeText];
  if (type === undefined) {
    // Without a type, an elementary-flow categorisation is the best evidence of what the flow is.
    type = compartments ? 'elementary' : 'product';
    f.warning(
      typePath,
      'INVALID_FLOW_TYPE',
      `typeOfDataSet must be 'Elementary flow', 'Product flow', 'Waste flow' or 'Other flow', got ` +
        `${typeText === undefined ? 'nothing' : `'${typeText}'`}; the flow is read as ${type === 'elementary' ? 'an elementary flow' : 'a product'}.`,
    );
  }
  const category = compartments
    ? classificationPath(f, children(compartments, 'category'))
    : classificationPath(f, children(child(classification, 'classification'), 'class'));

  const properties: FlowPropertyFactorRecord[] = [];
  children(child(root, 'flowProperties'), 'flowProperty').forEach((p, i) => {
    const at = `${f.root}/flowProperties/flowProperty[${i + 1}]`;
    const ref = child(p, 'referenceToFlowPropertyDataSet');
    const key = trimmed(attr(ref, 'refObjectId'));
    if (key === undefined) {
      f.warning(
        `${at}/referenceToFlowPropertyDataSet/@refObjectId`,
        'INVALID_REFERENCE',
        'The flow property factor names no flow property; it was ignored.',
      );
      return;
    }
    const factor = real(f, child(p, 'meanValue'), `${at}/meanValue`, 'The flow property factor');
    if (factor === undefined || factor <= 0) {
      f.warning(
        `${at}/meanValue`,
        'INVALID_NUMBER',
        'The flow property factor needs a positive meanValue; it was ignored.',
      );
      return;
    }
    properties.push({
      propertyKey: key.toLowerCase(),
      factor,
      internalId: parseInteger(attr(p, 'dataSetInternalID')),
      path: at,
    });
  });
  if (properties.length === 0)
    f.skip(`${f.root}/flowProperties`, 'NO_FLOW_PROPERTIES', 'The flow has no (usable) flow properties.');
  const refText = textOf(
    root,
    'flowInformation',
    'quantitativeReference',
    'referenceToReferenceFlowProperty',
  );
  const refId = parseInteger(refText);
  let referenceIndex = refId === undefined ? -1 : properties.findIndex((p) => p.internalId === refId);
  if (referenceIndex < 0) {
    if (properties.length !== 1)
      f.skip(
        `${f.root}/flowInformation/quantitativeReference/referenceToReferenceFlowProperty`,
        'NO_REFERENCE_FLOW_PROPERTY',
        `The reference flow property ${refText ?? '(none)'} is not one of the flow's properties.`,
      );
    referenceIndex = 0;
    f.warning(
      `${f.root}/flowInformation/quantitativeReference/referenceToReferenceFlowProperty`,
      'NO_REFERENCE_FLOW_PROPERTY',
      `The reference flow property ${refText ?? '(none)'} is not one of the flow's properties; the only one is used.`,
    );
  }

  const record: FlowRecord = {
    ...h,
    name: flowName(f, child(info, 'name')),
    type,
    other: typeText === 'Other flow',
    properties,
    referenceIndex,
  };
  if (category !== undefined) record.category = category;
  const cas = trimmed(attr(info, 'cas')) ?? textOf(info, 'CASNumber');
  if (cas !== undefined) record.cas = cas;
  const formula = elementText(f, info, 'sumFormula');
  if (formula !== undefined) record.formula = formula;
  const synonyms = langText(f, children(info, 'synonyms'))
    ?.split(/[;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (synonyms && synonyms.length > 0) record.synonyms = synonyms;
  const geography = path(root, 'flowInformation', 'geography');
  const code = langText(f, children(geography, 'locationOfSupply'));
  if (code !== undefined) record.location = locationRef(code, geography);
  const nomenclature = attr(info, 'nomenclature');
  if (nomenclature !== undefined && NOMENCLATURES.has(nomenclature))
    record.nomenclature = nomenclature as Nomenclature;
  return record;
}

function locationRef(code: string, element: XmlElement | undefined): LocationRef {
  const ref: LocationRef = { code };
  const id = trimmed(attr(element, 'locationId'));
  if (id !== undefined) ref.id = id;
  const name = rawAttr(element, 'locationName');
  if (name !== undefined) ref.name = name;
  return ref;
}

function readUncertainty(
  f: IlcdFile,
  element: XmlElement,
  at: string,
  names: { min: string; max: string },
): RawUncertainty | undefined {
  const distribution = textOf(element, 'uncertaintyDistributionType');
  if (distribution === undefined || distribution === 'undefined') return undefined;
  const u: RawUncertainty = { distribution, path: `${at}/uncertaintyDistributionType` };
  const set = (key: 'min' | 'max' | 'rsd', name: string): void => {
    const v = real(f, child(element, name), `${at}/${name}`, name);
    if (v !== undefined) u[key] = v;
  };
  set('min', names.min);
  set('max', names.max);
  set('rsd', 'relativeStandardDeviation95In');
  const exact: [keyof RawUncertainty, string][] = [
    ['mode', 'mostLikelyValue'],
    ['geomMean', 'geomMean'],
    ['geomSd', 'geomSd'],
    ['mean', 'normalMean'],
    ['sd', 'normalSd'],
  ];
  for (const [key, name] of exact) {
    const v = realAttr(attr(element, name));
    if (v !== undefined) (u as unknown as Record<string, number>)[key] = v;
  }
  return u;
}

/**
 * Resolves a distribution as openLCA's ILCD import does: log-normal takes relativeStandardDeviation95In as
 * the geometric standard deviation and the amount as geometric mean; normal takes it as the standard
 * deviation; triangular takes min, max and the mode from `olca:mostLikelyValue` (the amount when absent);
 * uniform takes min and max. OpenCFP's exact extension values take precedence.
 */
export function resolveUncertainty(
  u: RawUncertainty,
  amount: number,
  drop: (why: string) => void,
): Uncertainty | undefined {
  switch (u.distribution) {
    case 'log-normal': {
      const geometricSd = u.geomSd ?? u.rsd;
      if (geometricSd === undefined) return void drop('log-normal needs relativeStandardDeviation95In');
      if (geometricSd <= 0)
        return void drop(`the geometric standard deviation must be positive, got ${geometricSd}`);
      return { type: 'lognormal', geometricMean: u.geomMean ?? amount, geometricSd };
    }
    case 'normal': {
      const sd = u.sd ?? u.rsd;
      if (sd === undefined) return void drop('normal needs relativeStandardDeviation95In');
      if (sd < 0) return void drop(`the standard deviation must not be negative, got ${sd}`);
      return { type: 'normal', mean: u.mean ?? amount, sd };
    }
    case 'triangular': {
      const { min, max } = u;
      const mode = u.mode ?? amount;
      if (min === undefined || max === undefined) return void drop('triangular needs minimum and maximum');
      if (!(min <= mode && mode <= max))
        return void drop(`minimum ≤ mode ≤ maximum does not hold (${min}, ${mode}, ${max})`);
      return { type: 'triangular', min, mode, max };
    }
    case 'uniform': {
      const { min, max } = u;
      if (min === undefined || max === undefined) return void drop('uniform needs minimum and maximum');
      if (min > max) return void drop(`minimum ${min} is above maximum ${max}`);
      return { type: 'uniform', min, max };
    }
    default:
      return void drop(`unknown uncertaintyDistributionType '${u.distribution}'`);
  }
}

function readParameter(f: IlcdFile, p: XmlElement, at: string): RawParameter | undefined {
  const name = rawAttr(p, 'name');
  if (name === undefined) {
    f.warning(`${at}/@name`, 'INVALID_PARAMETER', 'The parameter has no name; it was skipped.');
    return undefined;
  }
  const raw: RawParameter = { name, path: at, global: attr(p, 'scope') === 'global' };
  let formula = elementText(f, p, 'formula');
  const value = real(f, child(p, 'meanValue'), `${at}/meanValue`, `The value of parameter '${name}'`);
  // A "formula" that is a plain number is a value (openLCA's import reads it so, too).
  if (formula !== undefined && parseReal(formula) !== undefined) {
    raw.value = value ?? parseReal(formula);
    formula = undefined;
  } else if (value !== undefined) raw.value = value;
  if (formula !== undefined) raw.formula = formula;
  const isInput = attr(p, 'isInput');
  if (isInput === 'true' || isInput === 'false') raw.isInput = isInput === 'true';
  const description = ocfpText(p, 'description') ?? langText(f, children(p, 'comment'));
  if (description !== undefined) raw.description = description;
  const u = readUncertainty(f, p, at, { min: 'minimumValue', max: 'maximumValue' });
  if (u) raw.uncertainty = u;
  return raw;
}

function readExchange(f: IlcdFile, e: XmlElement, position: number): RawExchange {
  const at = `${f.root}/exchanges/exchange[${position}]`;
  const ref = child(e, 'referenceToFlowDataSet');
  const x: RawExchange = {
    position,
    path: at,
    allocations: [],
    olca: { avoided: attr(e, 'avoidedProduct') === 'true' },
  };
  const internal = attr(e, 'dataSetInternalID');
  x.internalId = parseInteger(internal);
  const flowKey = trimmed(attr(ref, 'refObjectId'));
  if (flowKey !== undefined) x.flowKey = flowKey.toLowerCase();
  const flowName = langText(f, children(ref, 'shortDescription'));
  if (flowName !== undefined) x.flowName = flowName;
  const direction = textOf(e, 'exchangeDirection');
  if (direction !== undefined) x.direction = direction;
  const variable = textOf(e, 'referenceToVariable');
  if (variable !== undefined) x.variable = variable;
  const mean = real(f, child(e, 'meanAmount'), `${at}/meanAmount`, 'meanAmount');
  if (mean !== undefined) x.meanAmount = mean;
  const resulting = real(f, child(e, 'resultingAmount'), `${at}/resultingAmount`, 'resultingAmount');
  if (resulting !== undefined) x.resultingAmount = resulting;
  const code = textOf(e, 'location');
  if (code !== undefined) x.location = locationRef(code, e);
  const u = readUncertainty(f, e, at, { min: 'minimumAmount', max: 'maximumAmount' });
  if (u) x.uncertainty = u;
  children(child(e, 'allocations'), 'allocation').forEach((a, i) => {
    const aPath = `${at}/allocations/allocation[${i + 1}]`;
    const alloc: RawAllocation = { path: aPath };
    const product = parseInteger(attr(a, 'internalReferenceToCoProduct'));
    if (product !== undefined) alloc.coProduct = product;
    const fraction = parseReal(attr(a, 'allocatedFraction'));
    if (fraction !== undefined) alloc.fraction = fraction;
    x.allocations.push(alloc);
  });
  const description = ocfpText(e, 'description') ?? langText(f, children(e, 'generalComment'));
  if (description !== undefined) x.description = description;
  const amount = realAttr(attr(e, 'amount'));
  if (amount !== undefined) x.olca.amount = amount;
  for (const key of ['unitId', 'propertyId', 'formula', 'pedigreeUncertainty'] as const) {
    const v = key === 'unitId' || key === 'propertyId' ? trimmed(attr(e, key)) : rawAttr(e, key);
    if (v === undefined) continue;
    if (key === 'pedigreeUncertainty') x.olca.pedigree = v;
    else x.olca[key] = v;
  }
  const provider = trimmed(attr(e, 'defaultProvider'));
  if (provider !== undefined) x.olca.provider = provider;
  return x;
}

function readOcfpAllocation(f: IlcdFile, method: XmlElement | undefined): ProcessRecord['ocfpAllocation'] {
  const block = ocfpChildren(method, 'allocation')[0];
  if (!block) return undefined;
  const base = `${f.root}/modellingAndValidation/LCIMethodAndAllocation/common:other/ocfp:allocation`;
  const factors: RawFactor[] = [];
  block.children
    .filter((c) => c.name === 'factor' && c.namespace === OCFP_NS)
    .forEach((c, i) => {
      const factor: RawFactor = { method: attr(c, 'method') ?? '', path: `${base}/ocfp:factor[${i + 1}]` };
      const product = trimmed(attr(c, 'product'));
      if (product !== undefined) factor.productKey = product.toLowerCase();
      const value = parseReal(attr(c, 'value'));
      if (value !== undefined) factor.value = value;
      const formula = rawAttr(c, 'formula');
      if (formula !== undefined) factor.formula = formula;
      const exchange = parseInteger(attr(c, 'exchange'));
      if (exchange !== undefined) factor.exchange = exchange;
      const exchangeFlow = trimmed(attr(c, 'exchangeFlow'));
      if (exchangeFlow !== undefined) factor.exchangeFlowKey = exchangeFlow.toLowerCase();
      factors.push(factor);
    });
  const result: NonNullable<ProcessRecord['ocfpAllocation']> = { factors };
  const defaultMethod = attr(block, 'defaultMethod');
  if (defaultMethod !== undefined) result.defaultMethod = defaultMethod;
  return result;
}

export function readProcess(root: XmlElement, f: IlcdFile): ProcessRecord {
  const infoPath = `${f.root}/processInformation/dataSetInformation`;
  const pInfo = child(root, 'processInformation');
  const info = child(pInfo, 'dataSetInformation');
  const h = head(f, info, infoPath);
  const typeText = textOf(root, 'modellingAndValidation', 'LCIMethodAndAllocation', 'typeOfDataSet');
  let type: ProcessType = 'unit';
  if (typeText !== undefined) {
    const t = PROCESS_TYPES[typeText];
    if (t) type = t;
    else
      f.warning(
        `${f.root}/modellingAndValidation/LCIMethodAndAllocation/typeOfDataSet`,
        'INVALID_FIELD',
        `Unknown typeOfDataSet '${typeText}'; the process is read as a unit process.`,
      );
  }
  const referenceIds: number[] = [];
  children(child(pInfo, 'quantitativeReference'), 'referenceToReferenceFlow').forEach((r, i) => {
    const v = parseInteger(r.text);
    if (v !== undefined) referenceIds.push(v);
    else
      f.warning(
        `${f.root}/processInformation/quantitativeReference/referenceToReferenceFlow[${i + 1}]`,
        'INVALID_REFERENCE',
        `referenceToReferenceFlow '${r.text.trim()}' is not an exchange id; it was ignored.`,
      );
  });
  const method = path(root, 'modellingAndValidation', 'LCIMethodAndAllocation');
  const record: ProcessRecord = {
    ...h,
    name: processName(f, child(info, 'name')),
    type,
    referenceIds,
    approaches: children(method, 'LCIMethodApproaches')
      .map((a) => a.text.trim())
      .filter((a) => a !== ''),
    parameters: [],
    tempParameters: new Map(),
    exchanges: [],
  };
  const category = categoryOf(f, info);
  if (category !== undefined) record.category = category;
  const description = ocfpText(info, 'description') ?? langText(f, children(info, 'generalComment'));
  if (description !== undefined) record.description = description;
  const tags = ocfpChildren(info, 'tag')
    .map((t) => t.text)
    .filter((t) => t !== '');
  if (tags.length > 0) record.tags = tags;
  const loc = path(pInfo, 'geography', 'locationOfOperationSupplyOrProduction');
  const code = trimmed(attr(loc, 'location'));
  if (code !== undefined) {
    record.location = locationRef(code, loc);
    const gis = attr(loc, 'latitudeAndLongitude')?.split(';');
    const lat = parseReal(gis?.[0]);
    const lon = parseReal(gis?.[1]);
    if (lat !== undefined && lon !== undefined) {
      record.location.latitude = lat;
      record.location.longitude = lon;
    }
  }
  const version = textOf(root, 'administrativeInformation', 'publicationAndOwnership', 'dataSetVersion');
  if (version !== undefined) record.version = version;
  const lastChange = textOf(root, 'administrativeInformation', 'dataEntryBy', 'timeStamp');
  if (lastChange !== undefined) record.lastChange = lastChange;

  children(child(pInfo, 'mathematicalRelations'), 'variableParameter').forEach((p, i) => {
    const param = readParameter(
      f,
      p,
      `${f.root}/processInformation/mathematicalRelations/variableParameter[${i + 1}]`,
    );
    if (!param) return;
    if (param.name.startsWith(TEMP_PARAMETER_PREFIX)) record.tempParameters.set(param.name, param);
    else record.parameters.push(param);
  });
  children(child(root, 'exchanges'), 'exchange').forEach((e, i) => {
    record.exchanges.push(readExchange(f, e, i + 1));
  });
  const allocation = readOcfpAllocation(f, method);
  if (allocation) record.ocfpAllocation = allocation;
  return record;
}

export function readImpactCategory(root: XmlElement, f: IlcdFile): ImpactRecord {
  const infoPath = `${f.root}/LCIAMethodInformation/dataSetInformation`;
  const info = path(root, 'LCIAMethodInformation', 'dataSetInformation');
  const h = head(f, info, infoPath);
  // openLCA looks for the name in three places, in this order.
  const name =
    langText(f, children(info, 'name')) ??
    children(info, 'impactCategory')
      .map((c) => c.text.trim())
      .find((c) => c !== '') ??
    elementText(f, info, 'impactIndicator') ??
    '';
  const quantity = path(root, 'LCIAMethodInformation', 'quantitativeReference', 'referenceQuantity');
  const unit = langText(f, children(quantity, 'shortDescription')) ?? '';
  const ocfpMethods = ocfpChildren(info, 'method');
  const methods = children(info, 'methodology')
    .map((m) => m.text.trim())
    .filter((m) => m !== '')
    .map((m) => {
      const ext = ocfpMethods.find((x) => attr(x, 'name') === m);
      const id = trimmed(attr(ext, 'id'));
      return id === undefined ? { name: m } : { name: m, id };
    });
  const factors: ImpactFactorRecord[] = [];
  children(child(root, 'characterisationFactors'), 'factor').forEach((c, i) => {
    const at = `${f.root}/characterisationFactors/factor[${i + 1}]`;
    const flowKey = trimmed(attr(child(c, 'referenceToFlowDataSet'), 'refObjectId'));
    if (flowKey === undefined) {
      f.error(
        `${at}/referenceToFlowDataSet/@refObjectId`,
        'INVALID_IMPACT_FACTOR',
        'The characterisation factor names no flow; it was skipped.',
      );
      return;
    }
    // The exact value of OpenCFP's extension, per the unit it names; else meanValue, per reference unit.
    const exact = realAttr(attr(c, 'value'));
    const value = exact ?? real(f, child(c, 'meanValue'), `${at}/meanValue`, 'meanValue');
    if (value === undefined) {
      f.error(
        `${at}/meanValue`,
        'INVALID_IMPACT_FACTOR',
        'The characterisation factor has no meanValue; it was skipped.',
      );
      return;
    }
    // exchangeDirection is not read: as in openLCA, a factor applies to the flow in whichever direction the
    // inventory has it, and the engine negates factors of input flows itself.
    const factor: ImpactFactorRecord = { flowKey: flowKey.toLowerCase(), value, path: at };
    if (exact !== undefined) {
      const unitId = trimmed(attr(c, 'unitId'));
      if (unitId !== undefined) factor.unitId = unitId;
      const property = trimmed(attr(c, 'flowPropertyId'));
      if (property !== undefined) factor.propertyKey = property.toLowerCase();
    }
    const formula = rawAttr(c, 'formula');
    if (formula !== undefined) factor.formula = formula;
    if (textOf(c, 'location') !== undefined) {
      f.info(
        `${at}/location`,
        'REGIONAL_FACTORS_IGNORED',
        'A location-specific characterisation factor was ignored; the site-generic factors are used.',
      );
      return;
    }
    factors.push(factor);
  });
  return { ...h, name, unit, methods, factors };
}

export function readSource(root: XmlElement, f: IlcdFile): Source {
  const info = path(root, 'sourceInformation', 'dataSetInformation');
  const h = head(f, info, `${f.root}/sourceInformation/dataSetInformation`);
  const source: Source = { id: h.id, name: langText(f, children(info, 'shortName')) ?? '' };
  const citation = elementText(f, info, 'sourceCitation');
  if (citation !== undefined) source.citation = citation;
  const year = parseInteger(attr(info, 'year'));
  if (year !== undefined) source.year = year;
  const url = children(info, 'referenceToDigitalFile')
    .map((r) => attr(r, 'uri')?.trim())
    .find((u) => u !== undefined && /^https?:\/\//i.test(u));
  if (url !== undefined) source.url = url;
  return source;
}

export function readContact(root: XmlElement, f: IlcdFile): Actor {
  const info = path(root, 'contactInformation', 'dataSetInformation');
  const h = head(f, info, `${f.root}/contactInformation/dataSetInformation`);
  return {
    id: h.id,
    name: langText(f, children(info, 'name')) ?? langText(f, children(info, 'shortName')) ?? '',
  };
}

/** ILCDLocations.xml: location code → name. */
export function readLocations(root: XmlElement): Map<string, string> {
  const names = new Map<string, string>();
  for (const l of children(root, 'location')) {
    const code = trimmed(attr(l, 'value'));
    const name = trimmed(l.text);
    if (code !== undefined && name !== undefined && !names.has(code)) names.set(code, name);
  }
  return names;
}
