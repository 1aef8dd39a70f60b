import {
  ACCOUNTING_RULES,
  CHINA_CO2_FACTOR_YEARS,
  CHINA_ELECTRICITY_SOURCES,
  CHINA_LIFE_CYCLE_FACTOR_YEARS,
  CHINA_REGIONAL_GRID_MEMBERSHIP_NOTE,
  chinaElectricityFactors,
  chinaElectricityGaps,
  type AccountingChoice,
  type ChinaFactorVariant,
} from '@opencfp/refdata';
import type { ElectricityFactorBasis } from './model-electricity.js';
import { ELECTRICITY_ACCOUNTING, INSTRUMENT_KINDS } from './product-model-document.js';

/** An area electricity inputs can name, with the data years of its grid average per factor basis. */
export interface ElectricityRegion {
  /** As published, and what `source.region` takes ('江苏'; the English name works too). */
  name: string;
  nameEnglish: string;
  level: 'national' | 'regional' | 'provincial';
  /** A province's regional grid(s); not cited (see `regionalGridMembershipNote`). */
  regionalGrids?: string[];
  /** Data years with a grid average ('location-based'), per factor basis. */
  years: Record<ElectricityFactorBasis, number[]>;
}

/** One published factor, as refdata holds it. */
export interface ElectricityReferenceFactor {
  id: string;
  name: string;
  nameChinese: string;
  region: string;
  regionEnglish: string;
  level: 'national' | 'regional' | 'provincial';
  year: number;
  value: number;
  unit: string;
  factorBasis: ElectricityFactorBasis;
  variant: ChinaFactorVariant;
  generationType?: string;
  lineLosses?: 'excluded' | 'included';
  notes: string;
  /** Key of `sources`. */
  sourceId: string;
}

/** An announcement the factors come from. */
export interface ElectricityReferenceSource {
  id: string;
  /** The document as published (title and number). */
  name: string;
  issuer: string;
  /** The year of publication (the factors' data years are on the factors). */
  year: number;
  publicationDate: string;
  version: string;
  url?: string;
  licence: string;
  transcribedFrom: string;
}

/** What an electricity input of a product model can be: the areas, years, bases, choices and every factor. */
export interface ElectricityReference {
  regions: ElectricityRegion[];
  factorBases: {
    id: ElectricityFactorBasis;
    gas: 'CO2' | 'CO2e';
    scope: 'operational' | 'life-cycle';
    unit: string;
    levels: ('national' | 'regional' | 'provincial')[];
    years: number[];
    description: string;
  }[];
  accounting: {
    id: AccountingChoice;
    rule: string;
    /** Which factor the kWh not covered by an accepted instrument take. */
    remainder: 'grid average of the region' | 'residual-like factor (national)' | 'national grid mix';
    usesInstruments: boolean;
  }[];
  instrumentKinds: string[];
  timeMatching: ('annual' | 'hourly')[];
  /** China's residual-like factor by data year: the national CO2 factor excluding market-traded non-fossil power. */
  residualMix: { year: number; factorId: string }[];
  factors: ElectricityReferenceFactor[];
  sources: ElectricityReferenceSource[];
  regionalGridMembershipNote: string;
  /** Published cells that are empty (values that do not exist and are never filled in). */
  gaps: string[];
}

const basisOf = (scope: 'operational' | 'life-cycle'): ElectricityFactorBasis =>
  scope === 'operational' ? 'operational-co2' : 'life-cycle-co2e';

const REMAINDER: Readonly<Record<AccountingChoice, ElectricityReference['accounting'][number]['remainder']>> =
  {
    'location-based': 'grid average of the region',
    'market-based': 'residual-like factor (national)',
    'residual-mix': 'residual-like factor (national)',
    'eu-battery': 'national grid mix',
  };

