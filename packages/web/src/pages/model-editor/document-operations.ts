import { renameInFormula } from './formula';
import {
  MODEL_SCHEMA_ID,
  type Amount,
  type ElectricityInstrument,
  type ModelDocument,
  type ModelEmission,
  type ModelInput,
  type ModelParameter,
  type ModelProcess,
  type ModelScenario,
  type ModelSource,
  type SourceKind,
} from './model-types';
import type { ElectricityFactorBasis } from './sources/electricity-basis';
import { stageInScheme, type StageScheme } from './stages';

/**
 * The changes the editor makes to a product-model document, as pure functions (a new document each time, the
 * old one untouched, so undo can keep it).
 */

/** Local ids: letters, digits and . _ : - (the document's LocalId). */
const LOCAL_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

/**
 * A new id from a name, unique among `taken`: 'Cell production' → 'cell-production', a Chinese name → 'process-1'.
 *
 * @example uniqueId('Cell production', ['cell-production']) // 'cell-production-2'
 */
export function uniqueId(name: string, taken: Iterable<string>, fallback = 'process'): string {
  const used = new Set(taken);
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  const base = LOCAL_ID.test(slug) ? slug : fallback;
  if (base === slug && !used.has(base)) return base;
  // a name of its own gets -2, -3 …; the fallback is numbered from 1 (process-1)
  for (let n = base === slug ? 2 : 1; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** The processes' inputs, with their defaults (the document may leave them out). */
export const inputsOf = (process: ModelProcess): ModelInput[] => process.inputs ?? [];
export const emissionsOf = (process: ModelProcess): ModelEmission[] => process.emissions ?? [];
export const parametersOf = (document: ModelDocument): ModelParameter[] => document.parameters ?? [];
export const scenariosOf = (document: ModelDocument): ModelScenario[] => document.scenarios ?? [];

/** The system boundaries a new model can start with (written in the document's `boundary`). */
export type Boundary = 'cradle-to-gate' | 'cradle-to-grave';

/** Names the starter document gives its processes, in the reader's language. */
export interface StarterNames {
  production: string;
  use: string;
  endOfLife: string;
  lifeCycle: string;
}

/**
 * The document a new model starts with: one production process making the product's declared unit; for
 * cradle-to-grave also a use and an end-of-life process, joined by a life-cycle process whose output is the
 * declared unit (the reference). The boundary is declared in the document (`boundary`).
 *
 * @example starterDocument({ amount: 1, unit: 'kWh', name: 'LFP pack' }, 'cradle-to-gate', names)
 */
export function starterDocument(
  product: { amount: number; unit: string; name: string },
  boundary: Boundary,
  names: StarterNames,
): ModelDocument {
  const output = { name: product.name, amount: product.amount, unit: product.unit };
  const production: ModelProcess = {
    id: 'production',
    name: names.production,
    stage: 'production',
    output,
    inputs: [],
  };
  const document: ModelDocument = {
    schema: MODEL_SCHEMA_ID,
    referenceProcessId: 'production',
    boundary: 'cradle-to-gate',
    processes: [production],
  };
  return boundary === 'cradle-to-gate' ? document : extendToGrave(document, names);
}

/**
 * Extends a model to cradle-to-grave: a use and an end-of-life process (empty, staged 'use' and 'end-of-life'),
 * and a life-cycle process, the new reference, taking the old reference's output and one run of each per
 * declared unit; the boundary it declares becomes cradle-to-grave. The old reference's output and the product
 * stay as they were.
 */
export function extendToGrave(document: ModelDocument, names: StarterNames): ModelDocument {
  const reference = document.processes.find((p) => p.id === document.referenceProcessId);
  if (!reference) return document;
  const taken = document.processes.map((p) => p.id);
  const useId = uniqueId('use', taken);
  const endOfLifeId = uniqueId('end-of-life', [...taken, useId]);
  const lifeCycleId = uniqueId('life-cycle', [...taken, useId, endOfLifeId]);
  const { amount, unit } = reference.output;
  const phase = (id: string, name: string, stage: string): ModelProcess => ({
    id,
    name,
    stage,
    output: { amount, unit },
    inputs: [],
  });
  const link = (process: ModelProcess): ModelInput => ({
    name: process.name,
    amount,
    unit,
    source: { kind: 'foreground', processId: process.id },
  });
  const use = phase(useId, names.use, 'use');
  const endOfLife = phase(endOfLifeId, names.endOfLife, 'end-of-life');
  const lifeCycle: ModelProcess = {
    id: lifeCycleId,
    name: names.lifeCycle,
    output: { ...(reference.output.name ? { name: reference.output.name } : {}), amount, unit },
    inputs: [link(reference), link(use), link(endOfLife)],
  };
  const { name: _productName, ...gateOutput } = reference.output;
  return {
    ...document,
    referenceProcessId: lifeCycleId,
    boundary: 'cradle-to-grave',
    processes: [
      ...document.processes.map((p) => (p === reference ? { ...p, output: gateOutput } : p)),
      use,
      endOfLife,
      lifeCycle,
    ],
  };
}

/** Adds an empty process (one item of output) after the others; returns the document and the new id. */
export function addProcess(document: ModelDocument, name: string): [ModelDocument, string] {
  const id = uniqueId(
    name,
    document.processes.map((p) => p.id),
  );
  const process: ModelProcess = { id, name, output: { amount: 1, unit: 'kg' }, inputs: [] };
  return [{ ...document, processes: [...document.processes, process] }, id];
}

/** Replaces the process at `index` by `change(process)`. */
export function updateProcess(
  document: ModelDocument,
  index: number,
  change: (process: ModelProcess) => ModelProcess,
): ModelDocument {
  return {
    ...document,
    processes: document.processes.map((p, i) => (i === index ? change(p) : p)),
  };
}

/** How many inputs of other processes take the output of process `id` (removed with it). */
export function linksTo(document: ModelDocument, id: string): number {
  return document.processes
    .filter((p) => p.id !== id)
    .reduce(
      (n, p) =>
        n + inputsOf(p).filter((i) => i.source.kind === 'foreground' && i.source.processId === id).length,
      0,
    );
}

/**
 * Removes a process and the inputs that take its output (they could not be calculated without it). The last
 * process is never removed; removing the reference makes the first remaining process the reference.
 */
export function removeProcess(document: ModelDocument, index: number): ModelDocument {
  if (document.processes.length <= 1) return document;
  const removed = document.processes[index];
  const processes = document.processes
    .filter((_, i) => i !== index)
    .map((p) => {
      const inputs = inputsOf(p).filter(
        (input) => !(input.source.kind === 'foreground' && input.source.processId === removed.id),
      );
      return inputs.length === inputsOf(p).length ? p : { ...p, inputs };
    });
  return {
    ...document,
    processes,
    referenceProcessId:
      document.referenceProcessId === removed.id ? processes[0].id : document.referenceProcessId,
  };
}

/**
 * Changes a process's id, and every input that links to it.
 */
export function renameProcessId(document: ModelDocument, index: number, id: string): ModelDocument {
  const old = document.processes[index].id;
  return {
    ...document,
    referenceProcessId: document.referenceProcessId === old ? id : document.referenceProcessId,
    processes: document.processes.map((p, i) => ({
      ...p,
      ...(i === index ? { id } : {}),
      ...(p.inputs
        ? {
            inputs: p.inputs.map((input) =>
              input.source.kind === 'foreground' && input.source.processId === old
                ? { ...input, source: { ...input.source, processId: id } }
                : input,
            ),
          }
        : {}),
    })),
  };
}

/** Moves an item of a list one place up (-1) or down (+1); the list as it is at the ends. */
export function move<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (to < 0 || to >= list.length) return [...list];
  const next = [...list];
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}

/**
 * A new input of a kind, with what it needs to be valid once the user fills in the rest: a background input
 * waits for its dataset (empty process id, which validation flags), electricity starts location-based on the
 * national grid with the given factor basis and year — the life-cycle basis ISO 14067 asks for where the reference
 * publishes it (`electricityDefault`); without the reference, the document's own default (operational CO2, no
 * `factorBasis`) —, a transport leg by road at the given dataset (else at a factor still to be filled in).
 */
export function newInput(
  kind: SourceKind,
  options: {
    name: string;
    foregroundId?: string;
    foregroundUnit?: string;
    /** the national grid's default factor basis and its latest year with a factor (electricityDefault) */
    electricity?: { factorBasis: ElectricityFactorBasis; year: number };
    /** the transport dataset a new leg starts with (the starter database's for road) */
    transportDataset?: { processId: string; productId?: string };
  },
): ModelInput {
  const base = { name: options.name, amount: 1 as Amount };
  switch (kind) {
    case 'background':
      return { ...base, unit: 'kg', source: { kind, processId: '' } };
    case 'foreground':
      return {
        ...base,
        unit: options.foregroundUnit ?? 'kg',
        source: { kind, processId: options.foregroundId ?? '' },
      };
    case 'supplier':
      return { ...base, unit: 'kg', source: { kind, pcfExcludingBiogenic: 0, unit: 'kg' } };
    case 'electricity':
      return {
        ...base,
        unit: 'kWh',
        source: {
          kind,
          region: '全国',
          ...(options.electricity
            ? { factorBasis: options.electricity.factorBasis, year: options.electricity.year }
            : { year: 2023 }),
          accounting: 'location-based',
          instruments: [],
        },
      };
    case 'transport':
      return {
        ...base,
        unit: 't',
        source: {
          kind,
          mode: 'road',
          distance: 0,
          distanceUnit: 'km',
          ...(options.transportDataset
            ? { dataset: options.transportDataset }
            : { factor: { kgCo2ePerTkm: 0, source: '' } }),
        },
      };
  }
}

/** Replaces the input `inputIndex` of process `processIndex`. */
export function updateInput(
  document: ModelDocument,
  processIndex: number,
  inputIndex: number,
  change: (input: ModelInput) => ModelInput,
): ModelDocument {
  return updateProcess(document, processIndex, (p) => ({
    ...p,
    inputs: inputsOf(p).map((input, k) => (k === inputIndex ? change(input) : input)),
  }));
}

/** Replaces an input's source, keeping the rest. */
export function withSource(input: ModelInput, source: ModelSource): ModelInput {
  const { stage, ...rest } = input;
  // an input from another process takes that process's stage: a stage of its own is refused
  return source.kind === 'foreground'
    ? { ...rest, source }
    : { ...rest, ...(stage ? { stage } : {}), source };
}

/** A new green-certificate instrument covering a share of the input, with the criteria still to be confirmed. */
export function newInstrument(taken: readonly ElectricityInstrument[]): ElectricityInstrument {
  const id = uniqueId(
    'instrument',
    taken.map((i) => i.id ?? ''),
    'instrument',
  );
  return {
    id,
    kind: 'green-electricity-certificate',
    share: 0,
    factor: 0,
    factorUnit: 'kg CO2e/kWh',
    factorSource: '',
    criteria: { uniqueClaim: false, trackedAndCancelled: false, timeMatch: false, marketMatch: false },
  };
}

/** A new parameter with a unique name (param_1, param_2 …) and the value 0. */
export function addParameter(document: ModelDocument): ModelDocument {
  const taken = new Set(parametersOf(document).map((p) => p.name.toLowerCase()));
  let n = parametersOf(document).length + 1;
  while (taken.has(`param_${n}`)) n++;
  return { ...document, parameters: [...parametersOf(document), { name: `param_${n}`, value: 0 }] };
}

/** Applies `rename` to every formula of the document (amounts, distances, shares, parameter formulas). */
function mapFormulas(document: ModelDocument, rename: (formula: string) => string): ModelDocument {
  const amount = <A extends Amount | undefined>(a: A): A => (typeof a === 'string' ? (rename(a) as A) : a);
  const source = (s: ModelSource): ModelSource => {
    if (s.kind === 'transport') return { ...s, distance: amount(s.distance) };
    if (s.kind === 'electricity' && s.instruments)
      return {
        ...s,
        instruments: s.instruments.map((i) => ({
          ...i,
          ...(i.share !== undefined ? { share: amount(i.share) } : {}),
          ...(i.amount !== undefined ? { amount: amount(i.amount) } : {}),
        })),
      };
    return s;
  };
  return {
    ...document,
    parameters: document.parameters?.map((p) =>
      p.formula === undefined ? p : { ...p, formula: rename(p.formula) },
    ),
    processes: document.processes.map((p) => ({
      ...p,
      output: { ...p.output, amount: amount(p.output.amount) },
      ...(p.inputs
        ? {
            inputs: p.inputs.map((i) => ({ ...i, amount: amount(i.amount), source: source(i.source) })),
          }
        : {}),
      ...(p.emissions ? { emissions: p.emissions.map((e) => ({ ...e, amount: amount(e.amount) })) } : {}),
    })),
  };
}

/**
 * Renames a parameter and every use of it: formulas everywhere and scenario values (so that nothing breaks).
 */
export function renameParameter(document: ModelDocument, index: number, name: string): ModelDocument {
  const old = parametersOf(document)[index]?.name;
  if (old === undefined) return document;
  const renamed =
    old && /^[A-Za-z_][A-Za-z0-9_]*$/.test(old) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)
      ? mapFormulas(document, (f) => renameInFormula(f, old, name))
      : document;
  return {
    ...renamed,
    parameters: parametersOf(renamed).map((p, i) => (i === index ? { ...p, name } : p)),
    scenarios: document.scenarios?.map((s) => {
      if (!s.parameters || !(old in s.parameters)) return s;
      const { [old]: value, ...others } = s.parameters;
      return { ...s, parameters: { ...others, [name]: value } };
    }),
  };
}

