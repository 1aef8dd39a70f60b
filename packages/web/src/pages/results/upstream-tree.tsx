import { useQueries } from '@tanstack/react-query';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context';
import { ErrorMessage, Loading } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { useResultNames } from './result-names';
import { useUpstream } from './results-queries';
import { toggled, visibleRows, type ChildrenState, type UpstreamNode } from './upstream-tree-state';

/** Children listed per node; the server sums the rest into one 'others' row. */
export const TREE_LIMIT = 25;

/**
 * The upstream contribution tree of a result as a tree table: the reference process, and under each node what it
 * takes in — foreground processes, background datasets and their providers, supplier footprints, electricity,
 * transport legs and direct emissions — with the amount delivered, its own (direct) kg CO2e, its total with its
 * supply chain and its share of the result. A node's children are fetched when it is first expanded (click, Enter,
 * Space or → on its button; ← collapses); each node's total is its direct plus its children's totals.
 */
export function UpstreamTree({
  orgId,
  resultId,
  expanded,
  onExpandedChange,
}: {
  orgId: string;
  resultId: string;
  /** The expanded nodes' ids (kept by the caller, so that they survive switching views). */
  expanded: ReadonlySet<string>;
  onExpandedChange(update: (expanded: ReadonlySet<string>) => ReadonlySet<string>): void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const names = useResultNames();
  const root = useUpstream(orgId, resultId, null, TREE_LIMIT);
  const below = [...expanded].filter((id) => id !== 'root');
  const answers = useQueries({
    queries: below.map((node) => ({
      queryKey: ['results', 'upstream', orgId, resultId, node, TREE_LIMIT],
      staleTime: Infinity,
      queryFn: async () =>
        (
          await api.GET('/v1/orgs/{orgId}/calculations/{resultId}/upstream', {
            params: { path: { orgId, resultId }, query: { node, limit: TREE_LIMIT } },
          })
        ).data,
    })),
  });

  if (root.isPending) return <Loading />;
  if (root.error) return <ErrorMessage error={root.error} />;
  const tree = root.data;
  const states = new Map<string, ChildrenState>([
    ['root', { status: 'loaded', children: tree.node.children ?? [] }],
  ]);
  below.forEach((id, i) => {
    const answer = answers[i];
    states.set(
      id,
      answer.data
        ? { status: 'loaded', children: answer.data.node.children ?? [] }
        : answer.error
          ? { status: 'error', error: answer.error }
          : { status: 'loading' },
    );
  });
  const rows = visibleRows(tree.node, expanded, (id) => states.get(id));
  const toggle = (id: string) => onExpandedChange((open) => toggled(open, id));
  const label = (node: UpstreamNode) =>
    node.kind === 'others'
      ? t('results.tree.others', { count: node.count ?? 0 })
      : names.local(node.label, node.labelZh);

  const onKeyDown = (event: KeyboardEvent, node: UpstreamNode, open: boolean) => {
    if ((event.key === 'ArrowRight' && !open) || (event.key === 'ArrowLeft' && open)) {
      event.preventDefault();
      toggle(node.id);
    }
  };

  return (
    <section className="card" aria-labelledby="tree-heading">
      <h2 id="tree-heading">{t('results.tree.title')}</h2>
      <p className="muted small">{t('results.tree.intro', { limit: TREE_LIMIT })}</p>
      <div className="table-scroll">
        <table className="tree-table">
          <caption className="visually-hidden">{t('results.tree.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('results.tree.node')}</th>
              <th scope="col" className="numeric">
                {t('results.tree.amount')}
              </th>
              <th scope="col" className="numeric hide-narrow">
                {t('results.tree.direct')}
              </th>
              <th scope="col" className="numeric">
                {t('results.tree.total')}
              </th>
              <th scope="col" className="numeric">
                {t('results.share')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const { node } = row;
              if (row.pending)
                return (
                  <tr key={`${node.id}/…`}>
                    <td colSpan={5} className={`tree-cell level-${Math.min(row.level, 12)}`}>
                      {row.pending === 'loading' ? <Loading /> : <ErrorMessage error={row.error} />}
                    </td>
                  </tr>
                );
              const name = label(node);
              return (
                <tr key={node.id} data-node={node.id}>
                  <th scope="row" className={`tree-cell level-${Math.min(row.level, 12)}`}>
                    <div className="tree-node">
                      {node.expandable ? (
                        <button
                          type="button"
                          className="tree-toggle"
                          aria-expanded={row.expanded}
                          aria-label={t(row.expanded ? 'results.tree.collapse' : 'results.tree.expand', {
                            name,
                          })}
                          onClick={() => toggle(node.id)}
                          onKeyDown={(event) => onKeyDown(event, node, row.expanded)}
                        >
                          <span aria-hidden="true">{row.expanded ? '▾' : '▸'}</span>
                        </button>
                      ) : (
                        <span className="tree-leaf" aria-hidden="true" />
                      )}
                      <span className="tree-label">
                        {name}
                        <span className="badge">{names.kind(node.kind)}</span>
                        {node.productName && node.productName !== node.label && (
                          <span className="muted small tree-product">{node.productName}</span>
                        )}
                      </span>
                    </div>
                  </th>
                  <td className="numeric">
                    {node.amount === null ? '—' : format.amount(node.amount, node.unit ?? '')}
                  </td>
                  <td className="numeric hide-narrow">{format.number(node.direct)}</td>
                  <td className="numeric">{format.number(node.total)}</td>
                  <td className="numeric share-cell">
                    <span
                      className="share-bar"
                      aria-hidden="true"
                      style={{ width: `${barWidth(node.share)}%` }}
                    />
                    {format.percent(node.share)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        {t('results.tree.method', { gwpSet: names.method(tree.gwpSet), approach: tree.biogenicApproach })}
      </p>
    </section>
  );
}

/** The share bar's width in % (credits and overlaps kept within 0 … 100). */
const barWidth = (share: number) => Math.max(0, Math.min(100, Math.abs(share) * 100));
