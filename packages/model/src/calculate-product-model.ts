import {
  CFP_TAGS,
  completeSplit,
  emptyCarbonFootprintSplit,
  pactFields,
  STARTER_DATA_NOTICE,
  LIFE_CYCLE_STAGES,
  type BiogenicApproach,
  type CarbonFootprintSplit,
  type GasEntry,
  type PactCarbonFootprintFields,
  type StageEntry,
  type StageScheme,
} from '@opencfp/refdata';
import { ModelError } from './errors.js';
import type { ModelBackground } from './model-background.js';
import {
  hasDataQuality,
  productModelDataQuality,
  type ProductModelDataQuality,
} from './model-data-quality.js';
import {
  evaluateElectricity,
  factorProvenance,
  type ElectricityEvaluation,
  type ElectricityFactorBasis,
  type ElectricityFactorProvenance,
} from './model-electricity.js';
import { transportDistanceKm } from './model-transport.js';
import {
  amountValue,
  countedIn,
  evaluateParameters,
  PARTS,
  prepareProductModel,
  type ModelNote,
  type PerUnit,
  type PreparedLine,
  type PreparedModel,
  type ProductModelOptions,
} from './prepare-product-model.js';
import type { ProductModelDocument } from './product-model-document.js';
import { solveForeground, splitScaling, type ForegroundSolution } from './solve-foreground.js';

export const FOOTPRINT_SCHEMA_ID = 'opencfp/product-model-footprint@1';

/** One line of the model (an input or a direct emission), scaled to the declared unit, with its kg CO2e. */
export interface ModelContribution {
  /** JSON pointer of the line in the document. */
  path: string;
  processId: string;
  processName: string;
  /** The process's Chinese name, when the document gives one (`nameZh`). */
  processNameZh?: string;
  kind: 'background' | 'supplier' | 'emission' | 'electricity' | 'transport';
  name: string;
  /** The line's quantity per declared unit, in `unit` (t*km for a transport leg). */
  quantity: number;
  unit: string;
  /** kg CO2e per declared unit (counted in the total). */
  co2e: number;
  share: number;
  stage: string;
  /** The background dataset it links to. */
  dataset?: {
    processId: string;
    productId: string;
    name: string;
    referenceUnit: string;
    referenceAmount: number;
  };
  supplier?: { supplier?: string; footprintId?: string; year?: number };
  /** An electricity input: how it was accounted, per declared unit, with the factors and their sources. */
  electricity?: ModelElectricityResult;
  /** A transport leg: its mode, distance, mass and t·km per declared unit (and its factor when it links none). */
  transport?: ModelTransportResult;
}

/** How an electricity input was accounted (per declared unit of the product). */
export interface ModelElectricityResult {
  /** The area as published ('江苏') and in English. */
  region: string;
  regionEnglish: string;
  level: 'national' | 'regional' | 'provincial';
  year: number;
  accounting: 'location-based' | 'market-based' | 'residual-mix' | 'eu-battery';
  /** Which published factors: 'operational-co2' (kg CO2/kWh) or 'life-cycle-co2e' (kg CO2e/kWh). */
  factorBasis: ElectricityFactorBasis;
  timeMatching: 'annual' | 'hourly';
  kWh: number;
  /** kg per kWh over all the input's lines, and their unit ('kg CO2', 'kg CO2e' or mixed). */
  averageFactor: number;
  emissionsUnit: string;
  /** The accounting lines: kWh at the grid, residual-mix or an instrument's factor, with its source. */
  lines: {
    basis: 'instrument' | 'grid' | 'residual-mix';
    id: string;
    kind?: string;
    kWh: number;
    factor: number;
    unit: string;
    emissions: number;
    factorSource: string;
    /** The published factor of a grid or residual-mix line (refdata), with its announcement. */
    publishedFactor?: ElectricityFactorProvenance;
  }[];
  /** Instruments the accounting choice refused, with the reasons (also in `diagnostics`). */
  rejected: { id: string; kind: string; kWh: number; reasons: string[] }[];
  /** The accounting rule (refdata ACCOUNTING_RULES) and what to know about the factors. */
  notes: string[];
}

