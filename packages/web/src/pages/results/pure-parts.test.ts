// The results pages' pure parts on the cases real results rarely show: credits (negative kg CO2e), loops, split
// keys the catalogues do not know, text a spreadsheet would run as a formula. (Real stored results go through them
// in result-view.test.tsx.)
import { expect, test } from 'vitest';
import { formatFor } from '../../i18n/format';
import { compareResults } from './comparison';
import { paretoRows } from './pareto';
import type { ResultData, ResultLine } from './read-result';
import { toCsv } from './result-csv';
import { sankeyNodeLabel, sankeyOption, type SupplyChainSankey } from './sankey-option';
import { splitRows } from './split-rows';
import { childrenIn, toggled, visibleRows, type UpstreamNode } from './upstream-tree-state';

const line = (path: string, co2e: number): ResultLine => ({
  path,
  processId: 'p',
  processName: 'Process',
  processNameZh: '过程',
  kind: 'background',
  name: path,
  quantity: 1,
  unit: 'kg',
  co2e,
  share: null,
  stage: null,
  dataset: null,
  supplier: null,
  electricity: null,
  transport: null,
});

test('Pareto: largest first, credits last, the rest summed, the running share ending at the total', () => {
  const lines = [line('a', 2), line('credit', -1), line('b', 5), line('c', 1), line('d', 3)];
  const rows = paretoRows(lines, 10, 3);
  expect(rows.map((r) => r.path)).toEqual(['b', 'd', 'a', null]);
  expect(rows.map((r) => r.cumulative)).toEqual([0.5, 0.8, 1, 1]);
  // a line keeps its process's Chinese name; the remainder has no process
  expect(rows.map((r) => r.processNameZh)).toEqual(['过程', '过程', '过程', null]);
  expect(rows[3]).toMatchObject({ co2e: 0, count: 2 });
  // without a remainder the credit is a bar of its own: the running share passes 100 % and comes back
  const all = paretoRows(lines, 10, 10);
  expect(all.map((r) => r.cumulative)).toEqual([0.5, 0.8, 1, 1.1, 1]);
  expect(paretoRows(lines, 0, 10).every((r) => r.share === 0)).toBe(true);
});

test('CSV: RFC 4180 quoting, CRLF, the byte order mark, numbers in full, formulas neutralised', () => {
  const csv = toCsv([
    ['名称', 'kg CO₂e'],
    ['Steel, "hot rolled"', 0.1 + 0.2],
    ['two\nlines', null],
    ['=HYPERLINK("x")', -1.5],
    [true, Number.NaN],
  ]);
  expect(csv).toBe(
    '\uFEFF名称,kg CO₂e\r\n"Steel, ""hot rolled""",0.30000000000000004\r\n"two\nlines",\r\n"\'=HYPERLINK(""x"")",-1.5\r\ntrue,\r\n',
  );
});

test('the split keeps every entry in reading order, unknown keys last as they are', () => {
  const rows = splitRows([
    ['packaging', 0.1],
    ['futurePart', 2],
    ['total', 12],
    ['landManagement', 0],
    ['biogenicCo2Emissions', 1],
    ['fossilEmissions', 11],
    ['aircraft', 0.2],
  ]);
  // aircraft and packaging cross the parts: they are parts of the total, read right under it (not under the last
  // part, land management)
  expect(rows.map((r) => [r.key, r.level, r.parent])).toEqual([
    ['total', 'total', null],
    ['aircraft', 'of-which', 'total'],
    ['packaging', 'of-which', 'total'],
    ['fossilEmissions', 'part', null],
    ['biogenicCo2Emissions', 'sub-part', 'biogenicEmissions'],
    ['landManagement', 'part', null],
    ['futurePart', 'other', null],
  ]);
});

const node = (id: string, children?: UpstreamNode[], expandable = children !== undefined): UpstreamNode => ({
  id,
  label: id,
  kind: 'foreground',
  processId: null,
  productId: null,
  productName: null,
  path: null,
  amount: 1,
  unit: 'kg',
  direct: 0,
  total: 1,
  share: 1,
  depth: id.split('/').length - 1,
  expandable,
  ...(children ? { children } : {}),
});

