import type { ParseArgsConfig } from 'node:util';
import type { Output } from '../main.js';

/** Option values after parsing: strings for `type: 'string'`, booleans for flags. */
export type OptionValues = Record<string, string | boolean | undefined>;

/** One `cfp` sub-command: its options (node:util parseArgs) and what it does. */
export interface Command {
  options: NonNullable<ParseArgsConfig['options']>;
  run(positionals: string[], values: OptionValues, out: Output): Promise<void>;
}
