/** Base class of every linalg error; `code` is stable and safe to switch on. */
export class LinalgError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Thrown when a matrix cannot be factorized; `columns` are the 0-based columns that carry no usable pivot. */
export class SingularMatrixError extends LinalgError {
  readonly columns: number[];
  constructor(columns: number[], detail = '') {
    super(
      'SINGULAR_MATRIX',
      `the matrix is singular (no usable pivot in column${columns.length === 1 ? '' : 's'} ${columns
        .slice(0, 20)
        .join(', ')}${columns.length > 20 ? ', …' : ''})${detail ? `: ${detail}` : ''}. ` +
        'Check that every product in the system has a provider whose output is not cancelled by its own inputs.',
    );
    this.columns = columns;
  }
}

/** Thrown when dimensions of operands do not match. */
export class DimensionError extends LinalgError {
  constructor(message: string) {
    super('DIMENSION_MISMATCH', message);
  }
}

/** Thrown by the MatrixMarket reader on malformed input. */
export class MatrixMarketError extends LinalgError {
  readonly line: number;
  constructor(line: number, message: string) {
    super('MATRIX_MARKET_SYNTAX', `line ${line}: ${message}`);
    this.line = line;
  }
}
