import { compileFormula, formulaVariables, FormulaError, type CompiledFormula } from '@opencfp/core';
import {
  CFP_TAGS,
  CHINA_LIFE_CYCLE_FACTOR_YEARS,
  DEFAULT_GWP_SET_ID,
  gwpFactorOf,
  gwpSet,
  gwpValue,
  LIFE_CYCLE_STAGES,
  PREAGGREGATED_SPECIES,
  stageInScheme,
  type AccountingChoice,
  type BiogenicApproach,
  type CarbonFootprint,
  type CarbonFootprintSplit,
  type GhgKind,
  type GwpSet,
  type StageScheme,
} from '@opencfp/refdata';
import { caseVariants, commonUnitFactor, requireCommonUnitFactor } from './common-units.js';

const CHINA_LIFE_CYCLE_YEARS = CHINA_LIFE_CYCLE_FACTOR_YEARS.join(', ');
import { ModelError } from './errors.js';
import type { DatasetFootprint, ModelBackground } from './model-background.js';
import { evaluateElectricity, prepareElectricity, type PreparedElectricity } from './model-electricity.js';
import { prepareTransport, type PreparedTransport } from './model-transport.js';
import type { ModelUncertainty, ProductModelDocument } from './product-model-document.js';

/** The parts of the ISO 14067 split that partition the gases. */
export const PARTS = [
  'fossilEmissions',
  'fossilRemovals',
  'biogenicCo2Emissions',
  'biogenicNonCo2Emissions',
  'biogenicRemovals',
  'dLuc',
  'landManagement',
] as const;
export type Part = (typeof PARTS)[number];

/** A note on a model footprint: those of the datasets it uses (starter data, unmapped gases …) and its own. */
export interface ModelNote {
  code: string;
  message: string;
  flows?: { flowId: string; name: string; amount: number }[];
}

/** kg CO2e of one unit of a line, by part, gas and "of which" items. */
export interface PerUnit {
  parts: Record<Part, number>;
  /** Of which aircraft (direct emissions of aircraft-tagged processes, and the datasets' own). */
  aircraft: number;
  /** The datasets' own packaging (for lines outside the model's packaging processes). */
  packaging: number;
  gases: { species: string; kind?: string; mass: number; factor: number; co2e: number; counted: boolean }[];
}

/** A line of the model: an input or a direct emission of a foreground process. */
export interface PreparedLine {
  process: number;
  path: string;
  kind: 'background' | 'foreground' | 'supplier' | 'emission' | 'electricity' | 'transport';
  name: string;
  /** The unit of the line's quantities: the input's, or t*km for a transport leg (whose amount is a mass). */
  unit: string;
  amount: number | CompiledFormula;
  amountText: string | undefined;
  uncertainty: ModelUncertainty | undefined;
  /** Its own stage (canonical in the scheme), when it names one; else its process's supply-chain stage. */
  stage: string | undefined;
  /** Foreground links: the process it takes from, and that process's output units per one line unit. */
  target?: number;
  conversion?: number;
  /** Not foreground: kg CO2e per line unit (electricity: at the scenario's parameter values). */
  perUnit?: PerUnit;
  /** Electricity: its factors and instruments; accounted again for the kWh of each evaluation. */
  electricity?: PreparedElectricity;
  /** Transport leg: its distance (the amount, a mass, times t·km per mass unit gives the quantity in t*km). */
  transport?: PreparedTransport;
  dataset?: {
    processId: string;
    productId: string;
    name: string;
    referenceUnit: string;
    factor: number;
    /** The dataset's notes per reference unit (flows' amounts per unit), to merge scaled into the model's. */
    notes: ModelNote[];
    diagnostics: { code: string; severity: string; message: string }[];
    starter: boolean;
  };
  supplier?: { supplier?: string; footprintId?: string; year?: number };
}

export interface PreparedProcess {
  id: string;
  name: string;
  stage: string | undefined;
  tags: readonly string[];
  outputAmount: number | CompiledFormula;
  outputText: string | undefined;
  outputUnit: string;
  outputName: string;
}

export interface PreparedParameter {
  name: string;
  key: string;
  value: number | undefined;
  formula: CompiledFormula | undefined;
  formulaText: string | undefined;
  dependencies: string[];
  uncertainty: ModelUncertainty | undefined;
  index: number;
}

