import assert from 'node:assert/strict';
import type { MatrixSolver } from '@opencfp/linalg';
import { Calculator, type CalculationOptions } from '../calculator.js';
import type { Diagnostic } from '../diagnostics.js';
import { SingularSystemError } from '../errors.js';
import type { LciResult } from '../lci-result.js';
import type { Database } from '../model.js';
import { DatabaseBuilder } from './database-builder.js';
import { assertClose, checkResultInvariants } from './result-checks.js';

/** One hand-computed calculation test; `run` is called once per solver. */
export interface CalculationCase {
  name: string;
  run(solver: MatrixSolver): void;
}

function calc(db: Database, solver: MatrixSolver, options: CalculationOptions = {}): Calculator {
  return new Calculator(db, { ...options, solver });
}

/** Calculates, checks the invariants, returns the result. */
function lci(c: Calculator, processId: string, productId?: string): LciResult {
  const r = c.calculate(productId === undefined ? { processId } : { processId, productId });
  checkResultInvariants(c, r);
  return r;
}

function amountOf(r: LciResult, flowId: string): number {
  return r.inventory.find((e) => e.flowId === flowId)?.amount ?? 0;
}

function scalingOf(c: Calculator, r: LciResult, processId: string, productId?: string): number {
  const cols = c.matrices.columnsOf(processId);
  const j = productId === undefined ? cols[0] : c.matrices.column(processId, productId);
  assert.ok(j !== undefined, `no column for ${processId}`);
  return r.scaling[j];
}

const codes = (ds: readonly Diagnostic[]): string[] => ds.map((d) => d.code);

/** steel ← electricity: the 2-process chain used by several cases. */
function chain(): DatabaseBuilder {
  return new DatabaseBuilder()
    .product('steel')
    .product('electricity', { property: 'energy' })
    .elementary('co2')
    .elementary('coal', { category: 'Elementary flows/resource/in ground' })
    .process('p-steel', { tags: ['stage:production'] })
    .output('steel', 1)
    .input('electricity', 2)
    .output('co2', 0.5)
    .end()
    .process('p-power', { tags: ['stage:energy'] })
    .output('electricity', 10)
    .output('co2', 2)
    .input('coal', 1)
    .end();
}

/** A process with two co-products a (1 kg) and b (3 kg), 10 kg CO2, 4 MJ electricity (0.5 kg CO2 per MJ). */
function coProducts(
  configure: (p: ReturnType<DatabaseBuilder['process']>) => void,
  defaultAllocation?: 'physical' | 'economic' | 'causal',
): Database {
  const b = new DatabaseBuilder()
    .product('a')
    .product('b')
    .product('electricity', { property: 'energy' })
    .elementary('co2');
  const p = b
    .process('p-multi', defaultAllocation ? { defaultAllocation } : {})
    .output('a', 1, { id: 1 })
    .output('b', 3, { id: 2 })
    .output('co2', 10, { id: 3 })
    .input('electricity', 4, { id: 4 });
  configure(p);
  p.end().process('p-power').output('electricity', 1).output('co2', 0.5);
  return b.build();
}

const allFactors = (p: ReturnType<DatabaseBuilder['process']>): void => {
  p.allocation('physical', 'a', 0.25)
    .allocation('physical', 'b', 0.75)
    .allocation('economic', 'a', 0.6)
    .allocation('economic', 'b', 0.4)
    // causal: CO2 by exchange id, electricity by flow id
    .allocation('causal', 'a', 0.5, { exchange: 3 })
    .allocation('causal', 'b', 0.5, { exchange: 3 })
    .allocation('causal', 'a', 0.9, { flow: 'electricity' })
    .allocation('causal', 'b', 0.1, { flow: 'electricity' });
};

