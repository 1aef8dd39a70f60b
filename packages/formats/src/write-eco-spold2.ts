import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import type {
  AllocationFactor,
  AllocationMethod,
  Database,
  Exchange,
  ExchangeProperty,
  Flow,
  FlowProperty,
  Location,
  Parameter,
  Process,
  Uncertainty,
  Unit,
  UnitGroup,
} from '@opencfp/core';
import { pedigreeUncertainty, type PedigreeScores } from '@opencfp/core';
import type { ArchiveEntry } from './archive-entry.js';
import { negateFormula } from './eco-spold2-formula.js';
import { negateUncertainty } from './eco-spold2-uncertainty.js';
import { FormatError } from './errors.js';
import type { ImportIssue } from './import-issue.js';
import { IssueLog } from './issue-log.js';
import { NAMESPACE_URL, uuidV5 } from './simapro-uuid.js';
import { unitCatalogue } from './unit-catalogue.js';
import { writeZipFile } from './write-zip-file.js';

/** What `writeEcoSpold2` wrote, and what of the database EcoSpold 2 could not hold. */
export interface WriteEcoSpold2Result {
  /** Number of .spold files written (one per process that could be written). */
  datasets: number;
  /** Processes skipped and information lost (codes: NO_REFERENCE_PRODUCT, CAUSAL_ALLOCATION_NOT_WRITTEN, …). */
  issues: ImportIssue[];
}

export interface WriteEcoSpold2Options {
  /** Also write MasterData/Geographies.xml, ElementaryExchanges.xml and IntermediateExchanges.xml (default true). */
  masterData?: boolean;
  /** zlib level 0–9 of the zip entries (default 6). */
  level?: number;
}

/** Namespace of the ids the EcoSpold 2 writer derives: uuidV5(NAMESPACE_URL, 'https://opencfp.org/ns/ecospold2'). */
const ES2_NAMESPACE = uuidV5('https://opencfp.org/ns/ecospold2', NAMESPACE_URL);
const ES2 = 'http://www.EcoInvent.org/EcoSpold02';
// ecoinvent's ids of things every dataset names.
const GLO_ID = '34dbbff8-88ce-11de-ad60-0019e336be3a';
const BUSINESS_AS_USUAL = 'd9f57f0a-a01f-42eb-a57b-8f18d6635801';
const UNDEFINED_SYSTEM_MODEL = '8b738ea0-f89e-4627-8679-433616064e82';
const PROPERTY_IDS: Readonly<Record<string, string>> = {
  price: '38f94dd1-d5aa-41b8-b182-c0c42985d9dc',
  'dry mass': '3a0af1d6-04c3-41c6-a3da-92c4f61e0eaa',
  'wet mass': '67f102e2-9cb6-4d20-aa16-bf74d8a03326',
  'water content': 'a9358458-9724-4f03-b622-106eda248916',
  'water in wet mass': '6d9e1462-80e3-4f10-b3f4-71febd6f1168',
  'carbon content, fossil': 'c74c3729-e577-4081-b572-a283d2561a75',
  'carbon content, non-fossil': '6393c14b-db78-445d-a47b-c0cb866a1b25',
};
const PEDIGREE_NAMES = [
  'reliability',
  'completeness',
  'temporalCorrelation',
  'geographicalCorrelation',
  'furtherTechnologyCorrelation',
];

const id = (name: string): string => uuidV5(name, ES2_NAMESPACE);

/**
 * The entries of an EcoSpold 2 export of `db`, laid out like an ecoinvent release: `MasterData/*.xml` first,
 * then one `datasets/<activityId>_<productId>.spold` per process, produced one at a time (a caller can stream
 * them into a zip). What EcoSpold 2 cannot hold is added to `log` (see `writeEcoSpold2`).
 *
 * @example
 * for (const entry of writeEcoSpold2Entries(db, new IssueLog())) console.log(entry.name);
 */
