import type {
  AllocationFactor,
  Database,
  Exchange,
  ExchangeProperty,
  Flow,
  Location,
  Parameter,
  Process,
  Uncertainty,
} from '@opencfp/core';
import { PEDIGREE_INDICATORS, pedigreeUncertainty, type PedigreeScore } from '@opencfp/core';
import { generateTechnosphere, Random } from '@opencfp/linalg';
import { guessNomenclature } from './guess-nomenclature.js';
import { syntheticBiosphere, type SyntheticElementaryFlow } from './synthetic-biosphere.js';
import { syntheticId } from './synthetic-ids.js';
import {
  CO_PRODUCTS,
  COMMENT_PARTS,
  GEOGRAPHIES,
  HUBS,
  SECTORS,
  WASTE_ISIC,
  WASTES,
  type SyntheticSector,
} from './synthetic-technosphere.js';
import { unitCatalogue, type UnitMatch } from './unit-catalogue.js';

/** Size and seed of a synthetic database; the defaults are the size of ecoinvent 3. */
export interface SyntheticDatabaseOptions {
  /** Number of activities (processes). Default 20,000. */
  activities?: number;
  /**
   * Average number of exchanges per activity besides the reference product: half technosphere inputs (and
   * waste outputs), half elementary exchanges. Default 30.
   */
  exchangesPerActivity?: number;
  /** Number of elementary flows. Default 4,000. */
  biosphere?: number;
  /** Seed of the pseudo-random generator: equal options give identical databases. Default 42. */
  seed?: number;
}

/** One product (or waste) flow and the activities that make (or treat) it. */
interface Family {
  flow: Flow;
  unit: UnitMatch;
  isic: string;
  geographies: Set<number>;
  properties: ExchangeProperty[];
  /** Price per unit of `unit` (EUR2005). */
  price: number;
}

type Role = 'hub' | 'plain' | 'multi' | 'waste';

interface Plan {
  role: Role;
  family: Family;
  geography: number;
  coProduct?: Family;
  /** Co-product amount per unit of the reference product, in the co-product's unit. */
  coAmount: number;
}

// Shares among the activities that are not hubs.
const WASTE_SHARE = 0.03;
const MULTI_OUTPUT_SHARE = 0.05;
/** Chance that a plain activity makes a product another activity (in another geography) also makes. */
const SHARED_PRODUCT_SHARE = 0.2;
/** Activities with parameters, and the share of their exchanges whose amount is a formula of them. */
const PARAMETER_SHARE = 0.05;
const FORMULA_SHARE = 0.2;
/** Chance that a consumer of an energy product states it in the other energy unit (kWh ↔ MJ). */
const OTHER_ENERGY_UNIT_SHARE = 0.3;
/** Chance that a consumer of a multi-output activity takes its co-product. */
const CO_PRODUCT_USE_SHARE = 0.4;
const HUB_SHARE = 0.005;
const BIOSPHERE_ZIPF = 1.1;

const BASIC_VARIANCE = [0.0006, 0.04, 0.12, 0.3];
const EXCHANGE_COMMENTS = [
  'Literature value.',
  'Calculated from the mass balance of the process.',
  'Estimated from similar plants.',
  'Measured on site, average of three years.',
  'Extrapolated from the European average.',
];

/**
 * A synthetic database at the scale and with the structure of ecoinvent 3, deterministic by seed: for
 * benchmarks of readers, writers and the calculation, and for tests that need a large, realistic, solvable
 * database.
 *
 * - The technosphere is `generateTechnosphere`'s (one large supply loop with sector-neighbour links and a few
 *   power-law hubs). The most used providers become markets of electricity, transport, heat and fuels (in kWh,
 *   tkm, MJ, m3, kg), the same product made by several of them in different geographies; 20 % of the other
 *   products also have producers in several geographies. Every input names its provider (default provider).
 * - About 3 % of the activities treat a waste (their reference is a waste input; their consumers have waste
 *   outputs) and 5 % have a co-product, with 'price' properties and economic allocation factors (physical ones
 *   too when both products are in kg, from their 'wet mass').
 * - 30 % of the consumers of an energy product state it in the other energy unit (kWh ↔ MJ), so unit
 *   conversion matters for the results.
 * - Elementary exchanges come from a biosphere of `biosphere` flows (`syntheticBiosphere`), picked by a power
 *   law, every flow used at least once when there are enough exchanges.
 * - 5 % of the activities have two parameters (one input, one calculated) and a fifth of their exchanges are
 *   formulas of them (about 1 % of all exchanges); most exchanges have a lognormal distribution with pedigree
 *   scores, a few normal, triangular or uniform ones.
 * - Productive: the inputs of every column of the (allocated) technology matrix, in reference units, sum to
 *   at most 0.5 of its output, so every product of every activity solves.
 *
 * Ids are name-based UUIDs of the seed and index; units are those of the shared unit catalogue, so EcoSpold 2
 * read back gives the same unit ids.
 *
 * @example
 * const db = generateSyntheticDatabase({ activities: 200, seed: 7 });
 * new Calculator(db).calculate({ processId: db.processes[0].id });
 */
