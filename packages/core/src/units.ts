import type { DiagnosticCode } from './diagnostics.js';
import type { Database, Flow, FlowProperty, FlowPropertyFactor, Unit, UnitGroup } from './model.js';

/** Why an amount cannot be converted; the exchange or factor concerned is skipped and reported. */
export interface ConversionProblem {
  code: DiagnosticCode;
  message: string;
}

/** What a flow is measured in after conversion: the reference unit of its reference flow property. */
export interface ReferenceUnit {
  property: FlowProperty;
  unit: Unit;
}

/**
 * Unit and flow-property conversion with indexes over the database's unit groups, flow properties and flows.
 *
 * An amount `x` in unit `u` of property `p` of a flow becomes, in the reference unit of the flow's reference
 * property: x · u.factor / refUnit(p).factor / fpf(p) · fpf(ref), where fpf(q) is the amount of property q per
 * one unit of the flow's reference property (water: 0.001 m³ per kg, so 1 m³ → 1 · 1 / 1 / 0.001 = 1000 kg).
 * Factors are cached per (flow, property, unit), so converting every exchange of a database costs O(exchanges).
 *
 * @example
 * const units = new UnitIndex(db);
 * const k = units.conversionFactor(water, 'unit-m3', 'fp-volume'); // 1000 (kg per m³)
 * if (typeof k === 'number') amountInKg = 2 * k;
 */
export class UnitIndex {
  private readonly flows = new Map<string, Flow>();
  private readonly properties = new Map<string, FlowProperty>();
  private readonly groups = new Map<string, UnitGroup>();
  /** unit id → unit, per group: a unit is only valid in its own group. */
  private readonly unitsByGroup = new Map<string, Map<string, Unit>>();
  /** unit id → its group, to say where a misplaced unit belongs. */
  private readonly groupOfUnit = new Map<string, UnitGroup>();
  private readonly factorCache = new Map<string, number | ConversionProblem>();
  private readonly referenceCache = new Map<string, ReferenceUnit | ConversionProblem>();

  constructor(db: Pick<Database, 'unitGroups' | 'flowProperties' | 'flows'>) {
    for (const g of db.unitGroups) {
      this.groups.set(g.id, g);
      const units = new Map<string, Unit>();
      for (const u of g.units) {
        units.set(u.id, u);
        if (!this.groupOfUnit.has(u.id)) this.groupOfUnit.set(u.id, g);
      }
      this.unitsByGroup.set(g.id, units);
    }
    for (const p of db.flowProperties) this.properties.set(p.id, p);
    for (const f of db.flows) if (!this.flows.has(f.id)) this.flows.set(f.id, f);
  }

  flow(id: string): Flow | undefined {
    return this.flows.get(id);
  }

  property(id: string): FlowProperty | undefined {
    return this.properties.get(id);
  }

  /** Id of the reference unit of a flow property's unit group, undefined when property or group is unknown. */
  referenceUnitIdOf(flowPropertyId: string): string | undefined {
    const property = this.properties.get(flowPropertyId);
    const group = property ? this.groups.get(property.unitGroupId) : undefined;
    return group?.referenceUnitId;
  }

  /** The unit a flow's amounts are expressed in after conversion, or why there is none. */
  referenceUnit(flow: Flow): ReferenceUnit | ConversionProblem {
    const cached = this.referenceCache.get(flow.id);
    if (cached) return cached;
    const result = this.findReferenceUnit(flow);
    this.referenceCache.set(flow.id, result);
    return result;
  }

  /** Name of the reference unit of a flow, '' when it has none (the problem is reported where it matters). */
  referenceUnitName(flowId: string): string {
    const flow = this.flows.get(flowId);
    if (!flow) return '';
    const ref = this.referenceUnit(flow);
    return 'unit' in ref ? ref.unit.name : '';
  }

