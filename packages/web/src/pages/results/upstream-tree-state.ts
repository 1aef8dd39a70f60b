import type { Schema } from '@opencfp/client';

export type UpstreamNode = Schema<'UpstreamNode'>;

/** What is known of a node's children: loaded, on the way, or failed to load. */
export type ChildrenState =
  | { status: 'loaded'; children: readonly UpstreamNode[] }
  | { status: 'loading' }
  | { status: 'error'; error: unknown };

/** A row of the tree table. */
export interface TreeRow {
  node: UpstreamNode;
  /** 1 for the root (aria-level). */
  level: number;
  expanded: boolean;
  /** Set on the row under an expanded node whose children are loading or failed. */
  pending?: 'loading' | 'error';
  error?: unknown;
}

/**
 * The rows of the upstream tree as shown: the root, and below every expanded node its children (largest first,
 * as the server sorts them) — or a placeholder while they load or when they failed.
 *
 * @example visibleRows(root, new Set(['root', 'root/l0']), (id) => states.get(id))
 */
export function visibleRows(
  root: UpstreamNode,
  expanded: ReadonlySet<string>,
  childrenOf: (id: string) => ChildrenState | undefined,
): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (node: UpstreamNode, level: number) => {
    const open = node.expandable && expanded.has(node.id);
    rows.push({ node, level, expanded: open });
    if (!open) return;
    const state = childrenOf(node.id);
    if (!state || state.status === 'loading')
      rows.push({ node, level: level + 1, expanded: false, pending: 'loading' });
    else if (state.status === 'error')
      rows.push({ node, level: level + 1, expanded: false, pending: 'error', error: state.error });
    else for (const child of state.children) walk(child, level + 1);
  };
  walk(root, 1);
  return rows;
}

/**
 * Expands a collapsed node or collapses an expanded one (collapsing keeps what is below it expanded, so opening it
 * again shows the same rows).
 *
 * @example setExpanded((open) => toggled(open, node.id))
 */
export function toggled(expanded: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(expanded);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/**
 * The children an answer of GET …/upstream holds for every node it expanded (an answer of depth > 1 holds several
 * levels), by node id.
 *
 * @example for (const [id, children] of childrenIn(answer.node)) cache.set(id, children);
 */
export function childrenIn(node: UpstreamNode): Map<string, UpstreamNode[]> {
  const out = new Map<string, UpstreamNode[]>();
  const walk = (n: UpstreamNode) => {
    if (!n.children) return;
    out.set(n.id, n.children);
    n.children.forEach(walk);
  };
  walk(node);
  return out;
}
