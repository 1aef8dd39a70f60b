import type { BinaryNode, CallNode, FormulaAst, FormulaNode, VariableNode } from './formula-ast.js';
import { formulaErrorAt, type FormulaError } from './formula-error.js';
import { formulaFunctions } from './formula-functions.js';
import { parseFormula } from './parse-formula.js';

/**
 * Gives the value of a lower-cased name, or undefined when the name is not defined. `pi`, `e`, `true` and
 * `false` fall back to their constants only when the scope does not define them (as in openLCA).
 */
export type FormulaScope = (name: string) => number | undefined;

/** A formula ready to evaluate many times; throws {@link FormulaError} when the result is not a finite number. */
export type CompiledFormula = (scope: FormulaScope) => number;

type Evaluator = (scope: FormulaScope) => number;
type Step = (left: number, scope: FormulaScope) => number;

const compiledCache = new WeakMap<FormulaAst, CompiledFormula>();

const CONSTANTS: ReadonlyMap<string, number> = new Map(
  [...formulaFunctions.values()].flatMap((f) => (f.kind === 'constant' ? [[f.name, f.value] as const] : [])),
);

/**
 * Turns a formula into a tree of closures (no `eval`, no `Function`): evaluating it does no parsing or
 * dispatch on node kinds, which matters when Monte Carlo evaluates the same formula thousands of times.
 * Compiled formulas are cached per parsed tree.
 *
 * When the result is NaN or infinite, the formula is evaluated once more with a check after every operation,
 * so the error names the operation that went wrong (e.g. `sqrt(-4)`) and its column.
 *
 * @throws FormulaError: parse errors at once; FORMULA_UNKNOWN_VARIABLE and FORMULA_NOT_FINITE (including
 *   division by zero, which openLCA rejects too) when the compiled formula is called.
 * @example
 * const f = compileFormula('Concrete * Cement_Fraction');
 * const values = new Map([['concrete', 7391888], ['cement_fraction', 0.141]]);
 * f((name) => values.get(name)); // 1042256.208
 */
export function compileFormula(formula: FormulaAst | string): CompiledFormula {
  const ast = typeof formula === 'string' ? parseFormula(formula) : formula;
  const cached = compiledCache.get(ast);
  if (cached !== undefined) return cached;
  const run = new Compiler(ast, false).build(ast.root);
  let checked: Evaluator | undefined;
  const compiled: CompiledFormula = (scope) => {
    const value = run(scope);
    if (Number.isFinite(value)) return value;
    checked ??= new Compiler(ast, true).build(ast.root);
    checked(scope);
    // Only reached if no single operation is to blame, which the checked run should rule out.
    throw formulaErrorAt(
      'FORMULA_NOT_FINITE',
      ast.text,
      0,
      `The formula evaluates to ${value}`,
      'check the values of the parameters it uses',
    );
  };
  compiledCache.set(ast, compiled);
  return compiled;
}

class Compiler {
  constructor(
    private readonly ast: FormulaAst,
    /** Check every intermediate value, to find the operation that first gives NaN or ±Infinity. */
    private readonly checked: boolean,
  ) {}

  build(node: FormulaNode): Evaluator {
    switch (node.kind) {
      case 'number': {
        const v = node.value;
        return () => v;
      }
      case 'variable':
        return this.variable(node);
      case 'unary': {
        const operand = this.build(node.operand);
        if (node.op === '-') return (s) => -operand(s);
        const truth = this.truth(node);
        return (s) => (truth(operand(s)) ? 0 : 1);
      }
      case 'binary':
        return this.leftChain(node);
      case 'call':
        return this.call(node);
    }
  }

