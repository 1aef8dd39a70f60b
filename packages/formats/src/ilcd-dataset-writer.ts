import {
  formulaVariables,
  UnitIndex,
  type Actor,
  type AllocationFactor,
  type AllocationMethod,
  type Database,
  type Exchange,
  type Flow,
  type FlowProperty,
  type ImpactCategory,
  type ImpactMethod,
  type Location,
  type Parameter,
  type Process,
  type Source,
  type Uncertainty,
  type UnitGroup,
} from '@opencfp/core';
import { FormatError } from './errors.js';
import {
  APPROACH_OF_ALLOCATION,
  DEFAULT_DATASET_VERSION,
  FLOW_TYPE_VALUES,
  formatPerc,
  formatReal,
  ILCD_FOLDERS,
  ILCD_NS,
  ILCD_SCHEMA_VERSION,
  ilcdUuid,
  isIlcdUuid,
  isIlcdVersion,
  locationIdOfCode,
  OCFP_NS,
  OLCA_NS,
  PROCESS_TYPE_VALUES,
  REF_TYPES,
  TEMP_PARAMETER_PREFIX,
  type IlcdRoot,
} from './ilcd-format.js';
import { XmlWriter, type XmlAttributes } from './ilcd-xml-writer.js';

/** The ILCD format's own source data set, which every data set names as its format (as openLCA does). */
const ILCD_FORMAT_SOURCE = 'a97a0155-0234-4b87-b4ce-a45da52f2a40';
/** Longest text of the ILCD `String`/`StringMultiLang` types; longer texts are cut and kept whole in ocfp. */
const MAX_STRING = 500;
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

const UNCERTAINTY_TYPES: { [T in Uncertainty['type']]: string } = {
  lognormal: 'log-normal',
  normal: 'normal',
  triangular: 'triangular',
  uniform: 'uniform',
};

/**
 * Writes the datasets of one database as ILCD 1.1 XML, one document per call. Values ILCD cannot hold
 * exactly are written twice: in the standard field (rounded where the schema demands, e.g. `Perc`) and in an
 * extension attribute or element — openLCA's (`olca:`) where openLCA defines one, OpenCFP's (`ocfp:`)
 * otherwise — so that `readIlcd` restores the model exactly and other tools still read valid ILCD.
 *
 * @example
 * const w = new IlcdDatasetWriter(db, 'en');
 * const xml = w.process(db.processes[0]);
 */
export class IlcdDatasetWriter {
  private readonly units: UnitIndex;
  private readonly flows = new Map<string, Flow>();
  private readonly properties = new Map<string, FlowProperty>();
  private readonly groups = new Map<string, UnitGroup>();
  private readonly locations = new Map<string, Location>();
  private readonly globals = new Map<string, Parameter>();

  constructor(
    private readonly db: Database,
    private readonly lang = 'en',
  ) {
    this.units = new UnitIndex(db);
    for (const f of db.flows) if (!this.flows.has(f.id)) this.flows.set(f.id, f);
    for (const p of db.flowProperties) if (!this.properties.has(p.id)) this.properties.set(p.id, p);
    for (const g of db.unitGroups) if (!this.groups.has(g.id)) this.groups.set(g.id, g);
    for (const l of db.locations) if (!this.locations.has(l.id)) this.locations.set(l.id, l);
    for (const p of db.parameters) {
      const key = p.name.toLowerCase();
      if (!this.globals.has(key)) this.globals.set(key, p);
    }
  }

  /** The entry name of a dataset in an ILCD zip: `ILCD/<folder>/<uuid>.xml`, as openLCA writes it. */
  static entryName(kind: IlcdRoot, id: string): string {
    return `ILCD/${ILCD_FOLDERS[kind]}/${ilcdUuid(kind, id)}.xml`;
  }

