import type {
  Actor,
  AllocationFactor,
  AllocationMethod,
  Database,
  Exchange,
  Flow,
  FlowProperty,
  FlowPropertyFactor,
  ImpactCategory,
  ImpactFactor,
  ImpactMethod,
  Location,
  Parameter,
  Process,
  Source,
  UnitGroup,
} from '@opencfp/core';
import { FormatError } from './errors.js';
import { guessNomenclature } from './guess-nomenclature.js';
import {
  IlcdFile,
  readContact,
  readFlow,
  readFlowProperty,
  readImpactCategory,
  readLocations,
  readProcess,
  readSource,
  readUnitGroup,
  resolveUncertainty,
  SkipIlcdDataset,
  type FlowPropertyRecord,
  type FlowRecord,
  type ImpactRecord,
  type LocationRef,
  type ProcessRecord,
  type RawExchange,
  type RawParameter,
  type UnitGroupRecord,
} from './ilcd-dataset-reader.js';
import { allocationOfApproach, ILCD_NAMESPACE, ILCD_FOLDERS, locationIdOfCode } from './ilcd-format.js';
import type { IssueLog } from './issue-log.js';
import { uuidV5 } from './simapro-uuid.js';
import { decodeXml } from './xml/decode-xml.js';
import { parseXml } from './xml/parse-xml.js';
import type { XmlElement } from './xml/xml-element.js';

interface Stored<T> {
  key: string;
  value: T;
  file: string;
}

/** A flow after its references were checked: the model flow and what exchanges need to convert to it. */
interface ResolvedFlow {
  flow: Flow;
  record: FlowRecord;
  /** Flow property id (model) of the reference property. */
  referencePropertyId: string;
  referenceUnitId: string;
}

const ALLOCATION_METHODS = new Set<string>(['physical', 'economic', 'causal']);
const NO_METHOD_NAME = 'ILCD LCIA methods';

/**
 * Turns ILCD datasets (processes, flows, flow properties, unit groups, sources, contacts, LCIA methods, and
 * ILCDLocations.xml) into the core model. Feed every entry to `add`, then call `finish` once: references are
 * resolved at the end, since a package lists its folders in no particular order.
 *
 * Datasets are recognised by their root element, so the folder layout does not matter ('ILCD/processes/…',
 * 'processes/…' or loose files). Broken datasets are skipped and reported; exchanges whose flow is missing are
 * dropped with MISSING_FLOW.
 *
 * @example
 * const log = new IssueLog();
 * const converter = new IlcdConverter(log);
 * converter.add('ILCD/flows/x.xml', bytes);
 * const db = converter.finish('my db');
 */
export class IlcdConverter {
  private readonly unitGroups = new Map<string, UnitGroupRecord>();
  private readonly flowProperties = new Map<string, FlowPropertyRecord>();
  private readonly flows = new Map<string, FlowRecord>();
  private readonly processes = new Map<string, ProcessRecord>();
  private readonly impacts = new Map<string, ImpactRecord>();
  private readonly sources = new Map<string, Stored<Source>>();
  private readonly actors = new Map<string, Stored<Actor>>();
  private readonly locationNames = new Map<string, string>();
  private readonly unsupported = new Map<string, { count: number; file: string }>();
  private datasetCount = 0;
  private finished = false;

  // Filled by finish().
  private readonly locations = new Map<string, Location>();
  private readonly resolvedFlows = new Map<string, ResolvedFlow>();
  private readonly flowsById = new Map<string, Flow>();
  private readonly propertiesByRef = new Map<string, FlowProperty>();
  private readonly groupsById = new Map<string, UnitGroup>();
  private readonly processIds = new Map<string, string>();
  private readonly globals = new Map<string, Parameter>();

  constructor(private readonly log: IssueLog) {}

  /** Number of entries that were ILCD datasets (read or skipped); 0 means the source is not ILCD. */
  get datasets(): number {
    return this.datasetCount;
  }

  /** Whether `add` would look at the entry: XML files outside external_docs/. */
  wants(name: string): boolean {
    return /\.xml$/i.test(name) && !/(^|\/)external_docs\//i.test(name);
  }

