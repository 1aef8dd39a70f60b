import type { Format } from '../../i18n/format';
import type { ResultLine } from './read-result';

/** One bar of the Pareto chart: a line of the model, or the remaining lines together. */
export interface ParetoRow {
  /** The line's path, or null for the remainder. */
  path: string | null;
  name: string;
  processId: string | null;
  processName: string | null;
  processNameZh: string | null;
  co2e: number;
  /** co2e / the total. */
  share: number;
  /** The running sum of co2e up to this row, / the total (ends at 1 when the lines sum to the total). */
  cumulative: number;
  /** The remainder: how many lines it sums. */
  count?: number;
}

/**
 * The Pareto rows of a result's lines: the `limit` largest (by kg CO2e, credits last) with their running share of
 * the total, then the rest summed into one row. Shares are of the total as it stands (so with credits the running
 * share may pass 100 % before it comes back down).
 *
 * @example paretoRows(data.lines, data.total, 10)
 */
export function paretoRows(lines: readonly ResultLine[], total: number, limit: number): ParetoRow[] {
  const sorted = [...lines].sort((a, b) => b.co2e - a.co2e);
  const share = (x: number) => (total === 0 ? 0 : x / total);
  const rows: ParetoRow[] = [];
  let running = 0;
  for (const line of sorted.slice(0, limit)) {
    running += line.co2e;
    rows.push({
      path: line.path,
      name: line.name,
      processId: line.processId,
      processName: line.processName,
      processNameZh: line.processNameZh,
      co2e: line.co2e,
      share: share(line.co2e),
      cumulative: share(running),
    });
  }
  const rest = sorted.slice(limit);
  if (rest.length > 0) {
    const co2e = rest.reduce((sum, line) => sum + line.co2e, 0);
    running += co2e;
    rows.push({
      path: null,
      name: '',
      processId: null,
      processName: null,
      processNameZh: null,
      co2e,
      share: share(co2e),
      cumulative: share(running),
      count: rest.length,
    });
  }
  return rows;
}

/** The texts a Pareto chart shows, in the reader's language. */
export interface ParetoLabels {
  co2e: string;
  cumulative: string;
  /** The remainder's bar, e.g. '12 more lines'. */
  others(count: number): string;
}

/**
 * The ECharts option of a Pareto chart: bars of kg CO2e (left axis) and the cumulative share as a line (right
 * axis, %).
 *
 * @example <EChart option={paretoOption(paretoRows(lines, total, 10), labels, format)} label={…} />
 */
export function paretoOption(rows: readonly ParetoRow[], labels: ParetoLabels, format: Format) {
  const names = rows.map((row) => (row.count === undefined ? row.name : labels.others(row.count)));
  const topPercent = Math.max(100, ...rows.map((row) => Math.ceil(row.cumulative * 100)));
  return {
    animation: false,
    grid: { left: 64, right: 56, top: 40, bottom: 110 },
    legend: { top: 0, data: [labels.co2e, labels.cumulative] },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value: unknown) => (typeof value === 'number' ? format.number(value) : String(value)),
    },
    xAxis: {
      type: 'category',
      data: names,
      axisLabel: { interval: 0, rotate: 35, width: 120, overflow: 'truncate', fontSize: 11 },
    },
    yAxis: [
      { type: 'value', name: labels.co2e, nameTextStyle: { align: 'left' } },
      {
        type: 'value',
        name: '%',
        min: Math.min(0, ...rows.map((row) => Math.floor(row.cumulative * 100))),
        max: topPercent,
        splitLine: { show: false },
      },
    ],
    series: [
      {
        type: 'bar',
        name: labels.co2e,
        data: rows.map((row) => row.co2e),
        itemStyle: { color: '#1f6f4a' },
      },
      {
        type: 'line',
        name: labels.cumulative,
        yAxisIndex: 1,
        data: rows.map((row) => Number((row.cumulative * 100).toPrecision(6))),
        itemStyle: { color: '#b5541a' },
        lineStyle: { color: '#b5541a' },
        symbolSize: 6,
      },
    ],
  };
}