/** A model checked against its background, with every line's kg CO2e per unit worked out once. */
export interface PreparedModel {
  document: ProductModelDocument;
  set: GwpSet;
  approach: BiogenicApproach;
  scheme: StageScheme;
  defaultStage: string;
  reference: number;
  processes: PreparedProcess[];
  lines: PreparedLine[];
  parameters: PreparedParameter[];
  /** Parameter keys (lower case) in an order where each comes after those its formula uses. */
  order: string[];
  scenario: { id: string; name: string; values: Map<string, number> } | undefined;
  notes: ModelNote[];
  backgroundVersionId: string | undefined;
}

/** Options of a product-model calculation. */
export interface ProductModelOptions {
  /** A scenario of the document: its parameter values replace the defaults. */
  scenarioId?: string;
  /** Default: the background's, else 'ipcc-ar6-gwp100'. Must equal the background's when both are given. */
  gwpSetId?: string;
  biogenicApproach?: BiogenicApproach;
  stageScheme?: StageScheme;
  /** Stage of lines whose process (and its consumers) name none; default 'unassigned'. */
  defaultStage?: string;
}

const KNOWN_STAGES = new Set([
  ...LIFE_CYCLE_STAGES['iso-14067'].map((s) => s.id),
  ...LIFE_CYCLE_STAGES['eu-battery'].map((s) => s.id),
  'unassigned',
]);

export const emptyParts = (): Record<Part, number> => ({
  fossilEmissions: 0,
  fossilRemovals: 0,
  biogenicCo2Emissions: 0,
  biogenicNonCo2Emissions: 0,
  biogenicRemovals: 0,
  dLuc: 0,
  landManagement: 0,
});

/** Whether a part counts in the total under the approach (0/0 leaves biogenic CO2 out). */
export const countedIn = (approach: BiogenicApproach, part: Part): boolean =>
  approach === '-1/+1' || (part !== 'biogenicCo2Emissions' && part !== 'biogenicRemovals');

function stageOf(raw: string | undefined, scheme: StageScheme, path: string): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const id = raw.trim();
  if (!KNOWN_STAGES.has(id))
    throw new ModelError(
      'UNKNOWN_STAGE',
      path,
      `unknown life-cycle stage '${id}': use one of ${[...KNOWN_STAGES].join(', ')}`,
    );
  return stageInScheme(id, scheme);
}

/** kg CO2e per line unit of a line taking `factor` reference units of a background dataset per unit. */
function datasetPerUnit(f: CarbonFootprint, factor: number): PerUnit {
  const parts = emptyParts();
  for (const part of PARTS) parts[part] = f.split[part] * factor;
  return {
    parts,
    aircraft: f.split.aircraft * factor,
    packaging: f.split.packaging * factor,
    gases: f.byGas.map((g) => ({
      species: g.species,
      ...(g.kind === undefined ? {} : { kind: g.kind }),
      mass: g.mass * factor,
      factor: g.factor,
      co2e: g.co2e * factor,
      counted: g.countedInTotal,
    })),
  };
}

function datasetOf(dataset: DatasetFootprint, factor: number): NonNullable<PreparedLine['dataset']> {
  const f = dataset.footprint;
  return {
    processId: dataset.processId,
    productId: dataset.productId,
    name: `${dataset.processName} — ${dataset.productName}`,
    referenceUnit: dataset.referenceUnit,
    factor,
    // About the dataset's own product or stages, not the model's: left out.
    notes: f.notes.filter(
      (n) =>
        n.code !== 'CARBON_CONTENT_MISSING' && n.code !== 'STAGE_OUTSIDE_SCHEME' && n.code !== 'STARTER_DATA',
    ),
    diagnostics: dataset.diagnostics,
    starter: f.notes.some((n) => n.code === 'STARTER_DATA'),
  };
}

