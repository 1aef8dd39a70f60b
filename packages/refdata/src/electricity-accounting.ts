// Accounting choices for purchased electricity in a study: location-based (the grid average), market-based
// (contractual instruments that meet the quality criteria, the rest at the residual mix), residual mix only, and
// the EU battery carbon-footprint rule (a direct connection or the national grid mix, no certificates). The rules
// and their sources are in ACCOUNTING_RULES and docs/electricity.md.
import {
  chinaElectricityFactor,
  type ChinaElectricityFactor,
  type ChinaFactorQuery,
} from './china-electricity.js';
import { RefdataError } from './errors.js';

export type AccountingChoice = 'location-based' | 'market-based' | 'residual-mix' | 'eu-battery';

/** Contractual instruments and own supply: green electricity certificate (绿证, GEC), PPA, on-site, direct line. */
export type InstrumentKind = 'green-electricity-certificate' | 'ppa' | 'on-site' | 'direct-line';

/**
 * The quality criteria an instrument must meet for a market-based claim (after the GHG Protocol Scope 2
 * Guidance's Scope 2 Quality Criteria): each is the user's statement, to be backed by evidence for verification.
 */
export interface QualityCriteria {
  /** The attributes of these kWh are claimed once, by this consumer only (no double counting). */
  uniqueClaim: boolean;
  /** Tracked in a registry and cancelled (retired) for this consumer; for own generation: metered. */
  trackedAndCancelled: boolean;
  /** Generated in the same period as the consumption (the same year). */
  timeMatch: boolean;
  /** Matched hour by hour with the consumption; required only when the study asks for hourly matching. */
  hourlyMatch?: boolean;
  /** Generated within the same grid / market boundary as the consumption. */
  marketMatch: boolean;
}

/** For the EU battery rule: the conditions of a direct connection. */
export interface DirectConnection {
  /** The generating installation is connected to the plant by a direct line or on site, not through the grid. */
  physical: boolean;
  /** A contract gives the electricity and its attributes to this plant only (none sold or claimed elsewhere). */
  contractual: boolean;
}

export interface ElectricityInstrument {
  id: string;
  kind: InstrumentKind;
  /** kWh the instrument covers. */
  kWh: number;
  /** kg CO2e (or kg CO2) per kWh of the electricity the instrument stands for. */
  factor: number;
  /** Unit of `factor`; default 'kg CO2e/kWh'. */
  unit?: string;
  factorSource: string;
  criteria: QualityCriteria;
  directConnection?: DirectConnection;
}

/** A grid or residual-mix factor with its source. */
export interface AccountingFactor {
  id?: string;
  value: number;
  /** 'kg CO2e/kWh' or 'kg CO2/kWh'. */
  unit: string;
  source: string;
  /** Area the factor describes; the EU battery rule needs 'national'. */
  level?: 'national' | 'regional' | 'provincial' | 'other';
  /** What a user must know about this factor; copied into the result's notes. */
  notes?: readonly string[];
}

export interface ElectricityAccountingInput {
  choice: AccountingChoice;
  /** Electricity consumed in the study, kWh. */
  consumptionKWh: number;
  /** The grid average (location-based) or the national grid mix of the country of production (eu-battery). */
  gridFactor?: AccountingFactor;
  /** The residual mix for kWh not covered by accepted instruments (market-based) or for all (residual-mix). */
  residualMix?: AccountingFactor;
  instruments?: readonly ElectricityInstrument[];
  /** 'annual' (default): same year; 'hourly': instruments must also be matched hour by hour. */
  timeMatching?: 'annual' | 'hourly';
}

export interface AccountingLine {
  /** Where the factor of these kWh comes from. */
  basis: 'instrument' | 'grid' | 'residual-mix';
  /** The instrument's id, or the factor's id ('grid' / 'residual-mix' when it has none). */
  id: string;
  kind?: InstrumentKind;
  kWh: number;
  factor: number;
  unit: string;
  factorSource: string;
  /** kWh × factor, kg. */
  emissions: number;
}

export interface RejectedInstrument {
  id: string;
  kind: InstrumentKind;
  kWh: number;
  reasons: string[];
}

export interface ElectricityAccountingResult {
  choice: AccountingChoice;
  consumptionKWh: number;
  lines: AccountingLine[];
  rejected: RejectedInstrument[];
  /** Σ emissions of the lines, kg (CO2e or CO2, see `emissionsUnit`). */
  totalEmissions: number;
  /** 'kg CO2e', 'kg CO2', or 'kg (CO2 and CO2e mixed)' when the factors differ in basis (see notes). */
  emissionsUnit: string;
  /** totalEmissions / consumptionKWh. */
  averageFactor: number;
  notes: string[];
}

