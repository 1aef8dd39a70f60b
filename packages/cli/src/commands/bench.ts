import { readFile } from 'node:fs/promises';
import { benchmarkSolve, readMatrixMarket } from '@opencfp/linalg';
import { UsageError } from '../errors.js';
import type { Command } from './command.js';
import { integerOption } from './options.js';

/** `cfp bench solve`: factorize and solve a synthetic (or given) technosphere matrix and print the figures. */
export const bench: Command = {
  options: {
    mtx: { type: 'string' },
    n: { type: 'string' },
    seed: { type: 'string' },
    repeats: { type: 'string' },
    rhs: { type: 'string' },
  },
  async run(positionals, values, out) {
    if (positionals[0] !== 'solve' || positionals.length !== 1)
      throw new UsageError(
        'usage: cfp bench solve [--mtx <file>] [--n 20000] [--seed 42] [--repeats 5] [--rhs 1000]',
      );
    const matrix =
      typeof values.mtx === 'string' ? readMatrixMarket(await readFile(values.mtx, 'utf8')) : undefined;
    const result = benchmarkSolve({
      matrix,
      n: integerOption(values, 'n', 20000, 1),
      seed: integerOption(values, 'seed', 42, 0),
      repeats: integerOption(values, 'repeats', 5, 1),
      rightHandSides: integerOption(values, 'rhs', 1000, 1),
    });
    out.stdout(JSON.stringify(result, null, 2) + '\n');
  },
};