function compileAmount(value: number | string, path: string): number | CompiledFormula {
  if (typeof value === 'number') return value;
  const trimmed = value.trim();
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed)) return Number(trimmed);
  try {
    return compileFormula(trimmed);
  } catch (e) {
    throw new ModelError(
      'FORMULA_ERROR',
      path,
      `formula '${trimmed}': ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

/**
 * Checks a document against its background and works out each line's kg CO2e per unit (one dataset footprint
 * per linked dataset, from the background's cache). The result is evaluated by `evaluatePreparedModel` for the
 * deterministic footprint and for each Monte Carlo iteration.
 */
export function prepareProductModel(
  document: ProductModelDocument,
  background: ModelBackground | undefined,
  options: ProductModelOptions = {},
): PreparedModel {
  const setId = options.gwpSetId ?? background?.gwpSetId ?? DEFAULT_GWP_SET_ID;
  const approach = options.biogenicApproach ?? background?.biogenicApproach ?? '-1/+1';
  if (background && (background.gwpSetId !== setId || background.biogenicApproach !== approach))
    throw new ModelError(
      'INVALID_OPTIONS',
      '',
      `the background was prepared for ${background.gwpSetId} ${background.biogenicApproach}, not ${setId} ${approach}: make it with the same options`,
    );
  if (approach !== '-1/+1' && approach !== '0/0')
    throw new ModelError(
      'INVALID_OPTIONS',
      '',
      `biogenicApproach must be '-1/+1' or '0/0', not '${String(approach)}'`,
    );
  const scheme = options.stageScheme ?? 'iso-14067';
  if (!(scheme in LIFE_CYCLE_STAGES))
    throw new ModelError(
      'INVALID_OPTIONS',
      '',
      `stageScheme must be one of ${Object.keys(LIFE_CYCLE_STAGES).join(', ')}, not '${String(scheme)}'`,
    );
  let set: GwpSet;
  try {
    set = gwpSet(setId);
  } catch (e) {
    throw new ModelError('INVALID_OPTIONS', '', e instanceof Error ? e.message : String(e));
  }
  const defaultStage = stageOf(options.defaultStage, scheme, '') ?? 'unassigned';
  const notes: ModelNote[] = [];

  // Parameters and the scenario.
  const parameters: PreparedParameter[] = document.parameters.map((p, index) => {
    const path = `/parameters/${index}`;
    let formula: CompiledFormula | undefined;
    let dependencies: string[] = [];
    if (p.formula !== undefined) {
      try {
        formula = compileFormula(p.formula);
        dependencies = formulaVariables(p.formula);
      } catch (e) {
        throw new ModelError(
          'FORMULA_ERROR',
          `${path}/formula`,
          `parameter '${p.name}': ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    }
    return {
      name: p.name,
      key: p.name.toLowerCase(),
      value: p.value,
      formula,
      formulaText: p.formula,
      dependencies,
      uncertainty: p.uncertainty,
      index,
    };
  });
  const byKey = new Map(parameters.map((p) => [p.key, p]));
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (p: PreparedParameter, chain: string[]) => {
    const s = state.get(p.key);
    if (s === 'done') return;
    if (s === 'visiting')
      throw new ModelError(
        'PARAMETER_CYCLE',
        `/parameters/${p.index}/formula`,
        `the formulas of ${[...chain, p.name].join(' → ')} depend on each other in a cycle: give one of them a value`,
      );
    state.set(p.key, 'visiting');
    for (const d of p.dependencies) {
      const q = byKey.get(d);
      if (!q)
        throw new ModelError(
          'UNKNOWN_PARAMETER',
          `/parameters/${p.index}/formula`,
          `parameter '${p.name}' uses '${d}', which is not a parameter of the model: define it under parameters`,
        );
      visit(q, [...chain, p.name]);
    }
    state.set(p.key, 'done');
    order.push(p.key);
  };
  for (const p of parameters) visit(p, []);

  // Every scenario must name input parameters only, whichever is chosen.
  const scenarioValues = document.scenarios.map((s, k) => {
    const values = new Map<string, number>();
    for (const [name, value] of Object.entries(s.parameters)) {
      const p = byKey.get(name.toLowerCase());
      if (!p || p.value === undefined)
        throw new ModelError(
          'UNKNOWN_PARAMETER',
          `/scenarios/${k}/parameters/${name}`,
          `scenario '${s.id}' sets '${name}', which is not an input parameter of the model (one with a value)`,
        );
      values.set(p.key, value);
    }
    return values;
  });
  let scenario: PreparedModel['scenario'];
  let electricityAccounting: AccountingChoice | undefined;
  if (options.scenarioId !== undefined) {
    const k = document.scenarios.findIndex((x) => x.id === options.scenarioId);
    if (k < 0)
      throw new ModelError(
        'UNKNOWN_SCENARIO',
        '/scenarios',
        `no scenario '${options.scenarioId}' in the model${document.scenarios.length ? `: it has ${document.scenarios.map((x) => x.id).join(', ')}` : ''}`,
      );
    scenario = { id: document.scenarios[k].id, name: document.scenarios[k].name, values: scenarioValues[k] };
    electricityAccounting = document.scenarios[k].electricity?.accounting;
  }
  // Uniform and triangular bounds are amounts: the stated value must lie within them.
  const checkBounds = (value: number, u: ModelUncertainty | undefined, path: string) => {
    if (!u || (u.distribution !== 'uniform' && u.distribution !== 'triangular')) return;
    if (value < u.min || value > u.max)
      throw new ModelError(
        'INVALID_MODEL',
        `${path}/uncertainty`,
        `the stated value ${value} lies outside the ${u.distribution} distribution's [${u.min}, ${u.max}]: give bounds around it`,
      );
  };
  for (const p of parameters)
    if (p.value !== undefined) checkBounds(p.value, p.uncertainty, `/parameters/${p.index}`);

  // Processes.
  const index = new Map(document.processes.map((p, i) => [p.id, i]));
  const processes: PreparedProcess[] = document.processes.map((p, i) => ({
    id: p.id,
    name: p.name,
    stage: stageOf(p.stage, scheme, `/processes/${i}/stage`),
    tags: p.tags,
    outputAmount: compileAmount(p.output.amount, `/processes/${i}/output/amount`),
    outputText: typeof p.output.amount === 'string' ? p.output.amount : undefined,
    outputUnit: p.output.unit,
    outputName: p.output.name ?? p.name,
  }));
  const checkNames = (amount: number | CompiledFormula, text: string | undefined, path: string) => {
    if (typeof amount === 'number' || text === undefined) return;
    for (const name of formulaVariables(text))
      if (!byKey.has(name))
        throw new ModelError(
          'UNKNOWN_PARAMETER',
          path,
          `formula '${text}' uses '${name}', which is not a parameter of the model: define it under parameters`,
        );
  };
  processes.forEach((p, i) => checkNames(p.outputAmount, p.outputText, `/processes/${i}/output/amount`));

  // Lines.
  const lines: PreparedLine[] = [];
  const airFromTotal: string[] = [];
  let carrierFactors = 0;
  const transportSets = new Set<string>();
  let suppliers = 0;
  let methaneWithoutOrigin = false;
  const supplierSets = new Set<string>();
  document.processes.forEach((p, i) => {
    const tags = new Set(p.tags);
    p.inputs.forEach((input, k) => {
      const path = `/processes/${i}/inputs/${k}`;
      const amount = compileAmount(input.amount, `${path}/amount`);
      const amountText = typeof input.amount === 'string' ? input.amount : undefined;
      checkNames(amount, amountText, `${path}/amount`);
      if (typeof amount === 'number') checkBounds(amount, input.uncertainty, path);
      const line: PreparedLine = {
        process: i,
        path,
        kind: input.source.kind,
        name: input.name,
        unit: input.unit,
        amount,
        amountText,
        uncertainty: input.uncertainty,
        stage: stageOf(input.stage, scheme, `${path}/stage`),
      };
      const source = input.source;
      if (source.kind === 'foreground') {
        if (input.stage !== undefined)
          throw new ModelError(
            'INVALID_MODEL',
            `${path}/stage`,
            `input '${input.name}' comes from process '${source.processId}' of the model, whose own lines and stage count: give the stage to that process instead`,
          );
        const target = index.get(source.processId) as number;
        line.target = target;
        line.conversion = requireCommonUnitFactor(
          input.unit,
          document.processes[target].output.unit,
          `${path}/unit`,
          `input '${input.name}'`,
        );
      } else if (source.kind === 'background') {
        if (!background)
          throw new ModelError(
            'NO_BACKGROUND',
            `${path}/source`,
            `input '${input.name}' links to a background dataset, but the model has no background database: choose one (backgroundVersionId)`,
          );
        const dataset = background.dataset(source.processId, source.productId, `${path}/source`);
        const known: string[] = [];
        const factor = dataset.unitFactor(input.unit, known);
        if (factor === undefined)
          throw new ModelError(
            'UNIT_MISMATCH',
            `${path}/unit`,
            caseVariants(input.unit).length > 1
              ? `input '${input.name}' is in '${input.unit}', which is ambiguous: write ${caseVariants(
                  input.unit,
                )
                  .map((v) => `'${v}'`)
                  .join(' or ')} (case matters for SI prefixes)`
              : `input '${input.name}' is in '${input.unit}', but '${dataset.productName}' is measured in ${dataset.referenceUnit}${known.length ? ` (it can be given in ${[...new Set(known)].join(', ')})` : ''}`,
          );
        line.perUnit = datasetPerUnit(dataset.footprint, factor);
        line.dataset = datasetOf(dataset, factor);
      } else if (source.kind === 'electricity') {
        line.electricity = prepareElectricity(
          input,
          source,
          path,
          electricityAccounting ?? source.accounting,
          compileAmount,
        );
        for (const x of line.electricity.instruments)
          checkNames(
            x.share ?? (x.amount as number | CompiledFormula),
            x.text,
            `${x.path}/${x.share === undefined ? 'amount' : 'share'}`,
          );
      } else if (source.kind === 'transport') {
        const transport = prepareTransport(input, source, path, compileAmount);
        checkNames(transport.distance, transport.distanceText, transport.distancePath);
        line.unit = 't*km';
        line.transport = transport;
        // Transport belongs to distribution unless the leg or its process says otherwise (both schemes have it).
        if (line.stage === undefined && processes[i].stage === undefined)
          line.stage = stageInScheme('distribution', scheme);
        if (source.dataset !== undefined) {
          const at = `${path}/source/dataset`;
          if (!background)
            throw new ModelError(
              'NO_BACKGROUND',
              at,
              `transport leg '${input.name}' links to a background dataset, but the model has no background database: choose one (backgroundVersionId), or give the carrier's factor instead`,
            );
          const dataset = background.dataset(source.dataset.processId, source.dataset.productId, at);
          const known: string[] = [];
          const factor = dataset.unitFactor('t*km', known);
          if (factor === undefined)
            throw new ModelError(
              'UNIT_MISMATCH',
              at,
              `transport leg '${input.name}' links '${dataset.productName}', which is measured in ${dataset.referenceUnit}${known.length ? ` (${[...new Set(known)].join(', ')})` : ''}, not in t·km: link a transport service dataset (per tonne-kilometre), or give the carrier's factor`,
            );
          line.perUnit = datasetPerUnit(dataset.footprint, factor);
          line.dataset = datasetOf(dataset, factor);
          // An air leg is aircraft transport: the dataset's own aircraft part when it marks one (its tagged
          // processes' direct emissions), else everything the leg emits.
          if (source.mode === 'air' && line.perUnit.aircraft === 0) {
            line.perUnit.aircraft = emitted(line.perUnit, approach);
            airFromTotal.push(input.name);
          }
        } else {
          carrierFactors++;
          if (source.factor?.gwpSetId !== undefined) transportSets.add(source.factor.gwpSetId);
          const value = (transport.factor as NonNullable<PreparedTransport['factor']>).kgCo2ePerTkm;
          const parts = emptyParts();
          parts.fossilEmissions = value;
          line.perUnit = {
            parts,
            aircraft: source.mode === 'air' ? value : 0,
            packaging: 0,
            gases: [
              {
                species: PREAGGREGATED_SPECIES,
                kind: 'transport',
                mass: value,
                factor: 1,
                co2e: value,
                counted: true,
              },
            ],
          };
        }
      } else {
        suppliers++;
        if (source.gwpSetId !== undefined) supplierSets.add(source.gwpSetId);
        const k2 = commonUnitFactor(input.unit, source.unit);
        if (k2 === undefined)
          requireCommonUnitFactor(input.unit, source.unit, `${path}/unit`, `input '${input.name}'`);
        const factor = (k2 as number) / source.per;
        const parts = emptyParts();
        const fossil =
          source.pcfExcludingBiogenic - source.dLucGhgEmissions - source.landManagementGhgEmissions;
        parts[fossil >= 0 ? 'fossilEmissions' : 'fossilRemovals'] = fossil * factor;
        parts.dLuc = source.dLucGhgEmissions * factor;
        parts.landManagement = source.landManagementGhgEmissions * factor;
        parts.biogenicCo2Emissions = source.biogenicCo2Emissions * factor;
        parts.biogenicRemovals = source.biogenicRemovals * factor;
        const gases: PerUnit['gases'] = [
          {
            species: PREAGGREGATED_SPECIES,
            kind: 'supplier',
            mass: source.pcfExcludingBiogenic * factor,
            factor: 1,
            co2e: source.pcfExcludingBiogenic * factor,
            counted: true,
          },
        ];
        const biogenicCounted = approach === '-1/+1';
        if (source.biogenicCo2Emissions !== 0)
          gases.push({
            species: 'CO2',
            kind: 'biogenic',
            mass: parts.biogenicCo2Emissions,
            factor: 1,
            co2e: parts.biogenicCo2Emissions,
            counted: biogenicCounted,
          });
        if (source.biogenicRemovals !== 0)
          gases.push({
            species: 'CO2',
            kind: 'uptake',
            mass: parts.biogenicRemovals,
            factor: 1,
            co2e: parts.biogenicRemovals,
            counted: biogenicCounted,
          });
        line.perUnit = { parts, aircraft: source.aircraftGhgEmissions * factor, packaging: 0, gases };
        line.supplier = {
          ...(source.supplier === undefined ? {} : { supplier: source.supplier }),
          ...(source.footprintId === undefined ? {} : { footprintId: source.footprintId }),
          ...(source.year === undefined ? {} : { year: source.year }),
        };
      }
      lines.push(line);
    });
    p.emissions.forEach((emission, k) => {
      const path = `/processes/${i}/emissions/${k}`;
      const amount = compileAmount(emission.amount, `${path}/amount`);
      const amountText = typeof emission.amount === 'string' ? emission.amount : undefined;
      checkNames(amount, amountText, `${path}/amount`);
      if (typeof amount === 'number') checkBounds(amount, emission.uncertainty, path);
      const kind: GhgKind = emission.origin;
      const species = emission.gas.trim();
      if (species.startsWith('CH4-'))
        throw new ModelError(
          'UNKNOWN_GAS',
          `${path}/gas`,
          `give methane as gas 'CH4' with origin 'fossil' or 'biogenic' (the GWP set's fossil and non-fossil values follow from it), not '${species}'`,
        );
      if (
        species === 'CH4' &&
        (kind === 'fossil' || kind === 'biogenic') &&
        gwpValue(set, 'CH4-fossil') === undefined
      )
        methaneWithoutOrigin = true;
      const factor = gwpFactorOf({ species, kind }, set);
      if (factor === undefined)
        throw new ModelError(
          'UNKNOWN_GAS',
          `${path}/gas`,
          `'${species}' has no value in ${set.name}: name the gas as the GWP sets do (CO2, CH4, N2O, SF6, NF3, HFC134a, PFC14, …; 'cfp factors --kind gwp' lists them) or give a pre-aggregated amount as 'CO2e'`,
        );
      if (kind !== 'fossil' && species !== 'CO2' && species !== 'CH4')
        throw new ModelError(
          'INVALID_MODEL',
          `${path}/origin`,
          `origin '${kind}' applies to CO2 and CH4 only; ${species} is always counted as fossil`,
        );
      if (kind === 'uptake' && species !== 'CO2')
        throw new ModelError('INVALID_MODEL', `${path}/origin`, `only CO2 is taken up from air`);
      const perKg = requireCommonUnitFactor(
        emission.unit,
        'kg',
        `${path}/unit`,
        `the emission of ${species}`,
      );
      // Uptake is entered as the amount taken up and counted negative, as B holds it.
      const mass = (kind === 'uptake' ? -1 : 1) * perKg;
      const e = mass * factor;
      let part: Part;
      if (tags.has(CFP_TAGS.dLuc) || kind === 'land-transformation') part = 'dLuc';
      else if (tags.has(CFP_TAGS.landManagement)) part = 'landManagement';
      else if (kind === 'uptake') part = 'biogenicRemovals';
      else if (kind === 'biogenic')
        part = species === 'CO2' ? 'biogenicCo2Emissions' : 'biogenicNonCo2Emissions';
      else part = e >= 0 ? 'fossilEmissions' : 'fossilRemovals';
      const parts = emptyParts();
      parts[part] = e;
      const counted = countedIn(approach, part);
      lines.push({
        process: i,
        path,
        kind: 'emission',
        name: `${species}${kind === 'fossil' ? '' : `, ${kind}`}`,
        unit: emission.unit,
        amount,
        amountText,
        uncertainty: emission.uncertainty,
        stage: stageOf(emission.stage, scheme, `${path}/stage`),
        perUnit: {
          parts,
          aircraft: tags.has(CFP_TAGS.aircraft) && counted && part !== 'biogenicRemovals' ? e : 0,
          packaging: 0,
          gases: [
            {
              species,
              ...(species === 'CO2' || species === 'CH4' ? { kind } : {}),
              mass,
              factor,
              co2e: e,
              counted,
            },
          ],
        },
      });
    });
  });

  notes.push(
    ...electricityNotes(lines),
    ...transportNotes(
      lines,
      airFromTotal,
      carrierFactors,
      [...transportSets].filter((x) => x !== set.id),
    ),
  );
  if (suppliers > 0)
    notes.push({
      code: 'SUPPLIER_DATA',
      message: `${suppliers} input${suppliers === 1 ? '' : 's'} use${suppliers === 1 ? 's' : ''} a footprint reported by a supplier, taken as given (kg CO2e as the supplier calculated it)${
        [...supplierSets].some((s) => s !== set.id)
          ? `; some were calculated with ${[...supplierSets].filter((s) => s !== set.id).join(', ')}, not ${set.id}`
          : ''
      }`,
    });
  if (methaneWithoutOrigin)
    notes.push({
      code: 'CH4_ORIGIN_NOT_DISTINGUISHED',
      message: `${set.name} has one value for methane, so the model's fossil and biogenic methane are characterised alike`,
    });
  if (document.carbonContent === undefined)
    notes.push({
      code: 'CARBON_CONTENT_MISSING',
      message:
        "the model states no carbon content of its product: add carbonContent { fossil, biogenic } (kg C per reference output) for PACT's carbon-content fields",
    });

  const model: PreparedModel = {
    document,
    set,
    approach,
    scheme,
    defaultStage,
    reference: index.get(document.referenceProcessId) as number,
    processes,
    lines,
    parameters,
    order,
    scenario,
    notes,
    backgroundVersionId: background?.versionId,
  };
  // Electricity lines get their kg per unit at the scenario's parameter values, as every other line has its own
  // from here on; a calculation accounts them again for its kWh (the same here), Monte Carlo for each draw.
  if (lines.some((l) => l.electricity)) {
    const values = evaluateParameters(model);
    for (const line of lines)
      if (line.electricity)
        line.perUnit = evaluateElectricity(
          line.electricity,
          values,
          amountValue(line.amount, line.amountText, values, `${line.path}/amount`),
        ).perUnit;
  }
  return model;
}