/** A transport leg, per declared unit of the product. */
export interface ModelTransportResult {
  mode: 'road' | 'rail' | 'sea' | 'inland-waterway' | 'air';
  distanceKm: number;
  massKg: number;
  tonneKilometres: number;
  /** The factor given in the model, when the leg links no dataset. */
  factor?: { kgCo2ePerTkm: number; source: string; year?: number; gwpSetId?: string };
}

/** A foreground process: how often it runs per declared unit, and the kg CO2e of its own lines. */
export interface ModelProcessResult {
  processId: string;
  name: string;
  /** Its Chinese name, when the document gives one (`nameZh`). */
  nameZh?: string;
  /** s: runs per declared unit (1 run = its output as written). */
  scaling: number;
  /** Its output per declared unit. */
  output: number;
  unit: string;
  /** kg CO2e of its inputs and emissions (not of the foreground processes it takes from). */
  direct: number;
  share: number;
}

/** The carbon footprint of a product model. */
export interface ProductModelFootprint {
  schema: typeof FOOTPRINT_SCHEMA_ID;
  gwpSet: { id: string; name: string; version: string; year: number };
  biogenicApproach: BiogenicApproach;
  stageScheme: StageScheme;
  unit: 'kg CO2e';
  declaredUnit: { amount: number; unit: string; processId: string; processName: string; productName: string };
  scenario: { id: string; name: string } | null;
  /** Every parameter's value in this calculation, by name. */
  parameters: Record<string, number>;
  split: CarbonFootprintSplit;
  pact: PactCarbonFootprintFields;
  byGas: GasEntry[];
  byStage: StageEntry[];
  byProcess: ModelProcessResult[];
  /** Every line with a footprint, largest first. */
  contributions: ModelContribution[];
  notes: ModelNote[];
  /**
   * Warnings and errors of the calculations of the background datasets used (cut-offs, providers …), and the
   * electricity instruments an accounting choice refused (`path`: the input).
   */
  diagnostics: { code: string; severity: string; message: string; datasets: string[]; path?: string }[];
  /** ‖A s − f‖∞ / ‖f‖∞ of the foreground solve. */
  residual: number;
  backgroundVersionId: string | null;
  /**
   * When the document states data quality: per line and aggregated (PEF DQR, PACT DQRs, primary data share), from
   * the document's scores (docs/data-quality.md). Background datasets' own scores need the database:
   * productModelDataQuality.
   */
  dataQuality?: ProductModelDataQuality;
}

/**
 * kg CO2e counted in the total for one unit of a line (0 for a link to the model's own processes); an electricity
 * line's as prepared, i.e. at the parameter values of the scenario (see `countedOf` for another evaluation).
 */
export function countedPerUnit(line: PreparedLine, approach: BiogenicApproach): number {
  return countedOf(line.perUnit, approach);
}

/** kg CO2e counted in the total for one unit of a line with these kg per unit. */
export function countedOf(u: PerUnit | undefined, approach: BiogenicApproach): number {
  let sum = 0;
  if (!u) return 0;
  for (const part of PARTS) if (countedIn(approach, part)) sum += u.parts[part];
  return sum;
}

/**
 * The carbon footprint of a product model: its foreground solved (A s = f, loops included), each input linked to
 * a background dataset taken at that dataset's footprint per unit (one solve per dataset, cached by the
 * background), supplier footprints as given, direct emissions characterised with the GWP set, split as ISO 14067
 * / GB/T 24067 asks, with PACT fields, gases, stages (a process's stage covers the unstaged processes that supply
 * it), processes and every line's contribution. Linear in every dataset, so exactly the result of solving the
 * whole system at once.
 *
 * @example
 * const background = modelBackground(db, calculator, { gwpSetId: 'ipcc-ar6-gwp100', biogenicApproach: '-1/+1' });
 * const footprint = calculateProductModel(parseProductModel(json), background, { scenarioId: 'green-grid' });
 * footprint.split.total; footprint.byStage; footprint.contributions[0];
 */
