// The study form's values (text as typed, so nothing typed is lost) and what they become: the body of
// POST …/studies or the change of PATCH …/studies/{id}, with the declarations the compliance check reads
// (StudyDeclarations: reference period, data quality, uncertainty, sensitivity, choices, report, attestations).
import type { Schema } from '@opencfp/client';
import { parseNumber } from '../model-editor/parse-amount';

type Study = Schema<'Study'>;
type NewStudy = Schema<'NewStudy'>;
type StudyChange = Schema<'StudyChange'>;
type Declarations = Schema<'StudyDeclarations'>;
export type RuleSetId = NewStudy['ruleSetId'];
export type Boundary = NewStudy['boundary'];
export type ProductType = NewStudy['productType'];

// Every rule set of the API's enum, in the order the form offers them (the type checks that none is missing:
// there is no reference route listing them yet).
const RULE_SETS = {
  'iso-14067-2018': true,
  'gb-t-24067-2024': true,
  'ghg-protocol-product-2011': true,
  'pas-2050-2011': true,
  'eu-pef-2021-2279': true,
  'eu-battery-cfb-ev-2023': true,
  'eu-battery-draft-da-2024': true,
  'pact-methodology-3.0': true,
} as const satisfies Record<RuleSetId, true>;
export const RULE_SET_IDS = Object.keys(RULE_SETS) as RuleSetId[];

const BOUNDARY_SET = {
  'cradle-to-gate': true,
  'cradle-to-grave': true,
  'gate-to-gate': true,
} as const satisfies Record<Boundary, true>;
export const BOUNDARIES = Object.keys(BOUNDARY_SET) as Boundary[];
export const PRODUCT_TYPES: readonly ProductType[] = ['intermediate', 'final'];

type Choices = NonNullable<Declarations['choices']>;
export type AllocationMethod = NonNullable<Choices['allocation']>['method'];
export type ElectricityAccounting = NonNullable<Choices['electricity']>['accounting'];
export type EndOfLifeApproach = NonNullable<Choices['endOfLife']>['approach'];
type GoalAndScope = NonNullable<Declarations['goalAndScope']>;

/** The choices the compliance check knows (packages/refdata: allocation hierarchy, accounting, end of life). */
export const ALLOCATION_METHODS: readonly AllocationMethod[] = [
  'none',
  'subdivision',
  'system-expansion',
  'physical',
  'economic',
  'other',
];
export const ELECTRICITY_ACCOUNTING: readonly ElectricityAccounting[] = [
  'location-based',
  'market-based',
  'residual-mix',
  'eu-battery',
];
export const END_OF_LIFE_APPROACHES: readonly EndOfLifeApproach[] = [
  'cut-off',
  'avoided-burden',
  'circular-footprint-formula',
  'other',
];
/** The goal and scope's texts given in English and Chinese (ISO 14067 6.3, for the report). */
export const GOAL_TEXTS = [
  'goal',
  'intendedApplication',
  'reasons',
  'audience',
  'referenceFlow',
  'useScenario',
  'endOfLifeScenario',
] as const;
export type GoalText = (typeof GOAL_TEXTS)[number];
/** Data-quality rating indicators, as PACT and the EF method name them. */
export const DQR_INDICATORS = [
  'technological',
  'geographical',
  'temporal',
  'completeness',
  'reliability',
  'precision',
] as const;
export type DqrIndicator = (typeof DQR_INDICATORS)[number];
/** Suggested method names (the API takes any name; the check reports it as given). */
export const DATA_QUALITY_METHODS = ['pedigree', 'pef-dqr', 'pact-dqr'] as const;
export const UNCERTAINTY_METHODS = ['monte-carlo'] as const;
export const SENSITIVITY_METHODS = ['one-at-a-time', 'scenarios', 'method-choices'] as const;

export interface ExclusionValues {
  name: string;
  co2e: string;
  /** share of the anticipated total, in % */
  sharePercent: string;
  reason: string;
  /** the entry estimates what the background datasets cut off */
  coversBackground: boolean;
}

export interface SensitivityEntryValues {
  name: string;
  effect: string;
}

export interface AttestationValues {
  requirementId: string;
  statement: string;
  by: string;
  reference: string;
}

