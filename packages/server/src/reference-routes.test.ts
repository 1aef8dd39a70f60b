// The reference routes for the model editor (GET /v1/reference/electricity and /transport), and electricity inputs
// and transport legs of product models through the API, on a real listener with the embedded PGlite store. The
// reference data do not depend on the store (they come from refdata), so one engine is enough here; the OpenAPI
// route list of route-cases.ts covers both engines.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { chinaElectricityFactor, starterId } from '@opencfp/refdata';
import {
  createApiToken,
  createOrganisation,
  createUser,
  openStore,
  signIn,
  type Store,
} from '@opencfp/store';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import type { ServerLogger } from './routing.js';
import { seedDemo } from './seed-demo.js';
import { listen } from './serve.js';

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

const close = (actual: unknown, expected: number, what: string) =>
  assert.ok(
    typeof actual === 'number' && Math.abs(actual - expected) <= 1e-9 * Math.abs(expected),
    `${what}: ${String(actual)} ≠ ${expected}`,
  );

const MET = { uniqueClaim: true, trackedAndCancelled: true, timeMatch: true, marketMatch: true };

/** A model of one process with these inputs (no background database needed for electricity and carrier factors). */
const aModel = (inputs: object[], more: object = {}) => ({
  schema: 'opencfp/product-model@1',
  referenceProcessId: 'plant',
  ...more,
  processes: [{ id: 'plant', name: 'Plant', output: { amount: 1, unit: 'item' }, inputs }],
});

const electricity = (source: object = {}) => ({
  name: 'plant electricity',
  amount: 1000,
  unit: 'kWh',
  source: { kind: 'electricity', region: 'Jiangsu', year: 2023, ...source },
});