/** Removes a parameter and its values in the scenarios (formulas that use it then say so in place). */
export function removeParameter(document: ModelDocument, index: number): ModelDocument {
  const old = parametersOf(document)[index]?.name;
  return {
    ...document,
    parameters: parametersOf(document).filter((_, i) => i !== index),
    scenarios: document.scenarios?.map((s) => {
      if (!s.parameters || old === undefined || !(old in s.parameters)) return s;
      const { [old]: _removed, ...others } = s.parameters;
      return { ...s, parameters: others };
    }),
  };
}

/** Scenario kinds the editor offers; use and end-of-life scenarios belong to cradle-to-grave models. */
export type ScenarioKind = 'general' | 'use' | 'end-of-life';

/** How the document writes a scenario's kind (`kind`), for each of the editor's. */
export const SCENARIO_KIND: Readonly<Record<ScenarioKind, NonNullable<ModelScenario['kind']>>> = {
  general: 'other',
  use: 'use',
  'end-of-life': 'end-of-life',
};

/** The id prefix a new scenario of a kind gets (before the document had `kind`, the prefix said it). */
export const SCENARIO_PREFIX: Readonly<Record<ScenarioKind, string>> = {
  general: 'scenario',
  use: 'use',
  'end-of-life': 'eol',
};

/**
 * The kind of a scenario: its `kind`, else — for models written before the document had one — its id prefix
 * (use-…, eol-…).
 *
 * @example scenarioKind({ id: 'eol-landfill', name: 'Landfill' }) // 'end-of-life'
 */
