// The readers on real data, against each other: the same US LCI database in three releases — the openLCA 1.5
// JSON-LD export (766 processes), the FY18 Q1 EcoSpold 2 release (746 readable datasets) and the FY20 Q3
// EcoSpold 1 release (631 datasets). Datasets that are the same in two releases must calculate the same LCI
// (1e-6 relative per elementary flow); every difference found is explained below by dataset id.
//
// How (test-support/release-comparison.ts):
// 1. Pair the datasets. EcoSpold 2 activity ids are the JSON-LD process ids. EcoSpold 1 has no ids and names
//    each dataset after its reference product (81 datasets are 'Electricity, at grid'), and FY20 renamed many
//    products, so reference product name, location and unit pair only 274 of 631 uniquely. The datasets are
//    paired by their exchange amounts instead, which a dataset keeps from one release to the next: the largest
//    share of amounts (with direction) in common, ties to the more similar name. 596 of 631 pair.
// 2. Pair the flows. JSON-LD ↔ EcoSpold 2: name (lower-cased) and compartment (air, water, soil, resource). The
//    EcoSpold 2 export dropped the compartments, so an EcoSpold 2 flow takes that of the JSON-LD flow with its id,
//    and the 84 flows new in FY18 that of the JSON-LD flow whose amounts they carry in the same datasets.
//    JSON-LD ↔ EcoSpold 1: FY20 moved to FEDEFL flows, so each legacy flow is followed to the FEDEFL flow that
//    carries its amounts in the paired datasets (majority vote; 2,435 legacy elementary flows, 1,050 of them under
//    another name, some merged); the key is the FEDEFL flow.
// 3. Compare each pair's direct exchanges (summed per flow key, in reference units, formulas evaluated, 1e-9
//    relative) and how the engine links each input (to the counterpart of the same provider, or cut off in both).
//    Where they agree, the engine's gate-to-gate inventory (B column over A diagonal) must agree too.
// 4. Calculate every process-product of the paired datasets in both releases. Those whose supply chain (the
//    process and everything upstream of it) holds no differing dataset must agree; every result that differs must
//    have a differing dataset in its supply chain, and the differing datasets are exactly the listed ones.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, describe, test } from 'node:test';
import type { Flow } from '@opencfp/core';
import type { ImportIssue } from './import-issue.js';
import { readEcoSpold1 } from './read-eco-spold1.js';
import { readEcoSpold2 } from './read-eco-spold2.js';
import { readJsonLd } from './read-json-ld.js';
import {
  causeOf,
  commonKey,
  compareReleases,
  compartmentOf,
  formulaCheck,
  learnFlowMap,
  matchByExchanges,
  prepareRelease,
  referenceFlow,
  type Comparison,
  type ProcessMatch,
  type Release,
  type ResultFinding,
} from './test-support/release-comparison.js';
import { ES1_DIFFERENCES } from './test-support/uslci-es1-differences.js';

// src/ and dist/ are both three levels below the repository root.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const shared = process.env.OPENCFP_SHARED ?? resolve(repoRoot, '../shared');
const folder = join(shared, 'data/uslci');
const files = {
  jsonLd: join(folder, 'uslci-jsonld-olca1.5.zip'),
  es2: join(folder, 'uslci-ecospold2-fy18q1.zip'),
  es1: join(folder, 'uslci-ecospold1-fy20q3.zip'),
};

/** The required agreement of LCI results of the same datasets (relative, per flow key). */
const TOLERANCE = 1e-6;

