// The shape of the starter background database's source tables (one TypeScript table per theme: energy,
// transport, materials, waste, electricity). The JSON-LD shipped in packages/refdata/starter-database/ is
// generated from these tables (see generate-starter-database.ts), so a value is edited in one place only.

/** A citable public source of one or more starter datasets. */
export interface StarterSource {
  /** Stable slug, e.g. 'ipcc-2006-v2-ch2'. */
  id: string;
  /** Title of the document, as published. */
  title: string;
  /** Who published it (agency, association, journal and authors). */
  issuer: string;
  /** Publication year. */
  year: number;
  /** Edition / version / release, where the source has one. */
  version?: string;
  url?: string;
  /** The terms under which the values are used ('facts with citation', 'OGL v3.0', 'CC BY 4.0' …). */
  licence: string;
}

/**
 * Elementary flows a starter dataset can emit or take (all to/from air, in kg per reference unit):
 * gases by species and origin, and `co2e-preaggregated` for sources that only publish a CO2-equivalent total
 * (the dataset then states `gwpBasis`, the GWP set the source used).
 */
export type StarterFlowKey =
  | 'co2-fossil'
  | 'co2-biogenic'
  | 'co2-land-transformation'
  | 'co2-uptake'
  | 'ch4-fossil'
  | 'ch4-biogenic'
  | 'n2o'
  | 'sf6'
  | 'co2e-preaggregated';

export interface StarterEmission {
  flow: StarterFlowKey;
  /** kg per one reference unit of the product. */
  amount: number;
  /** Table, page or line of the source the number comes from, and any arithmetic applied to it. */
  derivation: string;
}

/** A product input taken from another starter dataset (linked by the engine like any process input). */
export interface StarterInput {
  datasetId: string;
  /** Amount in the reference unit of the provider's product, per reference unit of this product. */
  amount: number;
  derivation: string;
}

export type StarterUnit = 'kg' | 'kWh' | 'MJ' | 't*km' | 'm2' | 'm3' | 'item';

/**
 * Another unit the product can be measured in, with the amount of it in one reference unit (a fuel measured in
 * MJ: 1/43.0 kg per MJ from its net calorific value), so that users may enter either. Units of the reference
 * unit's own quantity (kWh and MJ) need none.
 */
export interface StarterConversion {
  unit: StarterUnit;
  /** Amount of `unit` per one reference unit of the product. */
  amount: number;
  derivation: string;
}

export interface StarterDataset {
  /** Stable slug, e.g. 'electricity-grid-cn-huadong-2023'; the JSON-LD ids are derived from it. */
  id: string;
  name: string;
  nameZh: string;
  /** Category path, e.g. 'Energy/Electricity/China', 'Materials/Metals', 'Transport/Road'. */
  category: string;
  /**
   * The reference flow: a product made by the process, or (kind 'waste') a waste treated by it, whose
   * reference flow is then a waste input. Default kind: 'product'.
   */
  product: {
    name: string;
    nameZh: string;
    unit: StarterUnit;
    kind?: 'product' | 'waste';
    conversions?: StarterConversion[];
  };
  /** ISO 3166 code or a named region ('CN', 'CN-华东', 'GLO', 'RER'). */
  geography: string;
  /** Reference year of the data (not the publication year). */
  year: number;
  /** System boundary as the source states it, e.g. 'cradle-to-gate', 'combustion only (tank-to-wheel)'. */
  boundary: string;
  emissions: StarterEmission[];
  inputs?: StarterInput[];
  /** Id of a StarterSource. */
  sourceId: string;
  /** For `co2e-preaggregated` emissions: the GWP set the source used, e.g. 'IPCC AR5 GWP100'. */
  gwpBasis?: string;
  /** What the dataset covers and what it leaves out, in one or two sentences. */
  description: string;
  /** Process tags (the engine groups results by them), e.g. 'cfp:aircraft', 'cfp:packaging'. */
  tags?: string[];
  /** True when a value is illustrative rather than from the source; must be false for shipped data. */
  illustrative?: boolean;
}
