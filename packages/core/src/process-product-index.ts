import type { Database } from './model.js';
import { buildMatrices, type ProcessProduct } from './product-system.js';

/** One process-product a user can calculate or link to: a product output, or a treated waste, of a process. */
export interface ProcessProductEntry {
  processId: string;
  processName: string;
  productId: string;
  productName: string;
  /** The name of the product's reference unit (what an amount of 1 means). */
  unit: string;
  /** The process's location: its code, else its name; undefined when it has none. */
  location?: string;
  /** The process's category path, e.g. 'Energy/Electricity/China/Provinces'. */
  category?: string;
  /** A waste treatment: the process takes this waste in (its demand is the waste treated). */
  isWaste: boolean;
  /** The process's tags, when it has any (e.g. 'stage:production'). */
  tags?: string[];
}

/** A database's process-products in listing order, searchable by words. */
export interface ProcessProductIndex {
  /** Every process-product, by process name, then product name (ties in the database's order). */
  readonly entries: readonly ProcessProductEntry[];
  /** The entries that match every word of `text` (all of them for empty text), in listing order. */
  search(text: string): ProcessProductEntry[];
}

/**
 * Case and width folded, so 'JIANGSU' finds 'Jiangsu' and a full-width '（' typed with a Chinese keyboard finds '('.
 */
const fold = (text: string): string => text.normalize('NFKC').toLowerCase();

/**
 * The words of a search, folded: an entry matches when every word occurs somewhere in its text. Words are split at
 * white space, including the ideographic space.
 *
 * @example searchWords('  Electricity   JIANGSU ') // ['electricity', 'jiangsu']
 */
export const searchWords = (text: string): string[] => fold(text).split(/\s+/).filter(Boolean);

/**
 * The process-products of a database — one per product output and per treated waste of each process, as the
 * calculation has them (columns of A) — sorted by process and product name, with a word search over the process
 * name, the product's name and synonyms (where Chinese names usually are), the location's code and name, the
 * process's and the product's categories, and the ids. Building it costs one pass and one sort; each search is one
 * scan of pre-folded texts (a 20,000-process database: milliseconds).
 *
 * @example
 * const index = processProductIndex(db); // or processProductIndex(db, calculator.matrices.products)
 * index.search('electricity jiangsu'); // [{ processId: '74598a7b-…', productName: 'electricity, grid average, Jiangsu', unit: 'MJ', location: 'CN-JS', … }]
 * index.search('电力 江苏'); // the same entry, through the product's synonym '电力(江苏)'
 */
export function processProductIndex(
  db: Database,
  products: readonly ProcessProduct[] = buildMatrices(db).products,
): ProcessProductIndex {
  const locations = new Map(db.locations.map((l) => [l.id, l]));
  const processes = new Map(db.processes.map((p) => [p.id, p]));
  const flows = new Map(db.flows.map((f) => [f.id, f]));
  const rows = products.map((p) => {
    const process = processes.get(p.processId);
    const location = locations.get(process?.locationId ?? '');
    const flow = flows.get(p.flowId);
    const text = [
      p.processName,
      p.flowName,
      p.processId,
      p.flowId,
      location?.code,
      location?.name,
      process?.category,
      flow?.category,
      ...(flow?.synonyms ?? []),
    ]
      .filter((x) => x !== undefined)
      .join('\n');
    const entry: ProcessProductEntry = {
      processId: p.processId,
      processName: p.processName,
      productId: p.flowId,
      productName: p.flowName,
      unit: p.unit,
      isWaste: p.isWaste,
    };
    const place = location?.code ?? location?.name;
    if (place !== undefined) entry.location = place;
    if (process?.category !== undefined) entry.category = process.category;
    if (process?.tags && process.tags.length > 0) entry.tags = [...process.tags];
    return { entry, text: fold(text) };
  });
  // One collator rather than localeCompare per comparison: the same order, several times faster.
  const collator = new Intl.Collator();
  rows.sort(
    (a, b) =>
      collator.compare(a.entry.processName, b.entry.processName) ||
      collator.compare(a.entry.productName, b.entry.productName),
  );
  const entries = rows.map((r) => r.entry);
  return {
    entries,
    search(query) {
      const words = searchWords(query);
      if (words.length === 0) return [...entries];
      return rows.filter((r) => words.every((w) => r.text.includes(w))).map((r) => r.entry);
    },
  };
}
