import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Calculator, DatabaseBuilder, type Database } from '@opencfp/core';
import { calculateProductModel } from './calculate-product-model.js';
import { modelBackground } from './model-background.js';
import { parseProductModel } from './parse-product-model.js';
import type { ProductModelDocumentInput } from './product-model-document.js';
import {
  productModelSupplyChain,
  type ProductModelSupplyChain,
  type SupplyChainSankey,
  type UpstreamTreeNode,
} from './product-model-supply-chain.js';

const close = (actual: number | null | undefined, expected: number, what = '') => {
  assert.ok(typeof actual === 'number', `${what}: ${actual}`);
  assert.ok(
    Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} ≠ ${expected}`,
  );
};

const AIR = 'Elementary flows/Emission to air/unspecified';

/**
 * Three background processes with a loop: power (per MJ: 0.5 kg CO2, takes 0.1 kg steel), steel (per kg: 2 kg CO2,
 * takes 1 MJ power), transport (per item: 0.1 kg CO2, takes 0.2 MJ power). Intensities Aᵀ m = c by hand:
 * m_power − 0.1 m_steel = 0.5, m_steel − m_power = 2 → m_power = 0.7 / 0.9 = 7/9, m_steel = 25/9,
 * m_transport = 0.1 + 0.2 · 7/9 = 2.3/9.
 */
function loopBuilder(): DatabaseBuilder {
  return new DatabaseBuilder()
    .product('electricity', { property: 'energy', name: 'Electricity' })
    .product('steel', { name: 'Steel' })
    .product('transport', { property: 'items', name: 'Transport' })
    .elementary('co2', { name: 'Carbon dioxide, fossil', category: AIR })
    .process('p-power', { name: 'Power plant' })
    .output('electricity', 1, { reference: true })
    .input('steel', 0.1)
    .output('co2', 0.5)
    .end()
    .process('p-steel', { name: 'Steel mill' })
    .output('steel', 1, { reference: true })
    .input('electricity', 1)
    .output('co2', 2)
    .end()
    .process('p-transport', { name: 'Lorry' })
    .output('transport', 1, { reference: true })
    .input('electricity', 0.2)
    .output('co2', 0.1)
    .end();
}

const M_POWER = 7 / 9;
const M_STEEL = 25 / 9;
const M_TRANSPORT = 2.3 / 9;

/**
 * A frame (the declared unit: 1 item) of 2 kg steel, 10 items of transport, 0.5 kg supplier paint at 3 kg CO2e/kg
 * and 0.2 kg CO2 of its own, and a machined part (1 item) from a machining step with 5 MJ power and 10 g of fossil
 * CH4 (AR6: 29.8 → 0.298). Total: 2 · 25/9 + 10 · 2.3/9 + 5 · 7/9 + 1.5 + 0.2 + 0.298 = 12 + 1.998 = 13.998.
 */
const frame: ProductModelDocumentInput = {
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
const TOTAL = 12 + 1.998;

function chainOf(
  doc: ProductModelDocumentInput,
  db: Database | undefined = loopBuilder().build(),
  options: Parameters<typeof productModelSupplyChain>[2] = {},
): ProductModelSupplyChain {
  return productModelSupplyChain(
    parseProductModel(doc),
    db && { database: db, calculator: new Calculator(db) },
    options,
  );
}

const byLabel = (node: UpstreamTreeNode | undefined, label: string): UpstreamTreeNode => {
  const child = node?.children?.find((c) => c.label === label);
  assert.ok(
    child,
    `no child '${label}' under ${node?.id}: ${node?.children?.map((c) => c.label).join(', ')}`,
  );
  return child;
};

/** Every expanded node's total is its direct plus its children's totals; returns the nodes checked. */
function checkAdditive(chain: ProductModelSupplyChain, id: string, levels: number): number {
  const node = chain.upstream(id, { depth: levels, limit: 1000, nodes: 1e6 });
  assert.ok(node);
  let checked = 0;
  const walk = (n: UpstreamTreeNode) => {
    if (!n.children) return;
    const sum = n.children.reduce((s, c) => s + c.total, n.direct);
    assert.ok(
      Math.abs(sum - n.total) <= 1e-12 * Math.max(1, Math.abs(chain.total)),
      `${n.id} (${n.label}): ${n.total} ≠ direct + children ${sum}`,
    );
    checked++;
    n.children.forEach(walk);
  };
  walk(node);
  return checked;
}

/** Every kept node's total is its direct plus its incoming links (those from 'other' included). */
function checkSankey(sankey: SupplyChainSankey): void {
  for (const n of sankey.nodes) {
    if (n.kind === 'other') continue;
    const incoming = sankey.links.filter((l) => l.target === n.id).reduce((s, l) => s + l.value, 0);
    assert.ok(
      Math.abs(n.direct + incoming - n.total) <= 1e-12 * Math.max(1, Math.abs(sankey.total)),
      `${n.id} (${n.label}): ${n.total} ≠ ${n.direct} + ${incoming}`,
    );
  }
  const other = sankey.nodes.find((n) => n.kind === 'other');
  const fromOther = sankey.links.filter((l) => l.source === 'other').reduce((s, l) => s + l.value, 0);
  if (other) close(other.total, fromOther, 'other = its links');
  const ids = new Set(sankey.nodes.map((n) => n.id));
  for (const l of sankey.links) assert.ok(ids.has(l.source) && ids.has(l.target), JSON.stringify(l));
}

describe('productModelSupplyChain: the upstream tree', () => {
  it('gives the root and its children by hand, largest first', () => {
    const chain = chainOf(frame);
    close(chain.total, TOTAL, 'total');
    close(chain.lineTotal, TOTAL, 'line total');
    const root = chain.upstream();
    assert.ok(root);
    assert.equal(root.id, 'root');
    assert.equal(root.kind, 'foreground');
    assert.equal(root.processId, 'frame');
    assert.equal(root.label, 'Frame assembly');
    assert.equal(root.amount, 1);
    assert.equal(root.unit, 'item');
    assert.equal(root.direct, 0);
    close(root.total, TOTAL, 'root');
    assert.equal(root.share, 1);
    assert.equal(root.expandable, true);
    const children = root.children ?? [];
    assert.deepEqual(
      children.map((c) => [c.label, c.kind]),
      [
        ['Steel mill', 'background'],
        ['Machining', 'foreground'],
        ['Lorry', 'background'],
        ['paint (Paint Co.)', 'supplier'],
        ['CO2', 'emission'],
      ],
    );
    const [steel, machining, lorry, paint, co2] = children;
    close(steel.amount, 2, 'steel kg');
    assert.equal(steel.unit, 'kg');
    assert.equal(steel.processId, 'p-steel');
    assert.equal(steel.productId, 'steel');
    assert.equal(steel.path, '/processes/0/inputs/0');
    close(steel.direct, 4, 'steel direct');
    close(steel.total, 2 * M_STEEL, 'steel total');
    close(steel.share, (2 * M_STEEL) / TOTAL, 'steel share');
    close(machining.total, 5 * M_POWER + 0.298, 'machining');
    assert.equal(machining.path, '/processes/0/inputs/3');
    close(lorry.total, 10 * M_TRANSPORT, 'lorry');
    close(paint.total, 1.5, 'paint');
    assert.equal(paint.direct, paint.total);
    assert.equal(paint.expandable, false);
    close(co2.total, 0.2, 'CO2');
    assert.equal(co2.path, '/processes/0/emissions/0');
    assert.equal(co2.unit, 'kg');
  });

  it('expands background datasets through the loop: child amount −A_ij · scaling, total m_i · amount', () => {
    const chain = chainOf(frame);
    const steel = byLabel(chain.upstream(), 'Steel mill');
    const opened = chain.upstream(steel.id, { depth: 2 });
    assert.ok(opened);
    // 2 kg steel take 2 MJ power (direct 1 kg CO2), which take 0.2 kg steel (0.4 kg CO2 direct).
    const power = byLabel(opened, 'Power plant');
    assert.equal(opened.children?.length, 1);
    close(power.amount, 2, 'MJ');
    close(power.direct, 1, 'power direct');
    close(power.total, 2 * M_POWER, 'power total');
    const steelAgain = byLabel(power, 'Steel mill');
    close(steelAgain.amount, 0.2, 'steel in the loop');
    close(steelAgain.direct, 0.4, 'its direct');
    close(steelAgain.total, 0.2 * M_STEEL, 'its total');
    assert.equal(steelAgain.depth, 3);
    assert.match(steelAgain.id, /^root\/l0\/b\d+\/b\d+$/);
    // Asking for a node again gives the same numbers.
    const { children: _children, ...unexpanded } = steelAgain;
    assert.deepEqual(chain.upstream(steelAgain.id, { depth: 0 }), unexpanded);
  });

  it('adds up at every node, and the root is the calculated footprint', () => {
    const db = loopBuilder().build();
    const chain = chainOf(frame, db);
    assert.ok(checkAdditive(chain, 'root', 8) > 10);
    const background = modelBackground(db, new Calculator(db), {
      gwpSetId: 'ipcc-ar6-gwp100',
      biogenicApproach: '-1/+1',
    });
    close(chain.total, calculateProductModel(parseProductModel(frame), background).split.total, 'result');
  });

  it('sums what is over the limit into one others node', () => {
    const root = chainOf(frame).upstream('root', { limit: 2 });
    assert.equal(root?.children?.length, 3);
    const others = root?.children?.[2];
    assert.equal(others?.kind, 'others');
    assert.equal(others?.id, 'root/others');
    assert.equal(others?.count, 3);
    assert.equal(others?.expandable, false);
    close(others?.total, 10 * M_TRANSPORT + 1.5 + 0.2, 'others');
  });

  it('cuts loops at the depth limit and knows no other nodes', () => {
    const chain = chainOf(frame, undefined, { maxDepth: 3 });
    const steel = byLabel(chain.upstream(), 'Steel mill');
    const power = byLabel(chain.upstream(steel.id), 'Power plant');
    const deepest = byLabel(chain.upstream(power.id), 'Steel mill');
    assert.equal(deepest.depth, 3);
    assert.equal(deepest.expandable, false);
    assert.equal(chain.upstream(deepest.id)?.children, undefined);
    for (const id of [
      `${deepest.id}/b0`,
      'root/l99',
      'root/b0',
      'frame',
      '',
      'root/',
      'root/l4/x',
      `${steel.id}/l0`,
    ])
      assert.equal(chain.upstream(id), undefined, id);
  });

  it('leaves deeper levels for later past the node budget', () => {
    const root = chainOf(frame).upstream('root', { depth: 3, nodes: 5 });
    assert.equal(root?.children?.length, 5);
    assert.ok(root?.children?.every((c) => c.children === undefined));
  });
});

describe('productModelSupplyChain: the Sankey diagram', () => {
  // Total requirements of the background demand d = (power 5, steel 2, transport 10): s_power − s_steel − 0.2 · 10
  // = 5 and s_steel = 2 + 0.1 s_power → s_power = 10, s_steel = 3, s_transport = 10.
  it('gives every node and link by hand', () => {
    const sankey = chainOf(frame).sankey({ threshold: 0, maxNodes: 100 });
    close(sankey.total, TOTAL, 'total');
    assert.equal(sankey.candidates, 6);
    const node = (label: string) => {
      const n = sankey.nodes.find((x) => x.label === label);
      assert.ok(n, label);
      return n;
    };
    const link = (from: string, to: string) =>
      sankey.links.find((l) => l.source === node(from).id && l.target === node(to).id)?.value;
    assert.equal(sankey.nodes[0].label, 'Frame assembly');
    close(node('Frame assembly').total, TOTAL, 'frame');
    close(node('Frame assembly').direct, 0.2, 'frame direct');
    close(node('Machining').total, 5 * M_POWER + 0.298, 'machining');
    close(node('Machining').direct, 0.298, 'machining direct');
    close(node('Power plant').total, 10 * M_POWER, 'power');
    close(node('Power plant').amount, 10, 'power MJ');
    close(node('Power plant').direct, 5, 'power direct');
    close(node('Steel mill').total, 3 * M_STEEL, 'steel');
    close(node('Steel mill').direct, 6, 'steel direct');
    close(node('Lorry').total, 10 * M_TRANSPORT, 'lorry');
    close(node('paint (Paint Co.)').total, 1.5, 'paint');
    close(link('Steel mill', 'Power plant'), M_STEEL * 0.1 * 10, 'steel → power');
    close(link('Power plant', 'Steel mill'), M_POWER * 3, 'power → steel');
    close(link('Power plant', 'Lorry'), M_POWER * 0.2 * 10, 'power → lorry');
    close(link('Power plant', 'Machining'), M_POWER * 5, 'power → machining');
    close(link('Steel mill', 'Frame assembly'), M_STEEL * 2, 'steel → frame');
    close(link('Lorry', 'Frame assembly'), M_TRANSPORT * 10, 'lorry → frame');
    close(link('Machining', 'Frame assembly'), 5 * M_POWER + 0.298, 'machining → frame');
    close(link('paint (Paint Co.)', 'Frame assembly'), 1.5, 'paint → frame');
    assert.equal(sankey.links.length, 8);
    assert.ok(sankey.nodes.every((n) => n.otherUpstream === 0));
    // One of the two links between power and steel closes the loop.
    assert.deepEqual(
      sankey.links.filter((l) => l.loop).map((l) => [l.source, l.target]),
      [[node('Steel mill').id, node('Power plant').id]],
    );
    checkSankey(sankey);
  });

  it('prunes by threshold and size, and sums the pruned into other', () => {
    const chain = chainOf(frame);
    // 0.2 · 13.998 = 2.7996: the lorry (2.556) and the paint (1.5) go.
    const pruned = chain.sankey({ threshold: 0.2 });
    assert.deepEqual(pruned.nodes.map((n) => n.label).sort(), [
      'Frame assembly',
      'Machining',
      'Other processes (below the threshold)',
      'Power plant',
      'Steel mill',
    ]);
    const frameNode = pruned.nodes.find((n) => n.label === 'Frame assembly');
    close(frameNode?.otherUpstream, 10 * M_TRANSPORT + 1.5, 'other upstream of the frame');
    close(pruned.links.find((l) => l.source === 'other')?.value, 10 * M_TRANSPORT + 1.5, 'other → frame');
    checkSankey(pruned);
    // At most 3 nodes: the frame and the two largest (steel 8.33, power 7.78); machining goes to other.
    const small = chain.sankey({ threshold: 0, maxNodes: 3 });
    assert.deepEqual(
      small.nodes.map((n) => n.label),
      ['Frame assembly', 'Steel mill', 'Power plant', 'Other processes (below the threshold)'],
    );
    close(
      small.nodes[0].otherUpstream,
      10 * M_TRANSPORT + 1.5 + 5 * M_POWER + 0.298,
      'frame takes from pruned',
    );
    checkSankey(small);
    assert.equal(chain.sankey({ threshold: 0, maxNodes: 3 }), small, 'kept per parameters');
    // Only the reference process is left at a threshold above 1.
    const alone = chain.sankey({ threshold: 2 });
    assert.deepEqual(
      alone.nodes.map((n) => n.id),
      [alone.nodes[0].id, 'other'],
    );
    checkSankey(alone);
  });
});

describe('productModelSupplyChain: loops, wastes, credits, biogenic carbon', () => {
  /** Power and steel as above, wood (uptake 1.8 kg CO2, 0.1 kg biogenic CO2) and landfill (a waste treatment). */
  function richer(): Database {
    return loopBuilder()
      .product('wood', { name: 'Wood' })
      .waste('scrap', { name: 'Scrap' })
      .elementary('co2-biogenic', { name: 'Carbon dioxide, biogenic', category: AIR })
      .elementary('co2-in-air', {
        name: 'Carbon dioxide, in air',
        category: 'Elementary flows/Resource/in air',
      })
      .process('p-wood', { name: 'Forestry' })
      .output('wood', 1, { reference: true })
      .input('co2-in-air', 1.8)
      .output('co2-biogenic', 0.1)
      .input('transport', 0.5)
      .end()
      .process('p-landfill', { name: 'Landfill' })
      .input('scrap', 1, { reference: true })
      .output('co2', 0.05)
      .input('transport', 0.1)
      .end()
      .build();
  }

  /** A smelter taking back 20 % of its output, a crate of wood, scrap to landfill and a credited by-product. */
  const looped: ProductModelDocumentInput = {
    schema: 'opencfp/product-model@1',
    referenceProcessId: 'pack',
    processes: [
      {
        id: 'pack',
        name: 'Packing',
        output: { amount: 2, unit: 'kg' },
        inputs: [
          { name: 'ingot', amount: 2, unit: 'kg', source: { kind: 'foreground', processId: 'smelter' } },
          { name: 'crate', amount: 0.5, unit: 'kg', source: { kind: 'background', processId: 'p-wood' } },
        ],
        emissions: [{ gas: 'CO2', origin: 'biogenic', amount: 0.01 }],
      },
      {
        id: 'smelter',
        name: 'Smelter',
        output: { amount: 1, unit: 'kg' },
        inputs: [
          { name: 'return', amount: 0.2, unit: 'kg', source: { kind: 'foreground', processId: 'smelter' } },
          { name: 'steel', amount: 1, unit: 'kg', source: { kind: 'background', processId: 'p-steel' } },
          { name: 'scrap', amount: 0.1, unit: 'kg', source: { kind: 'background', processId: 'p-landfill' } },
          { name: 'power', amount: 2, unit: 'kWh', source: { kind: 'background', processId: 'p-power' } },
          { name: 'credit', amount: -0.3, unit: 'kg', source: { kind: 'background', processId: 'p-steel' } },
          { name: 'remelt', amount: 0.05, unit: 'kg', source: { kind: 'foreground', processId: 'remelt' } },
        ],
        emissions: [{ gas: 'CO2', amount: 0.3 }],
      },
      {
        id: 'remelt',
        name: 'Remelt',
        output: { amount: 1, unit: 'kg' },
        inputs: [
          { name: 'ingot', amount: 0.5, unit: 'kg', source: { kind: 'foreground', processId: 'smelter' } },
        ],
        emissions: [{ gas: 'CH4', amount: 0.001 }],
      },
    ],
  };

  for (const approach of ['-1/+1', '0/0'] as const)
    it(`adds up and equals the calculation (${approach})`, () => {
      const db = richer();
      const calculator = new Calculator(db);
      const background = modelBackground(db, calculator, {
        gwpSetId: 'ipcc-ar6-gwp100',
        biogenicApproach: approach,
      });
      const expected = calculateProductModel(parseProductModel(looped), background, {
        biogenicApproach: approach,
      }).split.total;
      const chain = productModelSupplyChain(
        parseProductModel(looped),
        { database: db, calculator, model: background },
        { biogenicApproach: approach },
      );
      close(chain.total, expected, 'total');
      close(chain.lineTotal, expected, 'line total');
      assert.ok(checkAdditive(chain, 'root', 7) > 20);
      // The landfill is a waste treatment: its amount is negative in A's convention, its total positive.
      const smelter = byLabel(chain.upstream(), 'Smelter');
      const landfill = byLabel(chain.upstream(smelter.id), 'Landfill');
      assert.ok((landfill.amount as number) < 0 && landfill.total > 0, JSON.stringify(landfill));
      const sankey = chain.sankey({ threshold: 0, maxNodes: 1000 });
      checkSankey(sankey);
      assert.ok(sankey.links.some((l) => l.loop));
      checkSankey(chain.sankey({ threshold: 0.05, maxNodes: 4 }));
    });

  it('works on a background whose whole matrix is singular, on the part the model reaches', () => {
    const db = loopBuilder()
      .product('void', { name: 'Void' })
      .process('p-void', { name: 'Consumes all it makes' })
      .output('void', 1, { reference: true })
      .input('void', 1)
      .end()
      .build();
    const calculator = new Calculator(db);
    assert.equal(calculator.factorization, undefined);
    const chain = chainOf(frame, db);
    close(chain.total, TOTAL, 'total');
    checkAdditive(chain, 'root', 6);
    const sankey = chain.sankey({ threshold: 0 });
    close(sankey.nodes.find((n) => n.label === 'Power plant')?.total, 10 * M_POWER, 'power');
    checkSankey(sankey);
  });

  it('shows electricity inputs and transport legs with their own factors as leaves and Sankey nodes', () => {
    const doc: ProductModelDocumentInput = {
      schema: 'opencfp/product-model@1',
      referenceProcessId: 'frame',
      processes: [
        {
          ...(frame.processes[0] as object),
          inputs: [
            ...(frame.processes[0].inputs ?? []),
            {
              name: 'grid',
              amount: 10,
              unit: 'kWh',
              source: {
                kind: 'electricity',
                region: 'Jiangsu',
                year: 2023,
                instruments: [
                  {
                    kind: 'ppa',
                    amount: 4,
                    factor: 0.02,
                    factorSource: 'test wind farm',
                    criteria: {
                      uniqueClaim: true,
                      trackedAndCancelled: true,
                      timeMatch: true,
                      marketMatch: true,
                    },
                  },
                ],
              },
            },
            {
              name: 'delivery',
              amount: 20,
              unit: 'kg',
              source: {
                kind: 'transport',
                mode: 'road',
                distance: 100,
                factor: { kgCo2ePerTkm: 0.1, source: 'test carrier' },
              },
            },
          ],
        } as ProductModelDocumentInput['processes'][number],
        frame.processes[1],
      ],
    };
    const db = loopBuilder().build();
    const calculator = new Calculator(db);
    const expected = calculateProductModel(
      parseProductModel(doc),
      modelBackground(db, calculator, { gwpSetId: 'ipcc-ar6-gwp100', biogenicApproach: '-1/+1' }),
    );
    const chain = chainOf(doc, db);
    close(chain.total, expected.split.total, 'total');
    checkAdditive(chain, 'root', 6);
    const root = chain.upstream();
    const grid = root?.children?.find((c) => c.label === 'grid');
    const delivery = root?.children?.find((c) => c.label === 'delivery');
    assert.deepEqual(
      [grid?.kind, grid?.expandable, delivery?.kind, delivery?.unit],
      ['electricity', false, 'transport', 't*km'],
    );
    close(grid?.total, expected.contributions.find((c) => c.name === 'grid')?.co2e as number, 'grid');
    // 20 kg over 100 km: 2 t·km at 0.1 kg CO2e.
    close(delivery?.amount, 2, 't·km');
    close(delivery?.total, 0.2, 'delivery');
    const sankey = chain.sankey({ threshold: 0 });
    assert.deepEqual(
      sankey.nodes
        .filter((n) => n.kind === 'electricity' || n.kind === 'transport')
        .map((n) => n.label)
        .sort(),
      ['delivery', 'grid'],
    );
    checkSankey(sankey);
  });

  it('works without a background: suppliers and emissions only', () => {
    const chain = chainOf(
      {
        schema: 'opencfp/product-model@1',
        referenceProcessId: 'a',
        processes: [
          {
            id: 'a',
            name: 'A',
            output: { amount: 1, unit: 'item' },
            inputs: [
              {
                name: 'part',
                amount: 2,
                unit: 'item',
                source: { kind: 'supplier', pcfExcludingBiogenic: 1.5, unit: 'item' },
              },
            ],
            emissions: [{ gas: 'N2O', amount: 0.001 }],
          },
        ],
      },
      undefined,
    );
    // 3 + 0.001 · 273 (AR6 N2O).
    close(chain.total, 3.273, 'total');
    checkAdditive(chain, 'root', 2);
    const sankey = chain.sankey({ threshold: 0 });
    assert.deepEqual(
      sankey.nodes.map((n) => [n.kind, n.label]),
      [
        ['foreground', 'A'],
        ['supplier', 'part'],
      ],
    );
    checkSankey(sankey);
  });
});