// JSON-LD ↔ EcoSpold 2: the 20 datasets whose direct exchanges or linking differ, and why. Kinds: see
// DifferenceKind and LinkKind in release-comparison.ts.
// - 'dropped-unit': openLCA's EcoSpold 2 export left out every exchange in a unit it has no EcoSpold 2 name
//   for: metric tons ('t'; 'metric ton*km' survived), gallons and USD. The same defect costs the release 21
//   datasets whose reference product is in tons (see the JSON-LD-only datasets below).
// - 'provider-missing': the JSON-LD provider of an input is one of those lost datasets.
// - 'unit-factor': the JSON-LD export carries US LCI's own unit groups, with btu = 0.00106 MJ and cu ft = 0.02 m³
//   (sic); EcoSpold 2 carries unit names only, and the reader's catalogue has 0.001055056 MJ and 0.0283168 m³.
// - 'cutoff-now-linked': the JSON-LD input names a flow no JSON-LD process makes (a same-named duplicate, cut
//   off); the FY18 dataset names the provider's flow.
const ES2_DIFFERENCES: Record<string, string> = {
  // Ethanol, denatured, wheat straw, biochemical: 98 t 'Wheat straw, at conversion plant, 2022' dropped, its
  // provider f002e825 lost; 616,000 btu of 'Combustion, wet wood residue, AP-42' (btu factor).
  '7aa8e2ff-0e2f-3e6c-b168-ec5168b4be6a': 'dropped-unit, provider-missing, unit-factor',
  // Containerboard, average production, at mill, 2010: provider 515c5359 'Forest residue, processed and
  // loaded, at landing system' lost; 'Gasoline, at refinery' and 'Diesel, at refinery' are cut off in JSON-LD
  // (duplicate flows), linked to 0aaf1e13 'Petroleum refining, at refinery' in FY18.
  '712daa0c-47f2-3b13-bdc5-d03effde7589': 'cutoff-now-linked, provider-missing',
  // Containerboard, 100% recycled, average production, at mill: as 712daa0c.
  '6c4d5a29-ca50-31da-b3b2-657b9dad861c': 'cutoff-now-linked, provider-missing',
  // Corrugated product, containerboard, average production, at mill, 2010: 'Liquefied petroleum gas, at
  // refinery' in gal dropped; 1.0486 cu ft of natural gas (cu ft factor); gasoline as in 712daa0c.
  '7fd53cbd-975a-3737-bf3a-bfa3285833ed': 'cutoff-now-linked, dropped-unit, unit-factor',
  // Scanners (department i5200/i5600, i5200v/i5600v, i3200/i3400, i5800, i4200/i4600; desktop i2900): the
  // input 'Aluminum ingot, production mix, at plant' is in tons and dropped.
  'd8b4d137-b876-3222-adde-878273b76e81': 'dropped-unit',
  '7d4b3e99-113c-3279-b856-b904eb9295fc': 'dropped-unit',
  '7bb0a646-ffd2-315b-b8c7-f931492dbed9': 'dropped-unit',
  '426fb3f3-87cb-38a1-b4dd-9da869db0067': 'dropped-unit',
  '563c9d42-ae65-3751-800a-5e0505265b35': 'dropped-unit',
  '873e9087-c13b-34fa-859e-c0397d27cb66': 'dropped-unit',
  // Biodegradable loose fill: six cut-off inputs and 220 kg of its 'Water' are in tons, dropped.
  'c139b46e-e0c1-3be5-ad3d-451d6392bad6': 'dropped-unit',
  // Ethanol, 85%, blended, at service station, 2022: two cut-off inputs in USD dropped (no effect on the LCI).
  '323a15f8-5c89-3deb-aad5-78133e487bef': 'dropped-unit',
  // Ethanol, denatured, forest residues, thermochem: 119,290 t of 'Forest residue, preprocessed, at conversion
  // facility' dropped, its provider 2753c5de lost.
  'd9cadd89-4203-375a-903a-63197cd29c6a': 'dropped-unit, provider-missing',
  // Ethanol, denatured, corn stover, biochemical: 98 t corn stover dropped, provider 8ccbedef lost.
  '0879167f-989b-3e3b-b9c5-3c07ea0a3f8e': 'dropped-unit, provider-missing',
  // Ethanol, denatured, switchgrass, biochemical: 98 t switchgrass dropped, provider 4c6f7612 lost.
  '0898854c-e38f-3d23-880f-f8da7d65ca0c': 'dropped-unit, provider-missing',
  // Ethanol, denatured, corn dry mill: 46.4 t corn grain and 7.36 t gluten drying dropped, provider 9109d57c
  // lost.
  '8e3e47ea-ed49-329e-8931-29115917bc81': 'dropped-unit, provider-missing',
  // Containerboard, average production, at mill: provider 0d95cc8b 'Natural soda ash (Sodium carbonate), at
  // plant' is not in the FY18 release.
  '9fd05600-4cbe-3f15-aef2-e90c59bede77': 'provider-missing',
  // Steel, cold-formed studs and track, at plant: its 'Electricity, at Grid, US, 2010' is a duplicate flow
  // (2f172e7c) that no JSON-LD process makes, so it is cut off; the grid mix 89389d98 makes the same-named flow
  // 36b4aa53, which the FY18 dataset names. 170 of the differing results draw on this dataset.
  '2250f2f2-7faa-3307-9534-ca78b371b4dd': 'cutoff-now-linked',
  // Soy-based resin, at plant: 0.0141 kg 'Particulates, <10 um' became 'Particulates, < 10 um' (another flow).
  'd65a4cea-4732-3b43-b305-a876438bfe51': 'replaced',
  // Stainless steel; Manufacture; Production mix, at plant; 316 2B, 80% recycled: its 'Water' is a flow in kg
  // in JSON-LD (41.7 kg) and in m³ in FY18 (0.0417 m³): the same water, in another reference unit.
  'c19569ac-f0ab-453a-b70b-43f73bad11f8': 'reference-unit',
};

