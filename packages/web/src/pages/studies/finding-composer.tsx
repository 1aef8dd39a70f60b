import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { StudyError } from './study-error';

/**
 * The verifier's form for a finding on one item: what it is about (in words and as the JSON pointer the API
 * keeps), the text, raise and cancel. The text area takes the focus when the form opens; Escape cancels.
 *
 * @example <FindingComposer itemPath={path} item={describe(path)} onRaise={(text) => …} onCancel={…} pending={false} error={null} />
 */
export function FindingComposer({
  itemPath,
  item,
  initialText = '',
  onRaise,
  onCancel,
  pending,
  error,
}: {
  itemPath: string;
  item: string;
  initialText?: string;
  onRaise(text: string): void;
  onCancel(): void;
  pending: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(initialText);
  const [tried, setTried] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    area.current?.focus();
  }, [itemPath]);
  const empty = text.trim() === '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!empty) onRaise(text.trim());
  };
  return (
    <form
      className="finding-composer"
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
      aria-labelledby={`${id}-title`}
    >
      <p id={`${id}-title`} className="composer-title">
        {t('studies.findings.composerTitle', { item })}
        <code className="item-path">{itemPath === '' ? '""' : itemPath}</code>
      </p>
      <div className={`field${tried && empty ? ' field-invalid' : ''}`}>
        <label htmlFor={`${id}-text`}>{t('studies.findings.text')}</label>
        <textarea
          ref={area}
          id={`${id}-text`}
          rows={3}
          maxLength={10000}
          value={text}
          aria-invalid={(tried && empty) || undefined}
          aria-describedby={tried && empty ? `${id}-issue` : undefined}
          onChange={(event) => setText(event.target.value)}
        />
        {tried && empty && (
          <p id={`${id}-issue`} className="field-issues issue-error">
            {t('studies.form.issues.required')}
          </p>
        )}
      </div>
      <div className="button-row">
        <button type="submit" className="button-main" disabled={pending}>
          {t('studies.findings.raiseSubmit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('studies.cancel')}
        </button>
      </div>
      {error !== null && <StudyError error={error} />}
    </form>
  );
}
