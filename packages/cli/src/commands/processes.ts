import { buildMatrices } from '@opencfp/core';
import { csv } from '../csv.js';
import { UsageError } from '../errors.js';
import { loadDatabase } from '../load-database.js';
import type { Command } from './command.js';
import { choiceOption } from './options.js';

/**
 * The words of a search, lower-cased: a row matches when every word occurs somewhere in its text.
 *
 * @example searchWords('  Electricity   JIANGSU ') // ['electricity', 'jiangsu']
 */
const searchWords = (text: string): string[] => text.toLowerCase().split(/\s+/).filter(Boolean);

/**
 * `cfp processes <database> [--search text]`: the process-products a user can calculate, with their ids. The
 * search matches every word, case-insensitive, anywhere in the process and product names (with the product's
 * synonyms, where Chinese names are), the location's code and name, the categories and the ids.
 */
export const processes: Command = {
  options: { strict: { type: 'boolean' }, search: { type: 'string' }, format: { type: 'string' } },
  async run(positionals, values, out) {
    if (positionals.length !== 1) throw new UsageError('usage: cfp processes <database> [--search <text>]');
    const format = choiceOption(values, 'format', ['text', 'json', 'csv'] as const, 'text');
    const { db } = await loadDatabase(positionals[0], out, { strict: values.strict === true });
    const locations = new Map(db.locations.map((l) => [l.id, l]));
    const processes = new Map(db.processes.map((p) => [p.id, p]));
    const flows = new Map(db.flows.map((f) => [f.id, f]));
    const words = typeof values.search === 'string' ? searchWords(values.search) : [];
    const rows = buildMatrices(db)
      .products.map((p) => {
        const process = processes.get(p.processId);
        const location = locations.get(process?.locationId ?? '');
        const flow = flows.get(p.flowId);
        const searchable = [
          p.processName,
          p.flowName,
          p.processId,
          p.flowId,
          location?.code,
          location?.name,
          process?.category,
          flow?.category,
          ...(flow?.synonyms ?? []),
        ]
          .filter((x) => x !== undefined)
          .join('\n')
          .toLowerCase();
        const row = {
          processId: p.processId,
          productId: p.flowId,
          processName: p.processName,
          productName: p.flowName,
          unit: p.unit,
          location: location?.code ?? location?.name ?? '',
          isWaste: p.isWaste,
        };
        return { row, matches: words.every((word) => searchable.includes(word)) };
      })
      .filter((x) => x.matches)
      .map((x) => x.row)
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
