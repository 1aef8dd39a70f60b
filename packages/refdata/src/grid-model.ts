// A grid model: the life-cycle factor of the electricity consumed in a grid, built from its generation mix, the
// life-cycle factor of each generation type, imports from neighbouring grids, transmission and distribution (T&D)
// losses and the T&D infrastructure — so that a user can model a regional or provincial grid from its mix and see
// how the result compares with a published factor. The equation is in GRID_MODEL_EQUATION and docs/electricity.md.
import {
  GENERATION_TYPES,
  chinaElectricityFactor,
  chinaGenerationTypeFactors,
  type ChinaElectricityFactor,
  type GenerationType,
} from './china-electricity.js';
import { RefdataError } from './errors.js';

/** A value with where it comes from (a citation, or 'modelled: …'). */
export interface SourcedFactor {
  /** kg CO2e per kWh. */
  value: number;
  source: string;
}

/** Electricity a grid takes from a neighbouring grid. */
export interface GridImport {
  /** The exporting grid, e.g. '西南' or 'Sichuan (modelled)'. */
  from: string;
  /**
   * Fraction of the electricity the grid supplies (its own generation fed in plus all imports) that comes from
   * this grid. Losses apply to all of it alike, so this is also its fraction of the consumption.
   */
  share: number;
  /**
   * kg CO2e per kWh of the exporting grid's supply, on the same basis as the per-type factors (life-cycle,
   * before T&D and losses, which this model adds once for everything) — a published factor or the
   * `supplyFactor` of another grid model.
   */
  factor: number;
  source: string;
}

/** What to model. */
export interface GridModelInput {
  /** A name for the result, e.g. 'Jiangsu 2024 (hypothetical mix)'. */
  label?: string;
  /**
   * Shares of the grid's own generation by type (fractions summing to 1 ± 1e-9). Keys are GenerationType values
   * ('coal', 'gas', 'hydro', 'nuclear', 'wind', 'solar-pv', 'solar-thermal', 'biomass') or any other name for
   * which `factorOverrides` gives a factor (e.g. 'oil'; on the command line `cfp grid --factor oil=0.8@<source>`).
   */
  mix: Readonly<Record<string, number>>;
  /** Data year of the published per-type and T&D factors: 2024 (default) or 2023. */
  year?: number;
  /** A factor of the user's own for a type, with its source; replaces the published one (`cfp grid --factor`). */
  factorOverrides?: Readonly<Record<string, SourcedFactor>>;
  /** Electricity taken from neighbouring grids (`cfp grid --import`). */
  imports?: readonly GridImport[];
  /**
   * T&D losses as a fraction of the electricity supplied into the network (0 ≤ λ < 1), e.g. 0.05 for a 5 % line
   * loss rate (`cfp grid --losses 0.05`). Default 0 (no losses modelled; the result says so).
   */
  lossFraction?: number;
  /**
   * The T&D infrastructure factor per kWh consumed: 'published' (default: the year's published T&D factor
   * without line losses — losses are modelled by `lossFraction`), 'none', or a factor of the user's own.
   */
  transmissionDistribution?: 'published' | 'none' | SourcedFactor;
}

export interface GenerationContribution {
  type: string;
  /** Share of the grid's own generation (sᵢ, as given in the mix). */
  share: number;
  /** Share of the supply: (1 − Σ import shares) · share. */
  shareOfSupply: number;
  factor: number;
  source: string;
  /** shareOfSupply · factor = (1 − Σ import shares) · share · factor, kg CO2e per kWh consumed. */
  contribution: number;
}

export interface ImportContribution extends GridImport {
  /** share · factor, kg CO2e per kWh consumed. */
  contribution: number;
}

export interface GridModelResult {
  label?: string;
  year: number;
  unit: 'kg CO2e/kWh';
  /** Σ sᵢ fᵢ: per kWh of the grid's own generation. */
  generationFactor: number;
  /** (1 − Σ mⱼ) · generationFactor + Σ mⱼ Fⱼ: per kWh supplied into the network, before losses and T&D. */
  supplyFactor: number;
  /** supplyFactor / (1 − λ) + f_T&D: per kWh consumed. */
  consumptionFactor: number;
  breakdown: {
    /** 1 − Σ import shares: the fraction of the supply that is the grid's own generation. */
    ownGenerationShare: number;
    generation: GenerationContribution[];
    imports: ImportContribution[];
    /** supplyFactor · λ / (1 − λ): the electricity lost on the way, per kWh consumed. */
    losses: { fraction: number; contribution: number };
    transmissionDistribution: { factor: number; source: string; contribution: number };
  };
  equation: string;
  notes: string[];
}

/** The equation the model evaluates. */
export const GRID_MODEL_EQUATION =
  'F_consumption = [(1 − Σⱼ mⱼ) · Σᵢ sᵢ · fᵢ + Σⱼ mⱼ · Fⱼ] / (1 − λ) + f_T&D, where sᵢ is the share of ' +
  'generation type i in the grid’s own generation (Σᵢ sᵢ = 1), fᵢ its life-cycle factor (kg CO2e per kWh ' +
  'generated), mⱼ the share of the supply imported from grid j, Fⱼ that grid’s supply factor, λ the T&D loss ' +
  'fraction and f_T&D the T&D infrastructure factor per kWh consumed (without line losses).';

