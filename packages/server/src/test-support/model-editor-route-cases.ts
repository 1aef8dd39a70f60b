// What the web app's model editor needs of the server, on a real listener exercised with fetch; run once per store
// engine (model-editor-routes-*.test.ts here, and against `cfp serve` processes in packages/cli): the unit table
// (GET /v1/reference/units), datasets looked up by id and filtered by unit (GET …/databases/{versionId}/processes),
// the units a dataset's products can be given in (GET …/processes/{processId}), validation without calculating
// (POST …/models/validate), who saved a model (updatedBy, and in a 409), and the document's scenario kind,
// functional unit and boundary. Expected values are worked out by hand on the three-process loop background
// (loop-background.ts) and read from the starter database.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { commonUnitTable, transportReference, type ProductModelDocumentInput } from '@opencfp/model';
import { starterDatabasePath } from '@opencfp/refdata';
import {
  createApiToken,
  createOrganisation,
  createUser,
  importBackgroundDatabase,
  setMembership,
  signIn,
  type Store,
} from '@opencfp/store';
import { writeLoopBackground } from './loop-background.js';
import type { OpenHarness, RouteHarness } from './route-harness.js';

const PASSWORD = 'correct horse battery';

/** A frame (1 item) of 2 kg steel, 10 items of transport and 5 MJ of power from the loop background: it calculates. */
const FRAME: ProductModelDocumentInput = {
  schema: 'opencfp/product-model@1',
  referenceProcessId: 'frame',
  parameters: [{ name: 'steel_kg', value: 2 }],
  scenarios: [{ id: 'heavy', name: 'Heavier frame', parameters: { steel_kg: 3 } }],
  processes: [
    {
      id: 'frame',
      name: 'Frame assembly',
      output: { amount: 1, unit: 'item' },
      inputs: [
        {
          name: 'steel',
          amount: 'steel_kg',
          unit: 'kg',
          source: { kind: 'background', processId: 'p-steel' },
        },
        {
          name: 'transport',
          amount: 10,
          unit: 'item',
          source: { kind: 'background', processId: 'p-transport' },
        },
        { name: 'power', amount: 5, unit: 'MJ', source: { kind: 'background', processId: 'p-power' } },
      ],
      emissions: [{ gas: 'CO2', amount: 0.2, unit: 'kg' }],
    },
  ],
};

type Body = Record<string, unknown>;
interface Answer {
  status: number;
  body: Body;
  headers: Headers;
}
interface Listed {
  processId: string;
  processName: string;
  productId: string;
  unit: string;
}
interface Issue {
  path: string;
  code: string;
  message: string;
  scenarioId?: string;
}

/**
 * The model editor's routes on a store: the unit table, lookups by id and unit, a dataset's units, validation (the
 * same problems a calculation raises, not captured as a model id), who saved a model, and the new document fields;
 * 400, 401 and 404 for each.
 */