  /** Reads one entry; XML files that are not ILCD datasets are ignored. */
  add(name: string, data: Uint8Array | string): void {
    if (!this.wants(name)) return;
    const inDatasetFolder = Object.values(ILCD_FOLDERS).some((folder) =>
      name.toLowerCase().split('/').slice(0, -1).includes(folder.toLowerCase()),
    );
    if (data.length === 0) {
      if (inDatasetFolder) this.datasetCount++;
      this.log.error(name, '', 'EMPTY_FILE', 'The file is empty (0 bytes); the data set was skipped.');
      return;
    }
    let root: XmlElement;
    try {
      // A byte-order mark left in already decoded text would make the XML ill-formed.
      const text = typeof data === 'string' ? data.replace(/^\ufeff/, '') : decodeXml(data, name).text;
      root = parseXml(text, name);
    } catch (err) {
      if (!(err instanceof FormatError)) throw err;
      // Only files in a dataset folder count as (broken) datasets; other broken XML is not ILCD's business.
      if (inDatasetFolder) this.datasetCount++;
      const message = err.message.startsWith(`${name}: `) ? err.message.slice(name.length + 2) : err.message;
      this.log.error(name, '', err.code, `${message} The data set was skipped.`);
      return;
    }
    if (root.name === 'ILCDLocations') {
      for (const [code, n] of readLocations(root))
        if (!this.locationNames.has(code)) this.locationNames.set(code, n);
      return;
    }
    // Known roots are read whatever their namespace (some tools write none); other ILCD roots are counted.
    if (!(root.name in ILCD_FOLDERS) && !root.namespace.startsWith('http://lca.jrc.it/ILCD')) {
      if (inDatasetFolder) {
        this.datasetCount++;
        this.log.error(
          name,
          '',
          'UNKNOWN_DATASET',
          `<${root.name}> is not an ILCD data set (namespace '${root.namespace}'); the file was skipped.`,
        );
      }
      return;
    }
    this.datasetCount++;
    const f = new IlcdFile(name, this.log, root.name, root.attributes.verbatimText === 'true');
    try {
      this.dispatch(root, f);
    } catch (err) {
      if (err instanceof SkipIlcdDataset) return;
      if (err instanceof FormatError) throw err;
      f.error(
        '',
        'READ_FAILED',
        `The data set could not be read (${String(err)}); it was skipped. Please report this.`,
      );
    }
  }

  private dispatch(root: XmlElement, f: IlcdFile): void {
    switch (root.name) {
      case 'unitGroupDataSet':
        return this.put(this.unitGroups, readUnitGroup(root, f), f);
      case 'flowPropertyDataSet':
        return this.put(this.flowProperties, readFlowProperty(root, f), f);
      case 'flowDataSet':
        return this.put(this.flows, readFlow(root, f), f);
      case 'processDataSet':
        return this.put(this.processes, readProcess(root, f), f);
      case 'LCIAMethodDataSet':
        return this.put(this.impacts, readImpactCategory(root, f), f);
      case 'sourceDataSet': {
        const s = readSource(root, f);
        return this.put(this.sources, { key: s.id.toLowerCase(), value: s, file: f.file }, f);
      }
      case 'contactDataSet': {
        const a = readContact(root, f);
        return this.put(this.actors, { key: a.id.toLowerCase(), value: a, file: f.file }, f);
      }
      default: {
        const seen = this.unsupported.get(root.name);
        if (seen) seen.count++;
        else this.unsupported.set(root.name, { count: 1, file: f.file });
      }
    }
  }

  private put<T extends { key: string }>(map: Map<string, T>, value: T, f: IlcdFile): void {
    if (map.has(value.key)) {
      f.warning(
        '',
        'DUPLICATE_ID',
        `Another data set of this type has the same UUID ${value.key}; this one was ignored.`,
      );
      return;
    }
    map.set(value.key, value);
  }

  /** Resolves references between datasets and returns the database. Call once, after the last `add`. */
  finish(name?: string): Database {
    if (this.finished) throw new Error('IlcdConverter.finish() was already called');
    this.finished = true;
    for (const [root, { count, file }] of this.unsupported) {
      this.log.info(
        file,
        '',
        'UNSUPPORTED_DATASETS',
        `${count} <${root}> data set(s) (e.g. this one) were not read: the model has no place for them.`,
      );
    }
    const unitGroups = this.resolveUnitGroups();
    const flowProperties = this.resolveFlowProperties();
    for (const rec of this.unitGroups.values()) {
      const group = this.groupsById.get(rec.id);
      const fp = rec.defaultFlowPropertyKey && this.flowProperties.get(rec.defaultFlowPropertyKey);
      if (group && fp && this.propertiesByRef.has(fp.key)) group.defaultFlowPropertyId = fp.id;
    }
    const flows = this.resolveFlows();
    for (const rec of this.processes.values()) this.processIds.set(rec.key, rec.id);
    // openLCA writes default providers as UUIDs; a model id that is not one may be given too.
    for (const rec of this.processes.values())
      if (!this.processIds.has(rec.id.toLowerCase())) this.processIds.set(rec.id.toLowerCase(), rec.id);
    this.collectGlobals();
    const processes: Process[] = [];
    for (const rec of this.processes.values()) processes.push(this.resolveProcess(rec));
    const impactMethods = this.resolveImpacts();
    return {
      name,
      unitGroups,
      flowProperties,
      flows,
      processes,
      locations: this.orderedLocations(),
      parameters: [...this.globals.values()],
      impactMethods,
      sources: Array.from(this.sources.values(), (s) => s.value),
      actors: Array.from(this.actors.values(), (a) => a.value),
    };
  }

