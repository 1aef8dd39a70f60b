import type { Flow } from '@opencfp/core';
import type { Random } from '@opencfp/linalg';
import { syntheticId } from './synthetic-ids.js';
import { unitCatalogue, type UnitMatch } from './unit-catalogue.js';

/** An elementary flow of a synthetic biosphere with what the generator needs to use it. */
export interface SyntheticElementaryFlow {
  flow: Flow;
  unit: UnitMatch;
  /** Resources are inputs from nature; emissions outputs to it. */
  isResource: boolean;
  /** Typical amount per unit of an activity's reference product, in `unit`. */
  scale: number;
}

// ecoinvent 3 (biosphere3) compartments and sub-compartments.
const AIR = [
  'urban air close to ground',
  'non-urban air or from high stacks',
  'lower stratosphere + upper troposphere',
  'unspecified',
  'low population density, long-term',
];
const WATER = ['surface water', 'ground-', 'ground-, long-term', 'ocean', 'unspecified'];
const SOIL = ['agricultural', 'forestry', 'industrial', 'unspecified'];

/** [name, CAS, formula, media ('a' air, 'w' water, 's' soil), typical kg per kg of product]. */
type Substance = readonly [string, string | undefined, string | undefined, string, number];

// Substances of real inventories, the most frequent first (their flows are the most popular ones).
const SUBSTANCES: readonly Substance[] = [
  ['Carbon dioxide, fossil', '124-38-9', 'CO2', 'a', 0.5],
  ['Methane, fossil', '74-82-8', 'CH4', 'a', 1e-3],
  ['Dinitrogen monoxide', '10024-97-2', 'N2O', 'a', 2e-5],
  ['Nitrogen oxides', '11104-93-1', 'NOx', 'a', 1e-3],
  ['Sulfur dioxide', '7446-09-5', 'SO2', 'a', 1e-3],
  ['Particulate Matter, < 2.5 um', undefined, undefined, 'a', 2e-4],
  ['Particulate Matter, > 10 um', undefined, undefined, 'a', 2e-4],
  ['Particulate Matter, > 2.5 um and < 10um', undefined, undefined, 'a', 1e-4],
  ['Carbon monoxide, fossil', '630-08-0', 'CO', 'a', 1e-3],
  ['Carbon dioxide, non-fossil', '124-38-9', 'CO2', 'a', 0.05],
  ['Ammonia', '7664-41-7', 'NH3', 'aws', 1e-4],
  ['NMVOC, non-methane volatile organic compounds', undefined, undefined, 'a', 3e-4],
  ['Methane, non-fossil', '74-82-8', 'CH4', 'a', 1e-4],
  ['Phosphate', '14265-44-2', 'PO4', 'ws', 1e-5],
  ['Nitrate', '14797-55-8', 'NO3', 'aws', 1e-4],
  ['Ammonium, ion', '14798-03-9', 'NH4', 'w', 1e-5],
  ['COD, Chemical Oxygen Demand', undefined, undefined, 'w', 1e-3],
  ['BOD5, Biological Oxygen Demand', undefined, undefined, 'w', 5e-4],
  ['DOC, Dissolved Organic Carbon', undefined, undefined, 'w', 3e-4],
  ['TOC, Total Organic Carbon', undefined, undefined, 'w', 3e-4],
  ['Chloride', '16887-00-6', 'Cl', 'ws', 1e-4],
  ['Sulfate', '14808-79-8', 'SO4', 'aws', 1e-4],
  ['Hydrogen chloride', '7647-01-0', 'HCl', 'a', 2e-5],
  ['Hydrogen fluoride', '7664-39-3', 'HF', 'a', 5e-6],
  ['Benzene', '71-43-2', 'C6H6', 'aw', 1e-6],
  ['Toluene', '108-88-3', 'C7H8', 'aw', 1e-6],
  ['Xylene', '1330-20-7', 'C8H10', 'aw', 1e-6],
  ['Formaldehyde', '50-00-0', 'CH2O', 'aw', 1e-6],
  ['Mercury', '7439-97-6', 'Hg', 'aws', 1e-8],
  ['Lead', '7439-92-1', 'Pb', 'aws', 1e-7],
  ['Cadmium', '7440-43-9', 'Cd', 'aws', 1e-8],
  ['Zinc', '7440-66-6', 'Zn', 'aws', 1e-6],
  ['Copper', '7440-50-8', 'Cu', 'aws', 1e-6],
  ['Nickel', '7440-02-0', 'Ni', 'aws', 1e-7],
  ['Chromium', '7440-47-3', 'Cr', 'aws', 1e-7],
  ['Arsenic', '7440-38-2', 'As', 'aws', 1e-8],
  ['Sodium', '7440-23-5', 'Na', 'ws', 1e-5],
  ['Iron', '7439-89-6', 'Fe', 'aws', 1e-6],
  ['Aluminium', '7429-90-5', 'Al', 'aws', 1e-6],
  ['Manganese', '7439-96-5', 'Mn', 'aws', 1e-7],
  ['Vanadium', '7440-62-2', 'V', 'aw', 1e-8],
  ['Cobalt', '7440-48-4', 'Co', 'aw', 1e-8],
  ['Selenium', '7782-49-2', 'Se', 'aw', 1e-8],
  ['Antimony', '7440-36-0', 'Sb', 'aw', 1e-8],
  ['Barium', '7440-39-3', 'Ba', 'aws', 1e-7],
  ['Boron', '7440-42-8', 'B', 'aws', 1e-7],
  ['Fluoride', '16984-48-8', 'F', 'ws', 1e-6],
  ['Cyanide', '57-12-5', 'CN', 'aw', 1e-8],
  ['Ethene', '74-85-1', 'C2H4', 'a', 1e-6],
  ['Propene', '115-07-1', 'C3H6', 'a', 1e-7],
  ['Acetone', '67-64-1', 'C3H6O', 'aw', 1e-7],
  ['Methanol', '67-56-1', 'CH4O', 'aw', 1e-7],
  ['Ethanol', '64-17-5', 'C2H6O', 'aw', 1e-7],
  ['Acetic acid', '64-19-7', 'C2H4O2', 'aw', 1e-7],
  ['Phenol', '108-95-2', 'C6H6O', 'aw', 1e-8],
  ['Styrene', '100-42-5', 'C8H8', 'a', 1e-8],
  ['Dioxins, measured as 2,3,7,8-tetrachlorodibenzo-p-dioxin', '1746-01-6', 'C12H4Cl4O2', 'aws', 1e-13],
  ['PAH, polycyclic aromatic hydrocarbons', undefined, undefined, 'aw', 1e-9],
  ['Benzo(a)pyrene', '50-32-8', 'C20H12', 'a', 1e-10],
  ['Hydrocarbons, aliphatic, alkanes, unspecified', undefined, undefined, 'aw', 1e-6],
  ['Hydrocarbons, aromatic', undefined, undefined, 'aw', 1e-7],
  ['Oils, unspecified', undefined, undefined, 'ws', 1e-6],
  ['Suspended solids, unspecified', undefined, undefined, 'w', 1e-4],
  ['Dissolved solids', undefined, undefined, 'w', 1e-4],
  ['Glyphosate', '1071-83-6', 'C3H8NO5P', 'sw', 1e-7],
  ['Atrazine', '1912-24-9', 'C8H14ClN5', 'sw', 1e-8],
  ['Heat, waste', undefined, undefined, 'aw', 1],
];

