import type {
  Actor,
  Exchange,
  ExchangeProperty,
  Flow,
  Location,
  Parameter,
  Process,
  Source,
  Uncertainty,
} from '@opencfp/core';
import { checkEcoSpold2Formula } from './eco-spold2-formula.js';
import { readEcoSpold2Uncertainty } from './eco-spold2-uncertainty.js';
import type { IssueLog } from './issue-log.js';
import { unitCatalogue } from './unit-catalogue.js';
import { attr, children, localized, type XmlElement } from './xml/xml-element.js';

/** Sign statistics of one intermediate flow over all datasets read; they decide which flows are wastes. */
export interface IntermediateFlowStats {
  /** Reference products (outputGroup 0) with a positive / negative amount. */
  positiveReference: number;
  negativeReference: number;
  /** Outputs in outputGroup 3, 'material for treatment'. */
  forTreatment: number;
  negative: number;
  total: number;
}

/** A converted dataset, with what the finishing pass needs besides the process. */
export interface EcoSpold2ProcessRecord {
  process: Process;
  file: string;
  /** XPath of the dataset element, e.g. '/ecoSpold/activityDataset'. */
  root: string;
  activityId: string;
  referenceFlowId: string;
  referenceName: string;
}

/** Everything datasets share; filled dataset by dataset, finished by `finishEcoSpold2`. */
export interface EcoSpold2State {
  log: IssueLog;
  flows: Map<string, Flow>;
  /** Unit group of each flow's (only) flow property. */
  flowGroups: Map<string, string>;
  stats: Map<string, IntermediateFlowStats>;
  locations: Map<string, Location>;
  sources: Map<string, Source>;
  actors: Map<string, Actor>;
  /** Global parameters by lower-cased name. */
  globals: Map<string, Parameter>;
  usedGroups: Set<string>;
  /** Exchanges in outputGroup 3 ('material for treatment'): outputs to treatment whatever their sign. */
  treatmentOutputs: Set<Exchange>;
  records: EcoSpold2ProcessRecord[];
  /** `activityId\0referenceProductId` of every dataset read, to find duplicates. */
  keys: Set<string>;
  /** Shares equal strings (ids, property names and units repeat on many exchanges); results are detached. */
  intern(s: string): string;
}

/**
 * A copy of `s` that does not keep the file it was read from alive. V8 keeps substrings of 13 or more
 * characters as slices of their parent, and the XML parser's attribute values and texts are substrings of the
 * whole file: one retained flow id would keep a 50 kB dataset text in memory, and an ecoinvent-sized database
 * would hold all of its XML. Concatenating forces a flat copy, which the slice then refers to.
 *
 * @example
 * exchange.sourceId = detach(attr(el, 'id'));
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

function detachAll<T extends object>(o: T, keys: readonly (keyof T)[]): void {
  for (const k of keys) {
    const v = o[k];
    if (typeof v === 'string') o[k] = detach(v) as T[keyof T];
  }
}

function detachParameter(p: Parameter): void {
  detachAll(p, ['name', 'formula', 'description']);
}

/**
 * ecoinvent 3 unit ids → catalogue (openLCA) unit ids, after the table openLCA's EcoSpold 2 import uses
 * (olca-io ei3_unit_map.csv). Only used when an exchange has no unit name, or one the catalogue does not know.
 */
