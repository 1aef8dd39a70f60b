import type { Format } from '../../i18n/format';

/** One bar: a named part of the total (a stage, a gas …) in kg CO2e. */
export interface BreakdownBar {
  name: string;
  value: number;
}

/**
 * The ECharts option of a horizontal bar chart of parts of the total, in the given order (top to bottom), with
 * each bar's kg CO2e written beside it. Negative parts (removals, credits) go left of zero.
 *
 * @example breakdownOption(data.stages.map((s) => ({ name: stageName(s), value: s.amount })), t('units.kgCo2e'), format)
 */
export function breakdownOption(bars: readonly BreakdownBar[], axisName: string, format: Format) {
  // ECharts draws the first category at the bottom: reversed, the list reads top-down.
  const shown = [...bars].reverse();
  return {
    animation: false,
    grid: { left: 8, right: 72, top: 28, bottom: 24, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (value: unknown) => (typeof value === 'number' ? format.number(value) : String(value)),
    },
    xAxis: { type: 'value', name: axisName, nameLocation: 'middle', nameGap: 28 },
    yAxis: {
      type: 'category',
      data: shown.map((bar) => bar.name),
      axisLabel: { width: 180, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        name: axisName,
        data: shown.map((bar) => bar.value),
        itemStyle: { color: '#1f6f4a' },
        label: {
          show: true,
          position: 'right',
          formatter: (params: { value: unknown }) =>
            typeof params.value === 'number' ? format.number(params.value) : '',
        },
      },
    ],
  };
}
