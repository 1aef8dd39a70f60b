import { CooMatrix } from './coo-matrix.js';
import type { CscMatrix } from './csc-matrix.js';
import { MatrixMarketError } from './errors.js';

/**
 * Parse a MatrixMarket coordinate file (`%%MatrixMarket matrix coordinate real|integer|pattern
 * general|symmetric`). Indices are 1-based; `pattern` entries become 1.0; `symmetric` files list the lower
 * triangle and are mirrored. Duplicate entries are summed (as the format's usual readers do). Complex, array
 * (dense) and skew/Hermitian files are rejected. Every error names the offending line.
 *
 * @example
 * const A = readMatrixMarket('%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1.5\n2 2 -1\n');
 */
export function readMatrixMarket(text: string): CscMatrix {
  const lines = text.split(/\r?\n/);
  // Errors at the end of the input name the last line, not the empty piece after a final newline.
  const lastLine = Math.max(1, lines.length - (lines.length > 1 && lines[lines.length - 1] === '' ? 1 : 0));
  let lineNo = 0;
  const header = (lines[0] ?? '').trim();
  lineNo = 1;
  const words = header.split(/\s+/).map((w) => w.toLowerCase());
  if (words[0] !== '%%matrixmarket')
    throw new MatrixMarketError(1, `expected a '%%MatrixMarket' header, found '${truncate(header)}'`);
  if (words[1] !== 'matrix')
    throw new MatrixMarketError(1, `unsupported object '${words[1] ?? ''}' (only 'matrix')`);
  if (words[2] !== 'coordinate')
    throw new MatrixMarketError(
      1,
      `unsupported format '${words[2] ?? ''}' (only 'coordinate', not dense 'array')`,
    );
  const field = words[3] ?? '';
  if (field !== 'real' && field !== 'integer' && field !== 'pattern' && field !== 'double')
    throw new MatrixMarketError(1, `unsupported field '${field}' (real, integer or pattern; not complex)`);
  const symmetry = words[4] ?? '';
  if (symmetry !== 'general' && symmetry !== 'symmetric')
    throw new MatrixMarketError(1, `unsupported symmetry '${symmetry}' (general or symmetric)`);
  const pattern = field === 'pattern';
  const symmetric = symmetry === 'symmetric';

  // Size line: the first line that is neither a comment nor blank.
  let rows = -1;
  let cols = -1;
  let declared = -1;
  while (lineNo < lines.length) {
    const line = lines[lineNo++].trim();
    if (line === '' || line.startsWith('%')) continue;
    const parts = line.split(/\s+/);
    if (parts.length !== 3)
      throw new MatrixMarketError(lineNo, `expected 'rows cols entries', found '${truncate(line)}'`);
    [rows, cols, declared] = parts.map((p) => parseCount(p, lineNo));
    break;
  }
  if (declared < 0) throw new MatrixMarketError(lastLine, 'missing the size line (rows cols entries)');
  if (symmetric && rows !== cols)
    throw new MatrixMarketError(lineNo, `a symmetric matrix must be square, got ${rows}×${cols}`);

  const coo = new CooMatrix(rows, cols, symmetric ? 2 * declared : declared);
  let count = 0;
  while (lineNo < lines.length) {
    const line = lines[lineNo++].trim();
    if (line === '' || line.startsWith('%')) continue;
    const parts = line.split(/\s+/);
    const expected = pattern ? 2 : 3;
    if (parts.length !== expected)
      throw new MatrixMarketError(
        lineNo,
        `expected ${pattern ? 'row col' : 'row col value'}, found '${truncate(line)}'`,
      );
    if (count === declared) throw new MatrixMarketError(lineNo, `more entries than the ${declared} declared`);
    const i = parseIndex(parts[0], rows, 'row', lineNo);
    const j = parseIndex(parts[1], cols, 'column', lineNo);
    let v = 1;
    if (!pattern) {
      v = Number(parts[2]);
      if (!Number.isFinite(v) || parts[2].trim() === '')
        throw new MatrixMarketError(lineNo, `'${truncate(parts[2])}' is not a finite number`);
      if (field === 'integer' && !Number.isInteger(v))
        throw new MatrixMarketError(lineNo, `'${truncate(parts[2])}' is not an integer`);
    }
    if (symmetric && i < j)
      throw new MatrixMarketError(
        lineNo,
        `entry (${i + 1}, ${j + 1}) is above the diagonal of a symmetric file`,
      );
    coo.add(i, j, v);
    if (symmetric && i !== j) coo.add(j, i, v);
    count++;
  }
  if (count !== declared)
    throw new MatrixMarketError(
      lastLine,
      `the size line declares ${declared} entries but the file has ${count}`,
    );
  return coo.toCsc(true);
}

/**
 * Write A as `%%MatrixMarket matrix coordinate real general`, column by column, 1-based. Values are written
 * with JavaScript's shortest round-trip representation, so `readMatrixMarket(writeMatrixMarket(A))`
 * reproduces every value bit for bit.
 *
 * @example
 * writeFileSync('A.mtx', writeMatrixMarket(A));
 */
export function writeMatrixMarket(A: CscMatrix, comment?: string): string {
  const parts: string[] = ['%%MatrixMarket matrix coordinate real general\n'];
  if (comment) for (const line of comment.split(/\r?\n/)) parts.push(`% ${line}\n`);
  parts.push(`${A.rows} ${A.cols} ${A.nonZeros}\n`);
  const p = A.columnPointers;
  const chunk: string[] = [];
  for (let j = 0; j < A.cols; j++) {
    for (let k = p[j]; k < p[j + 1]; k++) {
      chunk.push(`${A.rowIndex[k] + 1} ${j + 1} ${formatValue(A.values[k])}\n`);
      if (chunk.length === 4096) {
        parts.push(chunk.join(''));
        chunk.length = 0;
      }
    }
  }
  parts.push(chunk.join(''));
  return parts.join('');
}

/** Shortest round-trip text of a double; keeps the sign of −0, which String() drops. */
function formatValue(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

function parseCount(text: string, line: number): number {
  if (!/^\d+$/.test(text))
    throw new MatrixMarketError(line, `'${truncate(text)}' is not a non-negative integer`);
  const v = Number(text);
  if (!Number.isSafeInteger(v) || v > 2147483647)
    throw new MatrixMarketError(line, `'${truncate(text)}' is too large`);
  return v;
}

function parseIndex(text: string, size: number, what: string, line: number): number {
  if (!/^\d+$/.test(text))
    throw new MatrixMarketError(line, `${what} index '${truncate(text)}' is not an integer`);
  const v = Number(text);
  if (v < 1 || v > size) throw new MatrixMarketError(line, `${what} index ${text} is outside 1…${size}`);
  return v - 1;
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
