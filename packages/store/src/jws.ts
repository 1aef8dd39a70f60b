// JSON Web Signatures (RFC 7515, compact serialization) with Ed25519 (RFC 8037, alg EdDSA), on node:crypto alone.
// The store signs with organisations' keys (repositories/signing-keys.ts); the server and `cfp verify` verify.
import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** A JOSE header: `alg` always; `kid`, `typ`, `cty` and others as the signer sets them. */
export interface JwsHeader {
  alg: string;
  kid?: string;
  typ?: string;
  cty?: string;
  [name: string]: unknown;
}

/** An Ed25519 public key as a JWK (RFC 8037), with its id and the members a key set adds. */
export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  /** base64url of the 32-byte public key. */
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
  [name: string]: unknown;
}

/** base64url without padding (RFC 7515 §2). */
export function base64url(data: Uint8Array | string): string {
  return Buffer.from(typeof data === 'string' ? Buffer.from(data, 'utf8') : data).toString('base64url');
}

/** Bytes of base64url text; undefined when the text is not base64url (other characters, padding). */
export function fromBase64url(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  return Buffer.from(text, 'base64url');
}

/**
 * A compact JWS of `payload` (as JSON) signed with an Ed25519 private key; the header gets `alg: 'EdDSA'`.
 *
 * @example const jws = signCompactJws({ kid: 'k1', typ: 'vc+jwt' }, { hello: 'world' }, privateKey);
 */
export function signCompactJws(
  header: Omit<JwsHeader, 'alg'>,
  payload: object,
  privateKey: KeyObject,
): string {
  const signingInput = `${base64url(JSON.stringify({ alg: 'EdDSA', ...header }))}.${base64url(JSON.stringify(payload))}`;
  const signature = sign(null, Buffer.from(signingInput, 'ascii'), privateKey);
  return `${signingInput}.${base64url(signature)}`;
}

/** A compact JWS taken apart (nothing verified yet). */
export interface DecodedJws {
  header: JwsHeader;
  /** The payload parsed as JSON. */
  payload: unknown;
  /** `<header>.<payload>` as sent: what the signature covers. */
  signingInput: string;
  signature: Buffer;
}

/**
 * Takes a compact JWS apart; a string that is not one (not three base64url parts, a header or payload that is not
 * JSON, a header without `alg`) gives the reason instead.
 *
 * @example const decoded = decodeCompactJws(text); if ('problem' in decoded) console.error(decoded.problem);
 */
export function decodeCompactJws(jws: string): DecodedJws | { problem: string } {
  const parts = jws.trim().split('.');
  if (parts.length !== 3)
    return { problem: `not a compact JWS: expected three parts separated by '.', found ${parts.length}` };
  const [h, p, s] = parts;
  const headerBytes = fromBase64url(h);
  const payloadBytes = fromBase64url(p);
  const signature = fromBase64url(s);
  if (!headerBytes || !payloadBytes || !signature)
    return { problem: 'not a compact JWS: a part is not base64url' };
  let header: unknown;
  let payload: unknown;
  try {
    header = JSON.parse(headerBytes.toString('utf8'));
  } catch {
    return { problem: 'the JWS header is not JSON' };
  }
  try {
    payload = JSON.parse(payloadBytes.toString('utf8'));
  } catch {
    return { problem: 'the JWS payload is not JSON' };
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    return { problem: 'the JWS header is not a JSON object' };
  if (typeof (header as JwsHeader).alg !== 'string') return { problem: 'the JWS header has no alg' };
  return { header: header as JwsHeader, payload, signingInput: `${h}.${p}`, signature };
}

/**
 * Whether `signature` over `signingInput` was made by the private key of `jwk` (Ed25519). A JWK that is not an
 * Ed25519 public key is false, never an exception.
 */
export function verifyEd25519(signingInput: string, signature: Uint8Array, jwk: PublicJwk): boolean {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') return false;
  let key: KeyObject;
  try {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
  } catch {
    return false;
  }
  return verify(null, Buffer.from(signingInput, 'ascii'), key, signature);
}
