import { ALLOCATION_OPTIONS, type AllocationOption } from '@opencfp/core';
import { DEFAULT_GWP_SET_ID, stageInScheme, type BiogenicApproach } from '@opencfp/refdata';
import { calculateProductModel, type ProductModelFootprint } from './calculate-product-model.js';
import { ModelError } from './errors.js';
import type { ModelBackgroundFactory } from './model-background-factory.js';
import type { ProductModelOptions } from './prepare-product-model.js';
import { ELECTRICITY_ACCOUNTING, type ProductModelDocument } from './product-model-document.js';

/** Options of {@link methodChoices}: the base case. */
export interface MethodChoicesOptions extends ProductModelOptions {
  /** Allocation of the background's co-products in the base case; default 'as-defined'. */
  allocation?: AllocationOption;
}

/** The method choices ISO 14067 asks a study to justify (and to test in a sensitivity analysis). */
export type MethodAspect = 'allocation' | 'electricity-accounting' | 'end-of-life' | 'biogenic-carbon';

/** The total under one choice of one aspect, every other choice as in the base case. */
export interface MethodChoiceRow {
  aspect: MethodAspect;
  /** 'physical', 'market-based', 'cut-off', '0/0', 'scenario:<id>' … */
  choice: string;
  label: string;
  /** The choice of the base case. */
  base: boolean;
  /** kg CO2e per declared unit; null when the model cannot express the choice (the notes say what is missing). */
  total: number | null;
  /** total − the base total. */
  difference: number | null;
  notes: string[];
}

/** The totals per method choice, side by side (rows grouped by aspect). */
export interface MethodChoicesResult {
  unit: 'kg CO2e';
  base: number;
  scenario: string | null;
  rows: MethodChoiceRow[];
  notes: string[];
}

const ALLOCATION_LABELS: Record<AllocationOption, string> = {
  'as-defined': "each background process's own default method",
  physical: 'physical allocation',
  economic: 'economic allocation',
  causal: 'causal allocation',
  none: 'no allocation (each co-product bears the whole burden)',
};

/** The parameters of the PEF Circular Footprint Formula a model would need to state. */
const CFF_PARAMETERS =
  'A (allocation of burdens and credits between supplier and user of recycled material), B (of energy recovery), R1 (recycled content), R2 (output to recycling), R3 (to energy recovery), Qsin/Qp and Qsout/Qp (quality ratios), Erecycled, ErecyclingEoL, Ev, E*v, EER, ESE,heat/elec and ED';

/**
 * The alternative method choices ISO 14067 asks about, computed side by side: the product model's total with
 * each choice of one aspect while the others stay as in the base case.
 *
 * - allocation: each allocation option of the background database's co-products (as defined, physical,
 *   economic, causal, none); a model's own processes make one product each, so there is no foreground
 *   allocation;
 * - electricity accounting: every electricity input accounted location-based, market-based, at the residual mix
 *   and by the EU battery rule;
 * - end of life: as modelled, cut-off (the model's end-of-life credits — lines with a negative quantity in the
 *   end-of-life stage, i.e. avoided production booked by the avoided-burden approach — left out), the model's
 *   end-of-life scenarios, and the PEF Circular Footprint Formula, which the document cannot express (its
 *   parameters are listed as missing);
 * - biogenic carbon: the −1/+1 and 0/0 approaches.
 *
 * `backgrounds` gives the background for each allocation, GWP set and biogenic approach
 * ({@link modelBackgroundFactory}); undefined for a model without background datasets.
 *
 * @example
 * const table = methodChoices(doc, modelBackgroundFactory(db), { scenarioId: 'base' });
 * table.rows.filter((r) => r.aspect === 'electricity-accounting'); // [{ choice: 'location-based', total: 17.8, … }, …]
 */