  unitGroup(g: UnitGroup): string {
    const w = this.start('unitGroupDataSet', ILCD_NS.unitGroup);
    w.open('unitGroupInformation');
    w.open('dataSetInformation', {
      ...this.idAttrs(g.id),
      'ocfp:defaultFlowProperty':
        g.defaultFlowPropertyId === undefined
          ? undefined
          : ilcdUuid('flowPropertyDataSet', g.defaultFlowPropertyId),
    });
    w.leaf('common:UUID', ilcdUuid('unitGroupDataSet', g.id));
    this.multiLang(w, 'common:name', g.name);
    w.close();
    w.open('quantitativeReference').leaf('referenceToReferenceUnit', 0).close();
    w.close();
    this.adminInfo(w);
    // openLCA's convention: the reference unit has internal id 0, the others 1, 2, …
    w.open('units');
    let next = 1;
    for (const u of g.units) {
      w.open('unit', {
        dataSetInternalID: u.id === g.referenceUnitId ? 0 : next++,
        'olca:unitId': u.id,
        'ocfp:synonyms': u.synonyms && u.synonyms.length > 0 ? u.synonyms.join('\n') : undefined,
      });
      w.leaf('name', cut(u.name));
      w.leaf('meanValue', this.real(u.factor, `unit '${u.name}' of unit group '${g.name}'`));
      w.close();
    }
    w.close();
    return this.end(w);
  }

  flowProperty(fp: FlowProperty): string {
    const w = this.start('flowPropertyDataSet', ILCD_NS.flowProperty);
    w.open('flowPropertiesInformation');
    w.open('dataSetInformation', this.idAttrs(fp.id));
    w.leaf('common:UUID', ilcdUuid('flowPropertyDataSet', fp.id));
    this.multiLang(w, 'common:name', fp.name);
    w.close();
    w.open('quantitativeReference');
    this.ref(
      w,
      'referenceToReferenceUnitGroup',
      'unitGroupDataSet',
      fp.unitGroupId,
      this.groups.get(fp.unitGroupId)?.name,
    );
    w.close();
    w.close();
    this.adminInfo(w);
    return this.end(w);
  }

  flow(f: Flow): string {
    const w = this.start('flowDataSet', ILCD_NS.flow);
    w.open('flowInformation');
    const cas = ilcdCas(f.cas);
    w.open('dataSetInformation', {
      ...this.idAttrs(f.id),
      'ocfp:nomenclature': f.nomenclature,
      'ocfp:cas': f.cas !== undefined && cas !== f.cas ? f.cas : undefined,
    });
    w.leaf('common:UUID', ilcdUuid('flowDataSet', f.id));
    w.open('name');
    this.multiLang(w, 'baseName', cut(f.name));
    w.close();
    if (f.synonyms && f.synonyms.length > 0) this.multiLang(w, 'common:synonyms', f.synonyms.join('; '));
    const segments = categorySegments(f.category);
    if (segments.length > 0) {
      w.open('classificationInformation');
      // openLCA writes elementary flow categories as compartments, other flows' as classes.
      const [list, item] =
        f.type === 'elementary'
          ? ['common:elementaryFlowCategorization', 'common:category']
          : ['common:classification', 'common:class'];
      w.open(list);
      segments.forEach((s, level) => w.leaf(item, cut(s), { level }));
      w.close();
      w.close();
    }
    if (cas !== undefined) w.leaf('CASNumber', cas);
    if (f.formula !== undefined) w.leaf('sumFormula', cut(f.formula));
    w.close();
    w.open('quantitativeReference').leaf('referenceToReferenceFlowProperty', 0).close();
    const location = f.locationId === undefined ? undefined : this.locations.get(f.locationId);
    if (location) {
      w.open('geography', this.locationAttrs(location, true));
      this.multiLang(w, 'locationOfSupply', locationCode(location));
      w.close();
    }
    w.close();
    w.open('modellingAndValidation')
      .open('LCIMethod')
      .leaf('typeOfDataSet', FLOW_TYPE_VALUES[f.type])
      .close()
      .close();
    this.adminInfo(w);
    w.open('flowProperties');
    let next = 1;
    for (const p of f.properties) {
      w.open('flowProperty', { dataSetInternalID: p.isReference ? 0 : next++ });
      this.ref(
        w,
        'referenceToFlowPropertyDataSet',
        'flowPropertyDataSet',
        p.flowPropertyId,
        this.properties.get(p.flowPropertyId)?.name,
      );
      w.leaf('meanValue', this.real(p.factor, `a flow property factor of flow '${f.name}'`));
      w.close();
    }
    w.close();
    return this.end(w);
  }

