import type { Schema } from '@opencfp/client';
import type { Format } from '../../i18n/format';

export type SupplyChainSankey = Schema<'SupplyChainSankey'>;
export type SankeyNode = Schema<'SankeyNode'>;

/** Colours by node kind (≥ 3:1 against white, as graphics need). */
const KIND_COLOURS: Record<SankeyNode['kind'], string> = {
  foreground: '#1f6f4a',
  background: '#3d6fa3',
  supplier: '#a35f12',
  electricity: '#7a4fa3',
  transport: '#2f7a7a',
  other: '#7b848d',
};

/** Longest label drawn beside a node (the whole one is in the tooltip and the table). */
const LABEL_CHARACTERS = 42;
/** Room per column of nodes: the node and its label (truncated to fit). */
const COLUMN_WIDTH = 180;
/** Room per node in the fullest column, so that neighbouring labels do not overlap. */
const ROW_HEIGHT = 26;

/** The texts of the diagram in the reader's language. */
export interface SankeyLabels {
  /** The node of everything below the threshold. */
  other: string;
  /** e.g. 'of the total' after a share. */
  ofTotal: string;
  direct: string;
  /** A node's name in the reader's language from its names (default: the server's English label). */
  local?(label: string, labelZh: string | undefined): string;
}

/** What was drawn, and what was left out of the drawing (but stays in the data table). */
export interface SankeyDrawing {
  option: Record<string, unknown>;
  /** Height in px that keeps the labels of the fullest column apart. */
  height: number;
  /** Width in px below which the labels of neighbouring columns would overlap (the view scrolls sideways). */
  minWidth: number;
  /** Links that close a loop: a Sankey diagram must be acyclic. */
  loops: number;
  /** Links carrying negative kg CO2e (credits): a band cannot be narrower than nothing. */
  negative: number;
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const shorten = (s: string) => (s.length > LABEL_CHARACTERS ? `${s.slice(0, LABEL_CHARACTERS - 1)}…` : s);

/**
 * A node's label in the reader's language: a foreground process by its Chinese name in Chinese where the model gave
 * one (`labelZh`); the server names the pruned remainder in English.
 */
export function sankeyNodeLabel(node: SankeyNode, labels: Pick<SankeyLabels, 'other' | 'local'>): string {
  if (node.kind === 'other') return labels.other;
  return labels.local ? labels.local(node.label, node.labelZh) : node.label;
}

/**
 * Columns as ECharts lays them out with nodeAlign 'right': a node's column is one more than the furthest of the
 * nodes it delivers to, the reference process being the rightmost. Returns how many columns there are and how many
 * nodes the fullest one holds. (On a real database the chains are long: a few hundred nodes can take dozens of
 * columns, and the diagram then scrolls sideways rather than crushing its labels.)
 */
function columnsOf(
  nodes: readonly SankeyNode[],
  links: readonly { source: string; target: string }[],
): { columns: number; fullest: number } {
  const targets = new Map<string, string[]>();
  for (const link of links) targets.set(link.source, [...(targets.get(link.source) ?? []), link.target]);
  const column = new Map<string, number>();
  const visiting = new Set<string>();
  const columnOf = (id: string): number => {
    const known = column.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0; // drawn links are acyclic; this only guards against bad input
    visiting.add(id);
    const value = Math.max(-1, ...(targets.get(id) ?? []).map(columnOf)) + 1;
    visiting.delete(id);
    column.set(id, value);
    return value;
  };
  const counts = new Map<number, number>();
  for (const node of nodes) {
    const c = columnOf(node.id);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return { columns: Math.max(0, ...counts.keys()) + 1, fullest: Math.max(1, ...counts.values()) };
}

/**
 * The ECharts option of the supply-chain Sankey diagram the server pruned: nodes by kind, links in kg CO2e from
 * provider to consumer. Links that close a loop and links of negative kg CO2e cannot be drawn as bands: they are
 * left out of the drawing and counted (the data table lists them).
 *
 * @example const { option, height } = sankeyOption(diagram, labels, format); <EChart option={option} height={height} … />
 */
export function sankeyOption(
  diagram: SupplyChainSankey,
  labels: SankeyLabels,
  format: Format,
): SankeyDrawing {
  const drawn = diagram.links.filter((link) => !link.loop && link.value > 0);
  const loops = diagram.links.filter((link) => link.loop).length;
  const negative = diagram.links.filter((link) => !link.loop && link.value <= 0).length;
  const byId = new Map(diagram.nodes.map((node) => [node.id, node]));
  const linked = new Set(drawn.flatMap((link) => [link.source, link.target]));
  // a node without any drawable link would float alone; the reference process stays even so
  const nodes = diagram.nodes.filter((node, i) => i === 0 || linked.has(node.id));
  const { columns, fullest } = columnsOf(nodes, drawn);
  const height = Math.min(8000, Math.max(420, fullest * ROW_HEIGHT + 40));
  const nodeText = (id: string) => {
    const node = byId.get(id);
    return node ? sankeyNodeLabel(node, labels) : id;
  };
  const tooltip = (params: { dataType?: string; data?: unknown }) => {
    const data = params.data as { name?: string; source?: string; target?: string; value?: number };
    if (params.dataType === 'edge')
      return `${escapeHtml(nodeText(data.source ?? ''))} → ${escapeHtml(nodeText(data.target ?? ''))}<br/>${escapeHtml(
        format.co2e(data.value ?? 0),
      )}`;
    const node = byId.get(data.name ?? '');
    if (!node) return '';
    const amount =
      node.amount !== null && node.unit !== null ? `${format.amount(node.amount, node.unit)}<br/>` : '';
    return (
      `<strong>${escapeHtml(sankeyNodeLabel(node, labels))}</strong><br/>${amount}` +
      `${escapeHtml(format.co2e(node.total))} (${escapeHtml(format.percent(node.share))} ${escapeHtml(labels.ofTotal)})<br/>` +
      `${escapeHtml(labels.direct)}: ${escapeHtml(format.co2e(node.direct))}`
    );
  };
  return {
    height,
    minWidth: columns * COLUMN_WIDTH + 40,
    loops,
    negative,
    option: {
      animation: false,
      tooltip: { trigger: 'item', confine: true, formatter: tooltip },
      series: [
        {
          type: 'sankey',
          left: 8,
          right: COLUMN_WIDTH - 14,
          top: 8,
          bottom: 8,
          nodeAlign: 'right',
          nodeGap: 14,
          nodeWidth: 14,
          layoutIterations: 16,
          draggable: false,
          emphasis: { focus: 'adjacency' },
          data: nodes.map((node) => ({
            name: node.id,
            itemStyle: { color: KIND_COLOURS[node.kind], borderColor: KIND_COLOURS[node.kind] },
          })),
          links: drawn.map((link) => ({ source: link.source, target: link.target, value: link.value })),
          lineStyle: { color: 'source', opacity: 0.35, curveness: 0.5 },
          label: {
            position: 'right',
            fontSize: 12,
            color: '#1d2733',
            // wider when few columns share the card (a 768 px tablet still fits them), never under a column
            width: Math.max(COLUMN_WIDTH - 30, Math.min(300, Math.floor(760 / columns) - 30)),
            overflow: 'truncate',
            formatter: (params: { name: string }) => shorten(nodeText(params.name)),
          },
          labelLayout: { hideOverlap: true },
        },
      ],
    },
  };
}