export function generateSyntheticDatabase(options: SyntheticDatabaseOptions = {}): Database {
  const n = Math.max(1, Math.floor(options.activities ?? 20000));
  const perActivity = Math.max(2, options.exchangesPerActivity ?? 30);
  const biosphereSize = Math.max(1, Math.floor(options.biosphere ?? 4000));
  const seed = options.seed ?? 42;
  const inputsPerActivity = perActivity / 2;
  const elementaryPerActivity = perActivity - inputsPerActivity;

  const A = generateTechnosphere({
    n,
    inputsPerColumn: inputsPerActivity,
    loopSize: Math.floor(n / 2),
    seed,
  });
  // A stream of its own: the technosphere generator started from the same seed.
  const rng = new Random(seed).fork();
  const biosphere = syntheticBiosphere(biosphereSize, seed, rng);
  const biosphereCdf = zipfTable(biosphere.length, BIOSPHERE_ZIPF);

  const plans = planActivities(A.columnPointers, A.rowIndex, n, seed, rng);

  const locations = new Map<number, Location>();
  const locationOf = (g: number): string => {
    let l = locations.get(g);
    if (!l) {
      const [code, name] = GEOGRAPHIES[g];
      l = { id: syntheticId(seed, 'geography', code), name, code };
      locations.set(g, l);
    }
    return l.id;
  };
  const processId = (j: number): string => syntheticId(seed, 'activity', j);
  const energyGroup = unit('MJ').groupId;
  const kWh = unit('kWh');
  const MJ = unit('MJ');

  const processes: Process[] = [];
  for (let j = 0; j < n; j++) {
    const plan = plans[j];
    const ref = plan.family;
    const exchanges: Exchange[] = [];
    const add = (e: Omit<Exchange, 'internalId'>): Exchange => {
      const exchange: Exchange = { internalId: exchanges.length + 1, ...e };
      exchanges.push(exchange);
      return exchange;
    };
    // The reference: one unit of the product, or for a treatment one unit of waste taken in.
    add({
      flowId: ref.flow.id,
      amount: 1,
      unitId: ref.unit.unitId,
      flowPropertyId: ref.unit.flowPropertyId,
      isInput: plan.role === 'waste',
      isAvoided: false,
      isReference: true,
      ...(plan.role === 'waste'
        ? {}
        : { properties: ref.properties, productionVolume: productionVolume(rng) }),
    });
    const d1 = ref.unit.factor;
    let scale = 1;
    const allocationFactors: AllocationFactor[] = [];
    if (plan.coProduct) {
      const co = plan.coProduct;
      const a2 = plan.coAmount;
      add({
        flowId: co.flow.id,
        amount: a2,
        unitId: co.unit.unitId,
        flowPropertyId: co.unit.flowPropertyId,
        isInput: false,
        isAvoided: false,
        isReference: false,
        properties: co.properties,
        productionVolume: productionVolume(rng),
      });
      // Computed as the EcoSpold 2 reader derives them from amount × price, so both agree to the last bit.
      const economic = shares([ref.price, a2 * co.price]);
      allocationFactors.push(
        { method: 'economic', productId: ref.flow.id, value: economic[0] },
        { method: 'economic', productId: co.flow.id, value: economic[1] },
      );
      if (hasMass(ref) && hasMass(co)) {
        const physical = shares([1, a2]);
        allocationFactors.push(
          { method: 'physical', productId: ref.flow.id, value: physical[0] },
          { method: 'physical', productId: co.flow.id, value: physical[1] },
        );
      }
      // Column k of the allocated matrix has inputs × f_k over an output d_k: keep f_k / d_k ≤ 1 / d_1.
      const d2 = a2 * co.unit.factor;
      scale = Math.min(1, d2 / (d1 * economic[1]));
    }

    // Technosphere: column j of A, coefficients in reference units per reference unit of output.
    for (let q = A.columnPointers[j]; q < A.columnPointers[j + 1]; q++) {
      const i = A.rowIndex[q];
      if (i === j) continue;
      const provider = plans[i];
      const family =
        provider.coProduct && rng.next() < CO_PRODUCT_USE_SHARE ? provider.coProduct : provider.family;
      let u = family.unit;
      if (u.groupId === energyGroup && rng.next() < OTHER_ENERGY_UNIT_SHARE)
        u = u.unitId === kWh.unitId ? MJ : kWh;
      const amountRef = -A.values[q] * d1 * scale;
      const isWaste = provider.role === 'waste';
      add({
        flowId: family.flow.id,
        amount: amountRef / u.factor,
        unitId: u.unitId,
        flowPropertyId: u.flowPropertyId,
        isInput: !isWaste,
        isAvoided: false,
        isReference: false,
        defaultProviderId: processId(i),
        ...(isWaste ? {} : { properties: family.properties }),
      });
    }

    // Elementary exchanges: one flow in turn (so all are used), the others by a power law.
    const wanted = Math.max(1, Math.round(elementaryPerActivity * (0.5 + rng.next())));
    const picked = new Set<number>([j % biosphere.length]);
    for (let attempt = 0; picked.size < Math.min(wanted, biosphere.length) && attempt < 4 * wanted; attempt++)
      picked.add(pick(biosphereCdf, rng));
    for (const b of picked) {
      const e: SyntheticElementaryFlow = biosphere[b];
      add({
        flowId: e.flow.id,
        amount: e.scale * Math.exp(rng.normal()) * d1,
        unitId: e.unit.unitId,
        flowPropertyId: e.unit.flowPropertyId,
        isInput: e.isResource,
        isAvoided: false,
        isReference: false,
      });
    }

    // Formulas only on inputs and elementary flows: the products' amounts fix the allocation factors.
    const parameters =
      rng.next() < PARAMETER_SHARE ? parameterize(exchanges.slice(plan.coProduct ? 2 : 1), rng) : [];
    for (const e of exchanges) if (!e.isReference) describeExchange(e, rng);

    const process: Process = {
      id: processId(j),
      name: processName(plan),
      category: plan.family.isic,
      description: comment(plan, rng),
      locationId: locationOf(plan.geography),
      type: 'unit',
      exchanges,
      parameters,
      allocationFactors,
    };
    if (allocationFactors.length > 0) process.defaultAllocation = 'economic';
    processes.push(process);
  }

  const families = new Set<Family>();
  for (const p of plans) {
    families.add(p.family);
    if (p.coProduct) families.add(p.coProduct);
  }
  const flows: Flow[] = [...families].map((f) => f.flow);
  const elementary = biosphere.map((b) => b.flow);
  const nomenclatures = guessNomenclature(elementary.map((f) => f.category));
  elementary.forEach((f, i) => (f.nomenclature = nomenclatures[i]));
  flows.push(...elementary);

  const groups = new Set<string>([...families].map((f) => f.unit.groupId));
  for (const b of biosphere) groups.add(b.unit.groupId);
  const { unitGroups, flowProperties } = unitCatalogue.build(groups);
  return {
    name: `synthetic ecoinvent-like database (${n} activities, seed ${seed})`,
    unitGroups,
    flowProperties,
    flows,
    processes,
    locations: [...locations.entries()].sort((a, b) => a[0] - b[0]).map(([, l]) => l),
    parameters: [],
    impactMethods: [],
    sources: [{ id: syntheticId(seed, 'source', 0), name: 'OpenCFP synthetic data', year: 2024 }],
    actors: [{ id: syntheticId(seed, 'actor', 0), name: 'OpenCFP synthetic database generator' }],
  };
}