describe('reference routes and model inputs of kind electricity and transport (PGlite)', () => {
  let store: Store;
  let server: Awaited<ReturnType<typeof listen>>;
  let session = '';
  let apiToken = '';
  let orgId = '';
  let productId = '';
  let starterVersionId = '';
  const logged: string[] = [];

  async function call(method: string, path: string, token?: string, body?: unknown): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    if (res.status >= 400) assert.deepEqual(Object.keys(parsed).sort(), ['code', 'details', 'message']);
    return { status: res.status, headers: res.headers, body: parsed };
  }

  before(async () => {
    store = await openStore();
    // The demo seed loads the starter database, shared with every organisation (for the documented example).
    starterVersionId = (await seedDemo(store)).starterVersionId as string;
    const user = await createUser(store, {
      email: 'editor@example.com',
      name: 'Editor',
      password: 'correct horse battery',
    });
    const signedIn = await signIn(store, user.email, 'correct horse battery');
    assert.ok(signedIn);
    session = signedIn.token;
    orgId = (await createOrganisation(store, { name: 'Cells Co', slug: 'cells-co' }, user.id)).id;
    apiToken = (
      await createApiToken(store, {
        kind: 'personal',
        organisationId: orgId,
        userId: user.id,
        name: 'ci',
        role: 'editor',
      })
    ).secret;
    const logger: ServerLogger = { error: (m) => logged.push(m), warn: (m) => logged.push(m) };
    server = await listen(
      createApp({
        store,
        config: loadConfig({ env: { PORT: '0', OPENCFP_DATA_DIR: ':memory:', OPENCFP_JOBS_RUN: 'false' } }),
        logger,
      }),
      { port: 0, host: '127.0.0.1' },
    );
    const product = await call('POST', `/v1/orgs/${orgId}/products`, session, {
      nameEn: 'LFP cell',
      declaredUnit: 'item',
    });
    assert.equal(product.status, 201, JSON.stringify(product.body));
    productId = String(product.body.id);
  });
  after(async () => {
    await server?.close();
    await store?.close();
  });

  it('GET /v1/reference/electricity: 401 without credentials; for any signed-in caller the areas, years and factors with their sources', async () => {
    const anonymous = await call('GET', '/v1/reference/electricity');
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.code, 'UNAUTHENTICATED');
    for (const token of [session, apiToken]) {
      const answer = await call('GET', '/v1/reference/electricity', token);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      type Reference = {
        regions: { name: string; nameEnglish: string; level: string; years: Record<string, number[]> }[];
        factorBases: { id: string; years: number[] }[];
        accounting: { id: string; rule: string }[];
        factors: { id: string; value: number; sourceId: string; year: number }[];
        sources: { id: string; name: string; year: number; version: string; licence: string; url?: string }[];
      };
      const ref = answer.body as unknown as Reference;
      assert.equal(ref.regions.length, 38);
      const jiangsu = ref.regions.find((r) => r.nameEnglish === 'Jiangsu');
      assert.deepEqual(jiangsu, {
        name: '江苏',
        nameEnglish: 'Jiangsu',
        level: 'provincial',
        regionalGrids: ['华东'],
        years: { 'operational-co2': [2021, 2022, 2023], 'life-cycle-co2e': [] },
      });
      assert.deepEqual(
        ref.factorBases.map((b) => [b.id, b.years]),
        [
          ['operational-co2', [2021, 2022, 2023]],
          ['life-cycle-co2e', [2023, 2024]],
        ],
      );
      assert.deepEqual(
        ref.accounting.map((a) => a.id),
        ['location-based', 'market-based', 'residual-mix', 'eu-battery'],
      );
      // Every factor is refdata's, with a source that has a name, year, version and licence.
      const factor = ref.factors.find((f) => f.id === 'cn-co2-location-average-2023-jiangsu');
      assert.equal(factor?.value, chinaElectricityFactor({ region: 'Jiangsu', year: 2023 }).value);
      const sources = new Map(ref.sources.map((s) => [s.id, s]));
      for (const f of ref.factors) {
        const s = sources.get(f.sourceId);
        assert.ok(s && s.name && s.version && s.licence && s.year >= f.year, f.id);
      }
      assert.match(sources.get('mee-nbs-co2-2023')?.url ?? '', /^https:\/\/www\.mee\.gov\.cn\//);
    }
  });

  it('GET /v1/reference/transport: the starter datasets per mode with the ids a leg links', async () => {
    assert.equal((await call('GET', '/v1/reference/transport')).status, 401);
    const answer = await call('GET', '/v1/reference/transport', session);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const modes = answer.body.modes as {
      mode: string;
      datasets: { processId: string; kgCo2ePerTkm: number; aircraft: boolean }[];
      note?: string;
    }[];
    assert.deepEqual(
      modes.map((m) => m.mode),
      ['road', 'rail', 'sea', 'inland-waterway', 'air'],
    );
    const lorry = modes[0].datasets.find(
      (d) => d.processId === starterId('process/transport-lorry-hgv-average-laden-gb-2025'),
    );
    assert.equal(lorry?.kgCo2ePerTkm, 0.10163);
    assert.deepEqual(modes[3].datasets, []);
    assert.match(modes[3].note ?? '', /carrier's factor/);
    assert.equal(modes[4].datasets[0].aircraft, true);
  });

  it('the OpenAPI document has both routes, their schemas and the new input kinds of ProductModelDocument', async () => {
    const doc = (await call('GET', '/openapi.json')).body as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
      components: { schemas: Record<string, unknown> };
    };
    for (const path of ['/v1/reference/electricity', '/v1/reference/transport'])
      assert.ok(doc.paths[path]?.get?.security, path);
    assert.ok(doc.components.schemas.ElectricityReference);
    assert.ok(doc.components.schemas.TransportReference);
    const model = JSON.stringify(doc.components.schemas.ProductModelDocument);
    for (const word of [
      '"electricity"',
      '"transport"',
      'factorBasis',
      'instruments',
      'kgCo2ePerTkm',
      'inland-waterway',
    ])
      assert.ok(model.includes(word), word);
  });

  it('validates electricity inputs and transport legs of a saved model: 400 with the field', async () => {
    const rejected = async (model: object, path: string) => {
      const answer = await call('POST', `/v1/orgs/${orgId}/models`, session, {
        productId,
        name: 'bad',
        model,
      });
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      assert.equal(answer.body.code, 'VALIDATION_FAILED');
      const issues = (answer.body.details as { issues: { path: (string | number)[] }[] }).issues;
      assert.ok(
        issues.some((i) => i.path.join('.') === path),
        `${path} in ${JSON.stringify(issues)}`,
      );
    };
    await rejected(aModel([electricity({ region: 'Atlantis' })]), 'model.processes.0.inputs.0.source.region');
    await rejected(
      aModel([
        electricity({
          accounting: 'market-based',
          instruments: [
            { id: 'a', kind: 'ppa', share: 0.8, factor: 0, factorSource: 'x', criteria: MET },
            {
              id: 'b',
              kind: 'green-electricity-certificate',
              share: 0.3,
              factor: 0,
              factorSource: 'y',
              criteria: MET,
            },
          ],
        }),
      ]),
      'model.processes.0.inputs.0.source.instruments',
    );
    await rejected(
      aModel([
        {
          name: 'delivery',
          amount: 2,
          unit: 't',
          source: {
            kind: 'transport',
            mode: 'road',
            distance: -500,
            factor: { kgCo2ePerTkm: 0.1, source: 'x' },
          },
        },
      ]),
      'model.processes.0.inputs.0.source.distance',
    );
  });

  it('calculates electricity and a carrier-factor leg, grid against green certificates, and says which factor is missing', async () => {
    const model = aModel(
      [
        electricity({
          instruments: [
            {
              id: 'gec',
              kind: 'green-electricity-certificate',
              share: 'gec_share',
              factor: 0,
              factorSource: 'GEC registry (test)',
              criteria: MET,
            },
          ],
        }),
        {
          name: 'barge to the port',
          amount: 10,
          unit: 't',
          source: {
            kind: 'transport',
            mode: 'inland-waterway',
            distance: 200,
            factor: { kgCo2ePerTkm: 0.03, source: 'Carrier statement (test)' },
          },
        },
      ],
      {
        parameters: [{ name: 'gec_share', value: 0 }],
        scenarios: [
          {
            id: 'green',
            name: '40 % certificates',
            parameters: { gec_share: 0.4 },
            electricity: { accounting: 'market-based' },
          },
        ],
      },
    );
    const made = await call('POST', `/v1/orgs/${orgId}/models`, apiToken, {
      productId,
      name: 'plant',
      model,
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const id = String(made.body.id);
    type Result = {
      footprint: {
        split: { total: number };
        contributions: {
          kind: string;
          electricity?: { lines: { id: string }[] };
          transport?: { mode: string };
        }[];
      };
    };
    const grid = await call('POST', `/v1/orgs/${orgId}/models/${id}/calculations`, session, {});
    assert.equal(grid.status, 201, JSON.stringify(grid.body));
    // 1,000 kWh · 0.5827 (Jiangsu 2023) + 2,000 t·km · 0.03.
    const g = grid.body as unknown as Result;
    close(g.footprint.split.total, 1000 * 0.5827 + 60, 'grid');
    assert.deepEqual(g.footprint.contributions.map((c) => c.kind).sort(), ['electricity', 'transport']);
    assert.equal(
      g.footprint.contributions.find((c) => c.kind === 'electricity')?.electricity?.lines[0].id,
      'cn-co2-location-average-2023-jiangsu',
    );
    const green = await call('POST', `/v1/orgs/${orgId}/models/${id}/calculations`, session, {
      scenarioId: 'green',
    });
    assert.equal(green.status, 201, JSON.stringify(green.body));
    // 600 kWh at China's 2023 residual-like factor 0.6096, the certificates at 0.
    close((green.body as unknown as Result).footprint.split.total, 600 * 0.6096 + 60, 'green');

    const missing = await call('POST', `/v1/orgs/${orgId}/models`, session, {
      productId,
      name: 'no factor',
      model: aModel([electricity({ year: 2024 })]),
    });
    assert.equal(missing.status, 201);
    const answer = await call(
      'POST',
      `/v1/orgs/${orgId}/models/${String(missing.body.id)}/calculations`,
      session,
      {},
    );
    assert.equal(answer.status, 422);
    assert.equal(answer.body.code, 'MODEL_INVALID');
    const details = answer.body.details as { code: string; path: string };
    assert.equal(details.code, 'UNKNOWN_FACTOR');
    assert.equal(details.path, '/processes/0/inputs/0/source/year');
    assert.match(String(answer.body.message), /2021, 2022, 2023/);
    assert.deepEqual(logged, [], 'no internal errors');
  });

  it('calculates the full example of docs/product-models.md on the starter database as the docs say', async () => {
    const docs = readFileSync(new URL('../../../docs/product-models.md', import.meta.url), 'utf8');
    const section = docs.slice(docs.indexOf('## A full example'));
    const json = /```json\n([\s\S]*?)\n```/.exec(section)?.[1];
    assert.ok(json, 'the example');
    const made = await call('POST', `/v1/orgs/${orgId}/models`, session, {
      productId,
      name: 'documented example',
      backgroundVersionId: starterVersionId,
      model: JSON.parse(json),
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const path = `/v1/orgs/${orgId}/models/${String(made.body.id)}/calculations`;
    type Result = { footprint: { split: { total: number }; byStage: { id: string; amount: number }[] } };
    const base = (await call('POST', path, session, {})).body as unknown as Result;
    // 30 kWh · 0.5827 + 0.006 t · 500 km · 0.10163 = 17.481 + 0.30489.
    close(base.footprint.split.total, 30 * 0.5827 + 3 * 0.10163, 'base');
    close(base.footprint.byStage.find((s) => s.id === 'distribution')?.amount, 3 * 0.10163, 'distribution');
    const green = (await call('POST', path, session, { scenarioId: 'green' })).body as unknown as Result;
    close(green.footprint.split.total, 3 * 0.10163, 'green');
  });
});
