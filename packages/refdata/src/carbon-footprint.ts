import type { Database, Flow, LcaMatrices, LciResult } from '@opencfp/core';
import { RefdataError } from './errors.js';
import { ghgLikeButUnmapped, gwpFactorOf, mapGreenhouseGas, PREAGGREGATED_SPECIES } from './ghg-mapping.js';
import { DEFAULT_GWP_SET_ID, gwpSet, type GwpSet } from './gwp-sets.js';
import { STARTER_DATA_NOTICE, STARTER_DATA_TAG } from './starter-database/generate-starter-database.js';

/**
 * How biogenic CO2 enters the total (ISO 14067 6.4.9.4 / GB/T 24067): '-1/+1' counts uptake from air as −1
 * and biogenic CO2 emissions as +1; '0/0' counts both as 0 (they are still reported, never hidden).
 */
export type BiogenicApproach = '-1/+1' | '0/0';

/** Life-cycle stages: ISO 14067 / GB/T 24067, or the EU Battery Regulation (EU) 2023/1542 Annex II. */
export type StageScheme = 'iso-14067' | 'eu-battery';

/** Process tags that put a process's greenhouse gases into a part of the split (see docs/carbon-footprint.md). */
export const CFP_TAGS = Object.freeze({
  dLuc: 'cfp:dluc',
  landManagement: 'cfp:land-management',
  aircraft: 'cfp:aircraft',
  packaging: 'cfp:packaging',
});

export interface StageDefinition {
  id: string;
  name: string;
  nameZh: string;
}

/** The stages of each scheme, in life-cycle order; a process is put in one by the tag `stage:<id>`. */
export const LIFE_CYCLE_STAGES: Readonly<Record<StageScheme, readonly StageDefinition[]>> = Object.freeze({
  'iso-14067': [
    { id: 'raw-material-acquisition', name: 'Raw material acquisition', nameZh: '原材料获取' },
    { id: 'production', name: 'Production', nameZh: '生产' },
    { id: 'distribution', name: 'Distribution', nameZh: '分销' },
    { id: 'use', name: 'Use', nameZh: '使用' },
    { id: 'end-of-life', name: 'End of life', nameZh: '生命末期' },
  ],
  'eu-battery': [
    {
      id: 'raw-material-acquisition-and-pre-processing',
      name: 'Raw material acquisition and pre-processing',
      nameZh: '原材料获取和预处理',
    },
    { id: 'main-product-production', name: 'Main product production', nameZh: '主产品生产' },
    { id: 'distribution', name: 'Distribution', nameZh: '分销' },
    { id: 'end-of-life-and-recycling', name: 'End of life and recycling', nameZh: '寿命终止和回收' },
  ],
});

/** Stage ids of one scheme → the other's (the EU battery rules leave the use stage out). */
const STAGE_ALIASES: Readonly<Record<StageScheme, Readonly<Record<string, string>>>> = {
  'iso-14067': {
    'raw-material-acquisition-and-pre-processing': 'raw-material-acquisition',
    'main-product-production': 'production',
    'end-of-life-and-recycling': 'end-of-life',
  },
  'eu-battery': {
    'raw-material-acquisition': 'raw-material-acquisition-and-pre-processing',
    production: 'main-product-production',
    'end-of-life': 'end-of-life-and-recycling',
  },
};

/**
 * A stage id in the ids of `scheme` ('production' → 'main-product-production' under the EU battery rules); ids
 * the scheme has no counterpart for (e.g. 'use' under the EU battery rules) are returned as they are.
 *
 * @example stageInScheme('production', 'eu-battery'); // 'main-product-production'
 */
export function stageInScheme(id: string, scheme: StageScheme): string {
  return STAGE_ALIASES[scheme][id] ?? id;
}

export interface CarbonFootprintOptions {
  /** GWP set id (default 'ipcc-ar6-gwp100'); one set per result, never mixed. */
  gwpSetId?: string;
  /** Default '-1/+1'. */
  biogenicApproach?: BiogenicApproach;
  /** Default 'iso-14067'. */
  stageScheme?: StageScheme;
  /** Stage of the untagged processes the reference process takes directly (default: 'unassigned'). */
  defaultStage?: string;
  /** How many processes to list as top contributors (default 10). */
  topContributors?: number;
}

/**
 * The ISO 14067 / GB/T 24067 split in kg CO2e per declared unit. The first seven parts partition the
 * greenhouse gases (each kg of each gas is in exactly one); `aircraft` and `packaging` are "of which" items.
 */
