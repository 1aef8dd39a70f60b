// Electricity inputs of a product model: a China area's published grid factor (refdata china-electricity.ts) under
// one accounting choice (refdata electricity-accounting.ts), with the contractual instruments covering part of the
// input. Factors and the instruments' acceptance are settled when the model is prepared; the kWh (which may be
// formulas, scenario values or Monte Carlo draws) are accounted at each evaluation.
import type { CompiledFormula } from '@opencfp/core';
import {
  accountElectricity,
  accountingFactorFrom,
  CHINA_CO2_FACTOR_YEARS,
  CHINA_LIFE_CYCLE_FACTOR_YEARS,
  chinaElectricityFactor,
  chinaElectricityFactors,
  chinaRegionName,
  chinaResidualMix,
  PREAGGREGATED_SPECIES,
  RefdataError,
  type AccountingChoice,
  type AccountingFactor,
  type ChinaElectricityFactor,
  type ChinaFactorVariant,
  type ElectricityAccountingResult,
  type ElectricityInstrument,
  type InstrumentKind,
} from '@opencfp/refdata';
import { requireCommonUnitFactor } from './common-units.js';
import { ModelError } from './errors.js';
import { amountValue, emptyParts, type PerUnit } from './prepare-product-model.js';
import type { ModelElectricitySource, ModelInput } from './product-model-document.js';

/** Which published factors an electricity input takes: operational CO2 or life-cycle CO2e. */
export type ElectricityFactorBasis = ModelElectricitySource['factorBasis'];

/** A published factor as a result carries it: the value, what it covers and the announcement it comes from. */
export interface ElectricityFactorProvenance {
  /** The refdata record id, e.g. 'cn-co2-location-average-2023-jiangsu'. */
  id: string;
  name: string;
  nameChinese: string;
  region: string;
  regionEnglish: string;
  level: 'national' | 'regional' | 'provincial';
  /** The data year. */
  year: number;
  value: number;
  unit: string;
  gas: 'CO2' | 'CO2e';
  scope: 'operational' | 'life-cycle';
  variant: ChinaFactorVariant;
  source: {
    id: string;
    issuer: string;
    document: string;
    publicationDate: string;
    url?: string;
    licence: string;
  };
}

/** An instrument of an electricity input, ready to evaluate. */
export interface PreparedInstrument {
  id: string;
  path: string;
  kind: InstrumentKind;
  /** The share of the input it covers (0 … 1), or the energy it covers in its unit (`toKWh` kWh each). */
  share?: number | CompiledFormula;
  amount?: number | CompiledFormula;
  text: string | undefined;
  toKWh: number;
  factor: number;
  unit: string;
  factorSource: string;
  criteria: ElectricityInstrument['criteria'];
  directConnection?: ElectricityInstrument['directConnection'];
}

/** An electricity input with its factors found and its instruments judged. */
export interface PreparedElectricity {
  path: string;
  name: string;
  /** The area as published ('江苏') and in English. */
  region: string;
  regionEnglish: string;
  level: 'national' | 'regional' | 'provincial';
  year: number;
  accounting: AccountingChoice;
  factorBasis: ElectricityFactorBasis;
  timeMatching: 'annual' | 'hourly';
  /** kWh in one unit of the input. */
  toKWh: number;
  /** The grid average (location-based) or the national grid mix (eu-battery). */
  grid?: { factor: AccountingFactor; record: ChinaElectricityFactor };
  /** China's residual-like factor (market-based, residual-mix). */
  residual?: { factor: AccountingFactor; record: ChinaElectricityFactor };
  instruments: PreparedInstrument[];
  /** What to know beyond the accounting's own notes (the national mix replacing the area's, mixed bases). */
  notes: string[];
}

/** One evaluation of an electricity input: the accounting of the kWh per run of its process, and its kg per unit. */
export interface ElectricityEvaluation {
  result: ElectricityAccountingResult;
  perUnit: PerUnit;
  /** Whether the instruments covered more than a drawn consumption and were cut to it (Monte Carlo only). */
  trimmed: boolean;
}

