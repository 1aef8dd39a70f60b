import { CooMatrix, type CscMatrix } from '@opencfp/linalg';
import {
  ALLOCATION_OPTIONS,
  planAllocation,
  type AllocationOption,
  type AllocationPlan,
} from './allocation.js';
import type { Diagnostic } from './diagnostics.js';

import { InvalidOptionError } from './errors.js';
import type { Database, Exchange, Flow, Process } from './model.js';
import { createAmountEvaluator, type ParameterOverride } from './process-amounts.js';
import { UnitIndex } from './units.js';

/** Which providers product inputs are linked to. */
export type ProviderLinking = 'prefer-defaults' | 'only-defaults' | 'ignore-defaults';

export const PROVIDER_LINKING_OPTIONS: readonly ProviderLinking[] = [
  'prefer-defaults',
  'only-defaults',
  'ignore-defaults',
];

/** Options of the matrix build (and of the calculation, which passes them on). */
export interface BuildOptions {
  /** Default 'as-defined': each process's own default method; processes without one are not allocated. */
  allocation?: AllocationOption;
  /** Default 'prefer-defaults': a default provider named by the data wins; otherwise the search rules apply. */
  providerLinking?: ProviderLinking;
  /** Parameter values replacing those of the database (global, or of one process when `processId` is set). */
  parameters?: ParameterOverride[];
}

/** A column of A: one provided flow of one process (a product output, or a waste input of a treatment). */
export interface ProcessProduct {
  index: number;
  processId: string;
  processName: string;
  flowId: string;
  flowName: string;
  /** A waste-treatment column: its flow is a waste input, its diagonal entry negative, its demand −1. */
  isWaste: boolean;
  /** Name of the reference unit of the flow (what one unit of demand means). */
  unit: string;
}

/** How a linked input found its provider. */
export type LinkKind = 'default' | 'single' | 'location' | 'lowest-id';

/** A product input (or waste output, avoided product, avoided waste) linked to the column that provides it. */
export interface TechLink {
  processId: string;
  exchangeInternalId: number;
  flowId: string;
  /** Column of A that provides the flow. */
  provider: number;
  kind: LinkKind;
  /** Avoided-product / avoided-waste links credit the provider instead of demanding from it. */
  avoided: boolean;
}

/** An elementary flow, a row of B. */
export interface ElementaryRow {
  index: number;
  flowId: string;
  name: string;
  category: string;
  unit: string;
  /**
   * Direction of the flow's first exchange in the database. Characterisation factors of input flows
   * (resources, uptakes) are applied to the extracted amount, as openLCA does.
   */
  isInput: boolean;
}

/** A product input or waste output that no process provides: a row of the cut-off matrix K. */
export interface CutoffRow {
  index: number;
  flowId: string;
  name: string;
  unit: string;
  flowType: 'product' | 'waste' | 'elementary';
}

/**
 * The matrices of a whole database.
 *
 * A s = f (technology: rows and columns are process-products), g = B s (interventions: rows are elementary
 * flows), K s = cut-off totals (rows are unlinked product inputs / waste outputs). Signs: outputs +, inputs −;
 * avoided products +, avoided wastes − (see `docs/calculation.md`).
 */
export interface LcaMatrices {
  /** Columns of A, B and K; rows of A. */
  products: ProcessProduct[];
  /** Rows of B: elementary flow ids. */
  elementaryFlows: string[];
  elementaryRows: ElementaryRow[];
  A: CscMatrix;
  B: CscMatrix;
  /** Rows of K: cut-off flow ids. */
  cutoffFlows: string[];
  cutoffRows: CutoffRow[];
  K: CscMatrix;
  /**
   * Pattern of the non-avoided supply links: entry (i, j) = number of ordinary (not avoided) exchanges through
   * which column j takes product i from column i. Used to tell non-productive loops from credits.
   */
  supplyLinks: CscMatrix;
  /** Columns whose process consumes its own product (a self-loop on the diagonal of A). */
  selfLinked: Uint8Array;
  links: TechLink[];
  diagnostics: Diagnostic[];
  /** Options the matrices were built with, defaults filled in. */
  options: Required<Omit<BuildOptions, 'parameters'>> & { parameters: ParameterOverride[] };
  units: UnitIndex;
  processes: ReadonlyMap<string, Process>;
  /** Column of a (processId, flowId) pair. */
  column(processId: string, flowId: string): number | undefined;
  /** Columns of one process, in exchange order. */
  columnsOf(processId: string): readonly number[];
}

