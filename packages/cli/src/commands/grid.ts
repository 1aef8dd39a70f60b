import {
  CHINA_CO2_FACTOR_YEARS,
  chinaElectricityFactor,
  chinaElectricityFactors,
  chinaRegionName,
  compareWithPublished,
  gridModel,
  type ChinaElectricityFactor,
  type GridComparison,
  type GridImport,
  type GridModelInput,
  type GridModelResult,
  type SourcedFactor,
} from '@opencfp/refdata';
import { UsageError } from '../errors.js';
import { padToWidth, textWidth } from '../text-width.js';
import type { Command } from './command.js';
import { choiceOption } from './options.js';

const number = (text: string, what: string): number => {
  const x = Number(text);
  if (text.trim() === '' || !Number.isFinite(x))
    throw new UsageError(`${what} must be a number, got '${text}'`);
  return x;
};

/** 'coal=0.6,hydro=0.2' → { coal: 0.6, hydro: 0.2 }. */
function parseMix(text: string): Record<string, number> {
  const mix: Record<string, number> = {};
  for (const part of text.split(',')) {
    const [type, share] = part.split('=');
    if (!type || share === undefined)
      throw new UsageError(`--mix: '${part}' is not <type>=<share>, e.g. --mix coal=0.6,hydro=0.3,wind=0.1`);
    mix[type.trim()] = number(share, `--mix ${type.trim()}`);
  }
  return mix;
}

/** '西南=0.2@0.25' → an import of 20 % of the supply at 0.25 kg CO2e/kWh. */
function parseImport(text: string): GridImport {
  const m = /^([^=]+)=([^@]+)@(.+)$/.exec(text);
  if (!m)
    throw new UsageError(
      `--import: '${text}' is not <grid>=<share>@<factor>, e.g. --import 西南=0.2@0.25 (20 % of the supply at 0.25 kg CO2e/kWh)`,
    );
  return {
    from: m[1].trim(),
    share: number(m[2], `--import ${m[1]} share`),
    factor: number(m[3], `--import ${m[1]} factor`),
    source: 'given on the command line',
  };
}

/** 'oil=0.8@plant EPD 2023' → factorOverrides entry oil: 0.8 kg CO2e/kWh with its source. */
function parseFactor(text: string): [string, SourcedFactor] {
  const m = /^([^=]+)=([^@]+)@(.*)$/.exec(text);
  if (!m || m[3].trim() === '')
    throw new UsageError(
      `--factor: '${text}' is not <type>=<value>@<source>, e.g. --factor oil=0.8@"plant EPD 2023" ` +
        `(kg CO2e per kWh generated, with where the number comes from)`,
    );
  const type = m[1].trim();
  return [type, { value: number(m[2], `--factor ${type}`), source: m[3].trim() }];
}

/**
 * The published factor `--compare <area>[:<year>]` names: 全国 (China) is the national life-cycle factor, on the
 * model's basis; a regional grid or province is its operational CO2 factor (the only factor published for it).
 * Without a year, the model's year, or else the latest year published, with a note; a year that was not
 * published is an error that lists the years that were.
 */
function comparisonFactor(
  text: string,
  modelYear: number,
): { published: ChinaElectricityFactor; notes: string[] } {
  const [areaText, yearText, ...rest] = text.split(':');
  const area = areaText.trim();
  if (rest.length > 0 || area === '')
    throw new UsageError(
      `--compare: '${text}' is not <area>[:<year>], e.g. --compare 全国 or --compare Jiangsu:2023`,
    );
  const region = chinaRegionName(area);
  const scope = region === '全国' ? 'life-cycle' : 'operational';
  // An unknown area: the library's message lists the areas there are.
  if (region === undefined)
    return { published: chinaElectricityFactor({ region: area, year: modelYear }), notes: [] };
  const years = chinaElectricityFactors
    .filter((f) => f.region === region && f.basis.scope === scope && f.basis.variant === 'location-average')
    .map((f) => f.year)
    .sort((a, b) => a - b);
  const what =
    scope === 'life-cycle'
      ? `the national life-cycle (carbon-footprint) factor`
      : `the operational CO2 factor of ${area}`;
  if (yearText !== undefined) {
    const year = number(yearText, '--compare year');
    if (!years.includes(year))
      throw new UsageError(
        `--compare ${text}: ${what} was not published for ${year}; it exists for ${years.join(', ')} ` +
          `(e.g. --compare ${area}:${years[years.length - 1]})` +
          (scope === 'life-cycle'
            ? `. 全国 always means the life-cycle factor, the model's basis; the national operational CO2 factors ` +
              `(${CHINA_CO2_FACTOR_YEARS.join(', ')}) are listed by \`cfp factors 全国\`.`
            : '.'),
      );
    return { published: chinaElectricityFactor({ region, year, scope }), notes: [] };
  }
  if (years.includes(modelYear))
    return { published: chinaElectricityFactor({ region, year: modelYear, scope }), notes: [] };
  const latest = years[years.length - 1];
  return {
    published: chinaElectricityFactor({ region, year: latest, scope }),
    notes: [
      `${what.charAt(0).toUpperCase()}${what.slice(1)} was not published for ${modelYear} (the model's year): ` +
        `compared with the latest, ${latest} ` +
        `(--compare ${area}:<year> chooses one of ${years.join(', ')}).`,
    ],
  };
}

