import { useTranslation } from 'react-i18next';
import { placeId } from './editor-context';
import { issueText } from './field-frame';
import { placeOf } from './issue-placement';
import type { ModelDocument } from './model-types';
import type { EditorIssue } from './validate-document';

/** Where an issue is, in words: the process, input, parameter or scenario it concerns. */
function where(
  t: ReturnType<typeof useTranslation>['t'],
  document: ModelDocument,
  path: EditorIssue['path'],
): string {
  const [first, index, second, inner] = path;
  if (first === 'processes' && typeof index === 'number') {
    const process = document.processes[index];
    const name = process?.name || process?.id || String(index + 1);
    if ((second === 'inputs' || second === 'emissions') && typeof inner === 'number') {
      const item = second === 'inputs' ? process?.inputs?.[inner]?.name : process?.emissions?.[inner]?.gas;
      return t('editor.problems.inProcessItem', { process: name, item: item || String(inner + 1) });
    }
    return t('editor.problems.inProcess', { process: name });
  }
  if (first === 'parameters' && typeof index === 'number')
    return t('editor.problems.inParameter', { name: document.parameters?.[index]?.name ?? index + 1 });
  if (first === 'scenarios' && typeof index === 'number')
    return t('editor.problems.inScenario', { name: document.scenarios?.[index]?.name ?? index + 1 });
  return t('editor.problems.inModel');
}

/**
 * Every problem of the model in one list (errors, then warnings), each a button that moves the focus to the field
 * it concerns — the same messages the fields show in place.
 */
export function ProblemsSummary({
  issues,
  document,
}: {
  issues: readonly EditorIssue[];
  document: ModelDocument;
}) {
  const { t } = useTranslation();
  if (issues.length === 0) return null;
  const errors = issues.filter((i) => i.severity === 'error').length;
  const sorted = [...issues].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1,
  );
  const go = (issue: EditorIssue) => {
    const target = window.document.getElementById(placeId(placeOf(issue.path)));
    // a field inside a collapsed part: open it first
    for (let node = target?.parentElement; node; node = node.parentElement) {
      if (node instanceof HTMLDetailsElement) node.open = true;
      if (node.hidden) node.hidden = false;
    }
    target?.scrollIntoView?.({ block: 'center' });
    target?.focus();
  };
  return (
    <details className={`problems ${errors ? 'problems-errors' : 'problems-warnings'}`} open={errors > 0}>
      <summary>{t('editor.problems.summary', { errors, warnings: issues.length - errors })}</summary>
      <ul>
        {sorted.map((issue, i) => (
          <li key={i} className={`issue issue-${issue.severity}`}>
            <button type="button" className="button-link" onClick={() => go(issue)}>
              {where(t, document, issue.path)}
            </button>
            : {issueText(t, issue)}
          </li>
        ))}
      </ul>
    </details>
  );
}
