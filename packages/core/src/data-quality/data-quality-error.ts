import { CoreError } from '../errors.js';

/** Stable codes of data-quality errors. */
export type DataQualityErrorCode =
  | 'INVALID_PEDIGREE'
  | 'UNKNOWN_FACTOR_SET'
  | 'FACTOR_NOT_AVAILABLE'
  | 'INVALID_UNCERTAINTY'
  | 'INVALID_SCORE'
  | 'INVALID_OPTION';

/**
 * Data-quality scores or options that cannot be used: a pedigree entry that is not five scores 1–5, a factor
 * set without a factor for a score, a rating outside its scale. The message says how to fix it.
 *
 * @example
 * try { parsePedigree('(1;2;3)'); } catch (e) { if (e instanceof DataQualityError) e.code; } // 'INVALID_PEDIGREE'
 */
export class DataQualityError extends CoreError {
  declare readonly code: DataQualityErrorCode;
  constructor(code: DataQualityErrorCode, message: string) {
    super(code, message);
  }
}