/** The study form's values, as typed. */
export interface StudyFormValues {
  title: string;
  modelId: string;
  resultId: string;
  ruleSetId: RuleSetId;
  declaredAmount: string;
  declaredUnit: string;
  functionalUnit: string;
  boundary: Boundary;
  productType: ProductType;
  selfDeclared: boolean;
  referenceStart: string;
  referenceEnd: string;
  reportDate: string;
  allocationMethod: AllocationMethod | '';
  allocationJustification: string;
  electricityAccounting: ElectricityAccounting | '';
  electricityStatement: string;
  endOfLifeApproach: EndOfLifeApproach | '';
  endOfLifeStatement: string;
  cutOffCriteria: string;
  exclusions: ExclusionValues[];
  uncertaintyStatement: string;
  useProfile: string;
  dataQualityMethod: string;
  primaryDataSharePercent: string;
  coveragePercent: string;
  ratings: Record<DqrIndicator, string>;
  uncertaintyMethod: string;
  iterations: string;
  mean: string;
  standardDeviation: string;
  /** Percentiles of an uncertainty analysis taken from a Monte Carlo run (not typed: carried as they are). */
  percentiles: Record<string, number>;
  sensitivityMethod: string;
  sensitivityEntries: SensitivityEntryValues[];
  manufacturer: string;
  productIdentification: string;
  plantLocation: string;
  publicStudyUrl: string;
  productMass: string;
  limitations: string;
  /** The goal and scope in words, each text in English and Chinese. */
  goal: Record<GoalText, { en: string; zh: string }>;
  commissioner: string;
  practitioner: string;
  comparisonsIntended: boolean;
  /** Limitations of the goal and scope, one a line, in English and Chinese (lines paired by their order). */
  scopeLimitationsEn: string;
  scopeLimitationsZh: string;
  attestations: AttestationValues[];
}

/** A problem of a field ('exclusions.0.reason'): a message key (studies.form.issues.*). */
export interface FormIssue {
  field: string;
  key: string;
}

/** A number in machine format for a text field ('' for none). */
const numberText = (n: number | undefined | null): string => (n === undefined || n === null ? '' : String(n));
/** A share 0 … 1 as a percentage to type (no floating-point noise: 0.42 → '42'). */
const percentText = (share: number | undefined): string =>
  share === undefined ? '' : String(Number((share * 100).toPrecision(12)));

const emptyRatings = (): Record<DqrIndicator, string> => ({
  technological: '',
  geographical: '',
  temporal: '',
  completeness: '',
  reliability: '',
  precision: '',
});

/**
 * The values of a new study: ISO 14067, cradle to gate, an intermediate product, the declared unit left to the
 * caller (the product's).
 */
export function emptyStudyValues(): StudyFormValues {
  return {
    title: '',
    modelId: '',
    resultId: '',
    ruleSetId: 'iso-14067-2018',
    declaredAmount: '',
    declaredUnit: '',
    functionalUnit: '',
    boundary: 'cradle-to-gate',
    productType: 'intermediate',
    selfDeclared: false,
    referenceStart: '',
    referenceEnd: '',
    reportDate: '',
    allocationMethod: '',
    allocationJustification: '',
    electricityAccounting: '',
    electricityStatement: '',
    endOfLifeApproach: '',
    endOfLifeStatement: '',
    cutOffCriteria: '',
    exclusions: [],
    uncertaintyStatement: '',
    useProfile: '',
    dataQualityMethod: '',
    primaryDataSharePercent: '',
    coveragePercent: '',
    ratings: emptyRatings(),
    uncertaintyMethod: '',
    iterations: '',
    mean: '',
    standardDeviation: '',
    percentiles: {},
    sensitivityMethod: '',
    sensitivityEntries: [],
    manufacturer: '',
    productIdentification: '',
    plantLocation: '',
    publicStudyUrl: '',
    productMass: '',
    limitations: '',
    goal: emptyGoal(),
    commissioner: '',
    practitioner: '',
    comparisonsIntended: false,
    scopeLimitationsEn: '',
    scopeLimitationsZh: '',
    attestations: [],
  };
}

const emptyGoal = (): StudyFormValues['goal'] =>
  Object.fromEntries(GOAL_TEXTS.map((key) => [key, { en: '', zh: '' }])) as StudyFormValues['goal'];