  process(p: Process): string {
    const w = this.start('processDataSet', ILCD_NS.process, { locations: '../ILCDLocations.xml' });
    const where = (what: string): string => `${what} of process '${p.name}'`;
    const productExchange = new Map<string, Exchange>();
    for (const e of p.exchanges) {
      const type = this.flows.get(e.flowId)?.type;
      const provides =
        !e.isAvoided && ((type === 'product' && !e.isInput) || (type === 'waste' && e.isInput));
      if (provides && !productExchange.has(e.flowId)) productExchange.set(e.flowId, e);
    }

    w.open('processInformation');
    w.open('dataSetInformation', this.idAttrs(p.id));
    w.leaf('common:UUID', ilcdUuid('processDataSet', p.id));
    w.open('name');
    this.multiLang(w, 'baseName', cut(p.name));
    w.close();
    this.classification(w, p.category);
    this.multiLang(w, 'common:generalComment', p.description);
    if (p.tags && p.tags.length > 0) {
      w.open('common:other');
      for (const t of p.tags) w.leaf('ocfp:tag', t);
      w.close();
    }
    w.close();
    const reference = p.exchanges.find((e) => e.isReference);
    if (reference) {
      w.open('quantitativeReference', { type: 'Reference flow(s)' });
      w.leaf('referenceToReferenceFlow', reference.internalId);
      w.close();
    }
    const location = p.locationId === undefined ? undefined : this.locations.get(p.locationId);
    if (location) {
      const hasGis = location.latitude !== undefined && location.longitude !== undefined;
      w.open('geography');
      w.empty('locationOfOperationSupplyOrProduction', {
        location: locationCode(location),
        latitudeAndLongitude: hasGis ? `${location.latitude};${location.longitude}` : undefined,
        ...this.locationAttrs(location, true),
      });
      w.close();
    }
    const temps: { name: string; formula: string; value: number }[] = [];
    const paramNames = new Set(p.parameters.map((x) => x.name.toLowerCase()));
    let tempCount = 0;
    const tempName = (): string => {
      let name: string;
      do name = `${TEMP_PARAMETER_PREFIX}${tempCount++}`;
      while (paramNames.has(name.toLowerCase()));
      return name;
    };
    const exchangeTemps = new Map<Exchange, string>();
    for (const e of p.exchanges) {
      if (e.formula === undefined || e.formula.trim() === '') continue;
      const name = tempName();
      exchangeTemps.set(e, name);
      temps.push({ name, formula: e.formula, value: this.real(e.amount, where(`exchange ${e.internalId}`)) });
    }
    const globals = this.usedGlobals(p);
    if (p.parameters.length > 0 || globals.length > 0 || temps.length > 0) {
      w.open('mathematicalRelations');
      for (const x of p.parameters) this.parameter(w, x, 'process', where(`parameter '${x.name}'`));
      for (const x of globals) this.parameter(w, x, 'global', `global parameter '${x.name}'`);
      for (const t of temps) {
        w.open('variableParameter', { name: t.name });
        w.leaf('formula', t.formula);
        w.leaf('meanValue', formatReal(t.value));
        w.close();
      }
      w.close();
    }
    w.close();

    w.open('modellingAndValidation');
    w.open('LCIMethodAndAllocation');
    w.leaf('typeOfDataSet', PROCESS_TYPE_VALUES[p.type]);
    if (p.defaultAllocation !== undefined)
      w.leaf('LCIMethodApproaches', APPROACH_OF_ALLOCATION[p.defaultAllocation]);
    if (p.allocationFactors.length > 0 || p.defaultAllocation !== undefined) {
      w.open('common:other');
      w.open('ocfp:allocation', { defaultMethod: p.defaultAllocation });
      for (const f of p.allocationFactors) {
        w.empty('ocfp:factor', {
          method: f.method,
          product: ilcdUuid('flowDataSet', f.productId),
          value: this.real(f.value, where('an allocation factor')),
          exchange: f.exchangeInternalId,
          exchangeFlow:
            f.exchangeFlowId === undefined ? undefined : ilcdUuid('flowDataSet', f.exchangeFlowId),
          formula: f.formula,
        });
      }
      w.close();
      w.close();
    }
    w.close();
    w.close();
    this.adminInfo(w, { version: p.version, lastChange: p.lastChange, versionRequired: false });

    const allocations = this.standardAllocations(p, productExchange);
    if (p.exchanges.length > 0) {
      w.open('exchanges');
      for (const e of p.exchanges) this.exchange(w, e, exchangeTemps.get(e), allocations.get(e), where);
      w.close();
    }
    return this.end(w);
  }

