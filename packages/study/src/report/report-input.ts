// What a study report is made from: the study (model, result, declared choices, as the compliance check reads it),
// the declaration of the study's goal, audience, scenarios, limitations and verification, and optionally the
// compliance findings, the data-quality assessment, a Monte Carlo run, a sensitivity analysis and what the
// background database says of its datasets. The Monte Carlo and sensitivity shapes are the minimum the report
// needs: model's MonteCarloResult fits ReportMonteCarlo as it is.
import type { ProductModelDataQuality } from '@opencfp/model';
import { z } from 'zod';
import type { ComplianceReport, Study } from '../study.js';

/** A text the modeller writes: one string, or English and Chinese versions (the report takes its language's). */
export type DeclaredText = string | { en?: string; zh?: string };

const Text = z.union([
  z.string().trim().min(1).max(20_000),
  z
    .strictObject({
      en: z.string().trim().min(1).max(20_000).optional(),
      zh: z.string().trim().min(1).max(20_000).optional(),
    })
    .refine((t) => t.en !== undefined || t.zh !== undefined, { message: 'give en, zh or both' }),
]);

/**
 * Who checked the study. `self-declared`: the organisation states it alone (ISO 14067 allows a CFP study without
 * verification; the report says so on its first page). `third-party-verified`: an independent verifier's statement.
 * `critical-review`: a critical review (ISO/TS 14071; GB/T 24067 recommends one). `not-verified`: a draft.
 */
export const VerificationStatementSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('self-declared'),
    statement: Text,
    by: z.string().trim().min(1).max(300).optional(),
    date: z.iso.date().optional(),
  }),
  z.strictObject({
    kind: z.enum(['third-party-verified', 'critical-review']),
    statement: Text,
    verifier: z.string().trim().min(1).max(300),
    date: z.iso.date(),
    /** The standard the verification followed (e.g. ISO 14064-3:2019). */
    standard: z.string().trim().min(1).max(300).optional(),
    /** The verification report's or certificate's reference. */
    reference: z.string().trim().min(1).max(300).optional(),
  }),
  z.strictObject({ kind: z.literal('not-verified') }),
]);
export type VerificationStatement = z.output<typeof VerificationStatementSchema>;

/**
 * The study's declaration: what ISO 14067 / GB/T 24067 ask a report to state that neither the model nor the
 * compliance check holds. The zod schema validates it at the edge (a study file, an API body).
 */
export const StudyDeclarationSchema = z.strictObject({
  title: Text,
  /** The organisation the study is of or for. */
  commissioner: z.string().trim().min(1).max(300).optional(),
  /** Who carried it out (the organisation or person). */
  practitioner: z.string().trim().min(1).max(300).optional(),
  /** The product's name (default: the model's reference product). */
  product: Text.optional(),
  goal: Text,
  intendedApplication: Text,
  reasons: Text.optional(),
  audience: Text,
  /** Whether the results are meant for comparisons with other products disclosed to the public. */
  comparisonsIntended: z.boolean().optional(),
  /** The functional unit in words, in the report's languages (default: the study's, then the model document's). */
  functionalUnit: Text.optional(),
  /** The declared unit in words (default: the study's, then the result's amount and unit). */
  declaredUnit: Text.optional(),
  /** The reference flow in words (default: the model's reference output per declared unit). */
  referenceFlow: Text.optional(),
  /** The use scenario (use profile, service life); for cradle-to-grave studies. */
  useScenario: Text.optional(),
  /** The end-of-life scenario (treatment routes, shares). */
  endOfLifeScenario: Text.optional(),
  limitations: z.array(Text).max(100).optional(),
  verification: VerificationStatementSchema,
});
export type StudyDeclaration = z.output<typeof StudyDeclarationSchema>;

/** A Monte Carlo run of the study's model, as far as the report shows it (model's MonteCarloResult fits). */
export interface ReportMonteCarlo {
  iterations: number;
  seed?: number;
  /** The footprint with every amount at its stated value. */
  deterministic?: number;
  mean: number;
  sd: number;
  min?: number;
  max?: number;
  percentiles: {
    p2_5?: number;
    p5?: number;
    p25?: number;
    p50?: number;
    p75?: number;
    p95?: number;
    p97_5?: number;
  };
  /** What was varied. */
  sampled?: { parameters: string[]; lines: string[] };
  notes?: string[];
  /** The inputs that drive the variance (e.g. squared Spearman rank correlation), largest share first. */
  contributions?: { method?: string; inputs: { name: string; correlation?: number; share: number }[] };
}

/** A one-at-a-time sensitivity entry: the footprint with one input at a low and at a high value. */
export interface TornadoEntry {
  name: string;
  /** What "low" and "high" were, in words (e.g. "−10 %", "0.8 kg"). */
  lowSetting?: string;
  highSetting?: string;
  /** The footprint (kg CO2e per declared unit) with the input low, and high. */
  low: number;
  high: number;
}

/** The footprint under another method choice or scenario than the study's. */
export interface MethodChoiceEntry {
  /** What was changed, e.g. "GWP set", "Biogenic approach", "Scenario". */
  choice: DeclaredText;
  /** The alternative, e.g. "IPCC AR5 GWP100". */
  option: DeclaredText;
  /** The footprint, kg CO2e per declared unit. */
  total: number;
}

/** The sensitivity analysis: a tornado (one input at a time) and/or the method-choice table. */
export interface ReportSensitivity {
  /** How it was done, in words. */
  method?: DeclaredText;
  tornado?: TornadoEntry[];
  choices?: MethodChoiceEntry[];
}

/** The background database the model links to, and what it says of the datasets used. */
export interface ReportBackground {
  name: string;
  version?: string;
  /** Per dataset the model links (by process id): its version, location, category and sources. */
  datasets?: {
    processId: string;
    version?: string;
    location?: string;
    category?: string;
    sources?: string[];
  }[];
}

/** Everything a study report is made from. */
export interface StudyReportInput {
  study: Study;
  declaration: StudyDeclaration;
  /** The compliance check of `study` (default: checkCompliance(study, …, { asOf: study.reportDate })). */
  compliance?: ComplianceReport;
  /** productModelDataQuality(document, result, database) (default: the result's own `dataQuality`). */
  dataQuality?: ProductModelDataQuality;
  monteCarlo?: ReportMonteCarlo;
  sensitivity?: ReportSensitivity;
  background?: ReportBackground;
}
