// A label's data from a statement's payload, shaped as docs/studies.md shows it (the CLI's tests use payloads the
// server composes and signs): every field mapped, the three kinds of verification, the defaults and overrides of
// the year and the URL, and a payload without what a label needs refused field by field.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LabelError } from './errors.js';
import { publicStatementUrl, statementLabelData, StatementForLabelSchema } from './statement-label-data.js';

const STATEMENT_ID = '73915401-29db-4ce6-b99e-7f22cfd8b50f';

function payload(
  verification: object = { mode: 'self-declared', label: 'Self-declared: not verified by a third party' },
) {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: `urn:uuid:${STATEMENT_ID}`,
    type: ['VerifiableCredential', 'ProductCarbonFootprintStatement'],
    issuer: {
      id: 'https://cfp.example.org/v1/public/organisations/1f202cef-0d9c-4b4e-9a43-2f6e0d9c1b20',
      name: 'Suzhou Bracket Co.',
      organisationId: '1f202cef-0d9c-4b4e-9a43-2f6e0d9c1b20',
    },
    validFrom: '2026-11-25T00:02:23.732Z',
    credentialSubject: {
      type: 'ProductCarbonFootprint',
      product: {
        id: 'b578da69-0d9c-4b4e-9a43-2f6e0d9c1b20',
        nameEn: 'Aluminium bracket',
        nameZh: '铝支架',
        category: { scheme: 'HS', code: '761699' },
        identifiers: [],
      },
      declaredUnit: { amount: 1, unit: 'item' },
      functionalUnit: null,
      productType: 'intermediate',
      boundary: 'cradle-to-gate',
      footprint: { unit: 'kg CO2e', total: 8.766214999999999, split: { total: 8.766214999999999 }, pact: {} },
      ruleSet: { id: 'iso-14067-2018', version: '2018', compliance: null },
      verification,
      calculation: { resultId: 'r', inputsHash: `sha256:${'0'.repeat(64)}` },
      study: { id: 's', title: 'Aluminium bracket B-20', supersedes: null },
    },
  };
}

const party = (name: string) => ({ organisation: { id: 'o', name }, user: null });

describe('statementLabelData', () => {
  it('maps a self-declared statement: value per declared unit, boundary, rule set, issuer, statement, URL', () => {
    const data = statementLabelData(payload());
    assert.deepEqual(data, {
      product: { name: { en: 'Aluminium bracket', zh: '铝支架' }, company: 'Suzhou Bracket Co.' },
      footprint: { value: 8.766214999999999, unit: 'kg CO2e' },
      declaredUnit: { amount: 1, unit: 'item' },
      boundary: 'cradle-to-gate',
      ruleSet: { name: { en: 'ISO 14067:2018', zh: 'ISO 14067:2018' }, version: '2018' },
      year: { value: 2026, basis: 'issued' },
      verification: { status: 'self-declared' },
      statementId: STATEMENT_ID,
      productPageUrl: 'https://cfp.example.org/registry/products/b578da69-0d9c-4b4e-9a43-2f6e0d9c1b20',
    });
  });

  it('names the verifier, and the certifier of a certified statement', () => {
    const verified = {
      mode: 'third-party',
      label: 'x',
      verifier: { ...party('Verify Ltd'), verifiedAt: '2026-11-24T00:00:00Z' },
    };
    assert.deepEqual(statementLabelData(payload(verified)).verification, {
      status: 'third-party',
      verifier: 'Verify Ltd',
    });
    const certified = { ...verified, mode: 'certified', certification: party('Cert Body') };
    assert.deepEqual(statementLabelData(payload(certified)).verification, {
      status: 'certified',
      verifier: 'Verify Ltd',
      certifier: 'Cert Body',
    });
  });

  it('takes the reference year and the product page when given; an English name stands in for a missing Chinese one', () => {
    const statement = payload();
    statement.credentialSubject.product.nameZh = null as unknown as string;
    const data = statementLabelData(statement, {
      referenceYear: 2024,
      productPageUrl: 'https://shop.example.com/products/b-20',
    });
    assert.deepEqual(data.year, { value: 2024, basis: 'reference' });
    assert.equal(data.productPageUrl, 'https://shop.example.com/products/b-20');
    assert.deepEqual(data.product.name, { en: 'Aluminium bracket', zh: 'Aluminium bracket' });
  });

  it('a rule set without a short designation gets its name; an unknown one its id', () => {
    const statement = payload();
    statement.credentialSubject.ruleSet.id = 'some-future-rules';
    assert.deepEqual(statementLabelData(statement).ruleSet.name, {
      en: 'some-future-rules',
      zh: 'some-future-rules',
    });
    statement.credentialSubject.ruleSet.id = 'gb-t-24067-2024';
    assert.equal(statementLabelData(statement).ruleSet.name.zh, 'GB/T 24067-2024');
  });

  it('the public URL keeps a platform served under a path', () => {
    const statement = StatementForLabelSchema.parse(payload());
    statement.issuer.id = 'https://example.org/cfp/v1/public/organisations/abc';
    assert.equal(
      publicStatementUrl(statement),
      `https://example.org/cfp/v1/public/statements/${STATEMENT_ID}`,
    );
  });

  it('refuses a payload without what a label needs, naming each field', () => {
    const statement = payload() as unknown as { credentialSubject: Record<string, unknown> };
    delete statement.credentialSubject.boundary;
    statement.credentialSubject.footprint = { unit: 'kg CO2', total: 'much' };
    assert.throws(
      () => statementLabelData(statement),
      (e: unknown) => {
        assert.ok(e instanceof LabelError && e.code === 'INVALID_STATEMENT');
        for (const path of [
          'credentialSubject.boundary',
          'credentialSubject.footprint.unit',
          'credentialSubject.footprint.total',
        ])
          assert.ok(
            e.details.some((d) => d.startsWith(`${path}:`)),
            `${path} in ${e.details.join('; ')}`,
          );
        return true;
      },
    );
    assert.throws(() => statementLabelData('a string'), /the statement is not valid/);
  });

  it('a product page that is not http(s) is refused by the label data check', () => {
    assert.throws(
      () => statementLabelData(payload(), { productPageUrl: 'javascript:alert(1)' }),
      (e: unknown) =>
        e instanceof LabelError && e.code === 'INVALID_LABEL_DATA' && /productPageUrl/.test(e.message),
    );
  });
});