export function calculateProductModel(
  document: ProductModelDocument,
  background: ModelBackground | undefined,
  options: ProductModelOptions = {},
): ProductModelFootprint {
  const model = prepareProductModel(document, background, options);
  const values = evaluateParameters(model);
  const solution = solveForeground(model, values);
  return assembleFootprint(model, values, solution);
}

/** The footprint of a prepared model for one solution of its foreground. */
export function assembleFootprint(
  model: PreparedModel,
  values: ReadonlyMap<string, number>,
  solution: ForegroundSolution,
): ProductModelFootprint {
  const { approach, scheme, lines, processes } = model;
  // Electricity is accounted for the kWh of this solution; every other line has its kg per unit already.
  const evaluations = new Map<number, ElectricityEvaluation>();
  const units = lines.map((line, k) => {
    if (!line.electricity) return line.perUnit;
    const evaluation = evaluateElectricity(line.electricity, values, solution.amounts[k]);
    evaluations.set(k, evaluation);
    return evaluation.perUnit;
  });
  const split = emptyCarbonFootprintSplit();
  const gases = new Map<string, GasEntry>();
  const direct = new Float64Array(processes.length);
  const lineTotals = new Float64Array(lines.length);
  let backgroundPackaging = false;
  lines.forEach((line, k) => {
    const u = units[k];
    if (!u) return;
    const q = solution.quantities[k];
    for (const part of PARTS)
      if (part !== 'fossilEmissions' && part !== 'fossilRemovals') split[part] += u.parts[part] * q;
    // A negative quantity (a credit, a negative amount) turns emissions into removals and back, as in B s.
    const emissions = u.parts.fossilEmissions * q;
    const removals = u.parts.fossilRemovals * q;
    split.fossilEmissions += q >= 0 ? emissions : removals;
    split.fossilRemovals += q >= 0 ? removals : emissions;
    split.aircraft += u.aircraft * q;
    lineTotals[k] = countedOf(u, approach) * q;
    direct[line.process] += lineTotals[k];
    for (const g of u.gases) {
      const key = `${g.species}|${g.kind ?? ''}|${g.counted ? 1 : 0}`;
      let entry = gases.get(key);
      if (!entry) {
        entry = { species: g.species, mass: 0, factor: g.factor, co2e: 0, countedInTotal: g.counted };
        if (g.kind !== undefined) entry.kind = g.kind;
        gases.set(key, entry);
      }
      entry.mass += g.mass * q;
      entry.co2e += g.co2e * q;
    }
    if (u.packaging !== 0 && q !== 0) backgroundPackaging = true;
  });
  completeSplit(split, approach);

  // Packaging: the model's packaging processes with the unstaged processes supplying them, plus the datasets' own.
  const packagingTagged = processes.some(
    (p, i) => p.tags.includes(CFP_TAGS.packaging) && solution.s[i] !== 0,
  );
  const packagingScaling = packagingTagged
    ? splitScaling(solution, model.reference, (i) =>
        processes[i].tags.includes(CFP_TAGS.packaging) ? 'packaging' : undefined,
      ).get('packaging')
    : undefined;
  lines.forEach((line, k) => {
    const u = units[k];
    if (!u) return;
    const amount = solution.amounts[k];
    const inPackaging = packagingScaling ? amount * packagingScaling[line.process] : 0;
    const outside = solution.quantities[k] - inPackaging;
    // Counted kg CO2e without biogenic uptake, per unit, for the model's packaging.
    const withoutUptake =
      countedOf(u, approach) - (countedIn(approach, 'biogenicRemovals') ? u.parts.biogenicRemovals : 0);
    split.packaging += withoutUptake * inPackaging;
    if (u.packaging !== 0) split.packaging += u.packaging * outside;
  });

  // Stages: a line's own stage, else its process's share of each stage's supply chain.
  const stageParts = splitScaling(solution, model.reference, (i) => processes[i].stage);
  const stageAmounts = new Map<string, number>();
  const addStage = (id: string, x: number) => stageAmounts.set(id, (stageAmounts.get(id) ?? 0) + x);
  const lineStage = new Array<string>(lines.length);
  lines.forEach((line, k) => {
    if (!units[k]) return;
    const perUnit = countedOf(units[k], approach);
    if (line.stage !== undefined) {
      addStage(line.stage, perUnit * solution.quantities[k]);
      lineStage[k] = line.stage;
      return;
    }
    let main = model.defaultStage;
    let largest = -1;
    for (const [stage, x] of stageParts) {
      const part = x[line.process];
      if (part === 0) continue;
      const id = stage ?? model.defaultStage;
      addStage(id, perUnit * solution.amounts[k] * part);
      if (Math.abs(part) > largest) {
        largest = Math.abs(part);
        main = id;
      }
    }
    lineStage[k] = main;
  });
  const byStage: StageEntry[] = LIFE_CYCLE_STAGES[scheme].map((d) => ({
    ...d,
    amount: stageAmounts.get(d.id) ?? 0,
    share: 0,
    outsideScheme: false,
  }));
  for (const [id, amount] of stageAmounts) {
    if (byStage.some((e) => e.id === id)) continue;
    const iso = LIFE_CYCLE_STAGES['iso-14067'].find((d) => d.id === id);
    byStage.push({
      id,
      name: iso?.name ?? (id === 'unassigned' ? 'Unassigned' : id),
      nameZh: iso?.nameZh ?? (id === 'unassigned' ? '未分配' : id),
      amount,
      share: 0,
      outsideScheme: true,
    });
  }
  const share = (x: number) => (split.total === 0 ? 0 : x / split.total);
  for (const e of byStage) e.share = share(e.amount);
  const notes = [...model.notes, ...datasetNotes(model, solution)];
  if (byStage.some((e) => e.outsideScheme && e.amount !== 0))
    notes.push({
      code: 'STAGE_OUTSIDE_SCHEME',
      message: `part of the footprint is in stages outside the ${scheme} scheme (${byStage
        .filter((e) => e.outsideScheme && e.amount !== 0)
        .map((e) => e.id)
        .join(', ')}): give every process a stage of the scheme`,
    });

  const reference = processes[model.reference];
  const declaredAmount = solution.outputs[model.reference];
  const content = model.document.carbonContent;
  const packagingIncluded = packagingTagged || backgroundPackaging;
  const pact = pactFields(split, { fossil: content?.fossil, biogenic: content?.biogenic }, packagingIncluded);

  for (const [key, value] of Object.entries(split))
    if (!Number.isFinite(value))
      throw new ModelError(
        'NON_FINITE',
        '',
        `the footprint's ${key} is not a finite number (${value}): some amounts are too large for float64 — check for extreme amounts or factors`,
      );

  const contributions: ModelContribution[] = [];
  lines.forEach((line, k) => {
    if (!units[k]) return;
    const p = processes[line.process];
    const c: ModelContribution = {
      path: line.path,
      processId: p.id,
      processName: p.name,
      ...chineseName(model, line.process, 'processNameZh'),
      kind: line.kind as ModelContribution['kind'],
      name: line.name,
      quantity: solution.quantities[k],
      unit: line.unit,
      co2e: lineTotals[k],
      share: share(lineTotals[k]),
      stage: lineStage[k],
    };
    if (line.dataset)
      c.dataset = {
        processId: line.dataset.processId,
        productId: line.dataset.productId,
        name: line.dataset.name,
        referenceUnit: line.dataset.referenceUnit,
        referenceAmount: solution.quantities[k] * line.dataset.factor,
      };
    if (line.supplier) c.supplier = line.supplier;
    const evaluation = evaluations.get(k);
    if (line.electricity && evaluation)
      c.electricity = electricityResult(line, evaluation, solution.s[line.process]);
    if (line.transport) {
      const distanceKm = transportDistanceKm(line.transport, values);
      const mass = amountValue(line.amount, line.amountText, values, `${line.path}/amount`);
      c.transport = {
        mode: line.transport.mode,
        distanceKm,
        massKg: mass * line.transport.toTonnes * 1000 * solution.s[line.process],
        tonneKilometres: solution.quantities[k],
        ...(line.transport.factor ? { factor: line.transport.factor } : {}),
      };
    }
    contributions.push(c);
  });
  contributions.sort((a, b) => Math.abs(b.co2e) - Math.abs(a.co2e));

  const footprint: ProductModelFootprint = {
    schema: FOOTPRINT_SCHEMA_ID,
    gwpSet: { id: model.set.id, name: model.set.name, version: model.set.version, year: model.set.year },
    biogenicApproach: approach,
    stageScheme: scheme,
    unit: 'kg CO2e',
    declaredUnit: {
      amount: declaredAmount,
      unit: reference.outputUnit,
      processId: reference.id,
      processName: reference.name,
      productName: reference.outputName,
    },
    scenario: model.scenario ? { id: model.scenario.id, name: model.scenario.name } : null,
    parameters: Object.fromEntries(model.parameters.map((p) => [p.name, values.get(p.key) as number])),
    split,
    pact,
    byGas: [...gases.values()].sort((a, b) => Math.abs(b.co2e) - Math.abs(a.co2e)),
    byStage,
    byProcess: processes.map((p, i) => ({
      processId: p.id,
      name: p.name,
      ...chineseName(model, i, 'nameZh'),
      scaling: solution.s[i],
      output: solution.s[i] * solution.outputs[i],
      unit: p.outputUnit,
      direct: direct[i],
      share: share(direct[i]),
    })),
    contributions,
    notes,
    diagnostics: [
      ...datasetDiagnostics(model, solution),
      ...instrumentDiagnostics(model, evaluations, solution),
    ],
    residual: solution.residual,
    backgroundVersionId: model.backgroundVersionId ?? null,
  };
  if (hasDataQuality(model.document))
    footprint.dataQuality = productModelDataQuality(model.document, footprint);
  return footprint;
}

