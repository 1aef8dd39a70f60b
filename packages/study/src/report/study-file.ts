// A study file (`cfp report <study.json>`): the study's declaration and statements, the product model, which
// background database to calculate it on and which analyses to run — everything a report needs, in one JSON
// document, validated here so that a bad file gets every problem with its path.
import {
  ACCOUNTING_RULES,
  ALLOCATION_METHODS,
  DQR_INDICATORS,
  END_OF_LIFE_APPROACHES,
  gwpSets,
  LIFE_CYCLE_STAGES,
  type AccountingChoice,
} from '@opencfp/refdata';
import { z } from 'zod';
import { StudyError } from '../errors.js';
import { StudyDeclarationSchema } from './report-input.js';

export const STUDY_FILE_SCHEMA_ID = 'opencfp/study@1';

const Words = z.string().trim().min(1).max(20_000);
const Share = z.number().min(0).max(1);

const ChoicesSchema = z.strictObject({
  allocation: z
    .strictObject({ method: z.enum([...ALLOCATION_METHODS, 'none']), justification: Words.optional() })
    .optional(),
  electricity: z
    .strictObject({
      accounting: z.enum(Object.keys(ACCOUNTING_RULES) as [AccountingChoice, ...AccountingChoice[]]),
      statement: Words.optional(),
    })
    .optional(),
  endOfLife: z
    .strictObject({ approach: z.enum(END_OF_LIFE_APPROACHES), statement: Words.optional() })
    .optional(),
  cutOff: z
    .strictObject({
      criteria: Words,
      exclusions: z
        .array(
          z.strictObject({
            name: Words,
            co2e: z.number().optional(),
            share: Share.optional(),
            reason: Words,
            covers: z.literal('background-cut-off-flows').optional(),
          }),
        )
        .max(1000)
        .default([]),
    })
    .optional(),
  uncertaintyStatement: Words.optional(),
  useProfile: Words.optional(),
});

/** A study file: see docs/report.md. */
export const StudyFileSchema = z.strictObject({
  schema: z.literal(STUDY_FILE_SCHEMA_ID),
  ruleSetId: z.string().min(1).max(100),
  productType: z.enum(['intermediate', 'final']),
  boundary: z.enum(['cradle-to-gate', 'cradle-to-grave', 'gate-to-gate']),
  functionalUnit: Words.optional(),
  declaredUnit: Words.optional(),
  referencePeriod: z.strictObject({ start: z.iso.date(), end: z.iso.date() }).optional(),
  reportDate: z.iso.date().optional(),
  dataQuality: z
    .strictObject({
      method: Words,
      primaryDataShare: Share.optional(),
      ratings: z.partialRecord(z.enum(DQR_INDICATORS), z.number()).optional(),
      coverage: Share.optional(),
    })
    .optional(),
  choices: ChoicesSchema.optional(),
  report: z
    .strictObject({
      manufacturer: Words.optional(),
      productIdentification: Words.optional(),
      plantLocation: Words.optional(),
      publicStudyUrl: z.url().optional(),
      productMassPerDeclaredUnit: z.number().positive().optional(),
      limitations: Words.optional(),
    })
    .optional(),
  attestations: z
    .array(
      z.strictObject({
        requirementId: z.string().min(1).max(200),
        statement: Words,
        by: Words.optional(),
        reference: Words.optional(),
      }),
    )
    .max(200)
    .optional(),
  declaration: StudyDeclarationSchema,
  /** The product model document (opencfp/product-model@1), validated by @opencfp/model. */
  model: z.record(z.string(), z.unknown()),
  /**
   * The background database: 'starter' (default) or a path (relative to the study file) of a database any reader
   * of @opencfp/formats reads, with the name and version the report gives it.
   */
  background: z
    .strictObject({
      path: z.string().min(1).max(4000).default('starter'),
      name: Words.optional(),
      version: z.string().trim().min(1).max(100).optional(),
    })
    .default({ path: 'starter' }),
  calculation: z
    .strictObject({
      gwpSetId: z.enum(gwpSets.map((s) => s.id) as [string, ...string[]]).default('ipcc-ar6-gwp100'),
      biogenicApproach: z.enum(['-1/+1', '0/0']).default('-1/+1'),
      stageScheme: z.enum(Object.keys(LIFE_CYCLE_STAGES) as ['iso-14067', 'eu-battery']).default('iso-14067'),
      scenarioId: z.string().min(1).max(100).optional(),
      defaultStage: z.string().min(1).max(100).optional(),
    })
    .default({ gwpSetId: 'ipcc-ar6-gwp100', biogenicApproach: '-1/+1', stageScheme: 'iso-14067' }),
  /** Analyses run when the report is made (all seeded or deterministic: the same file gives the same report). */
  analyses: z
    .strictObject({
      monteCarlo: z
        .strictObject({ iterations: z.number().int().min(10).max(100_000), seed: z.number().int() })
        .optional(),
      /** One input parameter at a time, each ± this share of its value (e.g. 0.1). */
      tornado: z.strictObject({ change: z.number().gt(0).lt(1) }).optional(),
      /** Alternative GWP sets and biogenic approach, and each scenario of the model. */
      methodChoices: z
        .strictObject({
          gwpSetIds: z
            .array(z.enum(gwpSets.map((s) => s.id) as [string, ...string[]]))
            .max(10)
            .default([]),
          biogenicApproach: z.boolean().default(true),
          scenarios: z.boolean().default(true),
        })
        .optional(),
    })
    .default({}),
});
export type StudyFile = z.output<typeof StudyFileSchema>;
export type StudyFileInput = z.input<typeof StudyFileSchema>;

/**
 * A study file validated (every problem with its JSON pointer in a StudyError INVALID_STUDY).
 *
 * @example const file = parseStudyFile(JSON.parse(await readFile('study.json', 'utf8')));
 */
export function parseStudyFile(json: unknown): StudyFile {
  const parsed = StudyFileSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => ({
    path: i.path.length > 0 ? `/${i.path.map(String).join('/')}` : '',
    message: i.message,
  }));
  throw new StudyError(
    'INVALID_STUDY',
    `the study file is not valid: ${problems.map((p) => `${p.path || '/'}: ${p.message}`).join('; ')}`,
    problems,
  );
}
