import { ApiError } from '@opencfp/client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useApi } from '../../api/api-context';
import { useOrganisation } from '../../api/organisation';
import { useMe } from '../../api/session';
import { ErrorMessage, Loading } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { ResultPicker } from './result-picker';
import { studyControls } from './study-controls';
import { StudyError } from './study-error';
import { StudyForm } from './study-form';
import {
  readStudyForm,
  studyChange,
  studyValues,
  type FormIssue,
  type StudyFormValues,
} from './study-form-values';
import { useCompliance, useStudy, useStudyMove, type StudyDetail } from './study-queries';
import { useRunTools } from './use-run-tools';

/**
 * Someone else changed the study since the form was filled (409 VERSION_CONFLICT): who (from the study's history)
 * and when, and the choice between their version (the form is filled again from it) and this form's values saved
 * over theirs on purpose.
 */
function ConflictNotice({
  theirs,
  onLoadTheirs,
  onKeepMine,
  pending,
}: {
  theirs: StudyDetail;
  onLoadTheirs(): void;
  onKeepMine(): void;
  pending: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const last = theirs.history.at(-1);
  return (
    <div className="message message-conflict" role="alert">
      <h2>{t('studies.edit.conflictTitle')}</h2>
      <p>
        {last
          ? t('studies.edit.conflictText', {
              name: last.actorName ?? t('studies.findings.someone'),
              time: format.dateTime(last.at),
              version: theirs.version,
            })
          : t('studies.edit.conflictTextUnknown', { version: theirs.version })}
      </p>
      <div className="button-row">
        <button type="button" onClick={onLoadTheirs} disabled={pending}>
          {t('studies.edit.loadTheirs')}
        </button>
        <button type="button" className="button-danger" onClick={onKeepMine} disabled={pending}>
          {t('studies.edit.keepMine')}
        </button>
      </div>
    </div>
  );
}

/**
 * A draft (or rejected) study changed (`/studies/:studyId/edit`): the same form as a new study's, the result among
 * its model's results, saved with `If-Match` of the version the form was filled from — only the fields changed.
 * When someone else saved in between, nothing is overwritten without asking (ConflictNotice).
 */
export default function StudyEditPage() {
  const { t } = useTranslation();
  const { studyId = '' } = useParams();
  const { organisation } = useOrganisation();
  const me = useMe();
  const study = useStudy(organisation.id, studyId);
  if (study.isPending || me.isPending) return <Loading />;
  if (study.error) return <ErrorMessage error={study.error} />;
  const controls = studyControls(study.data, {
    role: organisation.role,
    userId: me.data?.user?.id ?? null,
  });
  if (!controls.has('edit'))
    return (
      <div className="page">
        <h1>{study.data.title}</h1>
        <p className="message message-info">{t('studies.edit.notEditable')}</p>
        <Link to={`/studies/${encodeURIComponent(studyId)}`}>{t('studies.edit.back')}</Link>
      </div>
    );
  return <StudyEditForm key={study.data.id} study={study.data} />;
}

/** The form of a study, filled once from the version read (`study`), then the user's. */
function StudyEditForm({ study }: { study: StudyDetail }) {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const { organisation } = useOrganisation();
  const orgId = organisation.id;
  const studyId = study.id;
  const compliance = useCompliance(orgId, studyId, study.resultId !== null);
  const move = useStudyMove(orgId, studyId);
  const [values, setValues] = useState<StudyFormValues>(() => studyValues(study));
  const [base, setBase] = useState<StudyDetail>(study);
  const [issues, setIssues] = useState<FormIssue[]>([]);
  const [tried, setTried] = useState(false);
  const [conflict, setConflict] = useState<StudyDetail | null>(null);

  const change = useCallback(
    (next: StudyFormValues) => {
      setValues(next);
      if (tried) setIssues(readStudyForm(next).issues);
    },
    [tried],
  );
  const setResult = useCallback((resultId: string) => setValues((v) => ({ ...v, resultId })), []);
  const tools = useRunTools(orgId, base.modelId, values.resultId || null, values, change);
  // the model's current version: results of an earlier one cannot be submitted
  const models = useQuery({
    queryKey: ['models', orgId],
    queryFn: async () =>
      (await api.GET('/v1/orgs/{orgId}/models', { params: { path: { orgId } } })).data.models,
  });
  const studyHref = `/studies/${encodeURIComponent(studyId)}`;

  const save = (from: StudyDetail) => {
    setTried(true);
    const found = readStudyForm(values).issues;
    setIssues(found);
    if (found.length > 0) return;
    const body = studyChange(from, values);
    if (Object.keys(body).length === 0) {
      void navigate(`${studyHref}?view=compliance`);
      return;
    }
    move.mutate(
      { action: 'update', version: from.version, change: body },
      {
        onSuccess: () => void navigate(`${studyHref}?view=compliance`),
        onError: async (error) => {
          if (!ApiError.is(error, 'VERSION_CONFLICT')) return;
          const { data } = await api.GET('/v1/orgs/{orgId}/studies/{id}', {
            params: { path: { orgId, id: studyId } },
          });
          setConflict(data);
        },
      },
    );
  };
  const attestable = (compliance.data?.rows ?? [])
    .filter((row) => row.status === 'needs-evidence')
    .map((row) => ({ id: row.requirementId, clause: row.clause }));
  const model = models.data?.find((m) => m.id === base.modelId);

  return (
    <div className="page studies-page">
      <p className="breadcrumb">
        <Link to="/studies">{t('studies.list.title')}</Link> › <Link to={studyHref}>{study.title}</Link> ›{' '}
        {t('studies.edit.title')}
      </p>
      <h1>{t('studies.edit.heading', { title: study.title })}</h1>
      {conflict && (
        <ConflictNotice
          theirs={conflict}
          pending={move.isPending}
          onLoadTheirs={() => {
            setBase(conflict);
            setValues(studyValues(conflict));
            setConflict(null);
            move.reset();
            void queries.invalidateQueries({ queryKey: ['studies', orgId] });
          }}
          onKeepMine={() => {
            setBase(conflict);
            setConflict(null);
            save(conflict);
          }}
        />
      )}
      <StudyForm
        values={values}
        onChange={change}
        issues={issues}
        onSubmit={() => save(base)}
        submitLabel={t('studies.edit.save')}
        submitting={move.isPending}
        tools={tools}
        attestable={attestable}
        invited={base.verifier !== null}
        head={
          model ? (
            <div className="form-grid">
              <ResultPicker orgId={orgId} model={model} value={values.resultId} onChange={setResult} />
            </div>
          ) : null
        }
      />
      {move.error && !conflict && !ApiError.is(move.error, 'VERSION_CONFLICT') && (
        <StudyError error={move.error} />
      )}
    </div>
  );
}
