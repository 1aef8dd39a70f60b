// The flows of a background database version (GET /v1/orgs/{orgId}/databases/{versionId}/flows) on a real listener
// with the embedded PGlite store: the shared starter database and the bicycle example, searched, filtered by type,
// paged, hidden from other organisations and validated. The expected counts were checked by hand against the
// JSON-LD files (packages/refdata/starter-database, examples/bicycle-frame).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { starterDatabasePath } from '@opencfp/refdata';
import {
  createApiToken,
  createOrganisation,
  createUser,
  importBackgroundDatabase,
  loadBackgroundDatabase,
  openStore,
  setMembership,
  signIn,
  type DatabaseVersion,
} from '@opencfp/store';
import { inProcessHarness, type RouteHarness } from './test-support/route-harness.js';

const PASSWORD = 'correct horse battery';
/** A small openLCA database: 4 processes, 7 flows (one of them a waste). */
const BICYCLE = fileURLToPath(new URL('../../../examples/bicycle-frame', import.meta.url));

interface Flow {
  flowId: string;
  name: string;
  type: 'elementary' | 'product' | 'waste';
  category: string | null;
  unit: string | null;
  cas?: string;
  usedBy: number;
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

const AIR = 'Elementary flows/Emission to air/unspecified';

describe('GET …/databases/{versionId}/flows (PGlite)', () => {
  let harness: RouteHarness;
  const tokens = { ownerA: '', viewerA: '', ownerB: '', clientB: '' };
  let orgA = '';
  let orgB = '';
  const versions: Record<'starter' | 'bikeA' | 'bikeB', DatabaseVersion> = {} as never;

  async function call(path: string, token?: string): Promise<Answer> {
    const res = await fetch(`${harness.url}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    const body = (await res.json()) as Record<string, unknown>;
    if (res.status >= 400) assert.deepEqual(Object.keys(body).sort(), ['code', 'details', 'message']);
    return { status: res.status, body };
  }
  const flowsOf = (version: DatabaseVersion, query = '', org = orgA) =>
    `/v1/orgs/${org}/databases/${version.id}/flows${query}`;
  /** An answer that must be 200: its total and flows. */
  async function list(path: string, token = tokens.viewerA): Promise<{ total: number; flows: Flow[] }> {
    const answer = await call(path, token);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(Object.keys(answer.body).sort(), ['flows', 'total']);
    return answer.body as unknown as { total: number; flows: Flow[] };
  }
  const names = async (query: string, version = versions.starter) =>
    (await list(flowsOf(version, `${query}&limit=500`))).flows.map((f) => f.name);

  before(async () => {
    harness = await inProcessHarness(async () => ({ store: await openStore() }))();
    await harness.withStore(async (store) => {
      const user = async (label: string) => {
        const made = await createUser(store, {
          email: `${label}@example.com`,
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
      orgA = (await createOrganisation(store, { name: 'A', slug: 'a' }, ownerA.id)).id;
      orgB = (await createOrganisation(store, { name: 'B', slug: 'b' }, ownerB.id)).id;
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

  it("finds the starter database's four carbon dioxide flows, with CAS number, unit and users (viewer)", async () => {
    const found = await list(flowsOf(versions.starter, '?search=carbon+dioxide'));
    assert.deepEqual(found, {
      total: 4,
      flows: [
        {
          flowId: '03157b37-da9b-5674-a23d-38407d0e8dc8',
          name: 'Carbon dioxide, fossil',
          type: 'elementary',
          category: AIR,
          unit: 'kg',
          cas: '124-38-9',
          usedBy: 63,
        },
        {
          flowId: '3b9c474f-3bed-5da2-8106-69df30d61b3d',
          name: 'Carbon dioxide, from soil or biomass stock',
          type: 'elementary',
          category: AIR,
          unit: 'kg',
          cas: '124-38-9',
          usedBy: 0,
        },
        {
          flowId: 'fce10ad6-c75b-5136-9578-21ff6e9929e8',
          name: 'Carbon dioxide, in air',
          type: 'elementary',
          category: 'Elementary flows/Resource/in air',
          unit: 'kg',
          cas: '124-38-9',
          usedBy: 1,
        },
        {
          flowId: '4f4c4ee2-d653-5c3a-a100-559791f7a8c9',
          name: 'Carbon dioxide, non-fossil',
          type: 'elementary',
          category: AIR,
          unit: 'kg',
          cas: '124-38-9',
          usedBy: 0,
        },
      ],
    });
    // the CAS number, the formula, the Chinese synonyms; every word must match, case and width do not matter
    assert.equal((await list(flowsOf(versions.starter, '?search=124-38-9'))).total, 4);
    assert.deepEqual(await names('?search=co2+fossil'), [
      'Carbon dioxide, fossil',
      'Carbon dioxide, non-fossil',
    ]);
    assert.deepEqual(await names('?search=%20CARBON%20%20Dioxide%20FOSSIL'), [
      'Carbon dioxide, fossil',
      'Carbon dioxide, non-fossil',
    ]);
    assert.deepEqual(
      await names(`?search=${encodeURIComponent('二氧化碳')}`),
      [
        'Carbon dioxide, fossil',
        'Carbon dioxide, from soil or biomass stock',
        'Carbon dioxide, in air',
        'Carbon dioxide, non-fossil',
        'Greenhouse gases, CO2 equivalent (pre-aggregated)',
      ],
      "Chinese synonyms, incl. the pre-aggregated CO2e flow's 二氧化碳当量",
    );
    assert.deepEqual(await names('?search=ch4'), ['Methane, fossil', 'Methane, non-fossil'], 'the formula');
    assert.deepEqual(await names('?search=carbon+atlantis'), []);
  });

  it('lists all 109 starter flows by name, each once, and filters by type (9 elementary, 82 products, 18 wastes)', async () => {
    const all = await list(flowsOf(versions.starter, '?limit=500'));
    const database = await harness.withStore((store) =>
      loadBackgroundDatabase(store, orgA, versions.starter.id),
    );
    assert.equal(all.total, 109);
    assert.equal(all.flows.length, 109);
    assert.deepEqual(new Set(all.flows.map((f) => f.flowId)), new Set(database.flows.map((f) => f.id)));
    const collator = new Intl.Collator();
    for (let k = 1; k < all.flows.length; k++)
      assert.ok(collator.compare(all.flows[k - 1].name, all.flows[k].name) <= 0, all.flows[k].name);
    assert.ok(
      all.flows.every((f) => f.unit !== null),
      'every starter flow has a reference unit',
    );
    // every product and waste of the starter database is made or treated by exactly one process
    assert.ok(all.flows.filter((f) => f.type !== 'elementary').every((f) => f.usedBy === 1));
    const counts = { elementary: 0, product: 0, waste: 0 };
    for (const type of ['elementary', 'product', 'waste'] as const) {
      const typed = await list(flowsOf(versions.starter, `?type=${type}&limit=500`));
      assert.ok(typed.flows.every((f) => f.type === type));
      assert.deepEqual(
        typed.flows,
        all.flows.filter((f) => f.type === type),
        'the same entries in the same order',
      );
      counts[type] = typed.total;
    }
    assert.deepEqual(counts, { elementary: 9, product: 82, waste: 18 });
    // search and type together
    assert.equal((await list(flowsOf(versions.starter, '?search=landfill&type=waste'))).total, 8);
    assert.equal((await list(flowsOf(versions.starter, '?search=carbon+dioxide&type=product'))).total, 0);
    const electricity = await list(
      flowsOf(versions.starter, `?search=${encodeURIComponent('电力')}&limit=500`),
    );
    assert.equal(electricity.total, 48, 'the Chinese synonym 电力 of the electricity products');
    assert.ok(electricity.flows.every((f) => f.type === 'product' && f.unit === 'MJ'));
  });

  it('pages with limit and offset through the same order; past the end is empty', async () => {
    const all = (await list(flowsOf(versions.starter, '?limit=500'))).flows;
    const paged: Flow[] = [];
    for (let offset = 0; offset < all.length; offset += 20) {
      const page = await list(flowsOf(versions.starter, `?limit=20&offset=${offset}`));
      assert.equal(page.total, 109);
      paged.push(...page.flows);
    }
    assert.deepEqual(paged, all);
    assert.equal((await list(flowsOf(versions.starter))).flows.length, 50, 'default limit 50');
    assert.deepEqual(await list(flowsOf(versions.starter, '?offset=109')), { total: 109, flows: [] });
  });

  it("an own version's flows: every field as the bicycle example gives it", async () => {
    assert.deepEqual(await list(flowsOf(versions.bikeA)), {
      total: 7,
      flows: [
        {
          flowId: 'f-aluminium',
          name: 'Aluminium ingot (illustrative)',
          type: 'product',
          category: 'Products/Metals',
          unit: 'kg',
          usedBy: 2,
        },
        {
          flowId: 'f-scrap',
          name: 'Aluminium scrap (illustrative)',
          type: 'waste',
          category: 'Waste/Metals',
          unit: 'kg',
          usedBy: 2,
        },
        {
          flowId: 'f-bauxite',
          name: 'Bauxite, in ground',
          type: 'elementary',
          category: 'Elementary flows/Resource/in ground',
          unit: 'kg',
          usedBy: 1,
        },
        {
          flowId: 'f-frame',
          name: 'Bicycle frame, aluminium (illustrative)',
          type: 'product',
          category: 'Products/Vehicles',
          unit: 'Item(s)',
          usedBy: 1,
        },
        {
          flowId: 'f-co2',
          name: 'Carbon dioxide, fossil',
          type: 'elementary',
          category: AIR,
          unit: 'kg',
          cas: '000124-38-9',
          usedBy: 3,
        },
        {
          flowId: 'f-electricity',
          name: 'Electricity, medium voltage (illustrative)',
          type: 'product',
          category: 'Products/Energy',
          unit: 'MJ',
          // made by p-electricity, which also takes its own losses as an input: one process, counted once
          usedBy: 4,
        },
        {
          flowId: 'f-ch4',
          name: 'Methane, fossil',
          type: 'elementary',
          category: AIR,
          unit: 'kg',
          cas: '000074-82-8',
          usedBy: 1,
        },
      ],
    });
  });

  it("another organisation's version is 404 like one that does not exist; outsiders get 404, no credentials 401", async () => {
    for (const versionId of [versions.bikeB.id, 'no-such-version']) {
      const hidden = await call(`/v1/orgs/${orgA}/databases/${versionId}/flows`, tokens.ownerA);
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
      const outsider = await call(flowsOf(versions.bikeA), token);
      assert.deepEqual(outsider, {
        status: 404,
        body: { code: 'NOT_FOUND', message: `no organisation '${orgA}'`, details: {} },
      });
    }
    assert.equal((await call(flowsOf(versions.bikeA))).status, 401);
    // the shared starter database is B's too, and B's own bicycle is B's
    assert.equal((await list(flowsOf(versions.starter, '', orgB), tokens.clientB)).total, 109);
    assert.equal((await list(flowsOf(versions.bikeB, '', orgB), tokens.ownerB)).total, 7);
  });

  it('validates search, type, limit and offset: 400 with one issue per field', async () => {
    const issues = async (query: string) => {
      const answer = await call(flowsOf(versions.starter, query), tokens.viewerA);
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      assert.equal(answer.body.code, 'VALIDATION_FAILED');
      return (answer.body.details as { issues: { location: string; path: string[] }[] }).issues
        .map((i) => `${i.location}:${i.path.join('.')}`)
        .sort();
    };
    assert.deepEqual(await issues('?limit=0'), ['query:limit']);
    assert.deepEqual(await issues('?limit=501'), ['query:limit']);
    assert.deepEqual(await issues('?limit=ten&offset=-1'), ['query:limit', 'query:offset']);
    assert.deepEqual(await issues('?type=gas'), ['query:type']);
    assert.deepEqual(await issues(`?search=${'x'.repeat(501)}`), ['query:search']);
    assert.deepEqual(harness.problems(), [], 'nothing logged as an error or warning');
  });
});
