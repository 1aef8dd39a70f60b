// The signed statement of a published footprint: a W3C Verifiable Credential 2.0 secured with JOSE
// (VC-JOSE-COSE, media type application/vc+jwt): the JWS payload is the credential itself, signed with the issuing
// organisation's Ed25519 key (alg EdDSA). docs/studies.md shows an example and explains every field.
import { z } from '@hono/zod-openapi';

/** The media type of a statement's compact JWS. */
export const STATEMENT_MEDIA_TYPE = 'application/vc+jwt';
/** The JWS header's `typ` and `cty` (VC-JOSE-COSE). */
export const STATEMENT_TYP = 'vc+jwt';
export const STATEMENT_CTY = 'vc';
/** The base context of VC 2.0; its @vocab makes our own terms issuer-dependent, so no context of ours is needed. */
export const VC_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const STATEMENT_TYPE = 'ProductCarbonFootprintStatement';
export const SUBJECT_TYPE = 'ProductCarbonFootprint';

/** How a statement's verification is labelled wherever it is shown. */
export const VERIFICATION_LABELS = {
  'self-declared': 'Self-declared: not verified by a third party',
  'third-party': 'Verified by a third party',
  certified: 'Verified by a third party and certified',
} as const;

const Id = z.string().min(1).max(200);
const Text = z.string().max(2000);
const Hash = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected sha256:<64 hex digits>');

const Organisation = z.strictObject({ id: Id, name: Text });
const Person = z.strictObject({ id: Id, name: Text }).nullable();

const Verifier = z.strictObject({ organisation: Organisation, user: Person, verifiedAt: z.iso.datetime() });
const Findings = z.strictObject({ raised: z.number().int().min(0), closed: z.number().int().min(0) });

const ThirdParty = z.strictObject({
  mode: z.literal('third-party'),
  label: z.literal(VERIFICATION_LABELS['third-party']),
  verifier: Verifier,
  certification: z.null(),
  findings: Findings,
});

const Certified = z.strictObject({
  mode: z.literal('certified'),
  label: z.literal(VERIFICATION_LABELS.certified),
  verifier: Verifier,
  certification: z.strictObject({ organisation: Organisation, user: Person, certifiedAt: z.iso.datetime() }),
  findings: Findings,
});

const SelfDeclared = z.strictObject({
  mode: z.literal('self-declared'),
  label: z.literal(VERIFICATION_LABELS['self-declared']),
});

/** The calculation options of the result (the request it was calculated with; see CalculationRequest). */
const Request = z.strictObject({
  scenarioId: Id.optional(),
  method: Id,
  biogenicApproach: z.enum(['-1/+1', '0/0']),
  stageScheme: z.enum(['iso-14067', 'eu-battery']),
  defaultStage: Id.optional(),
});

/** The payload of a statement's JWS: a Verifiable Credential 2.0. */
export const StatementPayload = z
  .strictObject({
    '@context': z.tuple([z.literal(VC_CONTEXT)]),
    id: z.string().regex(/^urn:uuid:[0-9a-f-]{36}$/, 'expected urn:uuid:<the statement id>'),
    type: z.tuple([z.literal('VerifiableCredential'), z.literal(STATEMENT_TYPE)]),
    issuer: z.strictObject({
      id: z
        .url()
        .openapi({ description: 'the issuing organisation on the platform that signed the statement' }),
      name: Text,
      organisationId: Id,
    }),
    validFrom: z.iso.datetime().openapi({ description: 'when the statement was issued (signed)' }),
    credentialSubject: z.strictObject({
      type: z.literal(SUBJECT_TYPE),
      product: z.strictObject({
        id: Id,
        nameEn: Text,
        nameZh: Text.nullable(),
        category: z.strictObject({ scheme: Text, code: Text }).nullable(),
        identifiers: z.array(z.strictObject({ scheme: Text, value: Text })),
      }),
      declaredUnit: z.strictObject({ amount: z.number().positive(), unit: Text }),
      functionalUnit: Text.nullable(),
      productType: z.enum(['intermediate', 'final']),
      boundary: z.enum(['cradle-to-gate', 'cradle-to-grave', 'gate-to-gate']),
      footprint: z.strictObject({
        unit: z.literal('kg CO2e'),
        total: z.number(),
        split: z
          .record(z.string(), z.number())
          .openapi({ description: 'the ISO 14067 split (docs/carbon-footprint.md)' }),
        pact: z
          .record(z.string(), z.union([z.number(), z.boolean()]))
          .openapi({ description: 'the PACT fields the result has' }),
        gwpSet: z.strictObject({ id: Id, name: Text, version: Text }),
        biogenicApproach: z.enum(['-1/+1', '0/0']),
        stageScheme: z.enum(['iso-14067', 'eu-battery']),
        scenario: z.strictObject({ id: Id, name: Text }).nullable(),
      }),
      ruleSet: z.strictObject({
        id: Id,
        version: Text,
        compliance: z
          .strictObject({
            met: z.number().int().min(0),
            notMet: z.number().int().min(0),
            notApplicable: z.number().int().min(0),
            needsEvidence: z.number().int().min(0),
          })
          .nullable()
          .openapi({ description: 'the compliance check at publication; null when none could run' }),
      }),
      verification: z.discriminatedUnion('mode', [SelfDeclared, ThirdParty, Certified]),
      calculation: z.strictObject({
        resultId: Id,
        inputsHash: Hash.openapi({
          description:
            'SHA-256 of every input of the calculation: engine, model document, database version, options',
        }),
        modelId: Id,
        modelVersion: z.number().int().positive(),
        engine: Id,
        backgroundVersionId: Id.nullable(),
        request: Request,
        calculatedAt: z.iso.datetime(),
      }),
      study: z.strictObject({
        id: Id,
        title: Text,
        supersedes: Id.nullable().openapi({ description: 'the statement this one supersedes' }),
      }),
    }),
  })
  .openapi('SignedStatementPayload', {
    description: 'a W3C Verifiable Credential 2.0: the payload of the statement’s JWS (docs/studies.md)',
  });
export type StatementPayload = z.infer<typeof StatementPayload>;