const SHARE_TOLERANCE = 1e-9;

/**
 * The consumption factor of a grid from its generation mix, with the contribution of each part.
 *
 * @throws RefdataError `GRID_MIX_NOT_NORMALISED` when the shares do not sum to 1 ± 1e-9,
 *   `GRID_MIX_INVALID_SHARE` / `GRID_IMPORTS_INVALID` / `GRID_LOSSES_INVALID` / `INVALID_FACTOR` for values out of
 *   range, `UNKNOWN_GENERATION_TYPE` for a type without a published factor and without an override,
 *   `UNKNOWN_CHINA_ELECTRICITY_FACTOR` for a year without published factors.
 * @example
 * // a hypothetical grid: 60 % coal, 20 % hydro, 10 % wind, 10 % PV; 20 % imported at 0.3; 5 % losses
 * gridModel({ mix: { coal: 0.6, hydro: 0.2, wind: 0.1, 'solar-pv': 0.1 },
 *   imports: [{ from: 'neighbour', share: 0.2, factor: 0.3, source: 'hypothetical' }], lossFraction: 0.05 })
 *   .consumptionFactor // ≈ 0.5441 kg CO2e/kWh
 */
export function gridModel(input: GridModelInput): GridModelResult {
  const year = input.year ?? 2024;
  const notes: string[] = [];
  const published = chinaGenerationTypeFactors(year);
  const overrides = input.factorOverrides ?? {};

  const shares = Object.entries(input.mix);
  if (shares.length === 0)
    throw new RefdataError(
      'GRID_MIX_INVALID_SHARE',
      'the generation mix is empty: give the share of each generation type.',
    );
  for (const [type, share] of shares)
    if (!Number.isFinite(share) || share < 0 || share > 1)
      throw new RefdataError(
        'GRID_MIX_INVALID_SHARE',
        `the share of '${type}' is ${share}: shares are fractions between 0 and 1 (e.g. 0.6 for 60 %).`,
      );
  const total = shares.reduce((sum, [, share]) => sum + share, 0);
  if (Math.abs(total - 1) > SHARE_TOLERANCE)
    throw new RefdataError(
      'GRID_MIX_NOT_NORMALISED',
      `the generation shares sum to ${total}, not 1: give fractions of the grid's own generation that add up to ` +
        `1 (imports are given separately: \`imports\`; \`cfp grid --import <grid>=<share>@<factor>\`).`,
    );
  for (const [type, factor] of Object.entries(overrides))
    checkFactor(factor.value, `the factor given for '${type}' (\`factorOverrides\`; \`cfp grid --factor\`)`);

  const generation: GenerationContribution[] = shares.map(([type, share]) => {
    const override = overrides[type];
    if (override) {
      notes.push(
        `${type}: the user's factor ${override.value} kg CO2e/kWh (${override.source}) ` +
          (isGenerationType(type)
            ? 'replaces the published one.'
            : 'is used (no published factor for this type).'),
      );
      return {
        type,
        share,
        shareOfSupply: 0,
        factor: override.value,
        source: override.source,
        contribution: 0,
      };
    }
    if (!isGenerationType(type))
      throw new RefdataError(
        'UNKNOWN_GENERATION_TYPE',
        `'${type}' has no published factor: use one of ${GENERATION_TYPES.join(', ')}, or give its factor ` +
          `(kg CO2e/kWh) with its source (\`factorOverrides\`; \`cfp grid --factor ${type}=<value>@<source>\`).`,
      );
    const factor = published[type];
    return { type, share, shareOfSupply: 0, factor: factor.value, source: citation(factor), contribution: 0 };
  });

  const imports = input.imports ?? [];
  for (const item of imports) {
    if (!Number.isFinite(item.share) || item.share < 0 || item.share > 1)
      throw new RefdataError(
        'GRID_IMPORTS_INVALID',
        `the import share from '${item.from}' is ${item.share}: give a fraction of the supply between 0 and 1.`,
      );
    checkFactor(item.factor, `the factor of the import from '${item.from}'`);
  }
  const importedShare = imports.reduce((sum, item) => sum + item.share, 0);
  if (importedShare > 1 + SHARE_TOLERANCE)
    throw new RefdataError(
      'GRID_IMPORTS_INVALID',
      `the import shares sum to ${importedShare}, more than the whole supply: each is a fraction of the supply.`,
    );
  const ownShare = Math.max(0, 1 - importedShare);

  const lossFraction = input.lossFraction ?? 0;
  if (!Number.isFinite(lossFraction) || lossFraction < 0 || lossFraction >= 1)
    throw new RefdataError(
      'GRID_LOSSES_INVALID',
      `the loss fraction is ${lossFraction}: give the share of the supplied electricity lost in T&D, 0 ≤ λ < 1 ` +
        `(e.g. 0.05 for 5 %).`,
    );
  if (input.lossFraction === undefined)
    notes.push(
      'No T&D losses modelled: the loss fraction was not given (`lossFraction`; `cfp grid --losses 0.05` for ' +
        '5 %), so the result is low by the losses.',
    );

  const td = transmissionDistribution(input.transmissionDistribution ?? 'published', year);
  if (td.note) notes.push(td.note);

  let generationFactor = 0;
  for (const item of generation) {
    generationFactor += item.share * item.factor;
    item.shareOfSupply = ownShare * item.share;
    item.contribution = item.shareOfSupply * item.factor;
  }
  const importContributions: ImportContribution[] = imports.map((item) => ({
    ...item,
    contribution: item.share * item.factor,
  }));
  const supplyFactor =
    ownShare * generationFactor + importContributions.reduce((sum, item) => sum + item.contribution, 0);
  const lossContribution = (supplyFactor * lossFraction) / (1 - lossFraction);
  const consumptionFactor = supplyFactor / (1 - lossFraction) + td.value;

  if (imports.length > 0)
    notes.push(
      'Import factors must be supply factors on the same basis (life-cycle CO2e, without the exporting grid’s T&D ' +
        'and losses); a published operational CO2 factor is not on that basis.',
    );
  return {
    ...(input.label === undefined ? {} : { label: input.label }),
    year,
    unit: 'kg CO2e/kWh',
    generationFactor,
    supplyFactor,
    consumptionFactor,
    breakdown: {
      ownGenerationShare: ownShare,
      generation,
      imports: importContributions,
      losses: { fraction: lossFraction, contribution: lossContribution },
      transmissionDistribution: { factor: td.value, source: td.source, contribution: td.value },
    },
    equation: GRID_MODEL_EQUATION,
    notes,
  };
}

