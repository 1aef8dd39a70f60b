import assert from 'node:assert/strict';
import { test } from 'node:test';
import { padToWidth, textWidth } from './text-width.js';

test('textWidth: East Asian wide characters take two columns', () => {
  assert.equal(textWidth('coal'), 4);
  assert.equal(textWidth('西南'), 4);
  // 'import ' 7 + 华东 4 + '（' fullwidth 2 = 13
  assert.equal(textWidth('import 华东（'), 13);
  assert.equal(textWidth('전력'), 4);
  // U+20BB7 𠮷 (CJK Extension B) is one code point, two columns
  assert.equal(textWidth('𠮷'), 2);
  assert.equal(textWidth('×→ %'), 4);
});

test('padToWidth pads to terminal columns, left or right', () => {
  assert.equal(padToWidth('西南', 6), '西南  ');
  assert.equal(padToWidth('1.5', 5, 'end'), '  1.5');
  assert.equal(padToWidth('华东电网', 4), '华东电网');
});
