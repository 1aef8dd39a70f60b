import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { placeId, useIssuesAt } from './editor-context';
import type { DocumentPath } from './model-types';
import type { EditorIssue } from './validate-document';

/** The attributes a control inside a FieldFrame takes: its id, and its problems and hint for assistive tech. */
export interface ControlProps {
  id: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
}

/**
 * A labelled field of the editor with its problems in place: the label, the control (given its id and ARIA
 * attributes), a hint, and the errors and warnings at `path` — from the browser's checks and from the server's
 * 400 VALIDATION_FAILED — read out with the control.
 *
 * @example
 * <FieldFrame path={['processes', 0, 'name']} label={t('editor.process.name')}>
 *   {(control) => <input {...control} value={name} onChange={…} />}
 * </FieldFrame>
 */
export function FieldFrame({
  path,
  label,
  hint,
  className,
  children,
}: {
  path: DocumentPath;
  label: ReactNode;
  hint?: ReactNode;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const issues = useIssuesAt(path);
  const id = placeId(path);
  const described = [hint ? `${id}-hint` : '', issues.length ? `${id}-issues` : ''].filter(Boolean).join(' ');
  const invalid = issues.some((i) => i.severity === 'error');
  return (
    <div className={`field${className ? ` ${className}` : ''}${invalid ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': invalid || undefined, 'aria-describedby': described || undefined })}
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      <IssueList id={`${id}-issues`} issues={issues} />
    </div>
  );
}

/**
 * Problems as a list (errors, then warnings), in the reader's language; a message the catalogues have no text
 * for is the server's own words.
 *
 * @example <IssueList id="…" issues={issues} />
 */
export function IssueList({ id, issues }: { id?: string; issues: readonly EditorIssue[] }) {
  const { t } = useTranslation();
  if (issues.length === 0) return null;
  return (
    <ul id={id} className="field-issues">
      {issues.map((issue, i) => (
        <li key={i} className={`issue issue-${issue.severity}`}>
          <span className="visually-hidden">
            {t(issue.severity === 'error' ? 'editor.issues.errorLabel' : 'editor.issues.warningLabel')}
          </span>
          {issueText(t, issue)}
        </li>
      ))}
    </ul>
  );
}

/** An issue's text in the reader's language (with the scenario whose calculation raises it, if one does). */
export function issueText(t: TFunction, issue: EditorIssue): string {
  const { message } = issue;
  const text =
    message.key !== undefined
      ? t(`editor.issues.${message.key}`, message.values ?? {})
      : t('editor.issues.serverSays', { text: message.text });
  return message.scenario === undefined
    ? text
    : t('editor.issues.inScenario', { scenario: message.scenario, problem: text });
}
