import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DatasetSearch } from '../dataset-search';
import { placeId, useEditor, useIssuesAt } from '../editor-context';
import { IssueList } from '../field-frame';
import type { BackgroundSource, DocumentPath, ModelInput } from '../model-types';
import { datasetKey } from '../validate-document';

/**
 * A background input's dataset: what it links to (process, product, location, reference unit — looked up in the
 * model's version), a link to the dataset's page, and a search to choose or change it. Choosing one names the
 * input after the product when it has no name of its own yet, and takes the dataset's unit when the input's
 * cannot be converted to it.
 */
export function BackgroundFields({
  path,
  input,
  source,
  onChange,
  isNew,
}: {
  path: DocumentPath;
  input: ModelInput;
  source: BackgroundSource;
  onChange: (input: ModelInput) => void;
  isNew: boolean;
}) {
  const { t } = useTranslation();
  const { orgId, state, datasets, readOnly, units } = useEditor();
  const versionId = state.backgroundVersionId;
  const [searching, setSearching] = useState(false);
  const at = [...path, 'source', 'processId'];
  const issues = useIssuesAt(at);
  const dataset = source.processId ? datasets.get(datasetKey(source.processId, source.productId)) : undefined;

  if (versionId === null)
    return <p className="message message-warning">{t('editor.background.noVersion')}</p>;
  const search = (
    <DatasetSearch
      orgId={orgId}
      versionId={versionId}
      label={t('editor.background.search')}
      autoFocus={isNew || searching}
      onPick={(picked) => {
        setSearching(false);
        const unnamed = !input.name.trim() || input.name === t('editor.kinds.background');
        onChange({
          ...input,
          name: unnamed ? picked.productName : input.name,
          unit: units?.convertible(input.unit, picked.unit) === 'yes' ? input.unit : picked.unit,
          source: { kind: 'background', processId: picked.processId, productId: picked.productId },
        });
      }}
    />
  );
  return (
    <div className="source-fields" id={placeId(at)} tabIndex={-1}>
      {source.processId ? (
        <div className="linked-dataset">
          <span className="linked-label">{t('editor.background.linked')}</span>
          {dataset === undefined ? (
            <span className="muted">{t('common.loading')}</span>
          ) : dataset === null ? (
            <span className="mono">{source.processId}</span>
          ) : (
            <>
              <Link
                to={`/databases/${encodeURIComponent(versionId)}/processes/${encodeURIComponent(dataset.processId)}?product=${encodeURIComponent(dataset.productId)}`}
                target="_blank"
                rel="noopener"
              >
                {dataset.processName}
              </Link>
              <span className="option-facts">
                <span>{dataset.productName}</span>
                <span className="badge">{dataset.location ?? '—'}</span>
                <span className="badge badge-unit">
                  {t('editor.background.perUnit', { unit: dataset.unit })}
                </span>
              </span>
            </>
          )}
          {!readOnly && (
            <button
              type="button"
              className="button-small"
              aria-expanded={searching}
              onClick={() => setSearching((s) => !s)}
            >
              {searching ? t('editor.background.keep') : t('editor.background.change')}
            </button>
          )}
        </div>
      ) : null}
      <IssueList issues={issues} />
      {!readOnly && (!source.processId || searching) && search}
    </div>
  );
}
