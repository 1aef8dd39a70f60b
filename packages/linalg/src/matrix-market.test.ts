import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CooMatrix } from './coo-matrix.js';
import { MatrixMarketError } from './errors.js';
import { readMatrixMarket, writeMatrixMarket } from './matrix-market.js';
import { Random } from './random.js';

test('round trip is exact, bit for bit, including awkward values', () => {
  const awkward = [
    0.1 + 0.2,
    -1 / 3,
    1e-300,
    5e-324,
    1.7976931348623157e308,
    -0,
    123456789.12345679,
    Math.PI,
    1e21,
    -2e-7,
  ];
  const rng = new Random(11);
  const coo = new CooMatrix(40, 30);
  for (let k = 0; k < awkward.length; k++) coo.add(k, k, awkward[k]);
  for (let k = 0; k < 300; k++) coo.add(rng.int(40), rng.int(30), rng.normal() * 10 ** (rng.int(40) - 20));
  const A = coo.toCsc(true);
  const text = writeMatrixMarket(A, 'synthetic\nsecond comment line');
  assert.ok(
    text.startsWith(
      '%%MatrixMarket matrix coordinate real general\n% synthetic\n% second comment line\n40 30 ',
    ),
  );
  const B = readMatrixMarket(text);
  assert.equal(B.rows, 40);
  assert.equal(B.cols, 30);
  assert.deepEqual(B.columnPointers, A.columnPointers);
  assert.deepEqual(B.rowIndex, A.rowIndex);
  for (let k = 0; k < A.nonZeros; k++) assert.ok(Object.is(B.values[k], A.values[k]), `value ${A.values[k]}`);
});

test('reads comments, blank lines, CRLF, integer, pattern and symmetric files', () => {
  const general = readMatrixMarket(
    '%%MatrixMarket matrix coordinate real general\r\n% a comment\r\n\r\n2 3 3\r\n1 1 1.5\r\n2 3 -2e-1\r\n\r\n1 1 1\r\n',
  );
  assert.deepEqual(
    general.toDense().map((r) => [...r]),
    [
      [2.5, 0, 0],
      [0, 0, -0.2],
    ],
  );
  const integer = readMatrixMarket('%%MatrixMarket matrix coordinate integer general\n1 1 1\n1 1 -7\n');
  assert.equal(integer.get(0, 0), -7);
  const pattern = readMatrixMarket('%%MatrixMarket matrix coordinate pattern general\n2 2 2\n1 2\n2 1\n');
  assert.deepEqual(
    pattern.toDense().map((r) => [...r]),
    [
      [0, 1],
      [1, 0],
    ],
  );
  const symmetric = readMatrixMarket(
    '%%MATRIXMARKET Matrix Coordinate Real Symmetric\n3 3 3\n1 1 4\n3 1 -1\n2 2 5\n',
  );
  assert.deepEqual(
    symmetric.toDense().map((r) => [...r]),
    [
      [4, 0, -1],
      [0, 5, 0],
      [-1, 0, 0],
    ],
  );
});

test('malformed input is rejected with the line number', () => {
  const cases: [string, number, RegExp][] = [
    ['', 1, /header/],
    ['%%MatrixMarket matrix array real general\n2 2\n1\n2\n3\n4\n', 1, /array/],
    ['%%MatrixMarket matrix coordinate complex general\n1 1 1\n1 1 1 0\n', 1, /complex/],
    ['%%MatrixMarket matrix coordinate real hermitian\n1 1 1\n1 1 1\n', 1, /hermitian/],
    ['%%MatrixMarket vector coordinate real general\n1 1 1\n1 1 1\n', 1, /vector/],
    ['%%MatrixMarket matrix coordinate real general\n% only comments\n', 2, /size line/],
    ['%%MatrixMarket matrix coordinate real general\n2 2\n', 2, /rows cols entries/],
    ['%%MatrixMarket matrix coordinate real general\n2 2 x\n', 2, /not a non-negative integer/],
    ['%%MatrixMarket matrix coordinate real general\n2 2 1\n3 1 1\n', 3, /row index 3 is outside 1…2/],
    ['%%MatrixMarket matrix coordinate real general\n2 2 1\n1 0 1\n', 3, /column index 0/],
    ['%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 abc\n', 3, /not a finite number/],
    ['%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 1 1\n', 3, /row col value/],
    [
      '%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1\n',
      3,
      /declares 2 entries but the file has 1/,
    ],
    [
      '%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 1\n\n2 2 1\n',
      5,
      /more entries than the 1 declared/,
    ],
    ['%%MatrixMarket matrix coordinate integer general\n1 1 1\n1 1 1.5\n', 3, /not an integer/],
    ['%%MatrixMarket matrix coordinate real symmetric\n2 2 1\n1 2 1\n', 3, /above the diagonal/],
    ['%%MatrixMarket matrix coordinate real symmetric\n2 3 0\n', 2, /square/],
  ];
  for (const [text, line, message] of cases) {
    assert.throws(
      () => readMatrixMarket(text),
      (e: unknown) => e instanceof MatrixMarketError && e.line === line && message.test(e.message),
      `${JSON.stringify(text)} should fail on line ${line} with ${message}`,
    );
  }
});
