import type {
  Actor,
  AllocationFactor,
  AllocationMethod,
  Database,
  Exchange,
  Flow,
  FlowProperty,
  FlowPropertyFactor,
  FlowType,
  ImpactCategory,
  ImpactFactor,
  ImpactMethod,
  Location,
  Parameter,
  Process,
  ProcessType,
  Source,
  Unit,
  UnitGroup,
} from '@opencfp/core';
import { isUtf8 } from 'node:buffer';
import { FormatError } from './errors.js';
import { guessNomenclature } from './guess-nomenclature.js';
import type { IssueLog } from './issue-log.js';
import {
  DatasetReader,
  EXPORT_AGAIN,
  isObject,
  pointerOf,
  preview,
  SkipDataset,
  type CategoryField,
  type JsonObject,
} from './json-ld-dataset-reader.js';
import { jsonLdEntryKind, type JsonLdKind } from './json-ld-entry-kind.js';
import { jsonPointer as ptr } from './json-pointer.js';

interface Stored<T> {
  value: T;
  file: string;
}

interface FlowRecord extends Stored<Flow> {
  category?: CategoryField;
}

interface ProcessRecord extends Stored<Process> {
  category?: CategoryField;
  /** Index of each exchange in the source `exchanges` array, for issue pointers after exchanges are dropped. */
  exchangeSource: number[];
  /** Flow names as given in the exchanges' references, to name a missing flow in messages. */
  flowNames: (string | undefined)[];
  factorSource: number[];
  /** Exchanges that had no flowProperty: they take the flow's reference property once flows are known. */
  missingProperty: Set<number>;
}

interface CategoryRecord {
  name: string;
  parentId?: string;
  parentPath?: string;
  file: string;
}

interface ImpactCategoryRecord extends Stored<ImpactCategory> {
  pointer: string;
  factorSource: number[];
}

interface ImpactMethodRecord extends Stored<ImpactMethod> {
  /** In order: embedded categories (already converted) or ids of lcia_categories/*.json datasets. */
  parts: ({ embedded: ImpactCategoryRecord } | { refId: string; pointer: string })[];
}

const FLOW_TYPES: { [k: string]: FlowType } = {
  ELEMENTARY_FLOW: 'elementary',
  PRODUCT_FLOW: 'product',
  WASTE_FLOW: 'waste',
};

const ALLOCATION_TYPES: { [k: string]: AllocationMethod } = {
  PHYSICAL_ALLOCATION: 'physical',
  ECONOMIC_ALLOCATION: 'economic',
  CAUSAL_ALLOCATION: 'causal',
};

const PROCESS_TYPES: { [k: string]: ProcessType } = {
  UNIT_PROCESS: 'unit',
  LCI_RESULT: 'system',
};

/**
 * The text of a JSON file: UTF-8 (the JSON standard's encoding, with or without a byte-order mark), or UTF-16
 * when a byte-order mark says so (Windows editors save 'Unicode' that way). Undefined for bytes that are not
 * valid UTF-8: decoding them anyway would turn names into U+FFFD without a word.
 */
