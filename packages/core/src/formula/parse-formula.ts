import type { BinaryOperator, FormulaAst, FormulaNode } from './formula-ast.js';
import { FormulaError, formulaErrorAt } from './formula-error.js';
import { lookupFormulaFunction, unsupportedFormulaFunctions } from './formula-functions.js';
import { tokenizeFormula, type FormulaToken } from './tokenize-formula.js';

/**
 * Limits that keep a hostile or broken formula from exhausting memory or the call stack. Real LCA formulas
 * stay far below them; a formula that needs more should be split into calculated parameters.
 */
export const FORMULA_LIMITS = {
  /** Characters in one formula. */
  maxLength: 10_000,
  /** Nested parentheses, function calls, prefix operators and signs (`---x` nests). */
  maxDepth: 200,
  /** Distinct formula texts kept in the parse cache before the oldest are dropped. */
  cacheSize: 50_000,
} as const;

/** Words that are operators in openLCA, so they can never name a parameter. */
const WORD_OPERATORS: ReadonlySet<string> = new Set(['and', 'or', 'xor', 'not', 'mod', 'div']);

const OR: ReadonlySet<string> = new Set(['or']);
const XOR: ReadonlySet<string> = new Set(['xor']);
const AND: ReadonlySet<string> = new Set(['and']);
const COMPARISON: ReadonlySet<string> = new Set(['=', '<>', '<', '<=', '>', '>=']);
const ADDITIVE: ReadonlySet<string> = new Set(['+', '-']);
const MULTIPLICATIVE: ReadonlySet<string> = new Set(['*', '/', 'mod', 'div']);

const cache = new Map<string, FormulaAst | FormulaError>();

/**
 * Parses a formula in openLCA syntax. Results (and errors) are cached by text, because many exchanges share
 * the same formula; the returned tree is shared and must not be changed.
 *
 * Precedence, loosest first: `or`/`||`, `xor`, `and`/`&&`, prefix `not`, comparisons (`=` `==` `<>` `!=`
 * `<` `<=` `>` `>=`), `+ -`, `* / mod div`, prefix `-`/`+`, `^` (left-associative as in openLCA, so `2^3^2` is 64 and
 * `-2^2` is 4). Names are case-insensitive; `;` or `,` separates function arguments.
 *
 * @throws FormulaError FORMULA_SYNTAX, FORMULA_UNKNOWN_FUNCTION, FORMULA_ARITY, FORMULA_TOO_COMPLEX
 * @example
 * const ast = parseFormula('if(Mass > 10; Mass * 0.5; 5)');
 * ast.variables; // ['mass']
 */
