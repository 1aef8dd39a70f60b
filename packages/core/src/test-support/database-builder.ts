import type {
  AllocationMethod,
  Database,
  Exchange,
  Flow,
  FlowType,
  ImpactFactor,
  Parameter,
  Process,
  UnitGroup,
} from '../model.js';
import { emptyDatabase } from '../model.js';

/** Options of one exchange added with {@link ProcessBuilder}; unit and property default to the flow's reference. */
export interface ExchangeOptions {
  /** Unit id (built-in: kg, g, t, MJ, kWh, m3, l, item). */
  unit?: string;
  /** Flow property id (built-in: mass, energy, volume, items). */
  property?: string;
  formula?: string;
  avoided?: boolean;
  reference?: boolean;
  provider?: string;
  location?: string;
  /** Internal id; default: 1, 2, 3… in the order the exchanges are added. */
  id?: number;
}

export interface FlowOptions {
  name?: string;
  /** Reference flow property; default 'mass'. */
  property?: string;
  category?: string;
  /** Further properties: amount of `property` per one unit of the reference property. */
  factors?: { property: string; factor: number }[];
}

export interface ProcessOptions {
  name?: string;
  location?: string;
  defaultAllocation?: AllocationMethod;
  tags?: string[];
}

/**
 * Builds one process; `end()` returns to the database builder.
 *
 * @example
 * b.process('p-steel').output('steel', 1).input('electricity', 2, { unit: 'kWh' }).output('co2', 0.5).end();
 */
export class ProcessBuilder {
  private nextId = 1;

  constructor(
    private readonly parent: DatabaseBuilder,
    readonly process: Process,
  ) {}

  /** An output: a product made, a waste to treat, or an emission. */
  output(flowId: string, amount: number, options: ExchangeOptions = {}): this {
    return this.exchange(flowId, amount, false, options);
  }

  /** An input: a product used, a waste treated (the treatment's reference), or a resource. */
  input(flowId: string, amount: number, options: ExchangeOptions = {}): this {
    return this.exchange(flowId, amount, true, options);
  }

  private exchange(flowId: string, amount: number, isInput: boolean, o: ExchangeOptions): this {
    const e: Exchange = {
      internalId: o.id ?? this.nextId,
      flowId,
      amount,
      // Filled from the flow by DatabaseBuilder.build() when left out.
      unitId: o.unit ?? '',
      flowPropertyId: o.property ?? '',
      isInput,
      isAvoided: o.avoided ?? false,
      isReference: o.reference ?? false,
    };
    this.nextId = Math.max(this.nextId, e.internalId) + 1;
    if (o.formula !== undefined) e.formula = o.formula;
    if (o.provider !== undefined) e.defaultProviderId = o.provider;
    if (o.location !== undefined) e.locationId = o.location;
    this.process.exchanges.push(e);
    return this;
  }

  /** A process parameter (input parameter, or calculated when `formula` is given). */
  param(name: string, value: number, formula?: string): this {
    const p: Parameter = { name, value, isInput: formula === undefined, scope: 'process' };
    if (formula !== undefined) p.formula = formula;
    this.process.parameters.push(p);
    return this;
  }

  /**
   * An allocation factor. Physical/economic: `productId` gets `value`; causal: also name the exchange by
   * internal id (`exchange`) or by flow (`flow`).
   */
  allocation(
    method: AllocationMethod,
    productId: string,
    value: number,
    target: { exchange?: number; flow?: string; formula?: string } = {},
  ): this {
    this.process.allocationFactors.push({
      method,
      productId,
      value,
      ...(target.exchange !== undefined ? { exchangeInternalId: target.exchange } : {}),
      ...(target.flow !== undefined ? { exchangeFlowId: target.flow } : {}),
      ...(target.formula !== undefined ? { formula: target.formula } : {}),
    });
    return this;
  }

  end(): DatabaseBuilder {
    return this.parent;
  }
}

const group = (id: string, name: string, units: [string, number][]): UnitGroup => ({
  id: `ug-${id}`,
  name,
  units: units.map(([u, factor]) => ({ id: u, name: u, factor })),
  referenceUnitId: units[0][0],
  defaultFlowPropertyId: id,
});

/**
 * A small Database built in code, for tests (here and in other packages). Comes with unit groups and flow
 * properties: mass (kg; g = 0.001, t = 1000), energy (MJ; kWh = 3.6), volume (m3; l = 0.001), items (item).
 * Unit ids are the unit names; flow property ids are 'mass', 'energy', 'volume', 'items'.
 *
 * @example
 * const db = new DatabaseBuilder()
 *   .product('steel').product('electricity', { property: 'energy' }).elementary('co2')
 *   .process('p-steel').output('steel', 1).input('electricity', 2).output('co2', 0.5).end()
 *   .process('p-power').output('electricity', 10).output('co2', 2).end()
 *   .build();
 */
