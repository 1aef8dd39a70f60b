import type {
  AllocationFactor,
  AllocationMethod,
  Exchange,
  Flow,
  FlowType,
  Process,
  ProcessType,
  Uncertainty,
} from '@opencfp/core';
import { nameBasedUuid } from './eco-spold1-ids.js';
import type { IssueLog } from './issue-log.js';
import { attr, child, children, path, textOf, type XmlElement } from './xml/xml-element.js';

/** Where a dataset's flows, units, locations, sources and persons go; shared by all datasets of a read. */
export interface EcoSpold1Registry {
  /** `ecoSpold1FlowId`, memoized: a database repeats the same few thousand flows in every dataset. */
  flowId(
    type: FlowType,
    category: string | undefined,
    subCategory: string | undefined,
    name: string,
    unit: string,
  ): string;
  /** The flow with this id, creating it from `make` the first time. */
  flow(id: string, make: () => Flow): Flow;
  /** Unit and flow property ids for a unit name (unknown names are reported once and get a unit group). */
  unit(name: string, file: string, at: string): { unitId: string; flowPropertyId: string };
  location(code: string): string;
  source(id: string, make: () => { name: string; year?: number; citation?: string }): void;
  actor(id: string, name: string): void;
}

/** Thrown to leave a dataset out after its error was logged. */
class SkipDataset extends Error {}

const INPUT_GROUPS: Record<number, string> = {
  1: 'materials/fuels',
  2: 'electricity/heat',
  3: 'services',
  4: 'from nature',
  5: 'from technosphere',
};
const OUTPUT_GROUPS: Record<number, string> = {
  0: 'reference product',
  1: 'avoided product',
  2: 'allocated by-product',
  3: 'waste to treatment',
  4: 'to nature',
};
// dataSetInformation/@type: 0 system non-terminated, 1 unit process, 2 system terminated (LCI result),
// 3 elementary flow, 4 impact category, 5 multi-output process. Like openLCA, only 2 is an LCI result.
const PROCESS_TYPES: Record<number, ProcessType | undefined> = {
  0: 'unit',
  1: 'unit',
  2: 'system',
  3: undefined,
  4: undefined,
  5: 'unit',
};
const ALLOCATION_METHODS: Record<number, string> = {
  [-1]: 'undefined',
  0: 'physical causality',
  1: 'economic causality',
  2: 'other method',
};
/**
 * Placeholders that exporters write for an absent CAS number or chemical formula (US LCI: 'NaN', 'n.a.', '-').
 * Case matters: 'Na' is sodium.
 */
const PLACEHOLDER = /^(NaN|n\.a\.?|N\/A|-+)?$/;
/** xsd:double in the lexical forms EcoSpold writers use; INF and NaN are not amounts. */
const DOUBLE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** ecoinvent pedigree scores at the start of an exchange comment: '(2,3,1,1,1,na)'. */
const PEDIGREE = /^\s*\(\s*(?:[1-5]|na)(?:\s*[,;]\s*(?:[1-5]|na)){4,5}\s*\)/i;

/** How an exchange enters the process, from its input or output group. */
interface Role {
  type: FlowType;
  isInput: boolean;
  isAvoided: boolean;
  /** 0: reference product, 2: co-product: outputs that provide a flow. */
  provides: boolean;
  /** outputGroup 0. */
  isReferenceGroup: boolean;
  /** E.g. 'outputGroup 3 (waste to treatment)', for messages. */
  group: string;
}

function roleOf(inputGroup: number | undefined, outputGroup: number | undefined): Role | undefined {
  const role = (type: FlowType, isInput: boolean, more?: Partial<Role>): Role => ({
    type,
    isInput,
    isAvoided: false,
    provides: false,
    isReferenceGroup: false,
    group:
      inputGroup !== undefined
        ? `inputGroup ${inputGroup} (${INPUT_GROUPS[inputGroup]})`
        : `outputGroup ${outputGroup} (${OUTPUT_GROUPS[outputGroup ?? -1]})`,
    ...more,
  });
  if (inputGroup !== undefined) {
    if (inputGroup === 4) return role('elementary', true);
    return INPUT_GROUPS[inputGroup] === undefined ? undefined : role('product', true);
  }
  switch (outputGroup) {
    case 0:
      return role('product', false, { provides: true, isReferenceGroup: true });
    case 2:
      return role('product', false, { provides: true });
    case 1:
      // "Include avoided product system": a credit, linked like an input (openLCA keeps avoided products on
      // the input side).
      return role('product', true, { isAvoided: true });
    case 3:
      return role('waste', false);
    case 4:
      return role('elementary', false);
    default:
      return undefined;
  }
}