type Role = 'provider' | 'linked' | 'elementary';

/**
 * Told every amount the build enters into A, B or K: which exchange (of which process, at which evaluated amount
 * in its own unit) made which entry with which value (converted, signed, allocated). Entries of one position add
 * up. The Monte Carlo run uses it to vary the entries with their exchanges' distributions.
 */
export type MatrixEntryTracer = (
  matrix: 'A' | 'B' | 'K',
  row: number,
  column: number,
  value: number,
  process: Process,
  exchange: Exchange,
  amount: number,
) => void;

/** An exchange ready for the matrices: flow known, amount evaluated, converted and signed. */
interface Prepared {
  exchange: Exchange;
  flow: Flow;
  role: Role;
  /** Signed amount in the flow's reference unit, before allocation. */
  value: number;
  avoided: boolean;
  /** The evaluated amount in the exchange's own unit. */
  amount: number;
}

const key = (processId: string, flowId: string): string => `${processId}\u0000${flowId}`;

/**
 * Builds A, B and K for every process of the database: every product output and waste input is a column.
 * Runs in O(exchanges) with hash maps; nothing is dropped silently (see `diagnostics`).
 *
 * @example
 * const m = buildMatrices(db, { allocation: 'physical' });
 * m.products.length; // columns of A (USLCI: 1,022)
 * m.A.get(m.column('p-steel', 'f-steel')!, m.column('p-steel', 'f-steel')!); // 1
 */