export function modelEditorRouteCases(name: string, openHarness: OpenHarness) {
  describe(`model editor routes (units, lookups, validation, savers): ${name}`, () => {
    let harness: RouteHarness;
    let folder = '';
    const tokens = { ownerA: '', viewerA: '', ownerB: '', clientA: '' };
    const ids = { ownerA: '', clientA: '' };
    let orgA = '';
    let orgB = '';
    let loopVersion = '';
    let starterVersion = '';
    let bVersion = '';
    let productA = '';

    async function call(
      method: string,
      path: string,
      token?: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ): Promise<Answer> {
      const all: Record<string, string> = { ...headers };
      if (token) all.authorization = `Bearer ${token}`;
      if (body !== undefined) all['content-type'] = 'application/json';
      const res = await fetch(`${harness.url}${path}`, {
        method,
        headers: all,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      const parsed = text === '' ? {} : (JSON.parse(text) as Body);
      if (res.status >= 400) assert.deepEqual(Object.keys(parsed).sort(), ['code', 'details', 'message']);
      return { status: res.status, body: parsed, headers: res.headers };
    }
    const ok = async (method: string, path: string, token = tokens.viewerA, body?: unknown) => {
      const answer = await call(method, path, token, body);
      assert.ok(
        answer.status === 200 || answer.status === 201,
        `${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`,
      );
      return answer;
    };
    const listing = async (versionId: string, query: string) =>
      (await ok('GET', `/v1/orgs/${orgA}/databases/${versionId}/processes?${query}`)).body as {
        total: number;
        processes: Listed[];
      };
    const validate = async (body: Body, token = tokens.viewerA) =>
      ((await ok('POST', `/v1/orgs/${orgA}/models/validate`, token, body)).body as { issues: Issue[] })
        .issues;
    const newModel = async (modelName: string, doc: ProductModelDocumentInput, token = tokens.ownerA) =>
      (
        await ok('POST', `/v1/orgs/${orgA}/models`, token, {
          productId: productA,
          name: modelName,
          backgroundVersionId: loopVersion,
          model: doc,
        })
      ).body;

    before(async () => {
      harness = await openHarness();
      folder = await mkdtemp(join(tmpdir(), 'opencfp-editor-'));
      await writeLoopBackground(folder);
      await harness.withStore(async (store: Store) => {
        const unique = randomUUID().slice(0, 8);
        const user = async (label: string) => {
          const made = await createUser(store, {
            email: `${label.toLowerCase().replace(' ', '-')}-${unique}@example.com`,
            name: label,
            password: PASSWORD,
          });
          const session = await signIn(store, made.email, PASSWORD);
          assert.ok(session);
          return { id: made.id, token: session.token };
        };
        const ownerA = await user('Owner A');
        const viewerA = await user('Viewer A');
        const ownerB = await user('Owner B');
        orgA = (await createOrganisation(store, { name: 'A', slug: `a-${unique}` }, ownerA.id)).id;
        orgB = (await createOrganisation(store, { name: 'B', slug: `b-${unique}` }, ownerB.id)).id;
        await setMembership(store, orgA, viewerA.id, 'viewer', ownerA.id);
        const clientA = await createApiToken(store, {
          kind: 'client',
          organisationId: orgA,
          name: 'PACT connector',
          role: 'editor',
          createdBy: ownerA.id,
        });
        Object.assign(tokens, {
          ownerA: ownerA.token,
          viewerA: viewerA.token,
          ownerB: ownerB.token,
          clientA: clientA.secret,
        });
        Object.assign(ids, { ownerA: ownerA.id, clientA: clientA.id });
        loopVersion = (
          await importBackgroundDatabase(
            store,
            { organisationId: orgA, name: 'loop', path: folder },
            ownerA.id,
          )
        ).id;
        bVersion = (
          await importBackgroundDatabase(
            store,
            { organisationId: orgB, name: 'loop', path: folder },
            ownerB.id,
          )
        ).id;
        starterVersion = (
          await importBackgroundDatabase(
            store,
            { organisationId: null, name: 'OpenCFP starter database', path: starterDatabasePath() },
            null,
          )
        ).id;
      });
      productA = (
        await ok('POST', `/v1/orgs/${orgA}/products`, tokens.ownerA, {
          nameEn: 'Frame',
          declaredUnit: 'item',
        })
      ).body.id as string;
    });
    after(async () => {
      await harness?.close();
      if (folder) await rm(folder, { recursive: true, force: true });
    });

    it('GET /v1/reference/units: the engine’s table, to any signed-in caller', async () => {
      const answer = await ok('GET', '/v1/reference/units', tokens.ownerB);
      const body = answer.body as {
        dimensions: {
          dimension: string;
          baseUnit: string;
          units: { name: string; synonyms: string[]; factor: number }[];
        }[];
        matching: string;
      };
      assert.deepEqual(body.dimensions, commonUnitTable(), 'exactly the table the engine converts with');
      assert.deepEqual(
        body.dimensions.map((d) => [d.dimension, d.baseUnit]),
        [
          ['mass', 'kg'],
          ['energy', 'MJ'],
          ['volume', 'm3'],
          ['area', 'm2'],
          ['length', 'm'],
          ['goods transport', 't*km'],
          ['person transport', 'p*km'],
          ['items', 'item'],
          ['time', 'h'],
        ],
      );
      assert.deepEqual(
        body.dimensions[1].units.map((u) => [u.name, u.factor]),
        [
          ['MJ', 1],
          ['mWh', 3.6e-9],
          ['kJ', 1e-3],
          ['Wh', 3.6e-3],
          ['kWh', 3.6],
          ['GJ', 1e3],
          ['MWh', 3.6e3],
          ['TJ', 1e6],
          ['GWh', 3.6e6],
        ],
      );
      assert.deepEqual(body.dimensions[0].units[0], {
        name: 'kg',
        synonyms: ['kilogram', '千克', '公斤'],
        factor: 1,
      });
      assert.match(body.matching, /'MG' is refused/);
      assert.match(answer.headers.get('cache-control') ?? '', /max-age=3600/);
      const anonymous = await call('GET', '/v1/reference/units');
      assert.equal(anonymous.status, 401);
    });

    it('GET …/processes?ids=: several datasets by id, in the order asked, unknown ids left out', async () => {
      const found = await listing(loopVersion, 'ids=p-transport,nope,p-steel,p-transport&limit=500');
      assert.equal(found.total, 2);
      assert.deepEqual(
        found.processes.map((p) => [p.processId, p.processName, p.productId, p.unit]),
        [
          ['p-transport', 'Lorry', 'f-transport', 'item'],
          ['p-steel', 'Steel mill', 'f-steel', 'kg'],
        ],
      );
      // the same entries as the search answers
      const steel = (await listing(loopVersion, 'search=p-steel')).processes[0];
      assert.deepEqual(found.processes[1], steel);
      // with a search and paging
      assert.deepEqual(
        (await listing(loopVersion, 'ids=p-transport,p-steel&search=steel')).processes.map(
          (p) => p.processId,
        ),
        ['p-steel'],
      );
      const paged = await listing(loopVersion, 'ids=p-power,p-steel,p-transport&limit=1&offset=1');
      assert.deepEqual([paged.total, paged.processes.map((p) => p.processId)], [3, ['p-steel']]);
      assert.deepEqual(await listing(loopVersion, 'ids=nope'), { total: 0, processes: [] });
      // 400: none, or too many
      const empty = await call(
        'GET',
        `/v1/orgs/${orgA}/databases/${loopVersion}/processes?ids=,`,
        tokens.viewerA,
      );
      assert.equal(empty.status, 400);
      assert.deepEqual(
        (empty.body.details as { issues: { location: string; path: unknown[] }[] }).issues.map((i) => [
          i.location,
          i.path,
        ]),
        [['query', ['ids']]],
      );
      const many = Array.from({ length: 201 }, (_, i) => `p-${i}`).join(',');
      assert.equal(
        (await call('GET', `/v1/orgs/${orgA}/databases/${loopVersion}/processes?ids=${many}`, tokens.viewerA))
          .status,
        400,
      );
      // another organisation's version: 404, as for the search
      const hidden = await call(
        'GET',
        `/v1/orgs/${orgA}/databases/${bVersion}/processes?ids=p-steel`,
        tokens.viewerA,
      );
      assert.equal(hidden.status, 404);
    });

    it('GET …/processes?unit=: datasets whose reference unit is that unit (any name of it)', async () => {
      assert.deepEqual(
        (await listing(loopVersion, 'unit=MJ')).processes.map((p) => p.processId),
        ['p-power'],
      );
      assert.deepEqual(await listing(loopVersion, 'unit=kWh'), { total: 0, processes: [] });
      assert.deepEqual(
        (await listing(loopVersion, 'unit=items')).processes.map((p) => p.processId),
        ['p-transport'],
        "'items' is the common unit 'item'",
      );
      // the starter database's freight datasets: written 't*km' there
      const all = await listing(starterVersion, 'limit=500');
      assert.ok(all.total <= 500, `${all.total} datasets: page through them`);
      const perTkm = all.processes.filter((p) => p.unit === 't*km');
      assert.ok(perTkm.length >= 5, `${perTkm.length} datasets per t*km`);
      const filtered = await listing(starterVersion, `unit=${encodeURIComponent('t*km')}&limit=500`);
      assert.deepEqual(filtered, { total: perTkm.length, processes: perTkm });
      for (const name of ['tkm', 't·km', '吨公里'])
        assert.deepEqual(
          await listing(starterVersion, `unit=${encodeURIComponent(name)}&limit=500`),
          filtered,
          name,
        );
      for (const mode of transportReference().modes)
        for (const d of mode.datasets)
          assert.ok(
            perTkm.some((p) => p.processId === d.processId),
            `${d.name}: a transport reference dataset is found`,
          );
      const road = await listing(starterVersion, `search=road&unit=${encodeURIComponent('t*km')}`);
      assert.ok(road.total >= 1 && road.processes.every((p) => p.unit === 't*km'));
      assert.deepEqual(
        await listing(starterVersion, `unit=${encodeURIComponent('kg*km')}`),
        { total: 0, processes: [] },
        'kg*km is another unit',
      );
    });

    it('GET …/processes/{processId}: the units each product can be given in, as a calculation converts them', async () => {
      const detail = async (processId: string) =>
        (await ok('GET', `/v1/orgs/${orgA}/databases/${loopVersion}/processes/${processId}`)).body as {
          referenceProduct: {
            productId: string;
            unit: string;
            units: { name: string; factor: number; property: string | null }[];
          };
          products: { units: unknown[] }[];
        };
      const power = await detail('p-power');
      assert.deepEqual(
        power.referenceProduct.units.map((u) => [u.name, u.factor, u.property]),
        [
          ['MJ', 1, 'Energy'],
          ['kWh', 3.6, 'Energy'],
          ['mWh', 3.6e-9, 'Energy'],
          ['kJ', 1e-3, 'Energy'],
          ['Wh', 3.6e-3, 'Energy'],
          ['GJ', 1e3, 'Energy'],
          ['MWh', 3.6e3, 'Energy'],
          ['TJ', 1e6, 'Energy'],
          ['GWh', 3.6e6, 'Energy'],
        ],
      );
      assert.deepEqual(power.products[0].units, power.referenceProduct.units);
      const steel = await detail('p-steel');
      assert.deepEqual(
        steel.referenceProduct.units.map((u) => [u.name, u.factor]),
        [
          ['kg', 1],
          ['g', 1e-3],
          ['mg', 1e-6],
          ['lb', 0.45359237],
          ['Mg', 1e3],
          ['t', 1e3],
          ['kt', 1e6],
          ['Mt', 1e9],
        ],
      );
      assert.deepEqual((await detail('p-transport')).referenceProduct.units, [
        { name: 'item', factor: 1, property: 'Number of items' },
      ]);
      // What the detail offers is what a calculation takes: 2000 g of steel is 2 kg.
      const grams = structuredClone(FRAME);
      (grams.processes[0].inputs ?? [])[0].amount = 2000;
      (grams.processes[0].inputs ?? [])[0].unit = 'g';
      const modelId = (await newModel('Frame in grams', grams)).id as string;
      const inGrams = await ok('POST', `/v1/orgs/${orgA}/models/${modelId}/calculations`, tokens.ownerA, {});
      const inKg = await ok(
        'POST',
        `/v1/orgs/${orgA}/models/${(await newModel('Frame in kg', FRAME)).id as string}/calculations`,
        tokens.ownerA,
        {},
      );
      assert.ok(Math.abs((inGrams.body.total as number) - (inKg.body.total as number)) < 1e-12);
    });

    it('POST …/models/validate: the problems a calculation raises, every one, for viewers too', async () => {
      assert.deepEqual(await validate({ model: FRAME, backgroundVersionId: loopVersion }), []);
      const broken = structuredClone(FRAME) as ProductModelDocumentInput;
      const inputs = broken.processes[0].inputs ?? [];
      inputs[0].unit = 'kWh';
      inputs[1].source = { kind: 'background', processId: 'p-gone' };
      inputs[2].amount = 'power_mj * 2';
      broken.processes[0].emissions = [{ gas: 'CO5', amount: 1 }];
      const issues = await validate({ model: broken, backgroundVersionId: loopVersion });
      assert.deepEqual(
        issues.map((i) => [i.path, i.code]),
        [
          ['/processes/0/inputs/0/unit', 'UNIT_MISMATCH'],
          ['/processes/0/inputs/1/source', 'UNKNOWN_DATASET'],
          ['/processes/0/inputs/2/amount', 'UNKNOWN_PARAMETER'],
          ['/processes/0/emissions/0/gas', 'UNKNOWN_GAS'],
        ],
      );
      assert.equal(
        issues[0].message,
        "input 'steel' is in 'kWh', but 'Steel' is measured in kg (it can be given in kg, g)",
      );
      // Exactly what calculating the saved model answers (422 MODEL_INVALID), and then, fixed, the next one.
      const modelId = (await newModel('Broken frame', broken)).id as string;
      const calculate = async () =>
        call('POST', `/v1/orgs/${orgA}/models/${modelId}/calculations`, tokens.ownerA, {});
      const refused = await calculate();
      assert.equal(refused.status, 422);
      assert.deepEqual(
        [
          refused.body.code,
          refused.body.message,
          (refused.body.details as Body).code,
          (refused.body.details as Body).path,
        ],
        ['MODEL_INVALID', issues[0].message, issues[0].code, issues[0].path],
      );
      inputs[0].unit = 'kg';
      const current = await ok('GET', `/v1/orgs/${orgA}/models/${modelId}`, tokens.ownerA);
      await ok('PUT', `/v1/orgs/${orgA}/models/${modelId}`, tokens.ownerA, {
        model: broken,
        version: current.body.version,
      });
      const next = await calculate();
      assert.deepEqual(
        [next.status, next.body.message, (next.body.details as Body).path],
        [422, issues[1].message, issues[1].path],
      );

      // a scenario's own problem names it
      const scenario = structuredClone(FRAME) as ProductModelDocumentInput;
      scenario.processes[0].output = { amount: 'steel_kg - 2', unit: 'item' };
      scenario.parameters = [{ name: 'steel_kg', value: 3 }];
      scenario.scenarios = [{ id: 'light', name: 'Light', parameters: { steel_kg: 2 } }];
      assert.deepEqual(await validate({ model: scenario, backgroundVersionId: loopVersion }), [
        {
          path: '/processes/0/output/amount',
          code: 'INVALID_MODEL',
          message: "the output of 'Frame assembly' is 0: it must be positive",
          scenarioId: 'light',
        },
      ]);
      // the GWP set counts: a gas one set lacks
      const nf3 = structuredClone(FRAME) as ProductModelDocumentInput;
      nf3.processes[0].emissions = [{ gas: 'NF3', amount: 0.001 }];
      assert.deepEqual(await validate({ model: nf3, backgroundVersionId: loopVersion }), []);
      assert.deepEqual(
        (await validate({ model: nf3, backgroundVersionId: loopVersion, method: 'ipcc-sar-gwp100' })).map(
          (i) => i.code,
        ),
        ['UNKNOWN_GAS'],
      );
    });

    it('POST …/models/validate: schema problems are issues, no background is said per dataset, and 400/401/404', async () => {
      const invalid = structuredClone(FRAME) as ProductModelDocumentInput;
      invalid.processes[0].name = '';
      invalid.referenceProcessId = 'nowhere';
      assert.deepEqual(
        (await validate({ model: invalid, backgroundVersionId: loopVersion })).map((i) => [i.path, i.code]),
        [
          ['/processes/0/name', 'INVALID_MODEL'],
          ['/referenceProcessId', 'INVALID_MODEL'],
        ],
      );
      assert.deepEqual(
        (await validate({ model: FRAME })).map((i) => [i.path, i.code]),
        [
          ['/processes/0/inputs/0/source', 'NO_BACKGROUND'],
          ['/processes/0/inputs/1/source', 'NO_BACKGROUND'],
          ['/processes/0/inputs/2/source', 'NO_BACKGROUND'],
        ],
      );
      const path = `/v1/orgs/${orgA}/models/validate`;
      const hidden = await call('POST', path, tokens.viewerA, {
        model: FRAME,
        backgroundVersionId: bVersion,
      });
      assert.deepEqual(
        [hidden.status, hidden.body.code, hidden.body.details],
        [404, 'NOT_FOUND', { field: 'backgroundVersionId' }],
      );
      const unknownField = await call('POST', path, tokens.viewerA, { model: FRAME, modle: 1 });
      assert.equal(unknownField.status, 400);
      const noModel = await call('POST', path, tokens.viewerA, { backgroundVersionId: loopVersion });
      assert.deepEqual(
        (noModel.body.details as { issues: { path: unknown[] }[] }).issues.map((i) => i.path),
        [['model']],
      );
      assert.equal((await call('POST', path, undefined, { model: FRAME })).status, 401);
      const stranger = await call('POST', path, tokens.ownerB, { model: FRAME });
      assert.deepEqual([stranger.status, stranger.body.message], [404, `no organisation '${orgA}'`]);
    });

    it("'validate' is not taken for a model id: the model routes answer it as an unknown model", async () => {
      const path = `/v1/orgs/${orgA}/models/validate`;
      const unknown = {
        code: 'NOT_FOUND',
        message: "no product model 'validate' in this organisation",
        details: {},
      };
      assert.deepEqual((await call('GET', path, tokens.viewerA)).body, unknown);
      assert.deepEqual(
        (await call('PUT', path, tokens.ownerA, { model: FRAME }, { 'if-match': '"1"' })).body,
        unknown,
      );
      assert.deepEqual(
        (await call('PATCH', path, tokens.ownerA, { name: 'x' }, { 'if-match': '"1"' })).body,
        unknown,
      );
      assert.deepEqual((await call('DELETE', path, tokens.ownerA)).body, unknown);
      assert.equal((await call('GET', `${path}/calculations`, tokens.viewerA)).status, 404);
      // and a model's own routes still work beside it
      const id = (await newModel('Beside validate', FRAME)).id as string;
      assert.equal((await call('GET', `/v1/orgs/${orgA}/models/${id}`, tokens.viewerA)).status, 200);
    });

    it('who saved a model: updatedBy in its answers and list, and in a 409 who saved the newer version and when', async () => {
      const created = await newModel('Saved by', FRAME);
      assert.deepEqual(created.updatedBy, { userId: ids.ownerA, name: 'Owner A' });
      const path = `/v1/orgs/${orgA}/models/${created.id as string}`;
      const bySession = (await ok('GET', path)).body;
      assert.deepEqual(bySession.updatedBy, created.updatedBy);
      // a machine client (no user) saves: its token is named
      const saved = await ok('PUT', path, tokens.clientA, { model: FRAME, version: 1 });
      assert.deepEqual(saved.body.updatedBy, { tokenId: ids.clientA, name: 'PACT connector' });
      const listed = (await ok('GET', `/v1/orgs/${orgA}/models?productId=${productA}`)).body.models as Body[];
      assert.deepEqual(listed.find((m) => m.id === created.id)?.updatedBy, saved.body.updatedBy);
      // someone with the old version saves: 409 names them and the time of their save
      const conflict = await call('PUT', path, tokens.ownerA, { model: FRAME }, { 'if-match': '"1"' });
      assert.equal(conflict.status, 409);
      assert.deepEqual(conflict.body.details, {
        currentVersion: 2,
        expectedVersion: 1,
        updatedAt: saved.body.updatedAt,
        updatedBy: { tokenId: ids.clientA, name: 'PACT connector' },
      });
      const renamed = await call('PATCH', path, tokens.ownerA, { name: 'renamed', version: 1 });
      assert.deepEqual((renamed.body.details as Body).updatedBy, {
        tokenId: ids.clientA,
        name: 'PACT connector',
      });
    });

    it('the document takes a scenario kind, a functional unit and a boundary; they change no number', async () => {
      const described: ProductModelDocumentInput = {
        ...structuredClone(FRAME),
        functionalUnit: { en: 'One bicycle frame for 10 years of use', zh: '一个使用 10 年的自行车车架' },
        boundary: 'cradle-to-gate',
        scenarios: [
          { id: 'heavy', name: 'Heavier frame', kind: 'other', parameters: { steel_kg: 3 } },
          { id: 'city', name: 'City use', kind: 'use', parameters: {} },
          { id: 'landfill', name: 'Landfill', kind: 'end-of-life', parameters: {} },
        ],
      };
      const made = await newModel('Described', described);
      const read = (await ok('GET', `/v1/orgs/${orgA}/models/${made.id as string}`)).body;
      assert.deepEqual(read.model, described);
      assert.deepEqual(await validate({ model: described, backgroundVersionId: loopVersion }), []);
      const plain = await ok(
        'POST',
        `/v1/orgs/${orgA}/models/${(await newModel('Plain', FRAME)).id as string}/calculations`,
        tokens.ownerA,
        {},
      );
      const withFields = await ok(
        'POST',
        `/v1/orgs/${orgA}/models/${made.id as string}/calculations`,
        tokens.ownerA,
        {},
      );
      assert.equal(withFields.body.total, plain.body.total);
      // what the schema refuses, at its path
      const wrong = await call('POST', `/v1/orgs/${orgA}/models`, tokens.ownerA, {
        productId: productA,
        name: 'wrong',
        model: {
          ...described,
          boundary: 'grave-to-cradle',
          scenarios: [{ id: 's', name: 'S', kind: 'recycling' }],
          functionalUnit: { fr: 'un cadre' },
        },
      });
      assert.equal(wrong.status, 400);
      assert.deepEqual(
        (wrong.body.details as { issues: { path: unknown[] }[] }).issues.map((i) => i.path).sort(),
        [
          ['model', 'boundary'],
          ['model', 'functionalUnit'],
          ['model', 'scenarios', 0, 'kind'],
        ].sort(),
      );
    });

    it('nothing was logged', () => {
      assert.deepEqual(harness.problems(), []);
    });
  });
}
