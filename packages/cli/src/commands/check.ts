import { buildMatrices, type Diagnostic } from '@opencfp/core';
import type { ImportIssue } from '@opencfp/formats';
import { UsageError } from '../errors.js';
import { DATABASE_FORMATS, loadDatabase } from '../load-database.js';
import type { Command } from './command.js';
import { calculationOptions } from './lci.js';
import { choiceOption } from './options.js';

/** How many examples of each problem the text report lists (the JSON report has them all). */
const EXAMPLES = 5;

/**
 * `cfp check <database>`: what the reader and the linker found — counts, unread datasets, unknown units,
 * missing flows, formula problems, unlinked (cut-off) inputs, multi-provider choices, unallocated co-products.
 * Exit code 0 when the database can be used (even with warnings), 2 when `--strict` and there are errors.
 */
export const check: Command = {
  options: {
    format: { type: 'string' },
    'input-format': { type: 'string' },
    strict: { type: 'boolean' },
    allocation: { type: 'string' },
    providers: { type: 'string' },
  },
  async run(positionals, values, out) {
    if (positionals.length !== 1)
      throw new UsageError('usage: cfp check <database> [--format text|json] [--strict]');
    const format = choiceOption(values, 'format', ['text', 'json'] as const, 'text');
    const inputFormat =
      values['input-format'] === undefined
        ? undefined
        : choiceOption(values, 'input-format', DATABASE_FORMATS, 'json-ld');
    const loaded = await loadDatabase(positionals[0], out, {
      strict: values.strict === true,
      format: inputFormat,
      quiet: true,
    });
    const { db, issues } = loaded;
    const matrices = buildMatrices(db, calculationOptions(values));
    const exchanges = db.processes.reduce((n, p) => n + p.exchanges.length, 0);
    const counts = {
      processes: db.processes.length,
      products: matrices.products.length,
      flows: db.flows.length,
      elementaryFlows: db.flows.filter((f) => f.type === 'elementary').length,
      exchanges,
      formulas: db.processes.reduce((n, p) => n + p.exchanges.filter((e) => e.formula).length, 0),
      unitGroups: db.unitGroups.length,
      locations: db.locations.length,
      impactMethods: db.impactMethods.length,
      nonZerosA: matrices.A.nonZeros,
    };
    const report = {
      database: positionals[0],
      format: loaded.format,
      counts,
      reader: summarize(issues),
      linking: summarize(matrices.diagnostics),
      issues,
      diagnostics: matrices.diagnostics,
    };
    if (format === 'json') {
      out.stdout(JSON.stringify(report, null, 2) + '\n');
      return;
    }
    const lines: string[] = [];
    lines.push(
      `${positionals[0]}: ${loaded.format.format} (${loaded.format.container}; ${loaded.format.evidence})`,
    );
    lines.push('');
    lines.push(
      `  ${counts.processes} processes, ${counts.products} process-products, ${counts.flows} flows ` +
        `(${counts.elementaryFlows} elementary), ${counts.exchanges} exchanges (${counts.formulas} with formulas), ` +
        `${counts.unitGroups} unit groups, ${counts.locations} locations, ${counts.impactMethods} impact methods; ` +
        `A has ${counts.nonZerosA} non-zeros`,
    );
    section(lines, 'Reading', issues, (i) => `${i.file} ${i.path}: ${i.message}`);
    section(lines, 'Linking and allocation', matrices.diagnostics, (d) => d.message);
    const errors =
      issues.filter((i) => i.severity === 'error').length +
      matrices.diagnostics.filter((d) => d.severity === 'error').length;
    lines.push('');
    lines.push(
      errors === 0
        ? issues.length + matrices.diagnostics.length === 0
          ? 'Verdict: usable — nothing was lost in reading, and there is nothing to review.'
          : 'Verdict: usable — nothing was lost in reading; review the warnings above.'
        : `Verdict: ${errors} error(s) — the datasets or exchanges named above were skipped; fix them in the source and export again.`,
    );
    out.stdout(lines.join('\n') + '\n');
  },
};

function summarize(items: readonly (ImportIssue | Diagnostic)[]) {
  const byCode: Record<string, { severity: string; count: number }> = {};
  for (const i of items) {
    byCode[i.code] ??= { severity: i.severity, count: 0 };
    byCode[i.code].count++;
  }
  return byCode;
}

function section<T extends ImportIssue | Diagnostic>(
  lines: string[],
  title: string,
  items: readonly T[],
  text: (item: T) => string,
) {
  lines.push('');
  lines.push(`${title}: ${items.length === 0 ? 'no problems' : `${items.length} finding(s)`}`);
  const groups = new Map<string, T[]>();
  for (const i of items) groups.set(i.code, [...(groups.get(i.code) ?? []), i]);
  const order = ['error', 'warning', 'info'];
  for (const [code, group] of [...groups].sort(
    (a, b) => order.indexOf(a[1][0].severity) - order.indexOf(b[1][0].severity) || b[1].length - a[1].length,
  )) {
    lines.push(`  [${group[0].severity}] ${code} × ${group.length}${label(code)}`);
    for (const i of group.slice(0, EXAMPLES)) lines.push(`      ${text(i)}`);
    if (group.length > EXAMPLES)
      lines.push(`      … and ${group.length - EXAMPLES} more (--format json lists all)`);
  }
}

const LABELS: Record<string, string> = {
  CUT_OFF: ' — inputs without a provider (cut off, reported with their amounts in results)',
  MULTIPLE_PROVIDERS: ' — inputs with several possible providers (the choice is named)',
  UNALLOCATED_COPRODUCTS: ' — multi-output processes without an allocation method',
  UNKNOWN_UNIT: ' — units the reader could not convert',
  MISSING_FLOW: ' — exchanges whose flow is not in the database',
  FORMULA_AMOUNT_MISMATCH: ' — stored amounts that disagree with their formula',
};
const label = (code: string) => LABELS[code] ?? '';
