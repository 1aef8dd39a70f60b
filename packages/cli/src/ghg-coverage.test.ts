// GHG mapping coverage on the US LCI database (openLCA JSON-LD export, ../shared/data/uslci): every air emission
// whose name looks like a greenhouse gas is mapped to a GWP species, except the ones listed below with reasons.
// Here rather than in @opencfp/refdata, which must not depend on @opencfp/formats.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '@opencfp/core';
import { readJsonLd } from '@opencfp/formats';
import { ghgLikeButUnmapped, gwpImpactMethod, mapGreenhouseGas } from '@opencfp/refdata';
import { sharedFile, uslciJsonLd } from './test-support/shared-data.js';

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

// The same database as EcoSpold 2 (openLCA export without master data: no compartments, so gases are taken to be
// air emissions and flagged) and EcoSpold 1 (FEDEFL names and contexts such as 'troposphere/rural').
const OTHER_EXPORTS: Record<string, Record<string, string>> = {
  'data/uslci/uslci-ecospold2-fy18q1.zip': {
    'Pit Methane (in MJ)': 'an energy resource counted in MJ, not an emission',
    'Coalbed methane (in MJ)': 'an energy resource counted in MJ, not an emission',
    'Spent chlorofluorocarbon solvents, unspecified': 'a waste, not an emission',
    'CFCs and HCFCs, unspecified': 'a group of gases: no single GWP',
    'CFCs, unspecified': 'a group of gases: no single GWP',
    'HFCs and HCFCs, unspecified': 'a group of gases: no single GWP',
    'Chlorinated fluorocarbons and hydrochlorinated fluorocarbons, unspecified':
      'a group of gases: no single GWP',
    'Perfluorocarbons, unspecified': 'a group of gases: no single GWP',
    'PFC (perfluorocarbons)': 'a group of gases: no single GWP',
    'Boron trifluoride': 'no GWP in the IPCC tables (hydrolyses in air)',
    'Methane, dibromo-': 'dibromomethane: no AR6 GWP100 value',
  },
  'data/uslci/uslci-ecospold1-fy20q3.zip': {
    Perfluorocarbons: 'a group of gases: no single GWP',
    Chlorofluorocarbons: 'a group of gases: no single GWP',
    Hydrochlorofluorocarbons: 'a group of gases: no single GWP',
    Hydrofluorocarbons: 'a group of gases: no single GWP',
    'Boron trifluoride': 'no GWP in the IPCC tables (hydrolyses in air)',
    'Silane, tetrafluoro-': 'silicon tetrafluoride: no GWP in the IPCC tables',
  },
};

for (const [file, known] of Object.entries(OTHER_EXPORTS))
  test(`every GHG-like air emission of ${file.split('/').pop()} is mapped, except the listed ones`, async () => {
    const { readDatabase } = await import('@opencfp/formats');
    const other = (await readDatabase(sharedFile(file))).data;
    const unmapped = [...new Set(ghgLikeButUnmapped(other.flows).map((f) => f.name))];
    assert.deepEqual(
      unmapped.filter((n) => known[n] === undefined),
      [],
      'GHG-like flows neither mapped nor listed',
    );
    assert.deepEqual(
      Object.keys(known).filter((n) => !unmapped.includes(n)),
      [],
      'listed but now mapped: update the list',
    );
    // The main gases are there, with their origin.
    const species = new Set(
      other.flows
        .map((f) => mapGreenhouseGas(f))
        .map((m) => (m ? `${m.species} ${m.kind ?? ''}`.trim() : '')),
    );
    // FEDEFL names fossil CO2 plainly 'Carbon dioxide' (origin unspecified: counted as fossil, with a note).
    const co2 = file.includes('ecospold1') ? 'CO2 unspecified' : 'CO2 fossil';
    for (const s of [co2, 'CO2 uptake', 'CH4 unspecified', 'N2O', 'SF6', 'HFC134a'])
      assert.ok(species.has(s), `${s} in ${file}`);
  });

test('the openLCA sample flows (ILCD, EcoSpold 1 and 2, SimaPro CSV) map where they are gases, and only then', async () => {
  const { readDatabase } = await import('@opencfp/formats');
  const samples: Record<string, Record<string, string | undefined>> = {
    // ILCD: glycidol to air (not a GHG); EcoSpold 2: a resource, chloride to soil, peat; EcoSpold 1: products only.
    'data/samples/olca-io/ilcd': { glycidol: undefined },
    'data/samples/olca-io/ecospold2/input/sample_ecospold2.xml': {
      'Volume occupied, reservoir': undefined,
      Chloride: undefined,
      'Peat, in ground': undefined,
    },
    'data/samples/olca-io/ecospold1/example.xml': {},
    'data/samples/olca-io/simapro/csv/input/process.csv': {
      'Water, well, RE': undefined,
      'Nitrogen, atmospheric': undefined,
      'Carbon dioxide': 'CO2 unspecified',
      Methane: 'CH4 unspecified',
      Acetone: undefined,
    },
  };
  for (const [file, expected] of Object.entries(samples)) {
    const { data } = await readDatabase(sharedFile(file));
    const elementary = data.flows.filter((f) => f.type === 'elementary');
    const got = Object.fromEntries(
      elementary.map((f) => {
        const m = mapGreenhouseGas(f);
        return [f.name, m ? `${m.species} ${m.kind ?? ''}`.trim() : undefined];
      }),
    );
    assert.deepEqual(got, expected, file);
    assert.deepEqual(ghgLikeButUnmapped(elementary), [], file);
  }
});