/**
 * The flow id of an exchange: a name-based UUID of category, sub-category, name and unit. For elementary flows
 * this is exactly openLCA's key, so ids match an openLCA import. openLCA adds the location and infrastructure
 * flag for products; here they are left out, so that an input (which rarely names a location in EcoSpold 1)
 * gets the id of the reference product it needs and links to its provider. Wastes get a 'waste' prefix:
 * EcoSpold 1 has no waste inputs, and a product of the same name must keep its type.
 *
 * @example
 * ecoSpold1FlowId('product', 'energy', 'power', 'electricity, at grid', 'kWh'); // same for input and output
 */
export function ecoSpold1FlowId(
  type: FlowType,
  category: string | undefined,
  subCategory: string | undefined,
  name: string,
  unit: string,
): string {
  return type === 'waste'
    ? nameBasedUuid('waste', category, subCategory, name, unit)
    : nameBasedUuid(category, subCategory, name, unit);
}

const joinCategory = (...parts: (string | undefined)[]): string | undefined => {
  const segs = parts.map((p) => p?.trim() ?? '').filter((p) => p !== '');
  return segs.length === 0 ? undefined : segs.join('/');
};

const nonEmpty = (v: string | undefined): string | undefined =>
  v === undefined || v.trim() === '' ? undefined : v.trim();

const present = (v: string | undefined): string | undefined =>
  v === undefined || PLACEHOLDER.test(v.trim()) ? undefined : v.trim();

/**
 * Converts one EcoSpold 1 `<dataset>` into a process, registering its flows, units, locations, sources and
 * persons. A dataset that cannot be used is logged as an error and `undefined` is returned; problems that
 * leave the rest usable are warnings.
 *
 * @example
 * const process = convertEcoSpold1Dataset(datasetElement, { file: 'db.xml', base: '/ecoSpold/dataset[1]' }, log, registry);
 */
export function convertEcoSpold1Dataset(
  ds: XmlElement,
  where: { file: string; base: string },
  log: IssueLog,
  registry: EcoSpold1Registry,
): Process | undefined {
  try {
    return new DatasetConverter(ds, where.file, where.base, log, registry).convert();
  } catch (e) {
    if (e instanceof SkipDataset) return undefined;
    throw e;
  }
}

interface ReadExchange {
  exchange: Exchange;
  name: string;
  number: number | undefined;
  role: Role;
  at: string;
}

class DatasetConverter {
  private readonly label: string;
  private readonly droppedUncertainties: string[] = [];

  constructor(
    private readonly ds: XmlElement,
    private readonly file: string,
    private readonly base: string,
    private readonly log: IssueLog,
    private readonly registry: EcoSpold1Registry,
  ) {
    const number = attr(ds, 'number');
    const name = attr(path(ds, 'metaInformation', 'processInformation', 'referenceFunction'), 'name');
    this.label =
      `dataset ${number === undefined ? '(without number)' : `number ${number}`}` +
      (name === undefined ? '' : ` ('${name}')`);
  }

  private skip(at: string, code: string, message: string): never {
    this.log.error(
      this.file,
      at,
      code,
      `${this.label}: ${message} The dataset was skipped; fix it and read again.`,
    );
    throw new SkipDataset();
  }

  private warning(at: string, code: string, message: string): void {
    this.log.warning(this.file, at, code, `${this.label}: ${message}`);
  }

  /** An attribute as a finite number: undefined when absent, null when it is not a finite number. */
  private num(e: XmlElement | undefined, name: string): number | undefined | null {
    const raw = attr(e, name);
    if (raw === undefined || raw.trim() === '') return undefined;
    const t = raw.trim();
    if (!DOUBLE.test(t)) return null;
    const v = Number(t);
    return Number.isFinite(v) ? v : null;
  }

