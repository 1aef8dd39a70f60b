// The datasets of a background database version (GET …/databases/{versionId}/processes) and the footprint route's
// `unit`, on a real listener exercised with fetch; run once per store engine (database-routes-*.test.ts).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { starterDatabasePath } from '@opencfp/refdata';
import {
  createApiToken,
  createOrganisation,
  createUser,
  importBackgroundDatabase,
  loadBackgroundDatabase,
  setMembership,
  signIn,
  type DatabaseVersion,
  type Store,
} from '@opencfp/store';
import type { OpenHarness, RouteHarness } from './route-harness.js';

const PASSWORD = 'correct horse battery';
/** A small openLCA database (4 processes, one of them a waste treatment). */
const BICYCLE = fileURLToPath(new URL('../../../../examples/bicycle-frame', import.meta.url));
/** The starter database's Jiangsu grid electricity (MEE 2023: 0.5827 kg CO2 per kWh; reference unit MJ). */
const JIANGSU = '74598a7b-cb71-5f37-b2a6-e36d1f608b8b';
/** examples/bicycle-frame/README.md: its electricity is (0.6 + 29.8 · 0.0015) / 0.98 kg CO2e per kWh (AR6). */
const BICYCLE_KWH = (0.6 + 29.8 * 0.0015) / 0.98;

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

interface Listed {
  processId: string;
  processName: string;
  productId: string;
  productName: string;
  unit: string;
  location: string | null;
  category: string | null;
  isWaste?: true;
  tags?: string[];
}

interface Issue {
  location: string;
  path: (string | number)[];
  message: string;
  code: string;
}

/** The fields of a 400 VALIDATION_FAILED answer, as `location:path`. */
function issuePaths(answer: Answer): string[] {
  assert.equal(answer.status, 400, JSON.stringify(answer.body));
  assert.equal(answer.body.code, 'VALIDATION_FAILED');
  return (answer.body.details as { issues: Issue[] }).issues
    .map((i) => `${i.location}:${i.path.join('.')}`)
    .sort();
}

const near = (actual: number, expected: number, label = '') =>
  assert.ok(
    Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)),
    `${label} ${actual} ≠ ${expected}`,
  );

/**
 * GET /v1/orgs/{orgId}/databases/{versionId}/processes (listing, search in English and Chinese and by location,
 * paging, visibility, validation) and POST …/footprint with `unit`, on a store.
 */
