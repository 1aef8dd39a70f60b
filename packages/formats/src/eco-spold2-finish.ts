import type { AllocationFactor, Database, Exchange, Flow, Process } from '@opencfp/core';
import { ACTIVITY_LINK, type EcoSpold2ProcessRecord, type EcoSpold2State } from './eco-spold2-dataset.js';
import { negateFormula } from './eco-spold2-formula.js';
import type { EcoSpold2MasterData } from './eco-spold2-master-data.js';
import { negateUncertainty } from './eco-spold2-uncertainty.js';
import { guessNomenclature } from './guess-nomenclature.js';
import { unitCatalogue } from './unit-catalogue.js';

const MASS_GROUP = unitCatalogue.lookup('kg')?.groupId;

/**
 * Turns the datasets read into one database. Everything here needs all datasets, and each step is linear in the
 * number of exchanges.
 *
 * 1. Process ids. A process keeps its activity id. ecoinvent keys a dataset by activity *and* reference product
 *    (its files are named `<activityId>_<productId>.spold`), so when several datasets share an activity id
 *    with different reference products, each of them gets the id `<activityId>_<productId>` and the name
 *    '<activity name> | <product name>'.
 *
 * 2. Wastes (ecoinvent 3 convention → OpenCFP/openLCA convention). ecoinvent records the treatment of a waste
 *    as a *negative output of the waste* (a treatment's reference product has a negative amount) and the
 *    generation of a waste as a *negative input* of it: a producer of 0.5 kg waste has the waste as an input
 *    of −0.5 kg. openLCA's import turns such flows into waste flows and turns their exchanges round
 *    (olca-io WasteFlows). Here an intermediate flow is a waste when no dataset has it as a positive
 *    reference product and (a) some dataset has it as a negative reference product (a treatment), or
 *    (b) it appears in outputGroup 3 'material for treatment' (how openLCA exports waste outputs), or
 *    (c) every exchange of it is negative (openLCA's rule). Every *negative* exchange of a waste flow is then
 *    turned round, except outputs in outputGroup 3, which go to treatment whatever their sign (a negative one
 *    stays a negative waste output, as openLCA exported it; turned round it would pose as a treatment): direction flipped, amount, formula (`-1 * (…)`) and distribution negated. So the treatment's
 *    reference becomes a waste input of +1 kg (it provides treatment) and the producer's −0.5 kg input becomes
 *    a waste output of +0.5 kg (it demands treatment). Positive exchanges of a waste flow are already in the
 *    physical direction and stay. Turning an exchange round leaves its entry in the technology matrix
 *    unchanged (input −a ≡ output a), so results are those of the ecoinvent matrix.
 *
 * 3. Co-products with amount 0 and no formula are dropped (ecoinvent's allocated datasets list the other
 *    products of the activity with 0): they would be products nothing can be made of (a zero diagonal).
 *
 * 4. Activity links. `activityLinkId` on an input (or waste output) names the activity that supplies it; the
 *    provider is the process of that activity that provides this flow (as reference product first, else as a
 *    co-product). Links that resolve become `defaultProviderId`; the others are reported per process and the
 *    calculation links by flow instead. Links on provided flows (outputs of products) carry no meaning here
 *    and are dropped.
 *
 * 5. Allocation of multi-output processes from the exchange properties: economic factors from
 *    amount × 'price' (ecoinvent's default allocation is economic, 'true value' aside), physical factors from
 *    mass: amount × 'wet mass', failing that amount × 'dry mass' (ecoinvent gives every product both). A
 *    mass unit alone is not taken as a reason for mass allocation: that would be a modelling choice the data
 *    did not make. The default method is economic when prices exist, else physical. Without either the
 *    process is reported and the calculation carries the full burden in each co-product.
 */
