import type { Schema } from '@opencfp/client';
import { emissionsOf, inputsOf, parametersOf, scenariosOf, stagesUsed } from './document-operations';
import { checkFormula, type FormulaProblem } from './formula';
import type {
  Amount,
  DocumentPath,
  EditorState,
  ElectricitySource,
  ModelInput,
  ModelUncertainty,
  TransportSource,
} from './model-types';
import { GRAVE_STAGES, STAGES } from './stages';
import type { UnitTable } from './unit-table';

/**
 * A message of the catalogues (editor.issues.<key>) with its values, or a text the server wrote; `scenario` names
 * the scenario whose calculation raises it (the server's validation).
 */
export type IssueMessage = (
  { key: string; values?: Record<string, string | number> } | { text: string; key?: undefined }
) & { scenario?: string };

/**
 * A problem of the model at a place: `path` into the document as the server's validation issues give it, or
 * ['$name'] / ['$backgroundVersionId'] for the model's own fields. Errors stop autosave (the server would refuse
 * the document, or refuse to calculate it); warnings only tell.
 */
export interface EditorIssue {
  path: DocumentPath;
  severity: 'error' | 'warning';
  message: IssueMessage;
  origin: 'client' | 'server';
}

/** A background dataset as the editor resolved it in the model's version (with its reference unit), or null when the version lacks it. */
export type ResolvedDataset = Schema<'ProcessProduct'> | null;

/** What the checks know beyond the document; each part optional (checks that need it are skipped without it). */
export interface ValidationContext {
  /** the product's declared unit */
  product?: { declaredUnitAmount: number; declaredUnit: string };
  /** background datasets resolved so far, by datasetKey() */
  datasets?: ReadonlyMap<string, ResolvedDataset>;
  /** the electricity reference (areas and their data years) */
  electricity?: Schema<'ElectricityReference'>;
  /** the engine's unit table (GET /v1/reference/units) */
  units?: UnitTable;
}

/** The key of a background link in ValidationContext.datasets. */
export const datasetKey = (processId: string, productId?: string): string =>
  productId ? `${processId}/${productId}` : processId;

const LOCAL_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;
const MAX_NAME = 300;

type Report = (
  path: DocumentPath,
  key: string,
  values?: Record<string, string | number>,
  severity?: 'error' | 'warning',
) => void;

/**
 * Checks the editor's state with the rules of the document's schema (packages/model product-model-document.ts)
 * that can be checked in the browser, and those the server applies only when it calculates (formulas, units,
 * links), so that the user sees them in place while typing. What needs the server's data (a dataset's units, the
 * whole calculation) the server's validation says (POST …/models/validate, use-server-validation.ts).
 *
 * @example validateState(state, { product }).filter((i) => i.severity === 'error')
 */