/** The rule of each choice, and where it comes from. */
export const ACCOUNTING_RULES: Readonly<Record<AccountingChoice, string>> = Object.freeze({
  'location-based':
    'All consumption at the average factor of the grid (region and year) it is drawn from; contractual ' +
    'instruments are not used (GHG Protocol Scope 2 Guidance, 2015, location-based method).',
  'market-based':
    'kWh covered by instruments (green electricity certificates, PPAs, on-site generation, direct lines) that meet ' +
    'every quality criterion — unique claim, tracked and cancelled in a registry, time match (same year, or hourly ' +
    'when the study asks), market match (same grid/market boundary) — take the instrument’s factor; an instrument ' +
    'failing a criterion is rejected with the reasons; the remaining kWh take the residual mix (GHG Protocol Scope 2 ' +
    'Guidance, 2015, market-based method and Scope 2 Quality Criteria; ISO 14067:2018 requirements on electricity).',
  'residual-mix':
    'All consumption at the residual mix of the market (what is left after the attributes sold through instruments ' +
    'are removed). For China: the official national factor excluding market-traded non-fossil electricity, used as ' +
    'a residual-like factor.',
  'eu-battery':
    'EU Battery Regulation (EU) 2023/1542, carbon footprint of electric vehicle batteries, as in the draft ' +
    'Commission Delegated Regulation on the calculation method (Ref. Ares(2024)3131389, 29 April 2024, not adopted; ' +
    'section 2.4.1 of its annex on electricity): only electricity from an installation with a direct connection to ' +
    'the plant (direct line or on site, with the physical and contractual conditions) is modelled as such; all other ' +
    'electricity takes the national grid mix of the country where the production takes place. Certificates ' +
    '(guarantees of origin, GECs) and PPAs through the grid are not accepted.',
});

const EU_BATTERY_SOURCE =
  'Draft Commission Delegated Regulation supplementing Regulation (EU) 2023/1542 by establishing the methodology ' +
  'for the calculation and verification of the carbon footprint of electric vehicle batteries, Ref. ' +
  'Ares(2024)3131389, 29 April 2024 (draft, not adopted), section 2.4.1 (electricity)';

/**
 * Emissions of the electricity consumed in a study under one accounting choice, with the kWh, factor and source
 * of each line, the instruments rejected and why, and notes.
 *
 * @throws RefdataError `INVALID_CONSUMPTION`, `INVALID_INSTRUMENT`, `GRID_FACTOR_REQUIRED`,
 *   `RESIDUAL_MIX_REQUIRED`, `INSTRUMENTS_EXCEED_CONSUMPTION`, `EU_BATTERY_NATIONAL_MIX_REQUIRED`.
 * @example
 * accountElectricity({ choice: 'location-based', consumptionKWh: 1000, gridFactor: chinaGridFactor('江苏', 2023) })
 *   .totalEmissions // 582.7 (kg CO2)
 */