  private resolveUnitGroups(): UnitGroup[] {
    const out: UnitGroup[] = [];
    for (const rec of this.unitGroups.values()) {
      const group: UnitGroup = {
        id: rec.id,
        name: rec.name,
        units: rec.units.map((u) =>
          u.synonyms
            ? { id: u.id, name: u.name, factor: u.factor, synonyms: u.synonyms }
            : { id: u.id, name: u.name, factor: u.factor },
        ),
        referenceUnitId: rec.units[rec.referenceIndex].id,
      };
      this.groupsById.set(rec.id, group);
      out.push(group);
    }
    return out;
  }

  private groupOfKey(key: string): UnitGroup | undefined {
    const rec = this.unitGroups.get(key);
    return rec ? this.groupsById.get(rec.id) : undefined;
  }

  private resolveFlowProperties(): FlowProperty[] {
    const out: FlowProperty[] = [];
    for (const rec of this.flowProperties.values()) {
      const group = this.groupOfKey(rec.unitGroupKey);
      if (!group) {
        this.log.error(
          rec.file,
          rec.unitGroupPath,
          'MISSING_UNIT_GROUP',
          `Unit group ${rec.unitGroupKey} of flow property '${rec.name}' is not in the package; the flow property ` +
            'was dropped, and with it every flow and exchange measured in it. Add the unit group data set.',
        );
        continue;
      }
      const fp: FlowProperty = { id: rec.id, name: rec.name, unitGroupId: group.id };
      this.propertiesByRef.set(rec.key, fp);
      if (!this.propertiesByRef.has(rec.id.toLowerCase())) this.propertiesByRef.set(rec.id.toLowerCase(), fp);
      out.push(fp);
    }
    return out;
  }

  private locationOf(ref: LocationRef): string {
    const id = ref.id ?? locationIdOfCode(ref.code);
    let location = this.locations.get(id);
    if (!location) {
      location = { id, name: ref.name ?? this.locationNames.get(ref.code) ?? ref.code, code: ref.code };
      this.locations.set(id, location);
    }
    // Only process geographies carry coordinates; the location may have been met first elsewhere.
    if (location.latitude === undefined && ref.latitude !== undefined && ref.longitude !== undefined) {
      location.latitude = ref.latitude;
      location.longitude = ref.longitude;
    }
    return id;
  }

  /** Locations in the order of ILCDLocations.xml (the writer lists the database's order), then by first use. */
  private orderedLocations(): Location[] {
    const order = new Map([...this.locationNames.keys()].map((code, i) => [code, i]));
    const rank = (l: Location): number => order.get(l.code ?? '') ?? order.size;
    return [...this.locations.values()]
      .map((l, i) => ({ l, i }))
      .sort((a, b) => rank(a.l) - rank(b.l) || a.i - b.i)
      .map((x) => x.l);
  }

  private resolveFlows(): Flow[] {
    const out: Flow[] = [];
    let others = 0;
    let firstOther: string | undefined;
    for (const rec of this.flows.values()) {
      const properties: FlowPropertyFactor[] = [];
      let dropped = false;
      let referencePropertyId = '';
      let referenceGroup: UnitGroup | undefined;
      rec.properties.forEach((p, i) => {
        const fp = this.propertiesByRef.get(p.propertyKey);
        const isReference = i === rec.referenceIndex;
        if (!fp) {
          this.log.error(
            rec.file,
            `${p.path}/referenceToFlowPropertyDataSet/@refObjectId`,
            'MISSING_FLOW_PROPERTY',
            isReference
              ? `The reference flow property ${p.propertyKey} of flow '${rec.name}' is not in the package (or was ` +
                  'dropped); the flow was dropped. Add the flow property and its unit group.'
              : `Flow property ${p.propertyKey} is not in the package; this flow property factor was dropped.`,
          );
          if (isReference) dropped = true;
          return;
        }
        if (isReference) {
          referencePropertyId = fp.id;
          referenceGroup = this.groupsById.get(fp.unitGroupId);
        }
        properties.push({ flowPropertyId: fp.id, factor: p.factor, isReference });
      });
      if (dropped || !referenceGroup) continue;
      const flow: Flow = { id: rec.id, name: rec.name, type: rec.type, properties };
      if (rec.category !== undefined) flow.category = rec.category;
      if (rec.cas !== undefined) flow.cas = rec.cas;
      if (rec.formula !== undefined) flow.formula = rec.formula;
      if (rec.synonyms) flow.synonyms = rec.synonyms;
      if (rec.location) flow.locationId = this.locationOf(rec.location);
      if (rec.other) {
        others++;
        firstOther ??= rec.file;
      }
      this.resolvedFlows.set(rec.key, {
        flow,
        record: rec,
        referencePropertyId,
        referenceUnitId: referenceGroup.referenceUnitId,
      });
      this.flowsById.set(flow.id, flow);
      out.push(flow);
    }
    const elementary = [...this.resolvedFlows.values()].filter((r) => r.flow.type === 'elementary');
    const guessed = guessNomenclature(elementary.map((r) => r.flow.category));
    elementary.forEach((r, i) => {
      r.flow.nomenclature = r.record.nomenclature ?? guessed[i];
    });
    if (others > 0) {
      this.log.info(
        firstOther ?? '',
        '/flowDataSet/modellingAndValidation/LCIMethod/typeOfDataSet',
        'OTHER_FLOWS_AS_PRODUCTS',
        `${others} flow(s) of type 'Other flow' (e.g. this one) were read as products, as openLCA does, so ` +
          'that processes can provide and use them.',
      );
    }
    return out;
  }

