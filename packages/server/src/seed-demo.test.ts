import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { carbonFootprint } from '@opencfp/refdata';
import { openStore, productModels, type Store } from '@opencfp/store';
import { CalculatorCache } from './calculator-cache.js';
import { calculateStoredModel } from './routes/calculations.js';
import { seedDemo, type DemoSeed } from './seed-demo.js';

const request = {
  method: 'ipcc-ar6-gwp100',
  biogenicApproach: '-1/+1',
  stageScheme: 'iso-14067',
} as const;

describe('seedDemo', () => {
  let store: Store;
  let seed: DemoSeed;
  const cache = new CalculatorCache();

  before(async () => {
    store = await openStore();
    seed = await seedDemo(store);
  });
  after(() => store.close());

  it('creates the demo user, organisation, starter database, products and models once', async () => {
    assert.equal(seed.created, true);
    assert.match(seed.password ?? '', /^[\w-]{16}$/);
    assert.deepEqual(await seedDemo(store), { created: false });
    const organisation = await store.db.selectFrom('organisations').select('id').executeTakeFirstOrThrow();
    const models = await productModels.list(store, organisation.id);
    assert.deepEqual(models.map((m) => m.name).sort(), [
      'Aluminium frame (illustrative)',
      'LFP pack, 2026 design (illustrative)',
    ]);
    assert.ok(models.every((m) => m.backgroundVersionId === seed.starterVersionId));
  });

  it('the demo models calculate on the starter database; the frame adds up by hand', async () => {
    const organisation = await store.db.selectFrom('organisations').select('id').executeTakeFirstOrThrow();
    const models = await productModels.list(store, organisation.id);
    const byName = (name: string) => models.find((m) => m.name.startsWith(name))?.id as string;
    const { result: frame } = await calculateStoredModel(
      store,
      cache,
      organisation.id,
      byName('Aluminium frame'),
      request,
      null,
    );
    const { database, calculator } = await cache.get(store, organisation.id, seed.starterVersionId as string);
    const aluminium = carbonFootprint(
      calculator.calculate({ processId: 'dd82203e-988f-5468-a7b4-2e9013a4bc08' }),
      database,
    ).split.total;
    // 1.6 kg · 1.25 of aluminium, 5 kWh of Jiangsu grid (an electricity input, location-based: MEE 2023 0.5827 kg
    // CO2/kWh), 0.15 kg coating at 6, 0.12 kg CO2 of shielding gas, and the delivery: 1.6 kg over 300 km by lorry =
    // 0.48 t·km at the starter lorry dataset (DESNZ 2025: 0.10163 kg CO2e/t·km).
    const expected = 2 * aluminium + 5 * 0.5827 + 0.15 * 6 + 0.12 + 0.48 * 0.10163;
    type Footprint = {
      split: { total: number };
      byStage: { id: string; amount: number }[];
      contributions: { kind: string; co2e: number; stage: string; quantity: number; electricity?: object }[];
    };
    const f = (frame.result as { footprint: Footprint }).footprint;
    const total = f.split.total;
    assert.ok(Math.abs(total - expected) < 1e-9 * expected, `${total} ≠ ${expected}`);
    const leg = f.contributions.find((c) => c.kind === 'transport');
    assert.ok(leg && Math.abs(leg.co2e - 0.48 * 0.10163) < 1e-12 && leg.stage === 'distribution');
    assert.ok(
      Math.abs((f.byStage.find((s) => s.id === 'distribution')?.amount ?? 0) - 0.48 * 0.10163) < 1e-12,
    );
    assert.ok(f.contributions.some((c) => c.kind === 'electricity' && c.electricity));
    // Accounted market-based, the 5 kWh take China's 2023 residual-like factor 0.6096 instead of 0.5827.
    const market = await calculateStoredModel(
      store,
      cache,
      organisation.id,
      byName('Aluminium frame'),
      { ...request, scenarioId: 'market-based' },
      null,
    );
    const marketTotal = (market.result.result as { footprint: Footprint }).footprint.split.total;
    const marketExpected = expected + 5 * (0.6096 - 0.5827);
    assert.ok(
      Math.abs(marketTotal - marketExpected) < 1e-9 * marketExpected,
      `${marketTotal} ≠ ${marketExpected}`,
    );

    const battery = byName('LFP pack');
    const base = await calculateStoredModel(store, cache, organisation.id, battery, request, null);
    const solar = await calculateStoredModel(
      store,
      cache,
      organisation.id,
      battery,
      { ...request, scenarioId: 'solar-50' },
      null,
    );
    type Stored = {
      footprint: { split: { total: number; packaging: number }; byStage: { amount: number }[] };
    };
    const b = (base.result.result as Stored).footprint;
    const s = (solar.result.result as Stored).footprint;
    assert.ok(b.split.total > 0 && s.split.total < b.split.total, 'solar lowers the footprint');
    const stages = b.byStage.reduce((sum, x) => sum + x.amount, 0);
    assert.ok(Math.abs(stages - b.split.total) < 1e-9 * b.split.total, 'stages sum to the total');
    assert.ok(b.split.packaging > 0, 'the packaging film is counted as packaging');
  });
});