export function accountElectricity(input: ElectricityAccountingInput): ElectricityAccountingResult {
  const consumption = input.consumptionKWh;
  if (!Number.isFinite(consumption) || consumption < 0)
    throw new RefdataError(
      'INVALID_CONSUMPTION',
      `the consumption is ${consumption} kWh: give a number ≥ 0.`,
    );
  const instruments = input.instruments ?? [];
  for (const instrument of instruments) checkInstrument(instrument);
  const notes: string[] = [ACCOUNTING_RULES[input.choice]];
  const lines: AccountingLine[] = [];
  const rejected: RejectedInstrument[] = [];

  switch (input.choice) {
    case 'location-based': {
      const grid = required(
        input.gridFactor,
        'GRID_FACTOR_REQUIRED',
        "location-based accounting needs gridFactor: the average factor of the grid (region and year), e.g. chinaGridFactor('江苏', 2023).",
      );
      if (instruments.length > 0)
        notes.push('Instruments are not used in location-based accounting; report them under market-based.');
      lines.push(factorLine('grid', grid, consumption));
      notes.push(...(grid.notes ?? []));
      break;
    }
    case 'residual-mix': {
      const residual = required(input.residualMix, 'RESIDUAL_MIX_REQUIRED', residualHint('residual-mix'));
      if (instruments.length > 0)
        notes.push('Instruments are not used when all consumption takes the residual mix.');
      lines.push(factorLine('residual-mix', residual, consumption));
      notes.push(...(residual.notes ?? []));
      break;
    }
    case 'market-based': {
      const residual = required(input.residualMix, 'RESIDUAL_MIX_REQUIRED', residualHint('market-based'));
      for (const instrument of instruments) {
        const reasons = qualityFailures(instrument, input.timeMatching ?? 'annual');
        if (reasons.length > 0)
          rejected.push({ id: instrument.id, kind: instrument.kind, kWh: instrument.kWh, reasons });
        else lines.push(instrumentLine(instrument));
      }
      addRemainder(lines, 'residual-mix', residual, consumption);
      notes.push(...(residual.notes ?? []));
      break;
    }
    case 'eu-battery': {
      const grid = required(
        input.gridFactor,
        'GRID_FACTOR_REQUIRED',
        "the EU battery rule needs gridFactor: the national grid mix of the country where the production takes place, e.g. chinaGridFactor('全国', 2024, 'life-cycle').",
      );
      if (grid.level !== undefined && grid.level !== 'national')
        throw new RefdataError(
          'EU_BATTERY_NATIONAL_MIX_REQUIRED',
          `the EU battery rule takes the national grid mix of the country of production, not a ${grid.level} factor ` +
            `(${grid.id ?? grid.source}); give the national factor.`,
        );
      if (grid.level === undefined)
        notes.push(
          'Make sure gridFactor is the national grid mix of the country where the production takes place.',
        );
      for (const instrument of instruments) {
        const reasons = directConnectionFailures(instrument);
        if (reasons.length > 0)
          rejected.push({ id: instrument.id, kind: instrument.kind, kWh: instrument.kWh, reasons });
        else lines.push(instrumentLine(instrument));
      }
      addRemainder(lines, 'grid', grid, consumption);
      notes.push(...(grid.notes ?? []), `Source: ${EU_BATTERY_SOURCE}.`);
      break;
    }
  }

  const totalEmissions = lines.reduce((sum, line) => sum + line.emissions, 0);
  const units = new Set(lines.map((line) => line.unit));
  let emissionsUnit = 'kg CO2e';
  if (units.size === 1) emissionsUnit = [...units][0].replace(/\/kWh$/, '');
  else if (units.size > 1) {
    emissionsUnit = 'kg (CO2 and CO2e mixed)';
    notes.push(
      `The factors are on different bases (${[...units].join(', ')}): the total adds them as given; use factors ` +
        `of one basis for a consistent result.`,
    );
  }
  return {
    choice: input.choice,
    consumptionKWh: consumption,
    lines,
    rejected,
    totalEmissions,
    emissionsUnit,
    averageFactor: consumption === 0 ? 0 : totalEmissions / consumption,
    notes,
  };
}

/**
 * A published China factor as an accounting factor.
 *
 * @example accountingFactorFrom(chinaElectricityFactor({ region: '华东', year: 2023 })).value // 0.55
 */
export function accountingFactorFrom(factor: ChinaElectricityFactor): AccountingFactor {
  const notes: string[] = [];
  if (factor.basis.scope === 'operational')
    notes.push(
      `${factor.id} is an operational CO2 factor (kg CO2/kWh: CO2 from generation only, no other gases, fuel chain ` +
        `or infrastructure); for a life-cycle footprint use a life-cycle factor or a grid model.`,
    );
  return {
    id: factor.id,
    value: factor.value,
    unit: factor.unit,
    source: `${factor.source.issuer}: ${factor.source.document}, ${factor.source.publicationDate}`,
    level: factor.level,
    notes,
  };
}

/**
 * The published China grid average of an area (Chinese or English name) and data year: the CO2 emission factor by
 * default (national, regional and provincial, 2021–2023), or the national life-cycle factor (2023, 2024).
 *
 * @example chinaGridFactor('Jiangsu', 2023).value // 0.5827 (kg CO2/kWh)
 */
export function chinaGridFactor(
  region: string,
  year: number,
  scope: ChinaFactorQuery['scope'] = 'operational',
): AccountingFactor {
  return accountingFactorFrom(chinaElectricityFactor({ region, year, scope, variant: 'location-average' }));
}

/**
 * China's residual-like factor: the official national CO2 factor excluding market-traded non-fossil electricity.
 *
 * @example chinaResidualMix(2023).value // 0.6096 (kg CO2/kWh)
 */
export function chinaResidualMix(year: number): AccountingFactor {
  const factor = accountingFactorFrom(
    chinaElectricityFactor({ region: '全国', year, variant: 'excluding-market-traded-non-fossil' }),
  );
  return {
    ...factor,
    notes: [
      `China publishes no residual mix; ${factor.id}, the official national factor excluding market-traded ` +
        'non-fossil electricity, is used as a residual-like factor. It removes the non-fossil electricity sold in ' +
        'market transactions nationally, not every attribute claimed elsewhere (e.g. certificates sold on their own).',
      ...(factor.notes ?? []),
    ],
  };
}