  private variable(node: VariableNode): Evaluator {
    const name = node.name;
    const constant = CONSTANTS.get(name);
    const text = this.ast.text;
    const run: Evaluator = (s) => {
      const v = s(name);
      if (v !== undefined) return v;
      if (constant !== undefined) return constant;
      const written = text.slice(node.pos, node.pos + name.length);
      throw formulaErrorAt(
        'FORMULA_UNKNOWN_VARIABLE',
        text,
        node.pos,
        `Unknown parameter '${written}'`,
        `define a global or process parameter named '${written}', or correct the name (names are not case-sensitive)`,
        [name],
      );
    };
    if (!this.checked) return run;
    return (s) => {
      const v = run(s);
      if (Number.isFinite(v)) return v;
      throw this.notFinite(node, `The parameter '${name}' has the value ${v}`, 'check how it is calculated');
    };
  }

  /**
   * Walks down the left spine of a chain like `a + b - c * d` in a loop, so neither compiling nor running a
   * long sum (or openLCA's left-associative power chain) uses call stack in proportion to its length.
   */
  private leftChain(node: BinaryNode): Evaluator {
    const spine: BinaryNode[] = [];
    let n: FormulaNode = node;
    while (n.kind === 'binary') {
      spine.push(n);
      n = n.left;
    }
    const first = this.build(n);
    spine.reverse();
    if (spine.length === 1 && !this.checked) {
      const right = this.build(node.right);
      switch (node.op) {
        case '+':
          return (s) => first(s) + right(s);
        case '-':
          return (s) => first(s) - right(s);
        case '*':
          return (s) => first(s) * right(s);
      }
    }
    const steps = spine.map((b) => this.step(b, this.build(b.right)));
    if (steps.length === 1) {
      const only = steps[0];
      return (s) => only(first(s), s);
    }
    return (s) => {
      let v = first(s);
      for (let k = 0; k < steps.length; k++) v = steps[k](v, s);
      return v;
    };
  }

  /** Applies binary operator `b` to an already computed left value; the right side is evaluated here, lazily. */
  private step(b: BinaryNode, right: Evaluator): Step {
    const step = this.rawStep(b, right);
    if (!this.checked) return step;
    return (left, s) => {
      const v = step(left, s);
      if (Number.isFinite(v)) return v;
      const r = right(s);
      throw this.notFinite(b, `${left} ${b.op} ${r} gives ${v}`, binaryHint(b.op, left, r));
    };
  }

  private rawStep(b: BinaryNode, right: Evaluator): Step {
    switch (b.op) {
      case '+':
        return (l, s) => l + right(s);
      case '-':
        return (l, s) => l - right(s);
      case '*':
        return (l, s) => l * right(s);
      case '/': {
        const zero = () => this.divisionByZero(b);
        return (l, s) => {
          const r = right(s);
          if (r === 0) throw zero();
          return l / r;
        };
      }
      case 'div': {
        const zero = () => this.divisionByZero(b);
        return (l, s) => {
          const r = Math.round(right(s));
          if (r === 0) throw zero();
          return Math.trunc(Math.round(l) / r);
        };
      }
      case 'mod':
        return (l, s) => l % right(s);
      case '^':
        return (l, s) => Math.pow(l, right(s));
      case '=':
        return (l, s) => (l === right(s) ? 1 : 0);
      case '<>':
        return (l, s) => (l !== right(s) ? 1 : 0);
      case '<':
        return (l, s) => (l < right(s) ? 1 : 0);
      case '<=':
        return (l, s) => (l <= right(s) ? 1 : 0);
      case '>':
        return (l, s) => (l > right(s) ? 1 : 0);
      case '>=':
        return (l, s) => (l >= right(s) ? 1 : 0);
      case 'and': {
        const truth = this.truth(b);
        return (l, s) => (truth(l) && truth(right(s)) ? 1 : 0);
      }
      case 'or': {
        const truth = this.truth(b);
        return (l, s) => (truth(l) || truth(right(s)) ? 1 : 0);
      }
      case 'xor': {
        const truth = this.truth(b);
        return (l, s) => (truth(l) !== truth(right(s)) ? 1 : 0);
      }
    }
  }

