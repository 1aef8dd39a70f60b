import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RefdataError } from '../errors.js';
import {
  generateStarterDatabase,
  starterId,
  STARTER_DATA_NOTICE,
  STARTER_DATA_TAG,
} from './generate-starter-database.js';
import { starterDatabasePath } from './starter-database-path.js';
import type { StarterDataset, StarterSource } from './starter-dataset.js';
import { starterTables } from './starter-tables.js';

type JsonObject = { [key: string]: unknown };

const files = generateStarterDatabase();
const parsed = (prefix: string): JsonObject[] =>
  files.filter((f) => f.path.startsWith(prefix)).map((f) => JSON.parse(f.text) as JsonObject);

function listFiles(root: string, rel = ''): string[] {
  return readdirSync(join(root, rel), { withFileTypes: true }).flatMap((d) => {
    const name = rel === '' ? d.name : `${rel}/${d.name}`;
    return d.isDirectory() ? listFiles(root, name) : [name];
  });
}

describe('starter database generation', () => {
  it('the committed folder equals a fresh generation (edit the tables, then run npm run starter:generate)', () => {
    const root = starterDatabasePath();
    const committed = listFiles(root).sort();
    assert.deepEqual(
      committed,
      files.map((f) => f.path),
      'files differ: run `npm run starter:generate`',
    );
    for (const f of files)
      assert.equal(
        readFileSync(join(root, f.path), 'utf8'),
        f.text,
        `${f.path}: run npm run starter:generate`,
      );
  });

  it('is deterministic, and derives its ids as name-based UUIDs (RFC 4122 v5)', () => {
    assert.deepEqual(generateStarterDatabase(), files);
    // RFC 4122 / Python uuid.uuid5(NAMESPACE_DNS, 'www.example.com') test vector.
    assert.equal(
      starterId('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'),
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const f of files.filter((x) => x.path.includes('/')))
      assert.match(f.path.split('/')[1].replace(/\.json$/, ''), uuid, f.path);
  });

  it('writes one process and one product flow per dataset, one elementary flow per flow key', () => {
    const processes = parsed('processes/');
    assert.equal(processes.length, starterTables.datasets.length);
    const flows = parsed('flows/');
    assert.equal(flows.filter((f) => f.flowType === 'ELEMENTARY_FLOW').length, 9);
    assert.equal(flows.length, starterTables.datasets.length + 9);
    assert.equal(parsed('unit_groups/').length, 6);
    assert.equal(parsed('flow_properties/').length, 6);
  });

  it('marks every process as starter data with its source, year, geography, boundary and licence', () => {
    const sources = new Map(parsed('sources/').map((s) => [s['@id'], s]));
    for (const p of parsed('processes/')) {
      const name = String(p.name);
      assert.ok((p.tags as string[]).includes(STARTER_DATA_TAG), name);
      const description = String(p.description);
      assert.ok(description.endsWith(STARTER_DATA_NOTICE), name);
      for (const word of [
        'Source:',
        'Licence:',
        'Data year:',
        'Geography:',
        'System boundary:',
        'Derivation',
      ])
        assert.ok(description.includes(word), `${name}: ${word}`);
      const doc = p.processDocumentation as { sources: { '@id': string }[] };
      const source = sources.get(doc.sources[0]['@id']);
      assert.ok(source, name);
      assert.ok(Number.isInteger(source.year) && String(source.textReference).includes('Licence:'), name);
    }
  });

  it('names the elementary flows as the GHG mapping expects', () => {
    const byName = new Map(parsed('flows/').map((f) => [f.name, f]));
    assert.equal(
      byName.get('Carbon dioxide, fossil')?.category,
      'Elementary flows/Emission to air/unspecified',
    );
    assert.equal(byName.get('Carbon dioxide, in air')?.category, 'Elementary flows/Resource/in air');
    assert.ok(String(byName.get('Methane, fossil')?.synonyms).includes('甲烷'));
    assert.ok(String(byName.get('Dinitrogen monoxide')?.synonyms).includes('氧化亚氮'));
    assert.ok(byName.has('Greenhouse gases, CO2 equivalent (pre-aggregated)'));
  });

  it('lets a fuel be entered in kg: the mass factor is 1/NCV kg per MJ', () => {
    const diesel = parsed('flows/').find((f) => f.name === 'diesel, burned in road vehicles') as {
      flowProperties: { conversionFactor: number; isRefFlowProperty?: boolean }[];
    };
    // IPCC 2006 Vol. 2 Table 1.2: gas/diesel oil 43.0 MJ/kg, so 1 MJ = 1/43.0 kg.
    assert.equal(diesel.flowProperties.length, 2);
    assert.equal(diesel.flowProperties[1].conversionFactor, 1 / 43.0);
  });

  it('makes waste-treatment datasets take their waste as the reference input', () => {
    const p = parsed('processes/').find((x) => x.name === 'Waste treatment, glass waste, landfill') as {
      exchanges: { isInput: boolean; isQuantitativeReference?: boolean; flow: { flowType: string } }[];
    };
    const ref = p.exchanges.find((e) => e.isQuantitativeReference);
    assert.equal(ref?.isInput, true);
    assert.equal(ref?.flow.flowType, 'WASTE_FLOW');
  });
});

describe('starter table checks', () => {
  const source: StarterSource = { id: 's', title: 'T', issuer: 'I', year: 2020, licence: 'CC BY 4.0' };
  const dataset: StarterDataset = {
    id: 'd',
    name: 'D',
    nameZh: '丁',
    category: 'Test',
    product: { name: 'd', nameZh: '丁', unit: 'kg' },
    geography: 'GLO',
    year: 2020,
    boundary: 'cradle-to-gate',
    emissions: [{ flow: 'co2-fossil', amount: 1, derivation: 'test' }],
    sourceId: 's',
    description: 'test',
  };
  const fails = (datasets: StarterDataset[], sources: StarterSource[] = [source]) =>
    assert.throws(
      () => generateStarterDatabase({ sources, datasets }),
      (e: unknown) => e instanceof RefdataError && e.code === 'INVALID_STARTER_DATA',
    );

  it('accepts a consistent table', () => {
    assert.ok(generateStarterDatabase({ sources: [source], datasets: [dataset] }).length > 10);
  });

  it('refuses illustrative data, unknown sources and inputs, duplicate ids and CO2e without its GWP basis', () => {
    fails([{ ...dataset, illustrative: true }]);
    fails([{ ...dataset, sourceId: 'other' }]);
    fails([{ ...dataset, inputs: [{ datasetId: 'missing', amount: 1, derivation: 'x' }] }]);
    fails([dataset, dataset]);
    fails([{ ...dataset, emissions: [{ flow: 'co2e-preaggregated', amount: 1, derivation: 'x' }] }]);
    fails([{ ...dataset, emissions: [{ flow: 'co2-fossil', amount: Number.NaN, derivation: 'x' }] }]);
    fails([dataset], [source, { ...source, title: 'Another title' }]);
    fails([dataset], [{ ...source, licence: ' ' }]);
  });
});
