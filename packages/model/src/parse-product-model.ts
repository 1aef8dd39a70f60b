import { ModelError, type ModelProblem } from './errors.js';
import { ProductModelDocument } from './product-model-document.js';

/** A zod issue path as a JSON pointer ('/processes/0/inputs/1/amount'). */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.map((p) => `/${String(p).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/**
 * Validates a product-model document (JSON already parsed) and fills in its defaults; a ModelError
 * INVALID_MODEL listing every problem (path and message) when it is not a valid document.
 *
 * @example
 * const doc = parseProductModel(JSON.parse(text));
 * doc.processes[0].inputs; // [] when left out
 */
export function parseProductModel(value: unknown): ProductModelDocument {
  const parsed = ProductModelDocument.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems: ModelProblem[] = parsed.error.issues.map((i) => ({
    path: jsonPointer(i.path),
    message: i.message,
  }));
  const first = problems[0];
  throw new ModelError(
    'INVALID_MODEL',
    first.path,
    `the product model is not valid: ${problems
      .slice(0, 5)
      .map((p) => `${p.path || '/'}: ${p.message}`)
      .join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`,
    { problems },
  );
}
