import type {
  Actor,
  AllocationFactor,
  AllocationMethod,
  Database,
  Exchange,
  Flow,
  FlowProperty,
  FlowType,
  ImpactCategory,
  ImpactFactor,
  ImpactMethod,
  Location,
  Parameter,
  Process,
  Source,
  Uncertainty,
  Unit,
  UnitGroup,
} from '@opencfp/core';
import type { JsonValue } from './json-ld-writer-json.js';
import { JSON_LD_NAMESPACE, uuidV5 } from './simapro-uuid.js';

type JsonObject = { [key: string]: JsonValue | undefined };

const FLOW_TYPES: { [k in FlowType]: string } = {
  elementary: 'ELEMENTARY_FLOW',
  product: 'PRODUCT_FLOW',
  waste: 'WASTE_FLOW',
};

const ALLOCATION_TYPES: { [k in AllocationMethod]: string } = {
  physical: 'PHYSICAL_ALLOCATION',
  economic: 'ECONOMIC_ALLOCATION',
  causal: 'CAUSAL_ALLOCATION',
};

/**
 * The id written for a parameter. The model keys parameters by name (formulas use names), openLCA also wants
 * an `@id`; a name-based UUID keeps repeated exports identical.
 *
 * @example
 * parameterId('yield', undefined); // global parameter 'yield'
 * parameterId('yield', 'p-steel'); // process parameter 'yield' of process p-steel
 */
export function parameterId(name: string, processId: string | undefined): string {
  return uuidV5(
    processId === undefined ? `parameter/global/${name}` : `parameter/process/${processId}/${name}`,
    JSON_LD_NAMESPACE,
  );
}

/**
 * Converts the datasets of one database to olca-schema v2 JSON objects as openLCA 2 writes them: `@type` on
 * every entity, the v2 field names (isInput, isQuantitativeReference, isRefUnit, …), categories as paths,
 * references with the descriptor fields openLCA adds (name, category, flowType, refUnit, location code), and
 * `false`/empty values left out where openLCA leaves them out. Internal to `writeJsonLdEntries`.
 *
 * @example
 * const w = new JsonLdDatasetWriter(db);
 * const json = w.process(db.processes[0]);
 */
export class JsonLdDatasetWriter {
  private readonly flows = new Map<string, Flow>();
  private readonly processes = new Map<string, Process>();
  private readonly locations = new Map<string, Location>();
  private readonly flowProperties = new Map<string, FlowProperty>();
  private readonly unitGroups = new Map<string, UnitGroup>();
  private readonly units = new Map<string, Unit>();

  constructor(db: Database) {
    for (const f of db.flows) if (!this.flows.has(f.id)) this.flows.set(f.id, f);
    for (const p of db.processes) if (!this.processes.has(p.id)) this.processes.set(p.id, p);
    for (const l of db.locations) if (!this.locations.has(l.id)) this.locations.set(l.id, l);
    for (const p of db.flowProperties) if (!this.flowProperties.has(p.id)) this.flowProperties.set(p.id, p);
    for (const g of db.unitGroups) {
      if (!this.unitGroups.has(g.id)) this.unitGroups.set(g.id, g);
      for (const u of g.units) if (!this.units.has(u.id)) this.units.set(u.id, u);
    }
  }

  unitGroup(g: UnitGroup): JsonObject {
    return {
      ...this.basic('UnitGroup', g.id, g.name),
      defaultFlowProperty:
        g.defaultFlowPropertyId === undefined ? undefined : this.flowPropertyRef(g.defaultFlowPropertyId),
      units: g.units.map((u) => ({
        '@type': 'Unit',
        '@id': u.id,
        name: u.name,
        conversionFactor: u.factor,
        synonyms: u.synonyms && u.synonyms.length > 0 ? [...u.synonyms] : undefined,
        isRefUnit: u.id === g.referenceUnitId ? true : undefined,
      })),
    };
  }

  flowProperty(p: FlowProperty): JsonObject {
    return { ...this.basic('FlowProperty', p.id, p.name), unitGroup: this.unitGroupRef(p.unitGroupId) };
  }

  flow(f: Flow): JsonObject {
    return {
      ...this.basic('Flow', f.id, f.name, { category: f.category }),
      flowType: FLOW_TYPES[f.type],
      cas: nonEmpty(f.cas),
      formula: nonEmpty(f.formula),
      // v2 packs synonyms into one string; ';' is the separator openLCA recommends.
      synonyms: f.synonyms && f.synonyms.length > 0 ? f.synonyms.join(';') : undefined,
      isInfrastructureFlow: false,
      location: f.locationId === undefined ? undefined : this.locationRef(f.locationId),
      flowProperties: f.properties.map((p) => ({
        '@type': 'FlowPropertyFactor',
        isRefFlowProperty: p.isReference ? true : undefined,
        flowProperty: this.flowPropertyRef(p.flowPropertyId),
        conversionFactor: p.factor,
      })),
    };
  }