/** kg CO2e a line emits per unit and counts under the approach, removals left out (for the aircraft part). */
function emitted(u: PerUnit, approach: BiogenicApproach): number {
  let sum = 0;
  for (const part of PARTS)
    if (countedIn(approach, part) && part !== 'fossilRemovals' && part !== 'biogenicRemovals')
      sum += u.parts[part];
  return sum;
}

/** What a reader of the result must know about the model's electricity inputs: the factors and their bases. */
function electricityNotes(lines: readonly PreparedLine[]): ModelNote[] {
  const inputs = lines.flatMap((l) => (l.electricity ? [l.electricity] : []));
  if (inputs.length === 0) return [];
  const notes: ModelNote[] = [];
  const records = (e: PreparedElectricity) =>
    [e.grid?.record, e.residual?.record].filter((r) => r !== undefined);
  const ids = (list: readonly PreparedElectricity[], keep: (scope: string) => boolean) => [
    ...new Set(
      list.flatMap((e) =>
        records(e)
          .filter((r) => keep(r.basis.scope))
          .map((r) => r.id),
      ),
    ),
  ];
  notes.push({
    code: 'ELECTRICITY',
    message: `${inputs.length} electricity input${inputs.length === 1 ? '' : 's'} at China's official factors (${inputs
      .map(
        (e) =>
          `'${e.name}': ${e.accounting}, ${records(e)
            .map((r) => `${r.id} ${r.value} ${r.unit}`)
            .join(' and ')}`,
      )
      .join(
        '; ',
      )}), booked as fossil GHG emissions (the published factors have no split by origin); each contribution carries its accounting lines and sources`,
  });
  const operational = ids(inputs, (scope) => scope === 'operational');
  if (operational.length > 0)
    notes.push({
      code: 'ELECTRICITY_OPERATIONAL_CO2',
      message: `${operational.join(', ')} ${operational.length === 1 ? 'is an' : 'are'} operational CO2 factor${operational.length === 1 ? '' : 's'} (kg CO2/kWh): CO2 from generation only, without CH4 and N2O, the fuel chain and infrastructure, so lower than a life-cycle value; for a carbon footprint prefer factorBasis 'life-cycle-co2e' (national, ${CHINA_LIFE_CYCLE_YEARS})`,
    });
  const lifeCycle = ids(inputs, (scope) => scope === 'life-cycle');
  if (lifeCycle.length > 0)
    notes.push({
      code: 'ELECTRICITY_LIFE_CYCLE',
      message: `${lifeCycle.join(', ')}: the official electricity carbon-footprint factor${lifeCycle.length === 1 ? '' : 's'} (kg CO2e/kWh, national average), taken as a pre-aggregated CO2e total whatever the model's GWP set (the announcement's GWP basis is not stated in the source as transcribed)`,
    });
  if (inputs.some((e) => e.residual))
    notes.push({
      code: 'ELECTRICITY_RESIDUAL_MIX',
      message: (inputs.find((e) => e.residual)?.residual?.factor.notes ?? [])[0] ?? 'residual-like factor',
    });
  const mixed = inputs.filter((e) => e.residual && e.factorBasis !== 'operational-co2');
  if (mixed.length > 0)
    notes.push({
      code: 'ELECTRICITY_MIXED_BASIS',
      message: `${mixed.map((e) => `'${e.name}'`).join(', ')}: life-cycle CO2e factors for the instruments or grid, but China publishes no life-cycle residual mix, so the ${mixed[0].accounting} kWh take the operational CO2 residual-like factor: the input mixes CO2 and CO2e`,
    });
  const national = inputs.filter((e) => e.accounting === 'eu-battery' && e.region !== '全国');
  if (national.length > 0)
    notes.push({
      code: 'ELECTRICITY_NATIONAL_MIX',
      message: `under the EU battery rule the grid electricity of ${national.map((e) => `'${e.name}' (${e.regionEnglish})`).join(', ')} takes the national grid mix of China, not the factor of its area`,
    });
  const unused = inputs.filter(
    (e) => e.instruments.length > 0 && (e.accounting === 'location-based' || e.accounting === 'residual-mix'),
  );
  if (unused.length > 0)
    notes.push({
      code: 'ELECTRICITY_INSTRUMENTS_NOT_USED',
      message: `${unused.map((e) => `'${e.name}'`).join(', ')}: instruments are not used under ${[...new Set(unused.map((e) => e.accounting))].join(' and ')} accounting; they count under market-based (a scenario can switch: scenarios[].electricity.accounting)`,
    });
  return notes;
}

