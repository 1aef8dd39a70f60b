import {
  chinaElectricityFactor,
  compareWithPublished,
  gridModel,
  type GridImport,
  type GridModelInput,
} from '@opencfp/refdata';
import { UsageError } from '../errors.js';
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

/**
 * `cfp grid --mix coal=0.6,hydro=0.4 [--year 2024] [--losses 0.05] [--import 西南=0.2@0.25] [--compare 全国]`:
 * a grid's life-cycle factor from its generation mix, compared with a published factor.
 */
export const grid: Command = {
  options: {
    mix: { type: 'string' },
    year: { type: 'string' },
    losses: { type: 'string' },
    import: { type: 'string', multiple: true },
    compare: { type: 'string' },
    label: { type: 'string' },
    format: { type: 'string' },
  },
  async run(positionals, values, out) {
    if (positionals.length > 0)
      throw new UsageError('usage: cfp grid --mix <type>=<share>,… (no positional arguments)');
    if (typeof values.mix !== 'string')
      throw new UsageError(
        '--mix is required: the generation mix as <type>=<share>,… with types coal, gas, hydro, nuclear, wind, solar-pv, solar-thermal, biomass (shares sum to 1)',
      );
    const format = choiceOption(values, 'format', ['text', 'json'] as const, 'text');
    const input: GridModelInput = { mix: parseMix(values.mix) };
    if (typeof values.label === 'string') input.label = values.label;
    if (typeof values.year === 'string') input.year = number(values.year, '--year');
    if (typeof values.losses === 'string') input.lossFraction = number(values.losses, '--losses');
    const imports = (values as Record<string, unknown>).import;
    if (Array.isArray(imports)) input.imports = imports.map((x) => parseImport(String(x)));
    const result = gridModel(input);
    let comparison;
    if (typeof values.compare === 'string') {
      const [region, year] = values.compare.split(':');
      const y = year === undefined ? result.year : number(year, '--compare year');
      const national = region.trim() === '全国' || /^china$/i.test(region.trim());
      // The national life-cycle factor is on the model's basis; regions and provinces only have operational CO2.
      const published =
        national && y >= 2023
          ? chinaElectricityFactor({ region: '全国', year: y, scope: 'life-cycle' })
          : chinaElectricityFactor({ region, year: y });
      comparison = compareWithPublished(result, published);
    }
    if (format === 'json') {
      out.stdout(JSON.stringify({ ...result, ...(comparison ? { comparison } : {}) }, null, 2) + '\n');
      return;
    }
    const f = (x: number) => x.toFixed(4);
    const lines = [
      `Grid model${result.label ? ` — ${result.label}` : ''} (per-type life-cycle factors of ${result.year})`,
      '',
      ...result.breakdown.generation.map(
        (g) =>
          `  ${g.type.padEnd(14)} ${(100 * g.share).toFixed(1).padStart(5)} % × ${f(g.factor)} → ${f(g.contribution)}`,
      ),
      ...result.breakdown.imports.map(
        (i) =>
          `  import ${i.from.padEnd(7)} ${(100 * i.share).toFixed(1).padStart(5)} % × ${f(i.factor)} → ${f(i.contribution)}`,
      ),
      `  losses         ${(100 * result.breakdown.losses.fraction).toFixed(1).padStart(5)} %          → ${f(result.breakdown.losses.contribution)}`,
      `  T&D infrastructure                 → ${f(result.breakdown.transmissionDistribution.contribution)}`,
      '',
      `Generation ${f(result.generationFactor)} · supply ${f(result.supplyFactor)} · consumption ${f(result.consumptionFactor)} kg CO2e/kWh`,
    ];
    if (comparison)
      lines.push(
        `Published ${comparison.publishedId ?? ''}: ${f(comparison.published)} — difference ${comparison.difference >= 0 ? '+' : ''}${f(comparison.difference)} (${(100 * comparison.relativeDifference).toFixed(1)} %)`,
        ...comparison.notes.map((n) => `  note: ${n}`),
      );
    lines.push(...result.notes.map((n) => `  note: ${n}`), '', result.equation);
    out.stdout(lines.join('\n') + '\n');
  },
};
