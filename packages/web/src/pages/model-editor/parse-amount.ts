import type { Amount } from './model-types';

/** Full-width digits, point, minus and plus (typed with a Chinese input method) as ASCII. */
function halfWidth(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\uFF0E|\u3002/g, '.')
    .replace(/\uFF0D|\u2212/g, '-')
    .replace(/\uFF0B/g, '+')
    .replace(/\uFF45/g, 'e');
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The number a user typed, or undefined when the text is empty, or NaN when it is not a number (kept so that
 * the field can say so while the text stays as typed). Full-width digits count; thousands separators do not
 * (1,5 is never guessed).
 *
 * @example parseNumber('１２.５') // 12.5
 */
export function parseNumber(text: string): number | undefined {
  const trimmed = halfWidth(text).trim();
  if (trimmed === '') return undefined;
  return NUMBER.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/**
 * An amount as typed: a number when the text is one, else the formula text (trimmed), '' when empty.
 *
 * @example parseAmount('2.5') // 2.5
 * parseAmount('cell_mass * 1.02') // 'cell_mass * 1.02'
 */
export function parseAmount(text: string): Amount {
  const trimmed = halfWidth(text).trim();
  if (NUMBER.test(trimmed)) return Number(trimmed);
  return text.trim();
}

/** The text of an amount or number in an input (machine format: a point, no grouping). */
export function amountText(value: Amount | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isNaN(value) ? '' : String(value);
  return value;
}

/** Whether an amount is a formula rather than a number. */
export const isFormula = (value: Amount | undefined): value is string => typeof value === 'string';
