import type { Schema } from '@opencfp/client';

/** A stored calculation result as GET …/calculations/{resultId} answers it. */
export type CalculationResult = Schema<'CalculationResult'>;
/** The options a result was calculated with. */
export type CalculationRequest = Schema<'CalculationRequest'>;

/** One line of the model (an input or a direct emission) with its kg CO2e per declared unit. */
export interface ResultLine {
  /** JSON pointer of the line in the model document (stable across scenarios of one model). */
  path: string;
  processId: string;
  processName: string;
  /** Its process's Chinese name as the model document gave it when calculated (null: none). */
  processNameZh: string | null;
  /** 'background', 'supplier', 'emission', 'electricity', 'transport' (as the engine names them). */
  kind: string;
  name: string;
  quantity: number | null;
  unit: string | null;
  co2e: number;
  share: number | null;
  stage: string | null;
  dataset: {
    processId: string;
    productId: string;
    name: string;
    referenceUnit: string;
    referenceAmount: number;
  } | null;
  supplier: { supplier: string | null; footprintId: string | null; year: number | null } | null;
  electricity: {
    region: string;
    regionEnglish: string | null;
    year: number | null;
    accounting: string;
    factorBasis: string | null;
    kWh: number | null;
    averageFactor: number | null;
    emissionsUnit: string | null;
    lines: { basis: string; id: string; kWh: number; factor: number; unit: string; factorSource: string }[];
    notes: string[];
  } | null;
  transport: {
    mode: string;
    distanceKm: number;
    massKg: number;
    tonneKilometres: number;
    factorSource: string | null;
  } | null;
}

/** A scenario of a result with its names (the Chinese one null when the model document gave none). */
export interface ResultScenario {
  id: string;
  name: string;
  nameZh: string | null;
}

/** A life-cycle stage with its kg CO2e. */
export interface ResultStage {
  id: string;
  name: string | null;
  nameZh: string | null;
  amount: number;
  share: number;
  /** A stage the chosen scheme does not have (e.g. use under the EU battery rules). */
  outsideScheme: boolean;
}

/** One gas (species and origin) with its mass and kg CO2e. */
export interface ResultGas {
  species: string;
  kind: string | null;
  mass: number | null;
  factor: number | null;
  co2e: number;
  /** false: reported but not counted in the total (biogenic CO2 under 0/0). */
  counted: boolean;
}

/** A foreground process: how often it runs per declared unit and the kg CO2e of its own lines. */
export interface ResultProcess {
  processId: string;
  name: string;
  /** Its Chinese name as the model document gave it when calculated (null: none). */
  nameZh: string | null;
  scaling: number;
  output: number | null;
  unit: string | null;
  direct: number;
  share: number | null;
}

/** A calculation warning of a background dataset used, or a refused electricity instrument. */
export interface ResultDiagnostic {
  code: string;
  severity: string;
  message: string;
  datasets: string[];
  path: string | null;
}

/** A stored result read into the shapes the results pages show (nothing added, nothing computed). */
export interface ResultData {
  id: string;
  modelId: string;
  modelVersion: number;
  createdAt: string;
  inputsHash: string;
  request: CalculationRequest;
  /** kg CO2e per declared unit. */
  total: number;
  gwpSet: { id: string; name: string };
  biogenicApproach: string;
  stageScheme: string;
  declaredUnit: { amount: number; unit: string; processName: string | null; productName: string | null };
  /** The scenario calculated, named as in the model document then (null: the base case). */
  scenario: ResultScenario | null;
  parameters: [string, number][];
  /** The ISO 14067 split as the result carries it (key, kg CO2e). */
  split: [string, number][];
  /** The PACT fields as the result carries them. */
  pact: [string, number | boolean | null][];
  gases: ResultGas[];
  stages: ResultStage[];
  processes: ResultProcess[];
  lines: ResultLine[];
  notes: { code: string; message: string }[];
  diagnostics: ResultDiagnostic[];
  residual: number;
  backgroundVersionId: string | null;
  /** The result as the server stored and answered it (exported as JSON as it is). */
  stored: CalculationResult;
}

type Loose = Record<string, unknown>;

const isObject = (x: unknown): x is Loose => typeof x === 'object' && x !== null && !Array.isArray(x);
const text = (x: unknown): string | null => (typeof x === 'string' ? x : null);
const number = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

function readDataset(x: unknown): ResultLine['dataset'] {
  if (!isObject(x)) return null;
  const processId = text(x.processId);
  if (processId === null) return null;
  return {
    processId,
    productId: text(x.productId) ?? '',
    name: text(x.name) ?? processId,
    referenceUnit: text(x.referenceUnit) ?? '',
    referenceAmount: number(x.referenceAmount) ?? Number.NaN,
  };
}

