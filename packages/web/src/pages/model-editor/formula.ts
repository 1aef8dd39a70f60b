/**
 * A check of formulas as the engine reads them (packages/core/src/formula: openLCA syntax — numbers with a decimal
 * point, names of letters, digits and _, + - * / ^, comparisons, and/or/xor/not, mod/div, function calls with ; or
 * , between arguments), so the editor can say in place what is wrong before the server calculates. The server
 * checks formulas only when it calculates (422 MODEL_INVALID, FORMULA_ERROR); this mirrors its grammar and its
 * function list, and says which parameters a formula uses.
 */
export type FormulaProblemCode =
  | 'empty'
  | 'character'
  | 'number'
  | 'syntax'
  | 'unclosed'
  | 'unmatched'
  | 'unknownFunction'
  | 'arity'
  | 'unknownParameter';

export interface FormulaProblem {
  code: FormulaProblemCode;
  /** 1-based column the problem is at (as editors count) */
  column: number;
  /** the name concerned: an unknown function or parameter, or the character */
  name?: string;
}

export type FormulaCheck =
  | { ok: true; /** parameter names used, lower-cased */ variables: string[] }
  | { ok: false; problem: FormulaProblem };

/** Functions and their number of arguments (min, max), as the engine's (formula-functions.ts), aliases included. */
const FUNCTIONS = new Map<string, [number, number]>();
const unary = ['abs', 'sqrt', 'sqr', 'exp', 'ln', 'log', 'ceil', 'floor', 'frac', 'int', 'sin', 'cos', 'tan'];
for (const name of [
  ...unary,
  'asin',
  'acos',
  'atan',
  'sinh',
  'cosh',
  'tanh',
  'cot',
  'not',
  'lg',
  'log10',
  'trunc',
  'arcsin',
  'arccos',
  'arctan',
  'cotan',
])
  FUNCTIONS.set(name, [1, 1]);
for (const name of ['pi', 'e', 'true', 'false']) FUNCTIONS.set(name, [0, 0]);
for (const name of ['pow', 'power', 'ipower']) FUNCTIONS.set(name, [2, 2]);
FUNCTIONS.set('round', [1, 2]);
for (const name of ['min', 'max', 'avg', 'mean']) FUNCTIONS.set(name, [1, Infinity]);
FUNCTIONS.set('sum', [0, Infinity]);
for (const name of ['if', 'iif', 'iff']) FUNCTIONS.set(name, [3, 3]);
for (const name of ['and', 'or']) FUNCTIONS.set(name, [1, Infinity]);

/** Words that are operators, never parameter names. */
const WORD_OPERATORS = new Set(['and', 'or', 'xor', 'not', 'mod', 'div']);
const SYMBOLS = ['==', '<>', '!=', '<=', '>=', '&&', '||', '+', '-', '*', '/', '^', '=', '<', '>', '&', '|'];
/** Names that are constants (used without parentheses as values). */
const CONSTANTS = new Set(['pi', 'e', 'true', 'false']);

interface Token {
  kind: 'number' | 'name' | 'operator' | '(' | ')' | 'separator' | 'end';
  text: string;
  pos: number;
}

class FormulaSyntax extends Error {
  constructor(readonly problem: FormulaProblem) {
    super(problem.code);
  }
}

const fail = (code: FormulaProblemCode, pos: number, name?: string): never => {
  throw new FormulaSyntax({ code, column: pos + 1, ...(name === undefined ? {} : { name }) });
};

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const match = /^[0-9]*(\.[0-9]*)?([eE][+-]?[0-9]+)?/.exec(text.slice(i));
      i += match?.[0].length ?? 1;
      if (text[i] === '.') fail('number', i);
      tokens.push({ kind: 'number', text: text.slice(start, i), pos: start });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      while (i < text.length && /[A-Za-z0-9_]/.test(text[i])) i++;
      tokens.push({ kind: 'name', text: text.slice(start, i), pos: start });
      continue;
    }
    if (c === '(' || c === ')') {
      tokens.push({ kind: c, text: c, pos: start });
      i++;
      continue;
    }
    if (c === ';' || c === ',') {
      tokens.push({ kind: 'separator', text: c, pos: start });
      i++;
      continue;
    }
    const symbol = SYMBOLS.find((s) => text.startsWith(s, i));
    if (symbol) {
      tokens.push({ kind: 'operator', text: symbol, pos: start });
      i += symbol.length;
      continue;
    }
    fail('character', start, String.fromCodePoint(text.codePointAt(i) ?? 0));
  }
  tokens.push({ kind: 'end', text: '', pos: text.length });
  return tokens;
}