export function databaseRouteCases(name: string, openHarness: OpenHarness) {
  describe(`background datasets and footprints in any unit: ${name}`, () => {
    let harness: RouteHarness;
    const withStore = <T>(fn: (store: Store) => Promise<T>) => harness.withStore(fn);
    const tokens = { ownerA: '', viewerA: '', ownerB: '', clientB: '' };
    let orgA = '';
    let orgB = '';
    const versions: Record<'starter' | 'bikeA' | 'bikeB', DatabaseVersion> = {} as never;

    async function call(method: string, path: string, token?: string, body?: unknown): Promise<Answer> {
      const headers: Record<string, string> = {};
      if (token) headers.authorization = `Bearer ${token}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${harness.url}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      const parsed = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
      if (res.status >= 400) assert.deepEqual(Object.keys(parsed).sort(), ['code', 'details', 'message']);
      return { status: res.status, body: parsed };
    }

    const processesOf = (version: DatabaseVersion, query = '', org = orgA) =>
      `/v1/orgs/${org}/databases/${version.id}/processes${query}`;
    /** A listing answer that must be 200: its total and entries. */
    async function list(
      path: string,
      token = tokens.viewerA,
    ): Promise<{ total: number; processes: Listed[] }> {
      const answer = await call('GET', path, token);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.deepEqual(Object.keys(answer.body).sort(), ['processes', 'total']);
      return answer.body as unknown as { total: number; processes: Listed[] };
    }

    before(async () => {
      harness = await openHarness();
      await withStore(async (store) => {
        const unique = randomUUID().slice(0, 8);
        const user = async (label: string) => {
          const made = await createUser(store, {
            email: `${label}-${unique}@example.com`,
            name: label,
            password: PASSWORD,
          });
          const session = await signIn(store, made.email, PASSWORD);
          assert.ok(session);
          return { id: made.id, token: session.token };
        };
        const ownerA = await user('owner-a');
        const viewerA = await user('viewer-a');
        const ownerB = await user('owner-b');
        orgA = (await createOrganisation(store, { name: 'A', slug: `a-${unique}` }, ownerA.id)).id;
        orgB = (await createOrganisation(store, { name: 'B', slug: `b-${unique}` }, ownerB.id)).id;
        await setMembership(store, orgA, viewerA.id, 'viewer', ownerA.id);
        const clientB = await createApiToken(store, {
          kind: 'client',
          organisationId: orgB,
          name: 'b',
          role: 'owner',
          createdBy: ownerB.id,
        });
        Object.assign(tokens, {
          ownerA: ownerA.token,
          viewerA: viewerA.token,
          ownerB: ownerB.token,
          clientB: clientB.secret,
        });
        versions.starter = await importBackgroundDatabase(
          store,
          { organisationId: null, name: 'OpenCFP starter database', path: starterDatabasePath() },
          null,
        );
        versions.bikeA = await importBackgroundDatabase(
          store,
          { organisationId: orgA, name: 'bicycle', path: BICYCLE },
          ownerA.id,
        );
        versions.bikeB = await importBackgroundDatabase(
          store,
          { organisationId: orgB, name: 'bicycle', path: BICYCLE },
          ownerB.id,
        );
      });
    });
    after(async () => {
      await harness?.close();
    });

    it('lists every dataset of an own version, one per product and treated waste, by process name (viewer)', async () => {
      const all = await list(processesOf(versions.bikeA));
      assert.deepEqual(all, {
        total: 4,
        processes: [
          {
            processId: 'p-aluminium',
            processName: 'Aluminium ingot production (illustrative)',
            productId: 'f-aluminium',
            productName: 'Aluminium ingot (illustrative)',
            unit: 'kg',
            location: null,
            category: 'Illustrative demo',
            tags: ['stage:raw-material-acquisition'],
          },
          {
            processId: 'p-scrap',
            processName: 'Aluminium scrap treatment (illustrative)',
            productId: 'f-scrap',
            productName: 'Aluminium scrap (illustrative)',
            unit: 'kg',
            location: null,
            category: 'Illustrative demo',
            isWaste: true,
            tags: ['stage:end-of-life'],
          },
          {
            processId: 'p-frame',
            processName: 'Bicycle frame manufacturing (illustrative)',
            productId: 'f-frame',
            productName: 'Bicycle frame, aluminium (illustrative)',
            unit: 'Item(s)',
            location: null,
            category: 'Illustrative demo',
            tags: ['stage:production'],
          },
          {
            processId: 'p-electricity',
            processName: 'Electricity grid mix (illustrative)',
            productId: 'f-electricity',
            productName: 'Electricity, medium voltage (illustrative)',
            unit: 'MJ',
            location: null,
            category: 'Illustrative demo',
          },
        ],
      });
      // the ids found are the ones a footprint takes: the waste treatment, named by process and product
      const scrap = all.processes[1];
      const footprint = await call(
        'POST',
        `/v1/orgs/${orgA}/databases/${versions.bikeA.id}/footprint`,
        tokens.viewerA,
        { processId: scrap.processId, productId: scrap.productId },
      );
      assert.equal(footprint.status, 200, JSON.stringify(footprint.body));
      assert.equal((footprint.body.declaredUnit as { productId: string }).productId, 'f-scrap');
    });

    it('lists the shared starter database to every organisation: all its processes, sorted, with locations', async () => {
      const first = await list(processesOf(versions.starter, '?limit=500'));
      const database = await withStore((store) => loadBackgroundDatabase(store, orgA, versions.starter.id));
      assert.equal(first.total, database.processes.length, 'one product per starter process');
      assert.equal(first.processes.length, first.total);
      assert.deepEqual(
        new Set(first.processes.map((p) => p.processId)),
        new Set(database.processes.map((p) => p.id)),
      );
      const collator = new Intl.Collator();
      for (let k = 1; k < first.processes.length; k++)
        assert.ok(
          collator.compare(first.processes[k - 1].processName, first.processes[k].processName) <= 0,
          `${first.processes[k - 1].processName} before ${first.processes[k].processName}`,
        );
      assert.deepEqual(
        first.processes.find((p) => p.processId === JIANGSU),
        {
          processId: JIANGSU,
          processName: 'Electricity, grid average, Jiangsu, CO2 emission factor 2023',
          productId: '73d1f350-bb54-5d81-b4c6-6f0dbab9af04',
          productName: 'electricity, grid average, Jiangsu',
          unit: 'MJ',
          location: 'CN-JS',
          category: 'Energy/Electricity/China/Provinces',
          tags: ['starter-data', 'electricity', 'china-official-factor'],
        },
      );
      assert.ok(
        first.processes.some((p) => p.isWaste === true),
        'the starter database treats wastes',
      );
      assert.ok(
        first.processes.every((p) => p.isWaste === true || !('isWaste' in p)),
        'isWaste only on waste treatments',
      );
      // B sees the same shared version
      assert.deepEqual(await list(processesOf(versions.starter, '?limit=500', orgB), tokens.ownerB), first);
    });

    it('searches English words, Chinese, locations and categories; every word must match', async () => {
      const names = async (search: string, version = versions.starter) =>
        (await list(processesOf(version, `?search=${encodeURIComponent(search)}&limit=500`))).processes.map(
          (p) => p.processName,
        );
      const jiangsu = ['Electricity, grid average, Jiangsu, CO2 emission factor 2023'];
      assert.deepEqual(await names('electricity jiangsu'), jiangsu);
      assert.deepEqual(
        await names('  ELECTRICITY   Jiangsu '),
        jiangsu,
        'case and extra spaces do not matter',
      );
      assert.deepEqual(await names('电力 江苏'), jiangsu, 'Chinese: the product synonym 电力(江苏)');
      assert.deepEqual(
        await names('电力（江苏）'),
        jiangsu,
        'full-width brackets as a Chinese keyboard types them',
      );
      assert.deepEqual(await names('cn-js'), jiangsu, "the location's code");
      const plus = await list(processesOf(versions.starter, '?search=electricity+jiangsu'));
      assert.deepEqual(
        plus.processes.map((p) => p.processName),
        jiangsu,
        "a form-encoded query: '+' is a space",
      );
      assert.deepEqual(await names('华东'), [
        'Electricity, grid average, East China regional grid, CO2 emission factor 2023',
      ]);
      const provinces = await names('Energy/Electricity/China/Provinces');
      assert.equal(provinces.length, 30, 'the category: the 30 provincial grids of the MEE list');
      assert.ok(provinces.every((n) => n.startsWith('Electricity, grid average, ')));
      const chinese = await names('电力');
      assert.ok(chinese.length > 30 && chinese.includes(jiangsu[0]), String(chinese.length));
      assert.deepEqual(await names('electricity atlantis'), [], 'every word must match');
      assert.deepEqual(await names('illustrative scrap', versions.bikeA), [
        'Aluminium scrap treatment (illustrative)',
      ]);
      assert.deepEqual(
        await names('p-frame', versions.bikeA),
        ['Bicycle frame manufacturing (illustrative)'],
        'an id',
      );
      const counted = await list(processesOf(versions.starter, '?search=%E7%94%B5%E5%8A%9B&limit=1'));
      assert.deepEqual(
        [counted.total, counted.processes.length],
        [chinese.length, 1],
        'total counts every match',
      );
    });

    it('pages with limit and offset through the same order; past the end is empty', async () => {
      const all = (await list(processesOf(versions.starter, '?limit=500'))).processes;
      const paged: Listed[] = [];
      for (let offset = 0; offset < all.length; offset += 7) {
        const page = await list(processesOf(versions.starter, `?limit=7&offset=${offset}`));
        assert.equal(page.total, all.length);
        assert.equal(page.processes.length, Math.min(7, all.length - offset));
        paged.push(...page.processes);
      }
      assert.deepEqual(paged, all);
      assert.equal((await list(processesOf(versions.starter))).processes.length, 50, 'default limit 50');
      const past = await list(processesOf(versions.starter, `?offset=${all.length}`));
      assert.deepEqual(past, { total: all.length, processes: [] });
      const searched = await list(processesOf(versions.starter, '?search=electricity&limit=3&offset=3'));
      const electricity = (await list(processesOf(versions.starter, '?search=electricity&limit=500')))
        .processes;
      assert.deepEqual(searched, { total: electricity.length, processes: electricity.slice(3, 6) });
    });

    it("another organisation's version is 404, like one that does not exist; outsiders of A get 404", async () => {
      for (const versionId of [versions.bikeB.id, 'no-such-version']) {
        const hidden = await call('GET', `/v1/orgs/${orgA}/databases/${versionId}/processes`, tokens.ownerA);
        assert.deepEqual(hidden, {
          status: 404,
          body: {
            code: 'NOT_FOUND',
            message: `no background database version '${versionId}' visible here`,
            details: {},
          },
        });
      }
      for (const token of [tokens.ownerB, tokens.clientB]) {
        const outsider = await call('GET', processesOf(versions.bikeA), token);
        assert.deepEqual(outsider, {
          status: 404,
          body: { code: 'NOT_FOUND', message: `no organisation '${orgA}'`, details: {} },
        });
      }
      assert.equal((await call('GET', processesOf(versions.bikeA))).status, 401, 'no credentials');
      // B's own version, asked by B, is B's
      assert.equal((await list(processesOf(versions.bikeB, '', orgB), tokens.ownerB)).total, 4);
    });

    it('validates limit, offset, search and the version id: 400 with one issue per field', async () => {
      const get = (query: string, versionId = versions.starter.id) =>
        call('GET', `/v1/orgs/${orgA}/databases/${versionId}/processes${query}`, tokens.viewerA);
      assert.deepEqual(issuePaths(await get('?limit=0')), ['query:limit']);
      assert.deepEqual(issuePaths(await get('?limit=501')), ['query:limit']);
      assert.deepEqual(issuePaths(await get('?limit=ten&offset=-1')), ['query:limit', 'query:offset']);
      assert.deepEqual(issuePaths(await get('?offset=1.5')), ['query:offset']);
      assert.deepEqual(issuePaths(await get(`?search=${'x'.repeat(501)}`)), ['query:search']);
      assert.deepEqual(issuePaths(await get('', 'v'.repeat(101))), ['path:versionId']);
      assert.equal((await list(processesOf(versions.starter, '?limit=500&offset=0&search='))).total, 100);
    });

    it('footprint in any unit of the product: kWh of an electricity measured in MJ, declared as asked', async () => {
      const path = `/v1/orgs/${orgA}/databases/${versions.starter.id}/footprint`;
      const footprint = async (body: Record<string, unknown>) => {
        const answer = await call('POST', path, tokens.viewerA, { processId: JIANGSU, ...body });
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        return answer.body as {
          split: { total: number };
          declaredUnit: Record<string, unknown>;
        };
      };
      const perKwh = await footprint({ unit: 'kWh' });
      near(perKwh.split.total, 0.5827, 'MEE 2023 Jiangsu, per kWh');
      assert.deepEqual(perKwh.declaredUnit, {
        amount: 1,
        unit: 'kWh',
        productId: '73d1f350-bb54-5d81-b4c6-6f0dbab9af04',
        productName: 'electricity, grid average, Jiangsu',
        processId: JIANGSU,
        referenceAmount: 3.6,
        referenceUnit: 'MJ',
      });
      const mj = await footprint({ amount: 3.6, unit: 'MJ' });
      near(mj.split.total, 0.5827, '3.6 MJ');
      assert.deepEqual(
        [mj.declaredUnit.amount, mj.declaredUnit.unit, mj.declaredUnit.referenceAmount],
        [3.6, 'MJ', 3.6],
      );
      const reference = await footprint({});
      near(reference.split.total, 0.5827 / 3.6, 'without unit: per MJ');
      assert.deepEqual(
        [reference.declaredUnit.unit, 'referenceUnit' in reference.declaredUnit],
        ['MJ', false],
      );
      near((await footprint({ amount: 2, unit: 'MWh' })).split.total, 2000 * 0.5827, 'a common unit: MWh');
      near((await footprint({ amount: 0.0036, unit: 'GJ' })).split.total, 0.5827, "the unit group's GJ");
      near((await footprint({ amount: 5, unit: ' kwh ' })).split.total, 5 * 0.5827, 'case and spaces');
      near((await footprint({ amount: 10, unit: '度' })).split.total, 10 * 0.5827, '度 (kWh in Chinese)');

      // the bicycle example's electricity: 1 kWh = 3.6 MJ of its reference unit
      const bike = await call(
        'POST',
        `/v1/orgs/${orgA}/databases/${versions.bikeA.id}/footprint`,
        tokens.viewerA,
        {
          processId: 'p-electricity',
          amount: 35.2,
          unit: 'kWh',
        },
      );
      assert.equal(bike.status, 200, JSON.stringify(bike.body));
      near((bike.body.split as { total: number }).total, 35.2 * BICYCLE_KWH, 'bicycle electricity');
      assert.deepEqual(
        [
          (bike.body.declaredUnit as { referenceAmount: number }).referenceAmount,
          (bike.body.declaredUnit as { referenceUnit: string }).referenceUnit,
        ],
        [35.2 * 3.6, 'MJ'],
      );
    });

    it('footprint: an unknown unit is 400 naming the units the product can be given in; an unknown id points to the listing', async () => {
      const path = `/v1/orgs/${orgA}/databases/${versions.bikeA.id}/footprint`;
      const kg = await call('POST', path, tokens.viewerA, { processId: 'p-electricity', unit: 'kg' });
      const message =
        "'Electricity, medium voltage (illustrative)' cannot be given in 'kg': use one of its units (MJ, kWh) or a common unit convertible to one of them";
      assert.deepEqual(kg, {
        status: 400,
        body: {
          code: 'VALIDATION_FAILED',
          message: `the request is not valid: body.unit: ${message}`,
          details: {
            issues: [{ location: 'body', path: ['unit'], message, code: 'custom' }],
            units: ['MJ', 'kWh'],
          },
        },
      });
      const frame = await call('POST', path, tokens.viewerA, { processId: 'p-frame', unit: 'kWh' });
      assert.deepEqual(issuePaths(frame), ['body:unit']);
      assert.match(String(frame.body.message), /use one of its units \(Item\(s\)/);
      assert.deepEqual(
        issuePaths(await call('POST', path, tokens.viewerA, { processId: 'p-frame', unit: ' ' })),
        ['body:unit'],
      );
      assert.deepEqual(
        issuePaths(
          await call('POST', path, tokens.viewerA, {
            processId: 'p-frame',
            unit: 'k'.repeat(101),
            amount: 0,
          }),
        ),
        ['body:amount', 'body:unit'],
      );

      const listing = `GET /v1/orgs/${orgA}/databases/${versions.bikeA.id}/processes?search=<words> lists its process-products with their processId and productId`;
      const unknown = await call('POST', path, tokens.viewerA, { processId: 'P-FRAME', unit: 'kg' });
      assert.deepEqual(unknown, {
        status: 404,
        body: {
          code: 'NOT_FOUND',
          message: `there is no process 'P-FRAME' in background database version '${versions.bikeA.id}' (ids are case-sensitive): ${listing}`,
          details: { code: 'UNKNOWN_PROCESS' },
        },
      });
      const product = await call('POST', path, tokens.viewerA, {
        processId: 'p-frame',
        productId: 'f-scrap',
      });
      assert.equal(product.status, 404);
      assert.equal((product.body.details as { code: string }).code, 'UNKNOWN_PRODUCT');
      assert.ok(
        String(product.body.message).endsWith(`'f-frame'. (${listing})`),
        String(product.body.message),
      );
      assert.deepEqual(harness.problems(), [], 'nothing was logged');
    });

    it('the OpenAPI document describes the listing, its query and its answer', async () => {
      const doc = (await call('GET', '/openapi.json')).body as {
        paths: Record<
          string,
          Record<string, { security?: unknown[]; parameters: { name: string; in: string }[] }>
        >;
        components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
      };
      const route = doc.paths['/v1/orgs/{orgId}/databases/{versionId}/processes']?.get;
      assert.ok(route?.security, 'documented with its security');
      assert.deepEqual(route.parameters.map((p) => `${p.in}:${p.name}`).sort(), [
        'path:orgId',
        'path:versionId',
        'query:ids',
        'query:limit',
        'query:offset',
        'query:search',
        'query:unit',
      ]);
      assert.ok(doc.components.schemas.ProcessProductList && doc.components.schemas.ProcessProduct);
      assert.ok(doc.components.schemas.FootprintRequest.properties?.unit, 'the footprint takes a unit');
    });
  });
}
