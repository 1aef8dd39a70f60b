import type { Schema } from '@opencfp/client';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../../api/api-context';
import { useOrganisation } from '../../api/organisation';
import { ErrorMessage, Loading } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { languageOf } from '../../i18n/i18n';
import { studyStatusClass } from '../study-rows';
import { useStudies, type Relation } from './study-queries';
import { useStudyNames } from './use-study-names';
import { VerificationLabel } from './verification-label';

const RELATIONS: readonly Relation[] = ['practitioner', 'verifier', 'certification-body'];
const STATES: readonly Schema<'StudyState'>[] = [
  'draft',
  'submitted',
  'in-verification',
  'findings-raised',
  'findings-answered',
  'verified',
  'rejected',
  'certified',
  'published',
  'superseded',
  'withdrawn',
];

/**
 * The studies the organisation takes part in (`/studies`): its own and those it is invited to verify or certify,
 * newest change first, filtered by its part and the state (kept in the URL); each with its product and model (its
 * own), rule set, state, verification label (self-declared ones stand out) and open findings. Editors start a new
 * study here; the signing keys are one link away.
 */
export default function StudiesPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const names = useStudyNames();
  const api = useApi();
  const relationId = useId();
  const stateId = useId();
  const [params, setParams] = useSearchParams();
  const { organisation } = useOrganisation();
  const orgId = organisation.id;
  const relation = RELATIONS.find((r) => r === params.get('relation')) ?? null;
  const state = STATES.find((s) => s === params.get('state')) ?? null;
  const studies = useStudies(orgId, relation);
  const products = useQuery({
    queryKey: ['products', orgId],
    queryFn: async () =>
      (await api.GET('/v1/orgs/{orgId}/products', { params: { path: { orgId } } })).data.products,
  });
  const models = useQuery({
    queryKey: ['models', orgId],
    queryFn: async () =>
      (await api.GET('/v1/orgs/{orgId}/models', { params: { path: { orgId } } })).data.models,
  });
  const zh = languageOf(i18n) === 'zh-CN';
  const canCreate = organisation.role === 'owner' || organisation.role === 'editor';
  const filter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const shown = (studies.data ?? [])
    .filter((s) => state === null || s.state === state)
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const subtitle = (study: Schema<'Study'>) => {
    if (study.relation !== 'practitioner')
      return t('studies.list.from', { organisation: study.organisationName });
    // both names together or none, not one and then the other
    if (products.isPending || models.isPending) return '';
    const product = products.data?.find((p) => p.id === study.productId);
    const model = models.data?.find((m) => m.id === study.modelId);
    return [product ? (zh && product.nameZh ? product.nameZh : product.nameEn) : null, model?.name ?? null]
      .filter((x) => x !== null)
      .join(' · ');
  };

  return (
    <div className="page studies-page">
      <h1>{t('studies.list.title')}</h1>
      <p className="muted">{t('studies.list.intro')}</p>
      <div className="button-row">
        {canCreate && (
          <Link className="button-like button-main" to="/studies/new">
            {t('studies.list.new')}
          </Link>
        )}
        <Link to="/signing-keys">{t('studies.list.signingKeys')}</Link>
      </div>
      <div className="toolbar section-gap">
        <div className="field">
          <label htmlFor={relationId}>{t('studies.list.relation')}</label>
          <select id={relationId} value={relation ?? ''} onChange={(e) => filter('relation', e.target.value)}>
            <option value="">{t('studies.list.allRelations')}</option>
            {RELATIONS.map((r) => (
              <option key={r} value={r}>
                {names.relation(r)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={stateId}>{t('studies.list.state')}</label>
          <select id={stateId} value={state ?? ''} onChange={(e) => filter('state', e.target.value)}>
            <option value="">{t('studies.list.allStates')}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {names.state(s)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {studies.isPending ? (
        <Loading />
      ) : studies.error ? (
        <ErrorMessage error={studies.error} />
      ) : shown.length === 0 ? (
        <p className="muted" role="status">
          {t('studies.list.none')}
        </p>
      ) : (
        <div className="table-scroll card">
          <table>
            <caption className="visually-hidden">{t('studies.list.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.studies.study')}</th>
                <th scope="col" className="hide-narrow">
                  {t('studies.list.part')}
                </th>
                <th scope="col">{t('studies.fields.ruleSetId')}</th>
                <th scope="col">{t('dashboard.studies.state')}</th>
                <th scope="col">{t('dashboard.studies.verification')}</th>
                <th scope="col" className="numeric">
                  {t('studies.list.openFindings')}
                </th>
                <th scope="col" className="hide-narrow">
                  {t('dashboard.studies.updatedAt')}
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((study) => (
                <tr key={study.id}>
                  <th scope="row">
                    <Link to={`/studies/${encodeURIComponent(study.id)}`}>{study.title}</Link>
                    <span className="cell-note">{subtitle(study)}</span>
                  </th>
                  <td className="hide-narrow">{names.relation(study.relation)}</td>
                  <td>{names.ruleSetShort(study.ruleSetId)}</td>
                  <td>
                    <span className={`status status-${studyStatusClass(study.state)}`}>
                      {names.state(study.state)}
                    </span>
                  </td>
                  <td>
                    <VerificationLabel study={study} />
                  </td>
                  <td className="numeric">{format.integer(study.findings.open)}</td>
                  <td className="hide-narrow nowrap">{format.dateTime(study.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