  /**
   * The ILCD `allocation` elements, as openLCA writes them: each causal factor on its exchange, and the
   * factors of the default method (physical when it is neither physical nor economic) on the co-product
   * itself. Fractions are percentages.
   */
  private standardAllocations(
    p: Process,
    productExchange: Map<string, Exchange>,
  ): Map<Exchange, { coProduct: number; percent: number }[]> {
    const out = new Map<Exchange, { coProduct: number; percent: number }[]>();
    const add = (e: Exchange, product: Exchange, value: number): void => {
      let list = out.get(e);
      if (!list) out.set(e, (list = []));
      if (list.some((a) => a.coProduct === product.internalId)) return;
      list.push({ coProduct: product.internalId, percent: value * 100 });
    };
    const dm = p.defaultAllocation;
    const productMethod: AllocationMethod =
      (dm === 'physical' || dm === 'economic') && p.allocationFactors.some((f) => f.method === dm)
        ? dm
        : 'physical';
    const byInternalId = new Map(p.exchanges.map((e) => [e.internalId, e]));
    for (const f of p.allocationFactors as AllocationFactor[]) {
      const product = productExchange.get(f.productId);
      if (!product) continue;
      if (f.method === 'causal') {
        if (f.exchangeInternalId !== undefined) {
          const e = byInternalId.get(f.exchangeInternalId);
          if (e) add(e, product, f.value);
        } else if (f.exchangeFlowId !== undefined) {
          for (const e of p.exchanges)
            if (e.flowId === f.exchangeFlowId && e !== product) add(e, product, f.value);
        }
      } else if (f.method === productMethod) add(product, product, f.value);
    }
    return out;
  }

  private exchange(
    w: XmlWriter,
    e: Exchange,
    variable: string | undefined,
    allocations: { coProduct: number; percent: number }[] | undefined,
    where: (what: string) => string,
  ): void {
    const what = where(`exchange ${e.internalId}`);
    const amount = this.real(e.amount, what);
    const flow = this.flows.get(e.flowId);
    // ILCD amounts are in the reference unit of the flow's reference property; the exchange's own unit and
    // amount travel in openLCA's extension attributes.
    const conversion = flow ? this.units.conversionFactor(flow, e.unitId, e.flowPropertyId) : undefined;
    const factor = typeof conversion === 'number' ? conversion : 1;
    const resulting = amount * factor;
    const u = e.uncertainty;
    const location = e.locationId === undefined ? undefined : this.locations.get(e.locationId);
    const attributes: XmlAttributes = {
      dataSetInternalID: e.internalId,
      'olca:amount': formatReal(amount),
      'olca:unitId': e.unitId,
      'olca:propertyId': ilcdUuid('flowPropertyDataSet', e.flowPropertyId),
      'olca:formula': variable === undefined ? undefined : e.formula,
      'olca:defaultProvider':
        e.defaultProviderId === undefined ? undefined : ilcdUuid('processDataSet', e.defaultProviderId),
      'olca:avoidedProduct': e.isAvoided ? 'true' : undefined,
      'olca:pedigreeUncertainty': e.dqEntry,
      'olca:mostLikelyValue': u?.type === 'triangular' ? formatReal(u.mode) : undefined,
      ...(location ? this.locationAttrs(location, false) : {}),
      ...exactUncertainty(u),
    };
    w.open('exchange', attributes);
    this.ref(w, 'referenceToFlowDataSet', 'flowDataSet', e.flowId, flow?.name);
    if (location) w.leaf('location', locationCode(location));
    // openLCA turns avoided products around: an avoided output is written as an input.
    w.leaf('exchangeDirection', e.isAvoided !== e.isInput ? 'Input' : 'Output');
    if (variable !== undefined) {
      // resultingAmount = meanAmount × variable: the variable holds the amount in the exchange's unit, so
      // meanAmount is the conversion to the reference unit.
      w.leaf('referenceToVariable', variable);
      w.leaf('meanAmount', formatReal(factor));
    } else w.leaf('meanAmount', formatReal(resulting));
    w.leaf('resultingAmount', formatReal(resulting));
    this.uncertainty(w, u, 'minimumAmount', 'maximumAmount', what);
    if (allocations && allocations.length > 0) {
      w.open('allocations');
      for (const a of allocations)
        w.empty('allocation', {
          internalReferenceToCoProduct: a.coProduct,
          allocatedFraction: formatPerc(a.percent),
        });
      w.close();
    }
    this.longText(w, 'generalComment', e.description);
    w.close();
  }

