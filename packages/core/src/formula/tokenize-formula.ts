import { formulaErrorAt } from './formula-error.js';

export type FormulaTokenKind = 'number' | 'name' | 'operator' | '(' | ')' | 'separator' | 'end';

export interface FormulaToken {
  readonly kind: FormulaTokenKind;
  /** The token as written. */
  readonly text: string;
  /**
   * Normalised spelling: names lower-cased; operators `==` → `=`, `!=` → `<>`, `&&`/`&` → `and`,
   * `||`/`|` → `or`; separators as written (`;` or `,`).
   */
  readonly key: string;
  /** The value of a number token; 0 for other tokens. */
  readonly value: number;
  /** 0-based offset in the formula. */
  readonly pos: number;
}

const OPERATORS: ReadonlyMap<string, string> = new Map([
  ['==', '='],
  ['<>', '<>'],
  ['!=', '<>'],
  ['<=', '<='],
  ['>=', '>='],
  ['&&', 'and'],
  ['||', 'or'],
  ['+', '+'],
  ['-', '-'],
  ['*', '*'],
  ['/', '/'],
  ['^', '^'],
  ['=', '='],
  ['<', '<'],
  ['>', '>'],
  ['&', 'and'],
  ['|', 'or'],
]);

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isNamePart(c: number): boolean {
  return isNameStart(c) || isDigit(c);
}

/**
 * Splits a formula into tokens (openLCA syntax). The last token is always `end`.
 *
 * @example
 * tokenizeFormula('2*Mass').map((t) => t.key); // ['2', '*', 'mass', '']
 */
export function tokenizeFormula(text: string): FormulaToken[] {
  const tokens: FormulaToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
      i = scanNumber(text, i);
      const literal = text.slice(start, i);
      const value = Number(literal);
      if (!Number.isFinite(value)) {
        throw formulaErrorAt(
          'FORMULA_NOT_FINITE',
          text,
          start,
          `The number ${literal}`,
          'it is larger than a double-precision value can hold (about 1.8e308); check the exponent',
        );
      }
      tokens.push({ kind: 'number', text: literal, key: literal, value, pos: start });
      continue;
    }
    if (isNameStart(c)) {
      while (isNamePart(text.charCodeAt(i))) i++;
      const name = text.slice(start, i);
      tokens.push({ kind: 'name', text: name, key: name.toLowerCase(), value: 0, pos: start });
      continue;
    }
    if (c === 40 || c === 41) {
      const t = c === 40 ? '(' : ')';
      tokens.push({ kind: t, text: t, key: t, value: 0, pos: start });
      i++;
      continue;
    }
    if (c === 59 || c === 44) {
      const t = c === 59 ? ';' : ',';
      tokens.push({ kind: 'separator', text: t, key: t, value: 0, pos: start });
      i++;
      continue;
    }
    const two = text.slice(i, i + 2);
    const key2 = two.length === 2 ? OPERATORS.get(two) : undefined;
    if (key2 !== undefined) {
      tokens.push({ kind: 'operator', text: two, key: key2, value: 0, pos: start });
      i += 2;
      continue;
    }
    const one = text[i];
    const key1 = OPERATORS.get(one);
    if (key1 !== undefined) {
      tokens.push({ kind: 'operator', text: one, key: key1, value: 0, pos: start });
      i++;
      continue;
    }
    const code = text.codePointAt(i) ?? c;
    const shown =
      code > 126 || code < 32
        ? `'${String.fromCodePoint(code)}' (U+${code.toString(16).toUpperCase().padStart(4, '0')})`
        : `'${one}'`;
    throw formulaErrorAt(
      'FORMULA_SYNTAX',
      text,
      start,
      `Unexpected character ${shown}`,
      characterHint(one, code),
    );
  }
  tokens.push({ kind: 'end', text: '', key: '', value: 0, pos: text.length });
  return tokens;
}

/** Returns the offset after the number starting at `i`: digits, optional fraction, optional exponent. */
function scanNumber(text: string, i: number): number {
  const start = i;
  while (isDigit(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === 46) {
    i++;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 101 || e === 69) {
    let j = i + 1;
    const sign = text.charCodeAt(j);
    if (sign === 43 || sign === 45) j++;
    // Without digits the 'e' is no exponent: "2e" leaves a name 'e' and the parser reports the missing operator.
    if (isDigit(text.charCodeAt(j))) {
      while (isDigit(text.charCodeAt(j))) j++;
      i = j;
    }
  }
  if (text.charCodeAt(i) === 46) {
    throw formulaErrorAt(
      'FORMULA_SYNTAX',
      text,
      i,
      `Malformed number '${text.slice(start, i + 1)}…'`,
      'a number has at most one decimal point, and the decimal separator is always a point',
    );
  }
  return i;
}

function characterHint(ch: string, code: number): string {
  if (ch === '!') return "write not(x) to negate a condition and '<>' for 'not equal'";
  if (ch === '[' || ch === ']' || ch === '{' || ch === '}') return "use '(' and ')' to group";
  if (ch === '"' || ch === "'" || ch === '`') return 'formulas have no text values; remove the quotes';
  if (ch === '%') return "write a percentage as a fraction (5% → 0.05); 'mod' gives the remainder";
  if (code === 0xa0 || code === 0x2009 || code === 0x202f) return 'replace the special space by a normal one';
  if (code === 0x2212 || code === 0x2013 || code === 0x2014) return "use the ASCII minus '-'";
  if (code === 0xd7 || code === 0xb7) return "use '*' to multiply";
  if (code > 127 && /\p{L}/u.test(String.fromCodePoint(code))) {
    return 'names may contain only the letters A-Z and a-z, digits and underscores; rename the parameter';
  }
  return 'formulas contain numbers, names, the operators + - * / ^ = <> < <= > >= && || and parentheses, with ; or , between function arguments';
}
