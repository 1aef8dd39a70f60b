// What a carbon footprint label shows, as data: everything comes from a published, signed statement
// (statementLabelData makes it from one), so a label never states more than the statement does.
import { z } from 'zod';
import { parseInput } from './parse-input.js';

/** A text in English and in Chinese (simplified). */
export const LocalTextSchema = z.strictObject({
  en: z.string().trim().min(1).max(300),
  zh: z.string().trim().min(1).max(300),
});
export type LocalText = z.infer<typeof LocalTextSchema>;

/** The label's languages: Chinese, English, or both (Chinese first, English no larger). */
export const LABEL_LANGUAGES = ['zh', 'en', 'bilingual'] as const;
export type LabelLanguage = (typeof LABEL_LANGUAGES)[number];

export const BOUNDARIES = ['cradle-to-gate', 'cradle-to-grave', 'gate-to-gate'] as const;

const Name = z.string().trim().min(1).max(300);

/** Who vouches for the footprint: nobody but its author, a third-party verifier, or a verifier and a certifier. */
export const LabelVerificationSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('self-declared') }),
  z.strictObject({ status: z.literal('third-party'), verifier: Name }),
  z.strictObject({ status: z.literal('certified'), verifier: Name, certifier: Name }),
]);
export type LabelVerification = z.infer<typeof LabelVerificationSchema>;

/** Everything a label shows (see docs/labels.md); `footprint.value` is per the declared unit. */
export const LabelDataSchema = z.strictObject({
  product: z.strictObject({ name: LocalTextSchema, company: Name }),
  footprint: z.strictObject({ value: z.number().finite(), unit: z.literal('kg CO2e') }),
  /** The amount and unit the value is per, e.g. 1 kWh; `name` overrides the unit's words (e.g. 件 for item). */
  declaredUnit: z.strictObject({
    amount: z.number().positive().finite(),
    unit: z.string().trim().min(1).max(40),
    name: LocalTextSchema.optional(),
  }),
  boundary: z.enum(BOUNDARIES),
  /** The rule set's short designation (e.g. ISO 14067:2018) and version. */
  ruleSet: z.strictObject({ name: LocalTextSchema, version: z.string().trim().min(1).max(40) }),
  /**
   * The year the footprint's data represent ('reference'), or, when the statement does not say, the year it was
   * issued ('issued') — the label names which.
   */
  year: z.strictObject({
    value: z.number().int().min(1990).max(2200),
    basis: z.enum(['reference', 'issued']),
  }),
  verification: LabelVerificationSchema,
  /** The signed statement's id (a UUID). */
  statementId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a UUID'),
  /** The product's public page: what the QR code links to (http or https). */
  productPageUrl: z.url({ protocol: /^https?$/ }).max(500),
});
export type LabelData = z.infer<typeof LabelDataSchema>;

/**
 * Checks label data (from a file, a request or code) and returns it typed; a LabelError `INVALID_LABEL_DATA`
 * names every problem otherwise.
 *
 * @example const data = parseLabelData(JSON.parse(await readFile('label.json', 'utf8')));
 */
export function parseLabelData(value: unknown): LabelData {
  return parseInput(LabelDataSchema, value, 'INVALID_LABEL_DATA', 'the label data');
}