/** Radionuclides: [name, CAS, typical kBq per unit of product]. */
const RADIONUCLIDES: readonly (readonly [string, string, number])[] = [
  ['Radon-222', '14859-67-7', 1e-1],
  ['Carbon-14', '14762-75-5', 1e-3],
  ['Hydrogen-3, Tritium', '10028-17-8', 1e-2],
  ['Krypton-85', '13983-27-2', 1e-3],
  ['Xenon-133', '14932-42-4', 1e-3],
  ['Iodine-129', '15046-84-1', 1e-6],
  ['Cesium-137', '10045-97-3', 1e-6],
  ['Uranium-238', '7440-61-1', 1e-5],
];

/** Resources: [name, unit, sub-compartment of 'natural resource', CAS, typical amount]. */
const RESOURCES: readonly (readonly [string, string, string, string | undefined, number])[] = [
  ['Water, cooling, unspecified natural origin', 'm3', 'in water', '7732-18-5', 1e-2],
  ['Water, river', 'm3', 'in water', '7732-18-5', 1e-3],
  ['Water, well, in ground', 'm3', 'in water', '7732-18-5', 1e-3],
  ['Water, lake', 'm3', 'in water', '7732-18-5', 1e-4],
  ['Water, turbine use, unspecified natural origin', 'm3', 'in water', '7732-18-5', 1e-1],
  ['Water, unspecified natural origin', 'm3', 'in water', '7732-18-5', 1e-3],
  ['Gas, natural, in ground', 'm3', 'in ground', undefined, 1e-2],
  ['Oil, crude, in ground', 'kg', 'in ground', undefined, 1e-2],
  ['Coal, hard, unspecified, in ground', 'kg', 'in ground', undefined, 1e-2],
  ['Coal, brown, in ground', 'kg', 'in ground', undefined, 1e-2],
  ['Uranium, in ground', 'kg', 'in ground', '7440-61-1', 1e-6],
  ['Iron, in ground', 'kg', 'in ground', '7439-89-6', 1e-2],
  ['Copper, Cu 0.38%, in mixed ore, in ground', 'kg', 'in ground', '7440-50-8', 1e-4],
  ['Aluminium, in ground', 'kg', 'in ground', '7429-90-5', 1e-3],
  ['Gravel, in ground', 'kg', 'in ground', undefined, 1e-1],
  ['Sand, unspecified, in ground', 'kg', 'in ground', undefined, 1e-2],
  ['Calcite, in ground', 'kg', 'in ground', '13397-26-7', 1e-2],
  ['Sodium chloride, in ground', 'kg', 'in ground', '7647-14-5', 1e-3],
  ['Energy, gross calorific value, in biomass', 'MJ', 'biotic', undefined, 1e-1],
  ['Wood, hard, standing', 'm3', 'biotic', undefined, 1e-4],
  ['Wood, soft, standing', 'm3', 'biotic', undefined, 1e-4],
  ['Energy, potential (in hydropower reservoir), converted', 'MJ', 'in water', undefined, 1e-1],
  ['Energy, kinetic (in wind), converted', 'MJ', 'in air', undefined, 1e-2],
  ['Energy, solar, converted', 'MJ', 'in air', undefined, 1e-2],
  ['Carbon dioxide, in air', 'kg', 'in air', '124-38-9', 1e-1],
  ['Nitrogen, in air', 'kg', 'in air', '7727-37-9', 1e-3],
  ['Oxygen, in air', 'kg', 'in air', '7782-44-7', 1e-3],
  ['Occupation, arable land, unspecified use', 'm2*year', 'land', undefined, 1e-1],
  ['Occupation, forest, intensive', 'm2*year', 'land', undefined, 1e-1],
  ['Occupation, industrial area', 'm2*year', 'land', undefined, 1e-2],
  ['Occupation, traffic area, road network', 'm2*year', 'land', undefined, 1e-2],
  ['Occupation, urban, discontinuously built', 'm2*year', 'land', undefined, 1e-3],
  ['Occupation, mineral extraction site', 'm2*year', 'land', undefined, 1e-3],
  ['Transformation, from unspecified', 'm2', 'land', undefined, 1e-3],
  ['Transformation, to industrial area', 'm2', 'land', undefined, 1e-3],
  ['Transformation, from forest, extensive', 'm2', 'land', undefined, 1e-3],
  ['Transformation, to arable land, unspecified use', 'm2', 'land', undefined, 1e-3],
  ['Transformation, to mineral extraction site', 'm2', 'land', undefined, 1e-4],
  ['Transformation, to traffic area, road network', 'm2', 'land', undefined, 1e-4],
  ['Volume occupied, reservoir', 'm3*year', 'in water', undefined, 1e-3],
];