export function methodChoices(
  document: ProductModelDocument,
  backgrounds: ModelBackgroundFactory | undefined,
  options: MethodChoicesOptions = {},
): MethodChoicesResult {
  const gwpSetId = options.gwpSetId ?? DEFAULT_GWP_SET_ID;
  const biogenicApproach: BiogenicApproach = options.biogenicApproach ?? '-1/+1';
  const allocation = options.allocation ?? 'as-defined';
  if (!ALLOCATION_OPTIONS.includes(allocation))
    throw new ModelError(
      'INVALID_OPTIONS',
      '',
      `unknown allocation '${String(allocation)}': use ${ALLOCATION_OPTIONS.join(', ')}`,
    );
  const calculate = (
    doc: ProductModelDocument,
    change: { allocation?: AllocationOption; biogenicApproach?: BiogenicApproach; scenarioId?: string } = {},
  ): ProductModelFootprint => {
    const approach = change.biogenicApproach ?? biogenicApproach;
    const background = backgrounds?.({
      allocation: change.allocation ?? allocation,
      gwpSetId,
      biogenicApproach: approach,
    });
    return calculateProductModel(doc, background, {
      ...options,
      gwpSetId,
      biogenicApproach: approach,
      scenarioId: 'scenarioId' in change ? change.scenarioId : options.scenarioId,
    });
  };
  const baseFootprint = calculate(document);
  /** A choice's footprint, or the reason it cannot be calculated (e.g. no published factor for a basis). */
  const attempt = (
    doc: ProductModelDocument,
    change: Parameters<typeof calculate>[1],
  ): ProductModelFootprint | string => {
    try {
      return calculate(doc, change);
    } catch (e) {
      if (e instanceof ModelError) return e.message;
      throw e;
    }
  };
  const base = baseFootprint.split.total;
  const rows: MethodChoiceRow[] = [];
  const notes: string[] = [];
  const row = (
    aspect: MethodAspect,
    choice: string,
    label: string,
    isBase: boolean,
    total: number | null,
    rowNotes: string[] = [],
  ) =>
    rows.push({
      aspect,
      choice,
      label,
      base: isBase,
      total,
      difference: total === null ? null : total - base,
      notes: rowNotes,
    });

  // Allocation of the background's co-products.
  const inputs = document.processes.flatMap((p) => p.inputs);
  const usesBackground = inputs.some(
    (i) =>
      i.source.kind === 'background' || (i.source.kind === 'transport' && i.source.dataset !== undefined),
  );
  for (const option of ALLOCATION_OPTIONS) {
    if (!usesBackground) {
      row('allocation', option, ALLOCATION_LABELS[option], option === allocation, null, [
        'the model links no background dataset: the background allocation does not apply',
      ]);
      continue;
    }
    const f = option === allocation ? baseFootprint : attempt(document, { allocation: option });
    if (typeof f === 'string') {
      row('allocation', option, ALLOCATION_LABELS[option], false, null, [f]);
      continue;
    }
    const unallocated = f.diagnostics.filter((d) => d.code === 'UNALLOCATED_COPRODUCTS');
    row(
      'allocation',
      option,
      ALLOCATION_LABELS[option],
      option === allocation,
      f.split.total,
      unallocated.map((d) => `${d.message} (datasets: ${d.datasets.join(', ')})`),
    );
  }
  notes.push(
    "the model's own processes make one product each, so allocation only concerns the background database's multi-output processes",
  );

  // Electricity accounting: every electricity input accounted one way, through the (chosen or a temporary) scenario.
  const electricity = inputs.filter((i) => i.source.kind === 'electricity');
  const chosen = document.scenarios.find((s) => s.id === options.scenarioId);
  const baseAccounting = new Set(
    electricity.map((i) =>
      i.source.kind === 'electricity' ? (chosen?.electricity?.accounting ?? i.source.accounting) : '',
    ),
  );
  for (const choice of ELECTRICITY_ACCOUNTING) {
    if (electricity.length === 0) {
      row('electricity-accounting', choice, choice, false, null, [
        'the model has no electricity input (source.kind "electricity"): the accounting choice does not apply',
      ]);
      continue;
    }
    const isBase = baseAccounting.size === 1 && baseAccounting.has(choice);
    if (isBase) {
      row('electricity-accounting', choice, choice, true, base);
      continue;
    }
    const scenarioId = chosen?.id ?? '__accounting';
    const scenarios = chosen
      ? document.scenarios.map((s) =>
          s.id === chosen.id ? { ...s, electricity: { accounting: choice } } : s,
        )
      : [
          ...document.scenarios,
          {
            id: scenarioId,
            name: `every electricity input ${choice}`,
            parameters: {},
            electricity: { accounting: choice },
          },
        ];
    const f = attempt({ ...document, scenarios }, { scenarioId });
    if (typeof f === 'string') {
      row('electricity-accounting', choice, choice, false, null, [f]);
      continue;
    }
    row(
      'electricity-accounting',
      choice,
      choice,
      false,
      f.split.total,
      f.diagnostics.filter((d) => d.path !== undefined).map((d) => d.message),
    );
  }
  if (baseAccounting.size > 1)
    notes.push(
      `the base case accounts its electricity inputs in different ways (${[...baseAccounting].join(', ')}); each row accounts all of them one way`,
    );

  // End of life.
  const eolStage = stageInScheme('end-of-life', options.stageScheme ?? 'iso-14067');
  const credits = baseFootprint.contributions.filter((c) => c.stage === eolStage && c.quantity < 0);
  const credit = credits.reduce((sum, c) => sum + c.co2e, 0);
  row(
    'end-of-life',
    'as-modelled',
    credits.length > 0
      ? 'as modelled: end-of-life credits for avoided production booked (avoided burden)'
      : 'as modelled (no end-of-life credits)',
    true,
    base,
  );
  row(
    'end-of-life',
    'cut-off',
    'cut-off: end-of-life credits left out',
    false,
    base - credit,
    credits.length > 0
      ? [
          `${credits.length} credit line${credits.length === 1 ? '' : 's'} left out: ${credits.map((c) => `'${c.name}' (${round(c.co2e)} kg CO2e)`).join(', ')}`,
        ]
      : [
          `no line in the ${eolStage} stage has a negative quantity (an avoided product or a recycling credit): cut-off and as modelled are equal`,
        ],
  );
  row('end-of-life', 'pef-cff', 'PEF Circular Footprint Formula', false, null, [
    `the model document cannot state the formula's parameters: ${CFF_PARAMETERS}; recycled content and end-of-life recycling are not told apart from other inputs`,
  ]);
  for (const s of document.scenarios.filter((x) => x.kind === 'end-of-life')) {
    const f = attempt(document, { scenarioId: s.id });
    row(
      'end-of-life',
      `scenario:${s.id}`,
      `end-of-life scenario '${s.name}'`,
      s.id === options.scenarioId,
      typeof f === 'string' ? null : f.split.total,
      typeof f === 'string' ? [f] : [],
    );
  }

  // Biogenic carbon.
  for (const approach of ['-1/+1', '0/0'] as const) {
    const f =
      approach === biogenicApproach ? baseFootprint : attempt(document, { biogenicApproach: approach });
    row(
      'biogenic-carbon',
      approach,
      approach === '-1/+1'
        ? '−1/+1: biogenic CO2 uptake and emissions counted'
        : '0/0: biogenic CO2 uptake and emissions left out',
      approach === biogenicApproach,
      typeof f === 'string' ? null : f.split.total,
      typeof f === 'string' ? [f] : [],
    );
  }
  return {
    unit: 'kg CO2e',
    base,
    scenario: baseFootprint.scenario?.id ?? null,
    rows,
    notes,
  };
}

const round = (x: number) => Number(x.toPrecision(6));
