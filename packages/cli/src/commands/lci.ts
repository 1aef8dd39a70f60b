import {
  ALLOCATION_OPTIONS,
  Calculator,
  PROVIDER_LINKING_OPTIONS,
  type AllocationOption,
  type Demand,
  type LciResult,
  type ProviderLinking,
} from '@opencfp/core';
import { csv } from '../csv.js';
import { UsageError } from '../errors.js';
import { loadDatabase } from '../load-database.js';
import type { Command, OptionValues } from './command.js';
import { choiceOption, requiredOption } from './options.js';

/** What `cfp lci` prints per demand (a stable, documented subset of the result). */
export function lciOutput(result: LciResult) {
  const json = result.toJSON();
  return {
    processId: json.processId,
    processName: json.processName,
    productId: json.productId,
    productName: json.productName,
    unit: json.unit,
    amount: json.amount,
    inventory: json.inventory,
    ...(json.impacts ? { impacts: json.impacts } : {}),
    cutoff: json.cutoff,
    diagnostics: json.diagnostics,
    residual: json.residual,
  };
}

/** Calculation options shared by the commands that calculate. */
export function calculationOptions(values: OptionValues) {
  return {
    allocation: choiceOption<AllocationOption>(values, 'allocation', ALLOCATION_OPTIONS, 'as-defined'),
    providerLinking: choiceOption<ProviderLinking>(
      values,
      'providers',
      PROVIDER_LINKING_OPTIONS,
      'prefer-defaults',
    ),
  };
}

/** `cfp lci <database> --process <id>[,<id>…]`: the life-cycle inventory of each demand. */
export const lci: Command = {
  options: {
    strict: { type: 'boolean' },
    process: { type: 'string' },
    product: { type: 'string' },
    allocation: { type: 'string' },
    providers: { type: 'string' },
    format: { type: 'string' },
    method: { type: 'string' },
  },
  async run(positionals, values, out) {
    if (positionals.length !== 1) throw new UsageError('usage: cfp lci <database> --process <id>[,<id>…]');
    const processIds = requiredOption(
      values,
      'process',
      'the id of the process to calculate, or several, comma-separated',
    )
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const format = choiceOption(values, 'format', ['json', 'csv'] as const, 'json');
    const options = calculationOptions(values);
    const productId = typeof values.product === 'string' ? values.product : undefined;
    const { db } = await loadDatabase(positionals[0], out, { strict: values.strict === true });
    const method = typeof values.method === 'string' ? values.method : undefined;
    if (method !== undefined && !db.impactMethods.some((m) => m.id === method))
      throw new UsageError(
        db.impactMethods.length === 0
          ? `--method ${method}: this database has no impact methods (cfp check lists what it holds); for a carbon footprint with an IPCC GWP set use 'cfp calc <database> --process <id> --method ${method}'`
          : `--method ${method}: no such impact method; this database has ${db.impactMethods.map((m) => `'${m.id}' (${m.name})`).join(', ')}`,
      );
    if (productId !== undefined)
      for (const processId of processIds) {
        const p = db.processes.find((x) => x.id === processId);
        if (p && !p.exchanges.some((e) => e.flowId === productId))
          throw new UsageError(
            `--product ${productId}: process '${p.name}' has no such product; 'cfp processes <database> --search' lists the products of each process`,
          );
      }
    const calculator = new Calculator(db, { ...options, impactMethod: method });
    const demands: Demand[] = processIds.map((processId) => ({ processId, productId }));
    const results = calculator.calculateAll(demands).map(lciOutput);
    // Diagnostics are in the JSON; CSV has no room for them, and nobody should miss an error-level one either way.
    for (const r of results) {
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0 || (format === 'csv' && r.diagnostics.length > 0))
        out.stderr(
          `cfp: ${r.processName} / ${r.productName}: ${errors.length} error(s), ` +
            `${r.diagnostics.length - errors.length} other diagnostic(s)` +
            `${errors.length > 0 ? ` — ${[...new Set(errors.map((d) => d.code))].join(', ')}: the result is not meaningful as it stands` : ''}` +
            `${format === 'csv' ? ' (use --format json to see them)' : ''}\n`,
        );
    }
    if (format === 'json') {
      out.stdout(JSON.stringify(results, null, 2) + '\n');
      return;
    }
    const rows: unknown[][] = [];
    for (const r of results) {
      for (const e of r.inventory)
        rows.push([r.processId, r.productId, 'inventory', e.flowId, e.name, e.category, e.unit, e.amount]);
      for (const e of r.impacts ?? [])
        rows.push([r.processId, r.productId, 'impact', e.indicatorId, e.name, '', e.unit, e.amount]);
      for (const e of r.cutoff)
        rows.push([r.processId, r.productId, 'cutoff', e.flowId, e.name, '', e.unit, e.amount]);
    }
    out.stdout(csv(['processId', 'productId', 'kind', 'flowId', 'name', 'category', 'unit', 'amount'], rows));
  },
};