  private int(raw: string | undefined): number | undefined {
    if (raw === undefined) return undefined;
    const t = raw.trim();
    return /^[+-]?\d+$/.test(t) ? Number(t) : undefined;
  }

  convert(): Process | undefined {
    const ds = this.ds;
    const base = this.base;
    const info = path(ds, 'metaInformation', 'processInformation');
    const refFun = child(info, 'referenceFunction');
    const refAt = `${base}/metaInformation/processInformation/referenceFunction`;
    if (!refFun)
      this.skip(
        refAt,
        'MISSING_REFERENCE_FUNCTION',
        'there is no metaInformation/processInformation/referenceFunction.',
      );
    const name = attr(refFun, 'name');
    if (name === undefined || name.trim() === '')
      this.skip(`${refAt}/@name`, 'MISSING_NAME', 'the reference function has no name.');

    const dsInfo = child(info, 'dataSetInformation');
    const infoAt = `${base}/metaInformation/processInformation/dataSetInformation`;
    let type: ProcessType = 'unit';
    let typeCode = 1;
    const rawType = attr(dsInfo, 'type');
    if (rawType !== undefined) {
      const t = this.int(rawType);
      if (t === 3 || t === 4) {
        this.log.warning(
          this.file,
          `${infoAt}/@type`,
          'UNSUPPORTED_DATASET',
          `${this.label}: dataset type ${t} (${t === 3 ? 'elementary flow' : 'impact category'}) is not a process and ` +
            'was not read. Only process datasets (types 0, 1, 2 and 5) are read.',
        );
        return undefined;
      }
      const mapped = t === undefined ? undefined : PROCESS_TYPES[t];
      if (mapped === undefined)
        this.warning(
          `${infoAt}/@type`,
          'INVALID_FIELD',
          `dataSetInformation/@type '${rawType}' is not one of 0–5; the dataset is read as a unit process.`,
        );
      else {
        type = mapped;
        typeCode = t ?? 1;
      }
    }

    const geography = child(info, 'geography');
    const locationCode = nonEmpty(attr(geography, 'location'));
    const category = attr(refFun, 'category');
    const subCategory = attr(refFun, 'subCategory');
    const unit = attr(refFun, 'unit');
    const infrastructure = (attr(refFun, 'infrastructureProcess') ?? 'false').trim().toLowerCase() === 'true';
    // openLCA's process key (reference function, location, infrastructure flag, U/S) plus the dataset number:
    // exports such as US LCI name several datasets alike (73 'Electricity, at grid' in RNA), which must all stay.
    const id = nameBasedUuid(
      category,
      subCategory,
      name,
      unit,
      locationCode ?? 'GLO',
      String(infrastructure),
      typeCode === 2 ? 'S' : 'U',
      attr(ds, 'number'),
    );

    const process: Process = {
      id,
      name,
      type,
      exchanges: [],
      parameters: [],
      allocationFactors: [],
    };
    const processCategory = joinCategory(category, subCategory);
    if (processCategory !== undefined) process.category = processCategory;
    const description = attr(refFun, 'generalComment');
    if (description !== undefined && description.trim() !== '') process.description = description;
    if (locationCode !== undefined) process.locationId = this.registry.location(locationCode);
    const version = attr(dsInfo, 'version');
    if (version !== undefined && version.trim() !== '') process.version = version.trim();
    const timestamp = attr(dsInfo, 'timestamp') ?? attr(ds, 'timestamp');
    if (timestamp !== undefined && timestamp.trim() !== '') process.lastChange = timestamp.trim();

    const flowData = child(ds, 'flowData');
    const read: ReadExchange[] = [];
    children(flowData, 'exchange').forEach((e, i) => {
      read.push(this.exchange(e, `${base}/flowData/exchange[${i + 1}]`, read.length + 1));
    });
    this.chooseReference(read, refFun, refAt, locationCode);
    process.exchanges = read.map((r) => r.exchange);
    this.allocation(flowData, read, process);
    this.readSources();
    this.flushUncertainties();
    return process;
  }

