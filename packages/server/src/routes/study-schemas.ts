// zod schemas of the study routes (studies.ts, study-findings.ts, study-views.ts) and their JSON forms.
import { z } from '@hono/zod-openapi';
import {
  ACCOUNTING_RULES,
  ALLOCATION_METHODS,
  DQR_INDICATORS,
  END_OF_LIFE_APPROACHES,
  ruleSets,
  type AccountingChoice,
} from '@opencfp/refdata';
import {
  STUDY_STATES,
  STUDY_TRANSITIONS,
  type Principal,
  type Study,
  type StudyActor,
  type StudyEvent,
  type StudyFinding,
} from '@opencfp/store';
import { actorId } from '../org-access.js';
import { VERIFICATION_LABELS } from '../statements/statement-schema.js';
import { Instant, OrgParams } from './schemas.js';

const Id = z.string().min(1).max(100);
const Text = (max: number) => z.string().trim().min(1).max(max);

export const StudyParams = OrgParams.extend({
  id: Id.openapi({ param: { name: 'id', in: 'path' }, description: 'the study id' }),
});
export const FindingParams = StudyParams.extend({
  findingId: Id.openapi({ param: { name: 'findingId', in: 'path' }, description: 'a finding of the study' }),
});

const RULE_SET_IDS = ruleSets().map((r) => r.id) as [string, ...string[]];
export const StudyStateSchema = z.enum(STUDY_STATES as [string, ...string[]]).openapi('StudyState', {
  description: 'docs/studies.md: the states and the actions between them',
});
const ActionSchema = z.enum(Object.keys(STUDY_TRANSITIONS) as [string, ...string[]]).openapi('StudyAction');
const Boundary = z.enum(['cradle-to-gate', 'cradle-to-grave', 'gate-to-gate']);
const ProductType = z.enum(['intermediate', 'final']);
const DeclaredUnit = z
  .strictObject({ amount: z.number().positive().max(1e15), unit: Text(50) })
  .openapi('StudyDeclaredUnit');

const Day = z.iso.date();
const Share = z.number().min(0).max(1);

/** A text the study states for its report: one string, or English and Chinese (the report takes its language's). */
const ReportText = (max: number) =>
  z.union([
    Text(max),
    z
      .strictObject({ en: Text(max).optional(), zh: Text(max).optional() })
      .refine((t) => t.en !== undefined || t.zh !== undefined, { message: 'give en, zh or both' }),
  ]);

/**
 * What ISO 14067 (6.3) asks a study report to state in words that neither the model nor the other declarations
 * hold: the goal, intended application, reasons and audience, whether comparisons are intended, the reference flow
 * and the use and end-of-life scenarios, and limitations. The study report shows what is missing as not stated.
 */
const GoalAndScope = z
  .strictObject({
    goal: ReportText(5000).optional(),
    intendedApplication: ReportText(5000).optional(),
    reasons: ReportText(5000).optional(),
    audience: ReportText(2000).optional(),
    comparisonsIntended: z.boolean().optional().openapi({
      description: 'whether the results are meant for comparisons disclosed to the public',
    }),
    commissioner: Text(300).optional().openapi({ description: 'who the study is of or for' }),
    practitioner: Text(300)
      .optional()
      .openapi({ description: 'who carried it out (default: the organisation)' }),
    referenceFlow: ReportText(2000).optional(),
    useScenario: ReportText(10000).optional(),
    endOfLifeScenario: ReportText(10000).optional(),
    limitations: z.array(ReportText(5000)).max(100).optional(),
  })
  .openapi('StudyGoalAndScope', {
    description: 'the goal and scope of the study in words, for its report (ISO 14067 6.3)',
  });

/**
 * What a study states beyond its model, for the compliance check (packages/study's Study): the reference period,
 * the report date, data quality, uncertainty and sensitivity summaries, declared choices, report information and
 * attestations. Only what is given is checked; nothing is required here.
 */