export interface CarbonFootprintSplit {
  /** Fossil (and unspecified-origin) GHG emissions: CO2, CH4, N2O, F-gases. ≥ 0. */
  fossilEmissions: number;
  /** Fossil GHG removals and credits: negative fossil contributions (technological removals, avoided products). ≤ 0. */
  fossilRemovals: number;
  /** Biogenic CO2 emissions. */
  biogenicCo2Emissions: number;
  /** Biogenic non-CO2 emissions (methane of biogenic origin). */
  biogenicNonCo2Emissions: number;
  /** biogenicCo2Emissions + biogenicNonCo2Emissions. */
  biogenicEmissions: number;
  /** Biogenic CO2 removals: uptake of CO2 from air ('Carbon dioxide, in air'). ≤ 0. */
  biogenicRemovals: number;
  /** Direct land-use change: land-transformation gases, and every gas of processes tagged 'cfp:dluc'. */
  dLuc: number;
  /** Land management: every gas of processes tagged 'cfp:land-management'. */
  landManagement: number;
  /** Of which: direct emissions of processes tagged 'cfp:aircraft' (engine use; no radiative forcing). */
  aircraft: number;
  /** Of which: the supply chains of processes tagged 'cfp:packaging', biogenic uptake excluded. */
  packaging: number;
  /** The footprint under the stated biogenic approach. */
  total: number;
}

/** The PACT (v2) CarbonFootprint quantities derived from the split, per declared unit. */
export interface PactCarbonFootprintFields {
  /** fossil + fossil removals + dLUC + land management + biogenic non-CO2: all but biogenic CO2. */
  pCfExcludingBiogenic: number;
  /** pCfExcludingBiogenic + biogenic CO2 emissions + biogenic removals. */
  pCfIncludingBiogenic: number;
  fossilGhgEmissions: number;
  /** kg C per declared unit, from the product's carbon-content property; undefined when the data has none. */
  fossilCarbonContent: number | undefined;
  biogenicCarbonContent: number | undefined;
  /** −biogenicCarbonContent · 44/12 (kg CO2e, ≤ 0); undefined without a biogenic carbon content. */
  biogenicCarbonWithdrawal: number | undefined;
  dLucGhgEmissions: number;
  landManagementGhgEmissions: number;
  otherBiogenicGhgEmissions: number;
  aircraftGhgEmissions: number;
  packagingEmissionsIncluded: boolean;
  /** Undefined when no packaging process is in the system (PACT: must not be set then). */
  packagingGhgEmissions: number | undefined;
}

export interface GasEntry {
  /** 'CO2', 'CH4', 'N2O', 'SF6', 'HFC134a' …, or 'CO2e' for pre-aggregated totals. */
  species: string;
  /** Origin for CO2 and CH4: fossil, biogenic, land-transformation, uptake, unspecified. */
  kind?: string;
  /** Net mass, kg per declared unit (uptake negative). */
  mass: number;
  /** kg CO2e per kg in the set (for uptake: per kg taken up, applied to the negative mass). */
  factor: number;
  /** mass · factor. */
  co2e: number;
  /** False for biogenic CO2 under the 0/0 approach. */
  countedInTotal: boolean;
}

export interface StageEntry {
  id: string;
  name: string;
  nameZh: string;
  amount: number;
  share: number;
  /** True for a stage that is not one of the scheme's (e.g. 'use' under the EU battery rules, 'unassigned'). */
  outsideScheme: boolean;
}

export interface ProcessContribution {
  processId: string;
  processName: string;
  productName: string;
  /** Direct kg CO2e of the process in this system. */
  amount: number;
  share: number;
}

export interface CarbonFootprintNote {
  code:
    | 'GHG_UNMAPPED'
    | 'GHG_NOT_IN_SET'
    | 'GHG_COMPARTMENT_ASSUMED'
    | 'PREAGGREGATED_CO2E'
    | 'UNSPECIFIED_ORIGIN'
    | 'CARBON_CONTENT_MISSING'
    | 'STAGE_OUTSIDE_SCHEME'
    | 'CH4_ORIGIN_NOT_DISTINGUISHED'
    | 'STARTER_DATA';
  message: string;
  flows?: { flowId: string; name: string; amount: number }[];
}

/** A product carbon footprint: one GWP set, one biogenic approach, the split, PACT fields, gases, stages. */
export interface CarbonFootprint {
  gwpSet: { id: string; name: string; version: string; year: number };
  biogenicApproach: BiogenicApproach;
  stageScheme: StageScheme;
  unit: 'kg CO2e';
  declaredUnit: {
    amount: number;
    unit: string;
    productId: string;
    productName: string;
    processId: string;
    /** When the declared unit is not the product's reference unit (kWh of an electricity measured in MJ). */
    referenceAmount?: number;
    referenceUnit?: string;
  };
  split: CarbonFootprintSplit;
  pact: PactCarbonFootprintFields;
  byGas: GasEntry[];
  byStage: StageEntry[];
  topContributors: ProcessContribution[];
  notes: CarbonFootprintNote[];
}