export function validateState(state: EditorState, context: ValidationContext = {}): EditorIssue[] {
  const issues: EditorIssue[] = [];
  const report: Report = (path, key, values, severity = 'error') =>
    issues.push({ path, severity, origin: 'client', message: { key, ...(values ? { values } : {}) } });
  const { document } = state;
  const { units } = context;

  if (!state.name.trim()) report(['$name'], 'required');
  else if (state.name.length > MAX_NAME) report(['$name'], 'tooLong', { max: MAX_NAME });
  if (state.backgroundVersionId === null)
    report(['$backgroundVersionId'], 'noBackground', undefined, 'warning');

  const parameters = parametersOf(document);
  const parameterNames = parameters.map((p) => p.name);
  const amount = (path: DocumentPath, value: Amount | undefined, options: { min?: number } = {}) =>
    checkAmount(report, path, value, parameterNames, options);

  // processes
  const ids = new Set<string>();
  const outputUnits = new Map<string, string>();
  document.processes.forEach((process, i) => {
    const at = ['processes', i];
    if (!LOCAL_ID.test(process.id)) report([...at, 'id'], 'localId');
    else if (ids.has(process.id)) report([...at, 'id'], 'duplicateId', { id: process.id });
    ids.add(process.id);
    outputUnits.set(process.id, process.output.unit);
    if (!process.name.trim()) report([...at, 'name'], 'required');
    checkStage(report, [...at, 'stage'], process.stage);
    amount([...at, 'output', 'amount'], process.output.amount);
    if (typeof process.output.amount === 'number' && process.output.amount === 0)
      report([...at, 'output', 'amount'], 'zeroOutput');
    if (!process.output.unit.trim()) report([...at, 'output', 'unit'], 'required');
  });
  if (!ids.has(document.referenceProcessId)) report(['referenceProcessId'], 'noReference');

  const reference = document.processes.find((p) => p.id === document.referenceProcessId);
  const referenceIndex = reference ? document.processes.indexOf(reference) : -1;
  if (reference && context.product && units) {
    const { declaredUnitAmount, declaredUnit } = context.product;
    const factor = units.factor(reference.output.unit, declaredUnit);
    const path = ['processes', referenceIndex, 'output', 'unit'];
    if (factor === undefined)
      report(path, 'referenceUnit', { unit: reference.output.unit, declared: declaredUnit }, 'warning');
    else if (
      typeof reference.output.amount === 'number' &&
      Math.abs(reference.output.amount * factor - declaredUnitAmount) > 1e-9 * declaredUnitAmount
    )
      report(
        ['processes', referenceIndex, 'output', 'amount'],
        'referenceAmount',
        {
          amount: `${reference.output.amount} ${reference.output.unit}`,
          declared: `${declaredUnitAmount} ${declaredUnit}`,
        },
        'warning',
      );
  }

  // the boundary declared, against the stages modelled
  const grave = [...stagesUsed(document)].some((stage) => GRAVE_STAGES.has(stage));
  if (document.boundary === 'cradle-to-grave' && !grave)
    report(['boundary'], 'boundaryWithoutGrave', undefined, 'warning');
  else if (document.boundary !== undefined && document.boundary !== 'cradle-to-grave' && grave)
    report(['boundary'], 'boundaryWithGrave', undefined, 'warning');

  document.processes.forEach((process, i) => {
    inputsOf(process).forEach((input, k) =>
      checkInput(report, ['processes', i, 'inputs', k], input, { amount, outputUnits, context }),
    );
    emissionsOf(process).forEach((emission, k) => {
      const at = ['processes', i, 'emissions', k];
      if (!emission.gas.trim()) report([...at, 'gas'], 'required');
      amount([...at, 'amount'], emission.amount);
      const unit = emission.unit ?? 'kg';
      if (units && units.dimensionOf(unit) !== 'mass') report([...at, 'unit'], 'emissionUnit', { unit });
      checkStage(report, [...at, 'stage'], emission.stage);
      checkUncertainty(report, [...at, 'uncertainty'], emission.uncertainty);
    });
  });

  // parameters
  const names = new Map<string, number>();
  parameters.forEach((parameter, i) => {
    const at = ['parameters', i];
    if (!PARAMETER_NAME.test(parameter.name)) report([...at, 'name'], 'parameterName');
    else if (names.has(parameter.name.toLowerCase()))
      report([...at, 'name'], 'duplicateParameter', { name: parameter.name });
    // the first of a name is the one formulas and scenarios mean (the others are flagged)
    if (!names.has(parameter.name.toLowerCase())) names.set(parameter.name.toLowerCase(), i);
    if (parameter.formula !== undefined) {
      const check = checkFormula(
        parameter.formula,
        parameterNames.filter((n) => n !== parameter.name),
      );
      if (!check.ok) reportFormula(report, [...at, 'formula'], check.problem);
    } else if (parameter.value === undefined || !Number.isFinite(parameter.value))
      report([...at, 'value'], 'number');
    checkUncertainty(report, [...at, 'uncertainty'], parameter.uncertainty);
  });
  const cycle = parameterCycle(parameters);
  if (cycle) report(['parameters', cycle.index, 'formula'], 'parameterCycle', { names: cycle.names });

  // scenarios
  const scenarioIds = new Set<string>();
  scenariosOf(document).forEach((scenario, i) => {
    const at = ['scenarios', i];
    if (!LOCAL_ID.test(scenario.id)) report([...at, 'id'], 'localId');
    else if (scenarioIds.has(scenario.id)) report([...at, 'id'], 'duplicateId', { id: scenario.id });
    scenarioIds.add(scenario.id);
    if (!scenario.name.trim()) report([...at, 'name'], 'required');
    for (const [name, value] of Object.entries(scenario.parameters ?? {})) {
      const index = names.get(name.toLowerCase());
      if (index === undefined) report([...at, 'parameters', name], 'unknownParameter', { name });
      else if (parameters[index].value === undefined)
        report([...at, 'parameters', name], 'calculatedInScenario', { name });
      else if (!Number.isFinite(value)) report([...at, 'parameters', name], 'number');
    }
  });

  const carbon = document.carbonContent;
  for (const part of ['fossil', 'biogenic'] as const) {
    const value = carbon?.[part];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0))
      report(['carbonContent', part], 'notNegative');
  }
  return issues;
}

