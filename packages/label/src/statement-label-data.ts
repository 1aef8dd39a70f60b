// A label's data from a signed statement's payload (a W3C Verifiable Credential, docs/studies.md). The statement
// schema belongs to the server, which this package must not import (label comes before store and server): the
// fields a label reads are described here again, structurally, and checked with zod. Check the statement's
// signature first (cfp label does, with cfp verify): this reads what it says, it does not vouch for it.
import { ruleSets } from '@opencfp/refdata';
import { z } from 'zod';
import { BOUNDARIES, parseLabelData, type LabelData, type LocalText } from './label-data.js';
import { ruleSetDesignation } from './label-text.js';
import { parseInput } from './parse-input.js';

const Name = z.string().trim().min(1);
const Party = z.object({ organisation: z.object({ name: Name }) });

/** The part of a statement's payload a label reads (other members are allowed and ignored). */
export const StatementForLabelSchema = z.object({
  id: z.string().regex(/^urn:uuid:[0-9a-f-]{36}$/i, 'expected urn:uuid:<the statement id>'),
  issuer: z.object({ id: z.url(), name: Name }),
  validFrom: z.iso.datetime(),
  credentialSubject: z.object({
    product: z.object({ id: Name, nameEn: Name, nameZh: z.string().nullable() }),
    declaredUnit: z.object({ amount: z.number().positive(), unit: Name }),
    boundary: z.enum(BOUNDARIES),
    footprint: z.object({ unit: z.literal('kg CO2e'), total: z.number() }),
    ruleSet: z.object({ id: Name, version: Name }),
    verification: z.discriminatedUnion('mode', [
      z.object({ mode: z.literal('self-declared') }),
      z.object({ mode: z.literal('third-party'), verifier: Party }),
      z.object({ mode: z.literal('certified'), verifier: Party, certification: Party }),
    ]),
  }),
});
export type StatementForLabel = z.infer<typeof StatementForLabelSchema>;

export interface StatementLabelOptions {
  /** The product's public page, which the QR code links to (default: its page in the issuer's public registry). */
  productPageUrl?: string;
  /**
   * The year the footprint's data represent. The statement does not state it, so without it the label prints the
   * year the statement was issued, as such.
   */
  referenceYear?: number;
}

/**
 * The public URL of a statement at the platform that issued it: `<platform>/v1/public/statements/<id>`, the
 * platform being the issuer id less its `/v1/public/organisations/<id>`.
 *
 * @example publicStatementUrl(payload); // 'https://cfp.example.org/v1/public/statements/73915401-…'
 */
export function publicStatementUrl(statement: StatementForLabel): string {
  return `${platformOf(statement)}/v1/public/statements/${statement.id.replace(/^urn:uuid:/i, '')}`;
}

/**
 * The product's page in the public registry of the platform that issued the statement:
 * `<platform>/registry/products/<product id>` (docs/registry.md), where its current footprint, history and signed
 * statements are.
 *
 * @example publicProductPageUrl(payload); // 'https://cfp.example.org/registry/products/b578da69-…'
 */
export function publicProductPageUrl(statement: StatementForLabel): string {
  return `${platformOf(statement)}/registry/products/${encodeURIComponent(statement.credentialSubject.product.id)}`;
}

/** The platform that issued a statement: its issuer id less `/v1/public/organisations/<id>`. */
function platformOf(statement: StatementForLabel): string {
  return statement.issuer.id.replace(/\/v1\/public\/organisations\/[^/]+\/?$/, '').replace(/\/+$/, '');
}

/** A rule set's name for a label: its short designation, else the name OpenCFP holds, else its id. */
function ruleSetName(id: string): LocalText {
  return ruleSetDesignation(id) ?? ruleSets().find((r) => r.id === id)?.name ?? { en: id, zh: id };
}

/**
 * The label data of a signed statement's decoded payload: the footprint per declared unit, boundary, rule set,
 * verification (the verifier's and certifier's organisations), product and issuer, statement id, and the URL the
 * QR code links to. A payload without what a label needs is a LabelError `INVALID_STATEMENT` naming the fields.
 *
 * @example
 * const data = statementLabelData(verified.statement, { referenceYear: 2024 });
 * const { bytes } = await renderLabel(data, { format: 'svg', language: 'zh', size: 'medium' });
 */
export function statementLabelData(payload: unknown, options: StatementLabelOptions = {}): LabelData {
  const statement = parseInput(StatementForLabelSchema, payload, 'INVALID_STATEMENT', 'the statement');
  const subject = statement.credentialSubject;
  const v = subject.verification;
  const nameZh = subject.product.nameZh?.trim();
  return parseLabelData({
    product: {
      name: { en: subject.product.nameEn, zh: nameZh ? nameZh : subject.product.nameEn },
      company: statement.issuer.name,
    },
    footprint: { value: subject.footprint.total, unit: 'kg CO2e' },
    declaredUnit: { amount: subject.declaredUnit.amount, unit: subject.declaredUnit.unit },
    boundary: subject.boundary,
    ruleSet: { name: ruleSetName(subject.ruleSet.id), version: subject.ruleSet.version },
    year:
      options.referenceYear === undefined
        ? { value: new Date(statement.validFrom).getUTCFullYear(), basis: 'issued' }
        : { value: options.referenceYear, basis: 'reference' },
    verification:
      v.mode === 'self-declared'
        ? { status: 'self-declared' }
        : v.mode === 'third-party'
          ? { status: 'third-party', verifier: v.verifier.organisation.name }
          : {
              status: 'certified',
              verifier: v.verifier.organisation.name,
              certifier: v.certification.organisation.name,
            },
    statementId: statement.id.replace(/^urn:uuid:/i, ''),
    productPageUrl: options.productPageUrl ?? publicProductPageUrl(statement),
  });
}