/** A text of the goal and scope in both languages (a plain text is taken as the English one). */
const bilingual = (text: string | { en?: string; zh?: string } | undefined) =>
  typeof text === 'string' ? { en: text, zh: '' } : { en: text?.en ?? '', zh: text?.zh ?? '' };

const isRuleSet = (id: string): id is RuleSetId => RULE_SET_IDS.some((r) => r === id);

/**
 * The form's values of a study as the server has it.
 *
 * @example const [values, setValues] = useState(() => studyValues(study));
 */
export function studyValues(study: Study): StudyFormValues {
  // the server stores the declarations as validated by StudyDeclarations; the API answers them untyped
  const d = study.declarations as Declarations;
  const choices = d.choices ?? {};
  const ratings = emptyRatings();
  for (const [indicator, value] of Object.entries(d.dataQuality?.ratings ?? {})) {
    const known = DQR_INDICATORS.find((i) => i === indicator);
    if (known) ratings[known] = numberText(value);
  }
  return {
    ...emptyStudyValues(),
    title: study.title,
    modelId: study.modelId,
    resultId: study.resultId ?? '',
    ruleSetId: isRuleSet(study.ruleSetId) ? study.ruleSetId : 'iso-14067-2018',
    declaredAmount: numberText(study.declaredUnit.amount),
    declaredUnit: study.declaredUnit.unit,
    functionalUnit: study.functionalUnit ?? '',
    boundary: study.boundary,
    productType: study.productType,
    selfDeclared: study.selfDeclared,
    referenceStart: d.referencePeriod?.start ?? '',
    referenceEnd: d.referencePeriod?.end ?? '',
    reportDate: d.reportDate ?? '',
    allocationMethod: choices.allocation?.method ?? '',
    allocationJustification: choices.allocation?.justification ?? '',
    electricityAccounting: choices.electricity?.accounting ?? '',
    electricityStatement: choices.electricity?.statement ?? '',
    endOfLifeApproach: choices.endOfLife?.approach ?? '',
    endOfLifeStatement: choices.endOfLife?.statement ?? '',
    cutOffCriteria: choices.cutOff?.criteria ?? '',
    exclusions: (choices.cutOff?.exclusions ?? []).map((e) => ({
      name: e.name,
      co2e: numberText(e.co2e),
      sharePercent: percentText(e.share),
      reason: e.reason,
      coversBackground: e.covers === 'background-cut-off-flows',
    })),
    uncertaintyStatement: choices.uncertaintyStatement ?? '',
    useProfile: choices.useProfile ?? '',
    dataQualityMethod: d.dataQuality?.method ?? '',
    primaryDataSharePercent: percentText(d.dataQuality?.primaryDataShare),
    coveragePercent: percentText(d.dataQuality?.coverage),
    ratings,
    uncertaintyMethod: d.uncertainty?.method ?? '',
    iterations: numberText(d.uncertainty?.iterations),
    mean: numberText(d.uncertainty?.mean),
    standardDeviation: numberText(d.uncertainty?.standardDeviation),
    percentiles: { ...(d.uncertainty?.percentiles ?? {}) },
    sensitivityMethod: d.sensitivity?.method ?? '',
    sensitivityEntries: (d.sensitivity?.entries ?? []).map((e) => ({
      name: e.name,
      effect: numberText(e.effect),
    })),
    manufacturer: d.report?.manufacturer ?? '',
    productIdentification: d.report?.productIdentification ?? '',
    plantLocation: d.report?.plantLocation ?? '',
    publicStudyUrl: d.report?.publicStudyUrl ?? '',
    productMass: numberText(d.report?.productMassPerDeclaredUnit),
    limitations: d.report?.limitations ?? '',
    goal: Object.fromEntries(
      GOAL_TEXTS.map((key) => [key, bilingual(d.goalAndScope?.[key])]),
    ) as StudyFormValues['goal'],
    commissioner: d.goalAndScope?.commissioner ?? '',
    practitioner: d.goalAndScope?.practitioner ?? '',
    comparisonsIntended: d.goalAndScope?.comparisonsIntended ?? false,
    scopeLimitationsEn: (d.goalAndScope?.limitations ?? []).map((l) => bilingual(l).en).join('\n'),
    scopeLimitationsZh: (d.goalAndScope?.limitations ?? []).map((l) => bilingual(l).zh).join('\n'),
    attestations: (d.attestations ?? []).map((a) => ({
      requirementId: a.requirementId,
      statement: a.statement,
      by: a.by ?? '',
      reference: a.reference ?? '',
    })),
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What the form's values say, and what is wrong with them. */
export interface ReadStudyForm {
  title: string;
  ruleSetId: RuleSetId;
  declaredUnit: { amount: number; unit: string };
  functionalUnit: string | null;
  boundary: Boundary;
  productType: ProductType;
  selfDeclared: boolean;
  resultId: string | null;
  declarations: Declarations;
  issues: FormIssue[];
}

/**
 * Reads the form: the study's fields and its declarations (empty statements left out), and every problem by field.
 * Percentages typed become shares 0 … 1.
 *
 * @example const { declarations, issues } = readStudyForm(values); if (issues.length === 0) save(declarations);
 */
export function readStudyForm(values: StudyFormValues): ReadStudyForm {
  const issues: FormIssue[] = [];
  const issue = (field: string, key: string) => issues.push({ field, key });
  const trim = (s: string) => s.trim();
  /** A number typed in `field` (undefined when empty); NaN or out of range is an issue. */
  const num = (
    field: string,
    text: string,
    check: (n: number) => boolean = () => true,
    key = 'number',
  ): number | undefined => {
    const n = parseNumber(text);
    if (n === undefined) return undefined;
    if (Number.isNaN(n)) issue(field, 'number');
    else if (!check(n)) issue(field, key);
    return n;
  };
  const share = (field: string, text: string) => {
    const n = num(field, text, (x) => x >= 0 && x <= 100, 'percent');
    return n === undefined || Number.isNaN(n) ? undefined : n / 100;
  };

  const title = trim(values.title);
  if (!title) issue('title', 'required');
  const amount = num('declaredAmount', values.declaredAmount, (n) => n > 0, 'positive');
  if (amount === undefined) issue('declaredAmount', 'required');
  const unit = trim(values.declaredUnit);
  if (!unit) issue('declaredUnit', 'required');

  const declarations: Declarations = {};
  const start = trim(values.referenceStart);
  const end = trim(values.referenceEnd);
  if (start || end) {
    if (!start) issue('referenceStart', 'required');
    else if (!DATE.test(start)) issue('referenceStart', 'date');
    if (!end) issue('referenceEnd', 'required');
    else if (!DATE.test(end)) issue('referenceEnd', 'date');
    if (DATE.test(start) && DATE.test(end)) {
      if (end < start) issue('referenceEnd', 'endBeforeStart');
      declarations.referencePeriod = { start, end };
    }
  }
  const reportDate = trim(values.reportDate);
  if (reportDate) {
    if (DATE.test(reportDate)) declarations.reportDate = reportDate;
    else issue('reportDate', 'date');
  }

  // data quality: a method names the assessment; figures without one are refused by the API
  const dqMethod = trim(values.dataQualityMethod);
  const primaryDataShare = share('primaryDataSharePercent', values.primaryDataSharePercent);
  const coverage = share('coveragePercent', values.coveragePercent);
  const ratings: Record<string, number> = {};
  for (const indicator of DQR_INDICATORS) {
    const n = num(`ratings.${indicator}`, values.ratings[indicator]);
    if (n !== undefined && !Number.isNaN(n)) ratings[indicator] = n;
  }
  const hasRatings = Object.keys(ratings).length > 0;
  if (dqMethod) {
    declarations.dataQuality = {
      method: dqMethod,
      ...(primaryDataShare === undefined ? {} : { primaryDataShare }),
      ...(hasRatings ? { ratings } : {}),
      ...(coverage === undefined ? {} : { coverage }),
    };
  } else if (primaryDataShare !== undefined || coverage !== undefined || hasRatings)
    issue('dataQualityMethod', 'methodRequired');

  const uMethod = trim(values.uncertaintyMethod);
  const iterations = num('iterations', values.iterations, (n) => Number.isInteger(n) && n > 0, 'count');
  const mean = num('mean', values.mean);
  const sd = num('standardDeviation', values.standardDeviation, (n) => n >= 0, 'notNegative');
  const hasPercentiles = Object.keys(values.percentiles).length > 0;
  const ok = (n: number | undefined): n is number => n !== undefined && !Number.isNaN(n);
  if (uMethod) {
    declarations.uncertainty = {
      method: uMethod,
      ...(ok(iterations) ? { iterations } : {}),
      ...(ok(mean) ? { mean } : {}),
      ...(ok(sd) ? { standardDeviation: sd } : {}),
      ...(hasPercentiles ? { percentiles: { ...values.percentiles } } : {}),
    };
  } else if (iterations !== undefined || mean !== undefined || sd !== undefined)
    issue('uncertaintyMethod', 'methodRequired');

  const sMethod = trim(values.sensitivityMethod);
  const entries: { name: string; effect: number }[] = [];
  values.sensitivityEntries.forEach((entry, i) => {
    const name = trim(entry.name);
    if (!name && !trim(entry.effect)) return;
    if (!name) issue(`sensitivityEntries.${i}.name`, 'required');
    const effect = num(`sensitivityEntries.${i}.effect`, entry.effect);
    if (effect === undefined) issue(`sensitivityEntries.${i}.effect`, 'required');
    if (name && ok(effect)) entries.push({ name, effect });
  });
  if (sMethod) declarations.sensitivity = { method: sMethod, entries };
  else if (entries.length > 0) issue('sensitivityMethod', 'methodRequired');

  const choices: NonNullable<Declarations['choices']> = {};
  const allocation = values.allocationMethod;
  const justification = trim(values.allocationJustification);
  if (allocation) choices.allocation = { method: allocation, ...(justification ? { justification } : {}) };
  else if (justification) issue('allocationMethod', 'methodRequired');
  const accounting = values.electricityAccounting;
  const electricityStatement = trim(values.electricityStatement);
  if (accounting)
    choices.electricity = {
      accounting,
      ...(electricityStatement ? { statement: electricityStatement } : {}),
    };
  else if (electricityStatement) issue('electricityAccounting', 'methodRequired');
  const approach = values.endOfLifeApproach;
  const endOfLifeStatement = trim(values.endOfLifeStatement);
  if (approach)
    choices.endOfLife = { approach, ...(endOfLifeStatement ? { statement: endOfLifeStatement } : {}) };
  else if (endOfLifeStatement) issue('endOfLifeApproach', 'methodRequired');
  const criteria = trim(values.cutOffCriteria);
  const exclusions: NonNullable<NonNullable<Declarations['choices']>['cutOff']>['exclusions'] = [];
  values.exclusions.forEach((e, i) => {
    const name = trim(e.name);
    const reason = trim(e.reason);
    if (!name && !reason && !trim(e.co2e) && !trim(e.sharePercent)) return;
    if (!name) issue(`exclusions.${i}.name`, 'required');
    if (!reason) issue(`exclusions.${i}.reason`, 'required');
    const co2e = num(`exclusions.${i}.co2e`, e.co2e);
    const part = share(`exclusions.${i}.sharePercent`, e.sharePercent);
    if (name && reason)
      exclusions.push({
        name,
        reason,
        ...(ok(co2e) ? { co2e } : {}),
        ...(part === undefined ? {} : { share: part }),
        ...(e.coversBackground ? { covers: 'background-cut-off-flows' as const } : {}),
      });
  });
  if (criteria) choices.cutOff = { criteria, exclusions };
  else if (exclusions.length > 0) issue('cutOffCriteria', 'required');
  const uncertaintyStatement = trim(values.uncertaintyStatement);
  if (uncertaintyStatement) choices.uncertaintyStatement = uncertaintyStatement;
  const useProfile = trim(values.useProfile);
  if (useProfile) choices.useProfile = useProfile;
  if (Object.keys(choices).length > 0) declarations.choices = choices;

  const report: NonNullable<Declarations['report']> = {};
  for (const field of ['manufacturer', 'productIdentification', 'plantLocation', 'limitations'] as const) {
    const value = trim(values[field]);
    if (value) report[field] = value;
  }
  const url = trim(values.publicStudyUrl);
  if (url) {
    if (/^https?:\/\/[^\s/]+\S*$/i.test(url) && URL.canParse(url)) report.publicStudyUrl = url;
    else issue('publicStudyUrl', 'url');
  }
  const mass = num('productMass', values.productMass, (n) => n > 0, 'positive');
  if (ok(mass) && mass > 0) report.productMassPerDeclaredUnit = mass;
  if (Object.keys(report).length > 0) declarations.report = report;

  const goalAndScope: GoalAndScope = {};
  for (const key of GOAL_TEXTS) {
    const en = trim(values.goal[key].en);
    const zh = trim(values.goal[key].zh);
    if (en || zh) goalAndScope[key] = { ...(en ? { en } : {}), ...(zh ? { zh } : {}) };
  }
  const commissioner = trim(values.commissioner);
  if (commissioner) goalAndScope.commissioner = commissioner;
  const practitioner = trim(values.practitioner);
  if (practitioner) goalAndScope.practitioner = practitioner;
  if (values.comparisonsIntended) goalAndScope.comparisonsIntended = true;
  const linesEn = values.scopeLimitationsEn.split('\n').map(trim);
  const linesZh = values.scopeLimitationsZh.split('\n').map(trim);
  const limitations: NonNullable<GoalAndScope['limitations']> = [];
  for (let i = 0; i < Math.max(linesEn.length, linesZh.length); i++) {
    const en = linesEn[i] ?? '';
    const zh = linesZh[i] ?? '';
    if (en || zh) limitations.push({ ...(en ? { en } : {}), ...(zh ? { zh } : {}) });
  }
  if (limitations.length > 0) goalAndScope.limitations = limitations;
  if (Object.keys(goalAndScope).length > 0) declarations.goalAndScope = goalAndScope;

  const attestations: NonNullable<Declarations['attestations']> = [];
  values.attestations.forEach((a, i) => {
    const requirementId = trim(a.requirementId);
    const statement = trim(a.statement);
    const by = trim(a.by);
    const reference = trim(a.reference);
    if (!requirementId && !statement && !by && !reference) return;
    if (!requirementId) issue(`attestations.${i}.requirementId`, 'required');
    if (!statement) issue(`attestations.${i}.statement`, 'required');
    if (requirementId && statement)
      attestations.push({
        requirementId,
        statement,
        ...(by ? { by } : {}),
        ...(reference ? { reference } : {}),
      });
  });
  if (attestations.length > 0) declarations.attestations = attestations;

  const functionalUnit = trim(values.functionalUnit);
  return {
    title,
    ruleSetId: values.ruleSetId,
    declaredUnit: { amount: amount ?? Number.NaN, unit },
    functionalUnit: functionalUnit || null,
    boundary: values.boundary,
    productType: values.productType,
    selfDeclared: values.selfDeclared,
    resultId: trim(values.resultId) || null,
    declarations,
    issues,
  };
}

/**
 * The body of POST …/studies from the form's values (read with readStudyForm, which found no issue).
 *
 * @example await api.POST('/v1/orgs/{orgId}/studies', { params, body: newStudyBody(values) });
 */
export function newStudyBody(values: StudyFormValues): NewStudy {
  const read = readStudyForm(values);
  return {
    modelId: values.modelId,
    title: read.title,
    ruleSetId: read.ruleSetId,
    declaredUnit: read.declaredUnit,
    functionalUnit: read.functionalUnit,
    boundary: read.boundary,
    productType: read.productType,
    declarations: read.declarations,
    selfDeclared: read.selfDeclared,
    resultId: read.resultId,
  };
}

/** JSON with object keys sorted: two values that mean the same compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/**
 * The change of PATCH …/studies/{id}: only the fields the form changed (the audit log names them), nothing when
 * nothing changed.
 *
 * @example const change = studyChange(study, values); if (Object.keys(change).length) patch(change);
 */
export function studyChange(study: Study, values: StudyFormValues): StudyChange {
  const read = readStudyForm(values);
  const change: StudyChange = {};
  if (read.title !== study.title) change.title = read.title;
  if (read.ruleSetId !== study.ruleSetId) change.ruleSetId = read.ruleSetId;
  if (canonical(read.declaredUnit) !== canonical(study.declaredUnit)) change.declaredUnit = read.declaredUnit;
  if (read.functionalUnit !== study.functionalUnit) change.functionalUnit = read.functionalUnit;
  if (read.boundary !== study.boundary) change.boundary = read.boundary;
  if (read.productType !== study.productType) change.productType = read.productType;
  if (read.selfDeclared !== study.selfDeclared) change.selfDeclared = read.selfDeclared;
  if (read.resultId !== study.resultId) change.resultId = read.resultId;
  if (canonical(read.declarations) !== canonical(study.declarations)) change.declarations = read.declarations;
  return change;
}
