import { decodeCompactJws, inputsHash, verifyEd25519, type JwsHeader, type PublicJwk } from '@opencfp/store';
import { STATEMENT_TYP, StatementPayload } from './statement-schema.js';

/** A JSON Web Key Set, as served at /.well-known/jwks.json. */
export interface Jwks {
  keys: PublicJwk[];
}

/** What `verifyStatement` found. */
export interface StatementVerification {
  /** The signature is the issuer's key's, over this header and payload, and the payload is a statement. */
  valid: boolean;
  /** Why not, one sentence each (empty when valid). */
  problems: string[];
  header?: JwsHeader;
  /** The payload, once it parsed as JSON (also when invalid, so that a verifier can show what it claims). */
  payload?: unknown;
  /** The payload as a statement, when its structure is right. */
  statement?: StatementPayload;
  /** The key that verified the signature. */
  key?: PublicJwk;
}

/** How far a statement's date may lie outside its key's validity (clocks of several servers differ a little). */
export const KEY_VALIDITY_SKEW_MS = 5 * 60_000;

/**
 * Verifies a signed statement (a compact JWS, application/vc+jwt) against a key set: the header (alg EdDSA — never
 * `none` or anything else —, typ vc+jwt, a kid found in the set), that the key is not revoked (a key with
 * `revokedAt`, as the key status route answers it), the Ed25519 signature over exactly the header and payload
 * sent, the payload's structure (StatementPayload), that the key is the issuing organisation's, and that the
 * statement is dated within the key's validity (a retired key still verifies what it signed before).
 *
 * @example
 * const outcome = verifyStatement(jws, await (await fetch(`${origin}/.well-known/jwks.json`)).json());
 * if (!outcome.valid) console.error(outcome.problems.join('\n'));
 */
export function verifyStatement(jws: string, jwks: Jwks): StatementVerification {
  const decoded = decodeCompactJws(jws);
  if ('problem' in decoded) return { valid: false, problems: [decoded.problem] };
  const { header, payload } = decoded;
  const problems: string[] = [];
  const outcome: StatementVerification = { valid: false, problems, header, payload };
  if (header.alg !== 'EdDSA') {
    problems.push(`the JWS algorithm is '${header.alg}': only EdDSA (Ed25519) signatures are accepted`);
    return outcome;
  }
  if (header.typ !== STATEMENT_TYP)
    problems.push(`the JWS typ is '${String(header.typ)}', not '${STATEMENT_TYP}'`);
  const critical = header.crit;
  if (critical !== undefined)
    problems.push('the JWS header has critical extensions (crit) this verifier does not know');
  if (typeof header.kid !== 'string') {
    problems.push('the JWS header names no key (kid)');
    return outcome;
  }
  const key = (Array.isArray(jwks?.keys) ? jwks.keys : []).find((k) => k?.kid === header.kid);
  if (!key) {
    problems.push(`the key '${header.kid}' is not among the issuer's published keys`);
    return outcome;
  }
  // Whoever holds a revoked (possibly compromised) key can sign with it and date the statement as they like, so a
  // revoked key verifies nothing, whatever the statement's date.
  if (typeof key.revokedAt === 'string')
    problems.push(
      `the key '${key.kid}' that signed it was revoked by its organisation on ${key.revokedAt}: nothing signed with a revoked key can be trusted, whatever date it states (ask the issuer for a statement signed with a valid key)`,
    );
  if (!verifyEd25519(decoded.signingInput, decoded.signature, key)) {
    problems.push(
      `the signature does not match: the statement was changed after it was signed, or not signed with key '${header.kid}'`,
    );
    return outcome;
  }
  outcome.key = key;
  const parsed = StatementPayload.safeParse(payload);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 20))
      problems.push(
        `the statement is not well formed at ${issue.path.join('.') || '(top)'}: ${issue.message}`,
      );
    return outcome;
  }
  const statement = parsed.data;
  outcome.statement = statement;
  if (typeof key.org === 'string' && key.org !== statement.issuer.organisationId)
    problems.push(
      `key '${key.kid}' belongs to organisation ${key.org}, not to the issuer ${statement.issuer.organisationId}`,
    );
  const issued = Date.parse(statement.validFrom);
  const from = typeof key.validFrom === 'string' ? Date.parse(key.validFrom) : NaN;
  const until = typeof key.validUntil === 'string' ? Date.parse(key.validUntil) : NaN;
  if (!Number.isNaN(from) && issued < from - KEY_VALIDITY_SKEW_MS)
    problems.push(
      `the statement is dated ${statement.validFrom}, before its key was made (${String(key.validFrom)})`,
    );
  if (!Number.isNaN(until) && issued > until + KEY_VALIDITY_SKEW_MS)
    problems.push(
      `the statement is dated ${statement.validFrom}, after its key was retired (${String(key.validUntil)})`,
    );
  outcome.valid = problems.length === 0;
  return outcome;
}

/**
 * The inputs hash a model document gives with a statement's calculation (engine, background version, options):
 * equal to the statement's `calculation.inputsHash` exactly when the document is the one calculated. The same
 * formula as calculationInputsHash (routes/calculations.ts), with the engine the statement names.
 *
 * @example statementInputsHash(statement, modelDocument) === statement.credentialSubject.calculation.inputsHash
 */
export function statementInputsHash(statement: StatementPayload, model: unknown): string {
  const calculation = statement.credentialSubject.calculation;
  return inputsHash({
    engine: calculation.engine,
    model,
    backgroundVersionId: calculation.backgroundVersionId,
    request: calculation.request,
  });
}

/**
 * Differences between a statement and a stored calculation result (as GET …/calculations/{resultId} or
 * …/studies/{id}/result answers it): its id, inputs hash, and the total and split it reports.
 */
export function compareWithResult(statement: StatementPayload, result: unknown): string[] {
  const problems: string[] = [];
  const r = result as {
    id?: unknown;
    inputsHash?: unknown;
    footprint?: { split?: Record<string, unknown> };
  };
  const calculation = statement.credentialSubject.calculation;
  if (r?.id !== calculation.resultId)
    problems.push(`the result is '${String(r?.id)}', the statement names '${calculation.resultId}'`);
  if (r?.inputsHash !== calculation.inputsHash)
    problems.push(
      `the result's inputs hash ${String(r?.inputsHash)} is not the statement's ${calculation.inputsHash}`,
    );
  const split = r?.footprint?.split;
  if (!split || typeof split !== 'object') problems.push('the result has no footprint split to compare');
  else
    for (const [name, value] of Object.entries(statement.credentialSubject.footprint.split))
      if (split[name] !== value)
        problems.push(`the result's ${name} is ${String(split[name])}, the statement says ${value}`);
  return problems;
}