export function buildMatrices(
  db: Database,
  options: BuildOptions = {},
  tracer?: MatrixEntryTracer,
): LcaMatrices {
  const allocation = options.allocation ?? 'as-defined';
  const providerLinking = options.providerLinking ?? 'prefer-defaults';
  if (!ALLOCATION_OPTIONS.includes(allocation))
    throw new InvalidOptionError('allocation', allocation, ALLOCATION_OPTIONS);
  if (!PROVIDER_LINKING_OPTIONS.includes(providerLinking))
    throw new InvalidOptionError('providerLinking', providerLinking, PROVIDER_LINKING_OPTIONS);
  const parameters = options.parameters ?? [];

  const diagnostics: Diagnostic[] = [];
  const units = new UnitIndex(db);
  const evaluator = createAmountEvaluator(db, parameters, diagnostics);

  // Pass 1: prepare every exchange and create the columns.
  const processes = new Map<string, Process>();
  const preparedOf = new Map<string, Prepared[]>();
  const products: ProcessProduct[] = [];
  const columnOf = new Map<string, number>();
  const columnsByProcess = new Map<string, number[]>();
  const providersOf = new Map<string, number[]>();
  let exchangeCount = 0;
  for (const process of db.processes) {
    if (processes.has(process.id)) {
      diagnostics.push({
        code: 'DUPLICATE_PROCESS_ID',
        severity: 'error',
        processId: process.id,
        message: `two processes have the id ${process.id}; the second, '${process.name}', was left out. Give every process a unique id.`,
      });
      continue;
    }
    processes.set(process.id, process);
    const amounts = evaluator.amounts(process);
    const prepared: Prepared[] = [];
    const columns: number[] = [];
    process.exchanges.forEach((exchange, x) => {
      const p = prepare(process, exchange, amounts[x], units, diagnostics);
      if (!p) return;
      prepared.push(p);
      if (p.role !== 'provider' || columnOf.has(key(process.id, p.flow.id))) return;
      const index = products.length;
      products.push({
        index,
        processId: process.id,
        processName: process.name,
        flowId: p.flow.id,
        flowName: p.flow.name,
        isWaste: p.flow.type === 'waste',
        unit: units.referenceUnitName(p.flow.id),
      });
      columnOf.set(key(process.id, p.flow.id), index);
      columns.push(index);
      let list = providersOf.get(p.flow.id);
      if (!list) providersOf.set(p.flow.id, (list = []));
      list.push(index);
    });
    exchangeCount += prepared.length;
    preparedOf.set(process.id, prepared);
    columnsByProcess.set(process.id, columns);
    if (columns.length === 0)
      diagnostics.push({
        code: 'PROCESS_WITHOUT_PRODUCT',
        severity: 'info',
        processId: process.id,
        message: `process '${process.name}' has no product output and no waste input, so no other process can use it and it cannot be calculated; give it a reference product if it should be part of the system.`,
      });
  }

  // Pass 2: link, allocate and fill the matrices.
  const n = products.length;
  const a = new CooMatrix(n, n, Math.max(16, exchangeCount));
  const b = new TripletBuffer(Math.max(16, exchangeCount));
  const k = new TripletBuffer(16);
  const supply = new CooMatrix(n, n, Math.max(16, exchangeCount));
  const selfLinked = new Uint8Array(n);
  const elementaryRows: ElementaryRow[] = [];
  const elementaryIndex = new Map<string, number>();
  const cutoffRows: CutoffRow[] = [];
  const cutoffIndex = new Map<string, number>();
  const cutoffConsumers = new Map<string, Set<string>>();
  const links: TechLink[] = [];
  const locationNames = new Map(db.locations.map((l) => [l.id, l.code ?? l.name]));
  const linker = new ProviderLinker(
    products,
    processes,
    providersOf,
    columnOf,
    providerLinking,
    diagnostics,
    locationNames,
  );

  for (const process of processes.values()) {
    const prepared = preparedOf.get(process.id) as Prepared[];
    const columns = columnsByProcess.get(process.id) as number[];
    if (columns.length === 0) continue;
    const coProducts = columns.map((j) => products[j].flowId);
    const plan: AllocationPlan | undefined =
      columns.length > 1
        ? planAllocation(process, coProducts, allocation, diagnostics, evaluator.allocationFactor)
        : undefined;
    for (const p of prepared) {
      if (p.role === 'provider') {
        // The provided flow goes on its own column's diagonal, unallocated; co-products have their own columns.
        const j = columnOf.get(key(process.id, p.flow.id)) as number;
        a.add(j, j, p.value);
        tracer?.('A', j, j, p.value, process, p.exchange, p.amount);
        continue;
      }
      let row: number;
      let target: CooMatrix | TripletBuffer;
      if (p.role === 'elementary') {
        target = b;
        row = elementaryIndex.get(p.flow.id) ?? -1;
        if (row < 0) {
          row = elementaryRows.length;
          elementaryIndex.set(p.flow.id, row);
          elementaryRows.push({
            index: row,
            flowId: p.flow.id,
            name: p.flow.name,
            category: p.flow.category ?? '',
            unit: units.referenceUnitName(p.flow.id),
            isInput: p.exchange.isInput,
          });
        }
      } else {
        const link = linker.link(process, p.exchange, p.avoided);
        if (link) {
          target = a;
          row = link.provider;
          links.push(link);
          for (const j of columns) {
            if (row === j) selfLinked[j] = 1;
            else if (!p.avoided) supply.add(row, j, 1);
          }
        } else {
          target = k;
          row = cutoffIndex.get(p.flow.id) ?? -1;
          if (row < 0) {
            row = cutoffRows.length;
            cutoffIndex.set(p.flow.id, row);
            cutoffRows.push({
              index: row,
              flowId: p.flow.id,
              name: p.flow.name,
              unit: units.referenceUnitName(p.flow.id),
              flowType: p.flow.type,
            });
          }
          let consumers = cutoffConsumers.get(p.flow.id);
          if (!consumers) cutoffConsumers.set(p.flow.id, (consumers = new Set()));
          if (!consumers.has(process.id)) {
            consumers.add(process.id);
            diagnostics.push({
              code: 'CUT_OFF',
              severity: 'info',
              processId: process.id,
              flowId: p.flow.id,
              message: `${describeExchange(p)} '${p.flow.name}' of process '${process.name}' has no provider${providerLinking === 'only-defaults' ? ' (no usable default provider; linking uses only default providers)' : ' in the database'}: it is cut off (left out of the inventory and reported with its supply-chain total). Add a process that provides it to include it.`,
              details: { flowType: p.flow.type },
            });
          }
        }
      }
      for (let c = 0; c < columns.length; c++) {
        const value = plan ? p.value * plan.factor(c, p.exchange) : p.value;
        target.add(row, columns[c], value);
        tracer?.(
          target === a ? 'A' : target === b ? 'B' : 'K',
          row,
          columns[c],
          value,
          process,
          p.exchange,
          p.amount,
        );
      }
    }
    if (plan) diagnostics.push(...plan.finish());
  }

  const A = a.toCsc();
  const B = b.toCsc(elementaryRows.length, n);
  const K = k.toCsc(cutoffRows.length, n);
  const supplyLinks = supply.toCsc();
  return {
    products,
    elementaryFlows: elementaryRows.map((r) => r.flowId),
    elementaryRows,
    A,
    B,
    cutoffFlows: cutoffRows.map((r) => r.flowId),
    cutoffRows,
    K,
    supplyLinks,
    selfLinked,
    links,
    diagnostics,
    options: { allocation, providerLinking, parameters },
    units,
    processes,
    column: (processId, flowId) => columnOf.get(key(processId, flowId)),
    columnsOf: (processId) => columnsByProcess.get(processId) ?? [],
  };
}

