import { parseArgs } from 'node:util';
import { CliError, UsageError } from './errors.js';
import { gwpSets, LIFE_CYCLE_STAGES } from '@opencfp/refdata';
import type { Command } from './commands/command.js';
import { commands } from './commands/index.js';

/** Where a command writes; injected so tests run commands in-process and read what they print. */
export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Words of a help paragraph wrapped at 118 columns, indented to the description column. */
function wrap(text: string, indent = 22, width = 118): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && indent + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.map((l) => ' '.repeat(indent) + l).join('\n');
}

export const usage = `cfp — OpenCFP command line

Usage: cfp <command> [options]

Commands:
  lci <database> --process <id>[,<id>…] [--product <flowId>] [--allocation as-defined|physical|economic|causal|none]
      [--providers prefer-defaults|only-defaults|ignore-defaults] [--method <impact method id>] [--format json|csv]
                      Life-cycle inventory (and impacts, with --method) per one reference unit of each product.
                      --product applies to every process named; use it with one process that has several products.
  calc <database> --process <id> [--product <flowId>] [--amount 1] [--unit <unit>] [--method ipcc-ar6-gwp100] [--biogenic -1/+1|0/0]
      [--stages iso-14067|eu-battery] [--default-stage <id>] [--top 10] [--format json|csv|text]
                      Product carbon footprint: total, the ISO 14067 split, PACT fields, by gas, by life-cycle stage
                      (process tags stage:<id>) and the top contributing processes.
${wrap(`--method: a GWP set id, ${gwpSets.map((set) => set.id).join(', ')}. --unit: any unit of the product's properties (kWh for an electricity measured in MJ, kg of a fuel). --default-stage: a stage id (iso-14067: ${LIFE_CYCLE_STAGES['iso-14067'].map((x) => x.id).join(', ')}; eu-battery: ${LIFE_CYCLE_STAGES['eu-battery'].map((x) => x.id).join(', ')}).`)}
  grid --mix <type>=<share>,… [--year 2024] [--losses 0.05] [--import <grid>=<share>@<factor>]…
      [--factor <type>=<value>@<source>]… [--compare <region>[:<year>]] [--format text|json]
                      A grid's life-cycle factor (kg CO2e/kWh) from its generation mix (coal, gas, hydro, nuclear, wind,
                      solar-pv, solar-thermal, biomass) × China's published per-type factors, imports, losses and T&D,
                      compared with a published factor (全国: the life-cycle factor; a region or province: its
                      operational CO2 factor, of the model's year or else the latest published year).
  matrix <database> --out <dir>
                      Write A.mtx, B.mtx, K.mtx (cut-offs) and the row/column index CSVs of the whole database.
  check <database> [--format text|json] [--strict]
                      What the reader and the linker found: counts, unread datasets, unknown units, missing flows,
                      formula problems, cut-off inputs, multi-provider choices, unallocated co-products.
  processes <database> [--search <text>] [--format text|json|csv]
                      List the process-products (process id, product id, names, unit, location) to calculate.
  convert <database> --to json-ld|ilcd --out <file.zip|folder>
                      Write a database read in any format as openLCA JSON-LD or ILCD.
  report <study.json> [--language en|zh-CN] [--format pdf|html|json] [-o <file>]
                      The ISO 14067 / GB/T 24067 study report of a study file (declaration, product model, background
                      database, analyses; docs/report.md): the model calculated on the fly, as PDF (fonts embedded;
                      -o required), self-contained HTML or the report document as JSON.
  factors [search text] [--region <name>] [--year <year>] [--kind electricity|gwp|starter-dataset] [--format table|json|csv]
                      Reference factors with their sources: China's electricity factors (national, regional grids,
                      provinces), the IPCC GWP values and the starter datasets (kg CO2e per unit, AR6 GWP100).
                      No match: a message on stderr, exit code 0.
  bench solve [--mtx <file>] [--n 20000] [--seed 42] [--repeats 5] [--rhs 1000]
                      Factorize and solve a technosphere matrix; prints timings and the residual as JSON.
  serve [--port 3000] [--host 127.0.0.1] [--data-dir ./data] [--config <file.json>] [--no-demo]
                      Run the OpenCFP server (API, docs at /docs) on the embedded database in --data-dir, or on
                      DATABASE_URL. An empty database first gets the demo user (credentials printed once), a demo
                      organisation, the starter database and demo products. Stops on Ctrl-C / SIGTERM.
  users add --email <e> --name <n> [--password-stdin] [--org <slug> --role owner|editor|verifier|viewer]
                      Create a user: a random password is printed once (or it is read from stdin), optionally a
                      member of an organisation.
  users list [--org <slug>] [--format text|json]
                      Users with their e-mail, name and memberships (never password hashes).
  users reset-password --email <e> [--password-stdin]
                      A new password (printed once), and every session of the user ends.
  orgs add --name <name> --slug <slug> --owner <e-mail>
                      Create an organisation (a tenant, e.g. for a company) with an existing user as its owner.
                      users and orgs work on the server's database: DATABASE_URL, else --data-dir / OPENCFP_DATA_DIR
                      (default ./data), or --config <file.json>, as serve. PGlite allows one process per data
                      directory: stop the server first, or run it on PostgreSQL to administer it while it runs.
  verify <statement file or URL> [--keys <jwks.json>] [--model <file>] [--result <file or URL>] [--token <t>]
      [--format text|json]
                      Check a signed footprint statement (a JWS, or GET /v1/public/statements/{id}): the issuer's
                      Ed25519 signature (keys from the issuer's /.well-known/jwks.json, or --keys offline), its
                      structure and status; with --model or --result, that they are what it was calculated from
                      (--token or OPENCFP_TOKEN for a result URL). Exit 0 valid, 1 invalid, 2 usage or unreachable.
  label <statement file or URL> --out <file> [--format svg|png|pdf] [--language zh|en|bilingual]
      [--size small|medium|large] [--class-scheme <file.json>|example] [--reference-year <year>]
      [--url <product page>] [--dpi 300] [--keys <jwks.json>]
                      The carbon footprint label of a signed statement, for packaging (docs/labels.md): value per
                      declared unit, boundary, rule set, year, verification, a QR code to the product's page and,
                      with a class scheme (the word example: the shipped illustrative one), its performance class.
                      Made only when the statement verifies (as cfp verify checks it; exit 1 otherwise). Defaults:
                      svg, bilingual, medium (60 × 40 mm); --reference-year: the year the data represent (else the
                      year of issue is printed, as such); --url: the product page (else the statement's public URL).
  demo                Calculate the bundled example product system and explain the result.
  help                Show this help.

<database> is an openLCA JSON-LD, EcoSpold 2, EcoSpold 1, ILCD or SimaPro CSV export — a .zip, a folder or a
single file; the format is told from the content, not the name. The word 'starter' names the bundled starter
database (public, cited factors; to be replaced by a licensed database for certified studies).
Options valid everywhere: --debug (print stack traces), --help. Commands that read a database take --strict:
fail at the first error-level reading issue instead of skipping the broken dataset.
Exit codes: 0 success (also for a result with error-level diagnostics: they are printed and named on stderr),
2 bad input or usage, 1 internal error.
`;

/** Runs the CLI; returns the process exit code. Never throws. */
export async function main(argv: string[], out: Output): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
  const [name, ...rest] = args;
  if (!name) {
    out.stderr(usage);
    return 2;
  }
  if (
    name === 'help' ||
    name === '--help' ||
    name === '-h' ||
    args.includes('--help') ||
    args.includes('-h')
  ) {
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
      parsed = parseArgs({
        args: negativeValuesInline(rest, command.options),
        options: command.options,
        allowPositionals: true,
        strict: true,
      });
    } catch (e) {
      // parseArgs explains how to pass a value that starts with '-'; the first sentence is what matters here.
      const first = (e as Error).message.split(/(?<=\.) /)[0].replace(/\.$/, '');
      throw new UsageError(`${first}. Run 'cfp help' for usage.`);
    }
    const code = await command.run(
      parsed.positionals,
      parsed.values as Record<string, string | boolean | undefined>,
      out,
    );
    return typeof code === 'number' ? code : 0;
  } catch (e) {
    return reportError(e, out, debug);
  }
}

/**
 * `--biogenic -1/+1`, `--amount -5`: a value that starts with '-' followed by a digit is a value, not an option,
 * so it is joined to its string option ('--biogenic=-1/+1') before parseArgs, which would refuse it.
 */
function negativeValuesInline(args: string[], options: Command['options']): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = /^--([^=]+)$/.exec(args[i])?.[1];
    const next = args[i + 1];
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${args[i]}=${next}`);
      i++;
    } else out.push(args[i]);
  }
  return out;
}