/**
 * `{ [key]: the Chinese name }` of the model's process `index`, or nothing when the document gives none: the field
 * is then left out of the result (as stored results without Chinese names have it).
 */
function chineseName<K extends string>(
  model: PreparedModel,
  index: number,
  key: K,
): Partial<Record<K, string>> {
  const nameZh = model.document.processes[index]?.nameZh;
  return nameZh ? ({ [key]: nameZh } as Record<K, string>) : {};
}

/**
 * The notes of the background datasets used, for the model: one per code, naming the datasets, with the flows'
 * amounts scaled to the model's quantities and summed; and one STARTER_DATA note listing the starter datasets.
 */
function datasetNotes(model: PreparedModel, solution: ForegroundSolution): ModelNote[] {
  const merged = new Map<
    string,
    {
      note: ModelNote;
      datasets: string[];
      flows: Map<string, { flowId: string; name: string; amount: number }>;
    }
  >();
  const starter: string[] = [];
  model.lines.forEach((line, k) => {
    const d = line.dataset;
    const q = solution.quantities[k];
    if (!d || q === 0) return;
    if (d.starter && !starter.includes(d.name)) starter.push(d.name);
    for (const n of d.notes) {
      let entry = merged.get(n.code);
      if (!entry) {
        entry = { note: n, datasets: [], flows: new Map() };
        merged.set(n.code, entry);
      }
      if (!entry.datasets.includes(d.name)) entry.datasets.push(d.name);
      for (const f of n.flows ?? []) {
        const flow = entry.flows.get(f.flowId) ?? { flowId: f.flowId, name: f.name, amount: 0 };
        flow.amount += f.amount * q * d.factor;
        entry.flows.set(f.flowId, flow);
      }
    }
  });
  const out: ModelNote[] = [];
  for (const { note, datasets, flows } of merged.values()) {
    const more =
      datasets.length > 1
        ? ` (and in ${datasets.length - 1} more dataset${datasets.length > 2 ? 's' : ''})`
        : '';
    const entry: ModelNote = {
      code: note.code,
      message: `in background dataset '${datasets[0]}'${more}: ${note.message}`,
    };
    if (flows.size > 0) entry.flows = [...flows.values()];
    out.push(entry);
  }
  if (starter.length > 0)
    out.push({
      code: 'STARTER_DATA',
      message: `${starter.length} background dataset${starter.length === 1 ? ' is' : 's are'} OpenCFP starter data (${starter
        .slice(0, 3)
        .map((x) => `'${x}'`)
        .join(', ')}${starter.length > 3 ? ', …' : ''}): ${STARTER_DATA_NOTICE}`,
    });
  return out;
}