export function parseFormula(text: string): FormulaAst {
  const cached = cache.get(text);
  if (cached !== undefined) {
    if (cached instanceof FormulaError) throw cached;
    return cached;
  }
  let result: FormulaAst | FormulaError;
  try {
    result = parseUncached(text);
  } catch (e) {
    if (!(e instanceof FormulaError)) throw e;
    result = e;
  }
  if (cache.size >= FORMULA_LIMITS.cacheSize) {
    // Maps iterate in insertion order, so this drops the oldest entry.
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  cache.set(text, result);
  if (result instanceof FormulaError) throw result;
  return result;
}

/** Empties the parse cache (tests, or to free memory after a large import). */
export function clearFormulaCache(): void {
  cache.clear();
}

function parseUncached(text: string): FormulaAst {
  if (text.length > FORMULA_LIMITS.maxLength) {
    throw new FormulaError(
      'FORMULA_TOO_COMPLEX',
      `The formula is ${text.length} characters long, more than the limit of ${FORMULA_LIMITS.maxLength}: ` +
        'split it into calculated parameters',
      { position: FORMULA_LIMITS.maxLength, formula: text.slice(0, 200) },
    );
  }
  const parser = new Parser(text, tokenizeFormula(text));
  const root = parser.parse();
  return { text, root, variables: parser.variables() };
}

class Parser {
  private i = 0;
  private depth = 0;
  private readonly names = new Set<string>();

  constructor(
    private readonly text: string,
    private readonly tokens: readonly FormulaToken[],
  ) {}

  variables(): string[] {
    return [...this.names];
  }

  parse(): FormulaNode {
    if (this.peek().kind === 'end') {
      throw new FormulaError(
        'FORMULA_SYNTAX',
        'The formula is empty: write a number or an expression, e.g. 2 * mass',
        {
          position: 0,
          formula: this.text,
        },
      );
    }
    const root = this.expression();
    const t = this.peek();
    if (t.kind !== 'end') throw this.unexpectedAfterOperand(t, undefined);
    return root;
  }

  private peek(offset = 0): FormulaToken {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)];
  }

  private enter(pos: number): void {
    this.depth++;
    if (this.depth > FORMULA_LIMITS.maxDepth) {
      throw formulaErrorAt(
        'FORMULA_TOO_COMPLEX',
        this.text,
        pos,
        `The formula nests deeper than ${FORMULA_LIMITS.maxDepth} levels`,
        'split it into calculated parameters',
      );
    }
  }

  private leave(): void {
    this.depth--;
  }

  private expression(): FormulaNode {
    return this.leftAssociative(OR, () => this.xorLevel());
  }

  private xorLevel(): FormulaNode {
    return this.leftAssociative(XOR, () => this.andLevel());
  }

  private andLevel(): FormulaNode {
    return this.leftAssociative(AND, () => this.notLevel());
  }

  private notLevel(): FormulaNode {
    const t = this.peek();
    // "not(" is the function, as in openLCA; a bare "not" negates the whole comparison after it.
    if (t.kind === 'name' && t.key === 'not' && this.peek(1).kind !== '(') {
      this.i++;
      this.enter(t.pos);
      const operand = this.notLevel();
      this.leave();
      return { kind: 'unary', op: 'not', operand, pos: t.pos };
    }
    return this.leftAssociative(COMPARISON, () => this.additive());
  }

  private additive(): FormulaNode {
    return this.leftAssociative(ADDITIVE, () => this.multiplicative());
  }

  private multiplicative(): FormulaNode {
    return this.leftAssociative(MULTIPLICATIVE, () => this.power());
  }

  /**
   * As in openLCA's grammar (olca-formula), `^` is left-associative and binds looser than a sign, so results
   * match openLCA: `2^3^2` is 64 and `-2^2` is 4.
   */
  private power(): FormulaNode {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'operator' || t.key !== '^') return left;
      this.i++;
      const right = this.unary();
      left = { kind: 'binary', op: '^', left, right, pos: t.pos };
    }
  }

  private unary(): FormulaNode {
    const t = this.peek();
    if (t.kind === 'operator' && (t.key === '-' || t.key === '+')) {
      this.i++;
      this.enter(t.pos);
      const operand = this.unary();
      this.leave();
      return t.key === '-' ? { kind: 'unary', op: '-', operand, pos: t.pos } : operand;
    }
    return this.primary();
  }

  /** Left-deep chains are built in a loop, so a long sum `a+b+c+…` costs no parser stack. */
  private leftAssociative(ops: ReadonlySet<string>, operand: () => FormulaNode): FormulaNode {
    let left = operand();
    for (;;) {
      const t = this.peek();
      const op = infixKey(t);
      if (op === undefined || !ops.has(op)) return left;
      this.i++;
      const right = operand();
      left = { kind: 'binary', op: op as BinaryOperator, left, right, pos: t.pos };
    }
  }

  private primary(): FormulaNode {
    const t = this.peek();
    switch (t.kind) {
      case 'number':
        this.i++;
        return { kind: 'number', value: t.value, pos: t.pos };
      case 'name':
        if (this.peek(1).kind === '(') return this.call();
        if (WORD_OPERATORS.has(t.key)) {
          throw formulaErrorAt(
            'FORMULA_SYNTAX',
            this.text,
            t.pos,
            `'${t.text}' is an operator where a value is expected`,
            t.key === 'not'
              ? 'write not(x), or put the negated condition in parentheses: 2 * (not x)'
              : `put a value on both sides of '${t.text}'; '${t.text}' cannot name a parameter`,
          );
        }
        this.i++;
        this.names.add(t.key);
        return { kind: 'variable', name: t.key, pos: t.pos };
      case '(': {
        this.i++;
        this.enter(t.pos);
        const inner = this.expression();
        const close = this.peek();
        if (close.kind !== ')') throw this.unexpectedAfterOperand(close, t);
        this.i++;
        this.leave();
        return inner;
      }
      default:
        throw this.missingOperand(t);
    }
  }

  private call(): FormulaNode {
    const nameToken = this.peek();
    const open = this.peek(1);
    const fn = lookupFormulaFunction(nameToken.key);
    if (fn === undefined) {
      const unsupported = unsupportedFormulaFunctions.get(nameToken.key);
      throw formulaErrorAt(
        'FORMULA_UNKNOWN_FUNCTION',
        this.text,
        nameToken.pos,
        unsupported !== undefined
          ? `The function '${nameToken.text}' is not supported`
          : `Unknown function '${nameToken.text}'`,
        unsupported ??
          (WORD_OPERATORS.has(nameToken.key)
            ? `'${nameToken.text}' is an operator: write a ${nameToken.key} b`
            : `check the spelling (known functions: abs, sqrt, exp, ln, log, min, max, round, if, …); ` +
              `to multiply a parameter by a bracket write '${nameToken.text} * (…)'`),
        [nameToken.key],
      );
    }
    this.i += 2;
    this.enter(open.pos);
    const args: FormulaNode[] = [];
    let separator: string | undefined;
    if (this.peek().kind === ')') {
      this.i++;
    } else {
      for (;;) {
        args.push(this.expression());
        const t = this.peek();
        if (t.kind === ')') {
          this.i++;
          break;
        }
        if (t.kind !== 'separator') throw this.unexpectedAfterOperand(t, open);
        if (separator !== undefined && t.key !== separator) {
          throw formulaErrorAt(
            'FORMULA_SYNTAX',
            this.text,
            t.pos,
            `The call of '${nameToken.text}' mixes ';' and ',' between its arguments`,
            "separate arguments with ';' only; if ',' is a decimal comma, write a decimal point (0.5, not 0,5)",
          );
        }
        separator = t.key;
        this.i++;
      }
    }
    this.leave();
    if (args.length < fn.minArgs || args.length > fn.maxArgs) {
      const expected =
        fn.minArgs === fn.maxArgs
          ? `${fn.minArgs} argument${fn.minArgs === 1 ? '' : 's'}`
          : fn.maxArgs === Infinity
            ? `at least ${fn.minArgs} argument${fn.minArgs === 1 ? '' : 's'}`
            : `${fn.minArgs} to ${fn.maxArgs} arguments`;
      throw formulaErrorAt(
        'FORMULA_ARITY',
        this.text,
        nameToken.pos,
        `'${nameToken.text}' takes ${expected} but is given ${args.length}`,
        `call it as ${fn.usage}` +
          (separator === ','
            ? '; if a comma was meant as decimal separator, write a decimal point (0.5, not 0,5)'
            : ''),
        [fn.name],
      );
    }
    return { kind: 'call', name: fn.name, args, pos: nameToken.pos };
  }

  /** An operand was expected at `t`. */
  private missingOperand(t: FormulaToken): FormulaError {
    const prev = this.i > 0 ? this.tokens[this.i - 1] : undefined;
    if (t.kind === 'end') {
      return formulaErrorAt(
        'FORMULA_SYNTAX',
        this.text,
        t.pos,
        prev === undefined ? 'The formula is empty' : `The formula ends after '${prev.text}'`,
        prev?.kind === '(' ? "close the parenthesis with ')'" : 'add the missing value or name',
      );
    }
    if (t.kind === ')' && prev?.kind === '(') {
      return formulaErrorAt(
        'FORMULA_SYNTAX',
        this.text,
        prev.pos,
        'Empty parentheses',
        'put an expression between them, or remove them',
      );
    }
    return formulaErrorAt(
      'FORMULA_SYNTAX',
      this.text,
      t.pos,
      `Unexpected '${t.text}'`,
      prev === undefined
        ? `the formula cannot start with '${t.text}'; a value or name is missing before it`
        : t.kind === 'separator'
          ? 'a function argument is missing'
          : `a value or name is missing between '${prev.text}' and '${t.text}'`,
    );
  }

  /**
   * A complete operand is followed by `t`, which is neither an operator nor what closes the enclosing `open`
   * parenthesis (undefined at the top level).
   */
  private unexpectedAfterOperand(t: FormulaToken, open: FormulaToken | undefined): FormulaError {
    const prev = this.tokens[this.i - 1];
    const at = (problem: string, fix: string, pos = t.pos) =>
      formulaErrorAt('FORMULA_SYNTAX', this.text, pos, problem, fix);
    if (t.kind === 'end') {
      return at("Missing ')'", `close the '(' at column ${(open?.pos ?? 0) + 1} with ')', or remove it`);
    }
    if (t.kind === ')') {
      return at("Unmatched ')'", "remove it, or add the matching '(' before it");
    }
    if (t.kind === 'separator') {
      const next = this.peek(1);
      const decimalComma =
        t.key === ',' &&
        prev.kind === 'number' &&
        next.kind === 'number' &&
        prev.pos + prev.text.length === t.pos &&
        next.pos === t.pos + 1;
      if (decimalComma) {
        return at(
          `Decimal comma in '${prev.text},${next.text}'`,
          `decimal commas are not supported; write ${prev.text}.${next.text}`,
        );
      }
      return at(
        `Unexpected '${t.text}'`,
        open === undefined
          ? `'${t.text}' only separates the arguments of a function call such as max(a; b)`
          : `'${t.text}' separates function arguments, and this parenthesis is no function call`,
      );
    }
    if (t.kind === 'number' && prev.kind === 'number') {
      return at(
        `Missing operator between ${prev.text} and ${t.text}`,
        'write an operator between them; thousands must not be separated by spaces',
      );
    }
    return at(
      `Missing operator before '${t.text}'`,
      `write an operator such as '*' between '${prev.text}' and '${t.text}' (multiplication is never implicit)`,
    );
  }
}

function infixKey(t: FormulaToken): string | undefined {
  if (t.kind === 'operator') return t.key;
  if (t.kind === 'name' && WORD_OPERATORS.has(t.key) && t.key !== 'not') return t.key;
  return undefined;
}