type Part =
  | 'fossilEmissions'
  | 'fossilRemovals'
  | 'biogenicCo2Emissions'
  | 'biogenicNonCo2Emissions'
  | 'biogenicRemovals'
  | 'dLuc'
  | 'landManagement';

/** What one row of B is for the footprint. */
interface RowInfo {
  species: string;
  kind: string | undefined;
  factor: number;
  /** Its part when no process tag decides. */
  part: 'fossil' | 'biogenicCo2Emissions' | 'biogenicNonCo2Emissions' | 'biogenicRemovals' | 'dLuc';
}

const C_TO_CO2 = 44 / 12;

/**
 * The product carbon footprint of a calculated result: every elementary flow mapped to a greenhouse gas
 * ({@link mapGreenhouseGas}) is characterised with one GWP set and put in one part of the ISO 14067 split by
 * its origin and its process's tags; the PACT fields, the totals by gas, by life-cycle stage (supply-chain
 * split by `stage:<id>` tags, so stages sum to the total) and the top contributing processes follow.
 *
 * @example
 * const result = new Calculator(db).calculate({ processId });
 * const cfp = carbonFootprint(result, db, { gwpSetId: 'ipcc-ar6-gwp100', biogenicApproach: '-1/+1' });
 * cfp.split.total; cfp.pact.pCfExcludingBiogenic; cfp.byStage;
 */
