import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import type { Autosave } from './use-autosave';

/**
 * Whether the model is saved, said in words and read out when it changes: saving, saved at a time, unsaved
 * changes (waiting for a pause in typing), not saved because of problems to fix, a refusal or a failure (with a
 * button to try again), or a conflict.
 */
export function SaveStatus({
  autosave,
  errorCount,
  readOnly,
}: {
  autosave: Autosave;
  errorCount: number;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { problem, saving, dirty, saved } = autosave;
  let text: string;
  let tone = 'ok';
  if (readOnly) text = t('editor.save.readOnly');
  else if (problem?.kind === 'conflict') {
    text = t('editor.save.conflict');
    tone = 'error';
  } else if (saving) text = t('editor.save.saving');
  else if (dirty && errorCount > 0) {
    text = t('editor.save.blocked', { count: errorCount });
    tone = 'error';
  } else if (dirty && problem?.kind === 'refused') {
    text = t('editor.save.refused');
    tone = 'error';
  } else if (dirty && problem?.kind === 'failed') {
    text = t('editor.save.failed');
    tone = 'error';
  } else if (dirty) text = t('editor.save.pending');
  else text = t('editor.save.saved', { time: format.dateTime(saved.updatedAt), version: saved.version });
  return (
    <div className={`save-status save-${tone}`}>
      <p role="status" aria-live="polite">
        {text}
      </p>
      {dirty && problem?.kind === 'failed' && !saving && (
        <>
          <ErrorMessage error={problem.error} />
          <button type="button" className="button-small" onClick={() => void autosave.saveNow()}>
            {t('editor.save.retry')}
          </button>
        </>
      )}
    </div>
  );
}