/** Flow lookup, unit conversion, role and sign of one exchange; undefined (and reported) when unusable. */
function prepare(
  process: Process,
  exchange: Exchange,
  amount: number,
  units: UnitIndex,
  diagnostics: Diagnostic[],
): Prepared | undefined {
  const flow = units.flow(exchange.flowId);
  if (!flow) {
    diagnostics.push({
      code: 'UNKNOWN_FLOW',
      severity: 'error',
      processId: process.id,
      flowId: exchange.flowId,
      message: `exchange ${exchange.internalId} of process '${process.name}' refers to flow ${exchange.flowId}, which is not in the database; the exchange was skipped. Import the flow.`,
      details: { exchangeInternalId: exchange.internalId },
    });
    return undefined;
  }
  const factor = units.conversionFactor(flow, exchange.unitId, exchange.flowPropertyId);
  if (typeof factor !== 'number') {
    diagnostics.push({
      code: factor.code,
      severity: 'error',
      processId: process.id,
      flowId: flow.id,
      message: `exchange ${exchange.internalId} ('${flow.name}') of process '${process.name}' was skipped: ${factor.message}`,
      details: {
        exchangeInternalId: exchange.internalId,
        unitId: exchange.unitId,
        flowPropertyId: exchange.flowPropertyId,
      },
    });
    return undefined;
  }
  const x = amount * factor;
  const avoided = exchange.isAvoided && flow.type !== 'elementary';
  let role: Role;
  let value: number;
  if (flow.type === 'elementary') {
    // B: + release to the environment, − extraction from it.
    role = 'elementary';
    value = exchange.isInput ? -x : x;
  } else if (flow.type === 'product') {
    // Avoided products are linked like inputs but credited (+), whichever direction the source stored them in.
    role = !avoided && !exchange.isInput ? 'provider' : 'linked';
    value = avoided ? x : exchange.isInput ? -x : x;
  } else {
    // Waste: a waste input is the treatment's provided flow (−), a waste output demands treatment (+);
    // an avoided waste is linked like a waste output but entered as −.
    role = !avoided && exchange.isInput ? 'provider' : 'linked';
    value = avoided ? -x : exchange.isInput ? -x : x;
  }
  return { exchange, flow, role, value, avoided, amount };
}

function describeExchange(p: Prepared): string {
  if (p.avoided) return p.flow.type === 'waste' ? 'avoided waste' : 'avoided product';
  return p.flow.type === 'waste' ? 'waste output' : 'product input';
}

/** Triplets of a matrix whose row count is known only at the end (B and K grow a row per new flow). */
class TripletBuffer {
  private rows: Int32Array;
  private cols: Int32Array;
  private values: Float64Array;
  private count = 0;

  constructor(capacity: number) {
    this.rows = new Int32Array(capacity);
    this.cols = new Int32Array(capacity);
    this.values = new Float64Array(capacity);
  }

  add(i: number, j: number, v: number): void {
    if (this.count === this.rows.length) {
      const c = this.rows.length * 2;
      const r = new Int32Array(c);
      r.set(this.rows);
      const k = new Int32Array(c);
      k.set(this.cols);
      const x = new Float64Array(c);
      x.set(this.values);
      this.rows = r;
      this.cols = k;
      this.values = x;
    }
    this.rows[this.count] = i;
    this.cols[this.count] = j;
    this.values[this.count] = v;
    this.count++;
  }

  toCsc(rows: number, cols: number): CscMatrix {
    const coo = new CooMatrix(rows, cols, Math.max(1, this.count));
    for (let q = 0; q < this.count; q++) coo.add(this.rows[q], this.cols[q], this.values[q]);
    return coo.toCsc();
  }
}