  process(p: Process): JsonObject {
    let lastInternalId = 0;
    for (const e of p.exchanges) lastInternalId = Math.max(lastInternalId, e.internalId);
    return {
      ...this.basic('Process', p.id, p.name, p),
      processType: p.type === 'system' ? 'LCI_RESULT' : 'UNIT_PROCESS',
      defaultAllocationMethod:
        p.defaultAllocation === undefined ? undefined : ALLOCATION_TYPES[p.defaultAllocation],
      isInfrastructureProcess: false,
      location: p.locationId === undefined ? undefined : this.locationRef(p.locationId),
      lastInternalId,
      parameters: p.parameters.map((param) => this.parameter(param, p.id)),
      exchanges: p.exchanges.map((e) => this.exchange(e)),
      allocationFactors: this.allocationFactors(p),
    };
  }

  location(l: Location): JsonObject {
    return {
      ...this.basic('Location', l.id, l.name),
      code: nonEmpty(l.code),
      latitude: l.latitude,
      longitude: l.longitude,
    };
  }

  source(s: Source): JsonObject {
    return {
      ...this.basic('Source', s.id, s.name),
      url: nonEmpty(s.url),
      textReference: nonEmpty(s.citation),
      year: s.year,
    };
  }

  actor(a: Actor): JsonObject {
    return this.basic('Actor', a.id, a.name);
  }

  /** A global parameter (processId undefined) or a parameter inside a process. */
  parameter(p: Parameter, processId?: string): JsonObject {
    return {
      ...this.basic('Parameter', parameterId(p.name, processId), p.name, { description: p.description }),
      parameterScope: processId === undefined ? 'GLOBAL_SCOPE' : 'PROCESS_SCOPE',
      isInputParameter: p.isInput,
      value: p.value,
      formula: nonEmpty(p.formula),
      uncertainty: uncertainty(p.uncertainty),
    };
  }

  impactCategory(c: ImpactCategory): JsonObject {
    return {
      ...this.basic('ImpactCategory', c.id, c.name),
      refUnit: nonEmpty(c.unit),
      impactFactors: c.factors.map((f) => this.impactFactor(f)),
      parameters: [],
    };
  }

  impactMethod(m: ImpactMethod): JsonObject {
    return {
      ...this.basic('ImpactMethod', m.id, m.name),
      impactCategories: m.categories.map((c) => ({
        '@type': 'ImpactCategory',
        '@id': c.id,
        name: c.name,
        refUnit: nonEmpty(c.unit),
      })),
    };
  }

  private impactFactor(f: ImpactFactor): JsonObject {
    // openLCA needs the unit and property of every factor; the model leaves them out for "per reference unit".
    const flow = this.flows.get(f.flowId);
    const propertyId = f.flowPropertyId ?? flow?.properties.find((p) => p.isReference)?.flowPropertyId;
    let unitId = f.unitId;
    if (unitId === undefined && propertyId !== undefined) {
      const property = this.flowProperties.get(propertyId);
      unitId = property ? this.unitGroups.get(property.unitGroupId)?.referenceUnitId : undefined;
    }
    return {
      value: f.value,
      formula: nonEmpty(f.formula),
      flow: this.flowRef(f.flowId),
      unit: unitId === undefined ? undefined : this.unitRef(unitId),
      flowProperty: propertyId === undefined ? undefined : this.flowPropertyRef(propertyId),
    };
  }

  private exchange(e: Exchange): JsonObject {
    return {
      '@type': 'Exchange',
      isAvoidedProduct: e.isAvoided,
      isInput: e.isInput,
      amount: e.amount,
      amountFormula: nonEmpty(e.formula),
      dqEntry: nonEmpty(e.dqEntry),
      description: nonEmpty(e.description),
      internalId: e.internalId,
      location: e.locationId === undefined ? undefined : this.locationRef(e.locationId),
      flow: this.flowRef(e.flowId),
      unit: this.unitRef(e.unitId),
      flowProperty: this.flowPropertyRef(e.flowPropertyId),
      uncertainty: uncertainty(e.uncertainty),
      defaultProvider: e.defaultProviderId === undefined ? undefined : this.processRef(e.defaultProviderId),
      isQuantitativeReference: e.isReference ? true : undefined,
    };
  }

  /**
   * v2 names the exchange of a causal factor by internalId. A factor that names only a flow (read from a v1
   * export) is written once per exchange of that flow, skipping exchanges that already have their own factor
   * for the same product: the same shares as before, in the form openLCA 2 reads.
   */
  private allocationFactors(p: Process): JsonObject[] {
    const explicit = new Set<string>();
    for (const f of p.allocationFactors) {
      if (f.method === 'causal' && f.exchangeInternalId !== undefined)
        explicit.add(`${f.productId}\u0000${f.exchangeInternalId}`);
    }
    const written = new Set<string>();
    const out: JsonObject[] = [];
    const push = (
      f: AllocationFactor,
      exchange: Exchange | undefined,
      internalId: number | undefined,
    ): void => {
      out.push({
        allocationType: ALLOCATION_TYPES[f.method],
        exchange:
          f.method !== 'causal'
            ? undefined
            : {
                '@type': 'Exchange',
                internalId,
                flow: exchange ? this.flowRef(exchange.flowId) : undefined,
              },
        product: this.flowRef(f.productId),
        value: f.value,
        formula: nonEmpty(f.formula),
      });
    };
    for (const f of p.allocationFactors) {
      if (f.method !== 'causal') {
        push(f, undefined, undefined);
      } else if (f.exchangeInternalId !== undefined) {
        push(
          f,
          p.exchanges.find((e) => e.internalId === f.exchangeInternalId),
          f.exchangeInternalId,
        );
      } else if (f.exchangeFlowId !== undefined) {
        for (const e of p.exchanges) {
          if (e.flowId !== f.exchangeFlowId) continue;
          const key = `${f.productId}\u0000${e.internalId}`;
          if (explicit.has(key) || written.has(key)) continue;
          written.add(key);
          push(f, e, e.internalId);
        }
      }
    }
    return out;
  }

