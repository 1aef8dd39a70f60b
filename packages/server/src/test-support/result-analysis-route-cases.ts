// Where the kilograms of a stored result come from: GET …/calculations/{resultId}/upstream and …/sankey, and one
// dataset's detail (GET …/databases/{versionId}/processes/{processId}), on a real listener exercised with fetch;
// run once per store engine (result-analysis-*.test.ts). Expected values are worked out by hand on a three-process
// background with a loop (loop-background.ts) and checked for consistency on the starter database.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ProductModelDocumentInput } from '@opencfp/model';
import { starterDatabasePath } from '@opencfp/refdata';
import {
  calculationResults,
  createApiToken,
  createOrganisation,
  createUser,
  importBackgroundDatabase,
  setMembership,
  signIn,
  type Store,
} from '@opencfp/store';
import { DEMO_BATTERY_MODEL } from '../demo-models.js';
import { LOOP_INTENSITIES, LOOP_SOURCE, writeLoopBackground } from './loop-background.js';
import type { OpenHarness, RouteHarness } from './route-harness.js';

const PASSWORD = 'correct horse battery';
const { power: M_POWER, steel: M_STEEL, transport: M_TRANSPORT } = LOOP_INTENSITIES;
/** The starter database's Jiangsu grid electricity (MEE 2023: 0.5827 kg CO2 per kWh; reference unit MJ). */
const JIANGSU = '74598a7b-cb71-5f37-b2a6-e36d1f608b8b';

/**
 * A frame (1 item) of 2 kg steel, 10 items of transport, 0.5 kg supplier paint at 3 kg CO2e/kg, 0.2 kg CO2 of its own
 * and a machined part from a machining step (5 MJ power, 10 g fossil CH4: 0.298 kg CO2e in AR6). Total:
 * 2 · 25/9 + 10 · 2.3/9 + 5 · 7/9 + 1.5 + 0.2 + 0.298 = 13.998 kg CO2e.
 */
const FRAME: ProductModelDocumentInput = {
  schema: 'opencfp/product-model@1',
  referenceProcessId: 'frame',
  processes: [
    {
      id: 'frame',
      name: 'Frame assembly',
      output: { amount: 1, unit: 'item', name: 'Bicycle frame' },
      inputs: [
        { name: 'steel', amount: 2, unit: 'kg', source: { kind: 'background', processId: 'p-steel' } },
        {
          name: 'transport',
          amount: 10,
          unit: 'item',
          source: { kind: 'background', processId: 'p-transport' },
        },
        {
          name: 'paint',
          amount: 0.5,
          unit: 'kg',
          source: { kind: 'supplier', pcfExcludingBiogenic: 3, unit: 'kg', supplier: 'Paint Co.' },
        },
        {
          name: 'machined part',
          amount: 1,
          unit: 'item',
          source: { kind: 'foreground', processId: 'machining' },
        },
      ],
      emissions: [{ gas: 'CO2', amount: 0.2, unit: 'kg' }],
    },
    {
      id: 'machining',
      name: 'Machining',
      output: { amount: 1, unit: 'item' },
      inputs: [
        { name: 'power', amount: 5, unit: 'MJ', source: { kind: 'background', processId: 'p-power' } },
      ],
      emissions: [{ gas: 'CH4', amount: 10, unit: 'g' }],
    },
  ],
};
const TOTAL = 13.998;

type Body = Record<string, unknown>;
interface Answer {
  status: number;
  body: Body;
  headers: Headers;
}

interface TreeNode {
  id: string;
  label: string;
  kind: string;
  processId: string | null;
  productId: string | null;
  path: string | null;
  amount: number | null;
  unit: string | null;
  direct: number;
  total: number;
  share: number;
  depth: number;
  expandable: boolean;
  count?: number;
  children?: TreeNode[];
}
interface Tree {
  resultId: string;
  unit: string;
  gwpSet: string;
  biogenicApproach: string;
  total: number;
  maxDepth: number;
  node: TreeNode;
}
interface SankeyNode {
  id: string;
  label: string;
  kind: string;
  direct: number;
  total: number;
  share: number;
  amount: number | null;
  otherUpstream: number;
}
interface Sankey {
  total: number;
  candidates: number;
  nodes: SankeyNode[];
  links: { source: string; target: string; value: number; loop: boolean }[];
}

