import { parseArgs } from 'node:util';
import { CliError, UsageError } from './errors.js';
import { commands } from './commands/index.js';

/** Where a command writes; injected so tests run commands in-process and read what they print. */
export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const usage = `cfp — OpenCFP command line

Usage: cfp <command> [options]

Commands:
  lci <database> --process <id>[,<id>…] [--product <flowId>] [--allocation as-defined|physical|economic|causal|none]
      [--providers prefer-defaults|only-defaults|ignore-defaults] [--format json|csv]
                      Life-cycle inventory per one reference unit of each product.
  matrix <database> --out <dir>
                      Write A.mtx, B.mtx and the row/column index CSVs of the whole database.
  bench solve [--mtx <file>] [--n 20000] [--seed 42] [--repeats 5] [--rhs 1000]
                      Factorize and solve a technosphere matrix; prints timings and the residual as JSON.
  demo                Calculate the bundled example product system and explain the result.
  help                Show this help.

<database> is an openLCA JSON-LD export (a .zip file or an extracted folder).
Options valid everywhere: --debug (print stack traces of internal errors).
Exit codes: 0 success, 2 bad input or usage, 1 internal error.
`;

/** Runs the CLI; returns the process exit code. Never throws. */
export async function main(argv: string[], out: Output): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
  const [name, ...rest] = args;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    out.stdout(usage);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    out.stderr(`cfp: unknown command '${name}'. Run 'cfp help' for the list of commands.\n`);
    return 2;
  }
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    } catch (e) {
      throw new UsageError(`${(e as Error).message}. Run 'cfp help' for usage.`);
    }
    await command.run(parsed.positionals, parsed.values as Record<string, string | boolean | undefined>, out);
    return 0;
  } catch (e) {
    return reportError(e, out, debug);
  }
}

/** Errors with a stable `code` are the user's to fix (exit 2); anything else is our bug (exit 1). */
function reportError(e: unknown, out: Output, debug: boolean): number {
  const coded = e instanceof Error && typeof (e as { code?: unknown }).code === 'string' && isOurs(e);
  if (coded) {
    out.stderr(`cfp: ${e.message}\n`);
    if (debug && e.stack) out.stderr(`${e.stack}\n`);
    return 2;
  }
  const message = e instanceof Error ? e.message : String(e);
  out.stderr(`cfp: internal error: ${message}\n`);
  out.stderr(
    debug && e instanceof Error && e.stack ? `${e.stack}\n` : `(run again with --debug for details)\n`,
  );
  return 1;
}

function isOurs(e: Error): boolean {
  // Our packages' errors all derive from a base class with a stable code; Node's system errors (ENOENT…) also
  // carry a code and are the user's to fix (a wrong path).
  return e instanceof CliError || /^[A-Z][A-Z0-9_]+$/.test((e as unknown as { code: string }).code);
}