/** A recursive-descent reader of the engine's grammar; only validity and the names used matter here. */
class Reader {
  private i = 0;
  readonly variables = new Set<string>();

  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)];
  }

  read(): void {
    if (this.peek().kind === 'end') fail('empty', 0);
    this.expression();
    const t = this.peek();
    if (t.kind === ')') fail('unmatched', t.pos);
    if (t.kind !== 'end') fail('syntax', t.pos, t.text);
  }

  private isInfix(t: Token): boolean {
    if (t.kind === 'operator') return true;
    return t.kind === 'name' && WORD_OPERATORS.has(t.text.toLowerCase()) && t.text.toLowerCase() !== 'not';
  }

  private expression(): void {
    this.operand();
    while (this.isInfix(this.peek())) {
      this.i++;
      this.operand();
    }
  }

  /** A value with its prefix signs and `not`s. */
  private operand(): void {
    for (;;) {
      const t = this.peek();
      if (t.kind === 'operator' && (t.text === '-' || t.text === '+')) this.i++;
      else if (t.kind === 'name' && t.text.toLowerCase() === 'not' && this.peek(1).kind !== '(') this.i++;
      else break;
    }
    this.primary();
  }

  private primary(): void {
    const t = this.peek();
    if (t.kind === 'number') {
      this.i++;
      return;
    }
    if (t.kind === 'name') {
      const key = t.text.toLowerCase();
      if (this.peek(1).kind === '(') return this.call(t);
      if (WORD_OPERATORS.has(key)) fail('syntax', t.pos, t.text);
      this.i++;
      if (!CONSTANTS.has(key)) this.variables.add(key);
      return;
    }
    if (t.kind === '(') {
      this.i++;
      this.expression();
      const close = this.peek();
      if (close.kind === 'end') fail('unclosed', t.pos);
      if (close.kind !== ')') fail('syntax', close.pos, close.text);
      this.i++;
      return;
    }
    if (t.kind === 'end') fail('syntax', t.pos);
    fail('syntax', t.pos, t.text);
  }

  private call(name: Token): void {
    const arity = FUNCTIONS.get(name.text.toLowerCase());
    if (!arity) fail('unknownFunction', name.pos, name.text);
    const open = this.peek(1);
    this.i += 2;
    let count = 0;
    if (this.peek().kind === ')') this.i++;
    else
      for (;;) {
        this.expression();
        count++;
        const t = this.peek();
        if (t.kind === ')') {
          this.i++;
          break;
        }
        if (t.kind === 'end') fail('unclosed', open.pos);
        if (t.kind !== 'separator') fail('syntax', t.pos, t.text);
        this.i++;
      }
    const [min, max] = arity as [number, number];
    if (count < min || count > max) fail('arity', name.pos, name.text);
  }
}

/**
 * Checks a formula's syntax and, given the model's parameter names, that every name it uses is one of them
 * (case-insensitive, as the engine).
 *
 * @example checkFormula('cell_kwh * (1 - pv_share)', ['cell_kwh', 'pv_share']) // { ok: true, variables: [...] }
 * checkFormula('2 * (3 + x', []).problem.code // 'unclosed'
 */
export function checkFormula(text: string, parameters?: Iterable<string>): FormulaCheck {
  try {
    const reader = new Reader(tokenize(text));
    reader.read();
    const variables = [...reader.variables];
    if (parameters !== undefined) {
      const known = new Set([...parameters].map((p) => p.toLowerCase()));
      const unknown = variables.find((v) => !known.has(v));
      if (unknown !== undefined) {
        const at = new RegExp(`\\b${unknown}\\b`, 'i').exec(text)?.index ?? 0;
        return { ok: false, problem: { code: 'unknownParameter', column: at + 1, name: unknown } };
      }
    }
    return { ok: true, variables };
  } catch (error) {
    if (error instanceof FormulaSyntax) return { ok: false, problem: error.problem };
    throw error;
  }
}

/**
 * The text with every use of the parameter `from` (any case, whole names only, not function names) renamed to
 * `to`; used when a parameter is renamed so that formulas keep working.
 *
 * @example renameInFormula('2 * Mass + mass_2', 'mass', 'weight') // '2 * weight + mass_2'
 */
export function renameInFormula(text: string, from: string, to: string): string {
  const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(?<![A-Za-z0-9_])${escaped}(?![A-Za-z0-9_])(?!\\s*\\()`, 'gi'), to);
}
