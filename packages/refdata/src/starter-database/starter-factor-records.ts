// The starter datasets as factor-registry records ('cfp factors diesel'), so the factors a user can build on are
// browsable with their sources in one place. The value is the dataset's footprint per reference unit with IPCC
// AR6 GWP100 (no dataset takes inputs from another, so its own emissions are its footprint; checked below).
import type { FactorRecord } from '../factor-registry.js';
import { gwpSet, gwpValue } from '../gwp-sets.js';
import type { StarterFlowKey } from './starter-dataset.js';
import { chinaLocationNames } from './electricity.js';
import { starterTables } from './starter-tables.js';
import { RefdataError } from '../errors.js';

/** AR6 GWP100 species of each starter flow; uptake counts −1 per kg taken up. */
const SPECIES: Readonly<Record<StarterFlowKey, [string, number]>> = {
  'co2-fossil': ['CO2', 1],
  'co2-biogenic': ['CO2', 1],
  'co2-land-transformation': ['CO2', 1],
  'co2-uptake': ['CO2', -1],
  'ch4-fossil': ['CH4-fossil', 1],
  'ch4-biogenic': ['CH4-non-fossil', 1],
  n2o: ['N2O', 1],
  sf6: ['SF6', 1],
  'co2e-preaggregated': ['CO2', 1],
};

let records: readonly FactorRecord[] | undefined;

/**
 * One record per starter dataset (kind 'starter-dataset', ids 'starter:<slug>'): kg CO2e per reference unit with
 * IPCC AR6 GWP100, the dataset's source, year, geography and licence.
 *
 * @example searchFactors('diesel', {}, [starterFactorRecords])
 */
export function starterFactorRecords(): readonly FactorRecord[] {
  if (records) return records;
  const set = gwpSet('ipcc-ar6-gwp100');
  const sources = new Map(starterTables.sources.map((s) => [s.id, s]));
  // China areas by their English and Chinese names, as the China electricity factors have them, so that
  // '--region Jiangsu' / '江苏' finds the starter dataset too ('Jiangsu (江苏)', 'East China regional grid (华东)').
  const china = new Map(
    Object.entries(chinaLocationNames()).map(([code, name]) => {
      const m = /^(.*?)(?: regional grid)? \((.*)\)$/.exec(name);
      return [code, m ? { region: m[1], regionChinese: m[2] } : { region: name }] as const;
    }),
  );
  records = starterTables.datasets.map((d): FactorRecord => {
    if ((d.inputs ?? []).length > 0)
      throw new RefdataError(
        'INVALID_STARTER_DATA',
        `starter dataset '${d.id}' takes inputs: its footprint needs the engine, not a sum of its emissions; calculate it with 'cfp calc starter'.`,
      );
    let value = 0;
    for (const e of d.emissions) {
      const [species, sign] = SPECIES[e.flow];
      value += sign * e.amount * (gwpValue(set, species) as number);
    }
    const source = sources.get(d.sourceId);
    return {
      id: `starter:${d.id}`,
      kind: 'starter-dataset',
      name: d.name,
      nameChinese: d.nameZh,
      value,
      unit: `kg CO2e/${d.product.unit}`,
      ...(china.get(d.geography) ?? { region: d.geography }),
      year: d.year,
      // The boundary's first clause ('combustion only', 'cradle-to-gate'); the whole of it is in the notes.
      basis: `${d.boundary.split(/[:;(,]/)[0].trim()}, IPCC AR6 GWP100, starter data`,
      notes: `${d.boundary}. ${d.description}${d.gwpBasis ? ` GWP basis of pre-aggregated values: ${d.gwpBasis}.` : ''}`,
      keywords: [d.category, d.product.name, d.product.nameZh, d.geography],
      source: {
        issuer: source?.issuer ?? d.sourceId,
        document: source?.title ?? d.sourceId,
        ...(source?.year === undefined ? {} : { date: String(source.year) }),
        ...(source?.url === undefined ? {} : { url: source.url }),
      },
      licence: source?.licence ?? 'see the source',
    };
  });
  return records;
}
