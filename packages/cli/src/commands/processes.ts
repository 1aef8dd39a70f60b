import { buildMatrices } from '@opencfp/core';
import { csv } from '../csv.js';
import { UsageError } from '../errors.js';
import { loadDatabase } from '../load-database.js';
import type { Command } from './command.js';
import { choiceOption } from './options.js';

/** `cfp processes <database> [--search text]`: the process-products a user can calculate, with their ids. */
export const processes: Command = {
  options: { strict: { type: 'boolean' }, search: { type: 'string' }, format: { type: 'string' } },
  async run(positionals, values, out) {
    if (positionals.length !== 1) throw new UsageError('usage: cfp processes <database> [--search <text>]');
    const format = choiceOption(values, 'format', ['text', 'json', 'csv'] as const, 'text');
    const { db } = await loadDatabase(positionals[0], out, { strict: values.strict === true });
    const locations = new Map(db.locations.map((l) => [l.id, l.code ?? l.name]));
    const search = typeof values.search === 'string' ? values.search.toLowerCase() : undefined;
    const rows = buildMatrices(db)
      .products.map((p) => ({
        processId: p.processId,
        productId: p.flowId,
        processName: p.processName,
        productName: p.flowName,
        unit: p.unit,
        location: locations.get(db.processes.find((x) => x.id === p.processId)?.locationId ?? '') ?? '',
        isWaste: p.isWaste,
      }))
      .filter(
        (r) => !search || `${r.processName} ${r.productName} ${r.processId}`.toLowerCase().includes(search),
      )
      .sort(
        (a, b) => a.processName.localeCompare(b.processName) || a.productName.localeCompare(b.productName),
      );
    if (format === 'json') out.stdout(JSON.stringify(rows, null, 2) + '\n');
    else if (format === 'csv')
      out.stdout(
        csv(
          ['processId', 'productId', 'processName', 'productName', 'unit', 'location', 'isWaste'],
          rows.map((r) => [
            r.processId,
            r.productId,
            r.processName,
            r.productName,
            r.unit,
            r.location,
            r.isWaste,
          ]),
        ),
      );
    else {
      for (const r of rows)
        out.stdout(
          `${r.processId}  ${r.processName}${r.productName !== r.processName ? ` → ${r.productName}` : ''} ` +
            `[${r.unit}${r.location ? `, ${r.location}` : ''}]${r.isWaste ? ' (waste treatment)' : ''}` +
            `${rows.filter((x) => x.processId === r.processId).length > 1 ? `  --product ${r.productId}` : ''}\n`,
        );
      out.stdout(`${rows.length} process-product(s)\n`);
    }
  },
};
