import type { ImportIssue } from './import-issue.js';

/**
 * Stable codes for input that cannot be read at all. Callers branch on `code`, never on the message.
 * Error-level issue codes (e.g. `MISSING_FLOW`) also appear here when `strict: true` turns an issue into an error.
 */
export type FormatErrorCode =
  | 'NOT_FOUND'
  | 'EMPTY_FILE'
  | 'NOT_A_ZIP'
  | 'TRUNCATED_ZIP'
  | 'CORRUPT_ZIP'
  | 'UNKNOWN_FORMAT'
  | 'ZIP_LIMIT_EXCEEDED'
  | (string & {});

/**
 * Thrown when a source cannot be read at all (not a zip, empty, truncated, unknown layout), or in strict mode
 * at the first error-level import issue. The message says what went wrong and how to fix it.
 *
 * @example
 * try { await readJsonLd('db.zip'); }
 * catch (e) { if (e instanceof FormatError && e.code === 'NOT_A_ZIP') console.error(e.message); }
 */
export class FormatError extends Error {
  readonly code: FormatErrorCode;
  /** The file (archive or dataset) the error is about, when known. */
  readonly file?: string;
  /** The issue that stopped a strict read. */
  readonly issue?: ImportIssue;

  constructor(
    code: FormatErrorCode,
    message: string,
    options?: { file?: string; issue?: ImportIssue; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FormatError';
    this.code = code;
    this.file = options?.file;
    this.issue = options?.issue;
  }
}
