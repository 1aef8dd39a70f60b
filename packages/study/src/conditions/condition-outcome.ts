import type { LocalText } from '@opencfp/refdata';
import type { ComplianceStatus, Evidence, Study } from '../study.js';

/** What one condition check found: the status, the evidence it rests on and why. */
export interface ConditionOutcome {
  status: ComplianceStatus;
  evidence: Evidence[];
  message: LocalText;
}

/**
 * An outcome from its parts.
 *
 * @example outcome('met', [{ path: '/result/gwpSet/id', value: 'ipcc-ar6-gwp100' }], 'IPCC AR6 GWP100', 'IPCC AR6 GWP100');
 */
export function outcome(
  status: ComplianceStatus,
  evidence: Evidence[],
  en: string,
  zh: string,
): ConditionOutcome {
  return { status, evidence, message: { en, zh } };
}

/** A share as a percentage with up to 4 significant digits ('0.8 %', '96 %'). */
export function percent(share: number): string {
  return `${Number((share * 100).toPrecision(4))} %`;
}

/** Stage ids (both schemes) by where they sit relative to the factory gate. */
export const UPSTREAM_STAGES: ReadonlySet<string> = new Set([
  'raw-material-acquisition',
  'raw-material-acquisition-and-pre-processing',
]);
export const AFTER_GATE_STAGES: ReadonlySet<string> = new Set([
  'distribution',
  'use',
  'end-of-life',
  'end-of-life-and-recycling',
]);
export const END_OF_LIFE_STAGES: ReadonlySet<string> = new Set(['end-of-life', 'end-of-life-and-recycling']);

/** The result's stage entries with their index, for evidence paths. */
export function stageEntries(study: Study): { id: string; amount: number; path: string }[] {
  return study.result.byStage.map((s, i) => ({ id: s.id, amount: s.amount, path: `/result/byStage/${i}` }));
}

/** The model's electricity: electricity inputs (with their accounting) and background electricity datasets. */
export function electricityLines(study: Study): {
  inputs: { path: string; accounting: string; documentPath: string }[];
  datasets: { path: string; name: string }[];
} {
  const inputs: { path: string; accounting: string; documentPath: string }[] = [];
  const datasets: { path: string; name: string }[] = [];
  study.result.contributions.forEach((c, i) => {
    if (c.kind === 'electricity' && c.electricity)
      inputs.push({
        path: `/result/contributions/${i}/electricity/accounting`,
        accounting: c.electricity.accounting,
        documentPath: `/document${c.path}`,
      });
    // A background dataset of electricity is accounted as its publisher made it (a grid average, as a rule).
    else if (c.kind === 'background' && c.dataset && /^electricity\b/i.test(c.dataset.name))
      datasets.push({ path: `/result/contributions/${i}/dataset/name`, name: c.dataset.name });
  });
  return { inputs, datasets };
}