export function carbonFootprint(
  result: LciResult,
  db: Pick<Database, 'flows' | 'flowProperties' | 'processes'>,
  options: CarbonFootprintOptions = {},
): CarbonFootprint {
  const set = gwpSet(options.gwpSetId ?? DEFAULT_GWP_SET_ID);
  const approach = options.biogenicApproach ?? '-1/+1';
  if (approach !== '-1/+1' && approach !== '0/0')
    throw new RefdataError(
      'UNKNOWN_BIOGENIC_APPROACH',
      `unknown biogenic approach '${String(approach)}': use '-1/+1' or '0/0'.`,
    );
  const scheme = options.stageScheme ?? 'iso-14067';
  if (!(scheme in LIFE_CYCLE_STAGES))
    throw new RefdataError(
      'UNKNOWN_STAGE_SCHEME',
      `unknown stage scheme '${String(scheme)}': use 'iso-14067' or 'eu-battery'.`,
    );
  const m = result.matrices;
  const flowById = flowIndex(db.flows);
  const notes: CarbonFootprintNote[] = [];
  // Rows (which gas, which factor, which part) and columns (tags) depend on the database and the set, not on the
  // demand: worked out once per calculator's matrices and kept.
  const { rows, notInSet, assumed } = rowInfo(m, flowById, set);
  const { flags: columnFlags, starter: starterColumn } = columnInfo(m);
  const n = m.products.length;
  const partOf = (j: number, r: RowInfo, e: number): Part => partOfRow(columnFlags[j], r, e);
  const counted = (p: Part) => countedIn(approach, p);

  // One pass over B s: the split, gases, processes.
  const split = emptyCarbonFootprintSplit();
  const gases = new Map<string, GasEntry>();
  const perColumn = new Float64Array(n);
  const unspecified = new Map<number, number>();
  let preaggregated = 0;
  result.forEachDirectFlow((j, i, amount) => {
    const r = rows[i];
    if (!r) return;
    const e = r.factor * amount;
    const p = partOf(j, r, e);
    split[p] += e;
    const isCounted = counted(p);
    if (isCounted) {
      perColumn[j] += e;
      if (columnFlags[j] & 4 && p !== 'biogenicRemovals') split.aircraft += e;
    }
    const key = `${r.species}|${r.kind ?? ''}|${isCounted ? 1 : 0}`;
    let gas = gases.get(key);
    if (!gas) {
      gas = { species: r.species, mass: 0, factor: r.factor, co2e: 0, countedInTotal: isCounted };
      if (r.kind !== undefined) gas.kind = r.kind;
      gases.set(key, gas);
    }
    gas.mass += amount;
    gas.co2e += e;
    if (r.kind === 'unspecified') unspecified.set(i, (unspecified.get(i) ?? 0) + amount);
    if (r.species === PREAGGREGATED_SPECIES) preaggregated += amount;
  });
  completeSplit(split, approach);

  // Sums of counted CO2e under another scaling vector (a stage's or packaging's part of s).
  const countedTotal = (s: Float64Array, withUptake: boolean) => {
    let sum = 0;
    result.forEachDirectFlow((j, i, amount) => {
      const r = rows[i];
      if (!r) return;
      const e = r.factor * amount;
      const p = partOf(j, r, e);
      if (counted(p) && (withUptake || p !== 'biogenicRemovals')) sum += e;
    }, s);
    return sum;
  };

  // Packaging: the supply chains of the tagged processes.
  let packagingIncluded = false;
  for (const j of m.products.keys())
    if (columnFlags[j] & 8 && result.scaling[j] !== 0) packagingIncluded = true;
  if (packagingIncluded) {
    const parts = result.supplyChainScaling((j) => (columnFlags[j] & 8 ? 'packaging' : undefined));
    const s = parts.get('packaging');
    split.packaging = s ? countedTotal(s, false) : 0;
  }

  const byStage = stages(result, scheme, options.defaultStage ?? 'unassigned', split.total, (s) =>
    countedTotal(s, true),
  );
  const outside = byStage.filter((s) => s.outsideScheme && s.amount !== 0);
  const stageTagged = [...m.processes.values()].some((p) => p.tags?.some((t) => t.startsWith('stage:')));
  const stageIds = LIFE_CYCLE_STAGES[scheme].map((s) => s.id).join(', ');
  if (outside.length > 0)
    notes.push({
      code: 'STAGE_OUTSIDE_SCHEME',
      message: stageTagged
        ? `${outside.map((s) => `'${s.id}'`).join(', ')} ${outside.length === 1 ? 'is' : 'are'} not a stage of the ${scheme} scheme: tag the foreground processes with 'stage:<id>' (${stageIds}), or name a default stage for the untagged processes the product takes directly (option defaultStage; cfp calc --default-stage).`
        : `no process carries a life-cycle stage tag, so the whole footprint is 'unassigned': tag the foreground processes with 'stage:<id>' (${stageIds}), or name a default stage (option defaultStage; cfp calc --default-stage).`,
    });
  const ch4ByOrigin = [...gases.values()].some(
    (g) => g.species === 'CH4' && (g.kind === 'fossil' || g.kind === 'biogenic'),
  );
  if (
    ch4ByOrigin &&
    gwpFactorOf({ species: 'CH4', kind: 'fossil' }, set) ===
      gwpFactorOf({ species: 'CH4', kind: 'biogenic' }, set)
  )
    notes.push({
      code: 'CH4_ORIGIN_NOT_DISTINGUISHED',
      message: `${set.name} has one value for methane (${String(gwpFactorOf({ species: 'CH4' }, set))}) in OpenCFP's data, used for fossil and biogenic methane alike; only IPCC AR6 GWP100 distinguishes them (29.8 and 27.0) here.`,
    });

  // Carbon contents of the product.
  const content = carbonContent(result, db);
  const perDeclared = (x: number | undefined) => (x === undefined ? undefined : x * result.demand.amount);
  const fossilCarbonContent = perDeclared(content.fossil);
  const biogenicCarbonContent = perDeclared(content.biogenic);
  // Carbon content matters for material products (PACT asks for it per declared unit); for energy or a service
  // (electricity, t·km) it is not a property, so no note.
  const productFlow = flowById.get(result.demand.productId);
  const referenceProperty = db.flowProperties.find(
    (p) => p.id === productFlow?.properties.find((x) => x.isReference)?.flowPropertyId,
  );
  const material = /mass|质量/i.test(referenceProperty?.name ?? '');
  if (material && (content.fossil === undefined || content.biogenic === undefined))
    notes.push({
      code: 'CARBON_CONTENT_MISSING',
      message: `the product '${result.demand.productName}' has no ${content.fossil === undefined && content.biogenic === undefined ? 'fossil or biogenic' : content.fossil === undefined ? 'fossil' : 'biogenic'} carbon content in the data: add a 'carbon content, fossil' / 'carbon content, biogenic' property (kg C per unit) to its reference exchange or flow, or state the values in the study.`,
    });

  const unmapped = ghgLikeButUnmapped(result.inventory.map((x) => flowById.get(x.flowId)).filter(isFlow));
  if (unmapped.length > 0)
    notes.push(
      flowNote(
        'GHG_UNMAPPED',
        unmapped,
        result,
        `look like greenhouse gases but are not mapped to a species, so they are not in the footprint: map them (packages/refdata/src/ghg-names.ts) or check their names and compartments.`,
      ),
    );
  const missing = notInSet.filter((f) => result.total(f.id) !== 0);
  if (missing.length > 0)
    notes.push(
      flowNote(
        'GHG_NOT_IN_SET',
        missing,
        result,
        `are greenhouse gases without a value in ${set.name}, so they are not in the footprint: choose a set that has them.`,
      ),
    );
  const assumedHere = assumed.filter((f) => result.total(f.id) !== 0);
  if (assumedHere.length > 0)
    notes.push(
      flowNote(
        'GHG_COMPARTMENT_ASSUMED',
        assumedHere,
        result,
        `have no compartment in the data (e.g. an EcoSpold 2 export without master data) and are counted as emissions to air (or uptake from air when named so): check them.`,
      ),
    );
  if (preaggregated !== 0)
    notes.push({
      code: 'PREAGGREGATED_CO2E',
      message: `${round(preaggregated)} kg CO2e came as pre-aggregated CO2-equivalent totals from datasets that publish only those; they are counted as fossil with factor 1 and keep the GWP basis of their source, which may not be ${set.name}.`,
    });
  if (unspecified.size > 0)
    notes.push({
      code: 'UNSPECIFIED_ORIGIN',
      message: `CO2 or CH4 without a stated origin is counted as fossil (the conservative choice).`,
      flows: [...unspecified].map(([i, amount]) => ({
        flowId: m.elementaryFlows[i],
        name: m.elementaryRows[i].name,
        amount,
      })),
    });

  const starter = new Set<string>();
  for (let j = 0; j < n; j++)
    if (result.scaling[j] !== 0 && starterColumn[j] === 1) starter.add(m.products[j].processName);
  if (starter.size > 0)
    notes.push({
      code: 'STARTER_DATA',
      message: `${starter.size} process${starter.size === 1 ? '' : 'es'} of this result ${starter.size === 1 ? 'is' : 'are'} OpenCFP starter data (${[
        ...starter,
      ]
        .slice(0, 3)
        .map((x) => `'${x}'`)
        .join(', ')}${starter.size > 3 ? ', …' : ''}): ${STARTER_DATA_NOTICE}`,
    });

  const pact = pactFields(
    split,
    { fossil: fossilCarbonContent, biogenic: biogenicCarbonContent },
    packagingIncluded,
  );

  const topContributors: ProcessContribution[] = [];
  for (let j = 0; j < n; j++) {
    if (perColumn[j] === 0) continue;
    const p = m.products[j];
    topContributors.push({
      processId: p.processId,
      processName: p.processName,
      productName: p.flowName,
      amount: perColumn[j],
      share: split.total === 0 ? 0 : perColumn[j] / split.total,
    });
  }
  topContributors.sort((a, b) => Math.abs(b.amount) - Math.abs(a.amount));
  topContributors.length = Math.min(topContributors.length, options.topContributors ?? 10);

  return {
    gwpSet: { id: set.id, name: set.name, version: set.version, year: set.year },
    biogenicApproach: approach,
    stageScheme: scheme,
    unit: 'kg CO2e',
    declaredUnit: {
      amount: result.demand.amount,
      unit: result.demand.unit,
      productId: result.demand.productId,
      productName: result.demand.productName,
      processId: result.demand.processId,
    },
    split,
    pact,
    byGas: [...gases.values()].sort((a, b) => Math.abs(b.co2e) - Math.abs(a.co2e)),
    byStage,
    topContributors,
    notes,
  };
}

