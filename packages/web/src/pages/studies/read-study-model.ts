// The model document a study reports (GET …/studies/{id}/model: the document as calculated for the submitted
// result) and the result's footprint (GET …/studies/{id}/result), read into the shapes the read-only views show.
// The API types both loosely (a stored document of any schema version), so every field is checked here once; a
// field the document does not carry is null, never a made-up value.

type Loose = Record<string, unknown>;

const isObject = (x: unknown): x is Loose => typeof x === 'object' && x !== null && !Array.isArray(x);
const text = (x: unknown): string | null => (typeof x === 'string' && x !== '' ? x : null);
const number = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
/** An amount: a number, or a formula over the parameters. */
const amount = (x: unknown): number | string | null => number(x) ?? text(x);

/** Where an input's kilograms come from, as far as the views show it. */
export interface InputSource {
  kind: string;
  /** background: the dataset; foreground: the process of this model. */
  processId: string | null;
  supplier: string | null;
  footprintId: string | null;
  year: number | null;
  /** supplier: the PCF excluding biogenic CO2 uptake, kg CO2e per `perUnit`. */
  pcf: number | null;
  perUnit: string | null;
  region: string | null;
  accounting: string | null;
  instruments: number;
  mode: string | null;
  distanceKm: number | null;
}

/** The data quality an input or emission states. */
export interface LineQuality {
  pedigree: (number | null)[] | null;
  primary: boolean | null;
  source: string | null;
}

export interface ModelInputView {
  index: number;
  name: string;
  amount: number | string | null;
  unit: string | null;
  stage: string | null;
  comment: string | null;
  source: InputSource;
  quality: LineQuality | null;
}

export interface ModelEmissionView {
  index: number;
  gas: string;
  origin: string | null;
  amount: number | string | null;
  unit: string | null;
  stage: string | null;
  comment: string | null;
  quality: LineQuality | null;
}

export interface ModelProcessView {
  index: number;
  id: string;
  name: string;
  nameZh: string | null;
  stage: string | null;
  location: string | null;
  tags: string[];
  output: { name: string | null; amount: number | string | null; unit: string | null } | null;
  reference: boolean;
  inputs: ModelInputView[];
  emissions: ModelEmissionView[];
}

export interface ModelParameterView {
  index: number;
  name: string;
  value: number | null;
  formula: string | null;
  unit: string | null;
  description: string | null;
}

export interface ModelScenarioView {
  id: string;
  name: string;
  nameZh: string | null;
  kind: string | null;
}

/** A model document, as the read-only view shows it. */
export interface StudyModel {
  processes: ModelProcessView[];
  parameters: ModelParameterView[];
  scenarios: ModelScenarioView[];
  functionalUnit: { en: string | null; zh: string | null } | null;
  boundary: string | null;
  description: string | null;
}

function readQuality(x: unknown): LineQuality | null {
  if (!isObject(x)) return null;
  return {
    pedigree: Array.isArray(x.pedigree) ? x.pedigree.map((s) => number(s)) : null,
    primary: typeof x.primary === 'boolean' ? x.primary : null,
    source: text(x.source),
  };
}

function readSource(x: unknown): InputSource {
  const s = isObject(x) ? x : {};
  const dataset = isObject(s.dataset) ? s.dataset : null;
  return {
    kind: text(s.kind) ?? '',
    processId: text(s.processId) ?? (dataset ? text(dataset.processId) : null),
    supplier: text(s.supplier),
    footprintId: text(s.footprintId),
    year: number(s.year),
    pcf: number(s.pcfExcludingBiogenic),
    perUnit: text(s.unit),
    region: text(s.region),
    accounting: text(s.accounting),
    instruments: list(s.instruments).length,
    mode: text(s.mode),
    distanceKm: number(s.distance),
  };
}

/**
 * The model document a study reports, read for its read-only view; null when the result kept no document.
 *
 * @example const model = readStudyModel(view.model); model?.processes[0].inputs[2].name
 */