/** What a reader of the result must know about the model's transport legs. */
function transportNotes(
  lines: readonly PreparedLine[],
  airFromTotal: readonly string[],
  carrierFactors: number,
  otherSets: readonly string[],
): ModelNote[] {
  const notes: ModelNote[] = [];
  const air = lines.filter((l) => l.transport?.mode === 'air');
  if (air.length > 0)
    notes.push({
      code: 'TRANSPORT_AIRCRAFT',
      message: `${air.length} air leg${air.length === 1 ? '' : 's'} (${air.map((l) => `'${l.name}'`).join(', ')}) ${air.length === 1 ? 'is' : 'are'} reported as aircraft emissions (the "of which aircraft" part)${
        airFromTotal.length > 0
          ? `; ${airFromTotal.map((n) => `'${n}'`).join(', ')} link${airFromTotal.length === 1 ? 's' : ''} a dataset that marks no aircraft part (no process tagged cfp:aircraft), so ${airFromTotal.length === 1 ? 'its' : 'their'} whole footprint is counted as aircraft, with any fuel supply chain the dataset includes`
          : ''
      }`,
    });
  if (carrierFactors > 0)
    notes.push({
      code: 'TRANSPORT_FACTOR',
      message: `${carrierFactors} transport leg${carrierFactors === 1 ? ' uses' : 's use'} a factor in kg CO2e per t·km given in the model (a carrier's or a publication's), taken as given and booked as fossil GHG emissions${
        otherSets.length > 0 ? `; some were calculated with ${otherSets.join(', ')}` : ''
      }`,
    });
  return notes;
}

