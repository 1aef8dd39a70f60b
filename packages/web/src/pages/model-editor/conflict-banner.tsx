import type { Schema } from '@opencfp/client';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { inputsOf } from './document-operations';
import { differences } from './model-differences';
import type { EditorState } from './model-types';
import { stateOf } from './use-autosave';

/** How much a model holds, to tell two versions apart at a glance. */
function counts(document: EditorState['document']) {
  return {
    processes: document.processes.length,
    inputs: document.processes.reduce((n, p) => n + inputsOf(p).length, 0),
    parameters: document.parameters?.length ?? 0,
  };
}

/**
 * Someone else saved this model while it was being edited (409 VERSION_CONFLICT): nothing more is saved until the
 * user chooses. Their version (who saved it and when — a person, or a machine client's API token —, which
 * version, what it holds) beside the user's; "Load theirs" makes theirs
 * the editor's state (undo brings the user's back), "Keep mine" saves the user's over theirs on purpose, and the
 * user's copy can be downloaded as JSON either way.
 */
export function ConflictBanner({
  theirs,
  mine,
  onTakeTheirs,
  onKeepMine,
}: {
  theirs: Schema<'ProductModel'>;
  mine: EditorState;
  onTakeTheirs: () => void;
  onKeepMine: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const theirCounts = counts(theirs.model);
  const myCounts = counts(mine.document);
  const differing = differences(stateOf(theirs), mine);
  const download = () => {
    const blob = new Blob([JSON.stringify({ name: mine.name, model: mine.document }, null, 2)], {
      type: 'application/json',
    });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `${mine.name.replace(/[^\p{L}\p{N}._-]+/gu, '-') || 'model'}.json`;
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div className="message message-conflict" role="alert">
      <h2>{t('editor.conflict.title')}</h2>
      <p>
        {theirs.updatedBy
          ? t('userId' in theirs.updatedBy ? 'editor.conflict.textByUser' : 'editor.conflict.textByClient', {
              name: theirs.updatedBy.name,
              version: theirs.version,
              time: format.dateTime(theirs.updatedAt),
            })
          : t('editor.conflict.text', { version: theirs.version, time: format.dateTime(theirs.updatedAt) })}
      </p>
      <dl className="facts small">
        <dt>{t('editor.conflict.theirs')}</dt>
        <dd>{t('editor.conflict.counts', { name: theirs.name, ...theirCounts })}</dd>
        <dt>{t('editor.conflict.mine')}</dt>
        <dd>{t('editor.conflict.counts', { name: mine.name, ...myCounts })}</dd>
        <dt>{t('editor.conflict.differences')}</dt>
        <dd>
          {differing.length === 0 ? (
            t('editor.conflict.same')
          ) : (
            <ul className="plain-list">
              {differing.map((d, i) => (
                <li key={i}>
                  {'process' in d
                    ? t(`editor.conflict.kinds.${d.kind}`, { process: d.process })
                    : t(`editor.conflict.kinds.${d.kind}`)}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <div className="button-row">
        <button type="button" onClick={onTakeTheirs}>
          {t('editor.conflict.takeTheirs')}
        </button>
        <button type="button" onClick={onKeepMine}>
          {t('editor.conflict.keepMine')}
        </button>
        <button type="button" className="button-link" onClick={download}>
          {t('editor.conflict.download')}
        </button>
      </div>
      <p className="field-hint">{t('editor.conflict.hint')}</p>
    </div>
  );
}
