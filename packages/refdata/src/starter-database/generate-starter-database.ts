// Turns the starter source tables into an openLCA JSON-LD (olca-schema v2) database: unit groups, flow
// properties, one elementary flow per StarterFlowKey, one product (or waste) flow and one process per dataset,
// sources and locations. Every id is a name-based UUID of a slug, so regenerating gives the same files, and a
// value is edited in its table only (a test checks that the committed files equal a fresh generation).

import { createHash } from 'node:crypto';
import { RefdataError } from '../errors.js';
import { chinaLocationNames } from './electricity.js';
import type { StarterDataset, StarterFlowKey, StarterSource, StarterUnit } from './starter-dataset.js';
import { starterTables, type StarterTables } from './starter-tables.js';

/** The sentence every starter process carries. */
export const STARTER_DATA_NOTICE =
  'OpenCFP starter data — replace with a licensed database for certified studies.';

/** The tag every starter process carries. */
export const STARTER_DATA_TAG = 'starter-data';

/** One file of the generated database: a path relative to the database folder and its text. */
export interface StarterDatabaseFile {
  path: string;
  text: string;
}

// Namespace of the starter ids: uuidV5('https://opencfp.org/ns/starter-database', RFC 4122 URL namespace).
const STARTER_NAMESPACE = 'bd67107e-6fc8-52ab-8cb7-34c5000502ba';

/**
 * A name-based UUID (version 5, SHA-1, RFC 4122 §4.3) in the starter namespace: the same slug gives the same
 * id on every run and machine.
 *
 * @example starterId('process/fuel-diesel-road-vehicles-ipcc-2006') // always the same UUID
 */
export function starterId(name: string, namespace: string = STARTER_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type Quantity = 'mass' | 'energy' | 'goods-transport' | 'area' | 'volume' | 'items';

/** Unit groups and flow properties: [unit name, amount of the reference unit in one unit], reference first. */
const QUANTITIES: Readonly<
  Record<Quantity, { group: string; property: string; units: readonly (readonly [string, number])[] }>
> = {
  mass: {
    group: 'Units of mass',
    property: 'Mass',
    units: [
      ['kg', 1],
      ['g', 0.001],
      ['t', 1000],
    ],
  },
  energy: {
    group: 'Units of energy',
    property: 'Energy',
    units: [
      ['MJ', 1],
      ['kWh', 3.6],
      ['GJ', 1000],
    ],
  },
  'goods-transport': {
    group: 'Units of mass*length',
    property: 'Goods transport (mass*distance)',
    units: [
      ['t*km', 1],
      ['kg*km', 0.001],
    ],
  },
  area: { group: 'Units of area', property: 'Area', units: [['m2', 1]] },
  volume: {
    group: 'Units of volume',
    property: 'Volume',
    units: [
      ['m3', 1],
      ['l', 0.001],
    ],
  },
  items: { group: 'Units of items', property: 'Number of items', units: [['item', 1]] },
};

const QUANTITY_OF: Readonly<Record<StarterUnit, Quantity>> = {
  kg: 'mass',
  kWh: 'energy',
  MJ: 'energy',
  't*km': 'goods-transport',
  m2: 'area',
  m3: 'volume',
  item: 'items',
};

const AIR = 'Elementary flows/Emission to air/unspecified';

/**
 * The elementary flows, named as in ecoinvent's biosphere so that the GHG mapping (and other tools) recognise
 * them; Chinese names as synonyms.
 */
const ELEMENTARY: Readonly<
  Record<
    StarterFlowKey,
    { name: string; category: string; cas?: string; formula?: string; synonyms: string[]; input?: true }
  >
> = {
  'co2-fossil': {
    name: 'Carbon dioxide, fossil',
    category: AIR,
    cas: '124-38-9',
    formula: 'CO2',
    synonyms: ['二氧化碳, 化石', 'CO2, fossil'],
  },
  'co2-biogenic': {
    name: 'Carbon dioxide, non-fossil',
    category: AIR,
    cas: '124-38-9',
    formula: 'CO2',
    synonyms: ['二氧化碳, 生物源', 'Carbon dioxide, biogenic'],
  },
  'co2-land-transformation': {
    name: 'Carbon dioxide, from soil or biomass stock',
    category: AIR,
    cas: '124-38-9',
    formula: 'CO2',
    synonyms: ['二氧化碳, 土地利用变化', 'Carbon dioxide, land transformation'],
  },
  'co2-uptake': {
    name: 'Carbon dioxide, in air',
    category: 'Elementary flows/Resource/in air',
    cas: '124-38-9',
    formula: 'CO2',
    synonyms: ['二氧化碳, 空气中 (吸收)', 'CO2 uptake'],
    input: true,
  },
  'ch4-fossil': {
    name: 'Methane, fossil',
    category: AIR,
    cas: '74-82-8',
    formula: 'CH4',
    synonyms: ['甲烷, 化石'],
  },
  'ch4-biogenic': {
    name: 'Methane, non-fossil',
    category: AIR,
    cas: '74-82-8',
    formula: 'CH4',
    synonyms: ['甲烷, 生物源', 'Methane, biogenic'],
  },
  n2o: {
    name: 'Dinitrogen monoxide',
    category: AIR,
    cas: '10024-97-2',
    formula: 'N2O',
    synonyms: ['一氧化二氮', '氧化亚氮', 'Nitrous oxide'],
  },
  sf6: {
    name: 'Sulfur hexafluoride',
    category: AIR,
    cas: '2551-62-4',
    formula: 'SF6',
    synonyms: ['六氟化硫'],
  },
  'co2e-preaggregated': {
    name: 'Greenhouse gases, CO2 equivalent (pre-aggregated)',
    category: AIR,
    synonyms: ['温室气体, 二氧化碳当量 (预先汇总)'],
  },
};

/** Names of the geography codes that are not China electricity areas. */
const LOCATION_NAMES: Readonly<Record<string, string>> = {
  GLO: 'Global',
  RER: 'Europe',
  RNA: 'North America',
  RoW: 'Rest of the world',
  CN: 'China (中国)',
  GB: 'United Kingdom',
  US: 'United States',
  CL: 'Chile',
  AU: 'Australia',
  DE: 'Germany',
  JP: 'Japan',
};

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };

const ref = (type: string, id: string, name?: string): Json => ({ '@type': type, '@id': id, name });

const ids = {
  unitGroup: (q: Quantity) => starterId(`unit-group/${q}`),
  flowProperty: (q: Quantity) => starterId(`flow-property/${q}`),
  unit: (name: string) => starterId(`unit/${name}`),
  elementary: (key: StarterFlowKey) => starterId(`flow/elementary/${key}`),
  product: (datasetId: string) => starterId(`flow/product/${datasetId}`),
  process: (datasetId: string) => starterId(`process/${datasetId}`),
  source: (sourceId: string) => starterId(`source/${sourceId}`),
  location: (code: string) => starterId(`location/${code}`),
};

function invalid(message: string): RefdataError {
  return new RefdataError(
    'INVALID_STARTER_DATA',
    `${message} Fix the table in packages/refdata/src/starter-database.`,
  );
}

/** The sources by id; the same source may be listed by several tables, but only with the same content. */
function sourcesById(sources: readonly StarterSource[]): Map<string, StarterSource> {
  const byId = new Map<string, StarterSource>();
  for (const s of sources) {
    const known = byId.get(s.id);
    if (known && JSON.stringify(known) !== JSON.stringify(s))
      throw invalid(`Two different sources have the id '${s.id}'.`);
    if (!SLUG.test(s.id)) throw invalid(`Source id '${s.id}' is not a lower-case slug.`);
    if (!Number.isInteger(s.year)) throw invalid(`Source '${s.id}' has no publication year.`);
    if (!s.licence.trim() || !s.title.trim() || !s.issuer.trim())
      throw invalid(`Source '${s.id}' needs a title, an issuer and a licence.`);
    byId.set(s.id, s);
  }
  return byId;
}