  private exchange(e: XmlElement, at: string, internalId: number): ReadExchange {
    const name = attr(e, 'name');
    if (name === undefined || name.trim() === '')
      this.skip(`${at}/@name`, 'MISSING_NAME', 'an exchange has no name.');
    const unitName = attr(e, 'unit');
    if (unitName === undefined || unitName.trim() === '')
      this.skip(`${at}/@unit`, 'MISSING_UNIT', `exchange '${name}' has no unit.`);

    const inputGroupText = textOf(e, 'inputGroup');
    const outputGroupText = textOf(e, 'outputGroup');
    const inputGroup = this.int(inputGroupText);
    const outputGroup = this.int(outputGroupText);
    if (inputGroupText === undefined && outputGroupText === undefined)
      this.skip(
        at,
        'MISSING_GROUP',
        `exchange '${name}' has neither an inputGroup nor an outputGroup, so its direction is unknown.`,
      );
    if (inputGroupText !== undefined && outputGroupText !== undefined)
      this.skip(at, 'INVALID_GROUP', `exchange '${name}' has both an inputGroup and an outputGroup.`);
    const role = roleOf(inputGroup, inputGroupText === undefined ? outputGroup : undefined);
    if (!role)
      this.skip(
        inputGroupText !== undefined ? `${at}/inputGroup` : `${at}/outputGroup`,
        'INVALID_GROUP',
        inputGroupText !== undefined
          ? `exchange '${name}' has inputGroup '${inputGroupText}'; valid are 1–5.`
          : `exchange '${name}' has outputGroup '${outputGroupText}'; valid are 0–4.`,
      );

    let amount = this.num(e, 'meanValue');
    if (amount === null)
      this.skip(
        `${at}/@meanValue`,
        'INVALID_NUMBER',
        `exchange '${name}' has meanValue '${attr(e, 'meanValue')}', which is not a finite number.`,
      );
    if (amount === undefined) {
      this.warning(`${at}/@meanValue`, 'MISSING_AMOUNT', `exchange '${name}' has no meanValue; 0 is used.`);
      amount = 0;
    }

    const category = attr(e, 'category');
    const subCategory = attr(e, 'subCategory');
    const units = this.registry.unit(unitName, this.file, `${at}/@unit`);
    const make = (id: string) => (): Flow => {
      const f: Flow = {
        id,
        name,
        type: role.type,
        properties: [{ flowPropertyId: units.flowPropertyId, factor: 1, isReference: true }],
      };
      const cat = joinCategory(category, subCategory);
      if (cat !== undefined) f.category = cat;
      const cas = present(attr(e, 'CASNumber'));
      if (cas !== undefined) f.cas = cas;
      const formula = present(attr(e, 'formula'));
      if (formula !== undefined) f.formula = formula;
      return f;
    };
    let flowId = this.registry.flowId(role.type, category, subCategory, name, unitName);
    let flow = this.registry.flow(flowId, make(flowId));
    if (flow.type !== role.type) {
      // Only when a product and an elementary flow share category, name and unit: the second type read gets an
      // id that includes the type, so that neither changes its role.
      const first = flow.type;
      flowId = nameBasedUuid(role.type, category, subCategory, name, unitName);
      flow = this.registry.flow(flowId, make(flowId));
      this.warning(
        at,
        'FLOW_TYPE_CONFLICT',
        `exchange '${name}' (${role.group}) is a ${role.type} flow, but a ${first} flow with the same category, ` +
          `name and unit was read before; the ${role.type} flow got a separate id (${flowId}). Give the flows ` +
          'distinct names or categories.',
      );
    }

    const exchange: Exchange = {
      internalId,
      flowId,
      amount,
      unitId: units.unitId,
      flowPropertyId: units.flowPropertyId,
      isInput: role.isInput,
      isAvoided: role.isAvoided,
      isReference: false,
    };
    const rawNumber = attr(e, 'number');
    const number = this.int(rawNumber);
    if (rawNumber !== undefined) exchange.sourceId = rawNumber.trim();
    const location = nonEmpty(attr(e, 'location'));
    if (location !== undefined) exchange.locationId = this.registry.location(location);
    const comment = attr(e, 'generalComment');
    if (comment !== undefined && comment.trim() !== '') {
      exchange.description = comment;
      const pedigree = PEDIGREE.exec(comment)?.[0].replace(/\s+/g, '').replace(/;/g, ',');
      if (pedigree !== undefined) exchange.dqEntry = pedigree;
    }
    const uncertainty = this.uncertainty(e, amount, at, exchange.dqEntry);
    if (uncertainty) exchange.uncertainty = uncertainty;
    return { exchange, name, number, role, at };
  }

