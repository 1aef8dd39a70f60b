import {
  createHash,
  randomBytes,
  scrypt as scryptCallback,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';

const scrypt = (password: string, salt: Buffer, length: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCallback(password, salt, length, options, (e, key) => (e ? reject(e) : resolve(key))),
  );

/** scrypt cost: N = 2^15, r = 8, p = 1 (≈ 32 MiB, tens of ms): OWASP's minimum for scrypt. */
const COST = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/**
 * A password hash to store: `scrypt$N$r$p$salt$key` (base64url), salted with 16 random bytes.
 *
 * @example const stored = await hashPassword('correct horse'); await verifyPassword('correct horse', stored) // true
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, 32, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether `password` matches a stored hash (constant-time comparison; false for a malformed hash). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: COST.maxmem,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * A new secret (session token, API token, client secret): 32 random bytes, base64url, with a prefix that tells
 * what it is when it turns up in a log ('ocs_' session, 'ocp_' personal token, 'occ_' client secret, 'oca_' access
 * token of a client).
 */
export function newSecret(prefix: 'ocs' | 'ocp' | 'occ' | 'oca'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** What is stored of a secret: its SHA-256 (the secret has 256 random bits, so no salt or slow hash is needed). */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/**
 * A random password to hand to a person once (an administrator's or an owner's new user, a reset): 15 random bytes
 * as 20 base64url characters (120 bits).
 *
 * @example const password = randomPassword(); // e.g. 'q3Vx0bT9-kLm2WZr8aPf'
 */
export function randomPassword(): string {
  return randomBytes(15).toString('base64url');
}
