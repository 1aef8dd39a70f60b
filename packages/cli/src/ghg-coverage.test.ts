// GHG mapping coverage on the US LCI database (openLCA JSON-LD export, ../shared/data/uslci): every air emission
// whose name looks like a greenhouse gas is mapped to a GWP species, except the ones listed below with reasons.
// Here rather than in @opencfp/refdata, which must not depend on @opencfp/formats.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '@opencfp/core';
import { readJsonLd } from '@opencfp/formats';
import { ghgLikeButUnmapped, gwpImpactMethod, mapGreenhouseGas } from '@opencfp/refdata';
import { uslciJsonLd } from './test-support/shared-data.js';

let db: Database;

before(async () => {
  db = (await readJsonLd(uslciJsonLd())).data;
});

/** USLCI flows that cannot be mapped honestly to one species (name | category → reason). */
const KNOWN_UNMAPPED: Record<string, string> = {
  'CFCs and HCFCs, unspecified | air/unspecified': 'a group of gases: no single GWP',
  'HFCs and HCFCs, unspecified | air/unspecified': 'a group of gases: no single GWP',
  'PFC (perfluorocarbons) | air/unspecified': 'a group of gases: no single GWP',
  'Perfluorocarbons, unspecified | air/unspecified': 'a group of gases: no single GWP',
  'Chlorinated fluorocarbons and hydrochlorinated fluorocarbons, unspecified | air/unspecified':
    'a group of gases: no single GWP',
  'Boron trifluoride | air/unspecified': 'no GWP in the IPCC tables (hydrolyses in air)',
  'Boron trifluoride | air/high population density': 'no GWP in the IPCC tables (hydrolyses in air)',
  'Carbon dioxide, biogenic | Elementary Flows':
    'category has no compartment: emission to air or not is unknown',
  'Methane, biogenic | Elementary Flows': 'category has no compartment: emission to air or not is unknown',
};

test('every GHG-like USLCI air emission is mapped, except the listed ones', () => {
  const unmapped = ghgLikeButUnmapped(db.flows).map((f) => `${f.name} | ${f.category ?? ''}`);
  const unexpected = unmapped.filter((k) => KNOWN_UNMAPPED[k] === undefined);
  assert.deepEqual(unexpected, [], 'GHG-like air emissions that are neither mapped nor listed');
  const gone = Object.keys(KNOWN_UNMAPPED).filter((k) => !unmapped.includes(k));
  assert.deepEqual(gone, [], 'listed as unmapped but now mapped (or gone): update the list');
});

test('the main USLCI greenhouse gases map with their origin', () => {
  const find = (name: string, category: string) => {
    const f = db.flows.find((x) => x.name === name && x.category === category);
    assert.ok(f, `${name} | ${category}`);
    return mapGreenhouseGas(f);
  };
  assert.deepEqual(find('Carbon dioxide, fossil ', 'air/unspecified'), { species: 'CO2', kind: 'fossil' });
  assert.deepEqual(find('Carbon dioxide, fossil', 'air/fossil'), { species: 'CO2', kind: 'fossil' });
  assert.deepEqual(find('Carbon dioxide, in air', 'resource/in air'), { species: 'CO2', kind: 'uptake' });
  assert.deepEqual(find('Methane', 'Elementary Flows/NETL Coal Elementary Flows/air/unspecified'), {
    species: 'CH4',
    kind: 'unspecified',
  });
  assert.deepEqual(find('Sulfur hexafluoride', 'air/unspecified'), { species: 'SF6' });
});

test('an AR6 GWP100 method from USLCI has a factor per mapped flow and no other unmapped flow', () => {
  const { method, unmapped } = gwpImpactMethod(db.flows);
  const mapped = db.flows.filter((f) => mapGreenhouseGas(f) !== undefined);
  assert.equal(method.categories[0].factors.length, mapped.length);
  assert.ok(mapped.length > 50, `${mapped.length} mapped flows`);
  for (const f of unmapped) assert.ok(KNOWN_UNMAPPED[`${f.name} | ${f.category ?? ''}`], f.name);
});

test('carbon footprint on USLCI with random stage and packaging tags: stages and gases sum to the total', async () => {
  const { Calculator } = await import('@opencfp/core');
  const { Random } = await import('@opencfp/linalg');
  const { carbonFootprint, LIFE_CYCLE_STAGES } = await import('@opencfp/refdata');
  const random = new Random(7);
  const stages = LIFE_CYCLE_STAGES['iso-14067'].map((s) => s.id);
  const tagged: Database = {
    ...db,
    processes: db.processes.map((p) => {
      const u = random.next();
      // About half untagged (shared by supply chain), the rest in a random stage; some packaging.
      const tags = u < 0.5 ? [] : [`stage:${stages[Math.floor(random.next() * stages.length)]}`];
      if (random.next() < 0.05) tags.push('cfp:packaging');
      return { ...p, tags };
    }),
  };
  const calculator = new Calculator(tagged, { allocation: 'physical' });
  const products = calculator.matrices.products;
  let checked = 0;
  for (let k = 0; k < 100; k++) {
    const p = products[Math.floor(random.next() * products.length)];
    let result;
    try {
      result = calculator.calculate({ processId: p.processId, productId: p.flowId });
    } catch {
      continue; // singular parts of USLCI are reported elsewhere (uslci.test.ts)
    }
    if (result.diagnostics.some((d) => d.severity === 'error')) continue;
    for (const biogenicApproach of ['-1/+1', '0/0'] as const) {
      const cfp = carbonFootprint(result, tagged, { biogenicApproach });
      const scale = Math.max(1e-9, ...cfp.byGas.map((g) => Math.abs(g.co2e)));
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      const stageSum = sum(cfp.byStage.map((s) => s.amount));
      assert.ok(
        Math.abs(stageSum - cfp.split.total) <= 1e-9 * scale,
        `${p.processName}: stages ${stageSum} ≠ ${cfp.split.total}`,
      );
      const gasSum = sum(cfp.byGas.filter((g) => g.countedInTotal).map((g) => g.co2e));
      assert.ok(Math.abs(gasSum - cfp.split.total) <= 1e-9 * scale, `${p.processName}: gases`);
    }
    checked++;
  }
  assert.ok(checked >= 50, `only ${checked} products checked`);
});