function readSupplier(x: unknown): ResultLine['supplier'] {
  if (!isObject(x)) return null;
  return { supplier: text(x.supplier), footprintId: text(x.footprintId), year: number(x.year) };
}

function readElectricity(x: unknown): ResultLine['electricity'] {
  if (!isObject(x)) return null;
  return {
    region: text(x.region) ?? '',
    regionEnglish: text(x.regionEnglish),
    year: number(x.year),
    accounting: text(x.accounting) ?? '',
    factorBasis: text(x.factorBasis),
    kWh: number(x.kWh),
    averageFactor: number(x.averageFactor),
    emissionsUnit: text(x.emissionsUnit),
    lines: list(x.lines)
      .filter(isObject)
      .map((line) => ({
        basis: text(line.basis) ?? '',
        id: text(line.id) ?? '',
        kWh: number(line.kWh) ?? Number.NaN,
        factor: number(line.factor) ?? Number.NaN,
        unit: text(line.unit) ?? '',
        factorSource: text(line.factorSource) ?? '',
      })),
    notes: list(x.notes).filter((n): n is string => typeof n === 'string'),
  };
}

function readTransport(x: unknown): ResultLine['transport'] {
  if (!isObject(x)) return null;
  const factor = isObject(x.factor) ? text(x.factor.source) : null;
  return {
    mode: text(x.mode) ?? '',
    distanceKm: number(x.distanceKm) ?? Number.NaN,
    massKg: number(x.massKg) ?? Number.NaN,
    tonneKilometres: number(x.tonneKilometres) ?? Number.NaN,
    factorSource: factor,
  };
}

/**
 * Reads a stored result into typed shapes. The OpenAPI document types the footprint's entries loosely (further
 * fields allowed), so each field the pages show is checked here once; a field the result does not carry is null,
 * never a made-up value.
 *
 * @example const data = readResult((await api.GET('/v1/orgs/{orgId}/calculations/{resultId}', …)).data);
 */
export function readResult(result: CalculationResult): ResultData {
  const f = result.footprint;
  const declared = f.declaredUnit;
  return {
    id: result.id,
    modelId: result.modelId,
    modelVersion: result.modelVersion,
    createdAt: result.createdAt,
    inputsHash: result.inputsHash,
    request: result.request,
    total: result.total,
    gwpSet: { id: f.gwpSet.id, name: f.gwpSet.name },
    biogenicApproach: f.biogenicApproach,
    stageScheme: f.stageScheme,
    declaredUnit: {
      amount: declared.amount,
      unit: declared.unit,
      processName: text(declared.processName),
      productName: text(declared.productName),
    },
    scenario: result.scenario
      ? { id: result.scenario.id, name: result.scenario.name, nameZh: result.scenario.nameZh ?? null }
      : null,
    parameters: Object.entries(f.parameters),
    split: Object.entries(f.split),
    pact: Object.entries(f.pact),
    gases: f.byGas.map((g) => ({
      species: g.species,
      kind: text(g.kind),
      mass: number(g.mass),
      factor: number(g.factor),
      co2e: g.co2e,
      counted: g.countedInTotal !== false,
    })),
    stages: f.byStage.map((s) => ({
      id: s.id,
      name: text(s.name),
      nameZh: text(s.nameZh),
      amount: s.amount,
      share: s.share,
      outsideScheme: s.outsideScheme === true,
    })),
    processes: f.byProcess.map((p) => ({
      processId: p.processId,
      name: text(p.name) ?? p.processId,
      nameZh: p.nameZh ?? null,
      scaling: p.scaling,
      output: number(p.output),
      unit: text(p.unit),
      direct: p.direct,
      share: number(p.share),
    })),
    lines: f.contributions.map((c) => ({
      path: c.path,
      processId: c.processId,
      processName: text(c.processName) ?? c.processId,
      processNameZh: c.processNameZh ?? null,
      kind: text(c.kind) ?? '',
      name: c.name,
      quantity: number(c.quantity),
      unit: text(c.unit),
      co2e: c.co2e,
      share: number(c.share),
      stage: text(c.stage),
      dataset: readDataset(c.dataset),
      supplier: readSupplier(c.supplier),
      electricity: readElectricity(c.electricity),
      transport: readTransport(c.transport),
    })),
    notes: f.notes.map((n) => ({ code: n.code, message: n.message })),
    diagnostics: list(f.diagnostics)
      .filter(isObject)
      .map((d) => ({
        code: text(d.code) ?? '',
        severity: text(d.severity) ?? '',
        message: text(d.message) ?? '',
        datasets: list(d.datasets).filter((x): x is string => typeof x === 'string'),
        path: text(d.path),
      })),
    residual: f.residual,
    backgroundVersionId: f.backgroundVersionId,
    stored: result,
  };
}