/** Checks an amount: a finite number (≥ min), or a formula over the parameters. */
function checkAmount(
  report: Report,
  path: DocumentPath,
  value: Amount | undefined,
  parameters: readonly string[],
  { min }: { min?: number },
): void {
  if (value === undefined || (typeof value === 'string' && !value.trim())) return report(path, 'required');
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) report(path, 'number');
    else if (min !== undefined && value < min) report(path, 'atLeast', { min });
    return;
  }
  const check = checkFormula(value, parameters);
  if (!check.ok) reportFormula(report, path, check.problem);
}

function reportFormula(report: Report, path: DocumentPath, problem: FormulaProblem): void {
  report(path, `formula.${problem.code}`, { column: problem.column, name: problem.name ?? '' });
}

function checkStage(report: Report, path: DocumentPath, stage: string | undefined): void {
  if (stage && !STAGES['iso-14067'].includes(stage) && !STAGES['eu-battery'].includes(stage))
    report(path, 'unknownStage', { stage }, 'warning');
}

function checkUncertainty(report: Report, path: DocumentPath, u: ModelUncertainty | undefined): void {
  if (!u) return;
  const finite = (...values: number[]) => values.every(Number.isFinite);
  switch (u.distribution) {
    case 'lognormal':
      if (!finite(u.geometricSd) || u.geometricSd < 1 || u.geometricSd > 100)
        report([...path, 'geometricSd'], 'geometricSd');
      return;
    case 'normal':
      if (!finite(u.sd) || u.sd < 0) report([...path, 'sd'], 'notNegative');
      return;
    case 'uniform':
      if (!finite(u.min, u.max)) report(path, 'number');
      else if (u.min > u.max) report([...path, 'max'], 'minMax');
      return;
    case 'triangular':
      if (!finite(u.min, u.mode, u.max)) report(path, 'number');
      else if (!(u.min <= u.mode && u.mode <= u.max)) report([...path, 'mode'], 'minModeMax');
      return;
  }
}