  private parameter(w: XmlWriter, x: Parameter, scope: 'process' | 'global', what: string): void {
    const isInput = x.formula === undefined;
    w.open('variableParameter', {
      name: x.name,
      'olca:scope': scope,
      'ocfp:isInput': x.isInput !== isInput ? String(x.isInput) : undefined,
      // openLCA has no field for a parameter's mode (its import takes the mean); this keeps it.
      'ocfp:mostLikelyValue':
        x.uncertainty?.type === 'triangular' ? formatReal(x.uncertainty.mode) : undefined,
      ...exactUncertainty(x.uncertainty),
    });
    if (x.formula !== undefined) w.leaf('formula', x.formula);
    w.leaf('meanValue', formatReal(this.real(x.value, what)));
    this.uncertainty(w, x.uncertainty, 'minimumValue', 'maximumValue', what);
    this.longText(w, 'comment', x.description);
    w.close();
  }

  /** Distribution fields in ILCD order: min, max, type, relative SD (openLCA's convention: GSD or SD). */
  private uncertainty(
    w: XmlWriter,
    u: Uncertainty | undefined,
    minName: string,
    maxName: string,
    what: string,
  ): void {
    if (!u) return;
    if (u.type === 'triangular' || u.type === 'uniform') {
      w.leaf(minName, formatReal(this.real(u.min, what)));
      w.leaf(maxName, formatReal(this.real(u.max, what)));
    }
    w.leaf('uncertaintyDistributionType', UNCERTAINTY_TYPES[u.type]);
    if (u.type === 'lognormal') w.leaf('relativeStandardDeviation95In', formatPerc(u.geometricSd));
    else if (u.type === 'normal') w.leaf('relativeStandardDeviation95In', formatPerc(u.sd));
  }

  /** Global parameters the process's formulas use, directly or through other globals (as openLCA exports them). */
  private usedGlobals(p: Process): Parameter[] {
    if (this.globals.size === 0) return [];
    const locals = new Set(p.parameters.map((x) => x.name.toLowerCase()));
    const queue: string[] = [];
    const scan = (formula: string | undefined): void => {
      if (formula === undefined || formula.trim() === '') return;
      let names: string[];
      try {
        names = formulaVariables(formula);
      } catch {
        return;
      }
      for (const n of names) if (!locals.has(n)) queue.push(n);
    };
    for (const e of p.exchanges) scan(e.formula);
    for (const x of p.parameters) scan(x.formula);
    for (const f of p.allocationFactors) scan(f.formula);
    const used = new Set<Parameter>();
    const seen = new Set<string>();
    while (queue.length > 0) {
      const name = queue.shift() as string;
      if (seen.has(name)) continue;
      seen.add(name);
      const g = this.globals.get(name);
      if (!g) continue;
      used.add(g);
      scan(g.formula);
    }
    // In the database's order, so that reading the package back lists them as before.
    return this.db.parameters.filter((g) => used.has(g));
  }

  /**
   * One ILCD LCIA method data set per impact category (ILCD's "LCIA methods" are indicators); the methods it
   * belongs to are named in `methodology`, their ids kept in OpenCFP's extension.
   */
  impactCategory(c: ImpactCategory, methods: ImpactMethod[]): string {
    const w = this.start('LCIAMethodDataSet', ILCD_NS.lciaMethod);
    w.open('LCIAMethodInformation');
    w.open('dataSetInformation', this.idAttrs(c.id));
    w.leaf('common:UUID', ilcdUuid('LCIAMethodDataSet', c.id));
    this.multiLang(w, 'common:name', cut(c.name));
    for (const m of methods) w.leaf('methodology', m.name);
    if (methods.length > 0) {
      w.open('common:other');
      for (const m of methods) w.empty('ocfp:method', { id: m.id, name: m.name });
      w.close();
    }
    w.close();
    w.open('quantitativeReference');
    w.open('referenceQuantity', { type: REF_TYPES.flowPropertyDataSet });
    this.multiLang(w, 'common:shortDescription', c.unit);
    w.close();
    w.close();
    w.empty('geography');
    w.close();
    w.empty('modellingAndValidation');
    if (c.factors.length > 0) {
      w.open('characterisationFactors');
      for (const f of c.factors) {
        const flow = this.flows.get(f.flowId);
        const what = `a factor of impact category '${c.name}'`;
        const value = this.real(f.value, what);
        let perReference = value;
        const exact = f.unitId !== undefined || f.flowPropertyId !== undefined;
        if (exact && flow) {
          const ref = flow.properties.find((x) => x.isReference);
          const fpId = f.flowPropertyId ?? ref?.flowPropertyId ?? '';
          const unitId = f.unitId ?? this.units.referenceUnitIdOf(fpId) ?? '';
          const conversion = this.units.conversionFactor(flow, unitId, fpId);
          if (typeof conversion === 'number') perReference = value / conversion;
        }
        w.open('factor', {
          'ocfp:value': exact ? formatReal(value) : undefined,
          'ocfp:unitId': f.unitId,
          'ocfp:flowPropertyId':
            f.flowPropertyId === undefined ? undefined : ilcdUuid('flowPropertyDataSet', f.flowPropertyId),
          'ocfp:formula': f.formula,
        });
        this.ref(w, 'referenceToFlowDataSet', 'flowDataSet', f.flowId, flow?.name);
        w.leaf('exchangeDirection', isResource(flow) ? 'Input' : 'Output');
        w.leaf('meanValue', formatReal(perReference));
        w.close();
      }
      w.close();
    }
    return this.end(w);
  }