const ECOINVENT_UNIT_IDS: ReadonlyMap<string, string> = new Map([
  ['eb955b7c-7bed-401f-9c76-5db716ca3640', 'c7266b67-4ea2-457f-b391-9b94e26e195a'],
  ['0e6f38bc-51be-4382-802d-1f389a88e589', 'fe8da65d-f0ea-4496-b13e-1955aaa412d7'],
  ['f2aaa4ba-fb58-49a7-a552-e7f64366f379', '3d314eab-ef11-4ff3-a35e-9bc5cd858694'],
  ['a5d2899a-ea3f-4810-a530-a26fff736aac', '845178d8-3f2c-497f-9ca6-3c5657c2823c'],
  ['2f4daad7-5331-4f14-930c-d8bca924557d', '0dea4ed8-bb6b-4049-b2b4-b2c413ef2180'],
  ['5b972631-34e3-4db7-a615-f6931770a0cb', '6dabe201-aaac-4509-92f0-d00c26cb72ab'],
  ['4923348e-591b-4772-b224-d19df86f04c9', 'e9773595-284e-46dd-9671-5fc9ff406833'],
  ['8266bd67-ebd3-4d31-b972-eee3cf0da36f', 'f7fe0af2-e764-4984-bb9f-2cbff6cd2f18'],
  ['86bbe475-8a8f-44d8-914c-e398787e7121', 'debee4d9-bc47-4e35-8624-4957ecb75386'],
  ['86b0e4a2-57e5-48b8-a43d-22c7f8490dca', 'b80a512e-e402-4363-8ad0-7d02dcf4a459'],
  ['e32b56ef-fa80-4487-9796-f3c1476c27b3', '227a54d9-44e7-468c-b8bb-f2dd1ae68c7a'],
  ['3e2c67b8-bc67-42a5-bc81-00756f0e05bb', 'cc44768b-c0ce-4bc9-804a-c59b67d22e39'],
  ['1017f68a-f818-4f9d-a34d-a31e7386f628', '3ce61faa-5716-41c1-aef6-b5920054acc9'],
  ['de5b3c87-0e35-4fb0-9765-4f3ba34c99e5', '1c3a9695-398d-4b1f-b07e-a8715b610f70'],
  ['2cf92850-0f92-4004-9dba-a6ceb6a414c2', '9a87f840-752d-4863-b911-533f92ee5073'],
  ['487df68b-4994-4027-8fdc-a4dc298257b7', '20aadc24-a391-41cf-b340-3e4529f44bde'],
  ['481b9712-c417-44f1-bfba-38d58088173c', 'ee5f2241-18af-4444-b457-b275660e5a20'],
  ['ae252091-811b-461b-8e89-8f3075639eb1', '715ca68e-0ac5-4c4b-b557-fdc36623be88'],
  ['08bd0c61-0b9a-4280-bc25-3444d52c15bf', '8cbb4edb-d76c-41f7-8b30-cc789217c954'],
  ['77ae64fa-7e74-4252-9c3b-889c1cd20bfc', '86ad2244-1f0e-4912-af53-7865283103e4'],
  ['980b811e-3905-4797-82a5-173f5568bc7e', '52765a6c-3896-43c2-b2f4-c679acf13efe'],
  ['241450a3-3497-4648-8c68-e44d04f64ac7', 'ab01fe47-d2c0-4308-adb1-e32df38d5a50'],
  ['225da0bd-ba54-48bc-9a0e-5fa27d722185', '1c3a9695-398d-4b1f-b07e-a8715b610f70'],
]);

/** Marks a pending activity link in `Exchange.defaultProviderId` until the finishing pass resolves it. */
export const ACTIVITY_LINK = 'activity-link:';

/**
 * An xs:double as EcoSpold writes it ('1.5', '-2E-3'), or undefined. `Number` alone would also take '0x1F',
 * '0b1' and '' (as 0); those are refused without a regular expression, since this runs for every amount.
 */
function parseNumber(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const t = raw.trim();
  if (t === '') return undefined;
  const v = Number(t);
  if (!Number.isFinite(v)) return undefined;
  const second = t.length > 1 ? t.charCodeAt(1) | 0x20 : 0;
  // 'x', 'b', 'o' (any case) after a leading digit: hexadecimal, binary or octal literals.
  return second === 0x78 || second === 0x62 || second === 0x6f ? undefined : v;
}