/** Roles, products and geographies of all activities. */
function planActivities(
  colPtr: Int32Array,
  rowIndex: Int32Array,
  n: number,
  seed: number,
  rng: Random,
): Plan[] {
  // Popularity of each provider: how many activities take an input from it.
  const uses = new Int32Array(n);
  for (let j = 0; j < n; j++)
    for (let q = colPtr[j]; q < colPtr[j + 1]; q++) if (rowIndex[q] !== j) uses[rowIndex[q]]++;
  const hubCount = Math.max(1, Math.round(HUB_SHARE * n));
  const byUse = Array.from({ length: n }, (_, i) => i).sort((a, b) => uses[b] - uses[a] || a - b);
  const hubRank = new Int32Array(n).fill(-1);
  for (let r = 0; r < hubCount; r++) hubRank[byUse[r]] = r;

  let productCount = 0;
  const newFamily = (name: string, unitName: string, isic: string, type: 'product' | 'waste'): Family => {
    const u = unit(unitName);
    const flow: Flow = {
      id: syntheticId(seed, type, productCount++),
      name,
      type,
      category: isic,
      properties: [{ flowPropertyId: u.flowPropertyId, factor: 1, isReference: true }],
    };
    const price = type === 'waste' ? 0 : Math.exp(rng.normal(-0.5, 1));
    const properties: ExchangeProperty[] =
      type === 'waste' ? [] : [{ name: 'price', amount: price, unit: 'EUR2005' }];
    if (type === 'product' && unitName === 'kg') {
      const water = rng.next() < 0.7 ? 0 : Math.round(rng.next() * 500) / 1000;
      properties.push(
        { name: 'dry mass', amount: 1 - water, unit: 'kg' },
        { name: 'wet mass', amount: 1, unit: 'kg' },
        { name: 'water content', amount: water / (1 - water), unit: 'dimensionless' },
        {
          name: 'carbon content, fossil',
          amount: Math.round(rng.next() * 800) / 1000,
          unit: 'dimensionless',
        },
      );
    }
    return { flow, unit: u, isic, geographies: new Set(), properties, price };
  };

  const hubFamilies = new Map<number, Family>();
  const sectorFamilies = new Map<SyntheticSector, Family[]>();
  const variants = new Map<string, number>();
  const variantName = (stem: string): string => {
    const v = (variants.get(stem) ?? 0) + 1;
    variants.set(stem, v);
    return v === 1 ? stem : `${stem}, variant ${v}`;
  };
  const wasteFamilies: Family[] = [];
  const sectorWeights = cumulative(SECTORS.map((s) => s.weight));
  const geographyWeights = cumulative(GEOGRAPHIES.map((g) => g[2]));

  const plans: Plan[] = new Array<Plan>(n);
  for (let j = 0; j < n; j++) {
    const r = hubRank[j];
    if (r >= 0) {
      const h = r % HUBS.length;
      let family = hubFamilies.get(h);
      if (!family) {
        family = newFamily(HUBS[h].product, HUBS[h].unit, HUBS[h].isic, 'product');
        hubFamilies.set(h, family);
      }
      const geography = Math.floor(r / HUBS.length) % GEOGRAPHIES.length;
      family.geographies.add(geography);
      plans[j] = { role: 'hub', family, geography, coAmount: 0 };
      continue;
    }
    let geography = pick(geographyWeights, rng);
    const u = rng.next();
    if (u < WASTE_SHARE) {
      const w = WASTES[rng.int(WASTES.length)];
      let family =
        rng.next() < 0.4
          ? wasteFamilies.find((f) => f.flow.name.startsWith(w.waste) && !f.geographies.has(geography))
          : undefined;
      if (!family) {
        family = newFamily(variantName(w.waste), w.unit, WASTE_ISIC, 'waste');
        wasteFamilies.push(family);
      }
      family.geographies.add(geography);
      plans[j] = { role: 'waste', family, geography, coAmount: 0 };
      continue;
    }
    const sector = SECTORS[pick(sectorWeights, rng)];
    const stem = sector.products[rng.int(sector.products.length)];
    if (u < WASTE_SHARE + MULTI_OUTPUT_SHARE) {
      const family = newFamily(variantName(stem), sector.unit, sector.isic, 'product');
      const c = CO_PRODUCTS[rng.int(CO_PRODUCTS.length)];
      const coProduct = newFamily(variantName(`${c.name}, from ${stem}`), c.unit, sector.isic, 'product');
      family.geographies.add(geography);
      coProduct.geographies.add(geography);
      plans[j] = { role: 'multi', family, geography, coProduct, coAmount: 0.1 + 1.9 * rng.next() };
      continue;
    }
    let list = sectorFamilies.get(sector);
    if (!list) sectorFamilies.set(sector, (list = []));
    let family: Family | undefined;
    if (list.length > 0 && rng.next() < SHARED_PRODUCT_SHARE) {
      const candidate = list[rng.int(list.length)];
      if (candidate.geographies.size < GEOGRAPHIES.length) {
        family = candidate;
        while (family.geographies.has(geography)) geography = (geography + 1) % GEOGRAPHIES.length;
      }
    }
    if (!family) {
      family = newFamily(variantName(stem), sector.unit, sector.isic, 'product');
      list.push(family);
    }
    family.geographies.add(geography);
    plans[j] = { role: 'plain', family, geography, coAmount: 0 };
  }
  return plans;
}