  /**
   * EcoSpold 1 uncertainty: 1 log-normal (standardDeviation95 is the square of the geometric standard
   * deviation, the 97.5 % / median ratio), 2 normal (standardDeviation95 is 2 σ), 3 triangular (minValue,
   * mostLikelyValue, maxValue; a missing mode follows from the mean: 3·mean − min − max), 4 uniform.
   */
  private uncertainty(
    e: XmlElement,
    mean: number,
    at: string,
    pedigree: string | undefined,
  ): Uncertainty | undefined {
    const rawType = attr(e, 'uncertaintyType');
    if (rawType === undefined) return undefined;
    const type = this.int(rawType);
    if (type === 0) return undefined;
    const drop = (why: string): undefined => {
      this.droppedUncertainties.push(`${at}: ${why}`);
      return undefined;
    };
    const value = (name: string): number | undefined => {
      const v = this.num(e, name);
      return v === null ? undefined : v;
    };
    switch (type) {
      case 1: {
        const sd95 = value('standardDeviation95');
        if (sd95 === undefined) return drop('log-normal without a valid standardDeviation95');
        if (sd95 < 1)
          return drop(`log-normal standardDeviation95 ${sd95} is below 1 (it is the squared geometric SD)`);
        const u: Uncertainty = { type: 'lognormal', geometricMean: mean, geometricSd: Math.sqrt(sd95) };
        if (pedigree !== undefined) u.pedigree = pedigree;
        return u;
      }
      case 2: {
        const sd95 = value('standardDeviation95');
        if (sd95 === undefined) return drop('normal without a valid standardDeviation95');
        if (sd95 < 0) return drop(`normal standardDeviation95 ${sd95} is negative`);
        return { type: 'normal', mean, sd: sd95 / 2 };
      }
      case 3: {
        const min = value('minValue');
        const max = value('maxValue');
        if (min === undefined || max === undefined)
          return drop('triangular without valid minValue and maxValue');
        const mode = value('mostLikelyValue') ?? 3 * mean - min - max;
        if (!(min <= mode && mode <= max))
          return drop(`triangular minValue ≤ mode ≤ maxValue does not hold (${min}, ${mode}, ${max})`);
        return { type: 'triangular', min, mode, max };
      }
      case 4: {
        const min = value('minValue');
        const max = value('maxValue');
        if (min === undefined || max === undefined)
          return drop('uniform without valid minValue and maxValue');
        if (min > max) return drop(`uniform minValue ${min} is above maxValue ${max}`);
        return { type: 'uniform', min, max };
      }
      default:
        return drop(`unknown uncertaintyType '${rawType}' (valid: 0–4)`);
    }
  }

  private flushUncertainties(): void {
    const dropped = this.droppedUncertainties;
    if (dropped.length === 0) return;
    const shown = dropped.slice(0, 3);
    if (dropped.length > 3) shown.push(`… ${dropped.length - 3} more`);
    this.warning(
      dropped[0].slice(0, dropped[0].indexOf(': ')),
      'INVALID_UNCERTAINTY',
      `${dropped.length} uncertainty distribution(s) cannot be used and were ignored; the amounts are kept ` +
        `(${shown.join('; ')}). Fix the distribution parameters if uncertainty analysis matters.`,
    );
  }

