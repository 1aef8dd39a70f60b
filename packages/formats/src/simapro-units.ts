import type { FlowProperty, Unit, UnitGroup } from '@opencfp/core';
import type { IssueLog } from './issue-log.js';
import { uuidV5 } from './simapro-uuid.js';
import { unitCatalogue } from './unit-catalogue.js';

/** One row of a SimaPro `Units` block: name; quantity; conversion factor; reference unit name. */
export interface SimaProUnitRow {
  name: string;
  quantity: string;
  factor: number;
  referenceUnit: string;
  line: number;
}

/** Where a unit name leads: its unit, the unit group and the group's flow property. */
export interface ResolvedUnit {
  unitId: string;
  groupId: string;
  flowPropertyId: string;
}

interface Group {
  group: UnitGroup;
  property: FlowProperty;
  used: boolean;
}

/**
 * Resolves SimaPro unit names. The file's `Units` block is the authority for the units it lists (SimaPro
 * computed the file's amounts with those factors); a quantity whose reference unit the shared unit catalogue
 * knows is mapped onto the catalogue's group, so units get the ids openLCA and the other readers use, and a
 * listed factor that differs from the catalogue's (SimaPro's lb is 0.4535924 kg) is kept and reported.
 * Quantities the catalogue does not know (SimaPro's 'Indicator' in Pt) get groups of their own, and so does a
 * unit found nowhere (reported: its amounts cannot be converted to other units).
 *
 * @example
 * const units = new SimaProUnits(rows, log, 'db.csv');
 * units.resolve('kg', 'line 12'); // { unitId, groupId, flowPropertyId }
 * const { unitGroups, flowProperties } = units.build();
 */
export class SimaProUnits {
  private readonly groups = new Map<string, Group>();
  /** Unit name (as written in the file) → resolved unit. */
  private readonly byName = new Map<string, ResolvedUnit>();
  private readonly differing: string[] = [];

  constructor(
    rows: readonly SimaProUnitRow[],
    private readonly log: IssueLog,
    private readonly file: string,
  ) {
    const byQuantity = new Map<string, SimaProUnitRow[]>();
    for (const row of rows) {
      const key = row.quantity.toLowerCase();
      let list = byQuantity.get(key);
      if (!list) byQuantity.set(key, (list = []));
      list.push(row);
    }
    for (const list of byQuantity.values()) this.addQuantity(list);
    if (this.differing.length > 0) {
      this.log.info(
        this.file,
        `line ${rows[0].line}`,
        'UNIT_FACTOR_DIFFERS',
        `${this.differing.length} unit(s) of the Units block have factors that differ from the unit catalogue ` +
          `(${this.differing.slice(0, 5).join('; ')}${this.differing.length > 5 ? '; …' : ''}); the file's ` +
          'factors are used, as SimaPro did.',
      );
    }
  }

  private addQuantity(rows: SimaProUnitRow[]): void {
    const quantity = rows[0].quantity;
    // The reference unit is the one the rows name as such; SimaPro lists it with factor 1.
    const refName =
      rows.find((r) => r.factor === 1 && r.name === r.referenceUnit)?.name ?? rows[0].referenceUnit;
    const refInFile = rows.find((r) => r.name === refName);
    const match = unitCatalogue.lookup(refName);
    let g: Group;
    let scale = 1;
    if (match && (refInFile === undefined || refInFile.factor === 1)) {
      scale = match.factor;
      g = this.groups.get(match.groupId) ?? this.catalogueGroup(match.groupId);
    } else {
      g = this.ownGroup(`quantity/${quantity.toLowerCase()}`, `Units of ${quantity}`, quantity, refName);
    }
    for (const row of rows) {
      const factor = row.factor * scale;
      const known = unitCatalogue.lookup(row.name);
      let unit: Unit | undefined;
      if (known && known.groupId === g.group.id) unit = g.group.units.find((u) => u.id === known.unitId);
      unit ??= g.group.units.find((u) => u.name === row.name);
      if (unit) {
        if (unit.factor !== factor) {
          if (Math.abs(unit.factor - factor) > 1e-12 * Math.abs(unit.factor))
            this.differing.push(`${row.name}: ${factor} instead of ${unit.factor}`);
          unit.factor = factor;
        }
      } else {
        unit = { id: uuidV5(`unit/${g.group.id}/${row.name}`), name: row.name, factor };
        g.group.units.push(unit);
      }
      this.byName.set(row.name, { unitId: unit.id, groupId: g.group.id, flowPropertyId: g.property.id });
    }
  }

  private catalogueGroup(groupId: string): Group {
    const built = unitCatalogue.build([groupId]);
    const g: Group = { group: built.unitGroups[0], property: built.flowProperties[0], used: false };
    this.groups.set(groupId, g);
    return g;
  }

  private ownGroup(key: string, groupName: string, propertyName: string, refName: string): Group {
    const id = uuidV5(`unit-group/${key}`);
    const existing = this.groups.get(id);
    if (existing) return existing;
    const refId = uuidV5(`unit/${id}/${refName}`);
    const g: Group = {
      group: {
        id,
        name: groupName,
        units: [{ id: refId, name: refName, factor: 1 }],
        referenceUnitId: refId,
        defaultFlowPropertyId: uuidV5(`flow-property/${key}`),
      },
      property: { id: uuidV5(`flow-property/${key}`), name: propertyName, unitGroupId: id },
      used: false,
    };
    this.groups.set(id, g);
    return g;
  }

  /**
   * The unit called `name`: from the file's Units block, else from the catalogue, else a new group of its own
   * (reported once, at `where`).
   */
  resolve(name: string, where: string): ResolvedUnit {
    let r = this.byName.get(name);
    if (!r) {
      const match = unitCatalogue.lookup(name);
      if (match) {
        const g = this.groups.get(match.groupId) ?? this.catalogueGroup(match.groupId);
        // A file quantity mapped onto this group may have renamed nothing: catalogue units keep their ids.
        r = { unitId: match.unitId, groupId: g.group.id, flowPropertyId: g.property.id };
      } else {
        const g = this.ownGroup(`unit/${name}`, `Units of ${name}`, name, name);
        r = { unitId: g.group.referenceUnitId, groupId: g.group.id, flowPropertyId: g.property.id };
        this.log.warning(
          this.file,
          where,
          'UNKNOWN_UNIT',
          `Unit '${name}' is neither in the file's Units block nor in the unit catalogue; it got a unit group of its ` +
            'own, so amounts in it are not converted to other units and link only to flows in the same unit. ' +
            'Export with "Related objects" (units) included, or use a known unit.',
        );
      }
      this.byName.set(name, r);
    }
    const g = this.groups.get(r.groupId);
    if (g) g.used = true;
    return r;
  }

  /** Unit groups and flow properties of every unit resolved so far. */
  build(): { unitGroups: UnitGroup[]; flowProperties: FlowProperty[] } {
    const used = [...this.groups.values()].filter((g) => g.used);
    return { unitGroups: used.map((g) => g.group), flowProperties: used.map((g) => g.property) };
  }
}
