import type { Format } from '../../i18n/format';
import type { MonteCarloRun } from './monte-carlo';

/** The texts of the histogram in the reader's language. */
export interface HistogramLabels {
  iterations: string;
  co2e: string;
  deterministic: string;
}

/**
 * The ECharts option of a Monte Carlo run's histogram: its bins as touching bars on a kg CO2e axis, with the P5, P50
 * and P95 percentiles and the deterministic value marked.
 *
 * @example <EChart option={histogramOption(run, labels, format)} label={t('results.uncertainty.histogram')} />
 */
export function histogramOption(run: MonteCarloRun, labels: HistogramLabels, format: Format) {
  const { from, to, counts } = run.histogram;
  const width = counts.length > 0 ? (to - from) / counts.length : 0;
  const marks = [
    { name: 'P5', value: run.percentiles.p5, colour: '#a35f12' },
    { name: 'P50', value: run.percentiles.p50, colour: '#1d2733' },
    { name: 'P95', value: run.percentiles.p95, colour: '#a35f12' },
    { name: labels.deterministic, value: run.deterministic, colour: '#1a5fb4' },
  ];
  return {
    animation: false,
    grid: { left: 56, right: 24, top: 48, bottom: 48 },
    tooltip: {
      trigger: 'item',
      formatter: (params: { dataIndex: number; value: unknown }) => {
        const lower = from + params.dataIndex * width;
        const count = Array.isArray(params.value) ? Number(params.value[1]) : 0;
        return `${format.number(lower)} – ${format.number(lower + width)}: ${format.integer(count)}`;
      },
    },
    xAxis: {
      type: 'value',
      name: labels.co2e,
      nameLocation: 'middle',
      nameGap: 30,
      min: from,
      max: to,
      scale: true,
      axisLabel: { formatter: (value: number) => format.number(value, 3) },
    },
    yAxis: { type: 'value', name: labels.iterations, minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: labels.iterations,
        barWidth: '96%',
        data: counts.map((count, i) => [from + (i + 0.5) * width, count]),
        itemStyle: { color: '#3d6fa3' },
        markLine: {
          symbol: 'none',
          silent: true,
          data: marks.map((mark) => ({
            xAxis: mark.value,
            name: mark.name,
            lineStyle: { color: mark.colour, type: mark.name.startsWith('P') ? 'dashed' : 'solid', width: 2 },
            // the deterministic value is often next to P50: its label runs along its line instead of above it
            label: {
              formatter: mark.name,
              color: mark.colour,
              position: mark.name.startsWith('P') ? 'end' : 'insideEndTop',
            },
          })),
        },
      },
    ],
  };
}
