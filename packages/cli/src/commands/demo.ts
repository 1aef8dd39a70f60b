import { fileURLToPath } from 'node:url';
import { Calculator } from '@opencfp/core';
import { loadDatabase } from '../load-database.js';
import type { Command } from './command.js';

/** The bundled illustrative example (examples/bicycle-frame in the repository). */
export const demoDatabasePath = fileURLToPath(new URL('../../../../examples/bicycle-frame', import.meta.url));

const number = (x: number) => (Math.abs(x) >= 1e-3 || x === 0 ? x.toFixed(4) : x.toExponential(4));

/** `cfp demo`: calculate the illustrative bicycle frame and explain the result in plain words. */
export const demo: Command = {
  options: {},
  async run(_positionals, _values, out) {
    const { db } = await loadDatabase(demoDatabasePath, out);
    const calculator = new Calculator(db);
    const result = calculator.calculate({ processId: 'p-frame' });
    const lines: string[] = [];
    lines.push(
      'OpenCFP demo — an ILLUSTRATIVE product system (invented numbers, see examples/bicycle-frame/README.md)',
    );
    lines.push('');
    lines.push(`Demand: ${result.demand.amount} ${result.demand.unit} of "${result.demand.productName}"`);
    lines.push(
      `Solved A s = f for ${calculator.matrices.products.length} process-products; ` +
        `relative residual ‖As − f‖∞/‖f‖∞ = ${result.residual.toExponential(2)}`,
    );
    lines.push('');
    lines.push('Scaling factors s (how much of each process the demand needs):');
    for (const s of result.scalingFactors().filter((e) => e.scaling !== 0))
      lines.push(
        `  ${number(s.scaling).padStart(12)}  ${db.processes.find((p) => p.id === s.processId)?.name}`,
      );
    lines.push('');
    lines.push('Inventory g = B s (+ release to nature, − extraction), per frame:');
    for (const e of result.inventory)
      lines.push(`  ${number(e.amount).padStart(12)} ${e.unit.padEnd(4)} ${e.name}`);
    const co2 = result.inventory.find((e) => e.name.startsWith('Carbon dioxide'));
    if (co2) {
      lines.push('');
      lines.push(`Where the ${co2.name} comes from (upstream totals, one transposed solve Aᵀ m = b):`);
      for (const c of result.upstreamTotals(co2.flowId))
        lines.push(
          `  ${number(c.amount).padStart(12)} ${co2.unit}  ${(c.share * 100).toFixed(1).padStart(5)} %  ${c.processName}`,
        );
    }
    lines.push('');
    lines.push(`Diagnostics (${result.diagnostics.length}):`);
    for (const d of result.diagnostics) lines.push(`  [${d.severity}] ${d.code}: ${d.message}`);
    if (result.diagnostics.length === 0) lines.push('  none: every input is linked, nothing is cut off');
    lines.push('');
    lines.push('Try next:');
    lines.push('  npx cfp lci examples/bicycle-frame --process p-frame --format csv');
    lines.push('  npx cfp lci <your openLCA JSON-LD export>.zip --process <process id>');
    lines.push('  npx cfp bench solve --n 20000');
    out.stdout(lines.join('\n') + '\n');
  },
};
