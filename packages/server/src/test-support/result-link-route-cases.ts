// What ties a stored result to its model, through the API on a real listener exercised with fetch: its scenario and
// its processes named (in Chinese too) as the model document was when it was calculated, the jobs list filtered by
// model (GET …/jobs?modelId=), and the Monte Carlo runs of its inputs (the output's `inputsHash` and `resultId`,
// GET …/calculations/{resultId}/monte-carlo). Run once per store engine (result-links-*.test.ts) and by @opencfp/cli
// against `cfp serve` processes. Monte Carlo jobs are run by the server's own job runner on the suite's store.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ProductModelDocumentInput } from '@opencfp/model';
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
import { LOOP_INTENSITIES, writeLoopBackground } from './loop-background.js';
import type { OpenHarness, RouteHarness } from './route-harness.js';
import { runModelJobs } from './run-model-jobs.js';

const PASSWORD = 'correct horse battery';
const { power: M_POWER, steel: M_STEEL, transport: M_TRANSPORT } = LOOP_INTENSITIES;

/**
 * A frame (1 item) of `steel_mass` (2) kg steel, 10 items of transport, 0.5 kg supplier paint at 3 kg CO2e/kg,
 * 0.2 kg CO2 of its own and a machined part from a machining step (5 MJ power, 10 g fossil CH4: 0.298 kg CO2e in
 * AR6). Base case: 2 · 25/9 + 10 · 2.3/9 + 5 · 7/9 + 1.5 + 0.2 + 0.298 = 13.998 kg CO2e; 'light' (1.5 kg steel):
 * 0.5 · 25/9 less. The frame assembly and the light scenario have Chinese names; machining and 'plain' do not.
 */
