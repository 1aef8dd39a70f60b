import type { Uncertainty } from '@opencfp/core';

/** A numeric cell: a number, a formula (translated to openLCA syntax), or nothing. */
export type NumericCell =
  { kind: 'number'; value: number } | { kind: 'formula'; formula: string; raw: string } | { kind: 'empty' };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
// '1.234.567,5' in a decimal-comma file: dots that group thousands.
const GROUPED_COMMA = /^[+-]?\d{1,3}(\.\d{3})+(,\d*)?([eE][+-]?\d+)?$/;

/**
 * Reads a SimaPro numeric cell with the file's decimal separator. Anything that is not a plain number is a
 * formula: SimaPro writes amounts as expressions over parameters (`2 * mass`), in a syntax that is openLCA's
 * except for separators. In a decimal-comma file, ',' is the decimal mark and ';' separates function
 * arguments; in a decimal-point file ',' separates arguments. Formulas come back with '.' decimals and ';'
 * between arguments, as openLCA writes them.
 *
 * @example
 * numericCell('0,5', ',');         // { kind: 'number', value: 0.5 }
 * numericCell('2,5*x', ',');       // { kind: 'formula', formula: '2.5*x', raw: '2,5*x' }
 * numericCell('max(a,b)', '.');    // { kind: 'formula', formula: 'max(a;b)', raw: 'max(a,b)' }
 */
export function numericCell(cell: string, decimal: string): NumericCell {
  const text = cell.trim();
  if (text === '') return { kind: 'empty' };
  let plain = text;
  if (decimal === ',') {
    plain = GROUPED_COMMA.test(text) ? text.replace(/\./g, '') : text;
    plain = plain.replace(',', '.');
  }
  if (NUMBER.test(plain)) {
    const value = Number(plain);
    // '1e400' overflows to Infinity: as a formula, its evaluation reports that the number is too large.
    if (Number.isFinite(value)) return { kind: 'number', value };
  }
  return { kind: 'formula', formula: translateFormula(text, decimal), raw: text };
}

/**
 * A SimaPro expression in openLCA formula syntax: decimal commas become points (decimal-comma files), argument
 * commas become ';' (decimal-point files). Everything else — operators, `^`, functions, `if(…)`, comparisons
 * — is the same; what the evaluator does not know is reported when the formula is evaluated.
 *
 * @example
 * translateFormula('if(a>0,5;1,5;0)', ','); // 'if(a>0.5;1.5;0)'
 * translateFormula('min(a, 2.5)', '.');    // 'min(a; 2.5)'
 */
export function translateFormula(formula: string, decimal: string): string {
  return decimal === ',' ? formula.replace(/,/g, '.') : formula.replace(/,/g, ';');
}

/** What SimaPro's four uncertainty cells say, or why they cannot be used. */
export type UncertaintyCells = { uncertainty?: Uncertainty; problem?: string };

/**
 * Maps SimaPro's uncertainty columns (type; SD² or 2SD; minimum; maximum) to a distribution around `mean`,
 * the amount: Lognormal gives the squared geometric standard deviation (geometricSd = √SD²), Normal twice the
 * standard deviation (sd = 2SD / 2), Triangle its minimum and maximum with the amount as mode, Uniform its
 * minimum and maximum. 'Undefined' (or nothing) is no distribution.
 *
 * @example
 * uncertaintyCells(['Lognormal', '1.21', '0', '0'], 2, '.'); // { uncertainty: { type: 'lognormal', geometricMean: 2, geometricSd: 1.1 } }
 */
export function uncertaintyCells(cells: readonly string[], mean: number, decimal: string): UncertaintyCells {
  const type = (cells[0] ?? '').trim().toLowerCase();
  if (type === '' || type === 'undefined' || type === 'not defined') return {};
  const num = (i: number): number | undefined => {
    const c = numericCell(cells[i] ?? '', decimal);
    return c.kind === 'number' ? c.value : undefined;
  };
  switch (type) {
    case 'lognormal': {
      const sd2 = num(1);
      if (sd2 === undefined || !(sd2 > 0))
        return { problem: `Lognormal needs a positive SD², got '${cells[1] ?? ''}'` };
      return { uncertainty: { type: 'lognormal', geometricMean: mean, geometricSd: Math.sqrt(sd2) } };
    }
    case 'normal': {
      const sd2 = num(1);
      if (sd2 === undefined || sd2 < 0)
        return { problem: `Normal needs a non-negative 2SD, got '${cells[1] ?? ''}'` };
      return { uncertainty: { type: 'normal', mean, sd: sd2 / 2 } };
    }
    case 'triangle': {
      const min = num(2);
      const max = num(3);
      if (min === undefined || max === undefined || !(min <= mean && mean <= max))
        return {
          problem: `Triangle needs minimum ≤ amount ≤ maximum, got ${cells[2] ?? ''} ≤ ${mean} ≤ ${cells[3] ?? ''}`,
        };
      return { uncertainty: { type: 'triangular', min, mode: mean, max } };
    }
    case 'uniform': {
      const min = num(2);
      const max = num(3);
      if (min === undefined || max === undefined || min > max)
        return { problem: `Uniform needs minimum ≤ maximum, got ${cells[2] ?? ''} and ${cells[3] ?? ''}` };
      return { uncertainty: { type: 'uniform', min, max } };
    }
    default:
      return {
        problem: `unknown distribution '${cells[0]}' (SimaPro writes Undefined, Lognormal, Normal, Triangle, Uniform)`,
      };
  }
}

/**
 * A date written with the header's short date format (Java pattern, e.g. 'dd.MM.yyyy', 'M/d/yyyy') as ISO
 * 'yyyy-mm-dd', or undefined when it does not match.
 *
 * @example
 * isoDate('09.11.2021', 'dd.MM.yyyy'); // '2021-11-09'
 */
export function isoDate(text: string, pattern: string | undefined): string | undefined {
  const fields = (pattern ?? 'dd.MM.yyyy').match(/y+|M+|d+/g);
  const values = text.trim().match(/\d+/g);
  if (!fields || !values || fields.length !== 3 || values.length !== 3) return undefined;
  let year = 0;
  let month = 0;
  let day = 0;
  fields.forEach((f, i) => {
    const v = Number(values[i]);
    if (f[0] === 'y') year = values[i].length <= 2 ? 2000 + v : v;
    else if (f[0] === 'M') month = v;
    else day = v;
  });
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1000) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