  private call(node: CallNode): Evaluator {
    const fn = formulaFunctions.get(node.name);
    if (fn === undefined) {
      // The parser only creates calls of known functions; a hand-made tree may not.
      throw formulaErrorAt(
        'FORMULA_UNKNOWN_FUNCTION',
        this.ast.text,
        node.pos,
        `Unknown function '${node.name}'`,
        'check the spelling',
        [node.name],
      );
    }
    const args = node.args.map((a) => this.build(a));
    let run: Evaluator;
    switch (fn.kind) {
      case 'constant': {
        const v = fn.value;
        run = () => v;
        break;
      }
      case 'unary': {
        const f = fn.apply;
        const x = args[0];
        run = (s) => f(x(s));
        break;
      }
      case 'binary': {
        const f = fn.apply;
        const x = args[0];
        const defaultY = fn.defaultY ?? 0;
        const y = args[1] ?? (() => defaultY);
        run = (s) => f(x(s), y(s));
        break;
      }
      case 'variadic': {
        const f = fn.apply;
        run = (s) => {
          const values = new Array<number>(args.length);
          for (let k = 0; k < args.length; k++) values[k] = args[k](s);
          return f(values);
        };
        break;
      }
      case 'lazy':
        run = this.lazy(node, args);
        break;
    }
    if (!this.checked) return run;
    return (s) => {
      const v = run(s);
      if (Number.isFinite(v)) return v;
      const values = args.map((a) => a(s));
      throw this.notFinite(
        node,
        `${node.name}(${values.join('; ')}) gives ${v}`,
        callHint(node.name, values),
      );
    };
  }

  private lazy(node: CallNode, args: Evaluator[]): Evaluator {
    const truth = this.truth(node);
    if (node.name === 'if') {
      const [condition, then, otherwise] = args;
      return (s) => (truth(condition(s)) ? then(s) : otherwise(s));
    }
    if (node.name === 'and') {
      return (s) => {
        for (let k = 0; k < args.length; k++) if (!truth(args[k](s))) return 0;
        return 1;
      };
    }
    return (s) => {
      for (let k = 0; k < args.length; k++) if (truth(args[k](s))) return 1;
      return 0;
    };
  }

  /** Non-zero is true; NaN is an error, because silently taking one branch would hide the failure. */
  private truth(node: FormulaNode): (v: number) => boolean {
    return (v) => {
      if (v !== v) {
        throw this.notFinite(node, 'A condition is NaN', 'check the values the condition compares');
      }
      return v !== 0;
    };
  }

  private divisionByZero(b: BinaryNode): FormulaError {
    return formulaErrorAt(
      'FORMULA_NOT_FINITE',
      this.ast.text,
      b.pos,
      b.op === 'div' ? "Integer division ('div') by zero" : 'Division by zero',
      'the divisor evaluates to 0; check its parameters, or guard it: if(divisor = 0; 0; x / divisor)',
    );
  }

  private notFinite(node: FormulaNode, problem: string, fix: string): FormulaError {
    return formulaErrorAt('FORMULA_NOT_FINITE', this.ast.text, node.pos, problem, fix);
  }
}

function binaryHint(op: string, l: number, r: number): string {
  if (op === '^') {
    if (l < 0 && !Number.isInteger(r))
      return 'a negative number has no real power with a fractional exponent';
    if (l === 0 && r < 0) return 'zero to a negative power is infinite';
  }
  if (op === 'mod' && r === 0) return 'the remainder of a division by zero is undefined';
  return 'the result is too large for a double-precision number; check the magnitudes of the values';
}

function callHint(name: string, args: readonly number[]): string {
  const x = args[0];
  switch (name) {
    case 'sqrt':
      return 'the square root of a negative number is not real; check the argument';
    case 'ln':
    case 'log':
      return x === 0
        ? 'the logarithm of 0 is -Infinity'
        : 'the logarithm is only defined for positive numbers';
    case 'asin':
    case 'acos':
      return 'the argument must lie between -1 and 1';
    case 'cot':
      return 'the cotangent of 0 (or a multiple of pi) is infinite';
    case 'avg':
    case 'sum':
    case 'min':
    case 'max':
      return 'check the arguments';
    default:
      return 'the result is too large for a double-precision number, or the argument is outside the domain of the function';
  }
}