/**
 * The choices an electricity input offers, from refdata's published China factors (no number of its own): the
 * areas with their data years per factor basis, the accounting choices with their rules, the residual-like factors
 * and every factor with its announcement (name, year, version, licence, url). The model editor's reference.
 *
 * @example
 * const ref = electricityReference();
 * ref.regions.find((r) => r.nameEnglish === 'Jiangsu')?.years['operational-co2']; // [2021, 2022, 2023]
 */
export function electricityReference(): ElectricityReference {
  const regions = new Map<string, ElectricityRegion>();
  for (const f of chinaElectricityFactors) {
    let region = regions.get(f.region);
    if (!region) {
      region = {
        name: f.region,
        nameEnglish: f.regionEnglish,
        level: f.level,
        ...(f.regionalGrids ? { regionalGrids: [...f.regionalGrids] } : {}),
        years: { 'operational-co2': [], 'life-cycle-co2e': [] },
      };
      regions.set(f.region, region);
    }
    if (f.basis.variant === 'location-average') region.years[basisOf(f.basis.scope)].push(f.year);
  }
  const levelsOf = (scope: 'operational' | 'life-cycle') => [
    ...new Set(chinaElectricityFactors.filter((f) => f.basis.scope === scope).map((f) => f.level)),
  ];
  return {
    regions: [...regions.values()],
    factorBases: [
      {
        id: 'operational-co2',
        gas: 'CO2',
        scope: 'operational',
        unit: 'kg CO2/kWh',
        levels: levelsOf('operational'),
        years: [...CHINA_CO2_FACTOR_YEARS],
        description:
          'The MEE/NBS electricity CO2 emission factors: CO2 emitted in generating the electricity consumed in ' +
          'the area, without other gases, the fuel chain or infrastructure (not life-cycle). The only factors with ' +
          'regional and provincial resolution.',
      },
      {
        id: 'life-cycle-co2e',
        gas: 'CO2e',
        scope: 'life-cycle',
        unit: 'kg CO2e/kWh',
        levels: levelsOf('life-cycle'),
        years: [...CHINA_LIFE_CYCLE_FACTOR_YEARS],
        description:
          'The MEE/NBS/NEA electricity carbon-footprint factors: life-cycle CO2e per kWh of the national average ' +
          'electricity (and per generation type, for instruments). National only.',
      },
    ],
    accounting: ELECTRICITY_ACCOUNTING.map((id) => ({
      id,
      rule: ACCOUNTING_RULES[id],
      remainder: REMAINDER[id],
      usesInstruments: id === 'market-based' || id === 'eu-battery',
    })),
    instrumentKinds: [...INSTRUMENT_KINDS],
    timeMatching: ['annual', 'hourly'],
    residualMix: chinaElectricityFactors
      .filter((f) => f.basis.variant === 'excluding-market-traded-non-fossil')
      .map((f) => ({ year: f.year, factorId: f.id })),
    factors: chinaElectricityFactors.map((f) => ({
      id: f.id,
      name: f.name,
      nameChinese: f.nameChinese,
      region: f.region,
      regionEnglish: f.regionEnglish,
      level: f.level,
      year: f.year,
      value: f.value,
      unit: f.unit,
      factorBasis: basisOf(f.basis.scope),
      variant: f.basis.variant,
      ...(f.generationType ? { generationType: f.generationType } : {}),
      ...(f.lineLosses ? { lineLosses: f.lineLosses } : {}),
      notes: f.notes,
      sourceId: f.source.id,
    })),
    sources: Object.values(CHINA_ELECTRICITY_SOURCES).map((s) => ({
      id: s.id,
      name: s.document,
      issuer: s.issuer,
      year: Number(s.publicationDate.slice(0, 4)),
      publicationDate: s.publicationDate,
      version: `announcement dated ${s.publicationDate}`,
      ...(s.url ? { url: s.url } : {}),
      licence: s.licence,
      transcribedFrom: s.transcribedFrom,
    })),
    regionalGridMembershipNote: CHINA_REGIONAL_GRID_MEMBERSHIP_NOTE,
    gaps: chinaElectricityGaps.map((g) => g.description),
  };
}