// Parts of the names of the synthetic organic substances that fill the biosphere up to its size.
const LOCANTS = ['1-', '2-', '3-', '4-', '1,2-', '1,3-', '2,4-', ''];
const PREFIXES = [
  'methyl',
  'ethyl',
  'propyl',
  'butyl',
  'chloro',
  'bromo',
  'fluoro',
  'hydroxy',
  'amino',
  'nitro',
  'dimethyl',
  'trichloro',
  'isopropyl',
  'vinyl',
  'phenyl',
  'cyano',
];
const CORES = [
  'benzene',
  'phenol',
  'acetate',
  'amine',
  'ether',
  'ketone',
  'aldehyde',
  'pyridine',
  'toluene',
  'acrylate',
  'glycol',
  'sulfonate',
  'naphthalene',
  'furan',
  'propanol',
  'butanoate',
];

/** A CAS registry number with a valid check digit, built from `body` (2–7 digits before the check). */
function casNumber(body: number): string {
  const digits = String(body);
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += (digits.length - i) * Number(digits[i]);
  return `${digits.slice(0, -2)}-${digits.slice(-2)}-${sum % 10}`;
}

/**
 * A synthetic biosphere of `count` elementary flows in ecoinvent 3's compartments, the most used flows first
 * (so that a power law over the index picks realistic ones most often): real substances emitted to air, water
 * and soil in every sub-compartment they occur in, resources from 'natural resource/in ground', 'in water',
 * 'in air', 'biotic' and 'land' (water in m3, land occupation in m2*year, transformation in m2, energy in MJ),
 * radionuclides in kBq, and then synthetic organic substances (half with a CAS number) until `count` is
 * reached. Categories are 'Elementary flows/<compartment>/<sub-compartment>', as openLCA shows biosphere3.
 *
 * @example
 * const bio = syntheticBiosphere(4000, 42, new Random(42));
 * bio[0].flow.name; // 'Carbon dioxide, fossil'
 */
