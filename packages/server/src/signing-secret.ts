import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerConfig } from './config.js';
import { ServerError } from './errors.js';
import type { ServerLogger } from './routing.js';

/** The file, in the data directory, that keeps the key secret when OPENCFP_KEY_SECRET is not set. */
export const KEY_SECRET_FILE = 'opencfp-key-secret';

/**
 * The secret organisations' signing keys are encrypted with, found once, when first needed (a server that never
 * signs makes no file): `config.keySecret` (OPENCFP_KEY_SECRET) when set; else the file `opencfp-key-secret` in
 * the data directory, made with 64 random hex digits and mode 0600 the first time; else (data in memory) a random
 * secret for this process only, which is right for a database that ends with it.
 *
 * @example const secret = new SigningSecret(config, logger); secret.get(); // a string of ≥ 32 characters
 */
export class SigningSecret {
  #value: string | undefined;

  constructor(
    private readonly config: Pick<ServerConfig, 'keySecret' | 'dataDir' | 'databaseUrl'>,
    private readonly logger?: ServerLogger,
  ) {}

  /** The secret (read or made on the first call). */
  get(): string {
    this.#value ??= this.#find();
    return this.#value;
  }

  #find(): string {
    if (this.config.keySecret !== null) return this.config.keySecret;
    const dir = this.config.dataDir;
    if (dir === null) {
      if (this.config.databaseUrl)
        this.logger?.warn(
          'signing keys are encrypted with a secret of this process only (no OPENCFP_KEY_SECRET, no data directory): after a restart they cannot sign; set OPENCFP_KEY_SECRET',
        );
      return randomBytes(32).toString('hex');
    }
    const path = join(dir, KEY_SECRET_FILE);
    mkdirSync(dir, { recursive: true });
    try {
      // 'wx': only if there is none, so that two instances starting on one directory agree on one secret.
      writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
    }
    const mode = statSync(path).mode & 0o777;
    if (mode & 0o077) {
      chmodSync(path, 0o600);
      this.logger?.warn(`${path} could be read by others (mode ${mode.toString(8)}): made it 0600`);
    }
    const text = readFileSync(path, 'utf8').trim();
    if (text.length < 32)
      throw new ServerError(
        'INVALID_CONFIG',
        `${path} holds no key secret (fewer than 32 characters): restore it from a backup, or set OPENCFP_KEY_SECRET`,
      );
    return text;
  }
}
