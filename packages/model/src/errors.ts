/** Stable codes of product-model errors. Callers branch on `code`, never on the message. */
export type ModelErrorCode =
  | 'INVALID_MODEL'
  | 'UNKNOWN_SCENARIO'
  | 'UNKNOWN_PARAMETER'
  | 'PARAMETER_CYCLE'
  | 'FORMULA_ERROR'
  | 'UNKNOWN_PROCESS'
  | 'UNKNOWN_DATASET'
  | 'UNKNOWN_FACTOR'
  | 'NO_BACKGROUND'
  | 'UNIT_MISMATCH'
  | 'UNKNOWN_GAS'
  | 'UNKNOWN_STAGE'
  | 'FOREGROUND_SINGULAR'
  | 'NEGATIVE_SCALING'
  | 'NON_FINITE'
  | 'INVALID_OPTIONS';

/** Where in the model document a problem is, and what is wrong there. */
export interface ModelProblem {
  /** JSON pointer into the document, e.g. '/processes/2/inputs/0/amount'. */
  path: string;
  message: string;
}

/**
 * A product model that cannot be calculated as it stands. `path` points into the document (JSON pointer); the
 * message says how to fix it.
 *
 * @example
 * try { calculateProductModel(doc, background); }
 * catch (e) { if (e instanceof ModelError) console.error(e.code, e.path, e.message); }
 */
export class ModelError extends Error {
  readonly code: ModelErrorCode;
  readonly path: string;
  readonly problems: ModelProblem[];

  constructor(code: ModelErrorCode, path: string, message: string, options?: { problems?: ModelProblem[] }) {
    super(message);
    this.name = 'ModelError';
    this.code = code;
    this.path = path;
    this.problems = options?.problems ?? [{ path, message }];
  }
}
