import type { Schema } from '@opencfp/client';
import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApi } from '../../api/api-context';
import { ErrorMessage } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { BASE_CASE } from './calculate-panel';
import { useResultNames } from './result-names';

type Summary = Schema<'CalculationResultSummary'>;

/** A choice: a scenario to calculate now ('scenario:<id>', '' for the base case) or a stored result ('result:<id>'). */
const scenarioValue = (id: string) => `scenario:${id}`;
const resultValue = (id: string) => `result:${id}`;

/**
 * Picks two scenarios of a model (calculated now with the default options, or the stored result of equal inputs) or
 * two earlier results, and opens them side by side.
 *
 * @example <CompareForm orgId={orgId} model={model} results={results} />
 */
export function CompareForm({
  orgId,
  model,
  results,
}: {
  orgId: string;
  model: Schema<'ProductModel'>;
  results: readonly Summary[];
}) {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const format = useFormat();
  const names = useResultNames();
  const aId = useId();
  const bId = useId();
  const scenarios = model.model.scenarios ?? [];
  const [a, setA] = useState(scenarioValue(BASE_CASE));
  const [b, setB] = useState(
    scenarios.length > 0 ? scenarioValue(scenarios[0].id) : results[1] ? resultValue(results[1].id) : '',
  );

  const resolve = async (choice: string): Promise<string> => {
    if (choice.startsWith('result:')) return choice.slice('result:'.length);
    const scenarioId = choice.slice('scenario:'.length);
    const { data } = await api.POST('/v1/orgs/{orgId}/models/{id}/calculations', {
      params: { path: { orgId, id: model.id } },
      body: scenarioId === BASE_CASE ? {} : { scenarioId },
    });
    return data.id;
  };
  const compare = useMutation({
    mutationFn: async () => Promise.all([resolve(a), resolve(b)]),
    onSuccess: ([ra, rb]) =>
      void navigate(
        `/models/${encodeURIComponent(model.id)}/compare?a=${encodeURIComponent(ra)}&b=${encodeURIComponent(rb)}`,
      ),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    compare.mutate();
  };

  const options = (
    <>
      <optgroup label={t('results.compare.scenarios')}>
        <option value={scenarioValue(BASE_CASE)}>{t('results.baseCase')}</option>
        {scenarios.map((s) => (
          <option key={s.id} value={scenarioValue(s.id)}>
            {names.scenario(s)}
          </option>
        ))}
      </optgroup>
      {results.length > 0 && (
        <optgroup label={t('results.compare.earlier')}>
          {results.map((r) => (
            <option key={r.id} value={resultValue(r.id)}>
              {t('results.compare.resultOption', {
                date: format.dateTime(r.createdAt),
                scenario: names.scenario(r.scenario),
                method: names.method(r.request.method ?? 'ipcc-ar6-gwp100'),
                total: format.co2e(r.total),
              })}
            </option>
          ))}
        </optgroup>
      )}
    </>
  );
  return (
    <form onSubmit={submit} aria-labelledby="compare-heading">
      <h2 id="compare-heading">{t('results.compare.title')}</h2>
      <p className="muted small">{t('results.compare.intro')}</p>
      <div className="field">
        <label htmlFor={aId}>{t('results.compare.a')}</label>
        <select id={aId} value={a} onChange={(event) => setA(event.target.value)}>
          {options}
        </select>
      </div>
      <div className="field">
        <label htmlFor={bId}>{t('results.compare.b')}</label>
        <select id={bId} value={b} onChange={(event) => setB(event.target.value)}>
          <option value="" disabled>
            {t('results.compare.choose')}
          </option>
          {options}
        </select>
      </div>
      <button
        type="submit"
        className="button-primary button-inline"
        disabled={compare.isPending || a === '' || b === '' || a === b}
      >
        {compare.isPending ? t('results.compare.calculating') : t('results.compare.submit')}
      </button>
      {compare.error && <ErrorMessage error={compare.error} />}
    </form>
  );
}