function check(datasets: readonly StarterDataset[], sources: Map<string, StarterSource>): void {
  const seen = new Set<string>();
  for (const d of datasets) {
    const at = `Dataset '${d.id}':`;
    if (seen.has(d.id)) throw invalid(`${at} the id is used twice.`);
    seen.add(d.id);
    if (!SLUG.test(d.id)) throw invalid(`${at} the id is not a lower-case slug.`);
    if (d.illustrative)
      throw invalid(`${at} illustrative values must not be shipped in the starter database.`);
    if (!sources.has(d.sourceId)) throw invalid(`${at} unknown source '${d.sourceId}'.`);
    if (!Number.isInteger(d.year)) throw invalid(`${at} the data year must be an integer.`);
    const flows = new Set<StarterFlowKey>();
    for (const e of d.emissions) {
      if (flows.has(e.flow)) throw invalid(`${at} flow '${e.flow}' is listed twice.`);
      flows.add(e.flow);
      if (!Number.isFinite(e.amount) || e.amount < 0)
        throw invalid(`${at} ${e.flow} amount ${e.amount} must be a finite, non-negative number.`);
      if (!e.derivation.trim()) throw invalid(`${at} ${e.flow} has no derivation.`);
    }
    if (flows.has('co2e-preaggregated') && !d.gwpBasis?.trim())
      throw invalid(`${at} a pre-aggregated CO2e amount needs the source's GWP basis (gwpBasis).`);
    for (const c of d.product.conversions ?? []) {
      if (QUANTITY_OF[c.unit] === QUANTITY_OF[d.product.unit])
        throw invalid(`${at} conversion to ${c.unit} is the reference quantity itself; leave it out.`);
      if (!Number.isFinite(c.amount) || c.amount <= 0)
        throw invalid(`${at} conversion to ${c.unit} must be a positive number.`);
    }
  }
  const byId = new Map(datasets.map((d) => [d.id, d]));
  for (const d of datasets)
    for (const input of d.inputs ?? []) {
      if (!byId.has(input.datasetId))
        throw invalid(`Dataset '${d.id}': input from unknown dataset '${input.datasetId}'.`);
      if (!Number.isFinite(input.amount)) throw invalid(`Dataset '${d.id}': input amount is not a number.`);
    }
}

function unitGroupJson(q: Quantity): Json {
  const { group, units } = QUANTITIES[q];
  return {
    '@type': 'UnitGroup',
    '@id': ids.unitGroup(q),
    name: group,
    category: 'OpenCFP starter database',
    defaultFlowProperty: ref('FlowProperty', ids.flowProperty(q), QUANTITIES[q].property),
    units: units.map(([name, factor], i) => ({
      '@type': 'Unit',
      '@id': ids.unit(name),
      name,
      conversionFactor: factor,
      isRefUnit: i === 0 ? true : undefined,
    })),
  };
}

function flowPropertyJson(q: Quantity): Json {
  return {
    '@type': 'FlowProperty',
    '@id': ids.flowProperty(q),
    name: QUANTITIES[q].property,
    category: 'OpenCFP starter database',
    flowPropertyType: 'PHYSICAL_QUANTITY',
    unitGroup: ref('UnitGroup', ids.unitGroup(q), QUANTITIES[q].group),
  };
}

const propertyFactor = (q: Quantity, factor: number, isReference: boolean): Json => ({
  '@type': 'FlowPropertyFactor',
  isRefFlowProperty: isReference ? true : undefined,
  flowProperty: ref('FlowProperty', ids.flowProperty(q), QUANTITIES[q].property),
  conversionFactor: factor,
});

function elementaryFlowJson(key: StarterFlowKey): Json {
  const f = ELEMENTARY[key];
  return {
    '@type': 'Flow',
    '@id': ids.elementary(key),
    name: f.name,
    description:
      key === 'co2e-preaggregated'
        ? 'A CO2-equivalent total of sources that publish only that (no gases by species); each dataset states ' +
          'the GWP set its source used. Characterise it with factor 1.'
        : undefined,
    category: f.category,
    flowType: 'ELEMENTARY_FLOW',
    cas: f.cas,
    formula: f.formula,
    // v2 packs synonyms into one string; ';' is the separator openLCA recommends.
    synonyms: f.synonyms.join(';'),
    isInfrastructureFlow: false,
    flowProperties: [propertyFactor('mass', 1, true)],
  };
}

function productFlowJson(d: StarterDataset): Json {
  const q = QUANTITY_OF[d.product.unit];
  const conversions = d.product.conversions ?? [];
  return {
    '@type': 'Flow',
    '@id': ids.product(d.id),
    name: d.product.name,
    description:
      `Reference flow of the OpenCFP starter dataset '${d.name}'. ` +
      conversions.map((c) => `${c.amount} ${c.unit} per ${d.product.unit}: ${c.derivation}`).join(' ') +
      ` ${STARTER_DATA_NOTICE}`,
    category: d.category,
    tags: [STARTER_DATA_TAG],
    flowType: d.product.kind === 'waste' ? 'WASTE_FLOW' : 'PRODUCT_FLOW',
    synonyms: d.product.nameZh,
    isInfrastructureFlow: false,
    location: ref('Location', ids.location(d.geography), locationName(d.geography)),
    flowProperties: [
      // The reference unit of the product may be a non-reference unit of its group (kWh in MJ's group): the
      // property factor stays 1, and exchanges name the unit itself.
      propertyFactor(q, 1, true),
      ...conversions.map((c) => {
        // Amount of the other quantity's reference unit per one unit of this flow's reference property.
        const [, unitFactor] = QUANTITIES[QUANTITY_OF[c.unit]].units.find(([n]) => n === c.unit) ?? [
          c.unit,
          1,
        ];
        const [, productFactor] = QUANTITIES[q].units.find(([n]) => n === d.product.unit) ?? [
          d.product.unit,
          1,
        ];
        return propertyFactor(QUANTITY_OF[c.unit], (c.amount * unitFactor) / productFactor, false);
      }),
    ],
  };
}