/** The part of the split a GHG amount `e` of row `r` goes to, in a column with these tag flags. */
function partOfRow(flags: number, r: RowInfo, e: number): Part {
  if (flags & 1 || r.part === 'dLuc') return 'dLuc';
  if (flags & 2) return 'landManagement';
  if (r.part === 'fossil') return e >= 0 ? 'fossilEmissions' : 'fossilRemovals';
  return r.part;
}

/** Whether a part counts in the total under the approach (0/0 leaves biogenic CO2 out). */
const countedIn = (approach: BiogenicApproach, p: Part): boolean =>
  approach === '-1/+1' || (p !== 'biogenicCo2Emissions' && p !== 'biogenicRemovals');

const perColumnTables = new WeakMap<LcaMatrices, Map<string, Float64Array>>();

/**
 * The kg CO2e each column (process-product) of a calculation's matrices emits itself per unit scaling, counted as
 * {@link carbonFootprint} counts it (one GWP set, the biogenic approach, the process's dLUC and land-management
 * tags): for any scaling s, c · s is the footprint's `split.total`, and m with Aᵀ m = c is the footprint per unit
 * of each column's product. The vector is worked out once per matrices, set and approach, and kept (read only).
 *
 * @example
 * const c = carbonFootprintPerColumn(calculator.matrices, db, { gwpSetId: 'ipcc-ar6-gwp100' });
 * const m = calculator.factorization?.solveTransposed(c); // kg CO2e per unit of each product, with its supply chain
 */
