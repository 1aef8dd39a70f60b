import type { ComposedStatement, PublishContext } from '@opencfp/store';
import {
  STATEMENT_CTY,
  STATEMENT_TYP,
  STATEMENT_TYPE,
  StatementPayload,
  SUBJECT_TYPE,
  VC_CONTEXT,
  VERIFICATION_LABELS,
} from './statement-schema.js';

/** A stored calculation result's document, as far as a statement reads it. */
interface StoredResult {
  request: StatementPayload['credentialSubject']['calculation']['request'];
  footprint: {
    split: Record<string, number>;
    pact: Record<string, unknown>;
    gwpSet: { id: string; name: string; version: string };
    biogenicApproach: '-1/+1' | '0/0';
    stageScheme: 'iso-14067' | 'eu-battery';
    scenario: { id: string; name: string } | null;
  };
}

/** Counts of a compliance report, as a statement states them. */
export interface ComplianceCounts {
  met: number;
  notMet: number;
  notApplicable: number;
  needsEvidence: number;
}

/** The issuer id of an organisation on the platform at `baseUrl`: a public URL naming it. */
export function issuerId(baseUrl: string, organisationId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/v1/public/organisations/${encodeURIComponent(organisationId)}`;
}

/**
 * The statement of a study being published: a Verifiable Credential 2.0 (checked against StatementPayload, so
 * the platform never signs what a verifier would refuse) and the JWS header parameters of VC-JOSE-COSE.
 *
 * @example studies.publish(store, actor, id, { ..., compose: (ctx) => composeStatement(ctx, { baseUrl, engine, compliance }) })
 */
export function composeStatement(
  context: PublishContext,
  options: { baseUrl: string; engine: string; compliance: ComplianceCounts | null; report?: object },
): ComposedStatement {
  const { study, result, product, organisation } = context;
  const stored = result.result as StoredResult;
  const footprint = stored.footprint;
  const pact = Object.fromEntries(
    Object.entries(footprint.pact).filter(
      (entry): entry is [string, number | boolean] =>
        typeof entry[1] === 'number' || typeof entry[1] === 'boolean',
    ),
  );
  const person = (id: string | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });
  let verification: StatementPayload['credentialSubject']['verification'];
  if (study.selfDeclared)
    verification = { mode: 'self-declared', label: VERIFICATION_LABELS['self-declared'] };
  else {
    const verifier = study.verifier;
    if (!verifier || !study.verifiedAt) throw new Error(`study ${study.id} is published unverified`);
    const findings = study.findings;
    const common = {
      verifier: {
        organisation: { id: verifier.organisationId, name: verifier.organisationName },
        user: person(verifier.userId, verifier.userName),
        verifiedAt: study.verifiedAt.toISOString(),
      },
      findings: {
        raised: findings.open + findings.answered + findings.closed,
        closed: findings.closed,
      },
    };
    const body = study.certificationBody;
    verification =
      body && study.certifiedAt
        ? {
            mode: 'certified',
            label: VERIFICATION_LABELS.certified,
            ...common,
            certification: {
              organisation: { id: body.organisationId, name: body.organisationName },
              user: person(body.userId, body.userName),
              certifiedAt: study.certifiedAt.toISOString(),
            },
          }
        : { mode: 'third-party', label: VERIFICATION_LABELS['third-party'], ...common, certification: null };
  }
  const payload: StatementPayload = {
    '@context': [VC_CONTEXT],
    id: `urn:uuid:${context.statementId}`,
    type: ['VerifiableCredential', STATEMENT_TYPE],
    issuer: {
      id: issuerId(options.baseUrl, organisation.id),
      name: organisation.name,
      organisationId: organisation.id,
    },
    validFrom: context.issuedAt.toISOString(),
    credentialSubject: {
      type: SUBJECT_TYPE,
      product: {
        id: product.id,
        nameEn: product.nameEn,
        nameZh: product.nameZh,
        category:
          product.categoryScheme !== null && product.categoryCode !== null
            ? { scheme: product.categoryScheme, code: product.categoryCode }
            : null,
        identifiers: product.identifiers.map((i) => ({ scheme: i.scheme, value: i.value })),
      },
      declaredUnit: { amount: study.declaredUnit.amount, unit: study.declaredUnit.unit },
      functionalUnit: study.functionalUnit,
      productType: study.productType,
      boundary: study.boundary,
      footprint: {
        unit: 'kg CO2e',
        total: footprint.split.total,
        split: footprint.split,
        pact,
        gwpSet: { id: footprint.gwpSet.id, name: footprint.gwpSet.name, version: footprint.gwpSet.version },
        biogenicApproach: footprint.biogenicApproach,
        stageScheme: footprint.stageScheme,
        scenario:
          footprint.scenario === null ? null : { id: footprint.scenario.id, name: footprint.scenario.name },
      },
      ruleSet: { id: study.ruleSetId, version: study.ruleSetVersion, compliance: options.compliance },
      verification,
      calculation: {
        resultId: result.id,
        inputsHash: result.inputsHash,
        modelId: result.modelId,
        modelVersion: result.modelVersion,
        engine: options.engine,
        backgroundVersionId:
          (result.result as { footprint: { backgroundVersionId?: string | null } }).footprint
            .backgroundVersionId ?? null,
        request: stored.request,
        calculatedAt: result.createdAt.toISOString(),
      },
      study: { id: study.id, title: study.title, supersedes: context.supersedesStatementId },
    },
  };
  // What is signed must be what a verifier accepts: a statement that does not pass is our bug, never signed.
  const checked = StatementPayload.parse(payload);
  return {
    header: { typ: STATEMENT_TYP, cty: STATEMENT_CTY },
    payload: checked as unknown as Record<string, unknown>,
    ...(options.report ? { compliance: options.report as Record<string, unknown> } : {}),
  };
}
