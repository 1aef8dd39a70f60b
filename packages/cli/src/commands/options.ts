import { UsageError } from '../errors.js';
import type { OptionValues } from './command.js';

/** A whole-number option with a default and a lower bound; anything else is a usage error. */
export function integerOption(values: OptionValues, name: string, fallback: number, min: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (typeof raw !== 'string' || !Number.isSafeInteger(n) || n < min)
    throw new UsageError(`--${name} must be a whole number ≥ ${min}, got '${String(raw)}'`);
  return n;
}

/** A string option restricted to a list of choices. */
export function choiceOption<T extends string>(
  values: OptionValues,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const raw = values[name];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !(choices as readonly string[]).includes(raw))
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got '${String(raw)}'`);
  return raw as T;
}

/** A required string option. */
export function requiredOption(values: OptionValues, name: string, hint: string): string {
  const raw = values[name];
  if (typeof raw !== 'string' || raw === '') throw new UsageError(`--${name} is required: ${hint}`);
  return raw;
}
