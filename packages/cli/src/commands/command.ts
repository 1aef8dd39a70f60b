import type { ParseArgsConfig } from 'node:util';
import type { Output } from '../main.js';

/** Option values after parsing: strings for `type: 'string'`, booleans for flags. */
export type OptionValues = Record<string, string | boolean | undefined>;

/**
 * One `cfp` sub-command: its options (node:util parseArgs) and what it does. `run` may answer an exit code (e.g.
 * 1 for a statement that does not verify); nothing means 0.
 */
export interface Command {
  options: NonNullable<ParseArgsConfig['options']>;
  run(positionals: string[], values: OptionValues, out: Output): Promise<void | number>;
}