const FRAME: ProductModelDocumentInput = {
  schema: 'opencfp/product-model@1',
  referenceProcessId: 'frame',
  parameters: [{ name: 'steel_mass', value: 2, unit: 'kg' }],
  scenarios: [
    { id: 'light', name: 'Light frame', nameZh: '轻量化车架', parameters: { steel_mass: 1.5 } },
    { id: 'plain', name: 'Plain frame', parameters: {} },
  ],
  processes: [
    {
      id: 'frame',
      name: 'Frame assembly',
      nameZh: '车架装配',
      output: { amount: 1, unit: 'item', name: 'Bicycle frame' },
      inputs: [
        {
          name: 'steel',
          amount: 'steel_mass',
          unit: 'kg',
          source: { kind: 'background', processId: 'p-steel' },
        },
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
const LIGHT = TOTAL - 0.5 * M_STEEL;

type Body = Record<string, unknown>;
interface Answer {
  status: number;
  body: Body;
}
interface Scenario {
  id: string;
  name: string;
  nameZh?: string;
}
interface Summary {
  id: string;
  modelVersion: number;
  inputsHash: string;
  request: Body;
  scenario: Scenario | null;
  total: number;
}
interface Result extends Summary {
  footprint: {
    byProcess: { processId: string; name: string; nameZh?: string; direct: number }[];
    contributions: {
      name: string;
      processId: string;
      processName: string;
      processNameZh?: string;
      co2e: number;
    }[];
  };
}
interface Job {
  id: string;
  kind: string;
  status: string;
  input: Body;
  output: Body | null;
}
interface MonteCarloOutput {
  modelId: string;
  modelVersion: number;
  request: Body;
  inputsHash: string;
  resultId: string | null;
  backgroundDrawn: boolean;
  workers: number | null;
  pedigreeFactorSet: string;
  sampled: { parameters: string[]; lines: string[]; backgroundExchanges: number };
  contributions?: {
    method: string;
    significant: number;
    inputs: {
      kind: string;
      name: string;
      exchange?: { processId: string; flowId: string };
      correlation: number | null;
      share: number | null;
    }[];
  };
  background?: { datasets: number };
  iterations: number;
  seed: number;
  deterministic: number;
  mean: number;
  sd: number;
  min: number;
  max: number;
  percentiles: Record<string, number>;
  histogram: { from: number; to: number; counts: number[] };
  scenario: string | null;
}
interface TreeNode {
  label: string;
  labelZh?: string;
  kind: string;
  processId: string | null;
  children?: TreeNode[];
}

const close = (actual: unknown, expected: number, what = '') => {
  assert.ok(typeof actual === 'number', `${what}: ${String(actual)}`);
  assert.ok(
    Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} ≠ ${expected}`,
  );
};

/**
 * Scenario and process names of results (English and Chinese) from the document as calculated, the jobs list by
 * model, and a result's Monte Carlo runs: found by inputs hash whether they ran before or after the result was
 * stored, the newest first, not those of other options or another model version; tenant isolation (404),
 * validation (400) and authentication (401).
 */
export function resultLinkRouteCases(name: string, openHarness: OpenHarness) {
  describe(`results, their names and their Monte Carlo runs: ${name}`, () => {
    let harness: RouteHarness;
    let folder = '';
    const tokens = { ownerA: '', viewerA: '', ownerB: '', clientB: '' };
    let orgA = '';
    let orgB = '';
    let loopVersion = '';
    /** `frame` for names and Monte Carlo runs; `listed` and `other` (the same document) for the jobs list. */
    const models = { frame: '', listed: '', other: '' };
    /** Results of the frame model, version 1: base case, 'light' and 'plain'. */
    const results = { base: '', light: '', plain: '' };

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
      const parsed = text === '' ? {} : (JSON.parse(text) as Body);
      if (res.status >= 400) assert.deepEqual(Object.keys(parsed).sort(), ['code', 'details', 'message']);
      return { status: res.status, body: parsed };
    }
    const ok = async (method: string, path: string, token = tokens.viewerA, body?: unknown) => {
      const answer = await call(method, path, token, body);
      assert.ok(
        answer.status === 200 || answer.status === 201 || answer.status === 202,
        `${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`,
      );
      return answer.body;
    };
    const calculate = async (modelId: string, request: Body = {}) =>
      (await ok(
        'POST',
        `/v1/orgs/${orgA}/models/${modelId}/calculations`,
        tokens.ownerA,
        request,
      )) as unknown as Result;
    const result = async (id: string) =>
      (await ok('GET', `/v1/orgs/${orgA}/calculations/${id}`)) as unknown as Result;
    const queue = async (modelId: string, request: Body, org = orgA, token = tokens.ownerA) =>
      (await ok('POST', `/v1/orgs/${org}/models/${modelId}/jobs`, token, request)) as unknown as Job;
    const monteCarloOf = (resultId: string, token = tokens.viewerA, org = orgA) =>
      call('GET', `/v1/orgs/${org}/calculations/${resultId}/monte-carlo`, token);

    /**
     * Runs these queued jobs of organisation A to their end with the server's job runner and handlers, on the harness's store (its
     * servers run no jobs), then answers the jobs as the API shows them.
     */
    async function runJobs(...queued: Job[]): Promise<Job[]> {
      await runModelJobs(
        harness,
        orgA,
        queued.map((j) => j.id),
      );
      const done: Job[] = [];
      for (const job of queued) {
        const read = (await ok('GET', `/v1/orgs/${orgA}/jobs/${job.id}`)) as unknown as Job;
        assert.equal(read.status, 'succeeded', JSON.stringify(read));
        done.push(read);
      }
      return done;
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
      });
      const model = async (label: string, doc: ProductModelDocumentInput) => {
        const product = await ok('POST', `/v1/orgs/${orgA}/products`, tokens.ownerA, {
          nameEn: label,
          declaredUnit: 'item',
        });
        const made = await ok('POST', `/v1/orgs/${orgA}/models`, tokens.ownerA, {
          productId: product.id,
          name: label,
          backgroundVersionId: loopVersion,
          model: doc,
        });
        return made.id as string;
      };
      models.frame = await model('Frame', FRAME);
      models.listed = await model('Listed frame', FRAME);
      models.other = await model('Other frame', FRAME);
      results.base = (await calculate(models.frame)).id;
      results.light = (await calculate(models.frame, { scenarioId: 'light' })).id;
      results.plain = (await calculate(models.frame, { scenarioId: 'plain' })).id;
    });
    after(async () => {
      await harness?.close();
      if (folder) await rm(folder, { recursive: true, force: true });
    });

    it('a result names its scenario as the model document did when it was calculated, in Chinese where it can', async () => {
      const light = await result(results.light);
      close(light.total, LIGHT, 'light total');
      assert.deepEqual(light.scenario, { id: 'light', name: 'Light frame', nameZh: '轻量化车架' });
      assert.equal((await result(results.base)).scenario, null, 'the base case');
      const plain = await result(results.plain);
      assert.deepEqual(plain.scenario, { id: 'plain', name: 'Plain frame' });
      assert.ok(!('nameZh' in (plain.scenario as Scenario)), 'no Chinese name is made up');
      const list = (await ok('GET', `/v1/orgs/${orgA}/models/${models.frame}/calculations`))
        .results as Summary[];
      assert.deepEqual(
        list.map((r) => [r.id, r.scenario]),
        [
          [results.plain, { id: 'plain', name: 'Plain frame' }],
          [results.light, { id: 'light', name: 'Light frame', nameZh: '轻量化车架' }],
          [results.base, null],
        ],
      );
    });

    it('its processes and lines carry the Chinese names of their processes; so do its upstream tree and Sankey diagram', async () => {
      const base = await result(results.base);
      close(base.total, TOTAL, 'total');
      assert.deepEqual(
        base.footprint.byProcess.map((p) => [p.processId, p.name, p.nameZh ?? null]),
        [
          ['frame', 'Frame assembly', '车架装配'],
          ['machining', 'Machining', null],
        ],
      );
      assert.ok(!('nameZh' in base.footprint.byProcess[1]));
      assert.deepEqual(
        base.footprint.contributions.map((c) => [c.name, c.processName, c.processNameZh ?? null]),
        [
          ['steel', 'Frame assembly', '车架装配'],
          ['power', 'Machining', null],
          ['transport', 'Frame assembly', '车架装配'],
          ['paint', 'Frame assembly', '车架装配'],
          ['CH4', 'Machining', null],
          ['CO2', 'Frame assembly', '车架装配'],
        ],
      );
      close(base.footprint.contributions[0].co2e, 2 * M_STEEL, 'steel');
      close(base.footprint.contributions[1].co2e, 5 * M_POWER, 'power');
      close(base.footprint.contributions[2].co2e, 10 * M_TRANSPORT, 'transport');

      const tree = (await ok('GET', `/v1/orgs/${orgA}/calculations/${results.base}/upstream`))
        .node as TreeNode;
      assert.deepEqual([tree.label, tree.labelZh], ['Frame assembly', '车架装配']);
      assert.deepEqual(
        tree.children?.map((c) => [c.label, c.kind, c.labelZh ?? null]),
        [
          ['Steel mill', 'background', null],
          ['Machining', 'foreground', null],
          ['Lorry', 'background', null],
          ['paint (Paint Co.)', 'supplier', null],
          ['CO2', 'emission', null],
        ],
      );
      const sankey = (await ok('GET', `/v1/orgs/${orgA}/calculations/${results.base}/sankey?threshold=0`))
        .nodes as TreeNode[];
      assert.deepEqual(
        sankey.filter((n) => n.kind === 'foreground').map((n) => [n.processId, n.label, n.labelZh ?? null]),
        [
          ['frame', 'Frame assembly', '车架装配'],
          ['machining', 'Machining', null],
        ],
      );
      assert.ok(sankey.filter((n) => n.kind !== 'foreground').every((n) => !('labelZh' in n)));
    });

    it('the jobs list answers the jobs of one model, newest first, with the other filters', async () => {
      const first = await queue(models.listed, { kind: 'monte-carlo', iterations: 10, seed: 1 });
      const other = await queue(models.other, { kind: 'monte-carlo', iterations: 10, seed: 1 });
      const calculation = await queue(models.listed, { kind: 'calculation', scenarioId: 'light' });
      const second = await queue(models.listed, { kind: 'monte-carlo', iterations: 10, seed: 2 });
      const list = async (query: string, token = tokens.viewerA, org = orgA) =>
        ((await ok('GET', `/v1/orgs/${org}/jobs?${query}`, token)).jobs as Job[]).map((j) => j.id);
      assert.deepEqual(await list(`modelId=${models.listed}`), [second.id, calculation.id, first.id]);
      assert.deepEqual(await list(`modelId=${models.listed}&kind=monte-carlo`), [second.id, first.id]);
      assert.deepEqual(await list(`modelId=${models.listed}&kind=model-calculation`), [calculation.id]);
      assert.deepEqual(await list(`modelId=${models.listed}&limit=1`), [second.id]);
      assert.deepEqual(await list(`modelId=${models.other}`), [other.id]);
      assert.deepEqual(await list(`modelId=${randomUUID()}`), []);
      // Another organisation asking for this model's jobs sees none of them.
      assert.deepEqual(await list(`modelId=${models.listed}`, tokens.clientB, orgB), []);
      const done = await runJobs(first, other, calculation, second);
      assert.deepEqual(await list(`modelId=${models.listed}&status=succeeded&kind=monte-carlo`), [
        second.id,
        first.id,
      ]);
      assert.deepEqual(await list(`modelId=${models.listed}&status=queued`), []);
      // The calculation job stored its result like POST …/calculations does.
      const light = await result(String(done[2].output?.resultId));
      assert.deepEqual([light.modelVersion, light.scenario?.name], [1, 'Light frame']);
      close(light.total, LIGHT, 'its total');
      assert.deepEqual(done[2].output, { resultId: light.id, reused: false, modelVersion: 1 });
      for (const query of ['modelId=', `modelId=${'x'.repeat(101)}`]) {
        const refused = await call('GET', `/v1/orgs/${orgA}/jobs?${query}`, tokens.viewerA);
        assert.equal(refused.status, 400, query);
        assert.equal(refused.body.code, 'VALIDATION_FAILED');
      }
    });

    it('a Monte Carlo run names the inputs hash and the result of the calculation it describes; the result answers its latest run', async () => {
      const base = await result(results.base);
      const none = await monteCarloOf(results.base);
      assert.equal(none.status, 404);
      assert.equal(none.body.code, 'NOT_FOUND');
      assert.match(none.body.message as string, /no Monte Carlo run of result/);
      assert.deepEqual(none.body.details, {
        resultId: results.base,
        modelId: models.frame,
        inputsHash: base.inputsHash,
      });

      const [run] = await runJobs(
        await queue(models.frame, { kind: 'monte-carlo', iterations: 40, seed: 3 }),
      );
      const output = run.output as unknown as MonteCarloOutput;
      assert.deepEqual(
        [
          output.modelId,
          output.modelVersion,
          output.inputsHash,
          output.resultId,
          output.iterations,
          output.seed,
        ],
        [models.frame, 1, base.inputsHash, results.base, 40, 3],
      );
      assert.equal(output.scenario, null);
      assert.deepEqual(output.request, {
        method: 'ipcc-ar6-gwp100',
        biogenicApproach: '-1/+1',
        stageScheme: 'iso-14067',
        iterations: 40,
        seed: 3,
        backgroundUncertainty: false,
      });
      // The background was not drawn (not asked for), and the output says so.
      assert.deepEqual(
        [
          output.backgroundDrawn,
          output.workers,
          output.pedigreeFactorSet,
          output.sampled.backgroundExchanges,
        ],
        [false, null, 'ecoinvent-v3', 0],
      );
      assert.equal(output.contributions?.method, 'squared-spearman', 'the contribution to variance is there');
      assert.deepEqual(output.contributions?.inputs, [], 'nothing varies, so nothing contributes');
      // No amount of the frame has an uncertainty: every iteration is the calculated total.
      for (const value of [output.deterministic, output.mean, output.min, output.max, output.percentiles.p50])
        close(value, TOTAL, 'a statistic of a run without uncertainty');
      close(output.sd, 0, 'sd');
      assert.equal(
        output.histogram.counts.reduce((s, n) => s + n, 0),
        40,
      );
      const answered = await monteCarloOf(results.base);
      assert.equal(answered.status, 200, JSON.stringify(answered.body));
      assert.deepEqual(answered.body, run, 'the job as GET …/jobs/{jobId} answers it');

      // A newer run of the same inputs is the latest; the 'light' result has none of its own.
      const [newer] = await runJobs(
        await queue(models.frame, { kind: 'monte-carlo', iterations: 20, seed: 4 }),
      );
      assert.equal(((await monteCarloOf(results.base)).body as unknown as Job).id, newer.id);
      assert.equal((await monteCarloOf(results.light)).status, 404);
      const [light] = await runJobs(
        await queue(models.frame, { kind: 'monte-carlo', scenarioId: 'light', iterations: 20, seed: 4 }),
      );
      const lightOutput = light.output as unknown as MonteCarloOutput;
      assert.deepEqual(
        [lightOutput.inputsHash, lightOutput.resultId, lightOutput.scenario],
        [(await result(results.light)).inputsHash, results.light, 'light'],
      );
      close(lightOutput.deterministic, LIGHT, 'light deterministic');
      assert.equal(((await monteCarloOf(results.light)).body as unknown as Job).id, light.id);
      assert.equal(((await monteCarloOf(results.base)).body as unknown as Job).id, newer.id, 'unchanged');
    });

    it('a run made before its result was calculated is found by the result all the same', async () => {
      // AR5 options: no result of them yet.
      const [early] = await runJobs(
        await queue(models.frame, {
          kind: 'monte-carlo',
          method: 'ipcc-ar5-gwp100',
          iterations: 10,
          seed: 5,
        }),
      );
      const output = early.output as unknown as MonteCarloOutput;
      assert.equal(output.resultId, null, 'no result had these inputs when it ran');
      const later = await calculate(models.frame, { method: 'ipcc-ar5-gwp100' });
      assert.equal(later.inputsHash, output.inputsHash, 'the same hash as the calculation');
      close(later.total, output.deterministic, 'the same total');
      const found = await monteCarloOf(later.id);
      assert.equal(found.status, 200);
      assert.equal((found.body as unknown as Job).id, early.id);
    });

    it("Monte Carlo drawing the background's exchanges: the power plant's CO2 moves the total and drives its variance; workers bounded; the pedigree factor set recorded", async () => {
      const base = await result(results.base);
      const [run] = await runJobs(
        await queue(models.frame, {
          kind: 'monte-carlo',
          iterations: 200,
          seed: 11,
          backgroundUncertainty: true,
          workers: 1,
          pedigreeFactorSet: 'ciroth-2016',
        }),
      );
      const output = run.output as unknown as MonteCarloOutput;
      assert.deepEqual(
        [
          output.backgroundDrawn,
          output.workers,
          output.pedigreeFactorSet,
          output.inputsHash,
          output.resultId,
        ],
        [true, 1, 'ciroth-2016', base.inputsHash, results.base],
        'drawn, on one worker, and still the run of the base result',
      );
      // The loop database has one distribution: the power plant's CO2, lognormal with σg 1.1.
      assert.equal(output.sampled.backgroundExchanges, 1);
      assert.equal(output.background?.datasets, 3, 'steel, transport and power are linked');
      close(output.deterministic, TOTAL, 'deterministic');
      assert.ok(output.sd > 0, `the total varies: sd ${output.sd}`);
      assert.ok(output.min < TOTAL && output.max > TOTAL, `${output.min} … ${output.max} around ${TOTAL}`);
      const inputs = output.contributions?.inputs ?? [];
      assert.equal(inputs.length, 1, JSON.stringify(inputs));
      assert.deepEqual(
        [inputs[0].kind, inputs[0].exchange?.processId, inputs[0].exchange?.flowId, inputs[0].share],
        ['background-exchange', 'p-power', 'f-co2', 1],
      );
      assert.ok((inputs[0].correlation ?? 0) > 0.99, `rank correlation ${String(inputs[0].correlation)}`);
      assert.equal(((await monteCarloOf(results.base)).body as unknown as Job).id, run.id, 'the newest run');
      // The same seed draws the same background again.
      const [again] = await runJobs(
        await queue(models.frame, {
          kind: 'monte-carlo',
          iterations: 200,
          seed: 11,
          backgroundUncertainty: true,
        }),
      );
      const repeated = again.output as unknown as MonteCarloOutput;
      assert.deepEqual([repeated.mean, repeated.sd], [output.mean, output.sd]);
      assert.ok(typeof repeated.workers === 'number' && repeated.workers >= 1, 'a default number of workers');
      // Bad options: 400 per field, nothing queued.
      const before = (await ok('GET', `/v1/orgs/${orgA}/jobs?modelId=${models.frame}`)).jobs as Job[];
      for (const [field, value, pattern] of [
        ['workers', 0, /workers/],
        ['workers', 1000, /workers/],
        ['workers', availableParallelism() + 1, /at most \d+ worker threads on this server/],
        ['workers', 1.5, /workers/],
        ['pedigreeFactorSet', 'ecoinvent-v2', /pedigreeFactorSet/],
        ['backgroundUncertainty', 'yes', /backgroundUncertainty/],
      ] as const) {
        const refused = await call('POST', `/v1/orgs/${orgA}/models/${models.frame}/jobs`, tokens.ownerA, {
          kind: 'monte-carlo',
          seed: 1,
          [field]: value,
        });
        assert.equal(refused.status, 400, `${field} ${String(value)}: ${JSON.stringify(refused.body)}`);
        assert.equal(refused.body.code, 'VALIDATION_FAILED');
        assert.match(String(refused.body.message), pattern);
      }
      const after = (await ok('GET', `/v1/orgs/${orgA}/jobs?modelId=${models.frame}`)).jobs as Job[];
      assert.equal(after.length, before.length, 'nothing was queued');
    });

    it('one parameter at a time and the method choices: worked out by hand, linked to their results like Monte Carlo runs', async () => {
      const sensitivityOf = (resultId: string, token = tokens.viewerA, org = orgA) =>
        call('GET', `/v1/orgs/${org}/calculations/${resultId}/sensitivity`, token);
      const choicesOf = (resultId: string, token = tokens.viewerA, org = orgA) =>
        call('GET', `/v1/orgs/${org}/calculations/${resultId}/method-choices`, token);
      const base = await result(results.base);
      for (const none of [await sensitivityOf(results.base), await choicesOf(results.base)]) {
        assert.equal(none.status, 404);
        assert.deepEqual(none.body.details, {
          resultId: results.base,
          modelId: models.frame,
          inputsHash: base.inputsHash,
        });
      }
      const [tornado, choices, lightTornado] = await runJobs(
        await queue(models.frame, { kind: 'sensitivity' }),
        await queue(models.frame, { kind: 'method-choices' }),
        await queue(models.frame, { kind: 'sensitivity', scenarioId: 'light', relativeChange: 0.25 }),
      );
      // steel_mass (2 kg, no uncertainty) ±10 %: the total moves by 0.2 kg of steel at 25/9 kg CO2e/kg each way.
      const t = tornado.output as {
        inputsHash: string;
        resultId: string;
        base: number;
        relativeChange: number;
        parameters: Record<string, unknown>[];
      };
      assert.deepEqual([t.inputsHash, t.resultId, t.relativeChange], [base.inputsHash, results.base, 0.1]);
      close(t.base, TOTAL, 'base');
      assert.equal(t.parameters.length, 1);
      const row = t.parameters[0];
      assert.deepEqual(
        [row.parameter, row.path, row.unit, row.value, row.basis],
        ['steel_mass', '/parameters/0', 'kg', 2, 'relative-change'],
      );
      close(row.low, 1.8, 'low');
      close(row.high, 2.2, 'high');
      close(row.totalLow, TOTAL - 0.2 * M_STEEL, 'totalLow');
      close(row.totalHigh, TOTAL + 0.2 * M_STEEL, 'totalHigh');
      close(row.swing, 0.4 * M_STEEL, 'swing');
      // In the light scenario (1.5 kg) at ±25 %: 0.375 kg each way.
      const light = lightTornado.output as { resultId: string; parameters: Record<string, unknown>[] };
      assert.equal(light.resultId, results.light);
      close(light.parameters[0].value, 1.5, 'the scenario value');
      close(light.parameters[0].totalLow, LIGHT - 0.375 * M_STEEL, 'light totalLow');
      close(light.parameters[0].totalHigh, LIGHT + 0.375 * M_STEEL, 'light totalHigh');
      assert.equal(((await sensitivityOf(results.base)).body as unknown as Job).id, tornado.id);
      assert.equal(((await sensitivityOf(results.light)).body as unknown as Job).id, lightTornado.id);
      assert.equal((await sensitivityOf(results.plain)).status, 404, 'no run of the plain scenario');
      // Method choices: the loop database has no co-products, the frame no electricity input, no end-of-life
      // credit and no biogenic carbon, so every choice that applies gives the base total.
      const m = choices.output as {
        inputsHash: string;
        resultId: string;
        base: number;
        rows: { aspect: string; choice: string; base: boolean; total: number | null; notes: string[] }[];
      };
      assert.deepEqual([m.inputsHash, m.resultId], [base.inputsHash, results.base]);
      close(m.base, TOTAL, 'method choices base');
      const byAspect = (aspect: string) => m.rows.filter((r) => r.aspect === aspect);
      assert.deepEqual(
        byAspect('allocation').map((r) => [r.choice, r.base]),
        [
          ['as-defined', true],
          ['physical', false],
          ['economic', false],
          ['causal', false],
          ['none', false],
        ],
      );
      for (const r of [...byAspect('allocation'), ...byAspect('biogenic-carbon')])
        close(r.total, TOTAL, `${r.aspect} ${r.choice}`);
      assert.deepEqual(
        byAspect('electricity-accounting').map((r) => [r.choice, r.total]),
        [
          ['location-based', null],
          ['market-based', null],
          ['residual-mix', null],
          ['eu-battery', null],
        ],
      );
      assert.match(byAspect('electricity-accounting')[0].notes[0], /no electricity input/);
      assert.deepEqual(
        byAspect('end-of-life').map((r) => [r.choice, r.total === null ? null : Number(r.total.toFixed(9))]),
        [
          ['as-modelled', Number(TOTAL.toFixed(9))],
          ['cut-off', Number(TOTAL.toFixed(9))],
          ['pef-cff', null],
        ],
      );
      const latest = await choicesOf(results.base);
      assert.equal(latest.status, 200, JSON.stringify(latest.body));
      assert.deepEqual(latest.body, choices, 'the job as GET …/jobs/{jobId} answers it');
      // A request the schema refuses is 400, per field.
      for (const body of [
        { kind: 'sensitivity', relativeChange: 0 },
        { kind: 'sensitivity', relativeChange: 1 },
        { kind: 'method-choices', allocation: 'physical' },
        { kind: 'method-choices', method: 'no-such-gwp' },
      ]) {
        const refused = await call(
          'POST',
          `/v1/orgs/${orgA}/models/${models.frame}/jobs`,
          tokens.ownerA,
          body,
        );
        assert.equal(refused.status, 400, JSON.stringify(body));
        assert.equal(refused.body.code, 'VALIDATION_FAILED');
      }
      // Another organisation's result is 404 for these too; without a token 401.
      for (const read of [sensitivityOf, choicesOf]) {
        assert.equal((await read(results.base, tokens.clientB, orgB)).status, 404);
        assert.equal((await read(results.base, tokens.ownerB)).status, 404);
        assert.equal((await read(results.base, '')).status, 401);
      }
    });

    it('a changed model: old results keep their names and runs; runs of the new version are the new results’', async () => {
      const current = await ok('GET', `/v1/orgs/${orgA}/models/${models.frame}`, tokens.ownerA);
      const changed = structuredClone(FRAME) as {
        scenarios: { nameZh?: string; name: string }[];
        processes: { nameZh?: string }[];
      };
      changed.scenarios[0].name = 'Lighter frame';
      changed.scenarios[0].nameZh = '更轻的车架';
      changed.processes[0].nameZh = '车架总装';
      changed.processes[1].nameZh = '机加工';
      await ok('PUT', `/v1/orgs/${orgA}/models/${models.frame}`, tokens.ownerA, {
        model: changed,
        version: current.version,
      });
      // The stored results answer the names of the document they were calculated from.
      const old = await result(results.light);
      assert.deepEqual(old.scenario, { id: 'light', name: 'Light frame', nameZh: '轻量化车架' });
      assert.equal(old.footprint.byProcess[0].nameZh, '车架装配');
      const oldTree = (await ok('GET', `/v1/orgs/${orgA}/calculations/${results.light}/upstream`))
        .node as TreeNode;
      assert.equal(oldTree.labelZh, '车架装配');
      assert.equal(oldTree.children?.find((c) => c.processId === 'machining')?.labelZh, undefined);
      // A new result names the new ones.
      const fresh = await calculate(models.frame, { scenarioId: 'light' });
      assert.equal(fresh.modelVersion, 2);
      assert.deepEqual(fresh.scenario, { id: 'light', name: 'Lighter frame', nameZh: '更轻的车架' });
      assert.deepEqual(
        fresh.footprint.byProcess.map((p) => p.nameZh),
        ['车架总装', '机加工'],
      );
      const freshTree = (await ok('GET', `/v1/orgs/${orgA}/calculations/${fresh.id}/upstream`))
        .node as TreeNode;
      assert.equal(freshTree.children?.find((c) => c.processId === 'machining')?.labelZh, '机加工');
      // A run of version 2 describes the new result, not the old one (a different document: another hash).
      assert.equal((await monteCarloOf(fresh.id)).status, 404);
      const [run] = await runJobs(
        await queue(models.frame, { kind: 'monte-carlo', scenarioId: 'light', iterations: 10, seed: 6 }),
      );
      const output = run.output as unknown as MonteCarloOutput;
      assert.deepEqual(
        [output.modelVersion, output.resultId, output.inputsHash],
        [2, fresh.id, fresh.inputsHash],
      );
      assert.equal(((await monteCarloOf(fresh.id)).body as unknown as Job).id, run.id);
      assert.notEqual(((await monteCarloOf(results.light)).body as unknown as Job).id, run.id);
    });

    it('a result stored before results kept their document names its scenario as its footprint does', async () => {
      const legacy = await harness.withStore(async (store) => {
        const stored = await calculationResults.get(store, orgA, results.light);
        const { request, footprint } = stored.result as { request: object; footprint: object };
        return calculationResults.record(
          store,
          orgA,
          {
            modelId: models.frame,
            modelVersion: stored.modelVersion,
            inputsHash: stored.inputsHash,
            result: { request, footprint },
          },
          null,
        );
      });
      assert.deepEqual((await result(legacy.id)).scenario, { id: 'light', name: 'Light frame' });
      const list = (await ok('GET', `/v1/orgs/${orgA}/models/${models.frame}/calculations`))
        .results as Summary[];
      assert.deepEqual(list.find((r) => r.id === legacy.id)?.scenario, { id: 'light', name: 'Light frame' });
    });

    it("another organisation's result is 404, and so is an unknown one; no token is 401", async () => {
      for (const token of [tokens.ownerB, tokens.clientB]) {
        const outside = await monteCarloOf(results.base, token);
        assert.equal(outside.status, 404, JSON.stringify(outside.body));
        const foreign = await monteCarloOf(results.base, token, orgB);
        assert.equal(foreign.status, 404, JSON.stringify(foreign.body));
        assert.equal(foreign.body.code, 'NOT_FOUND');
        assert.match(foreign.body.message as string, /no calculation result/);
      }
      const unknown = await monteCarloOf(randomUUID());
      assert.equal(unknown.status, 404);
      assert.match(unknown.body.message as string, /no calculation result/);
      assert.equal((await monteCarloOf(results.base, '')).status, 401);
      assert.equal((await monteCarloOf(results.base)).status, 200, 'a viewer reads it');
      assert.deepEqual(harness.problems(), [], 'nothing was logged as an error');
    });
  });
}