function checkInput(
  report: Report,
  at: DocumentPath,
  input: ModelInput,
  {
    amount,
    outputUnits,
    context,
  }: {
    amount: (path: DocumentPath, value: Amount | undefined, options?: { min?: number }) => void;
    outputUnits: ReadonlyMap<string, string>;
    context: ValidationContext;
  },
): void {
  const { source } = input;
  const { units } = context;
  if (!input.name.trim()) report([...at, 'name'], 'required');
  else if (input.name.length > MAX_NAME) report([...at, 'name'], 'tooLong', { max: MAX_NAME });
  if (!input.unit.trim()) report([...at, 'unit'], 'required');
  checkUncertainty(report, [...at, 'uncertainty'], input.uncertainty);
  const sourceAt = [...at, 'source'];
  switch (source.kind) {
    case 'background': {
      amount([...at, 'amount'], input.amount);
      checkStage(report, [...at, 'stage'], input.stage);
      if (!source.processId) return report([...sourceAt, 'processId'], 'chooseDataset');
      // whether the unit converts, the server says (a dataset converts through its flow's properties too)
      const dataset = context.datasets?.get(datasetKey(source.processId, source.productId));
      if (dataset === null) return report([...sourceAt, 'processId'], 'datasetMissing');
      return;
    }
    case 'foreground': {
      amount([...at, 'amount'], input.amount);
      if (input.stage) report([...at, 'stage'], 'foregroundStage');
      const unit = outputUnits.get(source.processId);
      if (!source.processId) return report([...sourceAt, 'processId'], 'chooseProcess');
      if (unit === undefined)
        return report([...sourceAt, 'processId'], 'noProcess', { id: source.processId });
      const fits = input.unit.trim() && units ? units.convertible(input.unit, unit) : 'yes';
      if (fits !== 'yes')
        report(
          [...at, 'unit'],
          fits === 'no' ? 'processUnitDimension' : 'processUnitUnknown',
          { unit: input.unit, processUnit: unit },
          fits === 'no' ? 'error' : 'warning',
        );
      return;
    }
    case 'supplier': {
      amount([...at, 'amount'], input.amount);
      checkStage(report, [...at, 'stage'], input.stage);
      if (!Number.isFinite(source.pcfExcludingBiogenic))
        report([...sourceAt, 'pcfExcludingBiogenic'], 'number');
      if (source.per !== undefined && !(Number.isFinite(source.per) && source.per > 0))
        report([...sourceAt, 'per'], 'positive');
      if (!source.unit.trim()) report([...sourceAt, 'unit'], 'required');
      else if (input.unit.trim() && units) {
        const fits = units.convertible(input.unit, source.unit);
        if (fits !== 'yes')
          report(
            [...at, 'unit'],
            fits === 'no' ? 'supplierUnitDimension' : 'supplierUnitUnknown',
            { unit: input.unit, supplierUnit: source.unit },
            fits === 'no' ? 'error' : 'warning',
          );
      }
      const notNegative = [
        'biogenicCo2Emissions',
        'otherBiogenicGhgEmissions',
        'aircraftGhgEmissions',
      ] as const;
      for (const field of notNegative) {
        const value = source[field];
        if (value !== undefined && !(Number.isFinite(value) && value >= 0))
          report([...sourceAt, field], 'notNegative');
      }
      for (const field of ['dLucGhgEmissions', 'landManagementGhgEmissions'] as const) {
        const value = source[field];
        if (value !== undefined && !Number.isFinite(value)) report([...sourceAt, field], 'number');
      }
      if (
        source.biogenicRemovals !== undefined &&
        !(Number.isFinite(source.biogenicRemovals) && source.biogenicRemovals <= 0)
      )
        report([...sourceAt, 'biogenicRemovals'], 'removalsNegative');
      const ofWhich =
        (source.dLucGhgEmissions ?? 0) +
        (source.landManagementGhgEmissions ?? 0) +
        (source.otherBiogenicGhgEmissions ?? 0) +
        (source.aircraftGhgEmissions ?? 0);
      if (Number.isFinite(ofWhich) && ofWhich > source.pcfExcludingBiogenic + 1e-12 && ofWhich > 0)
        report([...sourceAt, 'pcfExcludingBiogenic'], 'ofWhichExceeds', undefined, 'warning');
      if (
        source.year !== undefined &&
        !(Number.isInteger(source.year) && source.year >= 1990 && source.year <= 2100)
      )
        report([...sourceAt, 'year'], 'year');
      return;
    }
    case 'electricity':
      amount([...at, 'amount'], input.amount, { min: 0 });
      checkStage(report, [...at, 'stage'], input.stage);
      return checkElectricity(report, at, input, source, context, amount);
    case 'transport':
      amount([...at, 'amount'], input.amount, { min: 0 });
      checkStage(report, [...at, 'stage'], input.stage);
      amount([...sourceAt, 'distance'], source.distance, { min: 0 });
      return checkTransport(report, at, input, source, units);
  }
}

