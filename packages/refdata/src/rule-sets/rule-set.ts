// What a carbon-footprint rule set (a standard, a regulation's method, a methodology) requires of a study, as data:
// each requirement has a stable id, the clause it paraphrases, a topic, a level and a machine-checkable condition
// written in a small typed vocabulary (no code, no formulas), and its text in English and Chinese. Every number a
// condition uses is a SourcedNumber naming the source and clause it comes from; a number we could not confirm is
// left out and named in `toBeConfirmed`. The standards are copyrighted: the texts here are our own short
// paraphrases, never the standards' wording. packages/study checks a study against a rule set.
import type { AccountingChoice } from '../electricity-accounting.js';
import type { StageScheme } from '../carbon-footprint.js';

/** A text in English and in Chinese. */
export interface LocalText {
  en: string;
  zh: string;
}

/** One document a rule set's clauses and numbers come from. */
export interface RuleSource {
  /** Unique within the rule set; SourcedNumber.sourceId refers to it. */
  id: string;
  /** Title of the document (standard, regulation, report, specification). */
  title: string;
  publisher: string;
  year: number;
  /** Edition, version or document reference (e.g. 'v3.0.3', 'Ref. Ares(2024)3131389'). */
  edition?: string;
  url?: string;
  /** Where and how we read what we took from it (so a reviewer can check it). */
  seen: string;
}

/** Where a value in a condition comes from: a source of the rule set and the clause in it. */
export interface SourceReference {
  sourceId: string;
  clause: string;
}

/** A number in a condition, with its unit and source. */
export interface SourcedNumber extends SourceReference {
  value: number;
  /** '%' for shares (1 = 1 %), 'rating' for data-quality ratings, 'years' for time horizons. */
  unit: '%' | 'rating' | 'years';
}

/** A date (YYYY-MM-DD) in a condition, with its source. */
export interface SourcedDate extends SourceReference {
  date: string;
}

/** Words or codes in a condition (a unit, an IPCC report), with their source. */
export interface SourcedValues extends SourceReference {
  values: string[];
}

export type ProductType = 'intermediate' | 'final';
export type Boundary = 'cradle-to-gate' | 'cradle-to-grave' | 'gate-to-gate';
export type UnitRequirement = 'functional-unit' | 'declared-unit' | 'functional-or-declared-unit';
export type RequirementLevel = 'mandatory' | 'recommended';

export const REQUIREMENT_TOPICS = [
  'boundary',
  'unit',
  'gwp',
  'separate-reporting',
  'stages',
  'cut-off',
  'allocation',
  'electricity',
  'data-quality',
  'uncertainty',
  'end-of-life',
  'time-period',
  'verification',
  'report',
] as const;
export type RequirementTopic = (typeof REQUIREMENT_TOPICS)[number];

/** Parts of a footprint a rule set wants reported on their own (they map to the result's split and document). */
export const SEPARATE_ITEMS = [
  'fossil',
  'biogenic-emissions',
  'biogenic-removals',
  'dluc',
  'land-management',
  'aircraft',
  'packaging',
  'fossil-carbon-content',
  'biogenic-carbon-content',
] as const;
export type SeparateItem = (typeof SEPARATE_ITEMS)[number];

/** Ways to handle a multi-output process, from "avoid allocation" to allocation by another relationship. */
export const ALLOCATION_METHODS = [
  'subdivision',
  'system-expansion',
  'physical',
  'economic',
  'other',
] as const;
export type AllocationMethod = (typeof ALLOCATION_METHODS)[number];

/** End-of-life (recycling) modelling approaches. */
export const END_OF_LIFE_APPROACHES = [
  'cut-off',
  'avoided-burden',
  'circular-footprint-formula',
  'other',
] as const;
export type EndOfLifeApproach = (typeof END_OF_LIFE_APPROACHES)[number];

/** Data-quality rating indicators (names as PACT and the EF method use them). */
export const DQR_INDICATORS = [
  'technological',
  'geographical',
  'temporal',
  'completeness',
  'reliability',
  'precision',
] as const;
export type DqrIndicator = (typeof DQR_INDICATORS)[number];

/** What a study report (or a declaration) must contain; packages/study maps each to the study's fields. */
export const REPORT_ITEMS = [
  'functional-or-declared-unit',
  'system-boundary',
  'gwp-set',
  'separate-values',
  'results-by-stage',
  'cut-off-criteria',
  'allocation',
  'data-quality',
  'reference-period',
  'electricity',
  'biogenic-approach',
  'uncertainty',
  'end-of-life',
  'use-profile',
  'background-data-sources',
  'product-mass-per-declared-unit',
  'manufacturer',
  'product-identification',
  'plant-location',
  'public-study-link',
  'limitations',
] as const;
export type ReportItem = (typeof REPORT_ITEMS)[number];

