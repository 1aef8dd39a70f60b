import type { Schema } from '@opencfp/client';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../api/api-context';
import { ErrorMessage, Loading } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { languageOf } from '../../i18n/i18n';

/**
 * Chooses the calculation result a study reports among its model's results (newest first): date, total, scenario
 * and model version of each. A result of an earlier version of the model is marked: only a result of the model as
 * saved now can be submitted (the server refuses the others with INPUTS_CHANGED). Without results, a link to
 * calculate the model. The newest result of the current version is chosen when none is.
 *
 * @example <ResultPicker orgId={orgId} model={model} value={values.resultId} onChange={(id) => …} />
 */
export function ResultPicker({
  orgId,
  model,
  value,
  onChange,
}: {
  orgId: string;
  model: Pick<Schema<'ProductModelSummary'>, 'id' | 'version'>;
  value: string;
  onChange(resultId: string): void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const api = useApi();
  const id = useId();
  const zh = languageOf(i18n) === 'zh-CN';
  const results = useQuery({
    queryKey: ['studies', orgId, 'model-results', model.id],
    queryFn: async () =>
      (
        await api.GET('/v1/orgs/{orgId}/models/{id}/calculations', {
          params: { path: { orgId, id: model.id } },
        })
      ).data.results,
  });
  // Proposed: the newest base-case result of the model as saved (a scenario's only when it has no base case), so
  // that accepting the default never reports a scenario's figure by mistake.
  const ofThisVersion = results.data?.filter((r) => r.modelVersion === model.version) ?? [];
  const current = ofThisVersion.find((r) => !r.scenario) ?? ofThisVersion[0];
  // once per model: a result chosen as "none" afterwards stays so
  const proposed = useRef<string | null>(null);
  useEffect(() => {
    if (proposed.current === model.id || !results.data) return;
    proposed.current = model.id;
    if (value === '' && current) onChange(current.id);
  }, [model.id, results.data, value, current, onChange]);
  if (results.isPending) return <Loading />;
  if (results.error) return <ErrorMessage error={results.error} />;
  const calculateHref = `/models/${encodeURIComponent(model.id)}/results`;
  if (results.data.length === 0)
    return (
      <div className="message message-warning">
        <p>
          {t('studies.form.noResults')} <Link to={calculateHref}>{t('studies.form.calculate')}</Link>
        </p>
      </div>
    );
  const chosen = results.data.find((r) => r.id === value);
  return (
    <div className="field span-2">
      <label htmlFor={id}>{t('studies.form.result')}</label>
      <select
        id={id}
        value={value}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">{t('studies.form.noResult')}</option>
        {results.data.map((result) => (
          <option key={result.id} value={result.id}>
            {t('studies.form.resultOption', {
              time: format.dateTime(result.createdAt),
              total: format.co2e(result.total),
              scenario: result.scenario
                ? zh && result.scenario.nameZh
                  ? result.scenario.nameZh
                  : result.scenario.name
                : t('studies.form.baseCase'),
              version: result.modelVersion,
            })}
            {result.modelVersion !== model.version ? ` — ${t('studies.form.olderVersion')}` : ''}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className="field-hint">
        {t('studies.form.resultHint')} <Link to={calculateHref}>{t('studies.form.calculate')}</Link>
      </p>
      {chosen && chosen.modelVersion !== model.version && (
        <p className="field-issues issue-warning">
          {t('studies.form.resultOfOlderVersion', { version: chosen.modelVersion, current: model.version })}
        </p>
      )}
    </div>
  );
}
