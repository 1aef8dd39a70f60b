/**
 * Where a part of the ISO 14067 split sits (docs/carbon-footprint.md): the total; the seven parts every kilogram
 * goes to exactly one of; biogenic emissions, which sum two of them; and the "of which" items that cross them.
 */
export type SplitLevel = 'total' | 'part' | 'sum' | 'sub-part' | 'of-which' | 'other';

/** One row of the split as the result carries it. */
export interface SplitRow {
  key: string;
  value: number;
  level: SplitLevel;
}

/** The split's keys in the order the split is read, with their place; keys not listed here follow as 'other'. */
const ORDER: readonly (readonly [string, SplitLevel])[] = [
  ['total', 'total'],
  ['fossilEmissions', 'part'],
  ['fossilRemovals', 'part'],
  ['biogenicEmissions', 'sum'],
  ['biogenicCo2Emissions', 'sub-part'],
  ['biogenicNonCo2Emissions', 'sub-part'],
  ['biogenicRemovals', 'part'],
  ['dLuc', 'part'],
  ['landManagement', 'part'],
  ['aircraft', 'of-which'],
  ['packaging', 'of-which'],
];

/** The split keys the catalogues name (results.split.<key>); any other key is shown as the result spells it. */
export const KNOWN_SPLIT_KEYS: readonly string[] = ORDER.map(([key]) => key);

/**
 * The rows of a result's split, every entry it carries and nothing else, in reading order.
 *
 * @example splitRows([['dLuc', 0], ['total', 12]]) // [{ key: 'total', … }, { key: 'dLuc', level: 'part', … }]
 */
export function splitRows(split: readonly (readonly [string, number])[]): SplitRow[] {
  const values = new Map(split);
  const rows: SplitRow[] = [];
  for (const [key, level] of ORDER) {
    const value = values.get(key);
    if (value !== undefined) rows.push({ key, value, level });
  }
  for (const [key, value] of split)
    if (!KNOWN_SPLIT_KEYS.includes(key)) rows.push({ key, value, level: 'other' });
  return rows;
}