// JSON-LD ↔ EcoSpold 1: the 282 differing datasets are listed in test-support/uslci-es1-differences.ts. The kinds,
// and what they are in this pair of releases:
// - 'unit-label' (96 datasets, 667 exchanges): openLCA's EcoSpold 1 export (FY20) wrote each amount in the unit
//   it was entered in, but under the name of the flow's reference unit: 1 ha became 1 m², 1 t 1 kg, 1 h 1 d,
//   1 kWh 1 MJ (and the reverse), 1 kg*km 1 t*km, 1 l 1 kg, 0.15 Bq 0.15 kBq (532 radionuclide exchanges).
//   E.g. 786522bf 'Harvest, wheat, single pass': reference 1 ha = 10,000 m² (JSON-LD), '1.0 m2' in FY20;
//   4e38a874 'Winter wheat straw, ground and stored': 1 t = 1,000 kg in JSON-LD, '1 kg' in FY20.
// - 'replaced' (87), 'removed' (120), 'added' (123): FEDEFL. A flow of one key in JSON-LD is one of another key
//   in FY20 with the same amount ('replaced': the legacy flow went to another FEDEFL flow here than elsewhere,
//   e.g. a2ee77db 'Harvest, switchgrass': cut-off 'Haying, by rotary tedder' is 'Swath, by rotary windrower'), or
//   the amounts changed with the flow: fossil resources are in MJ in FEDEFL (317adcbc 'Bituminous coal, at
//   mine': 1.24 kg 'Coal, bituminous, 24.8 MJ per kg' → 30.752 MJ 'Coal, bituminous'), water in kg, duplicate
//   legacy flows merged (dfdb7eba 'Electricity, biomass, at power plant': two 'Tar' → one), or the dataset was
//   revised (0375c701 'Harvesting, fresh fruit bunch': another 'Fresh fruit bunches' flow).
// - 'amount' (20): same flow and unit, another amount: revised data (f9cf891e 'Paper, bag and sack …': 49,518 kg
//   of process and cooling water → 62,081 kg 'Water'; c3ba0cd2 'Transport, single unit truck, long-haul, diesel
//   powered': 0.0203 → 0.125 l diesel), or the reference product moved to another co-product, so that two
//   JSON-LD co-products count under one key (956b53b9 'Soybean grains, at field': the JSON-LD reference is the
//   residues, the FY20 one the grains).
// - 'reference-unit' (6): the FEDEFL flow has another reference unit (water in kg, not m³) or a co-product in MJ
//   became one in kg (44a82a4a 'Polyol ether …, CTR': 'Recovered energy' merged into the product).
// - 'direction' (1): 2250f2f2 'Steel, cold-formed studs and track': its landfill disposals are waste outputs in
//   JSON-LD and treatment inputs in FY20 (EcoSpold 1 has no waste inputs).
// - 'provider-differs' (156): mostly 'Electricity, at grid' (151): EcoSpold 1 has no product ids and FY20 names
//   every grid mix's product 'Electricity, at grid', so the reader cannot tell the 81 grid datasets apart and
//   the engine links each consumer to the lowest id (a MULTIPLE_PROVIDERS choice), not to the mix JSON-LD
//   names; e.g. 4e38a874 uses 96bffbb9 'Electricity, at Grid, US, 2008' in JSON-LD and 02f6b4dd in FY20.
// - 'provider-missing' (73): the JSON-LD provider has no FY20 counterpart: it was replaced by a revised dataset
//   that shares less than half its amounts (e4a61018 'Acetic acid, at plant' takes 1e5b1ac8 'Methanol, at plant';
//   FY20 has d6803608 'Methanol, at plant, kg'), or it is one of the 170 JSON-LD datasets FY20 does not have.
// - 'cutoff-now-linked' (24): FY20 has providers JSON-LD lacks, mostly ocean freighters (c77a668e 'Crude palm
//   kernel oil, at plant'); 'linked-now-cutoff' (29): 23 datasets whose waste output 'Disposal, solid waste,
//   unspecified, to unspecified landfill' JSON-LD links to 2250f2f2 (which outputs it as a product, see
//   ES1_UNPAIRED_PRODUCTS), or inputs whose FY20 provider makes a product of another name (73b0cd92 'Open mold
//   casting …' takes 91c096d9 'Unsaturated polyester, resin, at plant').
// Because the grid mixes, the fossil fuel extraction datasets and the transport datasets differ, nearly every
// supply chain holds a differing dataset: of the 728 process-products compared only 10 have identical supply
// chains (they agree to rounding); 711 differ, each with a listed dataset upstream; 7 agree although they have
// one: ES1_AGREE_DESPITE below. The readers are compared on more numbers by the gate-to-gate inventories of the
// 385 datasets whose direct exchanges agree.