function jsonText(data: Uint8Array | string): string | undefined {
  let text: string;
  if (typeof data === 'string') text = data;
  else {
    const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    if (
      bytes.length >= 2 &&
      ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    )
      return new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes);
    if (!isUtf8(bytes)) return undefined;
    text = bytes.toString('utf8');
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Turns openLCA JSON-LD datasets (olca-schema v1 as written by openLCA 1.x, and v2 as written by openLCA 2)
 * into the core model. Feed every archive entry to `add`, then call `finish` once: references between
 * datasets are checked only at the end, because an export lists its folders in no particular order.
 *
 * Problems go to the issue log. Datasets that are not valid JSON or lack required fields are skipped whole;
 * exchanges and factors that point at data missing from the export are dropped; optional data that does not
 * resolve (locations, providers, uncertainty) is dropped with a warning.
 *
 * @example
 * const log = new IssueLog();
 * const converter = new JsonLdConverter(log);
 * converter.add('flows/1.json', text);
 * const db = converter.finish('my db');
 */
export class JsonLdConverter {
  private readonly categories = new Map<string, CategoryRecord>();
  private readonly unitGroups = new Map<string, Stored<UnitGroup>>();
  private readonly flowProperties = new Map<string, Stored<FlowProperty>>();
  private readonly flows = new Map<string, FlowRecord>();
  private readonly processes = new Map<string, ProcessRecord>();
  private readonly locations = new Map<string, Stored<Location>>();
  private readonly sources = new Map<string, Stored<Source>>();
  private readonly actors = new Map<string, Stored<Actor>>();
  private readonly parameters: Stored<Parameter>[] = [];
  private readonly impactCategories = new Map<string, ImpactCategoryRecord>();
  private readonly impactMethods = new Map<string, ImpactMethodRecord>();
  private readonly unsupported = new Map<string, number>();
  private datasetCount = 0;
  private finished = false;

  constructor(private readonly log: IssueLog) {}

  /** Number of entries that were JSON-LD datasets (read or skipped); 0 means the source is not JSON-LD. */
  get datasets(): number {
    return this.datasetCount;
  }

  /**
   * Whether `add` would read the entry. Datasets of folders the model does not cover are counted here (and
   * reported by `finish`), so archive readers can skip decompressing them.
   */
  wants(name: string): boolean {
    const kind = jsonLdEntryKind(name);
    if (kind === undefined) return false;
    if (kind === 'unsupported') {
      this.datasetCount++;
      const folder = name.split('/').slice(-2)[0];
      this.unsupported.set(folder, (this.unsupported.get(folder) ?? 0) + 1);
      return false;
    }
    return true;
  }

  /** Reads one entry. Entries outside the dataset folders (context.json, bin/…) are ignored. */
  add(name: string, data: Uint8Array | string): void {
    const kind = jsonLdEntryKind(name);
    if (kind === undefined) return;
    if (kind === 'unsupported') {
      this.wants(name);
      return;
    }
    this.datasetCount++;
    const r = new DatasetReader(name, this.log);
    if (data.length === 0) {
      r.error('', 'EMPTY_FILE', `The file is empty (0 bytes); it was skipped. ${EXPORT_AGAIN}`);
      return;
    }
    const text = jsonText(data);
    if (text === undefined) {
      r.error(
        '',
        'INVALID_ENCODING',
        'The file is not UTF-8 text (JSON-LD must be UTF-8; was it saved in a legacy encoding such as GBK or ' +
          `windows-1252?); it was skipped. Save it as UTF-8. ${EXPORT_AGAIN}`,
      );
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      r.error(
        '',
        'INVALID_JSON',
        `The file is not valid JSON (${(err as Error).message}); it was skipped. ${EXPORT_AGAIN}`,
      );
      return;
    }
    if (!isObject(json)) {
      r.error(
        '',
        'INVALID_DATASET',
        `The file holds ${preview(json)}, not a JSON object; it was skipped. ${EXPORT_AGAIN}`,
      );
      return;
    }
    try {
      this.dispatch(kind, json, r);
      r.flush();
    } catch (err) {
      if (err instanceof SkipDataset) return;
      // Only the strict log's FormatError is expected here; anything else is a bug, but one bad dataset must
      // not stop the import.
      if (err instanceof FormatError) throw err;
      r.error(
        '',
        'READ_FAILED',
        `The dataset could not be read (${String(err)}); it was skipped. Please report this.`,
      );
    }
  }

  private dispatch(kind: JsonLdKind, o: JsonObject, r: DatasetReader): void {
    switch (kind) {
      case 'categories':
        return this.addCategory(o, r);
      case 'unit_groups':
        return this.addUnitGroup(o, r);
      case 'flow_properties':
        return this.addFlowProperty(o, r);
      case 'flows':
        return this.addFlow(o, r);
      case 'processes':
        return this.addProcess(o, r);
      case 'locations':
        return this.addLocation(o, r);
      case 'sources':
        return this.addSource(o, r);
      case 'actors':
        return this.addActor(o, r);
      case 'parameters':
        return this.addParameter(o, r);
      case 'lcia_categories':
        return this.addImpactCategory(o, r);
      case 'lcia_methods':
        return this.addImpactMethod(o, r);
    }
  }

  /** Registers a dataset unless its id was seen before in the same folder (then warns and keeps the first). */
  private put<T>(map: Map<string, T>, id: string, value: T, r: DatasetReader): void {
    if (map.has(id)) {
      r.warning(
        '/@id',
        'DUPLICATE_ID',
        `Another dataset of this type has the same @id ${id}; this one was ignored.`,
      );
      return;
    }
    map.set(id, value);
  }

  private addCategory(o: JsonObject, r: DatasetReader): void {
    const id = r.requireId(o);
    const rec: CategoryRecord = { name: r.name(o, ''), file: r.file };
    const parent = o.category;
    if (typeof parent === 'string' && parent.trim() !== '') rec.parentPath = parent.trim();
    else if (isObject(parent) && typeof parent['@id'] === 'string') rec.parentId = parent['@id'];
    this.put(this.categories, id, rec, r);
  }

  private addUnitGroup(o: JsonObject, r: DatasetReader): void {
    const id = r.requireId(o);
    const raw = r.array(o, 'units', '', true);
    if (raw.length === 0) r.skip('/units', 'NO_UNITS', 'The unit group has no units.');
    const units: Unit[] = [];
    const refs: number[] = [];
    raw.forEach((u, i) => {
      const at = ptr('units', i);
      if (!isObject(u)) r.skip(at, 'INVALID_FIELD', 'The unit is not an object.');
      const uid = u['@id'];
      if (typeof uid !== 'string' || uid === '')
        r.skip(ptr('units', i, '@id'), 'MISSING_ID', 'The unit has no "@id".');
      const isRef = r.bool(u, at, 'isRefUnit', 'referenceUnit') ?? false;
      let factor = r.num(u, 'conversionFactor');
      if (factor === undefined && isRef) factor = 1;
      if (typeof factor !== 'number' || factor <= 0) {
        r.skip(
          ptr('units', i, 'conversionFactor'),
          'INVALID_NUMBER',
          `Unit ${typeof u.name === 'string' ? `'${u.name}'` : uid} needs a positive finite "conversionFactor", got ${preview(u.conversionFactor)}.`,
        );
      }
      const unit: Unit = { id: uid, name: r.name(u, at), factor };
      const synonyms = r.strings(u, 'synonyms', at);
      if (synonyms) unit.synonyms = synonyms;
      if (isRef) refs.push(i);
      units.push(unit);
    });
    let refIndex = refs[0];
    if (refs.length === 0) {
      const ones = units.flatMap((u, i) => (u.factor === 1 ? [i] : []));
      if (ones.length !== 1)
        r.skip('/units', 'NO_REFERENCE_UNIT', 'No unit is marked as the reference unit.');
      refIndex = ones[0];
      r.warning(
        '/units',
        'NO_REFERENCE_UNIT',
        `No unit is marked as reference; '${units[refIndex].name}' (factor 1) is used.`,
      );
    } else if (refs.length > 1) {
      r.warning(
        '/units',
        'MULTIPLE_REFERENCE_UNITS',
        `${refs.length} units are marked as reference; the first is used.`,
      );
    }
    if (units[refIndex].factor !== 1) {
      r.warning(
        ptr('units', refIndex, 'conversionFactor'),
        'REFERENCE_UNIT_FACTOR',
        `The reference unit has factor ${units[refIndex].factor}, not 1; conversions within this group may be off.`,
      );
    }
    const group: UnitGroup = { id, name: r.name(o, ''), units, referenceUnitId: units[refIndex].id };
    const fp = r.optRef(o, 'defaultFlowProperty', '');
    if (fp !== undefined) group.defaultFlowPropertyId = fp;
    this.put(this.unitGroups, id, { value: group, file: r.file }, r);
  }

  private addFlowProperty(o: JsonObject, r: DatasetReader): void {
    const id = r.requireId(o);
    const unitGroupId = r.requireRef(o, 'unitGroup', '', 'The flow property');
    this.put(this.flowProperties, id, { value: { id, name: r.name(o, ''), unitGroupId }, file: r.file }, r);
  }

  private addFlow(o: JsonObject, r: DatasetReader): void {
    const id = r.requireId(o);
    const rawType = o.flowType;
    const type = typeof rawType === 'string' ? FLOW_TYPES[rawType] : undefined;
    if (type === undefined) {
      r.skip(
        '/flowType',
        'INVALID_FLOW_TYPE',
        `"flowType" must be ELEMENTARY_FLOW, PRODUCT_FLOW or WASTE_FLOW, got ${preview(rawType)}.`,
      );
    }
    const raw = r.array(o, 'flowProperties', '', true);
    if (raw.length === 0) r.skip('/flowProperties', 'NO_FLOW_PROPERTIES', 'The flow has no flow properties.');
    const properties: FlowPropertyFactor[] = [];
    raw.forEach((f, i) => {
      const at = ptr('flowProperties', i);
      if (!isObject(f)) r.skip(at, 'INVALID_FIELD', 'The flow property factor is not an object.');
      const flowPropertyId = r.requireRef(f, 'flowProperty', at, 'The flow property factor');
      const isReference = r.bool(f, at, 'isRefFlowProperty', 'referenceFlowProperty') ?? false;
      let factor = r.num(f, 'conversionFactor');
      if (factor === undefined && isReference) factor = 1;
      if (typeof factor !== 'number' || factor <= 0) {
        r.skip(
          ptr('flowProperties', i, 'conversionFactor'),
          'INVALID_NUMBER',
          `The flow property factor needs a positive finite "conversionFactor", got ${preview(f.conversionFactor)}.`,
        );
      }
      properties.push({ flowPropertyId, factor, isReference });
    });
    const refs = properties.filter((p) => p.isReference);
    if (refs.length === 0) {
      if (properties.length !== 1) {
        r.skip(
          '/flowProperties',
          'NO_REFERENCE_FLOW_PROPERTY',
          'No flow property is marked as the reference.',
        );
      }
      properties[0].isReference = true;
      r.warning(
        '/flowProperties',
        'NO_REFERENCE_FLOW_PROPERTY',
        'No flow property is marked as reference; the only one is used.',
      );
    } else if (refs.length > 1) {
      r.warning(
        '/flowProperties',
        'MULTIPLE_REFERENCE_FLOW_PROPERTIES',
        `${refs.length} flow properties are marked as reference; the first is used.`,
      );
      for (const p of refs.slice(1)) p.isReference = false;
    }
    const flow: Flow = { id, name: r.name(o, ''), type: type as FlowType, properties };
    const cas = r.str(o, 'cas', '');
    if (cas !== undefined) flow.cas = cas.trim();
    const formula = r.str(o, 'formula', '');
    if (formula !== undefined) flow.formula = formula;
    const locationId = r.optRef(o, 'location', '');
    if (locationId !== undefined) flow.locationId = locationId;
    const synonyms = r.strings(o, 'synonyms', '');
    if (synonyms) flow.synonyms = synonyms;
    this.put(this.flows, id, { value: flow, file: r.file, category: r.category(o) }, r);
  }

  private addProcess(o: JsonObject, r: DatasetReader): void {
    const id = r.requireId(o);
    const rawType = o.processType;
    let type: ProcessType = 'unit';
    if (rawType !== undefined && rawType !== null) {
      const t = typeof rawType === 'string' ? PROCESS_TYPES[rawType] : undefined;
      if (t) type = t;
      else
        r.warning(
          '/processType',
          'INVALID_FIELD',
          `Unknown processType ${preview(rawType)}; 'unit' is used.`,
        );
    }
    const rawExchanges = r.array(o, 'exchanges', '', true);
    const exchanges: Exchange[] = [];
    const flowNames: (string | undefined)[] = [];
    const missingProperty = new Set<number>();
    const givenIds: (number | undefined)[] = [];
    rawExchanges.forEach((e, i) => {
      const at = ptr('exchanges', i);
      if (!isObject(e)) r.skip(at, 'INVALID_FIELD', 'The exchange is not an object.');
      const flowId = r.requireRef(e, 'flow', at, `Exchange ${i}`);
      const unitId = r.requireRef(e, 'unit', at, `Exchange ${i}`);
      const flowPropertyId = r.ref(e, 'flowProperty');
      if (typeof flowPropertyId !== 'string') missingProperty.add(i);
      let amount = r.num(e, 'amount');
      if (amount === null)
        r.skip(
          pointerOf(at, 'amount'),
          'INVALID_NUMBER',
          `"amount" must be a finite number, got ${preview(e.amount)}.`,
        );
      if (amount === undefined) {
        r.warning(pointerOf(at, 'amount'), 'MISSING_AMOUNT', 'The exchange has no amount; 0 is used.');
        amount = 0;
      }
      const ex: Exchange = {
        internalId: 0,
        flowId,
        amount,
        unitId,
        flowPropertyId: typeof flowPropertyId === 'string' ? flowPropertyId : '',
        isInput: r.bool(e, at, 'isInput', 'input') ?? false,
        isAvoided: r.bool(e, at, 'isAvoidedProduct', 'avoidedProduct') ?? false,
        isReference: r.bool(e, at, 'isQuantitativeReference', 'quantitativeReference') ?? false,
      };
      const internalId = e.internalId;
      if (
        internalId !== undefined &&
        internalId !== null &&
        !(Number.isSafeInteger(internalId) && (internalId as number) >= 0)
      ) {
        r.warning(
          pointerOf(at, 'internalId'),
          'INVALID_FIELD',
          `"internalId" must be a non-negative integer, got ${preview(internalId)}; a new one is assigned.`,
        );
      }
      givenIds.push(
        Number.isSafeInteger(internalId) && (internalId as number) >= 0 ? (internalId as number) : undefined,
      );
      if (typeof e['@id'] === 'string' && e['@id'] !== '') ex.sourceId = e['@id'];
      const formula = r.str(e, 'amountFormula', at);
      if (formula !== undefined) ex.formula = formula;
      const provider = r.optRef(e, 'defaultProvider', at);
      if (provider !== undefined) ex.defaultProviderId = provider;
      const location = r.optRef(e, 'location', at);
      if (location !== undefined) ex.locationId = location;
      const uncertainty = r.uncertainty(e, 'uncertainty', at);
      if (uncertainty) ex.uncertainty = uncertainty;
      // openLCA 1.x calls the pedigree scores of an exchange 'pedigreeUncertainty'.
      const dq = r.str(e, 'dqEntry', at) ?? r.str(e, 'pedigreeUncertainty', at);
      if (dq !== undefined) ex.dqEntry = dq;
      const description = r.str(e, 'description', at);
      if (description !== undefined) ex.description = description;
      const flowRef = e.flow as JsonObject;
      flowNames.push(typeof flowRef.name === 'string' ? flowRef.name : undefined);
      exchanges.push(ex);
    });
    assignInternalIds(exchanges, givenIds, r);

    const process: Process = {
      id,
      name: r.name(o, ''),
      type,
      exchanges,
      parameters: [],
      allocationFactors: [],
    };
    const category = r.category(o);
    const description = r.str(o, 'description', '');
    if (description !== undefined) process.description = description;
    const locationId = r.optRef(o, 'location', '');
    if (locationId !== undefined) process.locationId = locationId;
    const dam = o.defaultAllocationMethod;
    if (typeof dam === 'string' && ALLOCATION_TYPES[dam]) process.defaultAllocation = ALLOCATION_TYPES[dam];
    const version = r.str(o, 'version', '');
    if (version !== undefined) process.version = version;
    const lastChange = r.str(o, 'lastChange', '');
    if (lastChange !== undefined) process.lastChange = lastChange;
    const tags = r.strings(o, 'tags', '');
    if (tags) process.tags = tags;

    r.array(o, 'parameters', '', false).forEach((p, i) => {
      const param = r.parameter(p, ptr('parameters', i), 'process');
      if (param) process.parameters.push(param);
    });

    const factorSource = this.readAllocationFactors(o, r, process);
    this.put(
      this.processes,
      id,
      {
        value: process,
        file: r.file,
        category,
        exchangeSource: exchanges.map((_, i) => i),
        flowNames,
        factorSource,
        missingProperty,
      },
      r,
    );
  }

  private readAllocationFactors(o: JsonObject, r: DatasetReader, process: Process): number[] {
    const source: number[] = [];
    let withoutProduct = 0;
    let causalWithoutExchange = 0;
    const bySourceId = new Map<string, number>();
    const internalIds = new Set<number>();
    for (const e of process.exchanges) {
      if (e.sourceId !== undefined) bySourceId.set(e.sourceId, e.internalId);
      internalIds.add(e.internalId);
    }
    r.array(o, 'allocationFactors', '', false).forEach((a, i) => {
      const at = ptr('allocationFactors', i);
      if (!isObject(a)) {
        r.error(at, 'INVALID_ALLOCATION_FACTOR', 'The allocation factor is not an object; it was skipped.');
        return;
      }
      const rawMethod = a.allocationType;
      const method = typeof rawMethod === 'string' ? ALLOCATION_TYPES[rawMethod] : undefined;
      if (!method) {
        r.error(
          pointerOf(at, 'allocationType'),
          'INVALID_ALLOCATION_FACTOR',
          `Unknown allocationType ${preview(rawMethod)}; the factor was skipped.`,
        );
        return;
      }
      const value = r.num(a, 'value');
      if (typeof value !== 'number') {
        r.invalidNumber(a, 'value', at, 'the allocation factor was skipped.', 'error');
        return;
      }
      const productId = r.ref(a, 'product');
      if (typeof productId !== 'string') {
        withoutProduct++;
        return;
      }
      const factor: AllocationFactor = { method, productId, value };
      const formula = r.str(a, 'formula', at);
      if (formula !== undefined) factor.formula = formula;
      if (method === 'causal') {
        const ex = a.exchange;
        if (isObject(ex) && Number.isSafeInteger(ex.internalId) && internalIds.has(ex.internalId as number)) {
          factor.exchangeInternalId = ex.internalId as number;
        } else if (isObject(ex) && typeof ex['@id'] === 'string' && bySourceId.has(ex['@id'])) {
          factor.exchangeInternalId = bySourceId.get(ex['@id']);
        } else if (isObject(ex) && typeof r.ref(ex, 'flow') === 'string') {
          // v1 exports name the exchange of a causal factor only by its flow.
          factor.exchangeFlowId = r.ref(ex, 'flow') as string;
        } else {
          causalWithoutExchange++;
          return;
        }
      }
      process.allocationFactors.push(factor);
      source.push(i);
    });
    if (withoutProduct > 0) {
      r.warning(
        '/allocationFactors',
        'ALLOCATION_FACTOR_WITHOUT_PRODUCT',
        `${withoutProduct} allocation factor(s) name no product and were ignored: a factor must say which co-product ` +
          'receives the share. Re-define allocation for this process in openLCA if it has several products.',
      );
    }
    if (causalWithoutExchange > 0) {
      r.warning(
        '/allocationFactors',
        'CAUSAL_FACTOR_WITHOUT_EXCHANGE',
        `${causalWithoutExchange} causal allocation factor(s) name no exchange and were ignored.`,
      );
    }
    return source;
  }

  private addLocation(o: JsonObject, r: DatasetReader): void {
    const id = r.requireId(o);
    const loc: Location = { id, name: r.name(o, '') };
    const code = r.str(o, 'code', '');
    if (code !== undefined) loc.code = code;
    for (const key of ['latitude', 'longitude'] as const) {
      const v = r.num(o, key);
      if (v === null) r.invalidNumber(o, key, '', 'it was ignored.', 'warning');
      else if (v !== undefined) loc[key] = v;
    }
    this.put(this.locations, id, { value: loc, file: r.file }, r);
  }

  private addSource(o: JsonObject, r: DatasetReader): void {
    const id = r.requireId(o);
    const src: Source = { id, name: r.name(o, '') };
    const year = r.num(o, 'year');
    if (year === null || (typeof year === 'number' && !Number.isInteger(year))) {
      r.invalidNumber(o, 'year', '', 'it was ignored.', 'warning');
    } else if (year !== undefined) src.year = year;
    const url = r.str(o, 'url', '');
    if (url !== undefined) src.url = url;
    const citation = r.str(o, 'textReference', '');
    if (citation !== undefined) src.citation = citation;
    this.put(this.sources, id, { value: src, file: r.file }, r);
  }

  private addActor(o: JsonObject, r: DatasetReader): void {
    const id = r.requireId(o);
    this.put(this.actors, id, { value: { id, name: r.name(o, '') }, file: r.file }, r);
  }

  private addParameter(o: JsonObject, r: DatasetReader): void {
    // Global parameters are keyed by name in formulas; the @id is only checked for consistency.
    r.requireId(o);
    const p = r.parameter(o, '', 'global');
    if (!p) throw new SkipDataset();
    this.parameters.push({ value: p, file: r.file });
  }

  private readImpactCategory(o: JsonObject, r: DatasetReader, base: string): ImpactCategoryRecord {
    const idValue = o['@id'];
    if (typeof idValue !== 'string' || idValue === '')
      r.skip(pointerOf(base, '@id'), 'MISSING_ID', 'The impact category has no "@id".');
    const id = idValue as string;
    // v1 names the indicator unit 'referenceUnitName', v2 'refUnit'.
    const unit = r.str(o, 'refUnit', base) ?? r.str(o, 'referenceUnitName', base) ?? '';
    const factors: ImpactFactor[] = [];
    const factorSource: number[] = [];
    let regional = 0;
    r.array(o, 'impactFactors', base, true).forEach((f, i) => {
      const at = base + ptr('impactFactors', i);
      if (!isObject(f)) {
        r.error(at, 'INVALID_IMPACT_FACTOR', 'The characterisation factor is not an object; it was skipped.');
        return;
      }
      const flowId = r.ref(f, 'flow');
      if (typeof flowId !== 'string') {
        r.error(
          pointerOf(at, 'flow'),
          'INVALID_IMPACT_FACTOR',
          'The characterisation factor has no flow reference; it was skipped.',
        );
        return;
      }
      const value = r.num(f, 'value');
      if (typeof value !== 'number') {
        r.invalidNumber(f, 'value', at, 'the characterisation factor was skipped.', 'error');
        return;
      }
      // A factor for one location only applies in regionalised calculations, which the model does not do;
      // keeping it would count the flow twice next to the site-generic factor.
      if (r.ref(f, 'location') !== undefined) {
        regional++;
        return;
      }
      const factor: ImpactFactor = { flowId, value };
      const unitId = r.optRef(f, 'unit', at);
      if (unitId !== undefined) factor.unitId = unitId;
      const fpId = r.optRef(f, 'flowProperty', at);
      if (fpId !== undefined) factor.flowPropertyId = fpId;
      const formula = r.str(f, 'formula', at);
      if (formula !== undefined) factor.formula = formula;
      factors.push(factor);
      factorSource.push(i);
    });
    if (regional > 0) {
      r.info(
        base + ptr('impactFactors'),
        'REGIONAL_FACTORS_IGNORED',
        `${regional} location-specific characterisation factor(s) were ignored; the site-generic factors are used.`,
      );
    }
    const category: ImpactCategory = { id, name: r.name(o, base), unit, factors };
    return { value: category, file: r.file, pointer: base, factorSource };
  }

  private addImpactCategory(o: JsonObject, r: DatasetReader): void {
    r.requireId(o);
    const rec = this.readImpactCategory(o, r, '');
    this.put(this.impactCategories, rec.value.id, rec, r);
  }

  private addImpactMethod(o: JsonObject, r: DatasetReader): void {
    const id = r.requireId(o);
    const parts: ImpactMethodRecord['parts'] = [];
    r.array(o, 'impactCategories', '', true).forEach((c, i) => {
      const at = ptr('impactCategories', i);
      if (!isObject(c)) {
        r.error(at, 'INVALID_REFERENCE', 'The impact category entry is not an object; it was skipped.');
        return;
      }
      // Early v1 exports embed whole categories in the method; later ones only reference them.
      if (Array.isArray(c.impactFactors)) {
        parts.push({ embedded: this.readImpactCategory(c, r, at) });
      } else if (typeof c['@id'] === 'string' && c['@id'] !== '') {
        parts.push({ refId: c['@id'], pointer: at });
      } else {
        r.error(at, 'INVALID_REFERENCE', 'The impact category reference has no "@id"; it was skipped.');
      }
    });
    const method: ImpactMethod = { id, name: r.name(o, ''), categories: [] };
    this.put(this.impactMethods, id, { value: method, file: r.file, parts }, r);
  }

  /** Resolves references between datasets and returns the database. Call once, after the last `add`. */
  finish(name?: string): Database {
    if (this.finished) throw new Error('JsonLdConverter.finish() was already called');
    this.finished = true;
    const categoryPath = this.categoryResolver();

    for (const [folder, count] of this.unsupported) {
      this.log.info(
        `${folder}/`,
        '',
        'UNSUPPORTED_DATASETS',
        `${count} ${folder} dataset(s) were not read: the model has no place for them.`,
      );
    }

    // Unit groups: the default flow property is informative only.
    for (const { value: g, file } of this.unitGroups.values()) {
      if (g.defaultFlowPropertyId !== undefined && !this.flowProperties.has(g.defaultFlowPropertyId)) {
        this.log.info(
          file,
          '/defaultFlowProperty',
          'MISSING_FLOW_PROPERTY',
          `Default flow property ${g.defaultFlowPropertyId} is not in the export; it was ignored.`,
        );
        delete g.defaultFlowPropertyId;
      }
    }

    for (const [id, { value: fp, file }] of this.flowProperties) {
      if (!this.unitGroups.has(fp.unitGroupId)) {
        this.log.error(
          file,
          '/unitGroup',
          'MISSING_UNIT_GROUP',
          `Unit group ${fp.unitGroupId} of flow property '${fp.name}' is not in the export; the flow property was ` +
            'dropped, and with it every flow and exchange measured in it. Export the unit group too.',
        );
        this.flowProperties.delete(id);
      }
    }

    const elementary: Flow[] = [];
    for (const [id, rec] of this.flows) {
      const flow = rec.value;
      if (rec.category) {
        const path = categoryPath(rec.category, rec.file);
        if (path) flow.category = path;
      }
      let dropped = false;
      flow.properties = flow.properties.filter((p, index) => {
        if (this.flowProperties.has(p.flowPropertyId)) return true;
        this.log.error(
          rec.file,
          ptr('flowProperties', index, 'flowProperty'),
          'MISSING_FLOW_PROPERTY',
          p.isReference
            ? `The reference flow property ${p.flowPropertyId} of flow '${flow.name}' is not in the export (or was ` +
                'dropped); the flow was dropped. Export the flow property and its unit group too.'
            : `Flow property ${p.flowPropertyId} is not in the export; this flow property factor was dropped.`,
        );
        if (p.isReference) dropped = true;
        return false;
      });
      if (dropped) {
        this.flows.delete(id);
        continue;
      }
      if (flow.locationId !== undefined && !this.locations.has(flow.locationId)) {
        this.log.warning(
          rec.file,
          '/location',
          'UNKNOWN_LOCATION',
          `Location ${flow.locationId} is not in the export; it was ignored.`,
        );
        delete flow.locationId;
      }
      if (flow.type === 'elementary') elementary.push(flow);
    }
    const nomenclatures = guessNomenclature(elementary.map((f) => f.category));
    elementary.forEach((f, i) => (f.nomenclature = nomenclatures[i]));

    const unitSets = new Map<string, Set<string>>();
    const unitsOf = (groupId: string): Set<string> => {
      let set = unitSets.get(groupId);
      if (!set) {
        set = new Set(this.unitGroups.get(groupId)?.value.units.map((u) => u.id));
        unitSets.set(groupId, set);
      }
      return set;
    };

    for (const rec of this.processes.values()) this.checkProcess(rec, categoryPath, unitsOf);

    const impactMethods = this.resolveImpactMethods(unitsOf);

    return {
      name,
      unitGroups: values(this.unitGroups),
      flowProperties: values(this.flowProperties),
      flows: values(this.flows),
      processes: values(this.processes),
      locations: values(this.locations),
      parameters: this.parameters.map((p) => p.value),
      impactMethods,
      sources: values(this.sources),
      actors: values(this.actors),
    };
  }

  private categoryResolver(): (field: CategoryField, file: string) => string | undefined {
    const resolved = new Map<string, string>();
    const reported = new Set<string>();
    const pathOf = (id: string, fallback: string | undefined, file: string): string | undefined => {
      const known = resolved.get(id);
      if (known !== undefined) return known;
      const names: string[] = [];
      const seen = new Set<string>();
      let current: string | undefined = id;
      let prefix: string | undefined;
      while (current !== undefined) {
        if (seen.has(current)) {
          this.log.warning(
            this.categories.get(current)?.file ?? file,
            '/category',
            'CATEGORY_CYCLE',
            'The category parents form a cycle; the path was cut there.',
          );
          break;
        }
        seen.add(current);
        const c = this.categories.get(current);
        if (!c) {
          if (!reported.has(current)) {
            reported.add(current);
            this.log.warning(
              file,
              '/category',
              'MISSING_CATEGORY',
              `Category ${current} is not in the export; its name from the reference is used as the path.`,
            );
          }
          if (current === id && fallback) names.push(fallback);
          break;
        }
        // Trimmed like v2 path segments, so a v1 name ' unspecified treatment' gives the same path as v2.
        names.push(c.name.trim());
        prefix = c.parentPath;
        current = c.parentId;
      }
      const path = [...(prefix ? [prefix] : []), ...names.reverse()].join('/');
      const result = path === '' ? undefined : path;
      if (result !== undefined) resolved.set(id, result);
      return result;
    };
    return (field, file) => ('path' in field ? field.path : pathOf(field.refId, field.name, file));
  }

  private checkProcess(
    rec: ProcessRecord,
    categoryPath: (field: CategoryField, file: string) => string | undefined,
    unitsOf: (groupId: string) => Set<string>,
  ): void {
    const p = rec.value;
    const file = rec.file;
    if (rec.category) {
      const path = categoryPath(rec.category, file);
      if (path) p.category = path;
    }
    if (p.locationId !== undefined && !this.locations.has(p.locationId)) {
      this.log.warning(
        file,
        '/location',
        'UNKNOWN_LOCATION',
        `Location ${p.locationId} is not in the export; it was ignored.`,
      );
      delete p.locationId;
    }
    const kept: Exchange[] = [];
    const keptSource: number[] = [];
    p.exchanges.forEach((e, k) => {
      const i = rec.exchangeSource[k];
      const at = (key: string): string => ptr('exchanges', i, key);
      const flowRec = this.flows.get(e.flowId);
      if (!flowRec) {
        const name = rec.flowNames[i];
        this.log.error(
          file,
          at('flow'),
          'MISSING_FLOW',
          `Flow ${e.flowId}${name ? ` ('${name}')` : ''} is not in the export (or could not be read); the exchange ` +
            'was dropped. Export the process together with its flows.',
        );
        return;
      }
      const flow = flowRec.value;
      if (rec.missingProperty.has(i)) {
        const ref = flow.properties.find((fp) => fp.isReference) as FlowPropertyFactor;
        e.flowPropertyId = ref.flowPropertyId;
        this.log.warning(
          file,
          at('flowProperty'),
          'MISSING_FIELD',
          "The exchange has no flowProperty; the flow's reference flow property is used.",
        );
      }
      const fp = this.flowProperties.get(e.flowPropertyId);
      if (!fp) {
        this.log.error(
          file,
          at('flowProperty'),
          'MISSING_FLOW_PROPERTY',
          `Flow property ${e.flowPropertyId} is not in the export (or was dropped); the exchange was dropped. ` +
            'Export the flow property and its unit group too.',
        );
        return;
      }
      if (!flow.properties.some((f) => f.flowPropertyId === e.flowPropertyId)) {
        this.log.error(
          file,
          at('flowProperty'),
          'FLOW_PROPERTY_NOT_IN_FLOW',
          `Flow '${flow.name}' has no factor for flow property '${fp.value.name}', so the amount cannot be ` +
            'converted; the exchange was dropped. Add the flow property to the flow, or use one it has.',
        );
        return;
      }
      if (!unitsOf(fp.value.unitGroupId).has(e.unitId)) {
        this.log.error(
          file,
          at('unit'),
          'UNKNOWN_UNIT',
          `Unit ${e.unitId} is not in the unit group of flow property '${fp.value.name}'; the exchange was ` +
            'dropped. Use a unit of that group.',
        );
        return;
      }
      if (e.locationId !== undefined && !this.locations.has(e.locationId)) {
        this.log.warning(
          file,
          at('location'),
          'UNKNOWN_LOCATION',
          `Location ${e.locationId} is not in the export; it was ignored.`,
        );
        delete e.locationId;
      }
      if (e.defaultProviderId !== undefined && !this.processes.has(e.defaultProviderId)) {
        this.log.warning(
          file,
          at('defaultProvider'),
          'UNKNOWN_PROVIDER',
          `Default provider ${e.defaultProviderId} is not in the export; it was ignored and a provider will be ` +
            'searched by flow when linking.',
        );
        delete e.defaultProviderId;
      }
      kept.push(e);
      keptSource.push(i);
    });
    p.exchanges = kept;
    rec.exchangeSource = keptSource;

    const refs = kept.filter((e) => e.isReference);
    if (refs.length === 0) {
      this.log.error(
        file,
        '/exchanges',
        'NO_QUANTITATIVE_REFERENCE',
        'The process has no (usable) quantitative reference, so it cannot provide a product. Mark its reference ' +
          'product or treated waste as quantitative reference in openLCA.',
      );
    } else if (refs.length > 1) {
      this.log.warning(
        file,
        '/exchanges',
        'MULTIPLE_QUANTITATIVE_REFERENCES',
        `${refs.length} exchanges are marked as quantitative reference; the first is used.`,
      );
      for (const e of refs.slice(1)) e.isReference = false;
    }

    // Co-products are product outputs and treated wastes (waste inputs); a factor for any other flow has
    // no share to give.
    const products = new Set(
      kept
        .filter((e) => {
          const type = this.flows.get(e.flowId)?.value.type;
          return (type === 'product' && !e.isInput) || (type === 'waste' && e.isInput);
        })
        .map((e) => e.flowId),
    );
    const internalIds = new Set(kept.map((e) => e.internalId));
    const flowIds = new Set(kept.map((e) => e.flowId));
    let notProduct = 0;
    let noExchange = 0;
    p.allocationFactors = p.allocationFactors.filter((f) => {
      if (!products.has(f.productId)) {
        notProduct++;
        return false;
      }
      if (
        (f.exchangeInternalId !== undefined && !internalIds.has(f.exchangeInternalId)) ||
        (f.exchangeFlowId !== undefined && !flowIds.has(f.exchangeFlowId))
      ) {
        noExchange++;
        return false;
      }
      return true;
    });
    if (notProduct > 0) {
      this.log.warning(
        file,
        '/allocationFactors',
        'ALLOCATION_PRODUCT_NOT_IN_PROCESS',
        `${notProduct} allocation factor(s) name a product that is not a product output (or waste input) of the ` +
          'process and were ignored.',
      );
    }
    if (noExchange > 0) {
      this.log.warning(
        file,
        '/allocationFactors',
        'ALLOCATION_EXCHANGE_NOT_IN_PROCESS',
        `${noExchange} causal allocation factor(s) name an exchange the process does not have (or that was ` +
          'dropped) and were ignored.',
      );
    }
  }

  private resolveImpactMethods(unitsOf: (groupId: string) => Set<string>): ImpactMethod[] {
    const used = new Set<string>();
    const checked = new Set<ImpactCategoryRecord>();
    const check = (rec: ImpactCategoryRecord): void => {
      if (checked.has(rec)) return;
      checked.add(rec);
      const c = rec.value;
      let unknownFlows = 0;
      const keptSource: number[] = [];
      c.factors = c.factors.filter((f, k) => {
        const at = rec.pointer + ptr('impactFactors', rec.factorSource[k]);
        const flow = this.flows.get(f.flowId)?.value;
        // Method packages are often read apart from the database they are applied to, so a factor for an
        // unknown flow is kept: it is matched by flow id later.
        if (!flow) {
          unknownFlows++;
          keptSource.push(rec.factorSource[k]);
          return true;
        }
        const fpId = f.flowPropertyId ?? flow.properties.find((p) => p.isReference)?.flowPropertyId;
        const fp = fpId === undefined ? undefined : this.flowProperties.get(fpId)?.value;
        if (!fp || !flow.properties.some((p) => p.flowPropertyId === fpId)) {
          this.log.error(
            rec.file,
            at + ptr('flowProperty'),
            'FLOW_PROPERTY_NOT_IN_FLOW',
            `Flow '${flow.name}' has no flow property ${fpId}; the characterisation factor was dropped.`,
          );
          return false;
        }
        if (f.unitId !== undefined && !unitsOf(fp.unitGroupId).has(f.unitId)) {
          this.log.error(
            rec.file,
            at + ptr('unit'),
            'UNKNOWN_UNIT',
            `Unit ${f.unitId} is not in the unit group of '${fp.name}'; the characterisation factor was dropped.`,
          );
          return false;
        }
        keptSource.push(rec.factorSource[k]);
        return true;
      });
      rec.factorSource = keptSource;
      if (unknownFlows > 0 && this.flows.size > 0) {
        this.log.info(
          rec.file,
          rec.pointer + ptr('impactFactors'),
          'FACTOR_FLOW_NOT_IN_EXPORT',
          `${unknownFlows} characterisation factor(s) of '${c.name}' are for flows not in this export; they ` +
            'are kept and apply to databases that have those flows.',
        );
      }
    };

    const methods: ImpactMethod[] = [];
    for (const rec of this.impactMethods.values()) {
      const m = rec.value;
      for (const part of rec.parts) {
        if ('embedded' in part) {
          check(part.embedded);
          m.categories.push(part.embedded.value);
          continue;
        }
        const c = this.impactCategories.get(part.refId);
        if (!c) {
          this.log.error(
            rec.file,
            part.pointer,
            'MISSING_IMPACT_CATEGORY',
            `Impact category ${part.refId} is not in the export; the method '${m.name}' lacks it. Export the ` +
              'method with its impact categories.',
          );
          continue;
        }
        used.add(part.refId);
        check(c);
        m.categories.push(c.value);
      }
      methods.push(m);
    }
    for (const [id, c] of this.impactCategories) {
      if (!used.has(id)) {
        this.log.info(
          c.file,
          '',
          'UNUSED_IMPACT_CATEGORY',
          `Impact category '${c.value.name}' belongs to no method in the export; it was not read.`,
        );
      }
    }
    return methods;
  }
}

function values<T>(map: Map<string, Stored<T>>): T[] {
  return Array.from(map.values(), (r) => r.value);
}

/**
 * v2 exchanges carry `internalId` (allocation factors refer to them by it); v1 exchanges do not, so they are
 * numbered 1..n in file order. Missing or duplicate ids get fresh numbers above the largest one given.
 */
function assignInternalIds(exchanges: Exchange[], given: (number | undefined)[], r: DatasetReader): void {
  const used = new Set<number>();
  let next = 1;
  for (const id of given) if (id !== undefined && id >= next) next = id + 1;
  exchanges.forEach((e, i) => {
    const id = given[i];
    if (id !== undefined && !used.has(id)) {
      e.internalId = id;
      used.add(id);
      return;
    }
    if (id !== undefined) {
      r.warning(
        ptr('exchanges', i, 'internalId'),
        'DUPLICATE_INTERNAL_ID',
        `internalId ${id} is used twice; this exchange gets ${next}.`,
      );
    }
    e.internalId = next++;
    used.add(e.internalId);
  });
}