  /** Parameters with openLCA's `olca:scope="global"` become database parameters (first definition wins). */
  private collectGlobals(): void {
    for (const rec of this.processes.values()) {
      for (const raw of rec.parameters) {
        if (!raw.global) continue;
        const key = raw.name.toLowerCase();
        if (this.globals.has(key)) continue;
        const p = this.parameter(raw, 'global', rec.file);
        if (p) this.globals.set(key, p);
      }
    }
  }

  private parameter(raw: RawParameter, scope: 'global' | 'process', file: string): Parameter | undefined {
    const isInput = raw.isInput ?? raw.formula === undefined;
    if (raw.value === undefined && isInput) {
      this.log.error(
        file,
        `${raw.path}/meanValue`,
        'INVALID_PARAMETER',
        `Input parameter '${raw.name}' has no meanValue; it was skipped.`,
      );
      return undefined;
    }
    // A calculated parameter's stored value is only a cache of its formula.
    const p: Parameter = { name: raw.name, value: raw.value ?? 0, isInput, scope };
    if (raw.formula !== undefined) p.formula = raw.formula;
    if (raw.description !== undefined) p.description = raw.description;
    if (raw.uncertainty) {
      const u = resolveUncertainty(raw.uncertainty, p.value, (why) =>
        this.log.warning(
          file,
          raw.uncertainty?.path ?? raw.path,
          'INVALID_UNCERTAINTY',
          `The uncertainty of parameter '${raw.name}' cannot be used and was ignored: ${why}.`,
        ),
      );
      if (u) p.uncertainty = u;
    }
    return p;
  }

  private resolveProcess(rec: ProcessRecord): Process {
    const file = rec.file;
    const process: Process = {
      id: rec.id,
      name: rec.name,
      type: rec.type,
      exchanges: [],
      parameters: [],
      allocationFactors: [],
    };
    if (rec.category !== undefined) process.category = rec.category;
    if (rec.description !== undefined) process.description = rec.description;
    if (rec.location) process.locationId = this.locationOf(rec.location);
    if (rec.version !== undefined) process.version = rec.version;
    if (rec.lastChange !== undefined) process.lastChange = rec.lastChange;
    if (rec.tags) process.tags = rec.tags;

    const localNames = new Map<string, RawParameter>();
    for (const raw of rec.parameters) {
      if (raw.global) continue;
      const p = this.parameter(raw, 'process', file);
      if (!p) continue;
      process.parameters.push(p);
      localNames.set(raw.name.toLowerCase(), raw);
    }

    const kept: { exchange: Exchange; raw: RawExchange }[] = [];
    const droppedUncertainty: { path: string; why: string }[] = [];
    for (const x of rec.exchanges) {
      const exchange = this.exchange(rec, x, localNames, droppedUncertainty);
      if (exchange) kept.push({ exchange, raw: x });
    }
    if (droppedUncertainty.length > 0) {
      const shown = droppedUncertainty.slice(0, 3).map((d) => `${d.path}: ${d.why}`);
      if (droppedUncertainty.length > 3) shown.push(`… ${droppedUncertainty.length - 3} more`);
      this.log.warning(
        file,
        droppedUncertainty[0].path,
        'INVALID_UNCERTAINTY',
        `${droppedUncertainty.length} uncertainty distribution(s) cannot be used and were ignored; the amounts ` +
          `are kept (${shown.join('; ')}). Fix the distribution parameters if uncertainty analysis matters.`,
      );
    }

    // dataSetInternalIDs are kept; missing or repeated ones get fresh numbers above the largest.
    const used = new Set<number>();
    let next = 1;
    for (const k of kept)
      if (k.raw.internalId !== undefined && k.raw.internalId >= next) next = k.raw.internalId + 1;
    const byOriginalId = new Map<number, Exchange>();
    for (const k of kept) {
      const given = k.raw.internalId;
      if (given !== undefined && given >= 0 && !used.has(given)) {
        k.exchange.internalId = given;
        byOriginalId.set(given, k.exchange);
      } else {
        this.log.warning(
          file,
          `${k.raw.path}/@dataSetInternalID`,
          given === undefined ? 'MISSING_INTERNAL_ID' : 'DUPLICATE_INTERNAL_ID',
          `${given === undefined ? 'The exchange has no valid dataSetInternalID' : `dataSetInternalID ${given} is used twice`}; ` +
            `it gets ${next}.`,
        );
        k.exchange.internalId = next++;
      }
      used.add(k.exchange.internalId);
      process.exchanges.push(k.exchange);
    }

    const isProvider = (e: Exchange): boolean => {
      const type = this.flowsById.get(e.flowId)?.type;
      return !e.isAvoided && ((type === 'product' && !e.isInput) || (type === 'waste' && e.isInput));
    };
    this.markReference(rec, process, byOriginalId, isProvider);
    if (rec.ocfpAllocation) this.exactAllocation(rec, process, isProvider);
    else this.ilcdAllocation(rec, process, kept, byOriginalId, isProvider);
    return process;
  }