let chinaNames: Record<string, string> | undefined;

function locationName(code: string): string {
  chinaNames ??= chinaLocationNames();
  return LOCATION_NAMES[code] ?? chinaNames[code] ?? code;
}

function exchange(
  internalId: number,
  flow: Json,
  unit: StarterUnit,
  amount: number,
  options: { isInput: boolean; isReference?: boolean; provider?: Json; description?: string },
): Json {
  return {
    '@type': 'Exchange',
    isAvoidedProduct: false,
    isInput: options.isInput,
    amount,
    description: options.description,
    internalId,
    flow,
    unit: ref('Unit', ids.unit(unit), unit),
    flowProperty: ref(
      'FlowProperty',
      ids.flowProperty(QUANTITY_OF[unit]),
      QUANTITIES[QUANTITY_OF[unit]].property,
    ),
    defaultProvider: options.provider,
    isQuantitativeReference: options.isReference ? true : undefined,
  };
}

/** A text as a sentence: its own full stop when it has one (a licence text often ends with one), else one added. */
const sentence = (text: string): string => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

function processDescription(d: StarterDataset, s: StarterSource, byId: Map<string, StarterDataset>): string {
  const lines = [
    d.description,
    '',
    `Source: ${s.issuer}, "${s.title}"${s.version ? `, ${s.version}` : ''} (${s.year})${s.url ? `, ${s.url}` : ''}.`,
    `Licence: ${sentence(s.licence)}`,
    `Data year: ${d.year}. Geography: ${d.geography} (${locationName(d.geography)}).`,
    `System boundary: ${d.boundary}.`,
  ];
  if (d.gwpBasis) lines.push(`GWP basis of the CO2e amounts: ${d.gwpBasis}.`);
  lines.push(`Derivation (per ${d.product.unit} of ${d.product.name}):`);
  for (const e of d.emissions) lines.push(`- ${ELEMENTARY[e.flow].name}: ${e.amount} kg. ${e.derivation}`);
  for (const i of d.inputs ?? [])
    lines.push(`- input of ${byId.get(i.datasetId)?.product.name}: ${i.amount}. ${i.derivation}`);
  lines.push('', STARTER_DATA_NOTICE);
  return lines.join('\n');
}

function processJson(d: StarterDataset, s: StarterSource, byId: Map<string, StarterDataset>): Json {
  const isWaste = d.product.kind === 'waste';
  const productRef = (x: StarterDataset) =>
    ({
      '@type': 'Flow',
      '@id': ids.product(x.id),
      name: x.product.name,
      flowType: x.product.kind === 'waste' ? 'WASTE_FLOW' : 'PRODUCT_FLOW',
    }) as Json;
  const exchanges: Json[] = [
    exchange(1, productRef(d), d.product.unit, 1, { isInput: isWaste, isReference: true }),
  ];
  for (const input of d.inputs ?? []) {
    const provider = byId.get(input.datasetId) as StarterDataset;
    // A waste is an output of the process that generates it, a product an input of the process that uses it.
    exchanges.push(
      exchange(exchanges.length + 1, productRef(provider), provider.product.unit, input.amount, {
        isInput: provider.product.kind !== 'waste',
        provider: ref('Process', ids.process(provider.id), provider.name),
        description: input.derivation,
      }),
    );
  }
  for (const e of d.emissions) {
    const f = ELEMENTARY[e.flow];
    exchanges.push(
      exchange(
        exchanges.length + 1,
        { '@type': 'Flow', '@id': ids.elementary(e.flow), name: f.name, flowType: 'ELEMENTARY_FLOW' },
        'kg',
        e.amount,
        { isInput: f.input === true, description: e.derivation },
      ),
    );
  }
  return {
    '@type': 'Process',
    '@id': ids.process(d.id),
    name: d.name,
    description: processDescription(d, s, byId),
    category: d.category,
    version: '01.00.000',
    tags: [STARTER_DATA_TAG, ...(d.tags ?? [])],
    processType: 'UNIT_PROCESS',
    isInfrastructureProcess: false,
    location: ref('Location', ids.location(d.geography), locationName(d.geography)),
    processDocumentation: {
      validFrom: `${d.year}-01-01`,
      validUntil: `${d.year}-12-31`,
      timeDescription: `Data year ${d.year} (the source's reference year).`,
      geographyDescription: `${d.geography}: ${locationName(d.geography)}.`,
      technologyDescription: d.boundary,
      dataTreatmentDescription: d.emissions
        .map((e) => `${ELEMENTARY[e.flow].name}: ${e.derivation}`)
        .join('\n'),
      useAdvice: STARTER_DATA_NOTICE,
      restrictionsDescription: s.licence,
      sources: [ref('Source', ids.source(s.id), s.title)],
    },
    lastInternalId: exchanges.length,
    exchanges,
  };
}

