import type { z } from 'zod';
import { LabelError, type LabelErrorCode } from './errors.js';

/**
 * Parses `value` with a zod schema; on failure throws a LabelError naming every problem by its path, so that a
 * person can fix the file or object it came from.
 *
 * @example const scheme = parseInput(ClassSchemeSchema, json, 'INVALID_CLASS_SCHEME', 'the class scheme');
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  code: LabelErrorCode,
  what: string,
): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`,
  );
  throw new LabelError(code, `${what} is not valid: ${problems.join('; ')}`, problems);
}
