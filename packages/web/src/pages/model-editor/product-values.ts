import type { Schema, ValidationIssue } from '@opencfp/client';
import { parseNumber } from './parse-amount';

type Product = Schema<'Product'>;
export type CategoryScheme = NonNullable<Product['categoryScheme']>;
export const CATEGORY_SCHEMES: readonly CategoryScheme[] = ['CPC', 'HS', 'UNSPSC', 'GB/T 4754', 'other'];
/** Identifier schemes the form suggests (any other may be typed). */
export const IDENTIFIER_SCHEMES = ['GTIN', 'URN', 'SKU', 'UUID', 'CAS'] as const;

/** The product form's values, as typed (the amount as text, so that nothing typed is lost). */
export interface ProductValues {
  nameEn: string;
  nameZh: string;
  declaredUnitAmount: string;
  declaredUnit: string;
  categoryScheme: CategoryScheme | '';
  categoryCode: string;
  identifiers: { scheme: string; value: string }[];
}

/** A problem of a product field: the field ('identifiers.0.value'), a message key (editor.product.issues.*). */
export interface ProductIssue {
  field: string;
  key: string;
  severity: 'error' | 'warning';
  /** the server's words, when it refused the value */
  text?: string;
}

/** The form's values of a product (empty for a new one). */
export function productValues(product?: Product): ProductValues {
  return {
    nameEn: product?.nameEn ?? '',
    nameZh: product?.nameZh ?? '',
    declaredUnitAmount: String(product?.declaredUnitAmount ?? 1),
    declaredUnit: product?.declaredUnit ?? '',
    categoryScheme: product?.categoryScheme ?? '',
    categoryCode: product?.categoryCode ?? '',
    identifiers: product?.identifiers.map((i) => ({ ...i })) ?? [],
  };
}

/**
 * The body of POST …/products (and of PATCH: every field, so that the form's state is what is saved) from the
 * form's values; empty optional fields are null.
 */
export function productBody(values: ProductValues): Schema<'NewProduct'> {
  return {
    nameEn: values.nameEn.trim(),
    nameZh: values.nameZh.trim() || null,
    declaredUnitAmount: parseNumber(values.declaredUnitAmount) ?? Number.NaN,
    declaredUnit: values.declaredUnit.trim(),
    categoryScheme: values.categoryScheme || null,
    categoryCode: values.categoryCode.trim() || null,
    identifiers: values.identifiers
      .filter((i) => i.scheme.trim() || i.value.trim())
      .map((i) => ({ scheme: i.scheme.trim(), value: i.value.trim() })),
  };
}

/**
 * Whether a GTIN (8, 12, 13 or 14 digits) has a right check digit (GS1 mod 10).
 *
 * @example validGtin('4006381333931') // true
 */
export function validGtin(value: string): boolean {
  if (!/^(\d{8}|\d{12,14})$/.test(value)) return false;
  const digits = [...value].map(Number);
  const check = digits.pop() as number;
  const sum = digits.reverse().reduce((s, d, i) => s + d * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}

/** The checks the browser makes before saving (the server's schema, and a GTIN's check digit). */
export function checkProduct(values: ProductValues): ProductIssue[] {
  const issues: ProductIssue[] = [];
  const error = (field: string, key: string) => issues.push({ field, key, severity: 'error' });
  if (!values.nameEn.trim()) error('nameEn', 'required');
  const amount = parseNumber(values.declaredUnitAmount);
  if (amount === undefined) error('declaredUnitAmount', 'required');
  else if (!(Number.isFinite(amount) && amount > 0)) error('declaredUnitAmount', 'positive');
  if (!values.declaredUnit.trim()) error('declaredUnit', 'required');
  if (values.categoryCode.trim() && !values.categoryScheme) error('categoryScheme', 'schemeForCode');
  if (
    values.categoryScheme === 'HS' &&
    values.categoryCode.trim() &&
    !/^\d{4,10}$/.test(values.categoryCode.replace(/[.\s]/g, ''))
  )
    issues.push({ field: 'categoryCode', key: 'hsCode', severity: 'warning' });
  values.identifiers.forEach((identifier, i) => {
    if (!identifier.scheme.trim() && !identifier.value.trim()) return;
    if (!identifier.scheme.trim()) error(`identifiers.${i}.scheme`, 'required');
    if (!identifier.value.trim()) error(`identifiers.${i}.value`, 'required');
    else if (identifier.scheme.trim().toUpperCase() === 'GTIN' && !validGtin(identifier.value.trim()))
      issues.push({ field: `identifiers.${i}.value`, key: 'gtin', severity: 'warning' });
  });
  return issues;
}

/** The server's 400 issues as the form's (by field). */
export function productServerIssues(issues: readonly ValidationIssue[]): ProductIssue[] {
  return issues
    .filter((i) => i.location === 'body')
    .map((i) => ({ field: i.path.join('.'), key: 'server', severity: 'error', text: i.message }));
}