function sourceJson(s: StarterSource): Json {
  return {
    '@type': 'Source',
    '@id': ids.source(s.id),
    name: s.title,
    category: 'OpenCFP starter database',
    url: s.url,
    textReference:
      `${s.issuer}. ${s.title}.${s.version ? ` ${s.version}.` : ''} ${s.year}.` +
      `${s.url ? ` ${s.url}.` : ''} Licence: ${sentence(s.licence)} Starter source id: ${s.id}.`,
    year: s.year,
  };
}

const README = `# OpenCFP starter database (generated — do not edit)

openLCA JSON-LD (olca-schema v2) generated from the tables in \`packages/refdata/src/starter-database/\` by
\`npm run starter:generate\`; edit the tables, never these files (a test checks that they equal a fresh
generation). Every process states its source, data year, geography, boundary and licence, and carries the tag
\`${STARTER_DATA_TAG}\`.

${STARTER_DATA_NOTICE}

See docs/starter-database.md for what is included, the sources and their licences, and what is left out.
`;

const text = (value: Json): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * The files of the starter database as openLCA JSON-LD (olca-schema v2), sorted by path: `openlca.json`,
 * `README.md`, and one `<folder>/<uuid>.json` per unit group, flow property, flow, process, source and
 * location. Pure: nothing is written (see write-starter-database.ts).
 *
 * @throws RefdataError `INVALID_STARTER_DATA` when a table is inconsistent (unknown source or input, duplicate
 *   id, an illustrative dataset, a pre-aggregated CO2e amount without its GWP basis …).
 * @example
 * const files = generateStarterDatabase();
 * files.find((f) => f.path.startsWith('processes/'))?.text; // a Process dataset
 */
export function generateStarterDatabase(tables: StarterTables = starterTables): StarterDatabaseFile[] {
  const sources = sourcesById(tables.sources);
  check(tables.datasets, sources);
  const byId = new Map(tables.datasets.map((d) => [d.id, d]));
  const files: StarterDatabaseFile[] = [
    { path: 'openlca.json', text: text({ schemaVersion: 2 }) },
    { path: 'README.md', text: README },
  ];
  const add = (folder: string, json: Json): void => {
    const id = (json as { '@id': string })['@id'];
    files.push({ path: `${folder}/${id}.json`, text: text(json) });
  };
  for (const q of Object.keys(QUANTITIES) as Quantity[]) {
    add('unit_groups', unitGroupJson(q));
    add('flow_properties', flowPropertyJson(q));
  }
  for (const key of Object.keys(ELEMENTARY) as StarterFlowKey[]) add('flows', elementaryFlowJson(key));
  const usedSources = new Set<string>();
  const geographies = new Set<string>();
  for (const d of tables.datasets) {
    const s = sources.get(d.sourceId) as StarterSource;
    usedSources.add(s.id);
    geographies.add(d.geography);
    add('flows', productFlowJson(d));
    add('processes', processJson(d, s, byId));
  }
  for (const s of sources.values()) if (usedSources.has(s.id)) add('sources', sourceJson(s));
  for (const code of geographies)
    add('locations', {
      '@type': 'Location',
      '@id': ids.location(code),
      name: locationName(code),
      category: 'OpenCFP starter database',
      code,
    });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