export function carbonFootprintPerColumn(
  m: LcaMatrices,
  db: Pick<Database, 'flows'>,
  options: Pick<CarbonFootprintOptions, 'gwpSetId' | 'biogenicApproach'> = {},
): Float64Array {
  const set = gwpSet(options.gwpSetId ?? DEFAULT_GWP_SET_ID);
  const approach = options.biogenicApproach ?? '-1/+1';
  if (approach !== '-1/+1' && approach !== '0/0')
    throw new RefdataError(
      'UNKNOWN_BIOGENIC_APPROACH',
      `unknown biogenic approach '${String(approach)}': use '-1/+1' or '0/0'.`,
    );
  let byKey = perColumnTables.get(m);
  if (!byKey) perColumnTables.set(m, (byKey = new Map()));
  const key = `${set.id}|${approach}`;
  const cached = byKey.get(key);
  if (cached) return cached;
  const { rows } = rowInfo(m, flowIndex(db.flows), set);
  const { flags } = columnInfo(m);
  const { B } = m;
  const c = new Float64Array(B.cols);
  for (let j = 0; j < B.cols; j++)
    for (let q = B.columnPointers[j]; q < B.columnPointers[j + 1]; q++) {
      const r = rows[B.rowIndex[q]];
      if (!r) continue;
      const e = r.factor * B.values[q];
      if (countedIn(approach, partOfRow(flags[j], r, e))) c[j] += e;
    }
  byKey.set(key, c);
  return c;
}

/**
 * The weight of every stored entry of B (aligned with `m.B.values`) in the footprint's counted total: the GWP of
 * its row's gas when the part it falls in counts under the approach (a column's dLUC and land-management tags
 * decide the part, as in {@link carbonFootprint}), else 0. Σ_q w[q]·B[q]·s[column(q)] is `split.total` for any
 * scaling s, also when the entries of B are varied (Monte Carlo): which part an entry counts in does not depend
 * on its amount.
 *
 * @example
 * const w = carbonFootprintEntryWeights(calculator.matrices, db, { gwpSetId: 'ipcc-ar6-gwp100' });
 * const target = { id: 'cfp', unit: 'kg CO2e', weights: w }; // a Monte Carlo target (@opencfp/core)
 */
export function carbonFootprintEntryWeights(
  m: LcaMatrices,
  db: Pick<Database, 'flows'>,
  options: Pick<CarbonFootprintOptions, 'gwpSetId' | 'biogenicApproach'> = {},
): Float64Array {
  const set = gwpSet(options.gwpSetId ?? DEFAULT_GWP_SET_ID);
  const approach = options.biogenicApproach ?? '-1/+1';
  if (approach !== '-1/+1' && approach !== '0/0')
    throw new RefdataError(
      'UNKNOWN_BIOGENIC_APPROACH',
      `unknown biogenic approach '${String(approach)}': use '-1/+1' or '0/0'.`,
    );
  const { rows } = rowInfo(m, flowIndex(db.flows), set);
  const { flags } = columnInfo(m);
  const { B } = m;
  const w = new Float64Array(B.nonZeros);
  for (let j = 0; j < B.cols; j++)
    for (let q = B.columnPointers[j]; q < B.columnPointers[j + 1]; q++) {
      const r = rows[B.rowIndex[q]];
      if (r && countedIn(approach, partOfRow(flags[j], r, r.factor * B.values[q]))) w[q] = r.factor;
    }
  return w;
}

const isFlow = (f: Flow | undefined): f is Flow => f !== undefined;
const round = (x: number) => Number(x.toPrecision(6));

function flowNote(
  code: CarbonFootprintNote['code'],
  flows: Flow[],
  result: LciResult,
  message: string,
): CarbonFootprintNote {
  return {
    code,
    message: `${flows.length} flow${flows.length === 1 ? '' : 's'} (${flows
      .slice(0, 5)
      .map((f) => `'${f.name}'`)
      .join(', ')}${flows.length > 5 ? ', …' : ''}) ${message}`,
    flows: flows.map((f) => ({ flowId: f.id, name: f.name, amount: result.total(f.id) })),
  };
}