  private exchange(
    rec: ProcessRecord,
    x: RawExchange,
    locals: Map<string, RawParameter>,
    droppedUncertainty: { path: string; why: string }[],
  ): Exchange | undefined {
    const file = rec.file;
    const refPath = `${x.path}/referenceToFlowDataSet/@refObjectId`;
    if (x.flowKey === undefined) {
      this.log.error(file, refPath, 'MISSING_FLOW', 'The exchange names no flow; it was dropped.');
      return undefined;
    }
    const resolved = this.resolvedFlows.get(x.flowKey);
    if (!resolved) {
      this.log.error(
        file,
        refPath,
        'MISSING_FLOW',
        `Flow ${x.flowKey}${x.flowName ? ` ('${x.flowName}')` : ''} is not in the package (or could not be read); ` +
          'the exchange was dropped. Export the process together with its flows.',
      );
      return undefined;
    }
    const flow = resolved.flow;
    let isInput: boolean;
    if (x.direction === 'Input' || x.direction === 'Output') isInput = x.direction === 'Input';
    else {
      // Resources are the only elementary flows that enter a process from nature.
      isInput = flow.type === 'elementary' && /^(elementary flows?\/)?resource/i.test(flow.category ?? '');
      this.log.warning(
        file,
        `${x.path}/exchangeDirection`,
        'MISSING_DIRECTION',
        `exchangeDirection must be 'Input' or 'Output', got ${x.direction === undefined ? 'nothing' : `'${x.direction}'`}; ` +
          `the exchange is read as an ${isInput ? 'input' : 'output'}.`,
      );
    }

    let amount: number | undefined;
    let unitId = resolved.referenceUnitId;
    let flowPropertyId = resolved.referencePropertyId;
    let formula: string | undefined;
    const ext = x.olca;
    const extGiven = ext.amount !== undefined || ext.unitId !== undefined || ext.propertyId !== undefined;
    if (ext.amount !== undefined && ext.unitId !== undefined && ext.propertyId !== undefined) {
      // openLCA's extension keeps the exchange's own unit, property and formula; use it when it fits the flow.
      const fp = this.propertiesByRef.get(ext.propertyId.toLowerCase());
      const group = fp ? this.groupsById.get(fp.unitGroupId) : undefined;
      if (
        fp &&
        group &&
        flow.properties.some((p) => p.flowPropertyId === fp.id) &&
        group.units.some((u) => u.id === ext.unitId)
      ) {
        amount = ext.amount;
        unitId = ext.unitId;
        flowPropertyId = fp.id;
        formula = ext.formula;
      }
    }
    if (amount === undefined) {
      if (extGiven) {
        this.log.warning(
          file,
          x.path,
          'INVALID_EXCHANGE_EXTENSION',
          "The exchange's openLCA extension (olca:amount, olca:unitId, olca:propertyId) is incomplete or names a " +
            "unit or flow property the flow does not have; the ILCD amount in the flow's reference unit is used.",
        );
      }
      const mean = x.meanAmount;
      if (x.variable !== undefined && mean !== undefined) {
        const temp = rec.tempParameters.get(x.variable);
        const param = temp ?? locals.get(x.variable.toLowerCase()) ?? this.globalRaw(x.variable);
        const times = mean === 1 ? '' : ` * ${mean}`;
        if (temp?.formula !== undefined) formula = `(${temp.formula})${times}`;
        else if (param) formula = `${x.variable}${times}`;
        else
          this.log.warning(
            file,
            `${x.path}/referenceToVariable`,
            'UNKNOWN_VARIABLE',
            `referenceToVariable '${x.variable}' is not a parameter of the process; the amount is used without ` +
              'its formula.',
          );
        if (x.resultingAmount === undefined && param?.value !== undefined) amount = mean * param.value;
      }
      amount ??= x.resultingAmount ?? mean;
      if (amount === undefined) {
        this.log.error(
          file,
          `${x.path}/meanAmount`,
          'INVALID_AMOUNT',
          'The exchange has no usable resultingAmount or meanAmount (missing, or not a finite number); it was ' +
            'dropped. Fix the amount.',
        );
        return undefined;
      }
    }

    const exchange: Exchange = {
      internalId: 0,
      flowId: flow.id,
      amount,
      unitId,
      flowPropertyId,
      isInput: ext.avoided ? !isInput : isInput,
      isAvoided: ext.avoided,
      isReference: false,
    };
    if (formula !== undefined) exchange.formula = formula;
    if (ext.provider !== undefined) {
      const provider = this.processIds.get(ext.provider.toLowerCase());
      if (provider !== undefined) exchange.defaultProviderId = provider;
      else
        this.log.warning(
          file,
          `${x.path}/@defaultProvider`,
          'UNKNOWN_PROVIDER',
          `Default provider ${ext.provider} is not in the package; it was ignored and a provider will be searched ` +
            'by flow when linking.',
        );
    }
    if (x.location) exchange.locationId = this.locationOf(x.location);
    if (x.uncertainty) {
      const u = resolveUncertainty(x.uncertainty, amount, (why) =>
        droppedUncertainty.push({ path: x.uncertainty?.path ?? x.path, why }),
      );
      if (u) exchange.uncertainty = u;
    }
    if (ext.pedigree !== undefined) exchange.dqEntry = ext.pedigree;
    if (x.description !== undefined) exchange.description = x.description;
    return exchange;
  }