const OPERATIONAL = 'operational-co2';

/** The factor record of a refdata factor, for results. */
export function factorProvenance(f: ChinaElectricityFactor): ElectricityFactorProvenance {
  return {
    id: f.id,
    name: f.name,
    nameChinese: f.nameChinese,
    region: f.region,
    regionEnglish: f.regionEnglish,
    level: f.level,
    year: f.year,
    value: f.value,
    unit: f.unit,
    gas: f.basis.gas,
    scope: f.basis.scope,
    variant: f.basis.variant,
    source: {
      id: f.source.id,
      issuer: f.source.issuer,
      document: f.source.document,
      publicationDate: f.source.publicationDate,
      ...(f.source.url === undefined ? {} : { url: f.source.url }),
      licence: f.source.licence,
    },
  };
}

const basisName = (basis: ElectricityFactorBasis) =>
  basis === OPERATIONAL ? 'operational CO2 emission factor' : 'life-cycle (carbon-footprint) CO2e factor';

/** The one published factor of an area, year, basis and variant; UNKNOWN_FACTOR naming what exists otherwise. */
function publishedFactor(
  region: string,
  regionLabel: string,
  year: number,
  basis: ElectricityFactorBasis,
  variant: ChinaFactorVariant,
  path: string,
  what: string,
): ChinaElectricityFactor {
  const scope = basis === OPERATIONAL ? 'operational' : 'life-cycle';
  try {
    return chinaElectricityFactor({ region, year, scope, variant });
  } catch (e) {
    if (!(e instanceof RefdataError)) throw e;
    const years = chinaElectricityFactors
      .filter((f) => f.region === region && f.basis.scope === scope && f.basis.variant === variant)
      .map((f) => f.year);
    const operationalYears = CHINA_CO2_FACTOR_YEARS.join(', ');
    const lifeCycleYears = CHINA_LIFE_CYCLE_FACTOR_YEARS.join(', ');
    if (years.length > 0)
      throw new ModelError(
        'UNKNOWN_FACTOR',
        `${path}/source/year`,
        `no ${what} of ${regionLabel} was published for ${year}: it exists for ${[...new Set(years)].join(', ')}; set year to one of them` +
          (basis === OPERATIONAL
            ? ` (life-cycle CO2e factors, national only, exist for ${lifeCycleYears})`
            : ` (operational CO2 factors exist for ${operationalYears})`),
      );
    throw new ModelError(
      'UNKNOWN_FACTOR',
      `${path}/source/factorBasis`,
      `no ${what} is published for ${regionLabel}: life-cycle CO2e factors are published for the nation only ` +
        `(全国 / China, ${lifeCycleYears}); set region '全国', or factorBasis 'operational-co2' for the ` +
        `national, regional and provincial CO2 factors (${operationalYears})`,
    );
  }
}

const refdataProblem = (e: unknown, path: string): unknown =>
  e instanceof RefdataError ? new ModelError('INVALID_MODEL', path, e.message) : e;

/**
 * Finds the factors of an electricity input under an accounting choice (its own, or the scenario's) and compiles
 * its instruments' shares or amounts: UNKNOWN_FACTOR when the area, year and basis have no published factor,
 * naming the ones that exist. Which instruments the choice accepts is settled when it is evaluated.
 *
 * @example prepareElectricity(input, input.source, '/processes/0/inputs/2', 'market-based', compileAmount)
 */
