// A study: a product model and its result, the rule set it declares and the choices and assessments it states,
// and what the compliance check returns. The data-quality, uncertainty and sensitivity summaries are the minimal
// shapes the checker needs; the packages that compute them (core, model) can fill them from their own results.
import type { ProductModelDocument, ProductModelFootprint } from '@opencfp/model';
import type {
  AccountingChoice,
  AllocationMethod,
  Boundary,
  DqrIndicator,
  EndOfLifeApproach,
  LocalText,
  ProductType,
  RequirementLevel,
  RequirementTopic,
} from '@opencfp/refdata';

/** A data-quality summary of the study (pedigree, PEF DQR or PACT DQR), as far as the rule sets ask. */
export interface DataQualitySummary {
  /** How it was assessed, e.g. 'pedigree', 'pef-dqr', 'pact-dqr'. */
  method: string;
  /** Share of primary data in the footprint, 0 … 1 (PACT: of the PCF excluding biogenic CO2 uptake). */
  primaryDataShare?: number;
  /** Ratings by indicator, on the method's scale (PACT and PEF: 1 best … 5 worst). */
  ratings?: Partial<Record<DqrIndicator, number>>;
  /** Share of the footprint the assessment covers, 0 … 1. */
  coverage?: number;
}

/** A quantitative uncertainty analysis (e.g. a Monte Carlo run of the model). */
export interface UncertaintySummary {
  /** e.g. 'monte-carlo'. */
  method: string;
  iterations?: number;
  mean?: number;
  standardDeviation?: number;
  /** Percentiles by name, e.g. { p2_5: …, p97_5: … }. */
  percentiles?: Record<string, number>;
}

/** A sensitivity analysis: how much the result moves with each input or choice. */
export interface SensitivitySummary {
  /** e.g. 'one-at-a-time', 'scenarios', 'spearman'. */
  method: string;
  entries: { name: string; effect: number }[];
}

/** One thing left out of the study, with an estimate of its size. */
export interface CutOffExclusion {
  name: string;
  /** Estimated kg CO2e per declared unit of what was left out. */
  co2e?: number;
  /** Or its estimated share of the anticipated total (footprint plus exclusions), 0 … 1. */
  share?: number;
  reason: string;
  /** This entry estimates the inputs the background datasets cut off (CUT_OFF_FLOWS in the result). */
  covers?: 'background-cut-off-flows';
}

/** The study's cut-off criteria and what they excluded. */
export interface CutOffStatement {
  criteria: string;
  exclusions: CutOffExclusion[];
}

/** Choices the study states (they are not all visible in the model). */
export interface DeclaredChoices {
  /** 'none': no process of the study needed allocation. */
  allocation?: { method: AllocationMethod | 'none'; justification?: string };
  /** The study's general electricity accounting (each electricity input also states its own). */
  electricity?: { accounting: AccountingChoice; statement?: string };
  endOfLife?: { approach: EndOfLifeApproach; statement?: string };
  cutOff?: CutOffStatement;
  /** A qualitative statement on the uncertainty of the result. */
  uncertaintyStatement?: string;
  /** The use profile (for studies that include the use stage). */
  useProfile?: string;
}

/** What a report or declaration needs beyond the model. */
export interface ReportInformation {
  manufacturer?: string;
  /** Product model, type or identifier (e.g. the battery model). */
  productIdentification?: string;
  plantLocation?: string;
  /** Web link to the public version of the study. */
  publicStudyUrl?: string;
  /** kg of product per declared unit (PACT productMassPerDeclaredUnit). */
  productMassPerDeclaredUnit?: number;
  limitations?: string;
}

/** A person's statement that a requirement the model cannot show is met, with where the evidence is. */
export interface Attestation {
  requirementId: string;
  statement: string;
  by?: string;
  reference?: string;
}

/** A study, as the compliance check reads it. */
export interface Study {
  /** The rule set the study declares (e.g. 'iso-14067-2018'). */
  ruleSetId: string;
  productType: ProductType;
  boundary: Boundary;
  functionalUnit?: string;
  declaredUnit?: string;
  document: ProductModelDocument;
  /** The calculation of `document` (calculateProductModel). */
  result: ProductModelFootprint;
  /** The period the data represent (YYYY-MM-DD). */
  referencePeriod?: { start: string; end: string };
  /** When the study is (to be) reported (YYYY-MM-DD); phase-ins keyed by report date use it. */
  reportDate?: string;
  dataQuality?: DataQualitySummary;
  uncertainty?: UncertaintySummary;
  sensitivity?: SensitivitySummary;
  choices?: DeclaredChoices;
  report?: ReportInformation;
  attestations?: Attestation[];
}

export type ComplianceStatus = 'met' | 'not-met' | 'not-applicable' | 'needs-evidence';

/** Something in the study the status rests on: a JSON pointer (/result/…, /document/…, /study/…) and its value. */
export interface Evidence {
  path: string;
  value?: string | number | boolean | null;
  /** What the value means here, when it is not plain (e.g. a share computed from it). */
  note?: string;
}

/** The check of one requirement. */
export interface ComplianceFinding {
  requirementId: string;
  clause: string;
  topic: RequirementTopic;
  /** The level that applies to this study (a phase-in may make it recommended still). */
  level: RequirementLevel;
  status: ComplianceStatus;
  evidence: Evidence[];
  /** Why this status, with the figures. */
  message: LocalText;
  /** How to meet it (when not met or evidence is needed). */
  fix?: LocalText;
  /** What the rule set's data could not confirm for this requirement. */
  toBeConfirmed?: string[];
}

/** The compliance of a study with its rule set. */
export interface ComplianceReport {
  ruleSetId: string;
  ruleSetVersion: string;
  findings: ComplianceFinding[];
  counts: Record<ComplianceStatus, number>;
  /** True when any mandatory requirement is not met: the study cannot be published. */
  blocksPublication: boolean;
  /** The mandatory requirements not met. */
  blocking: string[];
}