const close = (actual: unknown, expected: number, what = '') => {
  assert.ok(typeof actual === 'number', `${what}: ${String(actual)}`);
  assert.ok(
    Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} ≠ ${expected}`,
  );
};

/** Every node's total is its direct plus its incoming links; all directs together are the result's total. */
function checkSankey(sankey: Sankey, complete: boolean): void {
  const scale = Math.max(1, Math.abs(sankey.total));
  for (const n of sankey.nodes) {
    if (n.kind === 'other') continue;
    const incoming = sankey.links.filter((l) => l.target === n.id).reduce((s, l) => s + l.value, 0);
    assert.ok(
      Math.abs(n.direct + incoming - n.total) <= 1e-12 * scale,
      `${n.label}: ${n.total} ≠ ${n.direct} + ${incoming}`,
    );
  }
  if (complete) {
    const direct = sankey.nodes.reduce((s, n) => s + n.direct, 0);
    assert.ok(Math.abs(direct - sankey.total) <= 1e-12 * scale, `directs ${direct} ≠ ${sankey.total}`);
  }
}

/**
 * The upstream tree, the Sankey diagram and dataset details on a store: hand-computed figures, pruning, the
 * 'others' and 'other' remainders, results outliving a model change, tenant isolation (404), validation (400) and
 * authentication (401).
 */
export function resultAnalysisRouteCases(name: string, openHarness: OpenHarness) {
  describe(`result analysis (upstream tree, Sankey) and dataset details: ${name}`, () => {
    let harness: RouteHarness;
    let folder = '';
    const tokens = { ownerA: '', viewerA: '', ownerB: '', clientB: '' };
    let orgA = '';
    let orgB = '';
    let loopVersion = '';
    let starterVersion = '';
    let bVersion = '';
    const models = { frame: '', battery: '' };
    const results = { frame: '', battery: '', b: '' };

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
    const ok = async (
      method: string,
      path: string,
      token = tokens.viewerA,
      body?: unknown,
      headers?: Record<string, string>,
    ) => {
      const answer = await call(method, path, token, body, headers);
      assert.ok(
        answer.status === 200 || answer.status === 201,
        `${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`,
      );
      return answer;
    };
    const upstream = async (resultId: string, query = '', token = tokens.viewerA): Promise<Tree> =>
      (await ok('GET', `/v1/orgs/${orgA}/calculations/${resultId}/upstream${query}`, token))
        .body as unknown as Tree;
    const sankey = async (resultId: string, query = ''): Promise<Sankey> =>
      (await ok('GET', `/v1/orgs/${orgA}/calculations/${resultId}/sankey${query}`)).body as unknown as Sankey;
    const calculate = async (modelId: string, org = orgA, token = tokens.ownerA) =>
      (await ok('POST', `/v1/orgs/${org}/models/${modelId}/calculations`, token, {})).body as {
        id: string;
        total: number;
      };

    /** Walks the tree through the API, `levels` levels at a time, checking that every node adds up. */
    async function checkTree(resultId: string, levels: number): Promise<number> {
      let checked = 0;
      const visit = async (id: string | undefined, level: number): Promise<void> => {
        const tree = await upstream(
          resultId,
          `?depth=3&limit=500${id ? `&node=${encodeURIComponent(id)}` : ''}`,
        );
        const walk = async (n: TreeNode): Promise<void> => {
          if (n.children) {
            const sum = n.children.reduce((s, c) => s + c.total, n.direct);
            assert.ok(
              Math.abs(sum - n.total) <= 1e-12 * Math.max(1, Math.abs(tree.total)),
              `${n.id} (${n.label}): ${n.total} ≠ direct + children ${sum}`,
            );
            checked++;
            for (const c of n.children) await walk(c);
          } else if (n.expandable && n.depth - tree.node.depth === 3 && level + 3 < levels)
            await visit(n.id, level + 3);
        };
        await walk(tree.node);
      };
      await visit(undefined, 0);
      return checked;
    }

    before(async () => {
      harness = await openHarness();
      folder = await mkdtemp(join(tmpdir(), 'opencfp-loop-'));
      await writeLoopBackground(folder);
      await harness.withStore(async (store: Store) => {
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
      const model = async (
        org: string,
        token: string,
        modelName: string,
        backgroundVersionId: string,
        doc: ProductModelDocumentInput,
      ) => {
        const product = await ok('POST', `/v1/orgs/${org}/products`, token, {
          nameEn: modelName,
          declaredUnit: 'item',
        });
        const made = await ok('POST', `/v1/orgs/${org}/models`, token, {
          productId: product.body.id,
          name: modelName,
          backgroundVersionId,
          model: doc,
        });
        return made.body.id as string;
      };
      models.frame = await model(orgA, tokens.ownerA, 'Frame', loopVersion, FRAME);
      models.battery = await model(orgA, tokens.ownerA, 'Battery', starterVersion, DEMO_BATTERY_MODEL);
      results.frame = (await calculate(models.frame)).id;
      results.battery = (await calculate(models.battery)).id;
      const modelB = await model(orgB, tokens.ownerB, 'Frame B', bVersion, FRAME);
      results.b = (await calculate(modelB, orgB, tokens.ownerB)).id;
    });
    after(async () => {
      await harness?.close();
      if (folder) await rm(folder, { recursive: true, force: true });
    });

    it('answers the root and its children by hand (viewer)', async () => {
      const tree = await upstream(results.frame);
      assert.equal(tree.resultId, results.frame);
      assert.equal(tree.unit, 'kg CO2e');
      assert.equal(tree.gwpSet, 'ipcc-ar6-gwp100');
      assert.equal(tree.biogenicApproach, '-1/+1');
      close(tree.total, TOTAL, 'total');
      assert.equal(tree.maxDepth, 64);
      const root = tree.node;
      assert.deepEqual(
        [
          root.id,
          root.kind,
          root.label,
          root.processId,
          root.amount,
          root.unit,
          root.direct,
          root.depth,
          root.expandable,
        ],
        ['root', 'foreground', 'Frame assembly', 'frame', 1, 'item', 0, 0, true],
      );
      close(root.total, TOTAL, 'root');
      assert.deepEqual(
        root.children?.map((c) => [c.label, c.kind, c.path]),
        [
          ['Steel mill', 'background', '/processes/0/inputs/0'],
          ['Machining', 'foreground', '/processes/0/inputs/3'],
          ['Lorry', 'background', '/processes/0/inputs/1'],
          ['paint (Paint Co.)', 'supplier', '/processes/0/inputs/2'],
          ['CO2', 'emission', '/processes/0/emissions/0'],
        ],
      );
      const [steel, machining, lorry, paint, co2] = root.children ?? [];
      assert.deepEqual(
        [steel.processId, steel.productId, steel.amount, steel.unit],
        ['p-steel', 'f-steel', 2, 'kg'],
      );
      close(steel.direct, 4, 'steel direct');
      close(steel.total, 2 * M_STEEL, 'steel');
      close(steel.share, (2 * M_STEEL) / TOTAL, 'steel share');
      close(machining.total, 5 * M_POWER + 0.298, 'machining');
      close(lorry.total, 10 * M_TRANSPORT, 'lorry');
      close(paint.total, 1.5, 'paint');
      close(co2.total, 0.2, 'CO2');
      assert.ok([paint, co2].every((leaf) => leaf.direct === leaf.total && !leaf.expandable));
      // The stored result says the same total.
      const stored = await ok('GET', `/v1/orgs/${orgA}/calculations/${results.frame}`);
      close(stored.body.total, TOTAL, 'stored total');
    });

    it("expands a node by its id, through the background's loop", async () => {
      const root = (await upstream(results.frame)).node;
      const steel = root.children?.[0] as TreeNode;
      const opened = (await upstream(results.frame, `?node=${encodeURIComponent(steel.id)}&depth=2`)).node;
      assert.equal(opened.id, steel.id);
      close(opened.total, 2 * M_STEEL, 'steel again');
      const power = opened.children?.[0] as TreeNode;
      assert.equal(opened.children?.length, 1);
      assert.deepEqual(
        [power.label, power.processId, power.unit, power.depth],
        ['Power plant', 'p-power', 'MJ', 2],
      );
      close(power.amount, 2, '2 MJ');
      close(power.direct, 1, 'power direct');
      close(power.total, 2 * M_POWER, 'power');
      const steelInLoop = power.children?.[0] as TreeNode;
      close(steelInLoop.amount, 0.2, 'steel in the loop');
      close(steelInLoop.total, 0.2 * M_STEEL, 'its total');
      assert.equal(steelInLoop.children, undefined, 'two levels asked for');
      // Machining: its power and its methane.
      const machining = (
        await upstream(results.frame, `?node=${encodeURIComponent(root.children?.[1].id as string)}`)
      ).node;
      assert.deepEqual(
        machining.children?.map((c) => c.label),
        ['Power plant', 'CH4'],
      );
      close(machining.children?.[1].total, 0.298, 'methane');
    });

    it('adds up at every node (loop background and starter database), and the root is the stored total', async () => {
      assert.ok((await checkTree(results.frame, 9)) > 20);
      const battery = await upstream(results.battery);
      const stored = await ok('GET', `/v1/orgs/${orgA}/calculations/${results.battery}`);
      close(battery.total, stored.body.total as number, 'battery total');
      close(battery.node.total, stored.body.total as number, 'battery root');
      assert.ok((await checkTree(results.battery, 6)) >= 4);
    });

    it("sums children over `limit` into one 'others' node", async () => {
      const root = (await upstream(results.frame, '?limit=2')).node;
      assert.equal(root.children?.length, 3);
      const others = root.children?.[2] as TreeNode;
      assert.deepEqual(
        [others.id, others.kind, others.count, others.expandable, others.amount, others.unit],
        ['root/others', 'others', 3, false, null, null],
      );
      close(others.total, 10 * M_TRANSPORT + 1.5 + 0.2, 'others');
    });

    it('answers the Sankey diagram by hand: totals as openLCA, links as intensity × amount delivered', async () => {
      const all = await sankey(results.frame, '?threshold=0&maxNodes=100');
      close(all.total, TOTAL, 'total');
      assert.equal(all.candidates, 6);
      const node = (label: string) => {
        const n = all.nodes.find((x) => x.label === label);
        assert.ok(n, label);
        return n;
      };
      const link = (from: string, to: string) =>
        all.links.find((l) => l.source === node(from).id && l.target === node(to).id)?.value;
      // Total requirements of the background demand (power 5, steel 2, transport 10): power 10, steel 3, lorry 10.
      close(node('Frame assembly').total, TOTAL, 'frame');
      close(node('Frame assembly').direct, 0.2, 'frame direct');
      close(node('Machining').total, 5 * M_POWER + 0.298, 'machining');
      close(node('Power plant').total, 10 * M_POWER, 'power');
      close(node('Power plant').amount, 10, 'power MJ');
      close(node('Steel mill').total, 3 * M_STEEL, 'steel');
      close(node('Steel mill').direct, 6, 'steel direct');
      close(node('Lorry').total, 10 * M_TRANSPORT, 'lorry');
      close(node('paint (Paint Co.)').total, 1.5, 'paint');
      close(link('Steel mill', 'Power plant'), M_STEEL, 'steel → power');
      close(link('Power plant', 'Steel mill'), 3 * M_POWER, 'power → steel');
      close(link('Power plant', 'Lorry'), 2 * M_POWER, 'power → lorry');
      close(link('Power plant', 'Machining'), 5 * M_POWER, 'power → machining');
      close(link('Steel mill', 'Frame assembly'), 2 * M_STEEL, 'steel → frame');
      close(link('Lorry', 'Frame assembly'), 10 * M_TRANSPORT, 'lorry → frame');
      close(link('Machining', 'Frame assembly'), 5 * M_POWER + 0.298, 'machining → frame');
      close(link('paint (Paint Co.)', 'Frame assembly'), 1.5, 'paint → frame');
      assert.equal(all.links.length, 8);
      assert.equal(all.links.filter((l) => l.loop).length, 1, 'one link closes the power–steel loop');
      checkSankey(all, true);
      // The same parameters give the same answer (kept in memory).
      assert.deepEqual(await sankey(results.frame, '?threshold=0&maxNodes=100'), all);
    });

    it("prunes on the server and brings the pruned in through 'other'", async () => {
      // Default threshold 0.01 keeps all six here; 0.2 · 13.998 = 2.7996 drops the lorry (2.56) and the paint (1.5).
      assert.equal((await sankey(results.frame)).nodes.length, 6);
      const pruned = await sankey(results.frame, '?threshold=0.2');
      assert.deepEqual(
        pruned.nodes.map((n) => n.label),
        ['Frame assembly', 'Steel mill', 'Power plant', 'Machining', 'Other processes (below the threshold)'],
      );
      const frame = pruned.nodes[0];
      close(frame.otherUpstream, 10 * M_TRANSPORT + 1.5, 'other upstream');
      const fromOther = pruned.links.filter((l) => l.source === 'other');
      assert.deepEqual(
        fromOther.map((l) => l.target),
        [frame.id],
      );
      close(fromOther[0].value, 10 * M_TRANSPORT + 1.5, 'other → frame');
      checkSankey(pruned, false);
      const three = await sankey(results.frame, '?threshold=0&maxNodes=3');
      assert.deepEqual(
        three.nodes.map((n) => n.label),
        ['Frame assembly', 'Steel mill', 'Power plant', 'Other processes (below the threshold)'],
      );
      checkSankey(three, false);
      // The starter-database battery: complete at threshold 0, consistent when pruned.
      const battery = await sankey(results.battery, '?threshold=0&maxNodes=2000');
      checkSankey(battery, true);
      assert.equal(battery.nodes.length, battery.candidates);
      checkSankey(await sankey(results.battery, '?threshold=0.05&maxNodes=5'), false);
    });

    it('traces a result after its model has changed, from the document stored with it', async () => {
      const before = await upstream(results.frame, '?depth=2');
      const current = await ok('GET', `/v1/orgs/${orgA}/models/${models.frame}`, tokens.ownerA);
      const changed = structuredClone(FRAME) as { processes: { inputs: { amount: number }[] }[] };
      changed.processes[0].inputs[0].amount = 4;
      await ok(
        'PUT',
        `/v1/orgs/${orgA}/models/${models.frame}`,
        tokens.ownerA,
        { model: changed },
        {
          'if-match': current.headers.get('etag') as string,
        },
      );
      assert.deepEqual(await upstream(results.frame, '?depth=2'), before);
      // Not from memory: a fresh server on the same store traces it from the stored document too.
      await harness.withServer({}, async (url) => {
        const res = await fetch(`${url}/v1/orgs/${orgA}/calculations/${results.frame}/upstream?depth=2`, {
          headers: { authorization: `Bearer ${tokens.viewerA}` },
        });
        assert.equal(res.status, 200);
        assert.deepEqual(await res.json(), before);
      });
      const again = await calculate(models.frame);
      close((await upstream(again.id)).total, TOTAL + 2 * M_STEEL, 'the new result');
    });

    it('traces a result stored without its document while its model is unchanged, else 409', async () => {
      const battery = await ok('GET', `/v1/orgs/${orgA}/calculations/${results.battery}`);
      const model = await ok('GET', `/v1/orgs/${orgA}/models/${models.battery}`, tokens.ownerA);
      // A result as this server stored them before it kept the document: request and footprint only.
      const legacy = await harness.withStore(async (store) => {
        const stored = await calculationResults.get(store, orgA, results.battery);
        const { request, footprint } = stored.result as { request: object; footprint: object };
        return calculationResults.record(
          store,
          orgA,
          {
            modelId: models.battery,
            modelVersion: stored.modelVersion,
            inputsHash: stored.inputsHash,
            result: { request, footprint },
          },
          null,
        );
      });
      const tree = await upstream(legacy.id);
      close(tree.total, battery.body.total as number, 'legacy total');
      const changed = structuredClone(DEMO_BATTERY_MODEL) as { parameters: { value?: number }[] };
      changed.parameters[0].value = 31;
      await ok(
        'PUT',
        `/v1/orgs/${orgA}/models/${models.battery}`,
        tokens.ownerA,
        { model: changed },
        {
          'if-match': model.headers.get('etag') as string,
        },
      );
      // Analyses are kept in memory: a fresh server (or the evicted analysis) must find out from the store.
      await harness.withServer({}, async (url) => {
        const res = await fetch(`${url}/v1/orgs/${orgA}/calculations/${legacy.id}/sankey`, {
          headers: { authorization: `Bearer ${tokens.viewerA}` },
        });
        const body = (await res.json()) as Body;
        assert.equal(res.status, 409, JSON.stringify(body));
        assert.equal(body.code, 'CONFLICT');
        assert.equal((body.details as Body).reason, 'model-changed');
      });
      // The stored result itself still reads.
      await ok('GET', `/v1/orgs/${orgA}/calculations/${legacy.id}`);
    });

    it("is 404 for another organisation's result, an unknown result and an unknown node", async () => {
      for (const route of ['upstream', 'sankey']) {
        for (const token of [tokens.ownerB, tokens.clientB]) {
          // Into organisation A: not a member.
          const outside = await call('GET', `/v1/orgs/${orgA}/calculations/${results.frame}/${route}`, token);
          assert.equal(outside.status, 404, JSON.stringify(outside.body));
          // In their own organisation, with A's result id.
          const foreign = await call('GET', `/v1/orgs/${orgB}/calculations/${results.frame}/${route}`, token);
          assert.equal(foreign.status, 404, JSON.stringify(foreign.body));
          assert.equal(foreign.body.code, 'NOT_FOUND');
        }
        const own = await call('GET', `/v1/orgs/${orgB}/calculations/${results.b}/${route}`, tokens.clientB);
        assert.equal(own.status, 200);
        const unknown = await call(
          'GET',
          `/v1/orgs/${orgA}/calculations/${randomUUID()}/${route}`,
          tokens.viewerA,
        );
        assert.equal(unknown.status, 404);
      }
      for (const node of ['root/l99', 'root/b0', 'root/l0/l0', `root${'/l0'.repeat(65)}`]) {
        const answer = await call(
          'GET',
          `/v1/orgs/${orgA}/calculations/${results.frame}/upstream?node=${node}`,
          tokens.viewerA,
        );
        assert.equal(answer.status, 404, node);
        assert.equal((answer.body.details as Body).field, 'node');
      }
    });

    it('is 400 for bad query parameters, naming each', async () => {
      const issues = async (path: string) => {
        const answer = await call('GET', path, tokens.viewerA);
        assert.equal(answer.status, 400, `${path}: ${JSON.stringify(answer.body)}`);
        assert.equal(answer.body.code, 'VALIDATION_FAILED');
        return (answer.body.details as { issues: { location: string; path: string[] }[] }).issues
          .map((i) => `${i.location}:${i.path.join('.')}`)
          .sort();
      };
      const tree = `/v1/orgs/${orgA}/calculations/${results.frame}/upstream`;
      assert.deepEqual(await issues(`${tree}?node=frame&depth=0&limit=501`), [
        'query:depth',
        'query:limit',
        'query:node',
      ]);
      assert.deepEqual(await issues(`${tree}?depth=4&limit=x`), ['query:depth', 'query:limit']);
      assert.deepEqual(await issues(`${tree}?node=root/l0/`), ['query:node']);
      const diagram = `/v1/orgs/${orgA}/calculations/${results.frame}/sankey`;
      assert.deepEqual(await issues(`${diagram}?threshold=-0.1&maxNodes=0`), [
        'query:maxNodes',
        'query:threshold',
      ]);
      assert.deepEqual(await issues(`${diagram}?threshold=1.5&maxNodes=2.5`), [
        'query:maxNodes',
        'query:threshold',
      ]);
      assert.deepEqual(await issues(`${diagram}?maxNodes=2001`), ['query:maxNodes']);
      assert.deepEqual(
        await issues(
          `/v1/orgs/${orgA}/databases/${loopVersion}/processes/p-power?method=ipcc-ar99&biogenicApproach=1`,
        ),
        ['query:biogenicApproach', 'query:method'],
      );
    });

    it('is 401 without credentials', async () => {
      for (const path of [
        `/v1/orgs/${orgA}/calculations/${results.frame}/upstream`,
        `/v1/orgs/${orgA}/calculations/${results.frame}/sankey`,
        `/v1/orgs/${orgA}/databases/${loopVersion}/processes/p-power`,
      ]) {
        const answer = await call('GET', path);
        assert.equal(answer.status, 401, path);
        assert.equal(answer.body.code, 'UNAUTHENTICATED');
        assert.equal(answer.headers.get('www-authenticate'), 'Bearer');
      }
    });

    it('details a dataset: exchanges with providers and pedigree, provenance, footprint per unit', async () => {
      const detail = (await ok('GET', `/v1/orgs/${orgA}/databases/${loopVersion}/processes/p-power`)).body;
      // the units an input may give the electricity in: its unit group's, then the common energy units
      const units = (
        [
          ['MJ', 1],
          ['kWh', 3.6],
          ['mWh', 3.6e-9],
          ['kJ', 1e-3],
          ['Wh', 3.6e-3],
          ['GJ', 1e3],
          ['MWh', 3.6e3],
          ['TJ', 1e6],
          ['GWh', 3.6e6],
        ] as const
      ).map(([name, factor]) => ({ name, factor, property: 'Energy' }));
      assert.deepEqual(
        {
          versionId: detail.versionId,
          processId: detail.processId,
          name: detail.name,
          type: detail.type,
          category: detail.category,
          location: detail.location,
          tags: detail.tags,
          referenceProduct: detail.referenceProduct,
          products: detail.products,
        },
        {
          versionId: loopVersion,
          processId: 'p-power',
          name: 'Power plant',
          type: 'unit',
          category: 'Loop test',
          location: { id: 'loc-cn', code: 'CN', name: 'China' },
          tags: [],
          referenceProduct: {
            productId: 'f-electricity',
            productName: 'Electricity',
            unit: 'MJ',
            isWaste: false,
            units,
          },
          products: [
            { productId: 'f-electricity', productName: 'Electricity', unit: 'MJ', isWaste: false, units },
          ],
        },
      );
      assert.match(detail.description as string, /^Power for the loop tests/);
      assert.deepEqual(detail.exchanges, [
        {
          internalId: 1,
          flowId: 'f-electricity',
          flowName: 'Electricity',
          flowType: 'product',
          category: 'Products/Energy',
          isInput: false,
          isReference: true,
          isAvoided: false,
          amount: 1,
          formula: null,
          unit: 'MJ',
          provider: null,
          dqEntry: null,
          uncertainty: null,
          description: null,
        },
        {
          internalId: 2,
          flowId: 'f-steel',
          flowName: 'Steel',
          flowType: 'product',
          category: 'Products/Metals',
          isInput: true,
          isReference: false,
          isAvoided: false,
          amount: 0.1,
          formula: null,
          unit: 'kg',
          provider: {
            processId: 'p-steel',
            processName: 'Steel mill',
            productId: 'f-steel',
            productName: 'Steel',
          },
          dqEntry: null,
          uncertainty: null,
          description: null,
        },
        {
          internalId: 3,
          flowId: 'f-co2',
          flowName: 'Carbon dioxide, fossil',
          flowType: 'elementary',
          category: 'Elementary flows/Emission to air/unspecified',
          isInput: false,
          isReference: false,
          isAvoided: false,
          amount: 0.5,
          formula: null,
          unit: 'kg',
          provider: null,
          dqEntry: '(2;3;1;1;1)',
          uncertainty: { type: 'lognormal', geometricMean: 0.5, geometricSd: 1.1 },
          description: 'measured at the stack',
        },
      ]);
      const provenance = detail.provenance as Body;
      assert.deepEqual(provenance.database, {
        name: 'loop',
        version: 1,
        format: (provenance.database as Body).format,
        sourceName: (provenance.database as Body).sourceName,
        contentHash: (provenance.database as Body).contentHash,
      });
      assert.match((provenance.database as Body).contentHash as string, /^sha256:/);
      assert.deepEqual(
        { ...provenance, database: undefined },
        {
          database: undefined,
          processVersion: '01.02.003',
          lastChange: '2024-05-01T00:00:00Z',
          sources: [
            {
              id: 'src-loop',
              name: LOOP_SOURCE,
              year: 2024,
              url: 'https://example.org/loop',
              citation: 'OpenCFP. Loop test data. 2024.',
            },
          ],
          licence: 'CC BY 4.0.',
          dataYear: 2024,
        },
      );
      const footprint = detail.footprint as Body;
      assert.deepEqual(
        [footprint.gwpSet, footprint.biogenicApproach, footprint.unit, footprint.per],
        ['ipcc-ar6-gwp100', '-1/+1', 'kg CO2e', { amount: 1, unit: 'MJ', productId: 'f-electricity' }],
      );
      close(footprint.total, M_POWER, 'per MJ');
      assert.equal(detail.footprintError, null);
      // A process without a source named, location or version: null, never guessed.
      const steel = (await ok('GET', `/v1/orgs/${orgA}/databases/${loopVersion}/processes/p-steel`)).body;
      const steelProvenance = steel.provenance as Body;
      assert.deepEqual(
        [
          steel.location,
          steel.description,
          steelProvenance.processVersion,
          steelProvenance.sources,
          steelProvenance.licence,
          steelProvenance.dataYear,
        ],
        [null, null, null, [], null, null],
      );
      close((steel.footprint as Body).total, M_STEEL, 'per kg steel');
    });

    it('details a starter dataset with its source and licence, in another GWP set and approach', async () => {
      const detail = (
        await ok(
          'GET',
          `/v1/orgs/${orgA}/databases/${starterVersion}/processes/${JIANGSU}?method=ipcc-ar5-gwp100&biogenicApproach=0/0`,
        )
      ).body;
      assert.equal((detail.location as Body).code, 'CN-JS');
      assert.ok((detail.tags as string[]).includes('starter-data'));
      const provenance = detail.provenance as Body;
      assert.equal((provenance.database as Body).name, 'OpenCFP starter database');
      assert.ok((provenance.sources as { name: string }[]).length >= 1, JSON.stringify(provenance.sources));
      assert.equal(typeof provenance.licence, 'string');
      assert.equal(provenance.dataYear, 2023);
      const footprint = detail.footprint as Body;
      assert.equal(footprint.gwpSet, 'ipcc-ar5-gwp100');
      assert.equal(footprint.biogenicApproach, '0/0');
      // Operational CO2 only: 0.5827 kg per kWh in any GWP set, per MJ here.
      close(footprint.total, 0.5827 / 3.6, 'per MJ');
    });

    it("is 404 for a dataset it does not have and for another organisation's version", async () => {
      const unknown = await call(
        'GET',
        `/v1/orgs/${orgA}/databases/${loopVersion}/processes/p-nothing`,
        tokens.viewerA,
      );
      assert.equal(unknown.status, 404);
      assert.equal((unknown.body.details as Body).field, 'processId');
      assert.match(unknown.body.message as string, /\/processes\?search=/);
      for (const token of [tokens.ownerB, tokens.clientB]) {
        const foreign = await call(
          'GET',
          `/v1/orgs/${orgB}/databases/${loopVersion}/processes/p-power`,
          token,
        );
        assert.equal(foreign.status, 404);
        const outside = await call(
          'GET',
          `/v1/orgs/${orgA}/databases/${loopVersion}/processes/p-power`,
          token,
        );
        assert.equal(outside.status, 404);
      }
      // The shared starter database is everyone's.
      await ok('GET', `/v1/orgs/${orgB}/databases/${starterVersion}/processes/${JIANGSU}`, tokens.clientB);
    });

    it('logged no server errors', () => {
      assert.deepEqual(harness.problems(), []);
    });
  });
}