  private basic(
    type: string,
    id: string,
    name: string,
    root?: {
      description?: string;
      category?: string;
      version?: string;
      lastChange?: string;
      tags?: string[];
    },
  ): JsonObject {
    return {
      '@type': type,
      '@id': id,
      name,
      description: nonEmpty(root?.description),
      category: nonEmpty(root?.category),
      version: nonEmpty(root?.version),
      lastChange: nonEmpty(root?.lastChange),
      tags: root?.tags && root.tags.length > 0 ? [...root.tags] : undefined,
    };
  }

  private flowRef(id: string): JsonObject {
    const f = this.flows.get(id);
    if (!f) return { '@type': 'Flow', '@id': id };
    return {
      '@type': 'Flow',
      '@id': id,
      name: f.name,
      category: nonEmpty(f.category),
      flowType: FLOW_TYPES[f.type],
      location: f.locationId === undefined ? undefined : this.locationCode(f.locationId),
      refUnit: this.refUnitOfFlow(f),
    };
  }

  private processRef(id: string): JsonObject {
    const p = this.processes.get(id);
    if (!p) return { '@type': 'Process', '@id': id };
    const ref = p.exchanges.find((e) => e.isReference);
    const refFlow = ref ? this.flows.get(ref.flowId) : undefined;
    return {
      '@type': 'Process',
      '@id': id,
      name: p.name,
      category: nonEmpty(p.category),
      processType: p.type === 'system' ? 'LCI_RESULT' : 'UNIT_PROCESS',
      flowType: refFlow ? FLOW_TYPES[refFlow.type] : undefined,
      location: p.locationId === undefined ? undefined : this.locationCode(p.locationId),
    };
  }

  private locationRef(id: string): JsonObject {
    const l = this.locations.get(id);
    return { '@type': 'Location', '@id': id, name: l?.name };
  }

  private flowPropertyRef(id: string): JsonObject {
    const p = this.flowProperties.get(id);
    if (!p) return { '@type': 'FlowProperty', '@id': id };
    return { '@type': 'FlowProperty', '@id': id, name: p.name, refUnit: this.refUnitOfProperty(p) };
  }

  private unitGroupRef(id: string): JsonObject {
    return { '@type': 'UnitGroup', '@id': id, name: this.unitGroups.get(id)?.name };
  }

  private unitRef(id: string): JsonObject {
    return { '@type': 'Unit', '@id': id, name: this.units.get(id)?.name };
  }

  private locationCode(id: string): string | undefined {
    const l = this.locations.get(id);
    return l ? nonEmpty(l.code) : undefined;
  }

  private refUnitOfProperty(p: FlowProperty): string | undefined {
    const g = this.unitGroups.get(p.unitGroupId);
    return g ? this.units.get(g.referenceUnitId)?.name : undefined;
  }

  private refUnitOfFlow(f: Flow): string | undefined {
    const ref = f.properties.find((p) => p.isReference);
    const p = ref ? this.flowProperties.get(ref.flowPropertyId) : undefined;
    return p ? this.refUnitOfProperty(p) : undefined;
  }
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s === '' ? undefined : s;
}

/** olca-schema v2 distribution; the model's lognormal `pedigree` has no v2 field (the exchange's dqEntry has it). */
function uncertainty(u: Uncertainty | undefined): JsonObject | undefined {
  if (!u) return undefined;
  switch (u.type) {
    case 'lognormal':
      return {
        '@type': 'Uncertainty',
        distributionType: 'LOG_NORMAL_DISTRIBUTION',
        geomMean: u.geometricMean,
        geomSd: u.geometricSd,
      };
    case 'normal':
      return { '@type': 'Uncertainty', distributionType: 'NORMAL_DISTRIBUTION', mean: u.mean, sd: u.sd };
    case 'triangular':
      return {
        '@type': 'Uncertainty',
        distributionType: 'TRIANGLE_DISTRIBUTION',
        minimum: u.min,
        mode: u.mode,
        maximum: u.max,
      };
    case 'uniform':
      return {
        '@type': 'Uncertainty',
        distributionType: 'UNIFORM_DISTRIBUTION',
        minimum: u.min,
        maximum: u.max,
      };
  }
}