export class DatabaseBuilder {
  private readonly db: Database;

  constructor(name = 'test') {
    this.db = emptyDatabase(name);
    this.db.unitGroups.push(
      group('mass', 'Units of mass', [
        ['kg', 1],
        ['g', 0.001],
        ['t', 1000],
      ]),
      group('energy', 'Units of energy', [
        ['MJ', 1],
        ['kWh', 3.6],
      ]),
      group('volume', 'Units of volume', [
        ['m3', 1],
        ['l', 0.001],
      ]),
      group('items', 'Units of items', [['item', 1]]),
    );
    for (const [id, name] of [
      ['mass', 'Mass'],
      ['energy', 'Energy'],
      ['volume', 'Volume'],
      ['items', 'Number of items'],
    ])
      this.db.flowProperties.push({ id, name, unitGroupId: `ug-${id}` });
  }

  flow(id: string, type: FlowType, o: FlowOptions = {}): this {
    const f: Flow = {
      id,
      name: o.name ?? id,
      type,
      properties: [
        { flowPropertyId: o.property ?? 'mass', factor: 1, isReference: true },
        ...(o.factors ?? []).map((x) => ({
          flowPropertyId: x.property,
          factor: x.factor,
          isReference: false,
        })),
      ],
    };
    if (o.category !== undefined) f.category = o.category;
    else if (type === 'elementary') f.category = 'Elementary flows/air/unspecified';
    this.db.flows.push(f);
    return this;
  }

  product(id: string, o: FlowOptions = {}): this {
    return this.flow(id, 'product', o);
  }

  waste(id: string, o: FlowOptions = {}): this {
    return this.flow(id, 'waste', o);
  }

  elementary(id: string, o: FlowOptions = {}): this {
    return this.flow(id, 'elementary', o);
  }

  location(id: string, name = id): this {
    this.db.locations.push({ id, name, code: id });
    return this;
  }

  /** A global parameter (input parameter, or calculated when `formula` is given). */
  global(name: string, value: number, formula?: string): this {
    const p: Parameter = { name, value, isInput: formula === undefined, scope: 'global' };
    if (formula !== undefined) p.formula = formula;
    this.db.parameters.push(p);
    return this;
  }

  process(id: string, o: ProcessOptions = {}): ProcessBuilder {
    const p: Process = {
      id,
      name: o.name ?? id,
      type: 'unit',
      exchanges: [],
      parameters: [],
      allocationFactors: [],
    };
    if (o.location !== undefined) p.locationId = o.location;
    if (o.defaultAllocation !== undefined) p.defaultAllocation = o.defaultAllocation;
    if (o.tags !== undefined) p.tags = o.tags;
    this.db.processes.push(p);
    return new ProcessBuilder(this, p);
  }

  /**
   * An impact method; each factor is [flowId, value] or [flowId, value, unitId, flowPropertyId] (per that
   * unit of that property).
   */
  method(
    id: string,
    categories: { id: string; name?: string; unit: string; factors: [string, number, string?, string?][] }[],
  ): this {
    this.db.impactMethods.push({
      id,
      name: id,
      categories: categories.map((c) => ({
        id: c.id,
        name: c.name ?? c.id,
        unit: c.unit,
        factors: c.factors.map(([flowId, value, unitId, flowPropertyId]) => {
          const f: ImpactFactor = { flowId, value };
          if (unitId !== undefined) f.unitId = unitId;
          if (flowPropertyId !== undefined) f.flowPropertyId = flowPropertyId;
          return f;
        }),
      })),
    });
    return this;
  }

  /**
   * The database. Exchanges without unit or property get the flow's reference property and its reference unit;
   * a process without a marked reference gets its first product output or waste input marked.
   */
  build(): Database {
    const flows = new Map(this.db.flows.map((f) => [f.id, f]));
    const properties = new Map(this.db.flowProperties.map((p) => [p.id, p]));
    const groups = new Map(this.db.unitGroups.map((g) => [g.id, g]));
    for (const p of this.db.processes) {
      for (const e of p.exchanges) {
        const flow = flows.get(e.flowId);
        const ref = flow?.properties.find((x) => x.isReference);
        if (e.flowPropertyId === '' && ref) e.flowPropertyId = ref.flowPropertyId;
        if (e.unitId === '') {
          const prop = properties.get(e.flowPropertyId);
          const g = prop ? groups.get(prop.unitGroupId) : undefined;
          if (g) e.unitId = g.referenceUnitId;
        }
      }
      if (!p.exchanges.some((e) => e.isReference)) {
        const first = p.exchanges.find((e) => {
          const type = flows.get(e.flowId)?.type;
          return !e.isAvoided && ((type === 'product' && !e.isInput) || (type === 'waste' && e.isInput));
        });
        if (first) first.isReference = true;
      }
    }
    return structuredClone(this.db);
  }
}
