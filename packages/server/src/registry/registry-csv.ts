import type { RegistryEntry } from '@opencfp/store';

/** The ISO 14067 split columns of the CSV, in the order of the split (refdata's CarbonFootprintSplit). */
const SPLIT = [
  'fossilEmissions',
  'fossilRemovals',
  'biogenicCo2Emissions',
  'biogenicNonCo2Emissions',
  'biogenicEmissions',
  'biogenicRemovals',
  'dLuc',
  'landManagement',
  'aircraft',
  'packaging',
] as const;

const COLUMNS = [
  'statement_id',
  'product_key',
  'product_name_en',
  'product_name_zh',
  'company',
  'company_slug',
  'category_scheme',
  'category_code',
  'region',
  'rule_set_id',
  'rule_set_version',
  'reference_year',
  'verification',
  'verifier',
  'total_kg_co2e',
  'declared_unit_amount',
  'declared_unit',
  'boundary',
  ...SPLIT.map((k) => `split_${k}_kg_co2e`),
  'status',
  'superseded_by',
  'status_reason',
  'status_at',
  'published_at',
];

/** RFC 4180 field: quoted when it holds a comma, quote or line break; a leading =, +, - or @ cannot start a formula. */
function field(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Registry entries as CSV rows (CRLF line ends, UTF-8), with the header row first when `header`.
 *
 * @example registryCsv(entries, true); // 'statement_id,product_key,…\r\n0f3…,…\r\n'
 */
export function registryCsv(entries: readonly RegistryEntry[], header: boolean): string {
  const lines: string[] = header ? [COLUMNS.join(',')] : [];
  for (const e of entries) {
    const split = (e.detail.split ?? {}) as Record<string, unknown>;
    lines.push(
      [
        e.statementId,
        e.productKey,
        e.product.nameEn,
        e.product.nameZh,
        e.company.name,
        e.company.slug,
        e.product.category?.scheme,
        e.product.category?.code,
        e.region,
        e.ruleSet.id,
        e.ruleSet.version,
        e.referenceYear,
        e.verification.mode,
        e.verification.verifierName,
        e.footprint.total,
        e.footprint.declaredUnit.amount,
        e.footprint.declaredUnit.unit,
        e.boundary,
        ...SPLIT.map((k) => (typeof split[k] === 'number' ? (split[k] as number) : null)),
        e.status,
        e.supersededBy,
        e.statusReason,
        e.statusAt?.toISOString(),
        e.publishedAt.toISOString(),
      ]
        .map(field)
        .join(','),
    );
  }
  return lines.map((l) => `${l}\r\n`).join('');
}
