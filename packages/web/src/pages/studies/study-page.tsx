import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { useOrganisation } from '../../api/organisation';
import { useMe } from '../../api/session';
import { ErrorMessage, Loading } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { studyStatusClass } from '../study-rows';
import { ComplianceView } from './compliance-view';
import { DeclarationsView } from './declarations-view';
import { FindingComposer } from './finding-composer';
import { FindingTargetsContext, type FindingTargets } from './finding-targets';
import { FindingsView } from './findings-view';
import { HistoryView } from './history-view';
import { itemLabel } from './item-label';
import { readItemPath } from './item-path';
import { ModelView } from './model-view';
import { ReportDownloads } from './report-downloads';
import { StatementView } from './statement-view';
import { StudyActions } from './study-actions';
import { studyControls } from './study-controls';
import {
  useCompliance,
  useFindings,
  useStudy,
  useStudyModel,
  useStudyMove,
  useStudyResult,
  type StudyDetail,
} from './study-queries';
import { SubmittedResultView } from './submitted-result-view';
import { useStudyNames } from './use-study-names';
import { VerificationLabel } from './verification-label';

/** The views of a study page (`?view=`). */
const VIEWS = ['overview', 'compliance', 'model', 'result', 'findings', 'history', 'statement'] as const;
type View = (typeof VIEWS)[number];

