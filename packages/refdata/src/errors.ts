/** Stable codes of reference-data errors. Callers branch on `code`, never on the message. */
export type RefdataErrorCode = 'UNKNOWN_GWP_SET' | (string & {});

/**
 * Thrown when reference data is asked for that does not exist. The message says what is available.
 *
 * @example
 * try { gwpSet('ipcc-ar7-gwp100'); }
 * catch (e) { if (e instanceof RefdataError && e.code === 'UNKNOWN_GWP_SET') console.error(e.message); }
 */
export class RefdataError extends Error {
  readonly code: RefdataErrorCode;

  constructor(code: RefdataErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RefdataError';
    this.code = code;
  }
}