/** Rows of cells as text, each column as wide as its widest cell in terminal columns (Chinese counts 2). */
function table(rows: string[][], alignEnd: readonly boolean[]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => textWidth(row[c]))));
  return rows.map((row) =>
    (
      '  ' + row.map((cell, c) => padToWidth(cell, widths[c], alignEnd[c] ? 'end' : 'start')).join('  ')
    ).trimEnd(),
  );
}

/** The model as a table whose every line multiplies out, then the totals, the comparison and the notes. */
function gridText(result: GridModelResult, comparison: GridComparison | undefined): string {
  const f = (x: number) => x.toFixed(4);
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const { breakdown } = result;
  const rows = [
    ['', 'own generation', 'supply', '', 'factor', '', 'kg CO2e/kWh'],
    ...breakdown.generation.map((g) => [
      g.type,
      pct(g.share),
      pct(g.shareOfSupply),
      '×',
      f(g.factor),
      '→',
      f(g.contribution),
    ]),
    ...breakdown.imports.map((i) => [
      `import ${i.from}`,
      '',
      pct(i.share),
      '×',
      f(i.factor),
      '→',
      f(i.contribution),
    ]),
    [
      `losses (${pct(breakdown.losses.fraction)} of the supply)`,
      '',
      '',
      '',
      '',
      '→',
      f(breakdown.losses.contribution),
    ],
    ['T&D infrastructure', '', '', '', '', '→', f(breakdown.transmissionDistribution.contribution)],
    ['consumption factor', '', '', '', '', '=', f(result.consumptionFactor)],
  ];
  const imported = 1 - breakdown.ownGenerationShare;
  const lines = [
    `Grid model${result.label ? ` — ${result.label}` : ''} (per-type life-cycle factors of ${result.year})`,
    '',
    ...table(rows, [false, true, true, false, true, false, true]),
    '',
    `  own generation: share in the grid's own generation (the mix);`,
    `  supply: share in all electricity supplied = own generation × ${pct(breakdown.ownGenerationShare)}` +
      (imported > 0 ? ` (${pct(imported)} is imported);` : ' (nothing imported);'),
    `  factor: kg CO2e per kWh generated or imported; the last column is per kWh consumed and adds up to the`,
    `  consumption factor (supply × factor, plus losses and T&D).`,
    '',
    `Generation ${f(result.generationFactor)} · supply ${f(result.supplyFactor)} · consumption ` +
      `${f(result.consumptionFactor)} kg CO2e/kWh`,
  ];
  if (comparison)
    lines.push(
      `Published ${comparison.publishedId ?? ''}: ${f(comparison.published)} — difference ` +
        `${comparison.difference >= 0 ? '+' : ''}${f(comparison.difference)} ` +
        `(${(100 * comparison.relativeDifference).toFixed(1)} %)`,
      ...comparison.notes.map((n) => `  note: ${n}`),
    );
  lines.push(...result.notes.map((n) => `  note: ${n}`), '', result.equation);
  return lines.join('\n') + '\n';
}

/**
 * `cfp grid --mix coal=0.6,hydro=0.4 [--year 2024] [--losses 0.05] [--import 西南=0.2@0.25]…
 * [--factor oil=0.8@<source>]… [--compare 全国[:<year>]]`: a grid's life-cycle factor from its generation mix,
 * compared with a published factor.
 */
export const grid: Command = {
  options: {
    mix: { type: 'string' },
    year: { type: 'string' },
    losses: { type: 'string' },
    import: { type: 'string', multiple: true },
    factor: { type: 'string', multiple: true },
    compare: { type: 'string' },
    label: { type: 'string' },
    format: { type: 'string' },
  },
  async run(positionals, values, out) {
    if (positionals.length > 0)
      throw new UsageError('usage: cfp grid --mix <type>=<share>,… (no positional arguments)');
    if (typeof values.mix !== 'string')
      throw new UsageError(
        '--mix is required: the generation mix as <type>=<share>,… with types coal, gas, hydro, nuclear, wind, ' +
          'solar-pv, solar-thermal, biomass, or a type of your own with --factor <type>=<value>@<source> ' +
          '(shares sum to 1)',
      );
    const format = choiceOption(values, 'format', ['text', 'json'] as const, 'text');
    const input: GridModelInput = { mix: parseMix(values.mix) };
    if (typeof values.label === 'string') input.label = values.label;
    if (typeof values.year === 'string') input.year = number(values.year, '--year');
    if (typeof values.losses === 'string') input.lossFraction = number(values.losses, '--losses');
    const { import: imports, factor: factors } = values as Record<string, unknown>;
    if (Array.isArray(imports)) input.imports = imports.map((x) => parseImport(String(x)));
    if (Array.isArray(factors)) {
      const overrides: Record<string, SourcedFactor> = {};
      for (const [type, factor] of factors.map((x) => parseFactor(String(x)))) {
        if (type in overrides)
          throw new UsageError(`--factor ${type} is given twice: give one factor per type`);
        overrides[type] = factor;
      }
      input.factorOverrides = overrides;
    }
    const result = gridModel(input);
    let comparison: GridComparison | undefined;
    if (typeof values.compare === 'string') {
      const { published, notes } = comparisonFactor(values.compare, result.year);
      comparison = compareWithPublished(result, published);
      comparison.notes.unshift(...notes);
    }
    if (format === 'json')
      out.stdout(JSON.stringify({ ...result, ...(comparison ? { comparison } : {}) }, null, 2) + '\n');
    else out.stdout(gridText(result, comparison));
  },
};
