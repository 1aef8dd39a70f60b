import { bench } from './bench.js';
import { calc } from './calc.js';
import { check } from './check.js';
import { convert } from './convert.js';
import type { Command } from './command.js';
import { demo } from './demo.js';
import { factors } from './factors.js';
import { grid } from './grid.js';
import { label } from './label.js';
import { lci } from './lci.js';
import { matrix } from './matrix.js';
import { orgs } from './orgs.js';
import { processes } from './processes.js';
import { report } from './report.js';
import { serve } from './serve.js';
import { users } from './users.js';
import { verify } from './verify.js';

/** Every `cfp` sub-command by name. */
export const commands: Record<string, Command | undefined> = {
  lci,
  calc,
  matrix,
  check,
  processes,
  convert,
  report,
  factors,
  grid,
  bench,
  demo,
  serve,
  users,
  orgs,
  verify,
  label,
};