export function* writeEcoSpold2Entries(
  db: Database,
  log: IssueLog = new IssueLog(),
  options?: WriteEcoSpold2Options,
): Generator<ArchiveEntry> {
  const w = new EcoSpold2Writer(db, log);
  if (options?.masterData ?? true) {
    yield { name: 'MasterData/Geographies.xml', data: w.geographies() };
    yield { name: 'MasterData/ElementaryExchanges.xml', data: w.masterFlows(true) };
    yield { name: 'MasterData/IntermediateExchanges.xml', data: w.masterFlows(false) };
  }
  const names = new Set<string>();
  let first = true;
  for (const p of db.processes) {
    const written = w.dataset(p, first);
    if (!written) continue;
    first = false;
    let name = `datasets/${safe(p.id)}_${safe(written.productId)}.spold`;
    for (let k = 2; names.has(name); k++)
      name = `datasets/${safe(p.id)}_${safe(written.productId)}_${k}.spold`;
    names.add(name);
    yield { name, data: written.xml };
  }
}

/**
 * Writes `db` as EcoSpold 2 (ecoinvent's format): a zip (`target` ending in .zip, streamed to disk through a
 * temporary file, so memory holds one dataset at a time) or a new or empty folder, with one .spold file per
 * process in `datasets/` and the master data of geographies and flows in `MasterData/`, as ecoinvent releases
 * are laid out.
 *
 * Mapping (the inverse of `readEcoSpold2`): a process is an activityDataset (activity id = process id,
 * geography, ISIC or EcoSpold01 classification from the category, general comment from the description);
 * product and waste exchanges are intermediate exchanges, elementary ones elementary exchanges in
 * compartment/subcompartment (the category without 'Elementary flows'). Wastes follow ecoinvent's convention:
 * a treatment's waste input is written as a negative output (its reference product), a waste output as a
 * negative input; an avoided product is a negative input and an avoided waste a negative output in outputGroup
 * 3 (as openLCA exports them). Default providers become activity links, formulas mathematical relations,
 * process parameters `parameter` elements (global ones go into the first dataset with scope="global"),
 * lognormal distributions meanValue/mu/variance/varianceWithPedigreeUncertainty (the basic variance is the
 * total less the pedigree contribution of the exchange's dqEntry). Economic and physical allocation factors
 * of multi-output processes are written as 'price' and 'wet mass' properties that reproduce them (existing
 * properties are kept when they already do). Exchanges in a flow property other than the flow's reference one
 * are converted to it (EcoSpold 2 knows one unit per flow).
 *
 * Returns what was lost: processes without a reference product are skipped (NO_REFERENCE_PRODUCT); causal
 * allocation factors (CAUSAL_ALLOCATION_NOT_WRITTEN), a default allocation the reader would not pick
 * (DEFAULT_ALLOCATION_NOT_WRITTEN), impact methods (IMPACT_METHODS_NOT_WRITTEN) have no place in EcoSpold 2.
 * Throws a FormatError for numbers that are not finite (INVALID_NUMBER) or a target that cannot be written.
 *
 * @example
 * const db = generateSyntheticDatabase({ activities: 200 });
 * const { datasets, issues } = await writeEcoSpold2(db, 'synthetic.spold.zip');
 */
export async function writeEcoSpold2(
  db: Database,
  target: string,
  options?: WriteEcoSpold2Options,
): Promise<WriteEcoSpold2Result> {
  const log = new IssueLog();
  const existing = await stat(target).catch(() => undefined);
  const asZip = extname(target).toLowerCase() === '.zip' && !existing?.isDirectory();
  let datasets = 0;
  const entries = (function* () {
    for (const e of writeEcoSpold2Entries(db, log, options)) {
      if (e.name.endsWith('.spold')) datasets++;
      yield e;
    }
  })();
  try {
    if (asZip) await writeZipFile(entries, target, { level: options?.level });
    else await writeFolder(entries, target, existing !== undefined);
  } catch (err) {
    if (err instanceof FormatError) throw err;
    throw new FormatError('WRITE_FAILED', `Could not write ${target}: ${(err as Error).message}`, {
      file: target,
      cause: err,
    });
  }
  if (db.impactMethods.length > 0)
    log.info(
      target,
      '',
      'IMPACT_METHODS_NOT_WRITTEN',
      `EcoSpold 2 datasets hold no impact methods; the ${db.impactMethods.length} method(s) of the database were not written. Export them as JSON-LD.`,
    );
  return { datasets, issues: log.issues };
}