export function finishEcoSpold2(
  state: EcoSpold2State,
  masterData: EcoSpold2MasterData,
  name?: string,
): Database {
  const { flows, records } = state;

  markWasteFlows(state);
  assignProcessIds(records);

  for (const r of records) normalizeExchanges(r, state);
  const providers = providerMap(records, flows);
  for (const r of records) {
    resolveLinks(r, providers, state);
    deriveAllocation(r, flows, state);
  }

  for (const flow of flows.values()) masterData.applyToFlow(flow);
  for (const location of state.locations.values()) masterData.applyToLocation(location);
  // Product flows have no category of their own in EcoSpold 2; openLCA gives them their producer's.
  for (const r of records) {
    const ref = r.process.exchanges.find((e) => e.isReference);
    const flow = ref && flows.get(ref.flowId);
    if (flow && !flow.category && r.process.category) flow.category = r.process.category;
  }
  const elementary = [...flows.values()].filter((f) => f.type === 'elementary');
  const nomenclatures = guessNomenclature(elementary.map((f) => f.category));
  elementary.forEach((f, i) => (f.nomenclature = nomenclatures[i]));

  const { unitGroups, flowProperties } = unitCatalogue.build(state.usedGroups);
  return {
    name,
    unitGroups,
    flowProperties,
    flows: [...flows.values()],
    processes: records.map((r) => r.process),
    locations: [...state.locations.values()],
    parameters: [...state.globals.values()],
    impactMethods: [],
    sources: [...state.sources.values()],
    actors: [...state.actors.values()],
  };
}

function markWasteFlows(state: EcoSpold2State): void {
  for (const [id, s] of state.stats) {
    const flow = state.flows.get(id);
    if (!flow || s.positiveReference > 0) continue;
    if (s.negativeReference > 0 || s.forTreatment > 0 || (s.total > 0 && s.negative === s.total))
      flow.type = 'waste';
  }
  // A flow that is the positive reference of one dataset and the negative reference of another cannot be both
  // a product and a waste; it stays a product, and the treatment's column will have a negative diagonal.
  for (const r of state.records) {
    const ref = r.process.exchanges.find((e) => e.isReference);
    if (!ref || ref.amount >= 0) continue;
    const s = state.stats.get(ref.flowId);
    if (s && s.positiveReference > 0)
      state.log.warning(
        r.file,
        `${r.root}/flowData`,
        'MIXED_REFERENCE_SIGN',
        `The reference product '${r.referenceName}' has a negative amount here (a waste treatment), but other ` +
          'datasets produce it with a positive amount; it was kept as a product, so this treatment cannot be ' +
          'calculated on its own. Use separate flows for the product and the waste.',
      );
  }
}

function assignProcessIds(records: EcoSpold2ProcessRecord[]): void {
  const perActivity = new Map<string, number>();
  for (const r of records) perActivity.set(r.activityId, (perActivity.get(r.activityId) ?? 0) + 1);
  for (const r of records) {
    if ((perActivity.get(r.activityId) ?? 0) < 2) continue;
    r.process.id = `${r.activityId}_${r.referenceFlowId}`;
    r.process.name = `${r.process.name} | ${r.referenceName}`;
  }
}

function isProvider(e: Exchange, flow: Flow | undefined): boolean {
  if (!flow || flow.type === 'elementary' || e.isAvoided) return false;
  return flow.type === 'waste' ? e.isInput : !e.isInput;
}

function normalizeExchanges(r: EcoSpold2ProcessRecord, state: EcoSpold2State): void {
  const kept: Exchange[] = [];
  for (const e of r.process.exchanges) {
    const flow = state.flows.get(e.flowId);
    if (flow?.type === 'waste' && e.amount < 0 && !state.treatmentOutputs.has(e)) {
      e.isInput = !e.isInput;
      e.amount = -e.amount;
      if (e.formula !== undefined) e.formula = negateFormula(e.formula);
      if (e.uncertainty) e.uncertainty = negateUncertainty(e.uncertainty);
    }
    if (!e.isReference && e.amount === 0 && e.formula === undefined && isProvider(e, flow)) continue;
    kept.push(e);
  }
  r.process.exchanges = kept;
}

/** `activityId\0flowId` → process id of the process of that activity that provides the flow. */
function providerMap(records: EcoSpold2ProcessRecord[], flows: Map<string, Flow>): Map<string, string> {
  const map = new Map<string, string>();
  for (const r of records) map.set(`${r.activityId}\u0000${r.referenceFlowId}`, r.process.id);
  for (const r of records)
    for (const e of r.process.exchanges) {
      if (e.isReference || !isProvider(e, flows.get(e.flowId))) continue;
      const key = `${r.activityId}\u0000${e.flowId}`;
      if (!map.has(key)) map.set(key, r.process.id);
    }
  return map;
}