function residualHint(choice: string): string {
  return (
    `${choice} accounting needs residualMix: for China use chinaResidualMix(year); elsewhere give the residual mix ` +
    `of the market with its source (e.g. the AIB European Residual Mixes).`
  );
}

/** The factor a choice needs, checked. */
function required(factor: AccountingFactor | undefined, code: string, message: string): AccountingFactor {
  if (factor === undefined) throw new RefdataError(code, message);
  if (!Number.isFinite(factor.value) || factor.value < 0)
    throw new RefdataError(
      'INVALID_FACTOR',
      `the factor ${factor.id ?? factor.source} is ${factor.value}: give a number ≥ 0.`,
    );
  return factor;
}

function checkInstrument(instrument: ElectricityInstrument): void {
  if (!Number.isFinite(instrument.kWh) || instrument.kWh < 0)
    throw new RefdataError(
      'INVALID_INSTRUMENT',
      `instrument '${instrument.id}' covers ${instrument.kWh} kWh: give a number ≥ 0.`,
    );
  if (!Number.isFinite(instrument.factor) || instrument.factor < 0)
    throw new RefdataError(
      'INVALID_INSTRUMENT',
      `instrument '${instrument.id}' has factor ${instrument.factor}: give kg per kWh ≥ 0.`,
    );
}

function qualityFailures(instrument: ElectricityInstrument, timeMatching: 'annual' | 'hourly'): string[] {
  const c = instrument.criteria;
  const reasons: string[] = [];
  if (!c.uniqueClaim)
    reasons.push('no unique claim: the same attributes may be counted twice (double counting)');
  if (!c.trackedAndCancelled)
    reasons.push('not tracked and cancelled (retired) in a registry for this consumer');
  if (!c.timeMatch) reasons.push('not generated in the same period as the consumption (time match)');
  if (timeMatching === 'hourly' && c.hourlyMatch !== true)
    reasons.push('the study asks for hourly matching and the instrument is not matched hour by hour');
  if (!c.marketMatch)
    reasons.push('not from the same grid / market boundary as the consumption (market match)');
  return reasons;
}

function directConnectionFailures(instrument: ElectricityInstrument): string[] {
  if (instrument.kind === 'green-electricity-certificate')
    return [
      'certificates (GECs, guarantees of origin) are not accepted by the EU battery carbon-footprint rule',
    ];
  if (instrument.kind === 'ppa')
    return [
      'a PPA delivered through the grid is not accepted by the EU battery carbon-footprint rule; only a direct connection is',
    ];
  const reasons: string[] = [];
  if (instrument.directConnection?.physical !== true)
    reasons.push('no physical direct connection (direct line or on site, not through the grid)');
  if (instrument.directConnection?.contractual !== true)
    reasons.push('no contract giving the electricity and its attributes to this plant only');
  if (!instrument.criteria.uniqueClaim)
    reasons.push('no unique claim: the same attributes may be counted twice');
  return reasons;
}

function instrumentLine(instrument: ElectricityInstrument): AccountingLine {
  return {
    basis: 'instrument',
    id: instrument.id,
    kind: instrument.kind,
    kWh: instrument.kWh,
    factor: instrument.factor,
    unit: instrument.unit ?? 'kg CO2e/kWh',
    factorSource: instrument.factorSource,
    emissions: instrument.kWh * instrument.factor,
  };
}

function factorLine(basis: 'grid' | 'residual-mix', factor: AccountingFactor, kWh: number): AccountingLine {
  return {
    basis,
    id: factor.id ?? basis,
    kWh,
    factor: factor.value,
    unit: factor.unit,
    factorSource: factor.source,
    emissions: kWh * factor.value,
  };
}

/** The kWh not covered by accepted instruments, at the given factor. */
function addRemainder(
  lines: AccountingLine[],
  basis: 'grid' | 'residual-mix',
  factor: AccountingFactor,
  consumption: number,
): void {
  const covered = lines.reduce((sum, line) => sum + line.kWh, 0);
  if (covered > consumption)
    throw new RefdataError(
      'INSTRUMENTS_EXCEED_CONSUMPTION',
      `the accepted instruments cover ${covered} kWh, more than the ${consumption} kWh consumed: claim only the kWh ` +
        `consumed in the study (split an instrument if needed).`,
    );
  const remainder = consumption - covered;
  if (remainder > 0) lines.push(factorLine(basis, factor, remainder));
}