test('tree state: expanded nodes show their children, loading and failed ones a placeholder, collapsing keeps state', () => {
  const root = node('root', [node('root/l0', undefined, true), node('root/l1')]);
  const loaded = new Map([['root', root.children ?? []]]);
  const state = (id: string) => {
    const children = loaded.get(id);
    if (children) return { status: 'loaded' as const, children };
    return id === 'root/l1'
      ? { status: 'error' as const, error: new Error('404') }
      : { status: 'loading' as const };
  };
  let expanded: ReadonlySet<string> = new Set(['root']);
  expect(visibleRows(root, expanded, state).map((r) => [r.node.id, r.level, r.pending])).toEqual([
    ['root', 1, undefined],
    ['root/l0', 2, undefined],
    ['root/l1', 2, undefined],
  ]);
  expanded = toggled(expanded, 'root/l0');
  expect(visibleRows(root, expanded, state).map((r) => r.pending ?? r.node.id)).toEqual([
    'root',
    'root/l0',
    'loading',
    'root/l1',
  ]);
  loaded.set('root/l0', [node('root/l0/b3'), node('root/l0/b4')]);
  expect(visibleRows(root, expanded, state).map((r) => [r.node.id, r.level])).toEqual([
    ['root', 1],
    ['root/l0', 2],
    ['root/l0/b3', 3],
    ['root/l0/b4', 3],
    ['root/l1', 2],
  ]);
  // a node that is not expandable never opens, whatever the set says
  expect(visibleRows(root, new Set(['root', 'root/l1']), state)).toHaveLength(3);
  expanded = toggled(expanded, 'root');
  expect(visibleRows(root, expanded, state)).toHaveLength(1);
  expect(expanded.has('root/l0')).toBe(true);
  expect([...childrenIn(root).keys()]).toEqual(['root']);
});

test('Sankey: loops and credits are left out of the drawing and counted; the remainder gets the reader’s name', () => {
  const sankeyNode = (id: string, kind: 'foreground' | 'background' | 'other', total: number) => ({
    id,
    label: id === 'other' ? 'Other processes (below the threshold)' : `node ${id}`,
    ...(id === 'f0' ? { labelZh: '车架装配' } : {}),
    kind,
    processId: null,
    productId: null,
    amount: null,
    unit: null,
    direct: 0,
    total,
    share: total / 10,
    otherUpstream: 0,
  });
  const diagram: SupplyChainSankey = {
    resultId: 'r',
    unit: 'kg CO2e',
    gwpSet: 'ipcc-ar6-gwp100',
    biogenicApproach: '-1/+1',
    total: 10,
    threshold: 0.01,
    maxNodes: 200,
    candidates: 40,
    nodes: [
      sankeyNode('f0', 'foreground', 10),
      sankeyNode('b1', 'background', 6),
      sankeyNode('b2', 'background', 5),
      sankeyNode('b3', 'background', -1),
      sankeyNode('other', 'other', 1),
    ],
    links: [
      { source: 'b1', target: 'f0', value: 6, loop: false },
      { source: 'b2', target: 'b1', value: 5, loop: false },
      { source: 'b1', target: 'b2', value: 1, loop: true },
      { source: 'b3', target: 'f0', value: -1, loop: false },
      { source: 'other', target: 'f0', value: 1, loop: false },
    ],
  };
  const format = formatFor('zh-CN');
  // In Chinese a node is named by its Chinese name where the result has one (as names.local does).
  const local = (label: string, labelZh: string | undefined) => labelZh ?? label;
  const labels = { other: '其他过程', ofTotal: '占总量', direct: '直接排放', local };
  const drawing = sankeyOption(diagram, labels, format);
  expect(drawing.loops).toBe(1);
  expect(drawing.negative).toBe(1);
  const series = (
    drawing.option.series as {
      data: { name: string }[];
      links: unknown[];
      label: { formatter(p: { name: string }): string };
    }[]
  )[0];
  expect(series.links).toHaveLength(3);
  // b3 delivers only a credit: no band, no node
  expect(series.data.map((d) => d.name)).toEqual(['f0', 'b1', 'b2', 'other']);
  expect(series.label.formatter({ name: 'other' })).toBe('其他过程');
  expect(series.label.formatter({ name: 'f0' })).toBe('车架装配');
  expect(diagram.nodes.map((n) => sankeyNodeLabel(n, labels))).toEqual([
    '车架装配',
    'node b1',
    'node b2',
    'node b3',
    '其他过程',
  ]);
  // without a namer (English) the server's labels stand
  expect(sankeyNodeLabel(diagram.nodes[0], { other: 'Other' })).toBe('node f0');
  expect(drawing.height).toBeGreaterThanOrEqual(360);
});

test('comparison: what only one result has counts as nothing in the other; no percentage of zero', () => {
  const result = (lines: ResultLine[], total: number) =>
    ({ total, split: [['total', total]], stages: [], gases: [], lines }) as unknown as ResultData;
  const c = compareResults(result([line('x', 4), line('y', 0)], 4), result([line('y', 2), line('z', 1)], 3));
  expect(c.total).toMatchObject({ a: 4, b: 3, delta: -1, relative: -0.25 });
  expect(c.lines.map((r) => [r.key, r.a, r.b, r.delta, r.relative])).toEqual([
    ['x', 4, null, -4, -1],
    ['y', 0, 2, 2, null],
    ['z', null, 1, 1, null],
  ]);
});