  source(s: Source): string {
    const w = this.start('sourceDataSet', ILCD_NS.source);
    w.open('sourceInformation');
    w.open('dataSetInformation', { ...this.idAttrs(s.id), 'ocfp:year': s.year });
    w.leaf('common:UUID', ilcdUuid('sourceDataSet', s.id));
    this.multiLang(w, 'common:shortName', cut(s.name));
    if (s.citation !== undefined) w.leaf('sourceCitation', cut(s.citation, 1000));
    if (s.url !== undefined && /^https?:\/\/\S+$/i.test(s.url))
      w.empty('referenceToDigitalFile', { uri: s.url });
    w.close();
    w.close();
    this.adminInfo(w);
    return this.end(w);
  }

  actor(a: Actor): string {
    const w = this.start('contactDataSet', ILCD_NS.contact);
    w.open('contactInformation');
    w.open('dataSetInformation', this.idAttrs(a.id));
    w.leaf('common:UUID', ilcdUuid('contactDataSet', a.id));
    this.multiLang(w, 'common:shortName', cut(a.name));
    this.multiLang(w, 'common:name', cut(a.name));
    w.close();
    w.close();
    this.adminInfo(w);
    return this.end(w);
  }

  /** ILCDLocations.xml: the codes the datasets use, with their names. */
  locationList(): string | undefined {
    const byCode = new Map<string, string>();
    for (const l of this.db.locations) {
      const code = locationCode(l);
      if (!byCode.has(code)) byCode.set(code, l.name);
    }
    if (byCode.size === 0) return undefined;
    const w = new XmlWriter();
    w.open('ILCDLocations', { xmlns: ILCD_NS.locations });
    for (const [code, name] of byCode) w.leaf('location', name, { value: code });
    w.close();
    return w.toString();
  }

  private start(root: string, ns: string, extra?: XmlAttributes): XmlWriter {
    const w = new XmlWriter();
    w.open(root, {
      xmlns: ns,
      'xmlns:common': ILCD_NS.common,
      'xmlns:olca': OLCA_NS,
      'xmlns:ocfp': OCFP_NS,
      version: ILCD_SCHEMA_VERSION,
      // Texts are written as they are, without pretty-printing: readers need not trim them.
      'ocfp:verbatimText': 'true',
      ...extra,
    });
    return w;
  }

  private end(w: XmlWriter): string {
    w.close();
    return w.toString();
  }

  private idAttrs(id: string): XmlAttributes {
    return { 'ocfp:datasetId': isIlcdUuid(id) ? undefined : id };
  }

  /** Location id and name travel in OpenCFP's extension when a code alone does not restore them. */
  private locationAttrs(l: Location, withName: boolean): XmlAttributes {
    const code = locationCode(l);
    return {
      'ocfp:locationId': l.id !== locationIdOfCode(code) ? l.id : undefined,
      'ocfp:locationName': withName && l.name !== code ? l.name : undefined,
    };
  }

  private multiLang(w: XmlWriter, name: string, text: string | undefined): void {
    if (text === undefined || text === '') return;
    w.leaf(name, text, { 'xml:lang': this.lang });
  }

