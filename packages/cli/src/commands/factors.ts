import { factorRecords, searchFactors, starterFactorRecords, type FactorRecord } from '@opencfp/refdata';

/** The starter datasets join the built-in factors. */
const providers = [starterFactorRecords];
import { csv, formatNumber } from '../csv.js';
import { UsageError } from '../errors.js';
import type { Command } from './command.js';
import { choiceOption } from './options.js';

/**
 * `cfp factors [search text] [--region …] [--year …] [--kind …] [--format table|json|csv]`: browse the factor
 * registry (China electricity factors, IPCC GWP values, the starter datasets) with the source of every value. No match is not an error:
 * a message on stderr, empty output (`[]` in JSON, the header in CSV) and exit code 0; bad options exit 2.
 */
export const factors: Command = {
  options: {
    region: { type: 'string' },
    year: { type: 'string' },
    kind: { type: 'string' },
    format: { type: 'string' },
  },
  async run(positionals, values, out) {
    const format = choiceOption(values, 'format', ['table', 'json', 'csv'] as const, 'table');
    const text = positionals.join(' ').trim();
    const year = yearOption(values.year);
    const region = stringOption(values.region, 'region');
    const kind = stringOption(values.kind, 'kind');
    if (kind !== undefined) {
      const kinds = [...new Set(factorRecords(providers).map((r) => r.kind))];
      if (!kinds.includes(kind.toLowerCase()))
        throw new UsageError(`--kind must be one of ${kinds.join(', ')}, got '${kind}'`);
    }
    const matches = searchFactors(text || undefined, { region, year, kind }, providers);
    if (matches.length === 0) {
      const filters = [
        text ? `'${text}'` : undefined,
        region ? `region ${region}` : undefined,
        year !== undefined ? `year ${year}` : undefined,
        kind ? `kind ${kind}` : undefined,
      ].filter(Boolean);
      out.stderr(
        `cfp: no factor matches ${filters.join(', ')}. Try fewer words or filters; regions are named in English ` +
          `or Chinese ('East China', '华东', 'Jiangsu', '江苏'); 'cfp factors' alone lists every factor.\n`,
      );
    }
    if (format === 'json') out.stdout(JSON.stringify(matches, null, 2) + '\n');
    else if (format === 'csv') out.stdout(csvRows(matches));
    else if (matches.length > 0) out.stdout(table(matches));
  },
};

function yearOption(raw: string | boolean | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const year = Number(raw);
  if (typeof raw !== 'string' || !Number.isSafeInteger(year) || year < 1000 || year > 9999)
    throw new UsageError(`--year must be a year such as 2023, got '${String(raw)}'`);
  return year;
}

function stringOption(raw: string | boolean | undefined, name: string): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.trim() === '') throw new UsageError(`--${name} needs a value`);
  return raw.trim();
}

function csvRows(records: readonly FactorRecord[]): string {
  return csv(
    [
      'id',
      'kind',
      'name',
      'nameChinese',
      'value',
      'unit',
      'region',
      'regionChinese',
      'year',
      'basis',
      'species',
      'issuer',
      'document',
      'date',
      'url',
      'licence',
      'notes',
    ],
    records.map((r) => [
      r.id,
      r.kind,
      r.name,
      r.nameChinese,
      r.value,
      r.unit,
      r.region,
      r.regionChinese,
      r.year,
      r.basis,
      r.species,
      r.source.issuer,
      r.source.document,
      r.source.date,
      r.source.url,
      r.licence,
      r.notes,
    ]),
  );
}

/** Columns padded to their widest cell (CJK characters count two columns), then the sources by number. */
function table(records: readonly FactorRecord[]): string {
  const sources: string[] = [];
  const sourceNumber = (r: FactorRecord) => {
    const text =
      `${r.source.issuer}: ${r.source.document}` +
      `${r.source.date ? `, ${r.source.date}` : ''}${r.source.url ? `. ${r.source.url}` : ''}`;
    let index = sources.indexOf(text);
    if (index === -1) index = sources.push(text) - 1;
    return `[${index + 1}]`;
  };
  const rows = [
    ['id', 'value', 'unit', 'region', 'year', 'basis', 'source'],
    ...records.map((r) => [
      r.id,
      // Ten significant digits hide sums' binary noise (0.07435320000000001); JSON and CSV keep every digit.
      formatNumber(Number(r.value.toPrecision(10))),
      r.unit,
      [r.region, r.regionChinese].filter((x, i, all) => x && all.indexOf(x) === i).join(' '),
      r.year === undefined ? '' : String(r.year),
      r.basis,
      sourceNumber(r),
    ]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => displayWidth(row[column]))));
  const lines = rows.map((row) =>
    row
      .map((cell, column) =>
        column === row.length - 1 ? cell : cell + ' '.repeat(widths[column] - displayWidth(cell)),
      )
      .join('  '),
  );
  return (
    lines.join('\n') +
    '\n\nSources:\n' +
    sources.map((s, i) => `[${i + 1}] ${s}`).join('\n') +
    `\n\n${records.length} factor${records.length === 1 ? '' : 's'}. Names, notes and licences: --format json.\n`
  );
}

/** Terminal columns of a text: East Asian wide and full-width characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6);
    width += wide ? 2 : 1;
  }
  return width;
}
