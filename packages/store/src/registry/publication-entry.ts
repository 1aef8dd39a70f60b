import type { RegistryEntryInput, RegistryVerification } from '../repositories/registry.js';

type Json = Record<string, unknown>;

const object = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const number = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/** What a publication knows besides the signed statement's payload. */
export interface PublicationFacts {
  statementId: string;
  studyId: string;
  organisationId: string;
  companySlug: string;
  statementJws: string;
  publishedAt: Date;
  /** The calculation result's footprint (ProductModelFootprint): stages, gases and data quality come from it. */
  footprint: unknown;
  /** The study's declarations (its reference period gives the reference year). */
  declarations: Json;
  /** Where the product is made (the model's reference process location), when known. */
  region: string | null;
}

/**
 * The registry entry of a newly signed statement: the columns from the statement's own payload (what was signed
 * is what is listed), the page's detail from the result's footprint — the ISO 14067 split, stages, gases, GWP set
 * and data quality, aggregated; never the model's processes or lines.
 *
 * @example registry.add(trx, publicationEntry(composed.payload, { statementId, studyId, … }));
 */
export function publicationEntry(payload: Json, facts: PublicationFacts): RegistryEntryInput {
  const subject = object(payload.credentialSubject);
  const product = object(subject.product);
  const category = object(product.category);
  const footprint = object(subject.footprint);
  const ruleSet = object(subject.ruleSet);
  const verification = object(subject.verification);
  const declaredUnit = object(subject.declaredUnit);
  const issuer = object(payload.issuer);
  const mode = (text(verification.mode) ?? 'self-declared') as RegistryVerification;
  const verifierName =
    mode === 'self-declared'
      ? null
      : [
          object(object(verification.verifier).organisation).name,
          object(object(verification.certification).organisation).name,
        ]
          .filter((n): n is string => typeof n === 'string')
          .join(' / ') || null;
  const result = object(facts.footprint);
  const quality = result.dataQuality === undefined ? null : object(result.dataQuality);
  const pef = object(quality?.pef);
  const pact = object(quality?.pact);
  const period = object(facts.declarations.referencePeriod);
  const end = text(period.end);
  const stages = Array.isArray(result.byStage) ? result.byStage.map(object) : [];
  return {
    statementId: facts.statementId,
    studyId: facts.studyId,
    organisationId: facts.organisationId,
    productKey: text(product.id) ?? facts.studyId,
    productNameEn: text(product.nameEn) ?? '',
    productNameZh: text(product.nameZh),
    companyName: text(issuer.name) ?? facts.companySlug,
    companySlug: facts.companySlug,
    category:
      text(category.code) === null
        ? null
        : { scheme: text(category.scheme), code: text(category.code) as string },
    region: facts.region,
    ruleSetId: text(ruleSet.id) ?? '',
    ruleSetVersion: text(ruleSet.version) ?? '',
    referenceYear: end === null ? null : Number(end.slice(0, 4)),
    verification: mode,
    verifierName,
    total: number(footprint.total) ?? 0,
    declaredUnit: { amount: number(declaredUnit.amount) ?? 1, unit: text(declaredUnit.unit) ?? '' },
    boundary: (text(subject.boundary) ?? 'cradle-to-gate') as RegistryEntryInput['boundary'],
    detail: {
      split: object(footprint.split),
      byStage: stages.map((s) => ({
        id: text(s.id),
        name: text(s.name),
        nameZh: text(s.nameZh),
        amount: number(s.amount),
        share: number(s.share),
      })),
      byGas: Array.isArray(result.byGas) ? result.byGas : [],
      gwpSet: footprint.gwpSet ?? null,
      biogenicApproach: footprint.biogenicApproach ?? null,
      stageScheme: footprint.stageScheme ?? null,
      functionalUnit: subject.functionalUnit ?? null,
      productType: subject.productType ?? null,
      dataQuality:
        quality === null
          ? null
          : {
              // PACT states the share in percent; the registry in a fraction of 1, like the study's declaration.
              primaryDataShare:
                number(pact.primaryDataShare) === null ? null : (pact.primaryDataShare as number) / 100,
              pefDqr: number(pef.dqr),
              pefLevel: text(pef.level),
              pactDqi: pact.dqi ?? null,
            },
    },
    statementJws: facts.statementJws,
    publishedAt: facts.publishedAt,
  };
}
