// Performance classes (e.g. battery classes A–E) are configuration, not data of ours: no authority has published
// official class boundaries for product carbon footprints yet (the EU Battery Regulation foresees classes in a
// delegated act still to come), so a scheme is a file the user supplies or the illustrative example we ship, and
// the label prints which scheme, version and status it used.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LabelError } from './errors.js';
import { LocalTextSchema, type LabelData } from './label-data.js';
import { parseInput } from './parse-input.js';

const Colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour as #rrggbb');

/** One class: its name (A, B, A+ …) and the highest value it takes, in kg CO2e per the scheme's declared unit. */
const ClassSchema = z.strictObject({
  class: z.string().regex(/^[A-Z][A-Z0-9+]{0,2}$/, 'one capital letter, then up to two of A–Z, 0–9, +'),
  upTo: z.number().finite().optional(),
  colour: Colour.optional(),
});

/** A performance class scheme: classes from best to worst, each up to an (inclusive) bound, the last open. */
export const ClassSchemeSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,59}$/, 'lower-case letters, digits, dots and hyphens'),
    name: LocalTextSchema,
    version: z.string().trim().min(1).max(20),
    /** 'illustrative' for an example; 'official' only for thresholds an authority published (give `source`). */
    status: z.enum(['illustrative', 'official']),
    /** What the scheme is and where its numbers come from, for people reading the file. */
    note: z.strictObject({ en: z.string().trim().min(1).max(2000), zh: z.string().trim().min(1).max(2000) }),
    source: z.string().trim().min(1).max(500).optional(),
    unit: z.literal('kg CO2e'),
    /** The unit the bounds are per; a label's footprint must be per the same unit. */
    declaredUnit: z.strictObject({
      amount: z.number().positive().finite(),
      unit: z.string().trim().min(1).max(40),
    }),
    classes: z.array(ClassSchema).min(2).max(10),
  })
  .superRefine((scheme, context) => {
    const problem = (path: (string | number)[], message: string) =>
      context.addIssue({ code: 'custom', path, message });
    if (scheme.status === 'official' && scheme.source === undefined)
      problem(['source'], 'an official scheme names its source (the act or standard that sets the bounds)');
    const last = scheme.classes.length - 1;
    const seen = new Set<string>();
    scheme.classes.forEach((c, i) => {
      if (seen.has(c.class)) problem(['classes', i, 'class'], `class ${c.class} is named twice`);
      seen.add(c.class);
      if (i < last && c.upTo === undefined)
        problem(['classes', i, 'upTo'], 'every class but the last has an upper bound');
      if (i === last && c.upTo !== undefined)
        problem(['classes', i, 'upTo'], 'the last class is open-ended: it has no upper bound');
      const before = i > 0 ? scheme.classes[i - 1].upTo : undefined;
      if (c.upTo !== undefined && before !== undefined && c.upTo <= before)
        problem(['classes', i, 'upTo'], `the bounds must increase: ${c.upTo} is not above ${before}`);
    });
  });
export type ClassScheme = z.infer<typeof ClassSchemeSchema>;

/** A footprint's class in a scheme, with the scheme it comes from. */
export interface PerformanceClass {
  class: string;
  /** Index in scheme.classes (0 is the best). */
  index: number;
  scheme: ClassScheme;
}

/**
 * Checks a class scheme (parsed JSON) and returns it typed; a LabelError `INVALID_CLASS_SCHEME` names every
 * problem otherwise (bounds not increasing, a class named twice, an official scheme without a source …).
 *
 * @example const scheme = parseClassScheme(JSON.parse(await readFile('classes.json', 'utf8')));
 */
export function parseClassScheme(value: unknown): ClassScheme {
  return parseInput(ClassSchemeSchema, value, 'INVALID_CLASS_SCHEME', 'the class scheme');
}

/**
 * Reads and checks a class scheme file (JSON).
 *
 * @example const scheme = await readClassSchemeFile(EXAMPLE_CLASS_SCHEME_FILE);
 */
export async function readClassSchemeFile(path: string): Promise<ClassScheme> {
  const text = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new LabelError(
      'INVALID_CLASS_SCHEME',
      `the class scheme ${path} is not JSON: ${(e as Error).message}`,
    );
  }
  try {
    return parseClassScheme(json);
  } catch (e) {
    if (e instanceof LabelError)
      throw new LabelError(
        e.code,
        e.message.replace('the class scheme', `the class scheme ${path}`),
        e.details,
      );
    throw e;
  }
}

/**
 * The example scheme shipped with the package: illustrative classes A–E for EV batteries in kg CO2e per kWh. Its
 * numbers are ours, not an authority's — the file says so, and so does every label that uses it.
 */
export const EXAMPLE_CLASS_SCHEME_FILE = fileURLToPath(
  new URL('../class-schemes/example-battery-classes.json', import.meta.url),
);

/**
 * The class of a footprint in a scheme: the first class whose bound is at or above the value (the last class
 * takes the rest). The footprint must be per the scheme's declared unit, else CLASS_SCHEME_UNIT_MISMATCH.
 *
 * @example performanceClass(data, scheme).class; // 'C' for 72.4 kg CO2e per kWh in the example scheme
 */
export function performanceClass(data: LabelData, scheme: ClassScheme): PerformanceClass {
  const own = data.declaredUnit;
  const wanted = scheme.declaredUnit;
  if (own.amount !== wanted.amount || own.unit !== wanted.unit)
    throw new LabelError(
      'CLASS_SCHEME_UNIT_MISMATCH',
      `the class scheme ${scheme.id} classifies footprints per ${wanted.amount} ${wanted.unit}, ` +
        `this footprint is per ${own.amount} ${own.unit}: use a scheme for the product's declared unit`,
    );
  const index = scheme.classes.findIndex((c) => c.upTo === undefined || data.footprint.value <= c.upTo);
  return { class: scheme.classes[index].class, index, scheme };
}