/** Two parameters and formulas for a fifth of `exchanges`; their amounts become the formulas' values. */
function parameterize(exchanges: Exchange[], rng: Random): Parameter[] {
  const efficiency = Math.round((0.5 + 0.45 * rng.next()) * 1e4) / 1e4;
  const loss = 1 - efficiency;
  const parameters: Parameter[] = [
    {
      name: 'efficiency',
      value: efficiency,
      isInput: true,
      scope: 'process',
      description: 'efficiency of the plant',
      uncertainty: { type: 'uniform', min: efficiency * 0.9, max: Math.min(1, efficiency * 1.1) },
    },
    {
      name: 'loss_factor',
      value: loss,
      formula: '1 - efficiency',
      isInput: false,
      scope: 'process',
      description: 'losses',
    },
  ];
  for (const e of exchanges) {
    if (rng.next() >= FORMULA_SHARE) continue;
    const [name, value] = rng.next() < 0.5 ? ['efficiency', efficiency] : ['loss_factor', loss];
    const k = Number((e.amount / value).toPrecision(6));
    e.amount = value * k;
    e.formula = `${name} * ${k}`;
  }
  return parameters;
}

function describeExchange(e: Exchange, rng: Random): void {
  const u = rng.next();
  if (u < 0.9) {
    const scores = PEDIGREE_INDICATORS.map(() => (1 + rng.int(5)) as PedigreeScore);
    const basic = BASIC_VARIANCE[rng.int(BASIC_VARIANCE.length)];
    // σ² = σ_b² + Σ σᵢ² with the ecoinvent v3 variances (core's sourced table).
    const { variance } = pedigreeUncertainty(scores, { variance: basic }, 'ecoinvent-v3');
    const dq = `(${scores.join(';')})`;
    e.uncertainty = {
      type: 'lognormal',
      geometricMean: e.amount,
      geometricSd: Math.exp(Math.sqrt(variance)),
      pedigree: dq,
    };
    e.dqEntry = dq;
  } else if (u < 0.93) {
    const other: Uncertainty[] = [
      { type: 'normal', mean: e.amount, sd: e.amount * 0.1 },
      { type: 'triangular', min: e.amount * 0.8, mode: e.amount, max: e.amount * 1.3 },
      { type: 'uniform', min: e.amount * 0.9, max: e.amount * 1.1 },
    ];
    e.uncertainty = other[rng.int(other.length)];
  }
  if (rng.next() < 0.15) e.description = EXCHANGE_COMMENTS[rng.int(EXCHANGE_COMMENTS.length)];
}

