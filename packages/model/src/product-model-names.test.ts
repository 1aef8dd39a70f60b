// A result names each foreground process in Chinese where the model document gives a `nameZh`: in its processes, its
// lines, its upstream tree and its Sankey diagram; a process without one has no Chinese field (nothing is made up).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calculateProductModel } from './calculate-product-model.js';
import { parseProductModel } from './parse-product-model.js';
import { productModelSupplyChain } from './product-model-supply-chain.js';

/**
 * A pack (1 item, named in Chinese) of 2 cells and 0.5 kg CO2 of its own; a cell (no Chinese name) of 1 kg cathode
 * from a supplier at 4 kg CO2e/kg and 0.25 kg CO2 of its own. Total: 0.5 + 2 · (4 + 0.25) = 9 kg CO2e.
 */
const PACK = parseProductModel({
  schema: 'opencfp/product-model@1',
  referenceProcessId: 'pack',
  processes: [
    {
      id: 'pack',
      name: 'Pack assembly',
      nameZh: '电池包组装',
      output: { amount: 1, unit: 'item' },
      inputs: [{ name: 'cells', amount: 2, unit: 'item', source: { kind: 'foreground', processId: 'cell' } }],
      emissions: [{ gas: 'CO2', amount: 0.5, unit: 'kg' }],
    },
    {
      id: 'cell',
      name: 'Cell production',
      output: { amount: 1, unit: 'item' },
      inputs: [
        {
          name: 'cathode',
          amount: 1,
          unit: 'kg',
          source: { kind: 'supplier', pcfExcludingBiogenic: 4, unit: 'kg', supplier: 'Cathode Co.' },
        },
      ],
      emissions: [{ gas: 'CO2', amount: 0.25, unit: 'kg' }],
    },
  ],
});

describe('Chinese process names in results', () => {
  it('processes and lines carry the Chinese name of their process where the document has one', () => {
    const footprint = calculateProductModel(PACK, undefined);
    assert.equal(footprint.split.total, 9);
    assert.deepEqual(
      footprint.byProcess.map((p) => [p.processId, p.name, p.nameZh, 'nameZh' in p, p.direct]),
      [
        ['pack', 'Pack assembly', '电池包组装', true, 0.5],
        ['cell', 'Cell production', undefined, false, 8.5],
      ],
    );
    assert.deepEqual(
      footprint.contributions.map((c) => [
        c.name,
        c.processName,
        c.processNameZh,
        'processNameZh' in c,
        c.co2e,
      ]),
      [
        ['cathode', 'Cell production', undefined, false, 8],
        ['CO2', 'Pack assembly', '电池包组装', true, 0.5],
        ['CO2', 'Cell production', undefined, false, 0.5],
      ],
    );
    // Stored as JSON, a process without a Chinese name has no such key.
    const stored = JSON.parse(JSON.stringify(footprint)) as typeof footprint;
    assert.deepEqual(Object.keys(stored.byProcess[1]).includes('nameZh'), false);
  });

  it('the upstream tree and the Sankey diagram label foreground processes in Chinese where they can', () => {
    const chain = productModelSupplyChain(PACK, undefined);
    const root = chain.upstream(undefined, { depth: 2, limit: 10 });
    assert.ok(root);
    assert.deepEqual([root.label, root.labelZh, root.total], ['Pack assembly', '电池包组装', 9]);
    assert.deepEqual(
      root.children?.map((c) => [c.kind, c.label, c.labelZh, 'labelZh' in c, c.total]),
      [
        ['foreground', 'Cell production', undefined, false, 8.5],
        ['emission', 'CO2', undefined, false, 0.5],
      ],
    );
    assert.deepEqual(
      root.children?.[0].children?.map((c) => [c.kind, c.label, 'labelZh' in c, c.total]),
      [
        ['supplier', 'cathode (Cathode Co.)', false, 8],
        ['emission', 'CO2', false, 0.5],
      ],
    );
    const sankey = chain.sankey({ threshold: 0, maxNodes: 10 });
    assert.deepEqual(
      sankey.nodes.map((n) => [n.id, n.label, n.labelZh, 'labelZh' in n, n.total]),
      [
        ['f0', 'Pack assembly', '电池包组装', true, 9],
        ['f1', 'Cell production', undefined, false, 8.5],
        ['s2', 'cathode (Cathode Co.)', undefined, false, 8],
      ],
    );
  });
});