/** Errors with a stable `code` are the user's to fix (exit 2); anything else is our bug (exit 1). */
function reportError(e: unknown, out: Output, debug: boolean): number {
  const system = systemErrorMessage(e);
  if (system) {
    out.stderr(`cfp: ${system}\n`);
    if (debug && e instanceof Error && e.stack) out.stderr(`${e.stack}\n`);
    return 2;
  }
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

/** Node's file-system errors (ENOENT, EACCES…) in words: they are about a path the user gave. */
function systemErrorMessage(e: unknown): string | undefined {
  const error = e as { code?: unknown; path?: unknown; syscall?: unknown };
  if (typeof error?.code !== 'string' || typeof error.path !== 'string') return undefined;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file or folder',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EISDIR: 'it is a folder, a file was expected',
    EEXIST: 'it exists already and is not a folder',
    ENOSPC: 'the disk is full',
    EROFS: 'the file system is read-only',
  };
  const reason = reasons[error.code];
  if (!reason) return undefined;
  const verb =
    typeof error.syscall === 'string' && /open|read|stat|scandir/.test(error.syscall) ? 'read' : 'write';
  return `cannot ${verb} '${error.path}': ${reason}`;
}

function isOurs(e: Error): boolean {
  // Our packages' errors all derive from a base class with a stable code; Node's system errors (ENOENT…) also
  // carry a code and are the user's to fix (a wrong path).
  return e instanceof CliError || /^[A-Z][A-Z0-9_]+$/.test((e as unknown as { code: string }).code);
}
