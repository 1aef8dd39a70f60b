/** The openLCA JSON-LD dataset folders this package reads. */
export type JsonLdKind =
  | 'actors'
  | 'categories'
  | 'flow_properties'
  | 'flows'
  | 'lcia_categories'
  | 'lcia_methods'
  | 'locations'
  | 'parameters'
  | 'processes'
  | 'sources'
  | 'unit_groups';

const SUPPORTED: ReadonlySet<string> = new Set<JsonLdKind>([
  'actors',
  'categories',
  'flow_properties',
  'flows',
  'lcia_categories',
  'lcia_methods',
  'locations',
  'parameters',
  'processes',
  'sources',
  'unit_groups',
]);

// Folders openLCA writes that have no place in the model; they are counted and reported, not read.
const UNSUPPORTED: ReadonlySet<string> = new Set([
  'currencies',
  'dq_systems',
  'epds',
  'flow_maps',
  'nw_sets',
  'product_systems',
  'projects',
  'results',
  'social_indicators',
]);

/**
 * Classifies an archive entry by the folder that holds it: a JSON-LD dataset kind, 'unsupported' for dataset
 * folders the model does not cover, or undefined for anything else (context.json, bin/ files, …). Only the
 * parent folder counts, so exports zipped with an extra top folder ('uslci/processes/x.json') work too.
 *
 * @example
 * jsonLdEntryKind('processes/0a1b.json'); // 'processes'
 * jsonLdEntryKind('context.json');        // undefined
 */
export function jsonLdEntryKind(name: string): JsonLdKind | 'unsupported' | undefined {
  if (!name.toLowerCase().endsWith('.json')) return undefined;
  const parts = name.split('/');
  if (parts.length < 2) return undefined;
  const folder = parts[parts.length - 2];
  if (SUPPORTED.has(folder)) return folder as JsonLdKind;
  if (UNSUPPORTED.has(folder)) return 'unsupported';
  return undefined;
}