function preview(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** Texts of a TTextAndImage element (`<text index="…">`), in index order, English preferred. */
function richText(element: XmlElement | undefined): string | undefined {
  if (!element) return undefined;
  const all = element.children.filter((c) => c.name === 'text');
  if (all.length === 0) return localized([element]);
  let pick = all.filter((t) => t.attributes.lang === 'en' || t.attributes.lang === undefined);
  if (pick.length === 0) pick = all.filter((t) => t.attributes.lang === all[0].attributes.lang);
  const text = pick
    .map((t, i) => ({ i, index: Number(t.attributes.index ?? 0) || 0, text: t.text.trim() }))
    .sort((a, b) => a.index - b.index || a.i - b.i)
    .map((t) => t.text)
    .filter((t) => t !== '')
    .join('\n');
  return text === '' ? undefined : text;
}

/** The children of an exchange, sorted out in one pass (exchanges are the bulk of a dataset). */
interface ExchangeParts {
  names: XmlElement[];
  unitNames: XmlElement[];
  comments: XmlElement[];
  uncertainty?: XmlElement;
  properties: XmlElement[];
  compartment?: XmlElement;
  inputGroup?: string;
  outputGroup?: string;
}

function partsOf(e: XmlElement): ExchangeParts {
  const p: ExchangeParts = { names: [], unitNames: [], comments: [], properties: [] };
  for (const c of e.children) {
    switch (c.name) {
      case 'name':
        p.names.push(c);
        break;
      case 'unitName':
        p.unitNames.push(c);
        break;
      case 'comment':
        p.comments.push(c);
        break;
      case 'uncertainty':
        p.uncertainty ??= c;
        break;
      case 'property':
        p.properties.push(c);
        break;
      case 'compartment':
        p.compartment ??= c;
        break;
      case 'inputGroup':
        p.inputGroup ??= c.text.trim();
        break;
      case 'outputGroup':
        p.outputGroup ??= c.text.trim();
        break;
    }
  }
  return p;
}

/** A process parameter in the making: its formula is checked once all names of the dataset are known. */
interface ParameterDraft {
  parameter: Parameter;
  relation?: string;
  path: string;
}

/** An exchange in the making. */
interface ExchangeDraft {
  exchange: Exchange;
  path: string;
  intermediate: boolean;
  outputGroup?: string;
  variableName?: string;
  relation?: string;
}

/**
 * Converts one `activityDataset` (or `childActivityDataset`, read the same way: ecoinvent releases hold them
 * fully expanded) into a process, and adds its flows, location, sources and actors to `state`. Nothing is added
 * when the dataset is skipped (no activity id, no readable reference product, a duplicate), so a broken
 * dataset leaves no orphans behind.
 *
 * Exchanges are read as stored: directions from inputGroup/outputGroup, amounts with their sign. Wastes,
 * co-product allocation, activity links and process ids that need the whole database are settled by
 * `finishEcoSpold2`.
 *
 * @example
 * const record = convertEcoSpold2Dataset(datasetElement, 'datasets/a_b.spold', state);
 */
export function convertEcoSpold2Dataset(
  ds: XmlElement,
  file: string,
  state: EcoSpold2State,
): EcoSpold2ProcessRecord | undefined {
  const { log } = state;
  const root = detach(`/ecoSpold/${ds.name}`);
  let description: XmlElement | undefined;
  let flowData: XmlElement | undefined;
  let modelling: XmlElement | undefined;
  let admin: XmlElement | undefined;
  for (const c of ds.children) {
    if (c.name === 'activityDescription') description ??= c;
    else if (c.name === 'flowData') flowData ??= c;
    else if (c.name === 'modellingAndValidation') modelling ??= c;
    else if (c.name === 'administrativeInformation') admin ??= c;
  }
  const activity = children(description, 'activity')[0];
  const activityId = attr(activity, 'id')?.trim();
  if (!activityId) {
    log.error(
      file,
      `${root}/activityDescription/activity/@id`,
      'MISSING_ACTIVITY_ID',
      'The dataset has no activity id, so nothing can refer to it; it was skipped. Re-export the dataset.',
    );
    return undefined;
  }
  const activityName = localized(children(activity, 'activityName'));
  if (activityName === undefined)
    log.warning(
      file,
      `${root}/activityDescription/activity/activityName`,
      'MISSING_NAME',
      'The activity has no name; its id is used as the process name.',
    );

  // Flows new to the database, committed only if the dataset is kept.
  const newFlows = new Map<string, { flow: Flow; group: string }>();
  const drafts: ExchangeDraft[] = [];
  // The dataset's own parameters, then those made from variables of exchanges, properties and production
  // volumes, in openLCA's order.
  const parameterDrafts: ParameterDraft[] = [];
  const derivedDrafts: ParameterDraft[] = [];
  const flowOf = (id: string): Flow | undefined => state.flows.get(id) ?? newFlows.get(id)?.flow;
  const groupOf = (id: string): string | undefined => state.flowGroups.get(id) ?? newFlows.get(id)?.group;

  let intermediateIndex = 0;
  let elementaryIndex = 0;
  let parameterIndex = 0;
  for (const el of flowData?.children ?? []) {
    if (el.name === 'intermediateExchange' || el.name === 'elementaryExchange') {
      const intermediate = el.name === 'intermediateExchange';
      const path = `${root}/flowData/${el.name}[${intermediate ? ++intermediateIndex : ++elementaryIndex}]`;
      const draft = readExchange(el, intermediate, path);
      if (draft) drafts.push(draft);
    } else if (el.name === 'parameter') {
      const path = `${root}/flowData/parameter[${++parameterIndex}]`;
      const draft = readParameter(el, path);
      if (draft) parameterDrafts.push(draft);
    }
  }

  // The reference product: the first outputGroup 0 exchange with a non-zero amount, as in openLCA.
  const reference = drafts.find((d) => d.intermediate && d.outputGroup === '0' && d.exchange.amount !== 0);
  if (!reference) {
    log.error(
      file,
      `${root}/flowData`,
      'NO_REFERENCE_PRODUCT',
      'The dataset has no readable reference product (an intermediate exchange in outputGroup 0 with a non-zero ' +
        'amount), so it cannot be part of a product system; it was skipped. Check the exchanges reported for ' +
        'this file, or re-export the dataset with its reference product.',
    );
    return undefined;
  }
  reference.exchange.isReference = true;
  const referenceFlowId = reference.exchange.flowId;
  const key = `${activityId}\u0000${referenceFlowId}`;
  if (state.keys.has(key)) {
    log.warning(
      file,
      `${root}/activityDescription/activity/@id`,
      'DUPLICATE_DATASET',
      `Another file already holds activity ${activityId} with reference product ${referenceFlowId}; this copy ` +
        'was skipped. Remove one of the two files.',
    );
    return undefined;
  }

  const parameters = finishParameters([...parameterDrafts, ...derivedDrafts]);
  checkExchangeFormulas(drafts, parameters);

  // Commit: from here on the dataset is part of the database. Every string kept is detached from the file.
  const own = state.intern;
  state.keys.add(detach(key));
  for (const { flow, group } of newFlows.values()) {
    flow.id = own(flow.id);
    detachAll(flow, ['name', 'cas', 'formula']);
    if (flow.category !== undefined) flow.category = own(flow.category);
    state.flows.set(flow.id, flow);
    state.flowGroups.set(flow.id, group);
    state.usedGroups.add(group);
  }
  for (const d of drafts) {
    const e = d.exchange;
    e.flowId = own(e.flowId);
    detachAll(e, ['sourceId', 'description', 'formula']);
    if (e.defaultProviderId !== undefined) e.defaultProviderId = own(e.defaultProviderId);
    if (!d.intermediate) continue;
    let s = state.stats.get(d.exchange.flowId);
    if (!s) {
      s = { positiveReference: 0, negativeReference: 0, forTreatment: 0, negative: 0, total: 0 };
      state.stats.set(d.exchange.flowId, s);
    }
    s.total++;
    if (d.exchange.amount < 0) s.negative++;
    if (d.exchange.isReference) {
      if (d.exchange.amount > 0) s.positiveReference++;
      else s.negativeReference++;
    }
    if (d.outputGroup === '3') {
      s.forTreatment++;
      state.treatmentOutputs.add(d.exchange);
    }
  }
  const exchanges = drafts.map((d) => d.exchange);
  exchanges.forEach((e, i) => (e.internalId = i + 1));

  const referenceName = detach(flowOf(referenceFlowId)?.name ?? referenceFlowId);
  for (const p of parameters) detachParameter(p);
  const process: Process = {
    id: own(activityId),
    name: detach(activityName ?? activityId),
    type: attr(activity, 'type')?.trim() === '2' ? 'system' : 'unit',
    exchanges,
    parameters: parameters.filter((p) => p.scope === 'process'),
    allocationFactors: [],
  };
  for (const p of parameters) {
    if (p.scope !== 'global') continue;
    const k = p.name.toLowerCase();
    if (!state.globals.has(k)) state.globals.set(k, p);
  }
  const category = categoryOf(description);
  if (category) process.category = own(category);
  const locationId = readLocation(description);
  if (locationId) process.locationId = locationId;
  const text = describe(activity, description, modelling);
  if (text) process.description = detach(text);
  const tags = children(activity, 'tag')
    .map((t) => own(t.text.trim()))
    .filter((t) => t !== '');
  if (tags.length > 0) process.tags = tags;
  readAdministrative(admin, process);
  return {
    process,
    file,
    root,
    activityId: process.id,
    referenceFlowId: own(referenceFlowId),
    referenceName,
  };

  // --- helpers that share the dataset's scope ---

  function readExchange(el: XmlElement, intermediate: boolean, path: string): ExchangeDraft | undefined {
    const idAttr = intermediate ? 'intermediateExchangeId' : 'elementaryExchangeId';
    const flowId = attr(el, idAttr)?.trim();
    if (!flowId) {
      log.error(
        file,
        `${path}/@${idAttr}`,
        'MISSING_FLOW_ID',
        `The exchange has no ${idAttr}; it was skipped. Re-export the dataset.`,
      );
      return undefined;
    }
    const rawAmount = attr(el, 'amount');
    const amount = parseNumber(rawAmount);
    if (amount === undefined) {
      log.error(
        file,
        `${path}/@amount`,
        rawAmount === undefined || rawAmount.trim() === '' ? 'MISSING_AMOUNT' : 'INVALID_AMOUNT',
        rawAmount === undefined || rawAmount.trim() === ''
          ? 'The exchange has no amount; it was skipped. Add the amount to the dataset.'
          : `The amount '${preview(rawAmount)}' is not a number; the exchange was skipped. Fix the amount.`,
      );
      return undefined;
    }
    const parts = partsOf(el);
    const group = parts.inputGroup ?? parts.outputGroup;
    const isInput = parts.inputGroup !== undefined;
    if (group === undefined || (!intermediate && group !== '4')) {
      log.error(
        file,
        path,
        group === undefined ? 'MISSING_GROUP' : 'INVALID_GROUP',
        group === undefined
          ? 'The exchange has neither inputGroup nor outputGroup, so its direction is unknown; it was skipped.'
          : `An elementary exchange must be in inputGroup or outputGroup 4 (got ${group}); it was skipped.`,
      );
      return undefined;
    }
    const unitName = localized(parts.unitNames);
    const ecoinventUnit = ECOINVENT_UNIT_IDS.get(attr(el, 'unitId')?.trim() ?? '');
    const unit =
      (unitName === undefined ? undefined : unitCatalogue.lookup(unitName)) ??
      (ecoinventUnit === undefined ? undefined : unitCatalogue.lookupId(ecoinventUnit));
    if (!unit) {
      log.error(
        file,
        `${path}/unitName`,
        'UNKNOWN_UNIT',
        unitName === undefined
          ? 'The exchange has no unit name; it was skipped. Add the unitName.'
          : `The unit '${preview(unitName)}' is not in OpenCFP's unit catalogue, so it cannot be converted; the ` +
              'exchange was skipped. Use a known unit or ask for it to be added to the catalogue.',
      );
      return undefined;
    }
    const name = localized(parts.names) ?? flowId;
    const known = flowOf(flowId);
    if (known && (known.type === 'elementary') !== !intermediate) {
      log.error(
        file,
        `${path}/@${idAttr}`,
        'FLOW_TYPE_CONFLICT',
        `Flow ${flowId} ('${known.name}') is used as ${known.type === 'elementary' ? 'an elementary' : 'an intermediate'} ` +
          `flow elsewhere but as ${intermediate ? 'an intermediate' : 'an elementary'} flow here; the exchange was ` +
          'skipped. Give the two flows different ids.',
      );
      return undefined;
    }
    const group0 = groupOf(flowId);
    if (group0 !== undefined && group0 !== unit.groupId) {
      log.error(
        file,
        `${path}/unitName`,
        'UNIT_CONFLICT',
        `Flow '${name}' is measured in ${unitCatalogue.group(group0)?.name ?? group0} elsewhere, but here in ` +
          `'${unit.unitName}' (${unitCatalogue.group(unit.groupId)?.name}), and EcoSpold 2 gives no factor between the ` +
          'two; the exchange was skipped. Use one kind of unit for the flow.',
      );
      return undefined;
    }
    if (!known) {
      const flow: Flow = {
        id: flowId,
        name,
        type: intermediate ? 'product' : 'elementary',
        properties: [{ flowPropertyId: unit.flowPropertyId, factor: 1, isReference: true }],
      };
      const cas = normalizeCas(attr(el, 'casNumber'));
      if (cas) flow.cas = cas;
      if (!intermediate) {
        const formula = attr(el, 'formula')?.trim();
        if (formula) flow.formula = formula;
        const category = compartmentOf(parts.compartment);
        if (category) flow.category = category;
      }
      newFlows.set(flowId, { flow, group: unit.groupId });
    }

    const exchange: Exchange = {
      internalId: 0,
      flowId,
      amount,
      unitId: unit.unitId,
      flowPropertyId: unit.flowPropertyId,
      isInput,
      isAvoided: false,
      isReference: false,
    };
    const sourceId = attr(el, 'id')?.trim();
    if (sourceId) exchange.sourceId = sourceId;
    const comment = localized(parts.comments);
    if (comment) exchange.description = comment;
    const { uncertainty, dqEntry } = readEcoSpold2Uncertainty(
      parts.uncertainty,
      file,
      `${path}/uncertainty`,
      log,
    );
    if (uncertainty) exchange.uncertainty = uncertainty;
    if (dqEntry) exchange.dqEntry = dqEntry;
    const draft: ExchangeDraft = { exchange, path, intermediate };
    const variableName = attr(el, 'variableName')?.trim();
    if (variableName) draft.variableName = variableName;
    const relation = attr(el, 'mathematicalRelation');
    if (relation !== undefined && relation.trim() !== '') draft.relation = relation;
    if (variableName)
      derivedDrafts.push({
        parameter: {
          name: variableName,
          value: amount,
          isInput: true,
          scope: 'process',
          description: `amount of ${name}`,
        },
        relation,
        path: `${path}/@mathematicalRelation`,
      });
    const properties = readProperties(parts.properties, path);
    if (properties.length > 0) exchange.properties = properties;
    if (intermediate) {
      if (!isInput) draft.outputGroup = group;
      const link = attr(el, 'activityLinkId')?.trim();
      if (link) exchange.defaultProviderId = ACTIVITY_LINK + link;
      const volume = parseNumber(attr(el, 'productionVolumeAmount'));
      if (volume !== undefined) exchange.productionVolume = volume;
      const volumeVariable = attr(el, 'productionVolumeVariableName')?.trim();
      if (volumeVariable)
        derivedDrafts.push({
          parameter: {
            name: volumeVariable,
            value: volume ?? 0,
            isInput: true,
            scope: 'process',
            description: `production volume of ${name}`,
          },
          relation: attr(el, 'productionVolumeMathematicalRelation'),
          path: `${path}/@productionVolumeMathematicalRelation`,
        });
    }
    return draft;
  }

  function readProperties(elements: XmlElement[], path: string): ExchangeProperty[] {
    const out: ExchangeProperty[] = [];
    for (let i = 0; i < elements.length; i++) {
      const p = elements[i];
      // Properties are the bulk of an ecoinvent exchange: one pass over their children.
      const names: XmlElement[] = [];
      const units: XmlElement[] = [];
      for (const c of p.children)
        if (c.name === 'name') names.push(c);
        else if (c.name === 'unitName') units.push(c);
      const name = localized(names) ?? attr(p, 'propertyId');
      const amount = parseNumber(attr(p, 'amount'));
      if (name === undefined || amount === undefined) {
        log.warning(
          file,
          `${path}/property[${i + 1}]`,
          'INVALID_PROPERTY',
          'The property has no name or no numeric amount; it was ignored.',
        );
        continue;
      }
      const property: ExchangeProperty = { name: state.intern(name), amount };
      const unit = localized(units);
      if (unit) property.unit = state.intern(unit);
      out.push(property);
      const variable = attr(p, 'variableName')?.trim();
      if (variable)
        derivedDrafts.push({
          parameter: { name: variable, value: amount, isInput: true, scope: 'process', description: name },
          relation: attr(p, 'mathematicalRelation'),
          path: `${path}/property[${i + 1}]/@mathematicalRelation`,
        });
    }
    return out;
  }

  function readParameter(el: XmlElement, path: string): ParameterDraft | undefined {
    const name = attr(el, 'variableName')?.trim();
    const value = parseNumber(attr(el, 'amount'));
    if (!name || value === undefined) {
      log.warning(
        file,
        path,
        'INVALID_PARAMETER',
        `The parameter ${name ? `'${name}' has no numeric amount` : 'has no variableName, so no formula can use it'}; it was skipped.`,
      );
      return undefined;
    }
    const label = localized(children(el, 'name'));
    const unit = localized(children(el, 'unitName'));
    const parameter: Parameter = {
      name,
      value,
      isInput: true,
      scope: attr(el, 'scope')?.trim().toLowerCase() === 'global' ? 'global' : 'process',
    };
    const text = [label, unit && `[${unit}]`].filter((s) => s).join(' ');
    if (text) parameter.description = text;
    const u: Uncertainty | undefined = readEcoSpold2Uncertainty(
      children(el, 'uncertainty')[0],
      file,
      `${path}/uncertainty`,
      log,
    ).uncertainty;
    if (u) parameter.uncertainty = u;
    return { parameter, relation: attr(el, 'mathematicalRelation'), path: `${path}/@mathematicalRelation` };
  }

  /**
   * Parameters of the dataset, as openLCA's import makes them: the dataset's parameters, then the variables of
   * exchanges (value = the exchange amount, formula = its mathematical relation), properties and production
   * volumes. The first of a name (any case) wins. Formulas that cannot be evaluated are dropped (the stored
   * value stays) and reported.
   */
  function finishParameters(list: ParameterDraft[]): Parameter[] {
    const out: ParameterDraft[] = [];
    const seen = new Set<string>();
    for (const d of list) {
      const k = d.parameter.name.toLowerCase();
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(d);
    }
    const names = new Set([...seen, ...state.globals.keys()]);
    for (const d of out) {
      if (d.relation === undefined || d.relation.trim() === '') continue;
      const formula = usableFormula(d.relation, d.path, names);
      if (formula !== undefined) {
        d.parameter.formula = formula;
        d.parameter.isInput = false;
      }
    }
    return out.map((d) => d.parameter);
  }

  function checkExchangeFormulas(exchanges: ExchangeDraft[], parameters: Parameter[]): void {
    const byName = new Map(parameters.map((p) => [p.name.toLowerCase(), p.name]));
    const names = new Set([...byName.keys(), ...state.globals.keys()]);
    for (const d of exchanges) {
      const variable = d.variableName ? byName.get(d.variableName.toLowerCase()) : undefined;
      if (variable !== undefined) d.exchange.formula = variable;
      else if (d.relation !== undefined) {
        const formula = usableFormula(d.relation, `${d.path}/@mathematicalRelation`, names);
        if (formula !== undefined) d.exchange.formula = formula;
      }
    }
  }

  function usableFormula(relation: string, at: string, names: ReadonlySet<string>): string | undefined {
    const checked = checkEcoSpold2Formula(relation);
    if ('problem' in checked) {
      log.warning(
        file,
        at,
        'FORMULA_UNSUPPORTED',
        `The formula '${preview(relation.trim())}' cannot be used: ${checked.problem}. The stored amount is used instead.`,
      );
      return undefined;
    }
    const unknown = checked.variables.filter((v) => !names.has(v));
    if (unknown.length > 0) {
      log.warning(
        file,
        at,
        'FORMULA_UNKNOWN_VARIABLE',
        `The formula '${preview(checked.formula)}' uses ${unknown.map((v) => `'${v}'`).join(', ')}, which no ` +
          'parameter of the dataset defines; the stored amount is used instead. Add the parameter or fix the formula.',
      );
      return undefined;
    }
    return checked.formula;
  }

  function readLocation(desc: XmlElement | undefined): string | undefined {
    const geography = children(desc, 'geography')[0];
    if (!geography) return undefined;
    const shortname = localized(children(geography, 'shortname'));
    const raw = attr(geography, 'geographyId')?.trim() || shortname;
    if (!raw) return undefined;
    const id = state.intern(raw);
    if (!state.locations.has(id)) {
      const location: Location = { id, name: detach(shortname ?? id) };
      if (shortname) location.code = detach(shortname);
      state.locations.set(id, location);
    }
    return id;
  }

  function readAdministrative(el: XmlElement | undefined, p: Process): void {
    const fileAttributes = children(el, 'fileAttributes')[0];
    if (fileAttributes) {
      const v = ['majorRelease', 'minorRelease', 'majorRevision', 'minorRevision'].map((k) =>
        attr(fileAttributes, k)?.trim(),
      );
      if (v.every((x) => x !== undefined && /^\d+$/.test(x))) p.version = v.join('.');
      const last = attr(fileAttributes, 'lastEditTimestamp')?.trim();
      if (last) p.lastChange = detach(last);
    }
    for (const role of ['dataEntryBy', 'dataGeneratorAndPublication']) {
      const e = children(el, role)[0];
      const personId = attr(e, 'personId')?.trim();
      const personName = attr(e, 'personName')?.trim();
      if (personId && !state.actors.has(personId))
        state.actors.set(detach(personId), { id: detach(personId), name: detach(personName || personId) });
    }
    const publication = children(el, 'dataGeneratorAndPublication')[0];
    const sourceId = attr(publication, 'publishedSourceId')?.trim();
    if (sourceId && !state.sources.has(sourceId)) {
      const author = attr(publication, 'publishedSourceFirstAuthor')?.trim();
      const year = parseNumber(attr(publication, 'publishedSourceYear'));
      const source: Source = {
        id: detach(sourceId),
        name: detach([author, year].filter((x) => x).join(' ') || sourceId),
      };
      if (year !== undefined && Number.isInteger(year)) source.year = year;
      state.sources.set(source.id, source);
    }
  }
}

/** 'compartment/subcompartment' of an elementary exchange. */
function compartmentOf(e: XmlElement | undefined): string | undefined {
  if (!e) return undefined;
  const compartment = localized(children(e, 'compartment'));
  const sub = localized(children(e, 'subcompartment'));
  const path = [compartment, sub].filter((s) => s !== undefined).join('/');
  return path === '' ? undefined : path;
}

/** ecoinvent writes CAS numbers zero-padded ('007732-18-5'); other data and lookups use '7732-18-5'. */
export function normalizeCas(cas: string | undefined): string | undefined {
  const t = cas?.trim();
  if (!t) return undefined;
  return t.replace(/^0+(?=\d)/, '');
}

/**
 * The process category from the classifications: ISIC (what openLCA uses) first, then the EcoSpold 1
 * categories ('category/subcategory'), then the first classification with a value.
 */
function categoryOf(desc: XmlElement | undefined): string | undefined {
  const classes = children(desc, 'classification').map((c) => ({
    system: localized(children(c, 'classificationSystem')) ?? '',
    value: localized(children(c, 'classificationValue')),
  }));
  const pick =
    classes.find((c) => c.value && /^ISIC/i.test(c.system)) ??
    classes.find((c) => c.value && /EcoSpold01Categories/i.test(c.system)) ??
    classes.find((c) => c.value);
  return pick?.value;
}

/** The process description: the general comment, then labelled paragraphs of what the model has no field for. */
function describe(
  activity: XmlElement | undefined,
  desc: XmlElement | undefined,
  modelling: XmlElement | undefined,
): string | undefined {
  const parts: string[] = [];
  const add = (label: string, text: string | undefined): void => {
    if (text) parts.push(label === '' ? text : `${label}: ${text}`);
  };
  add('', richText(children(activity, 'generalComment')[0]));
  add('Included activities start', localized(children(activity, 'includedActivitiesStart')));
  add('Included activities end', localized(children(activity, 'includedActivitiesEnd')));
  add('Allocation', richText(children(activity, 'allocationComment')[0]));
  const geography = children(desc, 'geography')[0];
  add('Geography', richText(children(geography, 'comment')[0]));
  const technology = children(desc, 'technology')[0];
  const level = attr(technology, 'technologyLevel')?.trim();
  const levels: Record<string, string> = {
    '0': 'undefined',
    '1': 'new',
    '2': 'modern',
    '3': 'current',
    '4': 'old',
    '5': 'outdated',
  };
  const techText = richText(children(technology, 'comment')[0]);
  if (technology && (techText || (level && level !== '0')))
    add(
      'Technology',
      [level && level !== '0' ? `level ${levels[level] ?? level}` : '', techText].filter((s) => s).join('. '),
    );
  const time = children(desc, 'timePeriod')[0];
  if (time) {
    const start = attr(time, 'startDate')?.trim();
    const end = attr(time, 'endDate')?.trim();
    const comment = richText(children(time, 'comment')[0]);
    const span = start || end ? `${start ?? '?'} to ${end ?? '?'}` : '';
    add('Time period', [span, comment].filter((s) => s).join('. '));
  }
  const representativeness = children(modelling, 'representativeness')[0];
  add('System model', localized(children(representativeness, 'systemModelName')));
  add('Sampling procedure', localized(children(representativeness, 'samplingProcedure')));
  add('Extrapolations', localized(children(representativeness, 'extrapolations')));
  return parts.length === 0 ? undefined : parts.join('\n\n');
}

/**
 * Sources and persons of `usedUserMasterData` (ecoinvent and openLCA put it after the dataset), which name
 * them better than the dataset's own attributes do.
 *
 * @example
 * readEcoSpold2MasterDataUsed(element, state);
 */
export function readEcoSpold2MasterDataUsed(el: XmlElement, state: EcoSpold2State): void {
  for (const c of el.children) {
    if (c.name === 'source') {
      const id = attr(c, 'id')?.trim();
      if (!id) continue;
      const title = attr(c, 'title')?.trim();
      const author = attr(c, 'firstAuthor')?.trim();
      const year = parseNumber(attr(c, 'year'));
      const source: Source = { id: detach(id), name: detach(title || author || id) };
      if (year !== undefined && Number.isInteger(year)) source.year = year;
      const citation = [author, year !== undefined ? `(${year})` : undefined, title]
        .filter((s) => s)
        .join(' ');
      if (citation && citation !== source.name) source.citation = detach(citation);
      state.sources.set(source.id, source);
    } else if (c.name === 'person') {
      const id = attr(c, 'id')?.trim();
      const name = attr(c, 'name')?.trim();
      if (id) state.actors.set(detach(id), { id: detach(id), name: detach(name || id) });
    }
  }
}
