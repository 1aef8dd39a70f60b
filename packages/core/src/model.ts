/**
 * The LCA model: what every reader produces and the calculation consumes.
 *
 * Identifiers are the source data's own (UUIDs for openLCA/EcoSpold/ILCD), kept verbatim so results can be
 * traced back and compared with other tools. Amounts are as stored in the source (in the exchange's own unit
 * and flow property); the calculation converts them (see `units.ts`).
 */

/** A product is made by a process; a waste is treated by one; an elementary flow crosses the boundary to nature. */
export type FlowType = 'product' | 'waste' | 'elementary';

/** Elementary-flow nomenclatures we recognise (issue: flow mapping). */
export type Nomenclature = 'ecoinvent-biosphere3' | 'ilcd-ef' | 'fedefl' | 'uslci-legacy' | 'unknown';

export interface Unit {
  id: string;
  name: string;
  /** Amount of the group's reference unit in one of this unit (kg group: g → 0.001). */
  factor: number;
  synonyms?: string[];
}

export interface UnitGroup {
  id: string;
  name: string;
  units: Unit[];
  referenceUnitId: string;
  defaultFlowPropertyId?: string;
}

export interface FlowProperty {
  id: string;
  name: string;
  unitGroupId: string;
}

/** Amount of `flowPropertyId` per one unit of the flow's reference property (water: 0.001 m³ volume per kg). */
export interface FlowPropertyFactor {
  flowPropertyId: string;
  factor: number;
  isReference: boolean;
}

export interface Flow {
  id: string;
  name: string;
  type: FlowType;
  /** Category path, segments joined by '/', e.g. 'Elementary flows/air/unspecified'. */
  category?: string;
  cas?: string;
  formula?: string;
  locationId?: string;
  synonyms?: string[];
  nomenclature?: Nomenclature;
  properties: FlowPropertyFactor[];
}

export interface Location {
  id: string;
  name: string;
  code?: string;
  latitude?: number;
  longitude?: number;
}

/** Probability distributions of exchanges and parameters (openLCA / EcoSpold semantics). */
export type Uncertainty =
  | { type: 'lognormal'; geometricMean: number; geometricSd: number; pedigree?: string }
  | { type: 'normal'; mean: number; sd: number }
  | { type: 'triangular'; min: number; mode: number; max: number }
  | { type: 'uniform'; min: number; max: number };

export interface Exchange {
  /** Unique within its process; allocation factors and default providers refer to exchanges by it. */
  internalId: number;
  /** The source's exchange id where it has one (JSON-LD `@id`). */
  sourceId?: string;
  flowId: string;
  /** Amount in `unitId` of `flowPropertyId`, as stored. When a formula is given this is the stored value. */
  amount: number;
  formula?: string;
  unitId: string;
  flowPropertyId: string;
  isInput: boolean;
  isAvoided: boolean;
  isReference: boolean;
  defaultProviderId?: string;
  locationId?: string;
  uncertainty?: Uncertainty;
  /** Pedigree scores "(r,c,t,g,te)" as given by the source. */
  dqEntry?: string;
  description?: string;
  /** Properties the source gives per exchange (EcoSpold 2: price, carbon content, dry mass …), as stored. */
  properties?: ExchangeProperty[];
  /** Annual production volume of a product output, in the exchange's unit (EcoSpold 2). */
  productionVolume?: number;
}

/** A named quantity per unit of an exchange's amount, e.g. 'price' 0.5 'EUR2005' or 'carbon content' 0.27. */
export interface ExchangeProperty {
  name: string;
  amount: number;
  unit?: string;
}

export type ParameterScope = 'global' | 'process';

export interface Parameter {
  name: string;
  value: number;
  formula?: string;
  isInput: boolean;
  scope: ParameterScope;
  description?: string;
  uncertainty?: Uncertainty;
}

export type AllocationMethod = 'physical' | 'economic' | 'causal';

/**
 * Share of a process's burden given to one co-product. Physical and economic factors apply to every
 * non-product exchange; a causal factor names the exchange it applies to (by internal id, or when the source
 * only names the flow, by flow id).
 */
export interface AllocationFactor {
  method: AllocationMethod;
  /** Flow id of the co-product that receives the share. */
  productId: string;
  value: number;
  formula?: string;
  exchangeInternalId?: number;
  exchangeFlowId?: string;
}

export type ProcessType = 'unit' | 'system';

export interface Process {
  id: string;
  name: string;
  category?: string;
  description?: string;
  locationId?: string;
  type: ProcessType;
  defaultAllocation?: AllocationMethod;
  exchanges: Exchange[];
  parameters: Parameter[];
  allocationFactors: AllocationFactor[];
  /** User tags, e.g. a life-cycle stage ('stage:production'); results can be grouped by them. */
  tags?: string[];
  version?: string;
  lastChange?: string;
}

/** Characterisation factors of one indicator. */
export interface ImpactFactor {
  flowId: string;
  value: number;
  unitId?: string;
  flowPropertyId?: string;
  formula?: string;
}

export interface ImpactCategory {
  id: string;
  name: string;
  /** Reference unit of the indicator, e.g. 'kg CO2 eq'. */
  unit: string;
  factors: ImpactFactor[];
}

export interface ImpactMethod {
  id: string;
  name: string;
  categories: ImpactCategory[];
}

export interface Source {
  id: string;
  name: string;
  year?: number;
  url?: string;
  citation?: string;
}

export interface Actor {
  id: string;
  name: string;
}

/** A whole LCA database as read from one export. */
export interface Database {
  name?: string;
  unitGroups: UnitGroup[];
  flowProperties: FlowProperty[];
  flows: Flow[];
  processes: Process[];
  locations: Location[];
  parameters: Parameter[];
  impactMethods: ImpactMethod[];
  sources: Source[];
  actors: Actor[];
}

/** An empty database, to fill by hand or by a reader. */
export function emptyDatabase(name?: string): Database {
  return {
    name,
    unitGroups: [],
    flowProperties: [],
    flows: [],
    processes: [],
    locations: [],
    parameters: [],
    impactMethods: [],
    sources: [],
    actors: [],
  };
}