function processName(plan: Plan): string {
  const product = plan.family.flow.name;
  switch (plan.role) {
    case 'hub':
      return `market for ${product}`;
    case 'waste':
      return `treatment of ${product}, ${WASTES.find((w) => product.startsWith(w.waste))?.treatment ?? 'treatment'}`;
    case 'multi':
      return `${product} production, with ${plan.coProduct?.flow.name ?? 'co-product'}`;
    default:
      return `${product} production`;
  }
}

function comment(plan: Plan, rng: Random): string {
  const parts = [COMMENT_PARTS[0]];
  const count = 2 + rng.int(4);
  for (let k = 0; k < count; k++) parts.push(COMMENT_PARTS[1 + rng.int(COMMENT_PARTS.length - 1)]);
  return parts.join(' ').replace('{p}', plan.family.flow.name).replace('{g}', GEOGRAPHIES[plan.geography][1]);
}

function productionVolume(rng: Random): number {
  return Math.round(Math.exp(rng.normal(16, 2)));
}

function hasMass(f: Family): boolean {
  return f.properties.some((p) => p.name === 'wet mass');
}

/** Each value over the sum, as the EcoSpold 2 reader computes allocation shares. */
function shares(values: number[]): number[] {
  const total = values.reduce((a, b) => a + b, 0);
  return values.map((v) => v / total);
}

function unit(name: string): UnitMatch {
  const u = unitCatalogue.lookup(name);
  if (!u) throw new Error(`unit ${name} is missing from the unit catalogue`);
  return u;
}

function cumulative(weights: readonly number[]): Float64Array {
  const cdf = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => (cdf[i] = sum += w));
  for (let i = 0; i < cdf.length; i++) cdf[i] /= sum;
  return cdf;
}

function pick(cdf: Float64Array, rng: Random): number {
  const u = rng.next();
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid] <= u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Cumulative weights (r + 1)^−s, normalised to end at 1 (sampled with `pick`). */
function zipfTable(n: number, s: number): Float64Array {
  return cumulative(Array.from({ length: n }, (_, r) => (r + 1) ** -s));
}
