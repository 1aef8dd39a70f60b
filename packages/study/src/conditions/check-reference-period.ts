import type { Study } from '../study.js';
import { outcome, type ConditionOutcome } from './condition-outcome.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The reference period of the study: two dates (YYYY-MM-DD), the start not after the end.
 *
 * @example checkReferencePeriod({ ...study, referencePeriod: { start: '2024-01-01', end: '2024-12-31' } }).status // 'met'
 */
export function checkReferencePeriod(study: Study): ConditionOutcome {
  const period = study.referencePeriod;
  const evidence = [
    { path: '/study/referencePeriod/start', value: period?.start ?? null },
    { path: '/study/referencePeriod/end', value: period?.end ?? null },
  ];
  if (!period)
    return outcome('not-met', evidence, 'the study states no reference period', '本研究未说明参考期');
  const valid =
    DATE.test(period.start) &&
    DATE.test(period.end) &&
    !Number.isNaN(Date.parse(period.start)) &&
    !Number.isNaN(Date.parse(period.end)) &&
    period.start <= period.end;
  if (!valid)
    return outcome(
      'not-met',
      evidence,
      `the reference period ${period.start} – ${period.end} is not two dates (YYYY-MM-DD) in order`,
      `参考期 ${period.start} – ${period.end} 不是按先后排列的两个日期（YYYY-MM-DD）`,
    );
  return outcome(
    'met',
    evidence,
    `reference period ${period.start} – ${period.end}`,
    `参考期 ${period.start} – ${period.end}`,
  );
}