  private globalRaw(name: string): RawParameter | undefined {
    const g = this.globals.get(name.toLowerCase());
    return g ? { name: g.name, path: '', global: true, value: g.value } : undefined;
  }

  /**
   * Marks the quantitative reference. ILCD may name several reference flows; as in openLCA, an exchange that
   * provides a product (or treats a waste) wins over one that does not, then the larger amount.
   */
  private markReference(
    rec: ProcessRecord,
    process: Process,
    byOriginalId: Map<number, Exchange>,
    isProvider: (e: Exchange) => boolean,
  ): void {
    const better = (a: Exchange, b: Exchange | undefined): boolean => {
      if (!b) return true;
      if (isProvider(a) !== isProvider(b)) return isProvider(a);
      return a.amount > b.amount;
    };
    let best: Exchange | undefined;
    for (const id of rec.referenceIds) {
      const e = byOriginalId.get(id);
      if (e && better(e, best)) best = e;
    }
    const refPath = '/processDataSet/processInformation/quantitativeReference';
    if (!best) {
      for (const e of process.exchanges) if (isProvider(e) && better(e, best)) best = e;
      if (best) {
        this.log.warning(
          rec.file,
          refPath,
          'NO_QUANTITATIVE_REFERENCE',
          rec.referenceIds.length === 0
            ? `The process names no reference flow; exchange ${best.internalId} (a product output or treated ` +
                'waste) is used.'
            : `The reference flow ${rec.referenceIds.join(', ')} is not among the (usable) exchanges; exchange ` +
                `${best.internalId} (a product output or treated waste) is used.`,
        );
      } else {
        this.log.error(
          rec.file,
          refPath,
          'NO_QUANTITATIVE_REFERENCE',
          'The process has no (usable) reference flow and no product output or waste input, so it cannot ' +
            'provide anything. Set its quantitative reference.',
        );
        return;
      }
    }
    best.isReference = true;
    if (!isProvider(best)) {
      this.log.warning(
        rec.file,
        refPath,
        'REFERENCE_NOT_PROVIDED',
        `The reference flow (exchange ${best.internalId}) is neither a product output nor a waste input, so the ` +
          'process cannot provide it to other processes.',
      );
    }
  }

  /** OpenCFP's `ocfp:allocation` block: the factors exactly as the model had them. */
  private exactAllocation(rec: ProcessRecord, process: Process, isProvider: (e: Exchange) => boolean): void {
    const block = rec.ocfpAllocation as NonNullable<ProcessRecord['ocfpAllocation']>;
    if (block.defaultMethod !== undefined && ALLOCATION_METHODS.has(block.defaultMethod))
      process.defaultAllocation = block.defaultMethod as AllocationMethod;
    const products = new Set(process.exchanges.filter(isProvider).map((e) => e.flowId));
    const internalIds = new Set(process.exchanges.map((e) => e.internalId));
    const flowIds = new Set(process.exchanges.map((e) => e.flowId));
    let notProduct = 0;
    let noExchange = 0;
    for (const raw of block.factors) {
      const productId = raw.productKey === undefined ? undefined : this.flowIdOfKey(raw.productKey);
      if (!ALLOCATION_METHODS.has(raw.method) || raw.value === undefined || productId === undefined) {
        this.log.warning(
          rec.file,
          raw.path,
          'INVALID_ALLOCATION_FACTOR',
          'The allocation factor needs a method (physical, economic, causal), a product and a value; it was ignored.',
        );
        continue;
      }
      if (!products.has(productId)) {
        notProduct++;
        continue;
      }
      const factor: AllocationFactor = {
        method: raw.method as AllocationMethod,
        productId,
        value: raw.value,
      };
      if (raw.formula !== undefined) factor.formula = raw.formula;
      if (raw.exchange !== undefined) {
        if (!internalIds.has(raw.exchange)) {
          noExchange++;
          continue;
        }
        factor.exchangeInternalId = raw.exchange;
      } else if (raw.exchangeFlowKey !== undefined) {
        const flowId = this.flowIdOfKey(raw.exchangeFlowKey);
        if (flowId === undefined || !flowIds.has(flowId)) {
          noExchange++;
          continue;
        }
        factor.exchangeFlowId = flowId;
      }
      process.allocationFactors.push(factor);
    }
    this.reportAllocation(rec, notProduct, noExchange);
  }

