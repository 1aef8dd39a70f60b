/**
 * The functions formulas may call: those of openLCA's interpreter (olca-formula), same names and aliases.
 *
 * openLCA's rand()/random() are left out on purpose: a formula must give the same value every time, and
 * variation belongs in the uncertainty distribution of a parameter, where Monte Carlo can control it.
 */
export type FormulaFunction =
  | (FunctionInfo<'constant'> & { readonly value: number })
  | (FunctionInfo<'unary'> & { readonly apply: (x: number) => number })
  | (FunctionInfo<'binary'> & {
      readonly apply: (x: number, y: number) => number;
      readonly defaultY?: number;
    })
  | (FunctionInfo<'variadic'> & { readonly apply: (args: readonly number[]) => number })
  /** if, and, or: arguments are evaluated only when needed, so the compiler builds them itself. */
  | FunctionInfo<'lazy'>;

interface FunctionInfo<K extends string> {
  readonly kind: K;
  readonly name: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  /** How to call it, for messages. */
  readonly usage: string;
}

const fns: FormulaFunction[] = [
  { kind: 'constant', name: 'pi', minArgs: 0, maxArgs: 0, usage: 'pi or pi()', value: Math.PI },
  { kind: 'constant', name: 'e', minArgs: 0, maxArgs: 0, usage: 'e or e()', value: Math.E },
  { kind: 'constant', name: 'true', minArgs: 0, maxArgs: 0, usage: 'true or true()', value: 1 },
  { kind: 'constant', name: 'false', minArgs: 0, maxArgs: 0, usage: 'false or false()', value: 0 },
  unary('abs', Math.abs),
  unary('sqrt', Math.sqrt),
  unary('sqr', (x) => x * x),
  unary('exp', Math.exp),
  unary('ln', Math.log),
  unary('log', Math.log10),
  unary('ceil', Math.ceil),
  unary('floor', Math.floor),
  unary('frac', (x) => x - Math.trunc(x)),
  unary('int', Math.trunc),
  unary('sin', Math.sin),
  unary('cos', Math.cos),
  unary('tan', Math.tan),
  unary('asin', Math.asin),
  unary('acos', Math.acos),
  unary('atan', Math.atan),
  unary('sinh', Math.sinh),
  unary('cosh', Math.cosh),
  unary('tanh', Math.tanh),
  unary('cot', (x) => 1 / Math.tan(x)),
  unary('not', (x) => (x === 0 ? 1 : 0)),
  { kind: 'binary', name: 'pow', minArgs: 2, maxArgs: 2, usage: 'pow(x; y)', apply: Math.pow },
  {
    kind: 'binary',
    name: 'ipower',
    minArgs: 2,
    maxArgs: 2,
    usage: 'ipower(x; n)',
    apply: (x, y) => Math.pow(x, Math.trunc(y)),
  },
  {
    kind: 'binary',
    name: 'round',
    minArgs: 1,
    maxArgs: 2,
    usage: 'round(x) or round(x; digits)',
    apply: roundTo,
    defaultY: 0,
  },
  variadic('min', 1, (a) => Math.min(...a)),
  variadic('max', 1, (a) => Math.max(...a)),
  variadic('sum', 0, sum),
  variadic('avg', 1, (a) => sum(a) / a.length),
  { kind: 'lazy', name: 'if', minArgs: 3, maxArgs: 3, usage: 'if(condition; then; else)' },
  { kind: 'lazy', name: 'and', minArgs: 1, maxArgs: Infinity, usage: 'and(a; b; …)' },
  { kind: 'lazy', name: 'or', minArgs: 1, maxArgs: Infinity, usage: 'or(a; b; …)' },
];

const aliases: Record<string, string> = {
  lg: 'log',
  log10: 'log',
  trunc: 'int',
  arcsin: 'asin',
  arccos: 'acos',
  arctan: 'atan',
  cotan: 'cot',
  power: 'pow',
  mean: 'avg',
  iif: 'if',
  iff: 'if',
};

/** Canonical lower-case name → function; see {@link lookupFormulaFunction} for aliases. */
export const formulaFunctions: ReadonlyMap<string, FormulaFunction> = new Map(fns.map((f) => [f.name, f]));

/** Functions openLCA has that we refuse, with the reason to give. */
export const unsupportedFormulaFunctions: ReadonlyMap<string, string> = new Map([
  [
    'rand',
    'random numbers would make results irreproducible; give the parameter an uncertainty distribution and run Monte Carlo instead',
  ],
  [
    'random',
    'random numbers would make results irreproducible; give the parameter an uncertainty distribution and run Monte Carlo instead',
  ],
]);

/**
 * The function called `name` (any case, aliases included), or undefined.
 *
 * @example
 * lookupFormulaFunction('IIF')?.name; // 'if'
 */
export function lookupFormulaFunction(name: string): FormulaFunction | undefined {
  const lower = name.toLowerCase();
  return formulaFunctions.get(aliases[lower] ?? lower);
}

/** All names a formula may call, aliases included, sorted; for messages and editors. */
export function formulaFunctionNames(): string[] {
  return [...formulaFunctions.keys(), ...Object.keys(aliases)].sort();
}

function unary(name: string, apply: (x: number) => number): FormulaFunction {
  return { kind: 'unary', name, minArgs: 1, maxArgs: 1, usage: `${name}(x)`, apply };
}

function variadic(
  name: string,
  minArgs: number,
  apply: (args: readonly number[]) => number,
): FormulaFunction {
  return { kind: 'variadic', name, minArgs, maxArgs: Infinity, usage: `${name}(a; b; …)`, apply };
}

function sum(args: readonly number[]): number {
  let s = 0;
  for (const a of args) s += a;
  return s;
}

/**
 * Rounds half up (towards +∞, as openLCA's Math.round) to `digits` decimals; negative digits round to tens,
 * hundreds, …. The scaled value is first cut to 15 significant digits, because the binary product
 * 1.005 × 100 is 100.49999999999999 and would otherwise round to 1 instead of 1.01.
 */
function roundTo(x: number, digits: number): number {
  const d = Math.trunc(digits);
  if (!Number.isFinite(d)) return NaN;
  if (d === 0) return Math.round(x);
  if (d < 0) {
    // Dividing by 10^n is exact for integers where multiplying by 10^-n (0.1, 0.01, …) is not.
    const g = 10 ** -d;
    return Number.isFinite(g) ? Math.round(x / g) * g : 0;
  }
  const f = 10 ** d;
  const scaled = x * f;
  if (!Number.isFinite(scaled)) return x;
  return Math.round(Number(scaled.toPrecision(15))) / f;
}