/** The stage of each process from its `stage:<id>` tag, in the scheme's ids; supply-chain split of s. */
function stages(
  result: LciResult,
  scheme: StageScheme,
  defaultStage: string,
  total: number,
  amountOf: (s: Float64Array) => number,
): StageEntry[] {
  const aliases = STAGE_ALIASES[scheme];
  const stageOfColumn = columnInfo(result.matrices).stages(scheme);
  const parts = result.supplyChainScaling((j) => stageOfColumn[j], aliases[defaultStage] ?? defaultStage);
  const defined = LIFE_CYCLE_STAGES[scheme];
  const out: StageEntry[] = defined.map((d) => ({ ...d, amount: 0, share: 0, outsideScheme: false }));
  for (const [id, s] of parts) {
    let entry = out.find((e) => e.id === id);
    if (!entry) {
      const iso = LIFE_CYCLE_STAGES['iso-14067'].find((d) => d.id === id);
      entry = {
        id,
        name: iso?.name ?? id,
        nameZh: iso?.nameZh ?? (id === 'unassigned' ? '未分配' : id),
        amount: 0,
        share: 0,
        outsideScheme: true,
      };
      out.push(entry);
    }
    entry.amount += amountOf(s);
  }
  for (const e of out) e.share = total === 0 ? 0 : e.amount / total;
  return out;
}

const FOSSIL_CONTENT = /carbon content.*\bfossil|fossil carbon content|化石碳含量/i;
const BIOGENIC_CONTENT =
  /carbon content.*(non-fossil|biogenic)|biogenic carbon content|生物(源)?碳含量|非化石碳含量/i;
const isFossilContent = (name: string) => FOSSIL_CONTENT.test(name) && !BIOGENIC_CONTENT.test(name);
const isBiogenicContent = (name: string) => BIOGENIC_CONTENT.test(name);

/**
 * kg C per unit of the product from the reference exchange's properties (EcoSpold 2 'carbon content, fossil',
 * 'carbon content, non-fossil') or, failing that, the product flow's flow properties with such a name.
 */
function carbonContent(
  result: LciResult,
  db: Pick<Database, 'flows' | 'flowProperties' | 'processes'>,
): { fossil: number | undefined; biogenic: number | undefined } {
  const { processId, productId } = result.demand;
  const process = result.matrices.processes.get(processId) ?? db.processes.find((p) => p.id === processId);
  const exchange =
    process?.exchanges.find((e) => e.flowId === productId && e.isReference) ??
    process?.exchanges.find((e) => e.flowId === productId);
  const flow = db.flows.find((f) => f.id === productId);
  const propertyName = new Map(db.flowProperties.map((p) => [p.id, p.name]));
  const find = (test: (name: string) => boolean) =>
    exchange?.properties?.find((x) => test(x.name))?.amount ??
    flow?.properties.find((x) => test(propertyName.get(x.flowPropertyId) ?? ''))?.factor;
  return { fossil: find(isFossilContent), biogenic: find(isBiogenicContent) };
}

/** A split of zeros, to add to. */
export function emptyCarbonFootprintSplit(): CarbonFootprintSplit {
  return {
    fossilEmissions: 0,
    fossilRemovals: 0,
    biogenicCo2Emissions: 0,
    biogenicNonCo2Emissions: 0,
    biogenicEmissions: 0,
    biogenicRemovals: 0,
    dLuc: 0,
    landManagement: 0,
    aircraft: 0,
    packaging: 0,
    total: 0,
  };
}

/**
 * Sets the sums of a split whose parts are filled in: biogenic emissions, and the total under the approach
 * (0/0 leaves biogenic CO2 emissions and removals out).
 */
export function completeSplit(split: CarbonFootprintSplit, approach: BiogenicApproach): CarbonFootprintSplit {
  split.biogenicEmissions = split.biogenicCo2Emissions + split.biogenicNonCo2Emissions;
  split.total =
    split.fossilEmissions +
    split.fossilRemovals +
    split.biogenicNonCo2Emissions +
    split.dLuc +
    split.landManagement +
    (approach === '-1/+1' ? split.biogenicCo2Emissions + split.biogenicRemovals : 0);
  return split;
}

/**
 * The PACT (v2) quantities of a split, with the product's carbon contents (kg C per declared unit) when known.
 *
 * @example pactFields(cfp.split, { fossil: 0.05, biogenic: undefined }, false).pCfExcludingBiogenic
 */
export function pactFields(
  split: CarbonFootprintSplit,
  content: { fossil: number | undefined; biogenic: number | undefined },
  packagingIncluded: boolean,
): PactCarbonFootprintFields {
  const pCfExcludingBiogenic =
    split.fossilEmissions +
    split.fossilRemovals +
    split.dLuc +
    split.landManagement +
    split.biogenicNonCo2Emissions;
  return {
    pCfExcludingBiogenic,
    pCfIncludingBiogenic: pCfExcludingBiogenic + split.biogenicCo2Emissions + split.biogenicRemovals,
    fossilGhgEmissions: split.fossilEmissions,
    fossilCarbonContent: content.fossil,
    biogenicCarbonContent: content.biogenic,
    biogenicCarbonWithdrawal: content.biogenic === undefined ? undefined : -content.biogenic * C_TO_CO2,
    dLucGhgEmissions: split.dLuc,
    landManagementGhgEmissions: split.landManagement,
    otherBiogenicGhgEmissions: split.biogenicNonCo2Emissions,
    aircraftGhgEmissions: split.aircraft,
    packagingEmissionsIncluded: packagingIncluded,
    packagingGhgEmissions: packagingIncluded ? split.packaging : undefined,
  };
}