/** A published factor to compare a model with: a China record or any factor with its source. */
export type PublishedFactor =
  ChinaElectricityFactor | { id?: string; value: number; unit: string; source: string; year?: number };

export interface GridComparison {
  modelled: number;
  published: number;
  publishedId?: string;
  /** modelled − published, kg per kWh. */
  difference: number;
  /** (modelled − published) / published. */
  relativeDifference: number;
  notes: string[];
}

/**
 * How a modelled consumption factor compares with a published one.
 *
 * @example compareWithPublished(result, chinaElectricityFactor({ region: '全国', year: 2024, scope: 'life-cycle' }))
 */
export function compareWithPublished(result: GridModelResult, published: PublishedFactor): GridComparison {
  checkFactor(published.value, 'the published factor');
  if (published.value === 0)
    throw new RefdataError(
      'INVALID_FACTOR',
      'the published factor is 0: a relative difference to it is undefined.',
    );
  const difference = result.consumptionFactor - published.value;
  const notes: string[] = [];
  if (published.unit !== result.unit)
    notes.push(
      `The published factor is in ${published.unit}, the model in ${result.unit} (life-cycle): an operational CO2 ` +
        `factor leaves out the fuel chain, the infrastructure and the other gases, so the model is expected to be ` +
        `higher.`,
    );
  if (published.year !== undefined && published.year !== result.year)
    notes.push(
      `The published factor is for ${published.year}, the model uses the per-type factors of ${result.year}: ` +
        `part of the difference is the change between the years.`,
    );
  return {
    modelled: result.consumptionFactor,
    published: published.value,
    ...(published.id === undefined ? {} : { publishedId: published.id }),
    difference,
    relativeDifference: difference / published.value,
    notes,
  };
}

function transmissionDistribution(
  choice: 'published' | 'none' | SourcedFactor,
  year: number,
): { value: number; source: string; note?: string } {
  if (choice === 'none') return { value: 0, source: 'none', note: 'No T&D infrastructure factor added.' };
  if (choice === 'published') {
    const factor = chinaElectricityFactor({
      region: '全国',
      year,
      scope: 'life-cycle',
      variant: 'transmission-distribution',
      lineLosses: 'excluded',
    });
    return { value: factor.value, source: citation(factor) };
  }
  checkFactor(choice.value, 'the T&D factor');
  return {
    ...choice,
    note:
      `T&D factor of the user: ${choice.value} kg CO2e/kWh (${choice.source}); it must exclude line losses, or ` +
      `the loss fraction (\`lossFraction\`; \`cfp grid --losses\`) must be 0, so the losses are not counted twice.`,
  };
}

function citation(factor: ChinaElectricityFactor): string {
  return `${factor.nameChinese}: ${factor.source.document}, ${factor.source.publicationDate} (${factor.id})`;
}

function checkFactor(value: number, what: string): void {
  if (!Number.isFinite(value) || value < 0)
    throw new RefdataError('INVALID_FACTOR', `${what} is ${value}: give kg CO2e per kWh, a number ≥ 0.`);
}

function isGenerationType(type: string): type is GenerationType {
  return (GENERATION_TYPES as readonly string[]).includes(type);
}