export function scenarioKind(scenario: ModelScenario): ScenarioKind {
  if (scenario.kind === 'use' || scenario.kind === 'end-of-life') return scenario.kind;
  if (scenario.kind === 'other') return 'general';
  if (/^use(-|$)/.test(scenario.id)) return 'use';
  if (/^eol(-|$)/.test(scenario.id)) return 'end-of-life';
  return 'general';
}

/** Adds a scenario of a kind (written in `kind`) with a unique id and the given name. */
export function addScenario(document: ModelDocument, kind: ScenarioKind, name: string): ModelDocument {
  const id = uniqueId(
    SCENARIO_PREFIX[kind],
    scenariosOf(document).map((s) => s.id),
    SCENARIO_PREFIX[kind],
  );
  return {
    ...document,
    scenarios: [...scenariosOf(document), { id, name, kind: SCENARIO_KIND[kind], parameters: {} }],
  };
}

/** Every stage id used in the document (processes, inputs, emissions). */
export function stagesUsed(document: ModelDocument): Set<string> {
  const used = new Set<string>();
  for (const p of document.processes) {
    if (p.stage) used.add(p.stage);
    for (const i of inputsOf(p)) if (i.stage) used.add(i.stage);
    for (const e of emissionsOf(p)) if (e.stage) used.add(e.stage);
  }
  return used;
}

/** Rewrites every stage of the document in the ids of another scheme ('production' → 'main-product-production'). */
export function switchStageScheme(document: ModelDocument, scheme: StageScheme): ModelDocument {
  const map = <T extends { stage?: string }>(x: T): T =>
    x.stage ? { ...x, stage: stageInScheme(x.stage, scheme) } : x;
  return {
    ...document,
    processes: document.processes.map((p) => ({
      ...map(p),
      ...(p.inputs ? { inputs: p.inputs.map(map) } : {}),
      ...(p.emissions ? { emissions: p.emissions.map(map) } : {}),
    })),
  };
}