/** The study at a glance: who made it, who verifies it, the result it reports, its hashes and dates. */
function StudyFacts({ study }: { study: StudyDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const names = useStudyNames();
  const when = (label: string, iso: string | null) =>
    iso && (
      <>
        <dt>{label}</dt>
        <dd>{format.dateTime(iso)}</dd>
      </>
    );
  const party = (p: StudyDetail['verifier']) =>
    p
      ? p.userName
        ? t('studies.facts.party', { user: p.userName, organisation: p.organisationName })
        : p.organisationName
      : null;
  return (
    <section className="card" aria-labelledby="facts-heading">
      <h2 id="facts-heading">{t('studies.facts.title')}</h2>
      <dl className="facts">
        <dt>{t('studies.facts.practitioner')}</dt>
        <dd>{study.organisationName}</dd>
        <dt>{t('studies.fields.ruleSetId')}</dt>
        <dd>{`${names.ruleSet(study.ruleSetId)} (${study.ruleSetVersion})`}</dd>
        <dt>{t('studies.facts.verification')}</dt>
        <dd>
          <VerificationLabel study={study} />
        </dd>
        {!study.selfDeclared && (
          <>
            <dt>{t('studies.facts.verifier')}</dt>
            <dd>{party(study.verifier) ?? <span className="muted">{t('studies.facts.noVerifier')}</span>}</dd>
          </>
        )}
        {study.certificationBody && (
          <>
            <dt>{t('studies.facts.certificationBody')}</dt>
            <dd>{party(study.certificationBody)}</dd>
          </>
        )}
        {study.relation === 'practitioner' && (
          <>
            <dt>{t('studies.facts.model')}</dt>
            <dd>
              <Link to={`/models/${encodeURIComponent(study.modelId)}/results`}>
                {t('studies.facts.modelLink')}
              </Link>
              {' · '}
              <Link to={`/products/${encodeURIComponent(study.productId)}`}>
                {t('studies.facts.productLink')}
              </Link>
            </dd>
          </>
        )}
        <dt>{t('studies.facts.result')}</dt>
        <dd>
          {study.resultId === null ? (
            <span className="muted">{t('studies.facts.noResult')}</span>
          ) : study.relation === 'practitioner' ? (
            <Link to={`/calculations/${encodeURIComponent(study.resultId)}`}>{study.resultId}</Link>
          ) : (
            <code>{study.resultId}</code>
          )}
        </dd>
        {study.inputsHash && (
          <>
            <dt>{t('studies.facts.inputsHash')}</dt>
            <dd>
              <code className="hash">{study.inputsHash}</code>
            </dd>
          </>
        )}
        {study.frozenInputsHash && (
          <>
            <dt>{t('studies.facts.frozenInputsHash')}</dt>
            <dd>
              <code className="hash frozen-hash">{study.frozenInputsHash}</code>
              <span className="cell-note">{t('studies.facts.frozenNote')}</span>
            </dd>
          </>
        )}
        {when(t('studies.facts.submittedAt'), study.submittedAt)}
        {when(t('studies.facts.verifiedAt'), study.verifiedAt)}
        {when(t('studies.facts.certifiedAt'), study.certifiedAt)}
        {when(t('studies.facts.publishedAt'), study.publishedAt)}
        {when(t('studies.facts.withdrawnAt'), study.withdrawnAt)}
        {study.supersedes && (
          <>
            <dt>{t('studies.facts.supersedes')}</dt>
            <dd>
              <Link to={`/studies/${encodeURIComponent(study.supersedes)}`}>{study.supersedes}</Link>
            </dd>
          </>
        )}
        {study.supersededBy && (
          <>
            <dt>{t('studies.facts.supersededBy')}</dt>
            <dd>
              <Link to={`/studies/${encodeURIComponent(study.supersededBy)}`}>{study.supersededBy}</Link>
            </dd>
          </>
        )}
        <dt>{t('studies.facts.version')}</dt>
        <dd>
          {t('studies.facts.versionValue', {
            version: study.version,
            time: format.dateTime(study.updatedAt),
          })}
        </dd>
      </dl>
    </section>
  );
}

/**
 * One study (`/studies/:studyId`, `?view=` one of its views): its state and verification label, the moves the
 * reader may make, and its views — overview (facts, what it states, the report), the compliance check, the model as
 * submitted, the result, findings, history, and the signed statement once published. The practitioner and the
 * invited verifier (read-only, through their own organisation's path) see the same views; the verifier raises
 * findings on the items of the model, the result, the declarations and the compliance check.
 */
export default function StudyPage() {
  const { t } = useTranslation();
  const { studyId = '' } = useParams();
  const [params] = useSearchParams();
  const { organisation } = useOrganisation();
  const me = useMe();
  const names = useStudyNames();
  const orgId = organisation.id;
  const study = useStudy(orgId, studyId);
  const hasResult = Boolean(study.data?.resultId);
  const compliance = useCompliance(orgId, studyId, hasResult);
  const model = useStudyModel(orgId, studyId, hasResult);
  const result = useStudyResult(orgId, studyId, hasResult);
  const findings = useFindings(orgId, studyId);
  const move = useStudyMove(orgId, studyId);
  const findingMove = useStudyMove(orgId, studyId);
  const [composing, setComposing] = useState<{ key: string; path: string; text: string } | null>(null);
  const [findingBusy, setFindingBusy] = useState<string | null>(null);
  const [findingError, setFindingError] = useState<{ findingId: string; error: unknown } | null>(null);

  const controls = useMemo(
    () =>
      study.data
        ? studyControls(study.data, { role: organisation.role, userId: me.data?.user?.id ?? null })
        : new Set<never>(),
    [study.data, organisation.role, me.data],
  );
  const modelData = model.data?.model ?? null;
  const resultData = result.data?.result ?? null;
  const targets = useMemo<FindingTargets>(() => {
    const describe = (path: string) => {
      const label = itemLabel(readItemPath(path), modelData, resultData, names);
      return t(label.key, label.values);
    };
    return {
      canRaise: controls.has('raise-finding'),
      composing: composing?.key ?? null,
      raise: (path, text = '', key = path) => {
        findingMove.reset();
        setComposing({ key, path, text });
      },
      cancel: () => setComposing(null),
      count: (path) => {
        const on = (findings.data ?? []).filter((f) => f.itemPath === path);
        return { all: on.length, open: on.filter((f) => f.state === 'open').length };
      },
      describe,
      findingsHref: '?view=findings',
      composer: composing && (
        <FindingComposer
          key={composing.key}
          itemPath={composing.path}
          item={describe(composing.path)}
          initialText={composing.text}
          pending={findingMove.isPending}
          error={findingMove.error}
          onCancel={() => setComposing(null)}
          onRaise={(text) =>
            findingMove.mutate(
              { action: 'raise-finding', itemPath: composing.path, text },
              { onSuccess: () => setComposing(null) },
            )
          }
        />
      ),
    };
  }, [controls, composing, findings.data, modelData, resultData, names, t, findingMove]);

  // "Show the item" of a finding leads here with the item's id as the hash: once the view shows it (the view and
  // the answers that bring it are the dependencies), bring it into sight and mark it
  const { hash } = useLocation();
  useEffect(() => {
    const target = hash ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    if (!target) return;
    target.classList.add('item-target');
    target.scrollIntoView?.({ block: 'center' });
    return () => target.classList.remove('item-target');
  }, [hash, params, model.data, result.data, study.data]);

  if (study.isPending) return <Loading />;
  if (study.error) return <ErrorMessage error={study.error} />;
  const s = study.data;
  const requested = params.get('view');
  const available = (view: View) => view !== 'statement' || s.statementId !== null;
  const view: View = VIEWS.find((v) => v === requested && available(v)) ?? 'overview';
  const roots = {
    study: s,
    model: model.data?.view.model ?? null,
    result: result.data?.view.footprint ?? null,
  };
  const needsResult = (content: ReactNode, pending: boolean, error: unknown) =>
    !hasResult ? (
      <p className="message message-info">{t('studies.noResultYet')}</p>
    ) : pending ? (
      <Loading />
    ) : error ? (
      <ErrorMessage error={error} />
    ) : (
      content
    );
  const viewLabel = (v: View) =>
    v === 'findings' && s.findings.open > 0
      ? t('studies.views.findingsOpen', { open: s.findings.open })
      : t(`studies.views.${v}`);

  return (
    <FindingTargetsContext.Provider value={targets}>
      <div className="page studies-page study-page">
        <p className="breadcrumb">
          <Link to="/studies">{t('studies.list.title')}</Link> › {s.title}
        </p>
        <div className="study-title">
          <h1>{s.title}</h1>
          <span className={`status status-${studyStatusClass(s.state)}`}>{names.state(s.state)}</span>
          <VerificationLabel study={s} />
        </div>
        {s.relation !== 'practitioner' && (
          <p className="message message-info">
            {t(`studies.relationNote.${s.relation}`, { organisation: s.organisationName })}
          </p>
        )}
        <StudyActions
          study={s}
          controls={controls}
          compliance={compliance.data}
          modelChanged={model.data?.view.current.changed}
          pending={move.isPending}
          error={move.error}
          onMove={(m, onSuccess) => move.mutate(m, { onSuccess })}
        />
        {s.frozenInputsHash && (
          <p className="frozen small">
            {t(s.selfDeclared ? 'studies.frozenSelfDeclared' : 'studies.frozen')}{' '}
            <code className="hash">{s.frozenInputsHash}</code>
          </p>
        )}
        <nav className="view-switch" aria-label={t('studies.views.label')}>
          {VIEWS.filter(available).map((v) => (
            <Link key={v} to={`?view=${v}`} aria-current={v === view ? 'page' : undefined}>
              {viewLabel(v)}
            </Link>
          ))}
        </nav>
        {view === 'overview' && (
          <div className="study-overview">
            <StudyFacts study={s} />
            <DeclarationsView study={s} />
            {hasResult && <ReportDownloads orgId={orgId} studyId={s.id} />}
          </div>
        )}
        {view === 'compliance' &&
          needsResult(
            compliance.data && (
              <ComplianceView
                report={compliance.data}
                roots={roots}
                editHref={controls.has('edit') ? `/studies/${encodeURIComponent(s.id)}/edit` : null}
              />
            ),
            compliance.isPending,
            compliance.error,
          )}
        {view === 'model' &&
          needsResult(
            model.data && <ModelView answer={model.data} result={resultData} />,
            model.isPending,
            model.error,
          )}
        {view === 'result' &&
          needsResult(
            result.data && (
              <SubmittedResultView answer={result.data} ownResult={s.relation === 'practitioner'} />
            ),
            result.isPending,
            result.error,
          )}
        {view === 'findings' &&
          (findings.isPending ? (
            <Loading />
          ) : findings.error ? (
            <ErrorMessage error={findings.error} />
          ) : (
            <FindingsView
              study={s}
              findings={findings.data}
              canAnswer={controls.has('answer-finding')}
              canClose={controls.has('close-finding')}
              pending={findingBusy}
              error={findingError}
              onAnswer={(findingId, text) => {
                setFindingBusy(findingId);
                setFindingError(null);
                findingMove.mutate(
                  { action: 'answer-finding', findingId, text },
                  {
                    onError: (error) => setFindingError({ findingId, error }),
                    onSettled: () => setFindingBusy(null),
                  },
                );
              }}
              onClose={(findingId) => {
                setFindingBusy(findingId);
                setFindingError(null);
                findingMove.mutate(
                  { action: 'close-finding', findingId },
                  {
                    onError: (error) => setFindingError({ findingId, error }),
                    onSettled: () => setFindingBusy(null),
                  },
                );
              }}
            />
          ))}
        {view === 'history' && <HistoryView study={s} />}
        {view === 'statement' && <StatementView study={s} />}
      </div>
    </FindingTargetsContext.Provider>
  );
}
