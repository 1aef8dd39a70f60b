import { processProductIndex } from '@opencfp/core';
import { csv } from '../csv.js';
import { UsageError } from '../errors.js';
import { loadDatabase } from '../load-database.js';
import type { Command } from './command.js';
import { choiceOption } from './options.js';

/**
 * `cfp processes <database> [--search text]`: the process-products a user can calculate, with their ids. The
 * search matches every word, case-insensitive, anywhere in the process and product names (with the product's
 * synonyms, where Chinese names are), the location's code and name, the categories and the ids (the same listing
 * and search as the API's `GET …/databases/{versionId}/processes`: processProductIndex in @opencfp/core).
 */
export const processes: Command = {
  options: { strict: { type: 'boolean' }, search: { type: 'string' }, format: { type: 'string' } },
  async run(positionals, values, out) {
    if (positionals.length !== 1) throw new UsageError('usage: cfp processes <database> [--search <text>]');
    const format = choiceOption(values, 'format', ['text', 'json', 'csv'] as const, 'text');
    const { db } = await loadDatabase(positionals[0], out, { strict: values.strict === true });
    const rows = processProductIndex(db)
      .search(typeof values.search === 'string' ? values.search : '')
      .map((p) => ({
        processId: p.processId,
        productId: p.productId,
        processName: p.processName,
        productName: p.productName,
        unit: p.unit,
        location: p.location ?? '',
        isWaste: p.isWaste,
      }));
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
      // Processes listed with several products need --product (counted once: a large database has 20,000 rows).
      const listed = new Map<string, number>();
      for (const r of rows) listed.set(r.processId, (listed.get(r.processId) ?? 0) + 1);
      for (const r of rows)
        out.stdout(
          `${r.processId}  ${r.processName}${r.productName !== r.processName ? ` → ${r.productName}` : ''} ` +
            `[${r.unit}${r.location ? `, ${r.location}` : ''}]${r.isWaste ? ' (waste treatment)' : ''}` +
            `${(listed.get(r.processId) ?? 0) > 1 ? `  --product ${r.productId}` : ''}\n`,
        );
      out.stdout(`${rows.length} process-product(s)\n`);
    }
  },
};