export const StudyDeclarations = z
  .strictObject({
    referencePeriod: z.strictObject({ start: Day, end: Day }).optional(),
    reportDate: Day.optional(),
    dataQuality: z
      .strictObject({
        method: Text(100),
        primaryDataShare: Share.optional(),
        ratings: z.partialRecord(z.enum(DQR_INDICATORS), z.number()).optional(),
        coverage: Share.optional(),
      })
      .optional(),
    uncertainty: z
      .strictObject({
        method: Text(100),
        iterations: z.number().int().positive().optional(),
        mean: z.number().optional(),
        standardDeviation: z.number().min(0).optional(),
        percentiles: z.record(z.string().max(20), z.number()).optional(),
      })
      .optional(),
    sensitivity: z
      .strictObject({
        method: Text(100),
        entries: z.array(z.strictObject({ name: Text(300), effect: z.number() })).max(1000),
      })
      .optional(),
    choices: z
      .strictObject({
        allocation: z
          .strictObject({
            method: z.enum([...ALLOCATION_METHODS, 'none']).openapi({
              description: "how multi-output processes were handled ('none': no process needed allocation)",
            }),
            justification: Text(5000).optional(),
          })
          .optional(),
        electricity: z
          .strictObject({
            accounting: z
              .enum(Object.keys(ACCOUNTING_RULES) as [AccountingChoice, ...AccountingChoice[]])
              .openapi({ description: 'the study’s electricity accounting (docs/electricity.md)' }),
            statement: Text(5000).optional(),
          })
          .optional(),
        endOfLife: z
          .strictObject({
            approach: z
              .enum(END_OF_LIFE_APPROACHES)
              .openapi({ description: 'the end-of-life modelling approach' }),
            statement: Text(5000).optional(),
          })
          .optional(),
        cutOff: z
          .strictObject({
            criteria: Text(5000),
            exclusions: z
              .array(
                z.strictObject({
                  name: Text(300),
                  co2e: z.number().optional(),
                  share: Share.optional(),
                  reason: Text(5000),
                  covers: z.literal('background-cut-off-flows').optional(),
                }),
              )
              .max(1000),
          })
          .optional(),
        uncertaintyStatement: Text(10000).optional(),
        useProfile: Text(10000).optional(),
      })
      .optional(),
    report: z
      .strictObject({
        manufacturer: Text(300).optional(),
        productIdentification: Text(300).optional(),
        plantLocation: Text(300).optional(),
        publicStudyUrl: z.url().max(2000).optional(),
        productMassPerDeclaredUnit: z.number().positive().optional(),
        limitations: Text(10000).optional(),
      })
      .optional(),
    goalAndScope: GoalAndScope.optional(),
    attestations: z
      .array(
        z.strictObject({
          requirementId: Text(200),
          statement: Text(10000),
          by: Text(300).optional(),
          reference: Text(2000).optional(),
        }),
      )
      .max(500)
      .optional(),
  })
  .openapi('StudyDeclarations', {
    description:
      'what the study states beyond its model, for the compliance check and the study report: reference period, report date, data quality, uncertainty, sensitivity, choices (allocation, electricity, end of life, cut-off), report information, goal and scope in words, and attestations (docs/studies.md)',
  });

const studyFields = {
  title: Text(300).openapi({ example: 'LFP battery pack, 2025 design' }),
  ruleSetId: z
    .enum(RULE_SET_IDS)
    .openapi({ description: 'the rule set the study declares (GET /v1/reference …)' }),
  declaredUnit: DeclaredUnit,
  functionalUnit: Text(2000).nullable(),
  boundary: Boundary,
  productType: ProductType,
  declarations: StudyDeclarations,
  selfDeclared: z.boolean().openapi({
    description: 'published without a third party’s verification; labelled so wherever the study is shown',
  }),
  resultId: Id.nullable().openapi({
    description: 'a calculation result of the model (POST …/models/{id}/calculations)',
  }),
};

export const NewStudy = z
  .strictObject({
    modelId: Id.openapi({ description: 'a product model of the organisation; the study is of its product' }),
    title: studyFields.title,
    ruleSetId: studyFields.ruleSetId,
    declaredUnit: studyFields.declaredUnit.optional().openapi({ description: 'default: the product’s' }),
    functionalUnit: studyFields.functionalUnit.default(null),
    boundary: studyFields.boundary,
    productType: studyFields.productType,
    declarations: studyFields.declarations.default({}),
    selfDeclared: studyFields.selfDeclared.default(false),
    resultId: studyFields.resultId.default(null),
  })
  .openapi('NewStudy');