  private flowIdOfKey(key: string): string | undefined {
    return this.resolvedFlows.get(key)?.flow.id;
  }

  private reportAllocation(rec: ProcessRecord, notProduct: number, noExchange: number): void {
    const at = '/processDataSet/exchanges';
    if (notProduct > 0) {
      this.log.warning(
        rec.file,
        at,
        'ALLOCATION_PRODUCT_NOT_IN_PROCESS',
        `${notProduct} allocation factor(s) name a co-product that is not a product output (or waste input) of ` +
          'the process and were ignored.',
      );
    }
    if (noExchange > 0) {
      this.log.warning(
        rec.file,
        at,
        'ALLOCATION_EXCHANGE_NOT_IN_PROCESS',
        `${noExchange} causal allocation factor(s) name an exchange the process does not have (or that was ` +
          'dropped) and were ignored.',
      );
    }
  }

  /**
   * ILCD allocation: each exchange lists the percentage it gives to each co-product. Fractions on a co-product
   * that point to itself, or that are the same on every (non-product) exchange, are product-level shares
   * (physical, or economic when the process says 'Allocation - market value'); fractions that differ between
   * exchanges, or that only some exchanges have, are causal factors per exchange, as openLCA reads them. The stated LCIMethodApproaches give the default method;
   * without one, a process with fractions defaults to the method its fractions express.
   */
  private ilcdAllocation(
    rec: ProcessRecord,
    process: Process,
    kept: { exchange: Exchange; raw: RawExchange }[],
    byOriginalId: Map<number, Exchange>,
    isProvider: (e: Exchange) => boolean,
  ): void {
    const stated = rec.approaches.map(allocationOfApproach).find((m) => m !== undefined);
    const shares = new Map<Exchange, number>();
    const perExchange: { exchange: Exchange; product: Exchange; value: number }[] = [];
    let notProduct = 0;
    for (const { exchange, raw } of kept) {
      for (const a of raw.allocations) {
        if (a.fraction === undefined || a.coProduct === undefined) {
          this.log.warning(
            rec.file,
            a.path,
            'INVALID_ALLOCATION_FACTOR',
            'The allocation needs a numeric allocatedFraction and internalReferenceToCoProduct; it was ignored.',
          );
          continue;
        }
        if (a.fraction < 0 || a.fraction > 100) {
          this.log.error(
            rec.file,
            `${a.path}/@allocatedFraction`,
            'ALLOCATION_FRACTION_OUT_OF_RANGE',
            `allocatedFraction ${a.fraction} is not a percentage between 0 and 100; the factor was ignored (the ` +
              'calculation counts a missing factor as 100%). Fix the fraction.',
          );
          continue;
        }
        const product = byOriginalId.get(a.coProduct);
        if (!product || !isProvider(product)) {
          notProduct++;
          continue;
        }
        const value = a.fraction / 100;
        if (isProvider(exchange)) {
          // A co-product's own share; what a co-product gives to another one does not matter to the engine.
          if (exchange === product && !shares.has(product)) shares.set(product, value);
        } else perExchange.push({ exchange, product, value });
      }
    }
    this.reportAllocation(rec, notProduct, 0);

    // Uniform: every exchange with fractions gives each co-product the same share (and its own share agrees).
    const valuesOf = new Map<Exchange, Set<number>>();
    const productsOf = new Map<Exchange, Set<Exchange>>();
    for (const f of perExchange) {
      if (!valuesOf.has(f.product)) valuesOf.set(f.product, new Set());
      valuesOf.get(f.product)?.add(f.value);
      if (!productsOf.has(f.exchange)) productsOf.set(f.exchange, new Set());
      productsOf.get(f.exchange)?.add(f.product);
    }
    const productSets = [...productsOf.values()].map((s) =>
      [...s]
        .map((e) => e.internalId)
        .sort()
        .join(','),
    );
    // Fractions on only some exchanges are causal factors for those (the rest is not allocated), not shares.
    const allCovered =
      perExchange.length === 0 ||
      kept.every(({ exchange }) => isProvider(exchange) || productsOf.has(exchange));
    const uniform =
      allCovered &&
      new Set(productSets).size <= 1 &&
      [...valuesOf].every(
        ([product, values]) =>
          values.size === 1 && (!shares.has(product) || values.has(shares.get(product) as number)),
      );
    const productMethod: AllocationMethod = stated === 'economic' ? 'economic' : 'physical';
    const productShares = new Map(shares);
    if (uniform)
      for (const [product, values] of valuesOf)
        if (!productShares.has(product)) productShares.set(product, [...values][0]);
    for (const [product, value] of productShares)
      process.allocationFactors.push({ method: productMethod, productId: product.flowId, value });
    const causal = !uniform || stated === 'causal';
    if (causal) {
      for (const f of perExchange) {
        process.allocationFactors.push({
          method: 'causal',
          productId: f.product.flowId,
          value: f.value,
          exchangeInternalId: f.exchange.internalId,
        });
      }
    }
    if (!uniform && perExchange.length > 0) process.defaultAllocation = 'causal';
    else if (stated !== undefined) process.defaultAllocation = stated;
    else if (productShares.size > 0) process.defaultAllocation = productMethod;
  }