function resolveLinks(
  r: EcoSpold2ProcessRecord,
  providers: Map<string, string>,
  state: EcoSpold2State,
): void {
  const unresolved: string[] = [];
  for (const e of r.process.exchanges) {
    const link = e.defaultProviderId;
    if (link === undefined || !link.startsWith(ACTIVITY_LINK)) continue;
    delete e.defaultProviderId;
    if (isProvider(e, state.flows.get(e.flowId))) continue;
    const activityId = link.slice(ACTIVITY_LINK.length);
    const provider = providers.get(`${activityId}\u0000${e.flowId}`);
    if (provider !== undefined) e.defaultProviderId = provider;
    else unresolved.push(`'${state.flows.get(e.flowId)?.name ?? e.flowId}' from activity ${activityId}`);
  }
  if (unresolved.length > 0)
    state.log.warning(
      r.file,
      `${r.root}/flowData`,
      'UNRESOLVED_ACTIVITY_LINK',
      `${unresolved.length} activity link${unresolved.length === 1 ? '' : 's'} name${unresolved.length === 1 ? 's' : ''} ` +
        `no dataset of this import that provides the flow (${unresolved.slice(0, 3).join('; ')}` +
        `${unresolved.length > 3 ? '; …' : ''}); the calculation links ${unresolved.length === 1 ? 'it' : 'them'} ` +
        'by flow instead. Import the linked datasets too.',
    );
}

function property(e: Exchange, name: RegExp): { amount: number; unit?: string } | undefined {
  return e.properties?.find((p) => name.test(p.name));
}

/** Amount × property (converted to kg when `toKg`) for every co-product, or undefined when one is missing. */
function basis(coProducts: Exchange[][], per: (e: Exchange) => number | undefined): number[] | undefined {
  const values: number[] = [];
  for (const list of coProducts) {
    let sum = 0;
    for (const e of list) {
      const v = per(e);
      if (v === undefined || !Number.isFinite(v)) return undefined;
      sum += v;
    }
    values.push(sum);
  }
  const total = values.reduce((a, b) => a + b, 0);
  if (!(total > 0) || values.some((v) => v < 0)) return undefined;
  return values.map((v) => v / total);
}

function massOfProperty(e: Exchange, name: RegExp): number | undefined {
  const p = property(e, name);
  if (!p) return undefined;
  if (p.unit === undefined) return e.amount * p.amount;
  const unit = unitCatalogue.lookup(p.unit);
  if (!unit || unit.groupId !== MASS_GROUP) return undefined;
  return e.amount * p.amount * unit.factor;
}

function deriveAllocation(r: EcoSpold2ProcessRecord, flows: Map<string, Flow>, state: EcoSpold2State): void {
  const p: Process = r.process;
  const byFlow = new Map<string, Exchange[]>();
  for (const e of p.exchanges) {
    if (!isProvider(e, flows.get(e.flowId))) continue;
    const list = byFlow.get(e.flowId);
    if (list) list.push(e);
    else byFlow.set(e.flowId, [e]);
  }
  if (byFlow.size < 2) return;
  const ids = [...byFlow.keys()];
  const lists = [...byFlow.values()];

  // Prices must be in one currency to be added up.
  const priceUnits = new Set(lists.flat().map((e) => property(e, /^price$/i)?.unit));
  const economic =
    priceUnits.size === 1
      ? basis(lists, (e) => {
          const price = property(e, /^price$/i);
          return price && e.amount * price.amount;
        })
      : undefined;
  const physical =
    basis(lists, (e) => massOfProperty(e, /^wet mass$/i)) ??
    basis(lists, (e) => massOfProperty(e, /^dry mass$/i));

  const factors: AllocationFactor[] = [];
  if (economic)
    ids.forEach((productId, i) => factors.push({ method: 'economic', productId, value: economic[i] }));
  if (physical)
    ids.forEach((productId, i) => factors.push({ method: 'physical', productId, value: physical[i] }));
  p.allocationFactors = factors;
  if (economic) p.defaultAllocation = 'economic';
  else if (physical) p.defaultAllocation = 'physical';
  else
    state.log.info(
      r.file,
      `${r.root}/flowData`,
      'ALLOCATION_NOT_DERIVED',
      `The process has ${ids.length} co-products but no 'price' properties (for economic allocation) and no mass ` +
        "('wet mass'/'dry mass' properties or mass units) for all of them, so no allocation factors could be " +
        'derived; the calculation will report it and give each co-product the full burden. Add the properties, ' +
        'or allocation factors in the model.',
    );
}
