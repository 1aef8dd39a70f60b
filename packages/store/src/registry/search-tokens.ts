// The words of the public registry's full-text search, made in the application so that PostgreSQL servers and
// PGlite agree whatever their locale: PostgreSQL's text-search parser drops letters outside ASCII under the C locale,
// and it has no word breaker for Chinese. Text is folded (NFKC, lower case); runs of letters and digits of
// alphabetic scripts are words; runs of Han, kana and Hangul characters, written without spaces, are cut into
// overlapping pairs (bigrams, as CJK analysers of search engines do), so '磷酸铁锂电池' is found by '电池' and by
// '铁锂'; the index also holds each such character alone, for a search of one character. The database stores the words with array_to_tsvector (no parsing) and a query is a tsquery of quoted words.

/** Characters of scripts written without spaces between words. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const RUN = /[\p{L}\p{N}]+/gu;
/** The longest word kept (longer ones are cut): a tsvector lexeme holds at most 2,046 bytes. */
const MAX_WORD = 100;

/** One run of letters and digits cut into words: itself (alphabetic), or its bigrams (CJK; for the index also its characters). */
function runWords(run: string, into: string[], index: boolean): void {
  let latin = '';
  let cjk = '';
  const flushLatin = () => {
    if (latin) into.push(latin.slice(0, MAX_WORD));
    latin = '';
  };
  const flushCjk = () => {
    const chars = Array.from(cjk);
    if (index || chars.length === 1) into.push(...chars);
    for (let k = 0; k + 1 < chars.length; k++) into.push(chars[k] + chars[k + 1]);
    cjk = '';
  };
  for (const ch of run) {
    if (CJK.test(ch)) {
      flushLatin();
      cjk += ch;
    } else {
      flushCjk();
      latin += ch;
    }
  }
  flushLatin();
  flushCjk();
}

function words(text: string, index: boolean): string[] {
  const found: string[] = [];
  for (const match of text.normalize('NFKC').toLowerCase().matchAll(RUN)) runWords(match[0], found, index);
  return [...new Set(found)];
}

/**
 * The distinct words an entry's text is indexed by, in order of first appearance.
 *
 * @example
 * searchTokens('LFP 电池包'); // ['lfp', '电', '池', '包', '电池', '池包']
 */
export function searchTokens(text: string): string[] {
  return words(text, true);
}

/**
 * The tsquery (input syntax, no parsing by the database) that finds entries holding every word of a search; the
 * last alphabetic word is a prefix (typing 'batt' finds 'battery'). Undefined when the search has no word.
 * Words hold only letters and digits, so quoting cannot be broken out of.
 *
 * @example
 * searchQuery('LFP batt'); // "'lfp' & 'batt':*"
 * searchQuery('电池'); // "'电池'"
 */
export function searchQuery(text: string): string | undefined {
  const wanted = words(text, false);
  if (wanted.length === 0) return undefined;
  const last = wanted.length - 1;
  const prefix = !CJK.test(wanted[last]);
  return wanted.map((w, k) => `'${w}'${k === last && prefix ? ':*' : ''}`).join(' & ');
}