export function syntheticBiosphere(count: number, seed: number, rng: Random): SyntheticElementaryFlow[] {
  const out: SyntheticElementaryFlow[] = [];
  const kg = unit('kg');
  const add = (
    name: string,
    compartment: string,
    sub: string,
    u: UnitMatch,
    isResource: boolean,
    scale: number,
    cas?: string,
    formula?: string,
  ): void => {
    if (out.length >= count) return;
    const flow: Flow = {
      id: syntheticId(seed, 'elementary-flow', out.length),
      name,
      type: 'elementary',
      category: `Elementary flows/${compartment}/${sub}`,
      properties: [{ flowPropertyId: u.flowPropertyId, factor: 1, isReference: true }],
    };
    if (cas) flow.cas = cas;
    if (formula) flow.formula = formula;
    out.push({ flow, unit: u, isResource, scale });
  };

  // The ten most frequent emissions and the main resources first, each in its most common compartment.
  for (const [name, cas, formula, media, scale] of SUBSTANCES.slice(0, 10))
    add(name, media.includes('a') ? 'air' : 'water', 'unspecified', kg, false, scale, cas, formula);
  for (const [name, u, sub, cas, scale] of RESOURCES)
    add(name, 'natural resource', sub, unit(u), true, scale, cas);
  const kbq = unit('kBq');
  for (const [name, cas, scale] of RADIONUCLIDES)
    add(name, 'air', 'non-urban air or from high stacks', kbq, false, scale, cas);
  for (const [name, cas, scale] of RADIONUCLIDES) {
    add(name, 'air', 'unspecified', kbq, false, scale, cas);
    for (const sub of ['surface water', 'ocean']) add(name, 'water', sub, kbq, false, scale * 0.1, cas);
  }
  const first = out.length;
  for (const [name, cas, formula, media, scale] of SUBSTANCES) {
    const compartments: [string, string[]][] = [];
    if (media.includes('a')) compartments.push(['air', AIR]);
    if (media.includes('w')) compartments.push(['water', WATER]);
    if (media.includes('s')) compartments.push(['soil', SOIL]);
    for (const [compartment, subs] of compartments)
      for (const sub of subs) {
        const known = out
          .slice(0, first)
          .some((f) => f.flow.name === name && f.flow.category === `Elementary flows/${compartment}/${sub}`);
        if (!known)
          add(name, compartment, sub, kg, false, scale * (sub === 'unspecified' ? 1 : 0.3), cas, formula);
      }
  }

  // Synthetic substances: every name in 2–6 compartments, as real substances are.
  const all: [string, string][] = [
    ...AIR.map((s): [string, string] => ['air', s]),
    ...WATER.map((s): [string, string] => ['water', s]),
    ...SOIL.map((s): [string, string] => ['soil', s]),
  ];
  for (let k = 0; out.length < count; k++) {
    const locant = LOCANTS[k % LOCANTS.length];
    const prefix = PREFIXES[Math.floor(k / LOCANTS.length) % PREFIXES.length];
    const core = CORES[Math.floor(k / (LOCANTS.length * PREFIXES.length)) % CORES.length];
    const round = Math.floor(k / (LOCANTS.length * PREFIXES.length * CORES.length));
    const name = `${locant}${prefix}${core}${round > 0 ? ` ${round + 1}` : ''}`;
    const cas = rng.next() < 0.5 ? casNumber(50_000 + rng.int(9_000_000)) : undefined;
    const scale = Math.exp(Math.log(1e-8) + 2 * rng.normal());
    const places = 2 + rng.int(5);
    const start = rng.int(all.length);
    for (let p = 0; p < places; p++) {
      const [compartment, sub] = all[(start + p * 5) % all.length];
      add(name.charAt(0).toUpperCase() + name.slice(1), compartment, sub, kg, false, scale, cas);
    }
  }
  return out;
}

function unit(name: string): UnitMatch {
  const u = unitCatalogue.lookup(name);
  if (!u) throw new Error(`unit ${name} is missing from the unit catalogue`);
  return u;
}