  /**
   * The quantitative reference: the first reference product (outputGroup 0), else the first allocated
   * by-product (outputGroup 2, as openLCA does), else a product made from the reference function.
   */
  private chooseReference(
    read: ReadExchange[],
    refFun: XmlElement,
    refAt: string,
    locationCode: string | undefined,
  ): void {
    const zero = read.filter((r) => r.role.isReferenceGroup);
    const ref = zero[0] ?? read.find((r) => r.role.provides);
    if (ref) {
      ref.exchange.isReference = true;
      if (zero.length === 0)
        this.warning(
          ref.at,
          'NO_REFERENCE_PRODUCT',
          `no exchange has outputGroup 0 (reference product); the first by-product '${ref.name}' is used as the reference.`,
        );
      return;
    }
    const name = attr(refFun, 'name') ?? '';
    const unitName = attr(refFun, 'unit');
    if (unitName === undefined || unitName.trim() === '')
      this.skip(
        `${refAt}/@unit`,
        'NO_REFERENCE_PRODUCT',
        'no exchange is a product output (outputGroup 0 or 2), and the reference function has no unit to make one from.',
      );
    const amount = this.num(refFun, 'amount');
    if (amount === null)
      this.skip(
        `${refAt}/@amount`,
        'INVALID_NUMBER',
        `the reference function amount '${attr(refFun, 'amount')}' is not a number.`,
      );
    const category = attr(refFun, 'category');
    const subCategory = attr(refFun, 'subCategory');
    const flowId = this.registry.flowId('product', category, subCategory, name, unitName);
    const units = this.registry.unit(unitName, this.file, `${refAt}/@unit`);
    this.registry.flow(flowId, () => {
      const f: Flow = {
        id: flowId,
        name,
        type: 'product',
        properties: [{ flowPropertyId: units.flowPropertyId, factor: 1, isReference: true }],
      };
      const cat = joinCategory(category, subCategory);
      if (cat !== undefined) f.category = cat;
      return f;
    });
    const exchange: Exchange = {
      internalId: read.length + 1,
      flowId,
      amount: amount ?? 1,
      unitId: units.unitId,
      flowPropertyId: units.flowPropertyId,
      isInput: false,
      isAvoided: false,
      isReference: true,
    };
    if (locationCode !== undefined) exchange.locationId = this.registry.location(locationCode);
    read.push({
      exchange,
      name,
      number: undefined,
      role: {
        type: 'product',
        isInput: false,
        isAvoided: false,
        provides: true,
        isReferenceGroup: true,
        group: 'referenceFunction',
      },
      at: refAt,
    });
    this.log.info(
      this.file,
      refAt,
      'REFERENCE_FROM_FUNCTION',
      `${this.label}: no exchange is a product output; the reference product was made from the reference function.`,
    );
  }

