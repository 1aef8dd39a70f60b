/**
 * Where a part of the ISO 14067 split sits (docs/carbon-footprint.md): the total; the seven parts every kilogram
 * goes to exactly one of; biogenic emissions, which sum two of them; and the "of which" items — aircraft and
 * packaging — which cross the parts: they are parts of the total (not of any one part), so they are read right
 * under it.
 */
export type SplitLevel = 'total' | 'part' | 'sum' | 'sub-part' | 'of-which' | 'other';

/** One row of the split as the result carries it. */
export interface SplitRow {
  key: string;
  value: number;
  level: SplitLevel;
  /** The row it is a part of when it is indented under one: the total for aircraft and packaging. */
  parent: string | null;
}

/** The split's keys in the order the split is read, with their place; keys not listed here follow as 'other'. */
const ORDER: readonly (readonly [string, SplitLevel, string | null])[] = [
  ['total', 'total', null],
  ['aircraft', 'of-which', 'total'],
  ['packaging', 'of-which', 'total'],
  ['fossilEmissions', 'part', null],
  ['fossilRemovals', 'part', null],
  ['biogenicEmissions', 'sum', null],
  ['biogenicCo2Emissions', 'sub-part', 'biogenicEmissions'],
  ['biogenicNonCo2Emissions', 'sub-part', 'biogenicEmissions'],
  ['biogenicRemovals', 'part', null],
  ['dLuc', 'part', null],
  ['landManagement', 'part', null],
];

/** The split keys the catalogues name (results.split.<key>); any other key is shown as the result spells it. */
export const KNOWN_SPLIT_KEYS: readonly string[] = ORDER.map(([key]) => key);

/**
 * The rows of a result's split, every entry it carries and nothing else, in reading order.
 *
 * @example splitRows([['dLuc', 0], ['packaging', 1], ['total', 12]]) // total, packaging (of which, under the total), dLuc
 */
export function splitRows(split: readonly (readonly [string, number])[]): SplitRow[] {
  const values = new Map(split);
  const rows: SplitRow[] = [];
  for (const [key, level, parent] of ORDER) {
    const value = values.get(key);
    if (value !== undefined) rows.push({ key, value, level, parent });
  }
  for (const [key, value] of split)
    if (!KNOWN_SPLIT_KEYS.includes(key)) rows.push({ key, value, level: 'other', parent: null });
  return rows;
}