export function readStudyModel(document: unknown): StudyModel | null {
  if (!isObject(document) || !Array.isArray(document.processes)) return null;
  const reference = text(document.referenceProcessId);
  const processes = document.processes.map((p, index): ModelProcessView => {
    const process = isObject(p) ? p : {};
    const id = text(process.id) ?? String(index);
    const output = isObject(process.output) ? process.output : null;
    return {
      index,
      id,
      name: text(process.name) ?? id,
      nameZh: text(process.nameZh),
      stage: text(process.stage),
      location: text(process.location),
      tags: list(process.tags).filter((tag): tag is string => typeof tag === 'string'),
      output: output
        ? { name: text(output.name), amount: amount(output.amount), unit: text(output.unit) }
        : null,
      // without a reference named, the engine takes the first process (docs/product-models.md)
      reference: reference === null ? index === 0 : reference === id,
      inputs: list(process.inputs).map((x, i) => {
        const input = isObject(x) ? x : {};
        return {
          index: i,
          name: text(input.name) ?? '',
          amount: amount(input.amount),
          unit: text(input.unit),
          stage: text(input.stage),
          comment: text(input.comment),
          source: readSource(input.source),
          quality: readQuality(input.dataQuality),
        };
      }),
      emissions: list(process.emissions).map((x, i) => {
        const emission = isObject(x) ? x : {};
        return {
          index: i,
          gas: text(emission.gas) ?? '',
          origin: text(emission.origin),
          amount: amount(emission.amount),
          unit: text(emission.unit),
          stage: text(emission.stage),
          comment: text(emission.comment),
          quality: readQuality(emission.dataQuality),
        };
      }),
    };
  });
  const functionalUnit = isObject(document.functionalUnit) ? document.functionalUnit : null;
  return {
    processes,
    parameters: list(document.parameters).map((x, index) => {
      const parameter = isObject(x) ? x : {};
      return {
        index,
        name: text(parameter.name) ?? '',
        value: number(parameter.value),
        formula: text(parameter.formula),
        unit: text(parameter.unit),
        description: text(parameter.description),
      };
    }),
    scenarios: list(document.scenarios).map((x, index) => {
      const scenario = isObject(x) ? x : {};
      const id = text(scenario.id) ?? String(index);
      return {
        id,
        name: text(scenario.name) ?? id,
        nameZh: text(scenario.nameZh),
        kind: text(scenario.kind),
      };
    }),
    functionalUnit: functionalUnit ? { en: text(functionalUnit.en), zh: text(functionalUnit.zh) } : null,
    boundary: text(document.boundary),
    description: text(document.description),
  };
}

/** One line of a result (an input or a direct emission) with its kg CO2e per declared unit. */
export interface StudyResultLine {
  index: number;
  /** JSON pointer of the line in the model document, e.g. '/processes/0/inputs/2'. */
  path: string;
  name: string;
  processId: string;
  processName: string;
  processNameZh: string | null;
  kind: string;
  quantity: number | null;
  unit: string | null;
  co2e: number;
  share: number | null;
  stage: string | null;
  datasetName: string | null;
}

export interface StudyResultStage {
  index: number;
  id: string;
  name: string | null;
  nameZh: string | null;
  amount: number;
  share: number | null;
}

/** A result's footprint, as the read-only view shows it. */
export interface StudyResult {
  total: number;
  unit: string;
  split: [string, number][];
  stages: StudyResultStage[];
  lines: StudyResultLine[];
  gwpSet: string | null;
  biogenicApproach: string | null;
  stageScheme: string | null;
  declaredUnit: { amount: number | null; unit: string | null; productName: string | null } | null;
}

/**
 * A study's result footprint (`footprint` of GET …/studies/{id}/result), read for its read-only view.
 *
 * @example const result = readStudyResult(view.footprint, view.total); result.lines[0].co2e
 */
export function readStudyResult(footprint: unknown, total: number): StudyResult {
  const f = isObject(footprint) ? footprint : {};
  const split = isObject(f.split)
    ? Object.entries(f.split).filter((entry): entry is [string, number] => number(entry[1]) !== null)
    : [];
  const gwp = isObject(f.gwpSet) ? f.gwpSet : null;
  const declared = isObject(f.declaredUnit) ? f.declaredUnit : null;
  return {
    total,
    unit: text(f.unit) ?? 'kg CO2e',
    split,
    stages: list(f.byStage).map((x, index) => {
      const s = isObject(x) ? x : {};
      return {
        index,
        id: text(s.id) ?? String(index),
        name: text(s.name),
        nameZh: text(s.nameZh),
        amount: number(s.amount) ?? Number.NaN,
        share: number(s.share),
      };
    }),
    lines: list(f.contributions).map((x, index) => {
      const c = isObject(x) ? x : {};
      const dataset = isObject(c.dataset) ? c.dataset : null;
      const processId = text(c.processId) ?? '';
      return {
        index,
        path: text(c.path) ?? '',
        name: text(c.name) ?? '',
        processId,
        processName: text(c.processName) ?? processId,
        processNameZh: text(c.processNameZh),
        kind: text(c.kind) ?? '',
        quantity: number(c.quantity),
        unit: text(c.unit),
        co2e: number(c.co2e) ?? Number.NaN,
        share: number(c.share),
        stage: text(c.stage),
        datasetName: dataset ? text(dataset.name) : null,
      };
    }),
    gwpSet: gwp ? (text(gwp.name) ?? text(gwp.id)) : null,
    biogenicApproach: text(f.biogenicApproach),
    stageScheme: text(f.stageScheme),
    declaredUnit: declared
      ? {
          amount: number(declared.amount),
          unit: text(declared.unit),
          productName: text(declared.productName),
        }
      : null,
  };
}

/**
 * The result's line of a model input or emission (by its path in the document), to show its kg CO2e beside it.
 *
 * @example lineOf(result, '/processes/0/inputs/2')?.co2e
 */
export function lineOf(result: StudyResult | null, documentPath: string): StudyResultLine | null {
  return result?.lines.find((line) => line.path === documentPath) ?? null;
}