/** Parameter values: defaults, then the scenario's, then `overrides` (by lower-case name), then the formulas. */
export function evaluateParameters(
  model: PreparedModel,
  overrides?: ReadonlyMap<string, number>,
): Map<string, number> {
  const values = new Map<string, number>();
  const byKey = new Map(model.parameters.map((p) => [p.key, p]));
  for (const key of model.order) {
    const p = byKey.get(key) as PreparedParameter;
    if (p.formula) {
      try {
        values.set(
          key,
          p.formula((name) => values.get(name)),
        );
      } catch (e) {
        throw new ModelError(
          'FORMULA_ERROR',
          `/parameters/${p.index}/formula`,
          `parameter '${p.name}' = ${p.formulaText}: ${e instanceof FormulaError || e instanceof Error ? e.message : String(e)}`,
        );
      }
    } else values.set(key, overrides?.get(key) ?? model.scenario?.values.get(key) ?? (p.value as number));
  }
  return values;
}

/** The value of an amount with these parameter values; FORMULA_ERROR at `path` when it cannot be evaluated. */
export function amountValue(
  amount: number | CompiledFormula,
  text: string | undefined,
  values: ReadonlyMap<string, number>,
  path: string,
): number {
  if (typeof amount === 'number') return amount;
  try {
    return amount((name) => values.get(name));
  } catch (e) {
    throw new ModelError(
      'FORMULA_ERROR',
      path,
      `formula '${text}': ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

export type { CarbonFootprintSplit };
