import type { FlowProperty, UnitGroup } from '@opencfp/core';
import { nameBasedUuid } from './eco-spold1-ids.js';
import type { IssueLog } from './issue-log.js';
import { unitCatalogue } from './unit-catalogue.js';

/**
 * Units of an EcoSpold 1 read. EcoSpold 1 names units only ('kg', 't*km'); they are looked up in the shared
 * unit catalogue (openLCA's reference unit groups and ids). A name the catalogue does not know gets a unit group
 * of its own, with that unit as reference (as openLCA's import does), and one warning.
 *
 * @example
 * const units = new EcoSpold1Units(log);
 * units.resolve('kWh', 'db.xml', '/ecoSpold/dataset[1]/flowData/exchange[2]/@unit'); // { unitId, flowPropertyId }
 * const { unitGroups, flowProperties } = units.used();
 */
export class EcoSpold1Units {
  private readonly byName = new Map<string, { unitId: string; flowPropertyId: string }>();
  private readonly catalogueGroups = new Set<string>();
  private readonly ownGroups: UnitGroup[] = [];
  private readonly ownProperties: FlowProperty[] = [];

  constructor(private readonly log: IssueLog) {}

  resolve(name: string, file: string, at: string): { unitId: string; flowPropertyId: string } {
    const known = this.byName.get(name);
    if (known) return known;
    const match = unitCatalogue.lookup(name);
    let resolved: { unitId: string; flowPropertyId: string };
    if (match) {
      this.catalogueGroups.add(match.groupId);
      resolved = { unitId: match.unitId, flowPropertyId: match.flowPropertyId };
    } else {
      const unitId = nameBasedUuid('EcoSpold01 unit', name);
      const groupId = nameBasedUuid('EcoSpold01 unit group', name);
      const flowPropertyId = nameBasedUuid('EcoSpold01 flow property', name);
      this.ownGroups.push({
        id: groupId,
        name: `Units of ${name}`,
        units: [{ id: unitId, name, factor: 1 }],
        referenceUnitId: unitId,
        defaultFlowPropertyId: flowPropertyId,
      });
      this.ownProperties.push({ id: flowPropertyId, name, unitGroupId: groupId });
      resolved = { unitId, flowPropertyId };
      this.log.warning(
        file,
        at,
        'UNKNOWN_UNIT',
        `The unit '${name}' is not in the unit catalogue; a unit group with '${name}' as its only unit was ` +
          'created, so amounts in it are not converted to or from other units. Use a common unit name if one fits.',
      );
    }
    this.byName.set(name, resolved);
    return resolved;
  }

  /** Unit groups and flow properties of every unit resolved so far. */
  used(): { unitGroups: UnitGroup[]; flowProperties: FlowProperty[] } {
    const { unitGroups, flowProperties } = unitCatalogue.build(this.catalogueGroups);
    return {
      unitGroups: [...unitGroups, ...this.ownGroups],
      flowProperties: [...flowProperties, ...this.ownProperties],
    };
  }
}