async function writeFolder(entries: Iterable<ArchiveEntry>, target: string, exists: boolean): Promise<void> {
  if (exists) {
    if (!(await stat(target)).isDirectory())
      throw new FormatError('TARGET_EXISTS', `${target} is a file; give a .zip path or a folder.`, {
        file: target,
      });
    if ((await readdir(target)).length > 0)
      throw new FormatError(
        'TARGET_NOT_EMPTY',
        `${target} is not empty; datasets already in it would be read back with the export. Choose a new or empty folder.`,
        { file: target },
      );
  }
  const folders = new Set<string>();
  for (const entry of entries) {
    const folder = join(target, dirname(entry.name));
    if (!folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      folders.add(folder);
    }
    await writeFile(join(target, entry.name), entry.data);
  }
}

/** A file-name-safe form of an id (ids are UUIDs in practice; others are kept readable). */
function safe(s: string): string {
  // eslint-disable-next-line no-control-regex
  const t = s.replace(/[/\\:*?"<>|\x00-\x1f]/g, '_');
  return t === '' || t === '.' || t === '..' ? '_' : t;
}

const XML_SPECIAL = /[&<>"\r\n\t]/;

function attrText(s: string): string {
  if (!XML_SPECIAL.test(s)) return s;
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

function text(s: string): string {
  if (!XML_SPECIAL.test(s)) return s;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** ' name="value"' for a defined value. */
function a(name: string, value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return ` ${name}="${num(value, name)}"`;
  return ` ${name}="${attrText(String(value))}"`;
}

function num(x: number, what: string): string {
  if (!Number.isFinite(x))
    throw new FormatError(
      'INVALID_NUMBER',
      `${what} is ${x}; EcoSpold 2 needs finite numbers. Fix the value in the database.`,
    );
  return String(x);
}

/** An element with English text, e.g. <name xml:lang="en">steel</name>. */
function en(tag: string, value: string): string {
  return `<${tag} xml:lang="en">${text(value)}</${tag}>`;
}

/** ecoinvent writes CAS numbers zero-padded to six digits before the first dash ('000124-38-9'). */
function paddedCas(cas: string): string {
  const m = /^(\d{1,6})-(\d\d)-(\d)$/.exec(cas.trim());
  return m ? `${m[1].padStart(6, '0')}-${m[2]}-${m[3]}` : cas;
}

/** Pedigree scores of a dqEntry '(1;2;3;4;5)' (or with commas), when there are five from 1 to 5. */
function pedigreeScores(dq: string | undefined): number[] | undefined {
  if (!dq) return undefined;
  const m = /^\(?\s*([1-5])\s*[;,]\s*([1-5])\s*[;,]\s*([1-5])\s*[;,]\s*([1-5])\s*[;,]\s*([1-5])\s*\)?$/.exec(
    dq,
  );
  return m ? m.slice(1, 6).map(Number) : undefined;
}

function scaleUncertainty(u: Uncertainty, k: number): Uncertainty {
  switch (u.type) {
    case 'lognormal':
      return { ...u, geometricMean: u.geometricMean * k };
    case 'normal':
      return { type: 'normal', mean: u.mean * k, sd: u.sd * k };
    case 'triangular':
      return { type: 'triangular', min: u.min * k, mode: u.mode * k, max: u.max * k };
    case 'uniform':
      return { type: 'uniform', min: u.min * k, max: u.max * k };
  }
}

/** How an exchange is written: the group, the sign, and whether it provides its flow. */
interface Placement {
  group: 'input' | 'output';
  code: number;
  negate: boolean;
  provider: boolean;
}

interface ExchangeOut {
  exchange: Exchange;
  flow: Flow;
  amount: number;
  formula?: string;
  uncertainty?: Uncertainty;
  unit: Unit;
  placement: Placement;
  properties: ExchangeProperty[];
}

class EcoSpold2Writer {
  private readonly flows = new Map<string, Flow>();
  private readonly units = new Map<string, { unit: Unit; group: UnitGroup }>();
  private readonly properties = new Map<string, FlowProperty>();
  private readonly groups = new Map<string, UnitGroup>();
  private readonly locations = new Map<string, Location>();
  private readonly timestamp: string;

  constructor(
    private readonly db: Database,
    private readonly log: IssueLog,
  ) {
    for (const f of db.flows) this.flows.set(f.id, f);
    for (const g of db.unitGroups) {
      this.groups.set(g.id, g);
      for (const u of g.units) this.units.set(u.id, { unit: u, group: g });
    }
    for (const p of db.flowProperties) this.properties.set(p.id, p);
    for (const l of db.locations) this.locations.set(l.id, l);
    this.timestamp = '2024-01-01T00:00:00';
  }

  geographies(): string {
    const out = [`<?xml version="1.0" encoding="UTF-8"?>\n<validGeographies xmlns="${ES2}">`];
    for (const l of this.db.locations) {
      out.push(
        `<geography${a('id', l.id)}${a('latitude', l.latitude)}${a('longitude', l.longitude)}>` +
          `${en('name', l.name)}${en('shortname', l.code ?? l.name)}</geography>`,
      );
    }
    out.push('</validGeographies>\n');
    return out.join('\n');
  }

  masterFlows(elementary: boolean): string {
    const root = elementary ? 'validElementaryExchanges' : 'validIntermediateExchanges';
    const tag = elementary ? 'elementaryExchange' : 'intermediateExchange';
    const out = [`<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${ES2}">`];
    for (const f of this.db.flows) {
      if ((f.type === 'elementary') !== elementary) continue;
      const unit = this.referenceUnit(f);
      let xml =
        `<${tag}${a('id', f.id)}${a('unitId', unit?.id)}${a('casNumber', f.cas && paddedCas(f.cas))}` +
        `${elementary ? a('formula', f.formula) : ''}>${en('name', f.name)}${unit ? en('unitName', unit.name) : ''}`;
      if (elementary) xml += this.compartment(f);
      out.push(`${xml}</${tag}>`);
    }
    out.push(`</${root}>\n`);
    return out.join('\n');
  }

  /** One .spold file, or undefined when the process has no reference product (reported). */
  dataset(p: Process, first: boolean): { xml: string; productId: string } | undefined {
    const file = `datasets/${safe(p.id)}.spold`;
    const all: ExchangeOut[] = [];
    for (const e of p.exchanges) {
      const out = this.exchangeOut(e, p, file);
      if (out) all.push(out);
    }
    const reference =
      all.find((x) => x.exchange.isReference && x.placement.provider) ??
      all.find((x) => x.placement.provider);
    if (!reference || reference.amount === 0) {
      this.log.error(
        file,
        '',
        'NO_REFERENCE_PRODUCT',
        `Process '${p.name}' (${p.id}) has no ${reference ? 'non-zero ' : ''}reference product or treated waste, which every EcoSpold 2 dataset needs; it was not written. Mark its reference exchange.`,
      );
      return undefined;
    }
    reference.placement = { ...reference.placement, code: 0 };
    const master = this.allocation(p, all, file);

    const intermediate = all.filter((x) => x.flow.type !== 'elementary');
    // The reference first, then the other outputs, then the inputs, as ecoinvent orders them.
    intermediate.sort((x, y) => rank(x, reference) - rank(y, reference));
    const elementary = all.filter((x) => x.flow.type === 'elementary');

    const parts: string[] = [
      `<?xml version="1.0" encoding="UTF-8"?>\n<ecoSpold xmlns="${ES2}">\n<activityDataset>\n<activityDescription>\n`,
      this.activity(p, master),
      this.geography(p),
      '<technology technologyLevel="0"/>\n',
      '<timePeriod startDate="2020-01-01" endDate="2024-12-31" isDataValidForEntirePeriod="true"/>\n',
      `<macroEconomicScenario macroEconomicScenarioId="${BUSINESS_AS_USUAL}">${en('name', 'Business-as-Usual')}</macroEconomicScenario>\n`,
      '</activityDescription>\n<flowData>\n',
    ];
    for (const x of intermediate) parts.push(this.exchangeXml(x, p));
    for (const x of elementary) parts.push(this.exchangeXml(x, p));
    for (const q of p.parameters) parts.push(this.parameter(q, false, p.id));
    if (first) for (const q of this.db.parameters) parts.push(this.parameter(q, true, 'global'));
    parts.push(
      '</flowData>\n<modellingAndValidation>\n',
      `<representativeness systemModelId="${UNDEFINED_SYSTEM_MODEL}">${en('systemModelName', 'Undefined')}</representativeness>\n`,
      '</modellingAndValidation>\n',
      this.administrative(p),
      '</activityDataset>\n',
      this.usedMasterData(),
      '</ecoSpold>\n',
    );
    return { xml: parts.join(''), productId: reference.flow.id };
  }

  private exchangeOut(e: Exchange, p: Process, file: string): ExchangeOut | undefined {
    const flow = this.flows.get(e.flowId);
    if (!flow) {
      this.log.error(
        file,
        '',
        'UNKNOWN_FLOW',
        `Exchange ${e.internalId} of process '${p.name}' refers to flow ${e.flowId}, which is not in the database; it was not written.`,
      );
      return undefined;
    }
    let amount = e.amount;
    let formula = e.formula;
    let uncertainty = e.uncertainty;
    let unit = this.units.get(e.unitId)?.unit;
    // EcoSpold 2 has one unit per flow: amounts in another flow property are converted to the reference one.
    const ref = flow.properties.find((f) => f.isReference);
    if (ref && ref.flowPropertyId !== e.flowPropertyId) {
      const own = flow.properties.find((f) => f.flowPropertyId === e.flowPropertyId);
      const refUnit = this.referenceUnit(flow);
      if (own && unit && refUnit && own.factor !== 0) {
        const k = ((unit.factor / own.factor) * ref.factor) / refUnit.factor;
        amount *= k;
        if (formula !== undefined) formula = `(${formula}) * ${num(k, 'a conversion factor')}`;
        if (uncertainty) uncertainty = scaleUncertainty(uncertainty, k);
        unit = refUnit;
      }
    }
    if (!unit) {
      this.log.error(
        file,
        '',
        'UNKNOWN_UNIT',
        `Exchange ${e.internalId} ('${flow.name}') of process '${p.name}' has a unit that is not in the database's unit groups; it was not written.`,
      );
      return undefined;
    }
    const placement = place(e, flow);
    if (placement.negate) {
      amount = -amount;
      if (formula !== undefined) formula = negateFormula(formula);
      if (uncertainty) uncertainty = negateUncertainty(uncertainty);
    }
    return {
      exchange: e,
      flow,
      amount,
      formula,
      uncertainty,
      unit,
      placement,
      properties: e.properties ?? [],
    };
  }

  /**
   * Writes allocation factors as the properties the EcoSpold 2 reader derives them from; returns the id of the
   * property of the default method (ecoinvent's masterAllocationPropertyId).
   */
  private allocation(p: Process, all: ExchangeOut[], file: string): string | undefined {
    const providers = all.filter((x) => x.placement.provider);
    const byFlow = new Map<string, ExchangeOut[]>();
    for (const x of providers) {
      const list = byFlow.get(x.flow.id);
      if (list) list.push(x);
      else byFlow.set(x.flow.id, [x]);
    }
    if (byFlow.size < 2) return undefined;
    if (p.allocationFactors.some((f) => f.method === 'causal'))
      this.log.warning(
        file,
        '',
        'CAUSAL_ALLOCATION_NOT_WRITTEN',
        `Process '${p.name}' has causal allocation factors, which EcoSpold 2 cannot hold; they were not written (economic and physical factors are written as price and mass properties).`,
      );
    const wrote = new Set<AllocationMethod>();
    for (const [method, property, unit] of [
      ['economic', 'price', 'EUR2005'],
      ['physical', 'wet mass', 'kg'],
    ] as const) {
      const factors = new Map<string, AllocationFactor>();
      for (const f of p.allocationFactors)
        if (f.method === method && f.exchangeInternalId === undefined && f.exchangeFlowId === undefined)
          factors.set(f.productId, f);
      if (![...byFlow.keys()].every((k) => factors.has(k))) continue;
      wrote.add(method);
      // Shares the reader would derive from the properties already there.
      const basis = [...byFlow.entries()].map(([, list]) =>
        list.reduce((s, x) => {
          const v = x.properties.find((q) => q.name.toLowerCase() === property);
          return s + (v === undefined ? NaN : Math.abs(x.amount) * v.amount);
        }, 0),
      );
      const total = basis.reduce((s, v) => s + v, 0);
      const keep = [...byFlow.keys()].every((k, i) => {
        const want = factors.get(k)?.value ?? NaN;
        return Math.abs(basis[i] / total - want) <= 1e-9 * Math.max(1, Math.abs(want));
      });
      if (keep) continue;
      for (const [flowId, list] of byFlow) {
        const share = factors.get(flowId)?.value ?? 0;
        const amount = list.reduce((s, x) => s + Math.abs(x.amount), 0);
        if (amount === 0) continue;
        for (const x of list) {
          x.properties = x.properties.filter((q) => q.name.toLowerCase() !== property);
          x.properties.push({ name: property, amount: share / amount, unit });
        }
      }
    }
    const method = p.defaultAllocation;
    if (method === 'causal' || (method === 'physical' && wrote.has('economic')))
      this.log.warning(
        file,
        '',
        'DEFAULT_ALLOCATION_NOT_WRITTEN',
        `Process '${p.name}' allocates ${method}ly by default, but readers of EcoSpold 2 (like openLCA's) take economic allocation when prices are given; results of this process may differ after reading it back.`,
      );
    if (method === 'economic' && wrote.has('economic')) return PROPERTY_IDS.price;
    if (method === 'physical' && wrote.has('physical')) return PROPERTY_IDS['wet mass'];
    return undefined;
  }

  private activity(p: Process, masterAllocationPropertyId: string | undefined): string {
    let xml =
      `<activity${a('id', p.id)}${a('activityNameId', id(`activity-name/${p.name}`))} inheritanceDepth="0"` +
      ` type="${p.type === 'system' ? 2 : 1}" specialActivityType="0"${a('masterAllocationPropertyId', masterAllocationPropertyId)}>` +
      en('activityName', p.name);
    // One text with its line breaks: readers join several texts with single line breaks, losing blank lines.
    if (p.description)
      xml += `<generalComment><text xml:lang="en" index="1">${text(p.description)}</text></generalComment>`;
    for (const t of p.tags ?? []) xml += `<tag>${text(t)}</tag>`;
    xml += '</activity>\n';
    if (p.category) {
      const system = /^\d{2,4}:/.test(p.category) ? 'ISIC rev.4 ecoinvent' : 'EcoSpold01Categories';
      xml +=
        `<classification${a('classificationId', id(`classification/${p.category}`))}>` +
        `${en('classificationSystem', system)}${en('classificationValue', p.category)}</classification>\n`;
    }
    return xml;
  }

  private geography(p: Process): string {
    const l = p.locationId === undefined ? undefined : this.locations.get(p.locationId);
    if (!l && p.locationId !== undefined)
      return `<geography${a('geographyId', p.locationId)}>${en('shortname', p.locationId)}</geography>\n`;
    if (!l) return `<geography geographyId="${GLO_ID}">${en('shortname', 'GLO')}</geography>\n`;
    return `<geography${a('geographyId', l.id)}>${en('shortname', l.code ?? l.name)}</geography>\n`;
  }

  private exchangeXml(x: ExchangeOut, p: Process): string {
    const e = x.exchange;
    const elementary = x.flow.type === 'elementary';
    const tag = elementary ? 'elementaryExchange' : 'intermediateExchange';
    let xml =
      `<${tag}${a('id', e.sourceId ?? id(`exchange/${p.id}/${e.internalId}`))}${a('unitId', x.unit.id)}` +
      `${a('amount', x.amount)}`;
    if (x.formula !== undefined) xml += `${a('mathematicalRelation', x.formula)} isCalculatedAmount="true"`;
    if (elementary)
      xml += `${a('elementaryExchangeId', x.flow.id)}${a('casNumber', x.flow.cas && paddedCas(x.flow.cas))}${a('formula', x.flow.formula)}`;
    else {
      xml += `${a('intermediateExchangeId', x.flow.id)}${a('casNumber', x.flow.cas && paddedCas(x.flow.cas))}`;
      if (!x.placement.provider && e.defaultProviderId !== undefined)
        xml += a('activityLinkId', e.defaultProviderId);
      if (x.placement.provider && e.productionVolume !== undefined)
        xml += a('productionVolumeAmount', e.productionVolume);
    }
    xml += `>${en('name', x.flow.name)}${en('unitName', x.unit.name)}`;
    if (e.description) xml += en('comment', e.description);
    if (x.uncertainty)
      xml += uncertaintyXml(
        x.uncertainty,
        e.dqEntry ?? (x.uncertainty.type === 'lognormal' ? x.uncertainty.pedigree : undefined),
      );
    for (const q of x.properties) {
      const unitId =
        q.unit === undefined ? undefined : (unitCatalogue.lookup(q.unit)?.unitId ?? id(`unit/${q.unit}`));
      xml +=
        `<property${a('propertyId', PROPERTY_IDS[q.name.toLowerCase()] ?? id(`property/${q.name}`))}${a('amount', q.amount)}${a('unitId', unitId)}>` +
        `${en('name', q.name)}${q.unit === undefined ? '' : en('unitName', q.unit)}</property>`;
    }
    if (elementary) xml += this.compartment(x.flow);
    const { group, code } = x.placement;
    return `${xml}<${group}Group>${code}</${group}Group></${tag}>\n`;
  }

  private parameter(q: Parameter, global: boolean, owner: string): string {
    let xml =
      `<parameter${a('parameterId', id(`parameter/${owner}/${q.name}`))}${a('variableName', q.name)}${a('amount', q.value)}` +
      (q.formula !== undefined && q.formula.trim() !== ''
        ? `${a('mathematicalRelation', q.formula)} isCalculatedAmount="true"`
        : '') +
      (global ? ' scope="global"' : '') +
      `>${en('name', q.description ?? q.name)}`;
    if (q.uncertainty) xml += uncertaintyXml(q.uncertainty, undefined);
    return `${xml}</parameter>\n`;
  }

  private administrative(p: Process): string {
    const actor = this.db.actors[0];
    const source = this.db.sources[0];
    const person = actor
      ? a('personId', actor.id) + a('personName', actor.name)
      : ` personId="${id('actor/OpenCFP')}" personName="OpenCFP"`;
    const version = /^(\d+)\.(\d+)\.(\d+)(?:\.(\d+))?$/.exec(p.version ?? '') ?? ['', '1', '0', '0', '0'];
    const last =
      p.lastChange && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(p.lastChange)
        ? p.lastChange.slice(0, 19)
        : this.timestamp;
    return (
      `<administrativeInformation>\n<dataEntryBy${person} isActiveAuthor="false"/>\n` +
      `<dataGeneratorAndPublication${person} dataPublishedIn="0"` +
      (source
        ? `${a('publishedSourceId', source.id)}${a('publishedSourceYear', source.year === undefined ? undefined : String(source.year))}` +
          a('publishedSourceFirstAuthor', source.name)
        : '') +
      ' isCopyrightProtected="false" accessRestrictedTo="0"/>\n' +
      `<fileAttributes majorRelease="${Number(version[1])}" minorRelease="${Number(version[2])}" majorRevision="${Number(version[3])}"` +
      ` minorRevision="${Number(version[4] ?? 0)}" internalSchemaVersion="2.0.10" defaultLanguage="en"` +
      ` creationTimestamp="${last}" lastEditTimestamp="${last}" fileGenerator="OpenCFP" fileTimestamp="${this.timestamp}"/>\n` +
      '</administrativeInformation>\n'
    );
  }

  /** Persons and sources named by the datasets, as ecoinvent appends them (gives them their full names). */
  private usedMasterData(): string {
    const actor = this.db.actors[0];
    const source = this.db.sources[0];
    if (!actor && !source) return '';
    return (
      '<usedUserMasterData xmlns="http://www.EcoInvent.org/UsedUserMasterData">' +
      (actor ? `<person${a('id', actor.id)}${a('name', actor.name)}/>` : '') +
      (source
        ? `<source${a('id', source.id)} sourceType="0"${a('year', source.year)}${a('title', source.name)}/>`
        : '') +
      '</usedUserMasterData>\n'
    );
  }

  private compartment(f: Flow): string {
    let segs = (f.category ?? '')
      .split('/')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (segs.length > 0 && /^elementary flows$/i.test(segs[0])) segs = segs.slice(1);
    const compartment = segs[0] ?? 'unspecified';
    const sub = segs.length > 1 ? segs.slice(1).join('/') : 'unspecified';
    return (
      `<compartment${a('subcompartmentId', id(`compartment/${compartment}/${sub}`))}>` +
      `${en('compartment', compartment)}${en('subcompartment', sub)}</compartment>`
    );
  }

  private referenceUnit(f: Flow): Unit | undefined {
    const ref = f.properties.find((p) => p.isReference) ?? f.properties[0];
    const property = ref && this.properties.get(ref.flowPropertyId);
    const group = property && this.groups.get(property.unitGroupId);
    return group && this.units.get(group.referenceUnitId)?.unit;
  }
}

/** Where an exchange goes in EcoSpold 2 (ecoinvent 3's sign conventions for wastes). */
function place(e: Exchange, flow: Flow): Placement {
  if (flow.type === 'elementary')
    return { group: e.isInput ? 'input' : 'output', code: 4, negate: false, provider: false };
  if (flow.type === 'product') {
    if (e.isAvoided) return { group: 'input', code: 5, negate: true, provider: false };
    return e.isInput
      ? { group: 'input', code: 5, negate: false, provider: false }
      : { group: 'output', code: 2, negate: false, provider: true };
  }
  if (e.isAvoided) return { group: 'output', code: 3, negate: true, provider: false };
  return e.isInput
    ? { group: 'output', code: 2, negate: true, provider: true }
    : { group: 'input', code: 5, negate: true, provider: false };
}

function rank(x: ExchangeOut, reference: ExchangeOut): number {
  if (x === reference) return 0;
  return x.placement.group === 'output' ? 1 : 2;
}

function uncertaintyXml(u: Uncertainty, dqEntry: string | undefined): string {
  const scores = pedigreeScores(dqEntry);
  let d: string;
  switch (u.type) {
    case 'lognormal': {
      const total = Math.log(u.geometricSd) ** 2;
      // The ecoinvent v3 variances of the scores (core's sourced table): what the pedigree adds to the basic variance.
      const pedigree = scores
        ? pedigreeUncertainty(scores as PedigreeScores, 1, 'ecoinvent-v3').pedigreeVariance
        : 0;
      const basic = total - pedigree > 0 ? total - pedigree : total;
      d =
        `<lognormal${a('meanValue', u.geometricMean)}${a('mu', u.geometricMean === 0 ? undefined : Math.log(Math.abs(u.geometricMean)))}` +
        `${a('variance', basic)}${a('varianceWithPedigreeUncertainty', total)}/>`;
      break;
    }
    case 'normal':
      d = `<normal${a('meanValue', u.mean)}${a('variance', u.sd * u.sd)}${a('varianceWithPedigreeUncertainty', u.sd * u.sd)}/>`;
      break;
    case 'triangular':
      d = `<triangular${a('minValue', u.min)}${a('mostLikelyValue', u.mode)}${a('maxValue', u.max)}/>`;
      break;
    case 'uniform':
      d = `<uniform${a('minValue', u.min)}${a('maxValue', u.max)}/>`;
      break;
  }
  const pedigree = scores
    ? `<pedigreeMatrix${scores.map((s, k) => ` ${PEDIGREE_NAMES[k]}="${s}"`).join('')}/>`
    : '';
  return `<uncertainty>${d}${pedigree}</uncertainty>`;
}