  private findReferenceUnit(flow: Flow): ReferenceUnit | ConversionProblem {
    const refFactor = referenceFactor(flow);
    if (!refFactor)
      return {
        code: 'NO_REFERENCE_FLOW_PROPERTY',
        message: `flow '${flow.name}' (${flow.id}) has no reference flow property; mark one of its flow property factors as the reference.`,
      };
    const property = this.properties.get(refFactor.flowPropertyId);
    if (!property)
      return {
        code: 'UNKNOWN_FLOW_PROPERTY',
        message: `the reference flow property ${refFactor.flowPropertyId} of flow '${flow.name}' (${flow.id}) is not in the database; import it with the flow.`,
      };
    const group = this.groups.get(property.unitGroupId);
    const unit = group ? this.unitsByGroup.get(group.id)?.get(group.referenceUnitId) : undefined;
    if (!group || !unit)
      return {
        code: 'UNKNOWN_UNIT',
        message: `the unit group ${property.unitGroupId} of flow property '${property.name}' is missing or has no reference unit; import the unit group.`,
      };
    return { property, unit };
  }

  /**
   * Factor k such that `amount · k` is the amount in the flow's reference unit; or the reason there is none
   * (unknown unit, property not on the flow, …).
   */
  conversionFactor(flow: Flow, unitId: string, flowPropertyId: string): number | ConversionProblem {
    const key = `${flow.id}\u0000${flowPropertyId}\u0000${unitId}`;
    const cached = this.factorCache.get(key);
    if (cached !== undefined) return cached;
    const result = this.computeFactor(flow, unitId, flowPropertyId);
    this.factorCache.set(key, result);
    return result;
  }

  private computeFactor(flow: Flow, unitId: string, flowPropertyId: string): number | ConversionProblem {
    const ref = this.referenceUnit(flow);
    if (!('unit' in ref)) return ref;
    const property = this.properties.get(flowPropertyId);
    if (!property)
      return {
        code: 'UNKNOWN_FLOW_PROPERTY',
        message: `flow property ${flowPropertyId || '(none)'} is not in the database; import it or use a property of flow '${flow.name}' (${flow.id}).`,
      };
    const fpf = flow.properties.find((f) => f.flowPropertyId === flowPropertyId);
    if (!fpf || !(fpf.factor !== 0 && Number.isFinite(fpf.factor)))
      return {
        code: 'FLOW_PROPERTY_NOT_ON_FLOW',
        message: `flow '${flow.name}' (${flow.id}) has no ${fpf ? 'usable (non-zero) ' : ''}factor for flow property '${property.name}'; add the flow property factor to the flow or give the amount in one of its properties.`,
      };
    const refFpf = referenceFactor(flow) as FlowPropertyFactor;
    const group = this.groups.get(property.unitGroupId);
    const units = this.unitsByGroup.get(property.unitGroupId);
    const unit = units?.get(unitId);
    const groupRef = group ? units?.get(group.referenceUnitId) : undefined;
    if (!unit || !groupRef) {
      const other = this.groupOfUnit.get(unitId);
      return {
        code: 'UNKNOWN_UNIT',
        message: !group
          ? `the unit group ${property.unitGroupId} of flow property '${property.name}' is not in the database; import it.`
          : other
            ? `unit '${other.units.find((u) => u.id === unitId)?.name ?? unitId}' belongs to unit group '${other.name}', not to '${group.name}' of flow property '${property.name}'; give the amount in a unit of '${group.name}'.`
            : `unit ${unitId || '(none)'} is not in the database; use a unit of unit group '${group.name}'.`,
      };
    }
    // x [u] → x·u.factor/refUnit.factor [ref unit of p] → ÷fpf(p) [units of the reference property] → ×fpf(ref)
    // (fpf(ref) is 1 unless the source scaled the reference factor).
    return (unit.factor / groupRef.factor / fpf.factor) * refFpf.factor;
  }
}

/** The flow's reference property factor: the one flagged, or the only one when none is flagged. */
export function referenceFactor(flow: Flow): FlowPropertyFactor | undefined {
  const flagged = flow.properties.find((f) => f.isReference);
  if (flagged) return flagged;
  return flow.properties.length === 1 ? flow.properties[0] : undefined;
}