function checkElectricity(
  report: Report,
  at: DocumentPath,
  input: ModelInput,
  source: ElectricitySource,
  context: ValidationContext,
  amount: (path: DocumentPath, value: Amount | undefined, options?: { min?: number }) => void,
): void {
  const sourceAt = [...at, 'source'];
  const { units } = context;
  if (units && input.unit.trim() && units.dimensionOf(input.unit) !== 'energy')
    report([...at, 'unit'], 'energyUnit', { unit: input.unit });
  const regions = context.electricity?.regions;
  const region = regions?.find(
    (r) =>
      r.name === source.region.trim() || r.nameEnglish.toLowerCase() === source.region.trim().toLowerCase(),
  );
  if (regions && !region) report([...sourceAt, 'region'], 'unknownRegion', { region: source.region });
  if (!Number.isInteger(source.year) || source.year < 1990 || source.year > 2100)
    report([...sourceAt, 'year'], 'year');
  else if (region) {
    const basis = source.factorBasis ?? 'operational-co2';
    const years = region.years[basis];
    if (!years.includes(source.year))
      report([...sourceAt, 'year'], years.length ? 'noFactorForYear' : 'noFactorForBasis', {
        years: years.join(', '),
        year: source.year,
      });
  }
  const instruments = source.instruments ?? [];
  const ids = new Set<string>();
  let shares = 0;
  instruments.forEach((instrument, j) => {
    const path = [...sourceAt, 'instruments', j];
    if (instrument.id !== undefined) {
      if (!LOCAL_ID.test(instrument.id)) report([...path, 'id'], 'localId');
      else if (ids.has(instrument.id)) report([...path, 'id'], 'duplicateId', { id: instrument.id });
      ids.add(instrument.id);
    }
    if ((instrument.share === undefined) === (instrument.amount === undefined)) report(path, 'shareOrAmount');
    if (instrument.share !== undefined) {
      if (typeof instrument.share === 'number') {
        if (!Number.isFinite(instrument.share) || instrument.share < 0 || instrument.share > 1)
          report([...path, 'share'], 'share');
        else shares += instrument.share;
      } else amount([...path, 'share'], instrument.share);
    }
    if (instrument.amount !== undefined) {
      amount([...path, 'amount'], instrument.amount, { min: 0 });
      const unit = instrument.unit ?? input.unit;
      if (units && units.dimensionOf(unit) !== 'energy') report([...path, 'unit'], 'energyUnit', { unit });
    }
    if (!Number.isFinite(instrument.factor) || instrument.factor < 0)
      report([...path, 'factor'], 'notNegative');
    if (!instrument.factorSource.trim()) report([...path, 'factorSource'], 'required');
    if ((source.timeMatching ?? 'annual') === 'hourly' && instrument.criteria.hourlyMatch !== true)
      report([...path, 'criteria'], 'hourlyMatch', undefined, 'warning');
  });
  if (shares > 1 + 1e-9) report([...sourceAt, 'instruments'], 'sharesExceed');
}

function checkTransport(
  report: Report,
  at: DocumentPath,
  input: ModelInput,
  source: TransportSource,
  units: UnitTable | undefined,
): void {
  const sourceAt = [...at, 'source'];
  if (units && input.unit.trim() && units.dimensionOf(input.unit) !== 'mass')
    report([...at, 'unit'], 'massUnit', { unit: input.unit });
  const distanceUnit = source.distanceUnit ?? 'km';
  if (units && units.dimensionOf(distanceUnit) !== 'length')
    report([...sourceAt, 'distanceUnit'], 'lengthUnit');
  if ((source.dataset === undefined) === (source.factor === undefined)) report(sourceAt, 'datasetOrFactor');
  if (source.dataset && !source.dataset.processId) report([...sourceAt, 'dataset'], 'chooseDataset');
  if (source.factor) {
    if (!Number.isFinite(source.factor.kgCo2ePerTkm) || source.factor.kgCo2ePerTkm < 0)
      report([...sourceAt, 'factor', 'kgCo2ePerTkm'], 'notNegative');
    if (!source.factor.source.trim()) report([...sourceAt, 'factor', 'source'], 'required');
  }
}

/** A cycle among calculated parameters (a uses b uses a): the first parameter on it and the names in order. */
function parameterCycle(
  parameters: readonly { name: string; formula?: string }[],
): { index: number; names: string } | undefined {
  const byName = new Map<string, number>();
  parameters.forEach((p, i) => {
    if (!byName.has(p.name.toLowerCase())) byName.set(p.name.toLowerCase(), i);
  });
  const uses = parameters.map((p) => {
    if (p.formula === undefined) return [];
    const check = checkFormula(p.formula);
    return check.ok ? check.variables.filter((v) => byName.has(v)) : [];
  });
  const state = new Map<number, 'visiting' | 'done'>();
  const stack: number[] = [];
  const visit = (i: number): number[] | undefined => {
    if (state.get(i) === 'done') return undefined;
    if (state.get(i) === 'visiting') return stack.slice(stack.indexOf(i));
    state.set(i, 'visiting');
    stack.push(i);
    for (const name of uses[i]) {
      const found = visit(byName.get(name) as number);
      if (found) return found;
    }
    stack.pop();
    state.set(i, 'done');
    return undefined;
  };
  for (let i = 0; i < parameters.length; i++) {
    const found = visit(i);
    if (found)
      return {
        index: found[0],
        names: [...found, found[0]].map((k) => parameters[k].name).join(' → '),
      };
  }
  return undefined;
}

/** Whether any issue is an error (autosave waits for those to be fixed). */
export const hasErrors = (issues: readonly EditorIssue[]): boolean =>
  issues.some((i) => i.severity === 'error');