/**
 * A machine-checkable condition: one of a fixed set of checks, with parameters. Numbers only ever appear as
 * SourcedNumber (with their source), so a schema can check that every number has one.
 */
export type Condition =
  /** The study's boundary must be one of those allowed for its product type. */
  | { check: 'boundary'; allowed: Record<ProductType, Boundary[]> }
  /** The study must define a functional or declared unit; `unit`: the declared unit must be in this unit. */
  | { check: 'unit'; required: Record<ProductType, UnitRequirement>; unit?: SourcedValues }
  /**
   * Characterisation: a GWP set of the IPCC (or the EF reference package, which OpenCFP does not hold: then the
   * set used can only be confirmed by a person); optionally a time horizon and the assessment reports accepted.
   */
  | {
      check: 'gwp-set';
      characterisation: 'ipcc' | 'ef-reference-package';
      horizonYears?: SourcedNumber;
      assessmentReports?: SourcedValues;
    }
  /** These parts must be reported on their own. */
  | { check: 'separate-reporting'; items: SeparateItem[] }
  /** Results by the life-cycle stages of this scheme, with nothing left unassigned or outside it. */
  | { check: 'stages'; scheme: StageScheme }
  /**
   * Cut-off: a stated criterion, and the exclusions' shares of the anticipated total (the footprint plus the
   * estimates of what was left out) within the limits given.
   */
  | {
      check: 'cut-off';
      statementRequired: boolean;
      maxSharePerExclusion?: SourcedNumber;
      minCoveredShare?: SourcedNumber;
      maxExcludedShare?: SourcedNumber;
      /** The excluded share must be stated as a number (PACT's exemptedEmissionsPercent). */
      excludedShareRequired?: boolean;
    }
  /**
   * Allocation: the method used must be in the hierarchy (levels in order of preference; methods on one level are
   * equal); below the first level a justification may be required.
   */
  | { check: 'allocation'; hierarchy: AllocationMethod[][]; justificationBelowFirstLevel: boolean }
  /** Every electricity input must be accounted by one of these choices. */
  | { check: 'electricity'; accepted: AccountingChoice[] }
  /** A data-quality assessment, the primary data share and ratings as asked. */
  | {
      check: 'data-quality';
      assessmentRequired: boolean;
      primaryDataShare?: { required: boolean; min?: SourcedNumber };
      ratings?: {
        indicators: DqrIndicator[];
        scaleMin: SourcedNumber;
        scaleMax: SourcedNumber;
        maxAllowed?: SourcedNumber;
      };
    }
  /** An uncertainty assessment (a qualitative statement, a quantitative analysis) or a sensitivity analysis. */
  | { check: 'uncertainty'; kind: 'qualitative' | 'quantitative' | 'sensitivity' }
  /** The end-of-life approach must be one of these (checked when the boundary includes the end of life). */
  | { check: 'end-of-life'; accepted: EndOfLifeApproach[] }
  /** The study states the time period its data represent. */
  | { check: 'reference-period' }
  /** The report must contain these items. */
  | { check: 'report'; items: ReportItem[] }
  /** Something the model cannot show (verification, site data collected …): a person attests it, with evidence. */
  | { check: 'attestation' };

export type ConditionCheck = Condition['check'];

/** One requirement of a rule set. */
export interface Requirement {
  /** Stable id, e.g. 'iso-14067-2018.cut-off'. */
  id: string;
  /** The clause, e.g. 'ISO 14067:2018 6.3.4.3'. */
  clause: string;
  /** True when we could not confirm the clause number against the document. */
  clauseToBeConfirmed?: boolean;
  topic: RequirementTopic;
  level: RequirementLevel;
  /** Only for these product types or boundaries (else not applicable). */
  appliesTo?: { productTypes?: ProductType[]; boundaries?: Boundary[] };
  /** Recommended until `mandatoryFrom` (by the reference period's end or the report date), mandatory after. */
  phaseIn?: { mandatoryFrom: SourcedDate; basis: 'reference-period-end' | 'report-date' };
  condition: Condition;
  /** Our paraphrase of what the clause asks (never the standard's text). */
  text: LocalText;
  /** How to meet it. */
  fix: LocalText;
  /** What we could not confirm for this requirement (numbers left out, readings to check). */
  toBeConfirmed?: string[];
}

/** A rule set: one version of a standard or method, with its requirements. */
export interface RuleSet {
  /** Stable id with the version, e.g. 'iso-14067-2018'. A new version is a new rule set with a new id. */
  id: string;
  name: LocalText;
  version: string;
  publisher: string;
  year: number;
  url: string;
  /** Copyright and licence of the document, and what we hold of it. */
  copyright: string;
  /** What the rule set covers, in a sentence or two. */
  scope: LocalText;
  /** Another rule set this one replaces or narrows. */
  supersedes?: string;
  sources: RuleSource[];
  requirements: Requirement[];
  /** Rule-set-wide points we could not confirm. */
  toBeConfirmed?: string[];
}
