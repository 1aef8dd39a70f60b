import type { ResultData, ResultGas, ResultLine, ResultStage } from './read-result';
import { splitRows, type SplitLevel } from './split-rows';

/** One compared quantity: its value in A and in B (null: that result does not carry it) and B − A. */
export interface ComparedRow<Item> {
  key: string;
  /** What the row is, from whichever result carries it (A first). */
  item: Item;
  a: number | null;
  b: number | null;
  /** B − A (a missing value counts as 0, as a part that is not there weighs nothing). */
  delta: number;
  /** (B − A) / |A|; null when A is 0 or missing. */
  relative: number | null;
}

/** Two results side by side. */
export interface Comparison {
  total: ComparedRow<null>;
  split: ComparedRow<{ level: SplitLevel }>[];
  stages: ComparedRow<ResultStage>[];
  gases: ComparedRow<ResultGas>[];
  /** Lines matched by their path in the model document (the same model's scenarios share paths). */
  lines: ComparedRow<ResultLine>[];
}

function row<Item>(key: string, item: Item, a: number | null, b: number | null): ComparedRow<Item> {
  const delta = (b ?? 0) - (a ?? 0);
  return { key, item, a, b, delta, relative: a === null || a === 0 ? null : delta / Math.abs(a) };
}

/** Rows of two keyed lists: A's order first, then what only B has. */
function paired<Item>(
  a: readonly Item[],
  b: readonly Item[],
  key: (item: Item) => string,
  value: (item: Item) => number,
): ComparedRow<Item>[] {
  const inB = new Map(b.map((item) => [key(item), item]));
  const inA = new Map(a.map((item) => [key(item), item]));
  const rows = a.map((item) => {
    const other = inB.get(key(item));
    return row(key(item), item, value(item), other === undefined ? null : value(other));
  });
  for (const item of b) if (!inA.has(key(item))) rows.push(row(key(item), item, null, value(item)));
  return rows;
}

const gasKey = (gas: ResultGas) => `${gas.species}|${gas.kind ?? ''}`;

/**
 * Compares two results (two scenarios of a model, or any two results): the total, every split entry, stage and
 * gas either carries, and the model's lines by path, largest change first.
 *
 * @example const c = compareResults(base, green); c.total.delta // kg CO2e B − A
 */
export function compareResults(a: ResultData, b: ResultData): Comparison {
  const splitA = splitRows(a.split);
  const splitB = splitRows(b.split);
  const split = paired(
    splitA,
    splitB,
    (r) => r.key,
    (r) => r.value,
  ).map((r) => ({ ...r, item: { level: r.item.level } }));
  const lines = paired(
    a.lines,
    b.lines,
    (line) => line.path,
    (line) => line.co2e,
  ).sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta));
  return {
    total: row('total', null, a.total, b.total),
    split,
    stages: paired(
      a.stages,
      b.stages,
      (s) => s.id,
      (s) => s.amount,
    ),
    gases: paired(a.gases, b.gases, gasKey, (g) => g.co2e),
    lines,
  };
}

/**
 * The ECharts option of two results' stages side by side (grouped horizontal bars, stages top-down).
 *
 * @example comparisonOption(rows.map((r) => ({ name: names.stage(r.item), a: r.a, b: r.b })), 'Base case', 'Half solar', unit)
 */
export function comparisonOption(
  rows: readonly { name: string; a: number | null; b: number | null }[],
  labelA: string,
  labelB: string,
  axisName: string,
) {
  const shown = [...rows].reverse();
  return {
    animation: false,
    legend: { top: 0, data: [labelA, labelB] },
    grid: { left: 8, right: 32, top: 36, bottom: 32, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', name: axisName, nameLocation: 'middle', nameGap: 28 },
    yAxis: {
      type: 'category',
      data: shown.map((r) => r.name),
      axisLabel: { width: 160, overflow: 'truncate' },
    },
    series: [
      { type: 'bar', name: labelA, data: shown.map((r) => r.a ?? 0), itemStyle: { color: '#7b848d' } },
      { type: 'bar', name: labelB, data: shown.map((r) => r.b ?? 0), itemStyle: { color: '#1f6f4a' } },
    ],
  };
}