/** An electricity input's accounting for one run of its process, scaled to the declared unit (× s). */
function electricityResult(
  line: PreparedLine,
  evaluation: ElectricityEvaluation,
  s: number,
): ModelElectricityResult {
  const e = line.electricity as NonNullable<PreparedLine['electricity']>;
  const r = evaluation.result;
  const published = new Map(
    [e.grid?.record, e.residual?.record].flatMap((x) => (x ? [[x.id, factorProvenance(x)] as const] : [])),
  );
  return {
    region: e.region,
    regionEnglish: e.regionEnglish,
    level: e.level,
    year: e.year,
    accounting: e.accounting,
    factorBasis: e.factorBasis,
    timeMatching: e.timeMatching,
    kWh: r.consumptionKWh * s,
    averageFactor: r.averageFactor,
    emissionsUnit: r.emissionsUnit,
    lines: r.lines.map((x) => {
      const publishedFactor = x.basis === 'instrument' ? undefined : published.get(x.id);
      return {
        basis: x.basis,
        id: x.id,
        ...(x.kind === undefined ? {} : { kind: x.kind }),
        kWh: x.kWh * s,
        factor: x.factor,
        unit: x.unit,
        emissions: x.emissions * s,
        factorSource: x.factorSource,
        ...(publishedFactor ? { publishedFactor } : {}),
      };
    }),
    rejected: r.rejected.map((x) => ({ id: x.id, kind: x.kind, kWh: x.kWh * s, reasons: x.reasons })),
    notes: [...r.notes, ...e.notes],
  };
}