export function prepareElectricity(
  input: ModelInput,
  source: ModelElectricitySource,
  path: string,
  accounting: AccountingChoice,
  compile: (value: number | string, path: string) => number | CompiledFormula,
): PreparedElectricity {
  const region = chinaRegionName(source.region);
  if (region === undefined)
    throw new ModelError(
      'UNKNOWN_FACTOR',
      `${path}/source/region`,
      `unknown region '${source.region}': give '全国' (China), a regional grid or a province by its Chinese or English name (GET /v1/reference/electricity lists them)`,
    );
  const national = chinaElectricityFactors.find((f) => f.region === '全国') as ChinaElectricityFactor;
  const area = chinaElectricityFactors.find((f) => f.region === region) as ChinaElectricityFactor;
  const label = `${area.regionEnglish} (${region})`;
  const basis = source.factorBasis;
  const toKWh = requireCommonUnitFactor(
    input.unit,
    'kWh',
    `${path}/unit`,
    `electricity input '${input.name}'`,
  );
  const notes: string[] = [];
  let grid: PreparedElectricity['grid'];
  let residual: PreparedElectricity['residual'];
  if (accounting === 'location-based' || accounting === 'eu-battery') {
    // The EU battery rule takes the national grid mix of the country of production, whatever the plant's province.
    const gridRegion = accounting === 'eu-battery' ? '全国' : region;
    const record = publishedFactor(
      gridRegion,
      gridRegion === region ? label : `${national.regionEnglish} (全国)`,
      source.year,
      basis,
      'location-average',
      path,
      `${basisName(basis)} (grid average)`,
    );
    grid = { factor: accountingFactorFrom(record), record };
    if (gridRegion !== region)
      notes.push(
        `The EU battery rule takes the national grid mix of the country where the production takes place: ${record.id} (China), not the factor of ${label}.`,
      );
  } else {
    const record = publishedFactor(
      '全国',
      `China (全国)`,
      source.year,
      OPERATIONAL,
      'excluding-market-traded-non-fossil',
      path,
      "residual-like factor (China's national CO2 factor excluding market-traded non-fossil electricity)",
    );
    residual = { factor: chinaResidualMix(source.year), record };
    if (basis !== OPERATIONAL)
      notes.push(
        `China publishes no life-cycle residual mix: the ${accounting} kWh take the operational CO2 factor ${record.id} (kg CO2/kWh), so this input mixes CO2 and CO2e factors and is understated against a life-cycle basis.`,
      );
  }
  const instruments = source.instruments.map((x, j): PreparedInstrument => {
    const at = `${path}/source/instruments/${j}`;
    const unit = x.unit ?? input.unit;
    return {
      id: x.id ?? `instrument-${j + 1}`,
      path: at,
      kind: x.kind,
      ...(x.share !== undefined
        ? { share: compile(x.share, `${at}/share`) }
        : { amount: compile(x.amount as number | string, `${at}/amount`) }),
      text: typeof (x.share ?? x.amount) === 'string' ? String(x.share ?? x.amount) : undefined,
      toKWh:
        x.share !== undefined
          ? 1
          : requireCommonUnitFactor(
              unit,
              'kWh',
              `${at}/${x.unit === undefined ? 'amount' : 'unit'}`,
              `instrument '${x.id ?? j + 1}'`,
            ),
      factor: x.factor,
      unit: x.factorUnit,
      factorSource: x.factorSource,
      criteria: x.criteria,
      ...(x.directConnection === undefined ? {} : { directConnection: x.directConnection }),
    };
  });
  return {
    path,
    name: input.name,
    region,
    regionEnglish: area.regionEnglish,
    level: area.level,
    year: source.year,
    accounting,
    factorBasis: basis,
    timeMatching: source.timeMatching,
    toKWh,
    ...(grid ? { grid } : {}),
    ...(residual ? { residual } : {}),
    instruments,
    notes,
  };
}

function account(
  e: PreparedElectricity,
  kWh: number,
  covered: readonly number[],
): ElectricityAccountingResult {
  try {
    return accountElectricity({
      choice: e.accounting,
      consumptionKWh: kWh,
      ...(e.grid ? { gridFactor: e.grid.factor } : {}),
      ...(e.residual ? { residualMix: e.residual.factor } : {}),
      instruments: e.instruments.map((x, j) => ({
        id: x.id,
        kind: x.kind,
        kWh: covered[j],
        factor: x.factor,
        unit: x.unit,
        factorSource: x.factorSource,
        criteria: x.criteria,
        ...(x.directConnection ? { directConnection: x.directConnection } : {}),
      })),
      timeMatching: e.timeMatching,
    });
  } catch (error) {
    throw refdataProblem(error, `${e.path}/source`);
  }
}

