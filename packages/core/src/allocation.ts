import type { Diagnostic } from './diagnostics.js';
import type { AllocationFactor, AllocationMethod, Exchange, Process } from './model.js';

/** How co-products share a process's burden: each process's own default, one method for all, or none. */
export type AllocationOption = 'as-defined' | AllocationMethod | 'none';

export const ALLOCATION_OPTIONS: readonly AllocationOption[] = [
  'as-defined',
  'physical',
  'economic',
  'causal',
  'none',
];

/**
 * Allocation factors of one multi-output process: `factor(c, exchange)` is the share of `exchange` given to
 * co-product `c` (an index into `coProducts`). A missing factor counts as 1 and is reported once per
 * co-product; a process without an applicable method gives every co-product the full burden (reported).
 */
export interface AllocationPlan {
  readonly method: AllocationMethod | undefined;
  factor(coProduct: number, exchange: Exchange): number;
  /** Diagnostics about missing factors found by the `factor` calls so far; call once, after them. */
  finish(): Diagnostic[];
}

/** Evaluates an allocation factor's formula in its process's parameter scope; undefined keeps `value`. */
export type FactorFormulaEvaluator = (process: Process, factor: AllocationFactor) => number | undefined;

const UNALLOCATED: AllocationPlan = { method: undefined, factor: () => 1, finish: () => [] };

/**
 * Plans the allocation of a process with several co-products (`coProducts`: provided flow ids, in column
 * order). Processes with one product are never allocated; don't call this for them.
 *
 * @example
 * const plan = planAllocation(process, ['steel', 'slag'], 'physical', diagnostics);
 * plan.factor(0, exchange); // share of `exchange` given to steel, e.g. 0.8
 */
export function planAllocation(
  process: Process,
  coProducts: readonly string[],
  option: AllocationOption,
  diagnostics: Diagnostic[],
  evaluate?: FactorFormulaEvaluator,
): AllocationPlan {
  const method = option === 'as-defined' ? process.defaultAllocation : option === 'none' ? undefined : option;
  const factors = method ? process.allocationFactors.filter((f) => f.method === method) : [];
  if (!method || factors.length === 0) {
    diagnostics.push({
      code: 'UNALLOCATED_COPRODUCTS',
      severity: option === 'none' ? 'info' : 'warning',
      processId: process.id,
      message:
        `process '${process.name}' has ${coProducts.length} co-products and ` +
        (option === 'none'
          ? 'allocation is switched off'
          : !method
            ? 'no default allocation method'
            : `no ${method} allocation factors`) +
        ': each co-product carries the full burden of the process (burdens are counted once per co-product). ' +
        'Choose an allocation method the process has factors for, or add allocation factors to the process.',
      details: { coProducts: [...coProducts], method: method ?? null, option },
    });
    return UNALLOCATED;
  }
  const value = (f: AllocationFactor): number => {
    if (f.formula !== undefined && f.formula.trim() !== '' && evaluate) {
      const v = evaluate(process, f);
      if (v !== undefined) return v;
    }
    return f.value;
  };
  return method === 'causal'
    ? causalPlan(process, coProducts, factors, value)
    : productPlan(process, coProducts, method, factors, value);
}

/** Physical and economic: one factor per co-product, applied to every non-provider exchange. */
function productPlan(
  process: Process,
  coProducts: readonly string[],
  method: AllocationMethod,
  factors: AllocationFactor[],
  value: (f: AllocationFactor) => number,
): AllocationPlan {
  const byProduct = new Map<string, number>();
  for (const f of factors) if (!byProduct.has(f.productId)) byProduct.set(f.productId, value(f));
  const shares = coProducts.map((p) => byProduct.get(p));
  return {
    method,
    factor: (c) => shares[c] ?? 1,
    finish() {
      const out: Diagnostic[] = [];
      let sum = 0;
      shares.forEach((share, c) => {
        if (share === undefined)
          out.push({
            code: 'ALLOCATION_FACTOR_MISSING',
            severity: 'warning',
            processId: process.id,
            flowId: coProducts[c],
            message: `process '${process.name}' has no ${method} allocation factor for co-product ${coProducts[c]}; it was counted as 1.0 (the full burden). Add the factor to the process.`,
            details: { method, productId: coProducts[c] },
          });
        else sum += share;
      });
      if (out.length === 0 && Math.abs(sum - 1) > 1e-6)
        out.push({
          code: 'ALLOCATION_FACTORS_SUM',
          severity: 'warning',
          processId: process.id,
          message: `the ${method} allocation factors of process '${process.name}' sum to ${sum}, not 1: the co-products together carry ${sum < 1 ? 'less' : 'more'} than the process's burden. Check the factors.`,
          details: { method, sum },
        });
      return out;
    },
  };
}

/** Causal: a factor per (co-product, exchange), by exchange internal id or, failing that, by flow id. */
function causalPlan(
  process: Process,
  coProducts: readonly string[],
  factors: AllocationFactor[],
  value: (f: AllocationFactor) => number,
): AllocationPlan {
  const byExchange = new Map<string, number>();
  const byFlow = new Map<string, number>();
  for (const f of factors) {
    if (f.exchangeInternalId !== undefined) {
      const k = `${f.productId}\u0000${f.exchangeInternalId}`;
      if (!byExchange.has(k)) byExchange.set(k, value(f));
    } else if (f.exchangeFlowId !== undefined) {
      const k = `${f.productId}\u0000${f.exchangeFlowId}`;
      if (!byFlow.has(k)) byFlow.set(k, value(f));
    }
  }
  // missing[c]: exchanges without a factor for co-product c
  const missing: Exchange[][] = coProducts.map(() => []);
  return {
    method: 'causal',
    factor(c, e) {
      const p = coProducts[c];
      const v = byExchange.get(`${p}\u0000${e.internalId}`) ?? byFlow.get(`${p}\u0000${e.flowId}`);
      if (v !== undefined) return v;
      missing[c].push(e);
      return 1;
    },
    finish() {
      const out: Diagnostic[] = [];
      missing.forEach((list, c) => {
        if (list.length === 0) return;
        out.push({
          code: 'ALLOCATION_FACTOR_MISSING',
          severity: 'warning',
          processId: process.id,
          flowId: coProducts[c],
          message: `process '${process.name}' has no causal allocation factor for co-product ${coProducts[c]} on ${list.length} exchange${list.length === 1 ? '' : 's'}; ${list.length === 1 ? 'it was' : 'they were'} counted as 1.0 (the full amount). Add the factors to the process.`,
          details: {
            method: 'causal',
            productId: coProducts[c],
            exchanges: list.slice(0, 50).map((e) => ({ internalId: e.internalId, flowId: e.flowId })),
          },
        });
      });
      return out;
    },
  };
}
