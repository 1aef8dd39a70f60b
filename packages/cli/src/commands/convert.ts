import { writeIlcd, writeJsonLd } from '@opencfp/formats';
import { UsageError } from '../errors.js';
import { loadDatabase } from '../load-database.js';
import type { Command } from './command.js';
import { choiceOption, requiredOption } from './options.js';

/** `cfp convert <database> --to json-ld|ilcd --out <file.zip|folder>`: write a database read in any format. */
export const convert: Command = {
  options: { to: { type: 'string' }, out: { type: 'string' }, strict: { type: 'boolean' } },
  async run(positionals, values, out) {
    if (positionals.length !== 1)
      throw new UsageError('usage: cfp convert <database> --to json-ld|ilcd --out <file.zip or folder>');
    const to = choiceOption(values, 'to', ['json-ld', 'ilcd'] as const, 'json-ld');
    const target = requiredOption(values, 'out', 'the .zip file (or, for JSON-LD, a new folder) to write');
    const { db, format } = await loadDatabase(positionals[0], out, { strict: values.strict === true });
    if (to === 'json-ld') await writeJsonLd(db, target);
    else await writeIlcd(db, target);
    out.stdout(
      `wrote ${target}: ${db.processes.length} processes, ${db.flows.length} flows, read as ${format.format}, ` +
        `written as ${to === 'json-ld' ? 'openLCA JSON-LD (olca-schema v2)' : 'ILCD 1.1'}\n`,
    );
  },
};