export const StudyChange = z
  .strictObject({
    title: studyFields.title.optional(),
    ruleSetId: studyFields.ruleSetId.optional(),
    declaredUnit: studyFields.declaredUnit.optional(),
    functionalUnit: studyFields.functionalUnit.optional(),
    boundary: studyFields.boundary.optional(),
    productType: studyFields.productType.optional(),
    declarations: studyFields.declarations.optional(),
    selfDeclared: studyFields.selfDeclared.optional(),
    resultId: studyFields.resultId.optional(),
    version: z.number().int().positive().optional().openapi({
      description: 'the version you read, when you do not send If-Match',
    }),
  })
  .refine((change) => Object.keys(change).some((key) => key !== 'version'), {
    message: 'name at least one field to change',
  })
  .openapi('StudyChange');

const PartyReference = z.strictObject({
  organisation: Text(100).openapi({ description: 'the organisation’s id or slug' }),
  email: z.email().max(320).openapi({ description: 'one of its users with the verifier role (or above)' }),
});

export const Invitation = z
  .strictObject({
    verifier: PartyReference,
    certificationBody: PartyReference.nullable().default(null).openapi({
      description: 'optional: a certification body that certifies the verified study before it is published',
    }),
  })
  .openapi('StudyInvitation');

export const SubmitRequest = z
  .strictObject({
    resultId: Id.optional().openapi({
      description: 'the result the study reports (default: the one it names)',
    }),
  })
  .openapi('StudySubmission');
export const NoteRequest = z.strictObject({ note: Text(10000).optional() }).openapi('StudyNote');
export const ReasonRequest = z.strictObject({ reason: Text(10000) }).openapi('StudyReason');
export const SuccessorRequest = z
  .strictObject({ title: studyFields.title.optional() })
  .openapi('StudySuccessor');

/** A JSON pointer into the study's view: the model as submitted, its result's footprint, or the study itself. */
export const ItemPath = z
  .string()
  .max(1000)
  .regex(
    /^(|\/(model|result|study)(\/([^/~]|~[01])*)*)$/,
    'a JSON pointer starting /model, /result or /study (e.g. /model/processes/0/inputs/2), or empty for the study as a whole',
  );

export const NewFinding = z
  .strictObject({ itemPath: ItemPath, text: Text(10000) })
  .openapi('NewStudyFinding');
export const FindingAnswer = z.strictObject({ text: Text(10000) }).openapi('StudyFindingAnswer');

const Party = z
  .object({
    organisationId: z.string(),
    organisationName: z.string(),
    userId: z.string().nullable(),
    userName: z.string().nullable(),
  })
  .openapi('StudyParty');

const VerificationSchema = z
  .object({
    mode: z.enum(['self-declared', 'third-party']),
    label: z.string().openapi({ example: VERIFICATION_LABELS['self-declared'] }),
  })
  .openapi('StudyVerification', {
    description: 'how the study is verified, and its label: a self-declared study is labelled so everywhere',
  });

const EventSchema = z
  .object({
    action: z.string(),
    from: StudyStateSchema.nullable(),
    to: StudyStateSchema.nullable(),
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    actorOrganisationId: z.string().nullable(),
    at: Instant,
    details: z.record(z.string(), z.unknown()),
  })
  .openapi('StudyEvent');

const studyJsonFields = {
  id: z.string(),
  organisationId: z.string(),
  organisationName: z.string(),
  productId: z.string(),
  modelId: z.string(),
  title: z.string(),
  ruleSetId: z.string(),
  ruleSetVersion: z.string(),
  declaredUnit: DeclaredUnit,
  functionalUnit: z.string().nullable(),
  boundary: Boundary,
  productType: ProductType,
  declarations: z.record(z.string(), z.unknown()),
  selfDeclared: z.boolean(),
  verification: VerificationSchema,
  state: StudyStateSchema,
  relation: z.enum(['practitioner', 'verifier', 'certification-body']).openapi({
    description:
      'how your organisation takes part: its own study, or invited to verify or certify it (read-only)',
  }),
  actions: z.array(ActionSchema).openapi({ description: 'what your side could do now' }),
  resultId: z.string().nullable(),
  inputsHash: z.string().nullable(),
  submittedAt: Instant.nullable(),
  verifier: Party.nullable(),
  certificationBody: Party.nullable(),
  frozenInputsHash: z.string().nullable().openapi({ description: 'the inputs hash of the verified version' }),
  verifiedAt: Instant.nullable(),
  certifiedAt: Instant.nullable(),
  statementId: z.string().nullable(),
  statementUrl: z.string().nullable().openapi({ description: 'the public signed statement, once published' }),
  publishedAt: Instant.nullable(),
  withdrawnAt: Instant.nullable(),
  supersedes: z.string().nullable(),
  supersededBy: z.string().nullable(),
  findings: z.object({ open: z.number().int(), answered: z.number().int(), closed: z.number().int() }),
  version: z.number().int().positive().openapi({ description: 'increases with every change; also the ETag' }),
  createdAt: Instant,
  updatedAt: Instant,
};

