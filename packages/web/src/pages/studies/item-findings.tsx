import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFindingTargets } from './finding-targets';

/**
 * The findings of one item of a study, in its row: how many were raised on it (a link to them), and — for the
 * invited verifier during the verification — a button to raise one, named after the item for screen readers.
 *
 * @example <td><ItemFindings path="/model/processes/0/inputs/2" /></td> … <ComposerRow targetKey="/model/processes/0/inputs/2" columns={8} />
 */
export function ItemFindings({
  path,
  text,
  targetKey = path,
}: {
  path: string;
  text?: string;
  targetKey?: string;
}) {
  const { t } = useTranslation();
  const targets = useFindingTargets();
  const { all, open } = targets.count(path);
  const label = targets.describe(path);
  const badge =
    open > 0
      ? t('studies.findings.badgeOpen', { count: all, open })
      : t('studies.findings.badge', { count: all });
  return (
    <span className="item-findings">
      {all > 0 && (
        <Link
          to={targets.findingsHref}
          className={`badge ${open > 0 ? 'badge-open' : ''}`}
          // the visible text first (WCAG 2.5.3), then which item
          aria-label={t('studies.findings.onItem', { badge, item: label })}
        >
          {badge}
        </Link>
      )}
      {targets.canRaise && (
        <button
          type="button"
          className="button-small"
          aria-label={t('studies.findings.raiseOn', { item: label })}
          aria-expanded={targets.composing === targetKey}
          onClick={() => targets.raise(path, text, targetKey)}
        >
          {t('studies.findings.raise')}
        </button>
      )}
    </span>
  );
}

/**
 * The row under an item's row where the verifier writes the finding on it (nothing when another item is chosen).
 *
 * @example <ComposerRow targetKey={path} columns={6} />
 */
export function ComposerRow({ targetKey, columns }: { targetKey: string; columns: number }) {
  const targets = useFindingTargets();
  if (targets.composing !== targetKey) return null;
  return (
    <tr className="composer-row">
      <td colSpan={columns}>{targets.composer}</td>
    </tr>
  );
}

/**
 * The place outside a table where the verifier writes a finding on an item.
 *
 * @example <ComposerBlock targetKey="/study/declarations/choices" />
 */
export function ComposerBlock({ targetKey }: { targetKey: string }) {
  const targets = useFindingTargets();
  if (targets.composing !== targetKey) return null;
  return <div className="composer-block">{targets.composer}</div>;
}
