/** What went wrong making a label; `code` is stable, `message` says what to do. */
export type LabelErrorCode =
  | 'INVALID_LABEL_DATA'
  | 'INVALID_CLASS_SCHEME'
  | 'CLASS_SCHEME_UNIT_MISMATCH'
  | 'INVALID_STATEMENT'
  | 'MISSING_GLYPH'
  | 'DOES_NOT_FIT'
  | 'QR_TOO_DENSE';

/**
 * The error of every function of @opencfp/label: bad input (label data, a class scheme, a statement) or content
 * that cannot be printed legibly at the size asked for.
 *
 * @example
 * try { renderLabel(data, { format: 'png', language: 'zh', size: 'small' }); }
 * catch (e) { if (e instanceof LabelError && e.code === 'DOES_NOT_FIT') console.error(e.message); }
 */
export class LabelError extends Error {
  readonly code: LabelErrorCode;
  /** Where in the input the problem is (zod issues' paths joined by dots), when it is in the input. */
  readonly details: string[];
  constructor(code: LabelErrorCode, message: string, details: string[] = []) {
    super(message);
    this.name = 'LabelError';
    this.code = code;
    this.details = details;
  }
}
