import type { Database, Flow } from '@opencfp/core';
import { commonUnitFactor } from './common-units.js';

/**
 * Reference units of `flow` in one `unit`, through any of the flow's properties ('kWh' of an electricity measured
 * in MJ → 3.6; 'kg' of a fuel measured in MJ with 0.0233 kg per MJ → 42.9), then through the common units (a
 * flow measured in kg given in 'lb'). `known` collects the unit names the flow can be given in.
 *
 * @example productUnitFactor(db, electricity, 'kWh'); // 3.6 when the reference unit is MJ
 */
export function productUnitFactor(
  db: Pick<Database, 'unitGroups' | 'flowProperties'>,
  flow: Flow,
  unit: string,
  known: string[] = [],
): number | undefined {
  const wanted = unit.trim();
  type Group = { units: { name: string; factor: number; synonyms?: string[] }[]; perReference: number };
  const groups: Group[] = [];
  for (const pf of flow.properties) {
    const property = db.flowProperties.find((p) => p.id === pf.flowPropertyId);
    const group = db.unitGroups.find((g) => g.id === property?.unitGroupId);
    if (!group || pf.factor === 0) continue;
    groups.push({ units: group.units, perReference: pf.factor });
    known.push(...group.units.map((u) => u.name));
  }
  // One `unit` is u.factor units of its group's reference, which is 1/perReference reference units of the flow.
  const names = (u: Group['units'][number]) => [u.name, ...(u.synonyms ?? [])];
  for (const g of groups)
    for (const u of g.units) if (names(u).includes(wanted)) return u.factor / g.perReference;
  // Case ignored only where it picks one unit: 'KG' is kg, but 'MG' is neither mg nor Mg.
  const lower = wanted.toLowerCase();
  const matches = groups.flatMap((g) =>
    g.units
      .filter((u) => names(u).some((x) => x.toLowerCase() === lower))
      .map((u) => u.factor / g.perReference),
  );
  if (matches.length > 0 && matches.every((k) => k === matches[0])) return matches[0];
  if (matches.length > 1) return undefined;
  for (const g of groups)
    for (const u of g.units) {
      const k = commonUnitFactor(unit, u.name);
      if (k !== undefined) return (k * u.factor) / g.perReference;
    }
  return undefined;
}