const flowIndexes = new WeakMap<readonly Flow[], Map<string, Flow>>();

/** Flows by id, kept per flow list (a database's flows do not change once it is calculated). */
function flowIndex(flows: readonly Flow[]): Map<string, Flow> {
  let index = flowIndexes.get(flows);
  if (!index) {
    index = new Map(flows.map((f) => [f.id, f]));
    flowIndexes.set(flows, index);
  }
  return index;
}

interface RowTable {
  rows: (RowInfo | undefined)[];
  notInSet: Flow[];
  assumed: Flow[];
}

const rowTables = new WeakMap<LcaMatrices, Map<string, RowTable>>();

/** What each row of B is for the footprint under one GWP set; kept per matrices and set. */
function rowInfo(m: LcaMatrices, flowById: ReadonlyMap<string, Flow>, set: GwpSet): RowTable {
  let bySet = rowTables.get(m);
  if (!bySet) {
    bySet = new Map();
    rowTables.set(m, bySet);
  }
  const cached = bySet.get(set.id);
  if (cached) return cached;
  const rows: (RowInfo | undefined)[] = [];
  const notInSet: Flow[] = [];
  const assumed: Flow[] = [];
  for (const id of m.elementaryFlows) {
    const flow = flowById.get(id);
    const g = flow ? mapGreenhouseGas(flow) : undefined;
    if (!flow || !g) {
      rows.push(undefined);
      continue;
    }
    const factor = gwpFactorOf(g, set);
    if (g.compartmentAssumed) assumed.push(flow);
    if (factor === undefined) {
      notInSet.push(flow);
      rows.push(undefined);
      continue;
    }
    let part: RowInfo['part'] = 'fossil';
    if (g.kind === 'uptake') part = 'biogenicRemovals';
    else if (g.kind === 'land-transformation') part = 'dLuc';
    else if (g.kind === 'biogenic')
      part = g.species === 'CO2' ? 'biogenicCo2Emissions' : 'biogenicNonCo2Emissions';
    rows.push({ species: g.species, kind: g.kind, factor, part });
  }
  const table = { rows, notInSet, assumed };
  bySet.set(set.id, table);
  return table;
}

interface ColumnTable {
  /** 1 dLUC, 2 land management, 4 aircraft, 8 packaging. */
  flags: Uint8Array;
  /** 1 for columns of starter datasets. */
  starter: Uint8Array;
  /** The stage of each column in a scheme's ids (undefined: untagged). */
  stages(scheme: StageScheme): (string | undefined)[];
}

const columnTables = new WeakMap<LcaMatrices, ColumnTable>();

/** The tags of each column's process, as flags and stages; kept per matrices. */
function columnInfo(m: LcaMatrices): ColumnTable {
  const cached = columnTables.get(m);
  if (cached) return cached;
  const n = m.products.length;
  const flags = new Uint8Array(n);
  const starter = new Uint8Array(n);
  const raw: (string | undefined)[] = new Array<string | undefined>(n);
  for (let j = 0; j < n; j++) {
    const tags = m.processes.get(m.products[j].processId)?.tags;
    if (!tags || tags.length === 0) continue;
    flags[j] =
      (tags.includes(CFP_TAGS.dLuc) ? 1 : 0) |
      (tags.includes(CFP_TAGS.landManagement) ? 2 : 0) |
      (tags.includes(CFP_TAGS.aircraft) ? 4 : 0) |
      (tags.includes(CFP_TAGS.packaging) ? 8 : 0);
    if (tags.includes(STARTER_DATA_TAG)) starter[j] = 1;
    const stage = tags
      .find((t) => t.startsWith('stage:'))
      ?.slice('stage:'.length)
      .trim();
    if (stage) raw[j] = stage;
  }
  const byScheme = new Map<StageScheme, (string | undefined)[]>();
  const table: ColumnTable = {
    flags,
    starter,
    stages(scheme) {
      let out = byScheme.get(scheme);
      if (!out) {
        const aliases = STAGE_ALIASES[scheme];
        out = raw.map((id) => (id === undefined ? undefined : (aliases[id] ?? id)));
        byScheme.set(scheme, out);
      }
      return out;
    },
  };
  columnTables.set(m, table);
  return table;
}