/**
 * Accounts an electricity input whose amount per run of its process is `amountPerRun` (in its unit) with these
 * parameter values. Instruments covering more than the input are an error, or (`trim`, for Monte Carlo draws of
 * the consumption) cut to it, the last first.
 */
export function evaluateElectricity(
  e: PreparedElectricity,
  values: ReadonlyMap<string, number>,
  amountPerRun: number,
  trim = false,
): ElectricityEvaluation {
  const consumption = amountPerRun * e.toKWh;
  if (!(consumption >= 0))
    throw new ModelError(
      'INVALID_MODEL',
      `${e.path}/amount`,
      `electricity input '${e.name}' is ${amountPerRun}: electricity consumed cannot be negative${trim ? ' (a Monte Carlo draw: give it a distribution without negative values, e.g. lognormal)' : ''}`,
    );
  const covered = e.instruments.map((x) => {
    if (x.share !== undefined) {
      const share = amountValue(x.share, x.text, values, `${x.path}/share`);
      if (!(share >= 0 && share <= 1))
        throw new ModelError(
          'INVALID_MODEL',
          `${x.path}/share`,
          `instrument '${x.id}' covers a share of ${share}: a share is 0 … 1`,
        );
      return share * consumption;
    }
    const kWh =
      amountValue(x.amount as number | CompiledFormula, x.text, values, `${x.path}/amount`) * x.toKWh;
    if (!(kWh >= 0))
      throw new ModelError(
        'INVALID_MODEL',
        `${x.path}/amount`,
        `instrument '${x.id}' covers ${kWh} kWh: give an amount ≥ 0`,
      );
    return kWh;
  });
  const sum = () => covered.reduce((a, b) => a + b, 0);
  let trimmed = false;
  if (sum() > consumption) {
    // Shares that add up to 1 may exceed the consumption by a rounding error; anything more is a claim on
    // electricity that was not consumed.
    const rounding = sum() <= consumption * (1 + 1e-9);
    if (!rounding && !trim)
      throw new ModelError(
        'INVALID_MODEL',
        `${e.path}/source/instruments`,
        `the instruments of electricity input '${e.name}' cover ${sum()} kWh, more than the ${consumption} kWh consumed: claim at most the electricity consumed (split an instrument if needed)`,
      );
    trimmed = !rounding;
    for (let pass = 0; pass < 3 && sum() > consumption; pass++) {
      let excess = sum() - consumption;
      for (let j = covered.length - 1; j >= 0 && excess > 0; j--) {
        const cut = Math.min(covered[j], excess);
        covered[j] -= cut;
        excess -= cut;
      }
    }
  }
  const result = account(e, consumption, covered);
  let co2 = 0;
  let co2e = 0;
  for (const line of result.lines) {
    if (line.unit.startsWith('kg CO2/')) co2 += line.emissions;
    else co2e += line.emissions;
  }
  // kg per unit of the input: the accounting is linear in the kWh, but instruments given as amounts are not a
  // fixed share of it, so this holds for this amount only.
  const per = amountPerRun === 0 ? 0 : 1 / amountPerRun;
  const parts = emptyParts();
  parts.fossilEmissions = (co2 + co2e) * per;
  const gases: PerUnit['gases'] = [];
  // CO2's GWP is 1 in every set; a published CO2e total is taken as pre-aggregated, as in the starter database.
  if (co2 !== 0)
    gases.push({
      species: 'CO2',
      kind: 'fossil',
      mass: co2 * per,
      factor: 1,
      co2e: co2 * per,
      counted: true,
    });
  if (co2e !== 0)
    gases.push({
      species: PREAGGREGATED_SPECIES,
      kind: 'electricity',
      mass: co2e * per,
      factor: 1,
      co2e: co2e * per,
      counted: true,
    });
  return { result, perUnit: { parts, aircraft: 0, packaging: 0, gases }, trimmed };
}