export const StudySchema = z.object(studyJsonFields).openapi('Study');
export const StudyDetailSchema = z
  .object({ ...studyJsonFields, history: z.array(EventSchema) })
  .openapi('StudyDetail', { description: 'a study with its history (every action: who, when, from → to)' });
export const StudyListSchema = z.object({ studies: z.array(StudySchema) }).openapi('StudyList');

export const FindingSchema = z
  .object({
    id: z.string(),
    studyId: z.string(),
    itemPath: z.string(),
    text: z.string(),
    authorId: z.string().nullable(),
    authorOrganisationId: z.string().nullable(),
    state: z.enum(['open', 'answered', 'closed']),
    answers: z.array(z.object({ text: z.string(), authorId: z.string(), at: z.string() })),
    createdAt: Instant,
    updatedAt: Instant,
    closedAt: Instant.nullable(),
    closedBy: z.string().nullable(),
  })
  .openapi('StudyFinding');
export const FindingChangeSchema = z
  .object({ study: StudySchema, finding: FindingSchema })
  .openapi('StudyFindingChange');

/** The verification label of a study, as every answer showing it carries it. */
export function verificationOf(study: Study): z.infer<typeof VerificationSchema> {
  if (study.selfDeclared) return { mode: 'self-declared', label: VERIFICATION_LABELS['self-declared'] };
  const label =
    study.certifiedAt !== null
      ? VERIFICATION_LABELS.certified
      : study.verifiedAt !== null
        ? VERIFICATION_LABELS['third-party']
        : 'Third-party verification: not verified yet';
  return { mode: 'third-party', label };
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** A study as JSON. */
export function studyJson(study: Study): z.infer<typeof StudySchema> {
  return {
    id: study.id,
    organisationId: study.organisationId,
    organisationName: study.organisationName,
    productId: study.productId,
    modelId: study.modelId,
    title: study.title,
    ruleSetId: study.ruleSetId,
    ruleSetVersion: study.ruleSetVersion,
    declaredUnit: study.declaredUnit,
    functionalUnit: study.functionalUnit,
    boundary: study.boundary,
    productType: study.productType,
    declarations: study.declarations,
    selfDeclared: study.selfDeclared,
    verification: verificationOf(study),
    state: study.state,
    relation: study.relation,
    actions: study.actions,
    resultId: study.resultId,
    inputsHash: study.inputsHash,
    submittedAt: iso(study.submittedAt),
    verifier: study.verifier,
    certificationBody: study.certificationBody,
    frozenInputsHash: study.frozenInputsHash,
    verifiedAt: iso(study.verifiedAt),
    certifiedAt: iso(study.certifiedAt),
    statementId: study.statementId,
    statementUrl: study.statementId === null ? null : `/v1/public/statements/${study.statementId}`,
    publishedAt: iso(study.publishedAt),
    withdrawnAt: iso(study.withdrawnAt),
    supersedes: study.supersedes,
    supersededBy: study.supersededBy,
    findings: study.findings,
    version: study.version,
    createdAt: study.createdAt.toISOString(),
    updatedAt: study.updatedAt.toISOString(),
  };
}

export function eventJson(event: StudyEvent): z.infer<typeof EventSchema> {
  return { ...event, at: event.at.toISOString() };
}

export function findingJson(finding: StudyFinding): z.infer<typeof FindingSchema> {
  return {
    ...finding,
    createdAt: finding.createdAt.toISOString(),
    updatedAt: finding.updatedAt.toISOString(),
    closedAt: iso(finding.closedAt),
  };
}

/** The store's actor of a request's principal. */
export function studyActor(principal: Principal): StudyActor {
  return {
    organisationId: principal.organisationId,
    userId: principal.userId,
    role: principal.role,
    actorId: actorId(principal),
  };
}
