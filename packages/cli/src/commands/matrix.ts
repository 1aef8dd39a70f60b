import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildMatrices } from '@opencfp/core';
import { writeMatrixMarket } from '@opencfp/linalg';
import { csv } from '../csv.js';
import { UsageError } from '../errors.js';
import { loadDatabase } from '../load-database.js';
import type { Command } from './command.js';
import { calculationOptions } from './lci.js';
import { requiredOption } from './options.js';

/**
 * `cfp matrix <database> --out <dir>`: A.mtx, B.mtx, K.mtx and their index CSVs. Indices in the CSVs are
 * 1-based, like the MatrixMarket files they describe.
 */
export const matrix: Command = {
  options: {
    strict: { type: 'boolean' },
    out: { type: 'string' },
    allocation: { type: 'string' },
    providers: { type: 'string' },
  },
  async run(positionals, values, out) {
    if (positionals.length !== 1) throw new UsageError('usage: cfp matrix <database> --out <dir>');
    const dir = requiredOption(values, 'out', 'the folder to write the matrices to');
    const { db } = await loadDatabase(positionals[0], out, { strict: values.strict === true });
    const m = buildMatrices(db, calculationOptions(values));
    await mkdir(dir, { recursive: true });
    const note = (what: string) => `${what} of ${db.name ?? positionals[0]}, written by OpenCFP cfp matrix`;
    await writeFile(join(dir, 'A.mtx'), writeMatrixMarket(m.A, note('technosphere matrix A')));
    await writeFile(join(dir, 'B.mtx'), writeMatrixMarket(m.B, note('intervention matrix B')));
    await writeFile(join(dir, 'K.mtx'), writeMatrixMarket(m.K, note('cut-off matrix K')));
    await writeFile(
      join(dir, 'columns.csv'),
      csv(
        ['index', 'processId', 'productId', 'processName', 'productName', 'unit', 'isWaste'],
        m.products.map((p) => [
          p.index + 1,
          p.processId,
          p.flowId,
          p.processName,
          p.flowName,
          p.unit,
          p.isWaste,
        ]),
      ),
    );
    await writeFile(
      join(dir, 'elementary-flows.csv'),
      csv(
        ['index', 'flowId', 'name', 'category', 'unit'],
        m.elementaryRows.map((r) => [r.index + 1, r.flowId, r.name, r.category, r.unit]),
      ),
    );
    await writeFile(
      join(dir, 'cutoff-flows.csv'),
      csv(
        ['index', 'flowId', 'name', 'unit', 'flowType'],
        m.cutoffRows.map((r) => [r.index + 1, r.flowId, r.name, r.unit, r.flowType]),
      ),
    );
    out.stdout(
      `wrote ${dir}: A ${m.A.rows}×${m.A.cols} (${m.A.nonZeros} non-zeros), B ${m.B.rows}×${m.B.cols} ` +
        `(${m.B.nonZeros}), K ${m.K.rows}×${m.K.cols} (${m.K.nonZeros}); rows and columns of A are the process-products ` +
        `in columns.csv\n`,
    );
  },
};