/**
 * Process-products that agree although their supply chain holds a differing dataset. All are field operations
 * whose only difference is 'unit-label' on the reference product and cut-off inputs alike (ha → m²): the ratio
 * is unchanged and nothing they draw on is in the inventory.
 */
const ES1_AGREE_DESPITE = [
  '630010e9-27e1-3ea8-9845-b87832b536f4', // Harvest, corn, single pass
  '786522bf-e3a2-3db6-8794-a8d26a370faa', // Harvest, wheat, single pass
  'a2ee77db-89d4-39c4-88a4-a969c95e01d0', // Harvest, switchgrass
  'a941c19b-ed3f-34a9-a91b-ee31e2d6ac18', // Planting, switchgrass, 2022
  'd5b0f333-d1b3-3ba1-8111-b036b67589f8', // Tillage, conservation, corn production
  'd67585e4-5ddf-3722-a4cc-0b7576a05b07', // Tillage, reduce, corn production
  'd7a673e2-dc84-31fa-b15c-a03a6863c8dd', // Tillage, intensive, corn production
];

/**
 * Products of paired datasets that the FY20 dataset does not make (so there is nothing to compare):
 * - the JSON-LD products of the grid mixes b65eb774 and 9b3ead68 are in kWh; FY20 writes their output as
 *   'Electricity, at grid' in MJ (unit-label), which is another flow than the kWh one their consumers name;
 * - co-products FY20 dropped or merged: 'Secondary fuel renewable' (8560388b), 'Petroleum refining, at
 *   refinery' (0aaf1e13), 'Corn, at field' (11256034: its FY20 product is 'Corn stover, at field'), 'Bag house
 *   dust …' (ca1d1dfa), 'Unsaturated polyester …' (91c096d9);
 * - 2250f2f2 outputs three 'CUTOFF …' flows as products in JSON-LD; FY20 has them as inputs.
 */
const ES1_UNPAIRED_PRODUCTS = [
  'b65eb774-e80d-3ba6-a63c-5e1a5e33e54b/Electricity, at grid, US, 2000',
  '9b3ead68-7cf7-35cd-921b-e25af4f4e333/Electricity, at grid, Eastern US, 2000',
  '8560388b-7ea1-38b7-befc-fd25d5deb450/Secondary fuel renewable',
  '0aaf1e13-5d80-37f9-b7bb-81a6b8965c71/Petroleum refining, at refinery',
  '11256034-2355-3add-ade9-59983025dded/Corn, at field',
  'ca1d1dfa-fd3c-35f1-bea7-a037251deb04/Bag house dust, re-pulped, at hardboard plant, North America',
  '91c096d9-987d-34c6-90c0-3c672b467086/Unsaturated polyester, resin, at plant',
  '2250f2f2-7faa-3307-9534-ca78b371b4dd/CUTOFF Disposal, wood waste, to residual material landfill',
  '2250f2f2-7faa-3307-9534-ca78b371b4dd/CUTOFF Galvanized steel scrap, at plant',
  '2250f2f2-7faa-3307-9534-ca78b371b4dd/CUTOFF Disposal, solid waste, unspecified, to unspecified landfill',
];