  private resolveImpacts(): ImpactMethod[] {
    const methods = new Map<string, ImpactMethod>();
    const methodOf = (name: string, id: string | undefined): ImpactMethod => {
      const key = name.trim().toLowerCase();
      let m = methods.get(key);
      if (!m) {
        m = { id: id ?? uuidV5(`lciamethod/${key}`, ILCD_NAMESPACE), name, categories: [] };
        methods.set(key, m);
      }
      return m;
    };
    let withoutMethod = 0;
    for (const rec of this.impacts.values()) {
      const factors: ImpactFactor[] = [];
      let unknownFlows = 0;
      for (const raw of rec.factors) {
        const resolved = this.resolvedFlows.get(raw.flowKey);
        // Method packages are often read apart from the database they are applied to, so a factor for an
        // unknown flow is kept: it is matched by flow id later.
        if (!resolved) {
          unknownFlows++;
          const f: ImpactFactor = { flowId: raw.flowKey, value: raw.value };
          if (raw.formula !== undefined) f.formula = raw.formula;
          factors.push(f);
          continue;
        }
        const factor: ImpactFactor = { flowId: resolved.flow.id, value: raw.value };
        if (raw.formula !== undefined) factor.formula = raw.formula;
        if (raw.propertyKey !== undefined || raw.unitId !== undefined) {
          const fp =
            raw.propertyKey === undefined
              ? this.propertiesByRef.get(resolved.referencePropertyId.toLowerCase())
              : this.propertiesByRef.get(raw.propertyKey);
          const group = fp ? this.groupsById.get(fp.unitGroupId) : undefined;
          if (!fp || !group || !resolved.flow.properties.some((p) => p.flowPropertyId === fp.id)) {
            this.log.error(
              rec.file,
              `${raw.path}/@flowPropertyId`,
              'FLOW_PROPERTY_NOT_IN_FLOW',
              `Flow '${resolved.flow.name}' has no flow property ${raw.propertyKey}; the characterisation factor was dropped.`,
            );
            continue;
          }
          if (raw.unitId !== undefined && !group.units.some((u) => u.id === raw.unitId)) {
            this.log.error(
              rec.file,
              `${raw.path}/@unitId`,
              'UNKNOWN_UNIT',
              `Unit ${raw.unitId} is not in the unit group of '${fp.name}'; the characterisation factor was dropped.`,
            );
            continue;
          }
          factor.flowPropertyId = fp.id;
          if (raw.unitId !== undefined) factor.unitId = raw.unitId;
        }
        factors.push(factor);
      }
      if (unknownFlows > 0 && this.flows.size > 0) {
        this.log.info(
          rec.file,
          '/LCIAMethodDataSet/characterisationFactors',
          'FACTOR_FLOW_NOT_IN_EXPORT',
          `${unknownFlows} characterisation factor(s) of '${rec.name}' are for flows not in this package; they ` +
            'are kept and apply to databases that have those flows.',
        );
      }
      const category: ImpactCategory = { id: rec.id, name: rec.name, unit: rec.unit, factors };
      if (rec.methods.length === 0) {
        withoutMethod++;
        methodOf(NO_METHOD_NAME, undefined).categories.push(category);
      }
      for (const m of rec.methods) methodOf(m.name, m.id).categories.push(category);
    }
    if (withoutMethod > 0) {
      this.log.info(
        'lciamethods/',
        '',
        'IMPACT_CATEGORY_WITHOUT_METHOD',
        `${withoutMethod} LCIA data set(s) name no methodology; they were grouped into the method '${NO_METHOD_NAME}'.`,
      );
    }
    return [...methods.values()];
  }
}
