import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { searchQuery, searchTokens } from './search-tokens.js';

describe('registry search words', () => {
  it('folds text and keeps alphabetic words whole', () => {
    assert.deepEqual(searchTokens('LFP Battery-Pack 2025, ＬＦＰ'), ['lfp', 'battery', 'pack', '2025']);
    assert.deepEqual(searchTokens('Äußere Hülle'), ['äußere', 'hülle']);
  });

  it('indexes Chinese runs by their characters and overlapping pairs', () => {
    assert.deepEqual(searchTokens('电池包'), ['电', '池', '包', '电池', '池包']);
    assert.deepEqual(searchTokens('LFP电池'), ['lfp', '电', '池', '电池']);
    assert.deepEqual(searchTokens('锂'), ['锂']);
  });

  it('makes a tsquery of every word, the last alphabetic one a prefix', () => {
    assert.equal(searchQuery('LFP batt'), "'lfp' & 'batt':*");
    assert.equal(searchQuery('磷酸铁锂'), "'磷酸' & '酸铁' & '铁锂'");
    assert.equal(searchQuery('锂'), "'锂'");
    assert.equal(searchQuery('电池 pack'), "'电池' & 'pack':*");
    assert.equal(searchQuery("it's | !x & ("), "'it' & 's' & 'x':*");
    assert.equal(searchQuery(' ,.;'), undefined);
  });
});