/** Process-products of datasets whose direct exchanges agree (their links may differ). */
function sameExchanges(c: Comparison): ResultFinding[] {
  const same = new Set(c.identical);
  for (const f of c.findings.values()) if (f.exchanges.length === 0) same.add(f.a);
  return c.results.filter((r) => same.has(r.a));
}

/** Causes by dataset id, as the comparison finds them. */
function causes(c: Comparison): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, f] of c.findings) out[id] = causeOf(f);
  return out;
}

/** The result with the largest relative difference; undefined when there are none. */
function largest(results: readonly ResultFinding[]): ResultFinding | undefined {
  return results.reduce<ResultFinding | undefined>(
    (w, r) => (!w || r.relative > w.relative ? r : w),
    undefined,
  );
}

describe('US LCI in three releases: the same datasets give the same LCI', () => {
  let jsonLd: Release;
  let es2: Release;
  let es1: Release;
  let es2Issues: ImportIssue[];
  /** EcoSpold 2 flow id → JSON-LD flow id, for the flows new in FY18 (learned from amounts). */
  let es2Flows: Map<string, string>;
  let vsEs2: Comparison;
  let es1Matches: ProcessMatch[];
  /** JSON-LD flow id → EcoSpold 1 flow id (learned from amounts). */
  let es1Flows: Map<string, string>;
  let vsEs1: Comparison;

  before(async () => {
    // Fail, not skip: these are the reference data sets of the readers.
    for (const file of Object.values(files))
      assert.ok(
        existsSync(file),
        `US LCI release not found at ${file}. Set OPENCFP_SHARED to the folder that holds data/uslci/.`,
      );
    const [a, b, c] = await Promise.all([
      readJsonLd(files.jsonLd),
      readEcoSpold2(files.es2),
      readEcoSpold1(files.es1),
    ]);
    jsonLd = prepareRelease('JSON-LD', a.data);
    es2 = prepareRelease('EcoSpold 2', b.data);
    es1 = prepareRelease('EcoSpold 1', c.data);
    es2Issues = b.issues;

    const es2Pairs = jsonLd.db.processes
      .filter((p) => es2.processes.has(p.id))
      .map((p) => ({ a: p.id, b: p.id }));
    es2Flows = learnFlowMap(
      es2,
      jsonLd,
      es2Pairs.map((p) => ({ a: p.b, b: p.a })),
    );
    for (const id of es2Flows.keys()) if (jsonLd.flows.has(id)) es2Flows.delete(id);
    const es2Key = (f: Flow): string => {
      const same = jsonLd.flows.get(f.id);
      if (same) return commonKey(same);
      const voted = jsonLd.flows.get(es2Flows.get(f.id) ?? '');
      return commonKey(voted ?? f);
    };
    vsEs2 = compareReleases(jsonLd, es2, es2Pairs, (f) => commonKey(f), es2Key, { droppedUnits: true });

    es1Matches = matchByExchanges(jsonLd, es1);
    es1Flows = learnFlowMap(jsonLd, es1, es1Matches);
    vsEs1 = compareReleases(
      jsonLd,
      es1,
      es1Matches,
      (f) => es1Flows.get(f.id) ?? `legacy:${commonKey(f)}`,
      (f) => f.id,
    );
  });

  describe('JSON-LD (openLCA 1.5) ↔ EcoSpold 2 (FY18 Q1)', () => {
    test('EcoSpold 2 activity ids are the JSON-LD process ids', () => {
      assert.equal(vsEs2.pairs.length, 739);
      // Same names, but for 4 trailing blanks the JSON-LD names have (e.g. 'Ethylene glycol, at plant ').
      const renamed = vsEs2.pairs.filter(
        (p) => jsonLd.processes.get(p.a)?.name !== es2.processes.get(p.b)?.name,
      );
      assert.equal(renamed.length, 4);
      for (const p of vsEs2.pairs)
        assert.equal(jsonLd.processes.get(p.a)?.name.trim(), es2.processes.get(p.b)?.name.trim());

      // The 27 JSON-LD datasets FY18 does not have: all but the 6 scanners have a reference product in tons, so
      // the EcoSpold 2 export could not write it: 15 are files the reader skips (NO_REFERENCE_PRODUCT), 6 are not
      // in the release at all (5 'Calcium carbonate, ground …' and 0d95cc8b 'Natural soda ash …'). The 6 scanner
      // datasets were re-issued under new ids (with 'EPS virgin resin manufacture …', the 7 FY18-only datasets).
      const skipped = new Set(
        es2Issues.filter((i) => i.code === 'NO_REFERENCE_PRODUCT').map((i) => i.file.replace(/\.spold$/, '')),
      );
      const es2Only = es2.db.processes.filter((p) => !jsonLd.processes.has(p.id));
      assert.equal(es2Only.length, 7);
      const reissued = new Set(es2Only.map((p) => p.name.trim()));
      const missing = { skipped: 0, reissued: 0, absent: 0 };
      for (const p of jsonLd.db.processes.filter((x) => !es2.processes.has(x.id))) {
        const ref = p.exchanges.find((e) => e.isReference);
        const unit = ref ? jsonLd.units.get(ref.unitId)?.name : undefined;
        if (skipped.has(p.id)) missing.skipped++;
        else if (reissued.has(p.name.trim())) missing.reissued++;
        else missing.absent++;
        if (!reissued.has(p.name.trim())) assert.equal(unit, 't', p.name);
      }
      assert.deepEqual(missing, { skipped: 15, reissued: 6, absent: 6 });
    });

    test('flows new in FY18 are followed to the JSON-LD flow whose amounts they carry', () => {
      // 84 FY18 flows (with no compartment in the export) carry the amounts of a JSON-LD flow in the same
      // datasets; 6 of them under another name, which this comparison takes as the same flow.
      assert.equal(es2Flows.size, 84);
      const renamed = [...es2Flows]
        .map(([b, a]) => [es2.flows.get(b)?.name ?? '', jsonLd.flows.get(a)?.name ?? ''])
        .filter(([b, a]) => b.toLowerCase() !== a.toLowerCase())
        .map(([b, a]) => `${b} → ${a}`)
        .sort();
      assert.deepEqual(renamed, [
        'BOD5, Biological Oxygen Demand → BOD, Biological Oxygen Demand',
        'Calcite, in ground → Calcium carbonate, in ground',
        'Calcite, in ground → Calcium carbonate, in ground',
        'Dioxins and furans, measured as 2,3,7,8-tetrachlorodibenzo-p-dioxin → Dioxins, measured as 2,3,7,8-tetrachlorodibenzo-p-dioxin',
        'Nitrous oxide → Dinitrogen monoxide',
        'Suspended Matter → Suspended solids, unspecified',
      ]);
      // Compartments: every JSON-LD elementary flow has one of the four, or 'other' (final wastes, costs).
      const compartments = new Set(
        jsonLd.db.flows.filter((f) => f.type === 'elementary').map((f) => compartmentOf(f.category)),
      );
      assert.deepEqual([...compartments].sort(), ['air', 'other', 'resource', 'soil', 'water']);
    });

    test('719 datasets have the same direct exchanges and links; the 20 others differ as explained', () => {
      assert.equal(vsEs2.identical.length, 719);
      assert.deepEqual(causes(vsEs2), ES2_DIFFERENCES);
    });

    test('no stored amount differs from its formula: the same 259 formulas in both', () => {
      assert.deepEqual(formulaCheck(jsonLd), { formulas: 259, differing: 0 });
      assert.deepEqual(formulaCheck(es2), { formulas: 259, differing: 0 });
    });

    test('datasets with the same direct exchanges have the same gate-to-gate inventory', () => {
      const results = sameExchanges(vsEs2);
      assert.equal(new Set(results.map((r) => r.a)).size, 723);
      assert.equal(results.length, 974);
      for (const r of results) assert.ok(r.gateToGate <= 1e-9, `${r.a} ${r.name}: ${r.gateToGate}`);
    });

    test('process-products whose supply chain is the same agree within 1e-6', () => {
      const same = vsEs2.results.filter((r) => r.differingUpstream.length === 0);
      assert.equal(same.length, 811);
      for (const r of same)
        assert.ok(
          r.relative <= TOLERANCE,
          `${r.a} ${r.name}: ${r.key} ${r.valueA} (JSON-LD) vs ${r.valueB} (EcoSpold 2), ${r.relative} relative`,
        );
      // In fact they agree to rounding: the largest difference is 7.9e-12 relative.
      assert.ok((largest(same)?.relative ?? 0) < 1e-10);
    });

    test('every result that differs has a listed dataset in its supply chain', () => {
      assert.deepEqual(vsEs2.unpairedProducts, []);
      assert.equal(vsEs2.results.length, 995);
      const differing = vsEs2.results.filter((r) => r.relative > TOLERANCE);
      // 184 process-products of 97 datasets: all those that draw on a listed dataset, and no other.
      assert.equal(differing.length, 184);
      assert.equal(new Set(differing.map((r) => r.a)).size, 97);
      for (const r of differing)
        assert.ok(r.differingUpstream.length > 0, `${r.a} ${r.name} differs unexplained`);
      const agreeDespite = vsEs2.results.filter(
        (r) => r.relative <= TOLERANCE && r.differingUpstream.length > 0,
      );
      assert.deepEqual(
        agreeDespite.map((r) => r.a),
        [],
      );
    });
  });

  describe('JSON-LD (openLCA 1.5) ↔ EcoSpold 1 (FY20 Q3)', () => {
    test('datasets are paired by their exchange amounts: 596 of 631', () => {
      assert.equal(es1Matches.length, 596);
      // All pairs share at least 3/4 of their amounts; 544 at least 95 %, 471 all of them.
      assert.ok(es1Matches.every((m) => m.overlap >= 0.75));
      assert.equal(es1Matches.filter((m) => m.overlap >= 0.95).length, 544);
      assert.equal(es1Matches.filter((m) => m.overlap === 1).length, 471);
      // Names alone would find fewer: FY20 renamed products (', 2022' dropped, ';' for ','; 'Electricity, at
      // grid' for 81 grid mixes) — 281 pairs have the same name.
      const norm = (s: string): string => s.toLowerCase().replace(/;/g, ',').replace(/\s+/g, ' ').trim();
      const sameName = es1Matches.filter((m) => {
        const a = jsonLd.processes.get(m.a);
        const b = es1.processes.get(m.b);
        if (!a || !b) return false;
        return norm(b.name) === norm(a.name) || norm(b.name) === norm(referenceFlow(jsonLd, a)?.name ?? '');
      });
      assert.equal(sameName.length, 281);
      // And reference product name, location and unit are unique to one dataset in both releases for 274 only.
      const groups = new Map<string, [number, number]>();
      for (const [r, side] of [
        [jsonLd, 0],
        [es1, 1],
      ] as const)
        for (const p of r.db.processes) {
          const ref = referenceFlow(r, p);
          if (!ref) continue;
          const unit = r.calc.matrices.units.referenceUnitName(ref.id);
          const k = `${norm(ref.name)}|${r.locations.get(p.locationId ?? '') ?? ''}|${unit}`;
          const g = groups.get(k) ?? [0, 0];
          g[side]++;
          groups.set(k, g);
        }
      assert.equal([...groups.values()].filter(([x, y]) => x === 1 && y === 1).length, 274);
      // The 35 unpaired FY20 datasets are new or revised beyond recognition (natural gas extraction and
      // processing, the '…, kg' petrochemicals, asphalt binders, 3 grid mixes, …).
      assert.equal(es1.db.processes.length - es1Matches.length, 35);
    });

    test('legacy flows are followed to their FEDEFL names', () => {
      const elementary = [...es1Flows].filter(([a]) => jsonLd.flows.get(a)?.type === 'elementary');
      assert.equal(elementary.length, 2435);
      const renamed = elementary.filter(
        ([a, b]) =>
          jsonLd.flows.get(a)?.name.trim().toLowerCase() !== es1.flows.get(b)?.name.trim().toLowerCase(),
      );
      assert.equal(renamed.length, 1050);
      const target = (id: string): string => {
        const f = es1.flows.get(es1Flows.get(id) ?? '');
        return f ? `${f.name} [${f.category}]` : '';
      };
      // 'Carbon dioxide, fossil' (air/unspecified) and 'Dinitrogen monoxide' (NETL, air/unspecified).
      assert.equal(target('63af114b-afcb-3a82-801a-9c66208a673a'), 'Carbon dioxide [emission/air]');
      assert.equal(target('20185046-64bb-4c09-a8e7-e8a9e144ca98'), 'Nitrous oxide [emission/air]');
      // 'Particulates, < 2.5 um' (air/low population density) and 'Carbon dioxide, fossil' (air/high population density).
      assert.equal(
        target('435b8cfd-d53b-3379-9702-28a8aaac01e0'),
        'Particulate matter, ≤ 2.5μm [troposphere/rural]',
      );
      assert.equal(target('729e8315-58ca-397a-9904-25847ca4f0f7'), 'Carbon dioxide [troposphere/urban]');
    });

    test('314 datasets have the same direct exchanges and links; the 282 others differ as listed', () => {
      assert.equal(vsEs1.identical.length, 314);
      const expected: Record<string, string> = {};
      for (const d of ES1_DIFFERENCES) {
        expected[d.id] = d.cause;
        assert.equal(jsonLd.processes.get(d.id)?.name, d.name, d.id);
      }
      assert.deepEqual(causes(vsEs1), expected);
      // Datasets per kind, as the comment above says.
      const perKind: Record<string, number> = {};
      for (const d of ES1_DIFFERENCES)
        for (const k of d.cause.split(', ')) perKind[k] = (perKind[k] ?? 0) + 1;
      assert.deepEqual(perKind, {
        'unit-label': 96,
        replaced: 87,
        removed: 120,
        added: 123,
        amount: 20,
        'reference-unit': 6,
        direction: 1,
        'provider-differs': 156,
        'provider-missing': 73,
        'cutoff-now-linked': 24,
        'linked-now-cutoff': 29,
      });
      const gridLinks = [...vsEs1.findings.values()].filter((f) =>
        f.links.some(
          (l) => l.kind === 'provider-differs' && es1.flows.get(l.key)?.name === 'Electricity, at grid',
        ),
      );
      assert.equal(gridLinks.length, 151);
      assert.equal(es1.db.processes.filter((p) => p.name === 'Electricity, at grid').length, 81);
      // 667 exchanges are 'unit-label': the same number under another unit.
      const unitLabels = [...vsEs1.findings.values()].flatMap((f) =>
        f.exchanges.filter((d) => d.kind === 'unit-label'),
      );
      assert.equal(unitLabels.length, 667);
      assert.ok(unitLabels.every((d) => d.a?.exchangeUnits.join() !== d.b?.exchangeUnits.join()));
    });

    test('datasets with the same direct exchanges have the same gate-to-gate inventory', () => {
      // EcoSpold 1 has no formulas; the 314 identical datasets and 71 that differ only in their links.
      assert.deepEqual(formulaCheck(es1), { formulas: 0, differing: 0 });
      const results = sameExchanges(vsEs1);
      assert.equal(new Set(results.map((r) => r.a)).size, 385);
      assert.equal(results.length, 407);
      for (const r of results) assert.ok(r.gateToGate <= 1e-9, `${r.a} ${r.name}: ${r.gateToGate}`);
    });

    test('process-products whose supply chain is the same agree within 1e-6', () => {
      // Ten datasets that draw on no other (combustion and AP-42 operations, mostly).
      const same = vsEs1.results.filter((r) => r.differingUpstream.length === 0);
      assert.equal(same.length, 10);
      for (const r of same)
        assert.ok(
          r.relative <= TOLERANCE,
          `${r.a} ${r.name}: ${r.key} ${r.valueA} (JSON-LD) vs ${r.valueB} (EcoSpold 1), ${r.relative} relative`,
        );
      assert.ok((largest(same)?.relative ?? 0) < 1e-12);
    });

    test('every result that differs has a listed dataset in its supply chain', () => {
      assert.deepEqual(vsEs1.unpairedProducts, ES1_UNPAIRED_PRODUCTS);
      assert.equal(vsEs1.results.length, 728);
      const differing = vsEs1.results.filter((r) => r.relative > TOLERANCE);
      assert.equal(differing.length, 711);
      for (const r of differing)
        assert.ok(r.differingUpstream.length > 0, `${r.a} ${r.name} differs unexplained`);
      const agreeDespite = vsEs1.results.filter(
        (r) => r.relative <= TOLERANCE && r.differingUpstream.length > 0,
      );
      assert.deepEqual(agreeDespite.map((r) => r.a).sort(), ES1_AGREE_DESPITE);
    });
  });
});