/** Provider search for linked exchanges; keeps the diagnostics of multi-provider choices, once per choice. */
class ProviderLinker {
  private readonly reported = new Set<string>();

  constructor(
    private readonly products: readonly ProcessProduct[],
    private readonly processes: ReadonlyMap<string, Process>,
    private readonly providersOf: ReadonlyMap<string, number[]>,
    private readonly columnOf: ReadonlyMap<string, number>,
    private readonly mode: ProviderLinking,
    private readonly diagnostics: Diagnostic[],
    private readonly locationNames: ReadonlyMap<string, string>,
  ) {}

  link(process: Process, e: Exchange, avoided: boolean): TechLink | undefined {
    const make = (provider: number, kind: LinkKind): TechLink => ({
      processId: process.id,
      exchangeInternalId: e.internalId,
      flowId: e.flowId,
      provider,
      kind,
      avoided,
    });
    if (this.mode !== 'ignore-defaults' && e.defaultProviderId) {
      const j = this.columnOf.get(key(e.defaultProviderId, e.flowId));
      if (j !== undefined) return make(j, 'default');
      this.diagnostics.push({
        code: 'DEFAULT_PROVIDER_NOT_FOUND',
        severity: 'warning',
        processId: process.id,
        flowId: e.flowId,
        message: `the default provider ${e.defaultProviderId} of exchange ${e.internalId} of process '${process.name}' ${this.processes.has(e.defaultProviderId) ? `does not provide flow ${e.flowId}` : 'is not in the database'}; ${this.mode === 'only-defaults' ? 'the input is cut off' : 'the provider was searched for instead'}. Fix or remove the default provider.`,
        details: { exchangeInternalId: e.internalId, defaultProviderId: e.defaultProviderId },
      });
      if (this.mode === 'only-defaults') return undefined;
    } else if (this.mode === 'only-defaults') return undefined;

    const candidates = this.providersOf.get(e.flowId);
    if (!candidates || candidates.length === 0) return undefined;
    if (candidates.length === 1) return make(candidates[0], 'single');
    // Several providers: same location as the consumer, then the lowest process id, then the lowest flow id.
    const location = e.locationId ?? process.locationId;
    const local =
      location === undefined
        ? []
        : candidates.filter((j) => this.processes.get(this.products[j].processId)?.locationId === location);
    const pool = local.length > 0 ? local : candidates;
    let chosen = pool[0];
    for (const j of pool) if (compareProducts(this.products[j], this.products[chosen]) < 0) chosen = j;
    const kind: LinkKind = local.length === 1 ? 'location' : 'lowest-id';
    const reportKey = `${process.id}\u0000${e.flowId}\u0000${chosen}`;
    if (!this.reported.has(reportKey)) {
      this.reported.add(reportKey);
      const name = (j: number): string => `'${this.products[j].processName}' (${this.products[j].processId})`;
      const place = location === undefined ? undefined : `'${this.locationNames.get(location) ?? location}'`;
      this.diagnostics.push({
        code: 'MULTIPLE_PROVIDERS',
        severity: 'warning',
        processId: process.id,
        flowId: e.flowId,
        message:
          `${candidates.length} processes provide '${this.products[chosen].flowName}' to process '${process.name}'; chose ${name(chosen)} ` +
          (kind === 'location'
            ? `because it is in the consumer's location ${place}`
            : local.length > 1
              ? `as the lowest process id of the ${local.length} in the consumer's location ${place}`
              : `as the lowest process id (none is in the consumer's location${place === undefined ? '' : ` ${place}`})`) +
          '. To choose another, set a default provider on that exchange in the source data.',
        details: {
          chosen: this.products[chosen].processId,
          reason: kind,
          location: location ?? null,
          candidates: candidates.map((j) => ({
            processId: this.products[j].processId,
            processName: this.products[j].processName,
            locationId: this.processes.get(this.products[j].processId)?.locationId ?? null,
          })),
        },
      });
    }
    return make(chosen, kind);
  }
}

function compareProducts(x: ProcessProduct, y: ProcessProduct): number {
  if (x.processId !== y.processId) return x.processId < y.processId ? -1 : 1;
  if (x.flowId !== y.flowId) return x.flowId < y.flowId ? -1 : 1;
  return 0;
}