  /**
   * `<allocation>`: `fraction` percent of the exchanges listed in `referenceToInputOutput` goes to the
   * co-product `referenceToCoProduct` (exchange numbers). Each becomes a causal factor (exchange-specific, as
   * openLCA imports them). When every co-product has one fraction for all non-product exchanges and the method
   * is physical (0) or economic (1) causality, the fractions are also product-level factors of that method,
   * which becomes the default; otherwise the default is causal.
   */
  private allocation(flowData: XmlElement | undefined, read: ReadExchange[], process: Process): void {
    const allocations = children(flowData, 'allocation');
    if (allocations.length === 0) return;
    const byNumber = new Map<number, ReadExchange>();
    const duplicates = new Set<number>();
    for (const r of read) {
      if (r.number === undefined) continue;
      if (byNumber.has(r.number)) duplicates.add(r.number);
      else byNumber.set(r.number, r);
    }
    if (duplicates.size > 0)
      this.warning(
        `${this.base}/flowData`,
        'DUPLICATE_EXCHANGE_NUMBER',
        `exchange number(s) ${[...duplicates].slice(0, 5).join(', ')} are used more than once; allocation refers to the first exchange with the number.`,
      );
    const causal: AllocationFactor[] = [];
    const methods = new Set<number>();
    allocations.forEach((a, i) => {
      const at = `${this.base}/flowData/allocation[${i + 1}]`;
      const productNumber = this.int(attr(a, 'referenceToCoProduct'));
      const product = productNumber === undefined ? undefined : byNumber.get(productNumber);
      if (!product || !product.role.provides) {
        this.warning(
          `${at}/@referenceToCoProduct`,
          'ALLOCATION_PRODUCT_NOT_IN_PROCESS',
          `allocation refers to co-product '${attr(a, 'referenceToCoProduct') ?? ''}', which is not a product output ` +
            '(outputGroup 0 or 2) of the dataset; the allocation was ignored.',
        );
        return;
      }
      const fraction = this.num(a, 'fraction');
      if (fraction === undefined || fraction === null) {
        this.warning(
          `${at}/@fraction`,
          'INVALID_ALLOCATION_FACTOR',
          `allocation fraction '${attr(a, 'fraction') ?? ''}' is not a number; the allocation was ignored.`,
        );
        return;
      }
      const rawMethod = attr(a, 'allocationMethod');
      const method = this.int(rawMethod);
      if (method === undefined || ALLOCATION_METHODS[method] === undefined) {
        if (rawMethod !== undefined)
          this.warning(
            `${at}/@allocationMethod`,
            'INVALID_FIELD',
            `allocationMethod '${rawMethod}' is not one of -1, 0, 1, 2; it is read as undefined (-1).`,
          );
        methods.add(-1);
      } else methods.add(method);
      const missing: string[] = [];
      children(a, 'referenceToInputOutput').forEach((ref) => {
        const n = this.int(ref.text);
        const target = n === undefined ? undefined : byNumber.get(n);
        if (!target) {
          missing.push(ref.text.trim());
          return;
        }
        causal.push({
          method: 'causal',
          productId: product.exchange.flowId,
          value: fraction / 100,
          exchangeInternalId: target.exchange.internalId,
        });
      });
      if (missing.length > 0)
        this.warning(
          at,
          'ALLOCATION_EXCHANGE_NOT_IN_PROCESS',
          `allocation for co-product ${productNumber} refers to exchange number(s) ${missing.slice(0, 5).join(', ')}, ` +
            'which the dataset does not have; those references were ignored.',
        );
    });
    if (causal.length === 0) return;
    process.allocationFactors.push(...causal);
    process.defaultAllocation = 'causal';

    const single = methods.size === 1 ? [...methods][0] : undefined;
    const productMethod: AllocationMethod | undefined =
      single === 0 ? 'physical' : single === 1 ? 'economic' : undefined;
    if (productMethod === undefined) return;
    const products = [
      ...new Map(read.filter((r) => r.role.provides).map((r) => [r.exchange.flowId, r])).values(),
    ];
    const others = read.filter((r) => !r.role.provides);
    const shares: AllocationFactor[] = [];
    for (const p of products) {
      const values = new Map<number, number>();
      for (const f of causal)
        if (f.productId === p.exchange.flowId) values.set(f.exchangeInternalId ?? 0, f.value);
      const first = values.get(others[0]?.exchange.internalId ?? -1);
      if (first === undefined || others.some((o) => values.get(o.exchange.internalId) !== first)) return;
      shares.push({ method: productMethod, productId: p.exchange.flowId, value: first });
    }
    process.allocationFactors.push(...shares);
    process.defaultAllocation = productMethod;
  }

  /** Sources and persons of the dataset, as database-wide Source and Actor entries. */
  private readSources(): void {
    const meta = child(this.ds, 'metaInformation');
    for (const s of children(child(meta, 'modellingAndValidation'), 'source')) {
      const firstAuthor = attr(s, 'firstAuthor');
      const title = attr(s, 'title');
      const year = this.int(attr(s, 'year')?.slice(0, 4));
      // openLCA's source key: first author, title, year.
      const id = nameBasedUuid(firstAuthor, title, year === undefined ? '' : String(year));
      this.registry.source(id, () => {
        const parts: string[] = [];
        const add = (prefix: string, v: string | undefined) => {
          if (v !== undefined && v.trim() !== '') parts.push(prefix + v.trim());
        };
        add('', firstAuthor);
        add(', ', attr(s, 'additionalAuthors'));
        if (year !== undefined) add(' - ', String(year));
        add(': ', title);
        add('. In: ', attr(s, 'journal'));
        add('. In: ', attr(s, 'titleOfAnthology'));
        add(', Vol. ', attr(s, 'volumeNo'));
        add(', No. ', attr(s, 'issueNo'));
        add(', pp. ', attr(s, 'pageNumbers'));
        add(', ', attr(s, 'publisher'));
        add(', ', attr(s, 'placeOfPublications'));
        const citation = parts.length === 0 ? undefined : parts.join('').replace(/([^.])$/, '$1.');
        const name = title?.trim() || firstAuthor?.trim() || 'unnamed source';
        return { name, year, citation };
      });
    }
    for (const p of children(child(meta, 'administrativeInformation'), 'person')) {
      const name = attr(p, 'name');
      if (name === undefined || name.trim() === '') continue;
      // openLCA's person key: name and address.
      this.registry.actor(nameBasedUuid(name, attr(p, 'address')), name.trim());
    }
  }
}