/** One warning per instrument an accounting choice refused, on inputs the product uses. */
function instrumentDiagnostics(
  model: PreparedModel,
  evaluations: ReadonlyMap<number, ElectricityEvaluation>,
  solution: ForegroundSolution,
): ProductModelFootprint['diagnostics'] {
  const out: ProductModelFootprint['diagnostics'] = [];
  for (const [k, evaluation] of evaluations) {
    if (solution.quantities[k] === 0) continue;
    const e = model.lines[k].electricity as NonNullable<PreparedLine['electricity']>;
    for (const x of evaluation.result.rejected)
      out.push({
        code: 'ELECTRICITY_INSTRUMENT_REJECTED',
        severity: 'warning',
        message: `electricity input '${e.name}': instrument '${x.id}' (${x.kind}) is not counted under ${e.accounting} accounting: ${x.reasons.join('; ')}`,
        datasets: [],
        path: model.lines[k].path,
      });
  }
  return out;
}

/** The warnings and errors of the datasets' calculations, one per code, naming the datasets. */
function datasetDiagnostics(
  model: PreparedModel,
  solution: ForegroundSolution,
): ProductModelFootprint['diagnostics'] {
  const byCode = new Map<string, ProductModelFootprint['diagnostics'][number]>();
  model.lines.forEach((line, k) => {
    const d = line.dataset;
    if (!d || solution.quantities[k] === 0) return;
    for (const x of d.diagnostics) {
      const entry = byCode.get(x.code);
      if (!entry) byCode.set(x.code, { ...x, datasets: [d.name] });
      else if (!entry.datasets.includes(d.name)) entry.datasets.push(d.name);
    }
  });
  return [...byCode.values()];
}