export const calculationCases: CalculationCase[] = [
  {
    name: 'two-process chain: s, g, contributions and upstream totals by hand',
    run(solver) {
      const c = calc(chain().build(), solver);
      const r = lci(c, 'p-steel');
      // A = [[1, 0], [−2, 10]] (rows steel, electricity); f = [1, 0] → s = [1, 2/10 = 0.2]
      assertClose(scalingOf(c, r, 'p-steel'), 1);
      assertClose(scalingOf(c, r, 'p-power'), 0.2);
      // CO2 = 0.5·1 + 2·0.2 = 0.9; coal (an extraction) = −1·0.2 = −0.2
      assertClose(amountOf(r, 'co2'), 0.9);
      assertClose(amountOf(r, 'coal'), -0.2);
      assert.equal(r.demand.unit, 'kg');
      // Aᵀ m = c with c = [0.5, 2]: m_power = 2/10 = 0.2, m_steel = 0.5 + 2·0.2 = 0.9;
      // upstream totals m_j·A_jj·s_j: steel 0.9·1·1 = 0.9, power 0.2·10·0.2 = 0.4
      const up = new Map(r.upstreamTotals('co2').map((u) => [u.processId, u.amount]));
      assertClose(up.get('p-steel') ?? NaN, 0.9);
      assertClose(up.get('p-power') ?? NaN, 0.4);
      const direct = new Map(r.directContributions('co2').map((u) => [u.processId, u.amount]));
      assertClose(direct.get('p-steel') ?? NaN, 0.5);
      assertClose(direct.get('p-power') ?? NaN, 0.4);
      // grouped by stage tag: production 0.5, energy 0.4
      const groups = new Map(r.groupByTags('co2', { prefix: 'stage:' }).map((g) => [g.tag, g.amount]));
      assertClose(groups.get('stage:production') ?? NaN, 0.5);
      assertClose(groups.get('stage:energy') ?? NaN, 0.4);
      // tree: root steel (amount 1, total 0.9) → electricity (amount −A·scaling = 2·1 = 2, total 0.2·2 = 0.4)
      const tree = r.upstreamTree('co2');
      const [child] = tree.expand(tree.root);
      assert.equal(child.processId, 'p-power');
      assertClose(child.amount, 2);
      assertClose(child.scaling, 0.2);
      assertClose(child.total, 0.4);
      assert.deepEqual(tree.expand(child), []);
      // electricity alone: s = 1/10 = 0.1 → CO2 0.2
      assertClose(amountOf(lci(c, 'p-power'), 'co2'), 0.2);
      assert.deepEqual(codes(r.diagnostics), []);
    },
  },
  {
    name: 'loop A = [[1, −0.5], [−0.2, 1]]',
    run(solver) {
      const db = new DatabaseBuilder()
        .product('x')
        .product('y')
        .elementary('co2')
        .process('p-x')
        .output('x', 1)
        .input('y', 0.2)
        .output('co2', 1)
        .end()
        .process('p-y')
        .output('y', 1)
        .input('x', 0.5)
        .output('co2', 2)
        .end()
        .build();
      const c = calc(db, solver);
      // rows and columns x, y: p-x uses 0.2 y (A_yx = −0.2), p-y uses 0.5 x (A_xy = −0.5)
      assert.deepEqual(
        c.matrices.A.toDense().map((row) => [...row]),
        [
          [1, -0.5],
          [-0.2, 1],
        ],
      );
      const r = lci(c, 'p-x');
      // s_x − 0.5 s_y = 1, −0.2 s_x + s_y = 0 → s_y = 0.2 s_x, s_x (1 − 0.1) = 1 → s_x = 10/9, s_y = 2/9
      assertClose(scalingOf(c, r, 'p-x'), 10 / 9);
      assertClose(scalingOf(c, r, 'p-y'), 2 / 9);
      // CO2 = 10/9 + 2·2/9 = 14/9
      assertClose(amountOf(r, 'co2'), 14 / 9);
      // Aᵀ m = [1, 2]: m_x − 0.2 m_y = 1, −0.5 m_x + m_y = 2 → m_x = 1.4/0.9 = 14/9, m_y = 2 + 7/9 = 25/9
      // upstream totals: x 14/9·1·10/9 = 140/81, y 25/9·1·2/9 = 50/81 (they overlap in a loop)
      const up = new Map(r.upstreamTotals('co2').map((u) => [u.processId, u.amount]));
      assertClose(up.get('p-x') ?? NaN, 140 / 81);
      assertClose(up.get('p-y') ?? NaN, 50 / 81);
      // tree: root x (amount 1, total 14/9) → y (amount −A_yx·1 = 0.2, total 25/9·0.2 = 5/9)
      // → x (amount −A_xy·0.2 = 0.1, total 14/90) …
      const tree = r.upstreamTree('co2', { maxDepth: 5 });
      const [y] = tree.expand(tree.root);
      assertClose(y.amount, 0.2);
      assertClose(y.total, 5 / 9);
      const [x] = tree.expand(y);
      assertClose(x.amount, 0.1);
      assertClose(x.total, 14 / 90);
      // the loop is cut at maxDepth
      let node = tree.root;
      for (let d = 0; d < 5; d++) node = tree.expand(node)[0];
      assert.equal(node.depth, 5);
      assert.deepEqual(tree.expand(node), []);
      assert.deepEqual(codes(r.diagnostics), []);
    },
  },
  {
    name: 'allocation: physical, economic, causal and as-defined on two co-products',
    run(solver) {
      const db = coProducts(allFactors, 'economic');
      // physical a 0.25, b 0.75. Demand a: s = 1; electricity 4·0.25 = 1 MJ → CO2 10·0.25 + 1·0.5 = 3.0
      // Demand b (3 kg per run): s = 1/3; CO2 (10·0.75 + 4·0.75·0.5)/3 = (7.5 + 1.5)/3 = 3.0
      const physical = calc(db, solver, { allocation: 'physical' });
      assertClose(amountOf(lci(physical, 'p-multi', 'a'), 'co2'), 3.0);
      const rb = lci(physical, 'p-multi', 'b');
      assertClose(amountOf(rb, 'co2'), 3.0);
      assertClose(scalingOf(physical, rb, 'p-multi', 'b'), 1 / 3);
      assertClose(scalingOf(physical, rb, 'p-power'), 1);
      assert.deepEqual(codes(rb.diagnostics), []);
      // economic a 0.6: 10·0.6 + 4·0.6·0.5 = 6 + 1.2 = 7.2; b 0.4: (10·0.4 + 4·0.4·0.5)/3 = (4 + 0.8)/3 = 1.6
      const economic = calc(db, solver, { allocation: 'economic' });
      assertClose(amountOf(lci(economic, 'p-multi', 'a'), 'co2'), 7.2);
      assertClose(amountOf(lci(economic, 'p-multi', 'b'), 'co2'), 1.6);
      // as-defined: the process's default is economic
      const asDefined = calc(db, solver);
      assertClose(amountOf(lci(asDefined, 'p-multi', 'a'), 'co2'), 7.2);
      // causal: CO2 (exchange 3) 0.5/0.5; electricity (by flow) 0.9/0.1
      // a: 10·0.5 + 4·0.9·0.5 = 5 + 1.8 = 6.8; b: (10·0.5 + 4·0.1·0.5)/3 = 5.2/3
      const causal = calc(db, solver, { allocation: 'causal' });
      assertClose(amountOf(lci(causal, 'p-multi', 'a'), 'co2'), 6.8);
      assertClose(amountOf(lci(causal, 'p-multi', 'b'), 'co2'), 5.2 / 3);
      // the provided flow is not allocated: A_aa = 1, A_bb = 3; co-products stay out of each other's columns
      const m = causal.matrices;
      const ja = m.column('p-multi', 'a') as number;
      const jb = m.column('p-multi', 'b') as number;
      assert.equal(m.A.get(ja, ja), 1);
      assert.equal(m.A.get(jb, jb), 3);
      assert.equal(m.A.get(jb, ja), 0);
      assert.equal(m.A.get(ja, jb), 0);
    },
  },
  {
    name: 'allocation: a missing factor counts as 1.0 and is reported',
    run(solver) {
      const db = coProducts((p) => p.allocation('physical', 'a', 0.25));
      const c = calc(db, solver, { allocation: 'physical' });
      // a: 10·0.25 + 4·0.25·0.5 = 3; b: factor missing → 1: (10 + 4·0.5)/3 = 4
      assertClose(amountOf(lci(c, 'p-multi', 'a'), 'co2'), 3);
      const r = lci(c, 'p-multi', 'b');
      assertClose(amountOf(r, 'co2'), 4);
      const missing = r.diagnostics.filter((d) => d.code === 'ALLOCATION_FACTOR_MISSING');
      assert.equal(missing.length, 1);
      assert.equal(missing[0].flowId, 'b');
      assert.equal(missing[0].processId, 'p-multi');
      // causal factors given only for CO2: electricity is missing for both co-products
      const causal = coProducts((p) =>
        p.allocation('causal', 'a', 0.5, { exchange: 3 }).allocation('causal', 'b', 0.5, { exchange: 3 }),
      );
      const cc = calc(causal, solver, { allocation: 'causal' });
      // a: 10·0.5 + 4·1·0.5 = 7
      const ra = lci(cc, 'p-multi', 'a');
      assertClose(amountOf(ra, 'co2'), 7);
      const causalMissing = ra.diagnostics.filter((d) => d.code === 'ALLOCATION_FACTOR_MISSING');
      assert.deepEqual(causalMissing.map((d) => d.flowId).sort(), ['a', 'b']);
    },
  },
  {
    name: "allocation 'none' and unallocated co-products carry the full burden, reported",
    run(solver) {
      const db = coProducts(allFactors);
      // none: a: 10 + 4·0.5 = 12; b: 12/3 = 4
      const none = calc(db, solver, { allocation: 'none' });
      const ra = lci(none, 'p-multi', 'a');
      assertClose(amountOf(ra, 'co2'), 12);
      assertClose(amountOf(lci(none, 'p-multi', 'b'), 'co2'), 4);
      const d = ra.diagnostics.find((x) => x.code === 'UNALLOCATED_COPRODUCTS');
      assert.equal(d?.severity, 'info');
      // as-defined without a default method: the same figures, reported as a warning
      const asDefined = calc(db, solver);
      const r = lci(asDefined, 'p-multi', 'a');
      assertClose(amountOf(r, 'co2'), 12);
      assert.equal(r.diagnostics.find((x) => x.code === 'UNALLOCATED_COPRODUCTS')?.severity, 'warning');
      // a method the process has no factors for: also unallocated
      const noFactors = coProducts(() => {});
      const rp = lci(calc(noFactors, solver, { allocation: 'physical' }), 'p-multi', 'a');
      assertClose(amountOf(rp, 'co2'), 12);
      assert.ok(codes(rp.diagnostics).includes('UNALLOCATED_COPRODUCTS'));
      // a single-product process is never allocated, whatever its factors
      const single = new DatabaseBuilder()
        .product('a')
        .elementary('co2')
        .process('p')
        .output('a', 1)
        .output('co2', 2)
        .allocation('physical', 'a', 0.5)
        .end()
        .build();
      const rs = lci(calc(single, solver, { allocation: 'physical' }), 'p');
      assertClose(amountOf(rs, 'co2'), 2);
      assert.deepEqual(codes(rs.diagnostics), []);
    },
  },
  {
    name: 'avoided product: credited (+a in the provider row), whichever direction it is stored in',
    run(solver) {
      for (const storedAsInput of [true, false]) {
        const b = new DatabaseBuilder()
          .product('x')
          .product('electricity', { property: 'energy' })
          .elementary('co2');
        const p = b.process('p-x').output('x', 1).output('co2', 1);
        if (storedAsInput) p.input('electricity', 0.5, { avoided: true });
        else p.output('electricity', 0.5, { avoided: true });
        p.end().process('p-power').output('electricity', 1).output('co2', 0.4);
        const c = calc(b.build(), solver);
        const r = lci(c, 'p-x');
        // A = [[1, 0], [+0.5, 1]] → s_power = −0.5; CO2 = 1 − 0.5·0.4 = 0.8
        const jx = c.matrices.column('p-x', 'x') as number;
        const je = c.matrices.column('p-power', 'electricity') as number;
        assert.equal(c.matrices.A.get(je, jx), 0.5);
        assertClose(scalingOf(c, r, 'p-power'), -0.5);
        assertClose(amountOf(r, 'co2'), 0.8);
        // a negative scaling reached only through the avoided link is a credit, not a finding
        assert.deepEqual(codes(r.diagnostics), []);
      }
    },
  },
  {
    name: 'waste treatment: waste output linked to a treatment; a treatment demand is −1',
    run(solver) {
      const db = new DatabaseBuilder()
        .product('x')
        .waste('scrap')
        .elementary('co2')
        .process('p-x')
        .output('x', 1)
        .output('scrap', 0.2)
        .output('co2', 1)
        .end()
        .process('p-treat')
        .input('scrap', 2)
        .output('co2', 0.6)
        .end()
        .process('p-recycle')
        .output('x', 1)
        .input('scrap', 0.1, { avoided: true })
        .end()
        .build();
      const c = calc(db, solver);
      const jt = c.matrices.column('p-treat', 'scrap') as number;
      assert.equal(c.matrices.products[jt].isWaste, true);
      // treatment column: diagonal −2 (the waste input); p-x puts +0.2 in the scrap row
      assert.equal(c.matrices.A.get(jt, jt), -2);
      const r = lci(c, 'p-x', 'x');
      // 0.2·1 − 2·s_t = 0 → s_t = 0.1; CO2 = 1 + 0.1·0.6 = 1.06
      assertClose(scalingOf(c, r, 'p-treat'), 0.1);
      assertClose(amountOf(r, 'co2'), 1.06);
      // treating 1 kg of scrap: f = −1 → −2 s_t = −1 → s_t = 0.5, CO2 = 0.3
      const rt = lci(c, 'p-treat');
      assert.equal(rt.demand.isWaste, true);
      assertClose(rt.scaling[jt], 0.5);
      assertClose(amountOf(rt, 'co2'), 0.3);
      // avoided waste: −0.1 in the scrap row → −2 s_t − 0.1 = 0 → s_t = −0.05: a credit, CO2 −0.03
      const ra = lci(c, 'p-recycle');
      assertClose(ra.scaling[jt], -0.05);
      assertClose(amountOf(ra, 'co2'), -0.03);
      assert.deepEqual(codes(ra.diagnostics), []);
    },
  },
  {
    name: 'units: g vs kg, kWh vs MJ, m³ vs kg of water; unknown units are reported and skipped',
    run(solver) {
      const db = new DatabaseBuilder()
        .product('x')
        .product('y')
        .product('electricity', { property: 'energy' })
        .product('water', { factors: [{ property: 'volume', factor: 0.001 }] })
        .elementary('co2')
        .elementary('ch4')
        .process('p-x')
        .output('x', 1)
        .input('y', 500, { unit: 'g' })
        .input('electricity', 1, { unit: 'kWh' })
        .input('water', 0.002, { unit: 'm3', property: 'volume' })
        .output('ch4', 300, { unit: 'g' })
        .output('co2', 1, { unit: 'MJ', property: 'energy' }) // energy is not a property of CO2
        .output('co2', 1, { unit: 'nonsense' })
        .end()
        .process('p-y')
        .output('y', 1, { unit: 'kg' })
        .output('co2', 2)
        .end()
        .process('p-power')
        .output('electricity', 1)
        .output('co2', 0.1)
        .end()
        .process('p-water')
        .output('water', 1000, { unit: 'l', property: 'volume' })
        .output('co2', 0.01)
        .end()
        .build();
      const c = calc(db, solver);
      const r = lci(c, 'p-x');
      // y: 500 g = 0.5 kg → s_y = 0.5; electricity: 1 kWh = 3.6 MJ → s_power = 3.6;
      // water: 0.002 m³ ÷ 0.001 m³/kg = 2 kg; p-water makes 1000 l = 1 m³ = 1000 kg → s_water = 0.002
      assertClose(scalingOf(c, r, 'p-y'), 0.5);
      assertClose(scalingOf(c, r, 'p-power'), 3.6);
      assertClose(scalingOf(c, r, 'p-water'), 0.002);
      // CO2 = 0.5·2 + 3.6·0.1 + 0.002·0.01 = 1 + 0.36 + 0.00002 = 1.36002; CH4 = 300 g = 0.3 kg
      assertClose(amountOf(r, 'co2'), 1.36002);
      assertClose(amountOf(r, 'ch4'), 0.3);
      const skipped = r.diagnostics.filter(
        (d) => d.code === 'FLOW_PROPERTY_NOT_ON_FLOW' || d.code === 'UNKNOWN_UNIT',
      );
      assert.deepEqual(skipped.map((d) => d.code).sort(), ['FLOW_PROPERTY_NOT_ON_FLOW', 'UNKNOWN_UNIT']);
      assert.ok(skipped.every((d) => d.processId === 'p-x' && d.flowId === 'co2'));
      assert.equal(r.inventory.find((e) => e.flowId === 'ch4')?.unit, 'kg');
    },
  },
  {
    name: 'impact assessment: characterisation factors converted to reference units, inputs applied to extractions',
    run(solver) {
      const db = new DatabaseBuilder()
        .product('x')
        .elementary('co2')
        .elementary('ch4')
        .elementary('water-use', {
          category: 'Elementary flows/resource/in water',
          factors: [{ property: 'volume', factor: 0.001 }],
        })
        .process('p-x')
        .output('x', 1)
        .output('co2', 2)
        .output('ch4', 0.1)
        .input('water-use', 3)
        .end()
        .method('m', [
          // GWP: CO2 1 per kg; CH4 0.0298 per g = 29.8 per kg
          {
            id: 'gwp',
            unit: 'kg CO2 eq',
            factors: [
              ['co2', 1],
              ['ch4', 0.0298, 'g', 'mass'],
            ],
          },
          // water: 5 per m³ of volume = 5·0.001 = 0.005 per kg
          { id: 'water', unit: 'm3 eq', factors: [['water-use', 5, 'm3', 'volume']] },
        ])
        .build();
      const c = calc(db, solver, { impactMethod: 'm' });
      const r = lci(c, 'p-x');
      // GWP = 2·1 + 0.1·29.8 = 4.98
      const gwp = r.impacts?.find((i) => i.indicatorId === 'gwp');
      assertClose(gwp?.amount ?? NaN, 4.98);
      // water: 3 kg extracted (g = −3) → 3·0.005 = 0.015 (the factor applies to the extracted amount)
      assertClose(amountOf(r, 'water-use'), -3);
      assertClose(r.impacts?.find((i) => i.indicatorId === 'water')?.amount ?? NaN, 0.015);
      const fc = r.flowContributions('gwp');
      assertClose(fc.find((f) => f.flowId === 'ch4')?.amount ?? NaN, 2.98);
      assertClose(fc.find((f) => f.flowId === 'ch4')?.factor ?? NaN, 29.8);
      assertClose(r.flowContributions('water')[0].factor, 0.005);
      // unknown method id: a clear error
      assert.throws(() => calc(db, solver, { impactMethod: 'nope' }), { code: 'UNKNOWN_IMPACT_METHOD' });
    },
  },
  {
    name: 'formulas with process and global parameters; mismatch, failure and overrides',
    run(solver) {
      const build = () =>
        new DatabaseBuilder()
          .product('frame')
          .product('aluminium')
          .elementary('co2')
          .elementary('dust')
          .global('loss', 0.25)
          .process('p-frame')
          .param('mass', 1.6)
          .output('frame', 1)
          // stored 2.0 agrees with 1.6·(1 + 0.25) = 2.0
          .input('aluminium', 2.0, { formula: 'mass * (1 + loss)' })
          // stored 0.5 disagrees with 1.6·0.25 = 0.4: reported, 0.4 used
          .output('co2', 0.5, { formula: 'mass * loss' })
          // unknown parameter: reported, the stored 3 used
          .output('dust', 3, { formula: 'unknown_param * 2' })
          .end()
          .process('p-alu')
          .output('aluminium', 1)
          .output('co2', 1.5)
          .end()
          .build();
      const c = calc(build(), solver);
      const r = lci(c, 'p-frame');
      // s_alu = 2.0; CO2 = 0.4 + 2·1.5 = 3.4; dust = 3
      assertClose(scalingOf(c, r, 'p-alu'), 2);
      assertClose(amountOf(r, 'co2'), 3.4);
      assertClose(amountOf(r, 'dust'), 3);
      const mismatch = r.diagnostics.filter((d) => d.code === 'FORMULA_AMOUNT_MISMATCH');
      assert.equal(mismatch.length, 1);
      assert.equal(mismatch[0].details?.exchangeInternalId, 3);
      assert.equal(mismatch[0].details?.computed, 0.4);
      assert.equal(r.diagnostics.filter((d) => d.code === 'FORMULA_FAILED').length, 1);
      // overrides: loss = 0.5 → aluminium 1.6·1.5 = 2.4, CO2 1.6·0.5 + 2.4·1.5 = 0.8 + 3.6 = 4.4;
      // mass of p-frame = 2 → aluminium 2·1.5 = 3, CO2 2·0.5 + 3·1.5 = 5.5
      const o = calc(build(), solver, { parameters: [{ name: 'loss', value: 0.5 }] });
      assertClose(amountOf(lci(o, 'p-frame'), 'co2'), 4.4);
      const o2 = calc(build(), solver, {
        parameters: [
          { name: 'loss', value: 0.5 },
          { name: 'mass', value: 2, processId: 'p-frame' },
        ],
      });
      assertClose(amountOf(lci(o2, 'p-frame'), 'co2'), 5.5);
    },
  },
  {
    name: 'cut-off inputs: left out of the inventory, reported with their supply-chain total K s',
    run(solver) {
      const db = new DatabaseBuilder()
        .product('x')
        .product('electricity', { property: 'energy' })
        .product('diesel', { name: 'CUTOFF diesel' })
        .elementary('co2')
        .process('p-x')
        .output('x', 1)
        .input('diesel', 2)
        .input('electricity', 1)
        .end()
        .process('p-power')
        .output('electricity', 2)
        .input('diesel', 0.2)
        .output('co2', 1)
        .end()
        .build();
      const c = calc(db, solver);
      assert.deepEqual(c.matrices.cutoffFlows, ['diesel']);
      const r = lci(c, 'p-x');
      // s_power = 1/2 = 0.5; diesel: −2·1 − 0.2·0.5 = −2.1 (negative: an input the system needs)
      assert.deepEqual(r.cutoff, [
        { flowId: 'diesel', name: 'CUTOFF diesel', unit: 'kg', flowType: 'product', amount: -2.1 },
      ]);
      assert.equal(
        r.inventory.some((e) => e.flowId === 'diesel'),
        false,
      );
      assert.ok(codes(r.diagnostics).includes('CUT_OFF_FLOWS'));
      assert.equal(c.diagnostics.filter((d) => d.code === 'CUT_OFF').length, 2);
      assertClose(amountOf(r, 'co2'), 0.5);
    },
  },
  {
    name: 'several providers: same location first, then the lowest process id; each choice reported',
    run(solver) {
      const db = new DatabaseBuilder()
        .product('x')
        .product('electricity', { property: 'energy' })
        .elementary('co2')
        .process('p-de', { location: 'DE' })
        .output('x', 1)
        .input('electricity', 1)
        .end()
        .process('p-any')
        .output('x', 1)
        .input('electricity', 1)
        .end()
        .process('p-fr-exchange', { location: 'DE' })
        .output('x', 1)
        .input('electricity', 1, { location: 'FR' })
        .end()
        .process('e-c', { location: 'DE' })
        .output('electricity', 1)
        .output('co2', 3)
        .end()
        .process('e-b', { location: 'DE' })
        .output('electricity', 1)
        .output('co2', 2)
        .end()
        .process('e-a', { location: 'FR' })
        .output('electricity', 1)
        .output('co2', 1)
        .end()
        .build();
      const c = calc(db, solver);
      // DE consumer: e-b and e-c are in DE → lowest id e-b → CO2 2
      const rde = lci(c, 'p-de');
      assertClose(amountOf(rde, 'co2'), 2);
      const d = rde.diagnostics.find((x) => x.code === 'MULTIPLE_PROVIDERS');
      assert.equal(d?.details?.chosen, 'e-b');
      assert.equal((d?.details?.candidates as unknown[]).length, 3);
      // no location: lowest id of all, e-a → CO2 1
      assertClose(amountOf(lci(c, 'p-any'), 'co2'), 1);
      // the exchange's location (FR) wins over the process's (DE): e-a → CO2 1
      const rfr = lci(c, 'p-fr-exchange');
      assertClose(amountOf(rfr, 'co2'), 1);
      assert.equal(rfr.diagnostics.find((x) => x.code === 'MULTIPLE_PROVIDERS')?.details?.reason, 'location');
    },
  },
  {
    name: 'default providers: prefer-defaults, only-defaults, ignore-defaults',
    run(solver) {
      const db = new DatabaseBuilder()
        .product('x')
        .product('electricity', { property: 'energy' })
        .product('heat', { property: 'energy' })
        .elementary('co2')
        .process('p-x')
        .output('x', 1)
        .input('electricity', 1, { provider: 'e-c' })
        .input('heat', 1)
        .end()
        .process('e-a')
        .output('electricity', 1)
        .output('co2', 1)
        .end()
        .process('e-c')
        .output('electricity', 1)
        .output('co2', 3)
        .end()
        .process('h')
        .output('heat', 1)
        .output('co2', 10)
        .end()
        .build();
      // prefer-defaults: electricity from e-c (3), heat from its only provider (10) → 13
      const prefer = lci(calc(db, solver), 'p-x');
      assertClose(amountOf(prefer, 'co2'), 13);
      assert.equal(codes(prefer.diagnostics).includes('MULTIPLE_PROVIDERS'), false);
      // only-defaults: electricity from e-c (3); heat has no default provider → cut off
      const only = lci(calc(db, solver, { providerLinking: 'only-defaults' }), 'p-x');
      assertClose(amountOf(only, 'co2'), 3);
      assert.deepEqual(
        only.cutoff.map((x) => [x.flowId, x.amount]),
        [['heat', -1]],
      );
      // ignore-defaults: electricity from the lowest id e-a (1) + heat (10) = 11, choice reported
      const ignore = lci(calc(db, solver, { providerLinking: 'ignore-defaults' }), 'p-x');
      assertClose(amountOf(ignore, 'co2'), 11);
      assert.ok(codes(ignore.diagnostics).includes('MULTIPLE_PROVIDERS'));
      // a default provider that does not exist: reported; prefer-defaults searches instead (e-a, lowest id)
      const broken = new DatabaseBuilder()
        .product('x')
        .product('electricity', { property: 'energy' })
        .elementary('co2')
        .process('p-x')
        .output('x', 1)
        .input('electricity', 1, { provider: 'e-missing' })
        .end()
        .process('e-a')
        .output('electricity', 1)
        .output('co2', 1)
        .end()
        .build();
      const rb = lci(calc(broken, solver), 'p-x');
      assertClose(amountOf(rb, 'co2'), 1);
      assert.ok(codes(rb.diagnostics).includes('DEFAULT_PROVIDER_NOT_FOUND'));
    },
  },
  {
    name: 'singular system: a clear error naming the processes; the healthy part still calculates',
    run(solver) {
      const db = new DatabaseBuilder()
        .product('x')
        .product('y')
        .product('z')
        .elementary('co2')
        .process('p-broken', { name: 'broken process' })
        .output('x', 0) // zero output: no usable pivot
        .input('y', 1)
        .end()
        .process('p-y')
        .output('y', 1)
        .output('co2', 1)
        .end()
        .process('p-z')
        .output('z', 1)
        .input('z', 1) // consumes exactly what it makes: net output 0
        .end()
        .build();
      const c = calc(db, solver);
      // zero net outputs are named first, whichever solver ran
      assert.deepEqual(
        c.singularProducts.filter((p) => p.zeroOutput).map((p) => p.processId),
        ['p-broken', 'p-z'],
      );
      for (const id of ['p-broken', 'p-z']) {
        assert.throws(
          () => c.calculate({ processId: id }),
          (e: unknown) =>
            e instanceof SingularSystemError &&
            e.code === 'SINGULAR_SYSTEM' &&
            e.products.some((p) => p.processId === id) &&
            e.message.includes(id),
        );
      }
      // p-y does not reach the singular part: solved on its own supply chain, with a note
      const r = c.calculate({ processId: 'p-y' });
      assert.ok(r.residual <= 1e-12);
      assertClose(amountOf(r, 'co2'), 1);
      assert.ok(codes(r.diagnostics).includes('SINGULAR_DATABASE'));
      assertClose(r.upstreamTotals('co2')[0].amount, 1);
    },
  },
  {
    name: 'non-productive loops: negative scaling flagged, the loop described',
    run(solver) {
      // self-loop: makes 1, uses 1.2 of its own product → A_jj = 1 − 1.2 = −0.2 → s = 1/(−0.2) = −5
      const self = new DatabaseBuilder()
        .product('x')
        .elementary('co2')
        .process('p-x')
        .output('x', 1)
        .input('x', 1.2)
        .output('co2', 1)
        .end()
        .build();
      const cs = calc(self, solver);
      const rs = lci(cs, 'p-x');
      assertClose(rs.scaling[0], -5);
      assertClose(amountOf(rs, 'co2'), -5);
      assert.deepEqual(codes(rs.diagnostics).sort(), ['NEGATIVE_SCALING', 'NON_PRODUCTIVE_LOOP']);
      // two-process loop with gain 0.5·2.4 = 1.2, used by d: A = [[1,0,0],[−1,1,−2.4],[0,−0.5,1]]
      // s_d = 1; s_p − 2.4 s_q = 1, s_q = 0.5 s_p → s_p (1 − 1.2) = 1 → s_p = −5, s_q = −2.5
      const loop = new DatabaseBuilder()
        .product('d')
        .product('x')
        .product('y')
        .elementary('co2')
        .process('p-d')
        .output('d', 1)
        .input('x', 1)
        .end()
        .process('p-p')
        .output('x', 1)
        .input('y', 0.5)
        .output('co2', 1)
        .end()
        .process('p-q')
        .output('y', 1)
        .input('x', 2.4)
        .end()
        .build();
      const cl = calc(loop, solver);
      const rl = lci(cl, 'p-d');
      assertClose(scalingOf(cl, rl, 'p-p'), -5);
      assertClose(scalingOf(cl, rl, 'p-q'), -2.5);
      const loopDiag = rl.diagnostics.find((d) => d.code === 'NON_PRODUCTIVE_LOOP');
      const members = (loopDiag?.details?.products as { processId: string }[]).map((p) => p.processId).sort();
      assert.deepEqual(members, ['p-p', 'p-q']);
      const neg = rl.diagnostics.find((d) => d.code === 'NEGATIVE_SCALING');
      assert.equal(neg?.details?.count, 2);
      assert.equal(neg?.severity, 'error');
    },
  },
  {
    name: 'demand errors: unknown process, unknown product, ambiguous product',
    run(solver) {
      const c = calc(coProducts(allFactors), solver);
      assert.throws(() => c.calculate({ processId: 'nope' }), { code: 'UNKNOWN_PROCESS' });
      assert.throws(() => c.calculate({ processId: 'p-multi', productId: 'co2' }), {
        code: 'UNKNOWN_PRODUCT',
      });
      // the builder marks the first output as the reference: a is the default product
      assert.equal(c.calculate({ processId: 'p-multi' }).demand.productId, 'a');
      const db = coProducts(allFactors);
      for (const e of db.processes[0].exchanges) e.isReference = false;
      assert.throws(() => calc(db, solver).calculate({ processId: 'p-multi' }), {
        code: 'AMBIGUOUS_PRODUCT',
      });
      // several demands, one factorization; one transposed solve per target; amount scales linearly
      const counts = { factorize: 0, solve: 0, solveTransposed: 0 };
      const counting: MatrixSolver = {
        name: `counting ${solver.name}`,
        factorize(A) {
          counts.factorize++;
          const f = solver.factorize(A);
          return {
            n: f.n,
            stats: f.stats,
            solve: (b, out) => (counts.solve++, f.solve(b, out)),
            solveTransposed: (b, out) => (counts.solveTransposed++, f.solveTransposed(b, out)),
          };
        },
      };
      const chainCalc = calc(chain().build(), counting);
      const [r1, r5, rp] = chainCalc.calculateAll([
        { processId: 'p-steel' },
        { processId: 'p-steel', amount: 5 },
        { processId: 'p-power' },
      ]);
      assert.equal(counts.factorize, 1);
      assert.ok(counts.solve >= 3);
      assertClose(amountOf(r5, 'co2'), 5 * amountOf(r1, 'co2'));
      r1.upstreamTotals('co2');
      r5.upstreamTotals('co2');
      rp.upstreamTree('co2');
      assert.equal(counts.solveTransposed, 1);
      assert.throws(() => r1.directContributions('nope'), { code: 'UNKNOWN_TARGET' });
    },
  },
];