  /** A `StringMultiLang` text (≤ 500 characters); a longer one is cut there and kept whole in `ocfp:description`. */
  private longText(w: XmlWriter, name: string, text: string | undefined): void {
    if (text === undefined || text === '') return;
    this.multiLang(w, name, cut(text));
    if (text.length > MAX_STRING) {
      w.open('common:other');
      w.leaf('ocfp:description', text);
      w.close();
    }
  }

  private classification(w: XmlWriter, category: string | undefined): void {
    const segments = categorySegments(category);
    if (segments.length === 0) return;
    w.open('classificationInformation').open('common:classification');
    segments.forEach((s, level) => w.leaf('common:class', cut(s), { level }));
    w.close().close();
  }

  private ref(w: XmlWriter, element: string, kind: IlcdRoot, id: string, name: string | undefined): void {
    const uuid = ilcdUuid(kind, id);
    w.open(element, {
      type: REF_TYPES[kind],
      refObjectId: uuid,
      uri: `../${ILCD_FOLDERS[kind]}/${uuid}.xml`,
    });
    this.multiLang(w, 'common:shortDescription', name === undefined ? undefined : cut(name));
    w.close();
  }

  /**
   * Data entry (time stamp, ILCD format) and publication (version). Datasets without a model version get
   * 01.00.000; a process without one gets none, so that it reads back without one.
   */
  private adminInfo(
    w: XmlWriter,
    o: { version?: string; lastChange?: string; versionRequired?: boolean } = {},
  ): void {
    const { version, lastChange } = o;
    w.open('administrativeInformation');
    w.open('dataEntryBy');
    if (lastChange !== undefined && DATE_TIME.test(lastChange)) w.leaf('common:timeStamp', lastChange);
    w.open('common:referenceToDataSetFormat', {
      type: REF_TYPES.sourceDataSet,
      refObjectId: ILCD_FORMAT_SOURCE,
      uri: `../sources/${ILCD_FORMAT_SOURCE}.xml`,
    });
    w.leaf('common:shortDescription', 'ILCD format', { 'xml:lang': 'en' });
    w.close();
    w.close();
    if (version !== undefined || o.versionRequired !== false) {
      w.open('publicationAndOwnership');
      w.leaf('common:dataSetVersion', isIlcdVersion(version) ? version : DEFAULT_DATASET_VERSION);
      w.close();
    }
    w.close();
  }

  private real(x: number, what: string): number {
    if (!Number.isFinite(x)) {
      throw new FormatError(
        'INVALID_NUMBER',
        `${what} is ${x}, which ILCD cannot hold. Fix the value before exporting.`,
      );
    }
    return x;
  }
}

/** Exact distribution parameters that ILCD's fields cannot hold (log-normal GSD and mean, normal SD and mean). */
function exactUncertainty(u: Uncertainty | undefined): XmlAttributes {
  if (u?.type === 'lognormal')
    return { 'ocfp:geomMean': formatReal(u.geometricMean), 'ocfp:geomSd': formatReal(u.geometricSd) };
  if (u?.type === 'normal')
    return { 'ocfp:normalMean': formatReal(u.mean), 'ocfp:normalSd': formatReal(u.sd) };
  return {};
}

function cut(text: string, max = MAX_STRING): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Category segments as they are (edge spaces included, so that they read back unchanged), empty ones left out. */
function categorySegments(category: string | undefined): string[] {
  if (category === undefined) return [];
  return category.split('/').filter((s) => s.trim() !== '');
}

/** The code a location is written under; a location without one is named by its name. */
function locationCode(l: Location): string {
  return l.code !== undefined && l.code.trim() !== '' ? l.code.trim() : l.name;
}

/** ILCD's CAS pattern is 6-2-1 digits: openLCA's and EcoSpold's shorter numbers are padded with zeros. */
function ilcdCas(cas: string | undefined): string | undefined {
  const m = cas === undefined ? null : /^\s*0*(\d{1,6})-(\d{2})-(\d)\s*$/.exec(cas);
  return m ? `${m[1].padStart(6, '0')}-${m[2]}-${m[3]}` : undefined;
}

/** Resources are the elementary flows taken from nature: their factors apply to inputs. */
function isResource(flow: Flow | undefined): boolean {
  return (
    flow?.type === 'elementary' &&
    /^(elementary flows?\/)?resources?(\/| from|$)/i.test(
      categorySegments(flow.category)
        .map((s) => s.trim())
        .join('/'),
    )
  );
}
