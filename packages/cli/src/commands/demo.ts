import { fileURLToPath } from 'node:url';
import { Calculator } from '@opencfp/core';
import { carbonFootprint } from '@opencfp/refdata';
import { UsageError } from '../errors.js';
import { loadDatabase } from '../load-database.js';
import type { Command } from './command.js';

/** The bundled illustrative example (examples/bicycle-frame in the repository). */
export const demoDatabasePath = fileURLToPath(new URL('../../../../examples/bicycle-frame', import.meta.url));

const number = (x: number) => (Math.abs(x) >= 1e-3 || x === 0 ? x.toFixed(4) : x.toExponential(4));

/** `cfp demo`: calculate the illustrative bicycle frame and explain the result in plain words. */
export const demo: Command = {
  options: {},
  async run(positionals, _values, out) {
    if (positionals.length > 0) throw new UsageError('usage: cfp demo (it takes no arguments)');
    const { db } = await loadDatabase(demoDatabasePath, out);
    const calculator = new Calculator(db, { impactMethod: 'ipcc-ar6-gwp100' });
    const result = calculator.calculate({ processId: 'p-frame' });
    const processName = (id: string) => db.processes.find((p) => p.id === id)?.name ?? id;
    const lines: string[] = [];
    lines.push(
      'OpenCFP demo — an ILLUSTRATIVE product system (invented numbers, see examples/bicycle-frame/README.md)',
    );
    lines.push('');
    lines.push(`Product: ${result.demand.amount} ${result.demand.unit} of "${result.demand.productName}"`);
    const gwp = result.impacts?.[0];
    if (gwp) {
      lines.push('');
      lines.push(`Carbon footprint: ${number(gwp.amount)} ${gwp.unit} per frame (${gwp.name})`);
      for (const c of result.flowContributions(gwp.indicatorId).filter((c) => c.amount !== 0))
        lines.push(
          `  ${number(c.amount).padStart(10)} ${gwp.unit}  from ${number(c.inventory)} ${c.unit} ${c.name} × GWP ${c.factor}`,
        );
      lines.push('');
      lines.push(
        'Where it comes from — each process on its own (direct), and with everything it needs (upstream):',
      );
      const direct = new Map(result.directContributions(gwp.indicatorId).map((c) => [c.column, c.amount]));
      for (const c of result.upstreamTotals(gwp.indicatorId))
        lines.push(
          `  direct ${number(direct.get(c.column) ?? 0).padStart(9)}   with upstream ${number(c.amount).padStart(9)} ` +
            `(${(c.share * 100).toFixed(1).padStart(5)} %)  ${c.processName}`,
        );
      lines.push(
        '  (direct amounts add up to the total; upstream amounts overlap, because a process includes its suppliers)',
      );
      const cfp = carbonFootprint(result, db);
      lines.push('');
      lines.push(
        'By life-cycle stage (ISO 14067; the grid power is shared among the stages that use it, so they add up):',
      );
      for (const stage of cfp.byStage)
        lines.push(
          `  ${number(stage.amount).padStart(10)} ${gwp.unit}  (${(stage.share * 100).toFixed(1).padStart(5)} %)  ${stage.name} ${stage.nameZh}`,
        );
    }
    lines.push('');
    lines.push(
      'How much of each process one frame needs (scaling factors s from A s = f; the 2 % grid loss loops back):',
    );
    for (const s of result.scalingFactors().filter((e) => e.scaling !== 0))
      lines.push(`  ${number(s.scaling).padStart(12)}  × ${processName(s.processId)}`);
    lines.push('');
    lines.push('Life-cycle inventory per frame (+ released to nature, − taken from nature):');
    for (const e of result.inventory)
      lines.push(`  ${number(e.amount).padStart(12)} ${e.unit.padEnd(4)} ${e.name}`);
    lines.push('');
    lines.push(
      `Checks: ${result.diagnostics.length === 0 ? 'every input has a supplier, nothing is cut off' : `${result.diagnostics.length} diagnostic(s):`}; ` +
        `the equations balance to ${result.residual.toExponential(1)} (relative residual ‖As − f‖/‖f‖)`,
    );
    for (const d of result.diagnostics) lines.push(`  [${d.severity}] ${d.code}: ${d.message}`);
    lines.push('');
    lines.push('Try next:');
    lines.push(
      '  npx cfp calc examples/bicycle-frame --process p-frame --format text   (the ISO 14067 split, PACT fields)',
    );
    lines.push('  npx cfp lci examples/bicycle-frame --process p-frame --method ipcc-ar6-gwp100');
    lines.push(
      '  npx cfp processes <your database>          (openLCA JSON-LD, EcoSpold 1/2, ILCD, SimaPro CSV)',
    );
    lines.push('  npx cfp check <your database>');
    lines.push('  npx cfp bench solve --n 20000');
    out.stdout(lines.join('\n') + '\n');
  },
};
