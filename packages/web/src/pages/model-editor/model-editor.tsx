import type { Schema } from '@opencfp/client';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useApi } from '../../api/api-context';
import { useFormat } from '../../i18n/format';
import { languageOf } from '../../i18n/i18n';
import { BoundaryPanel } from './boundary-panel';
import { ConflictBanner } from './conflict-banner';
import { addProcess, stagesUsed } from './document-operations';
import { EditorContext, placeId, type EditorContextValue } from './editor-context';
import { canRedo, canUndo, record, redo, startHistory, undo, type History } from './editor-history';
import { groupByPlace, placeOf } from './issue-placement';
import { ModelSettings } from './model-settings';
import type { EditorState, ModelDocument } from './model-types';
import { ParametersEditor } from './parameters-editor';
import { ProblemsSummary } from './problems-summary';
import { ProcessEditor } from './process-editor';
import { SaveStatus } from './save-status';
import { ScenariosEditor } from './scenarios-editor';
import { GRAVE_STAGES, schemeOf } from './stages';
import { sameState, stateOf, useAutosave } from './use-autosave';
import { clearDraft, readDraft, useDraftKeeper, type Draft } from './use-draft';
import { useResolvedDatasets } from './use-resolved-datasets';
import { useServerValidation } from './use-server-validation';
import { useUnitTable } from './use-unit-table';
import { hasErrors, validateState, type EditorIssue } from './validate-document';

type ProductModel = Schema<'ProductModel'>;

/**
 * The product-model editor: the model's settings and boundary, its processes with their inputs and emissions, its
 * parameters and scenarios, each problem shown in place (the browser's checks as the user types, the problems a
 * calculation would raise as the server's validation finds them, the server's refusals where they point). Every change is a step of undo/redo (buttons, Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y) and
 * is saved a short time after the last one (PATCH/PUT with If-Match); a newer version saved by someone else
 * stops saving and shows both versions to choose from. Unsaved changes are also kept in the browser.
 *
 * @example <ModelEditor orgId={orgId} model={model} product={product} versions={versions} readOnly={false} />
 */
export function ModelEditor({
  orgId,
  model,
  product,
  versions,
  readOnly,
  autosaveDelayMs,
}: {
  orgId: string;
  model: ProductModel;
  product: Schema<'Product'>;
  versions: readonly Schema<'DatabaseVersion'>[];
  readOnly: boolean;
  autosaveDelayMs?: number;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const navigate = useNavigate();
  const [history, setHistory] = useState<History<EditorState>>(() => startHistory(stateOf(model)));
  const [announcement, setAnnouncement] = useState('');
  const [calculateBlocked, setCalculateBlocked] = useState(false);
  const [focusPlace, setFocusPlace] = useState<string | null>(null);
  const current = history.present;

  const change = useCallback(
    (fn: (state: EditorState) => EditorState, key?: string) =>
      setHistory((h) => record(h, fn(h.present), key, Date.now())),
    [],
  );
  const edit = useCallback(
    (fn: (document: ModelDocument) => ModelDocument, key?: string) =>
      change((s) => ({ ...s, document: fn(s.document) }), key),
    [change],
  );
  const step = useCallback(
    (direction: 'undo' | 'redo') => {
      setHistory((h) => (direction === 'undo' ? undo(h) : redo(h)));
      setAnnouncement(t(direction === 'undo' ? 'editor.history.undone' : 'editor.history.redone'));
    },
    [t],
  );

  // Ctrl+Z / Cmd+Z undo, Ctrl+Shift+Z / Ctrl+Y redo — for the whole model (the fields hold no history of their own)
  useEffect(() => {
    if (readOnly) return;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === 'z' || key === 'y') {
        event.preventDefault();
        step(key === 'y' || event.shiftKey ? 'redo' : 'undo');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [readOnly, step]);

  const electricity = useQuery({
    queryKey: ['reference-electricity'],
    staleTime: Infinity,
    queryFn: async () => (await api.GET('/v1/reference/electricity')).data,
  });
  const transport = useQuery({
    queryKey: ['reference-transport'],
    staleTime: Infinity,
    queryFn: async () => (await api.GET('/v1/reference/transport')).data,
  });
  const datasets = useResolvedDatasets(orgId, current.backgroundVersionId, current.document);
  const units = useUnitTable();

  const clientIssues = validateState(current, {
    product: { declaredUnitAmount: product.declaredUnitAmount, declaredUnit: product.declaredUnit },
    datasets,
    electricity: electricity.data,
    units,
  });
  // what a calculation would raise, once the browser's own checks pass (the server would mostly repeat them)
  const validation = useServerValidation({
    orgId,
    document: current.document,
    backgroundVersionId: current.backgroundVersionId,
    enabled: !hasErrors(clientIssues),
  });
  const autosave = useAutosave({
    orgId,
    modelId: model.id,
    current,
    initial: { state: stateOf(model), version: model.version, updatedAt: model.updatedAt },
    blocked: hasErrors(clientIssues),
    enabled: !readOnly,
    delayMs: autosaveDelayMs,
  });
  const { problem } = autosave;
  const issues = mergeIssues(
    clientIssues,
    validation.issues,
    problem?.kind === 'refused' ? problem.issues : [],
  );
  const errorCount = clientIssues.filter((i) => i.severity === 'error').length;

  // a copy of unsaved changes from an earlier visit: offered, and left alone until the user decides
  const [offeredDraft, setOfferedDraft] = useState<Draft | null>(() => {
    const draft = readDraft(model.id);
    return draft && !sameState(draft.state, stateOf(model)) ? draft : null;
  });
  useDraftKeeper(
    model.id,
    current,
    autosave.saved.version,
    autosave.dirty,
    offeredDraft !== null || readOnly,
  );

  // leaving with unsaved changes asks first (they are kept as a draft as well)
  useEffect(() => {
    if (!autosave.dirty || readOnly) return;
    const onLeave = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onLeave);
    return () => window.removeEventListener('beforeunload', onLeave);
  }, [autosave.dirty, readOnly]);

  useEffect(() => {
    if (focusPlace === null) return;
    const target = document.getElementById(focusPlace);
    target?.scrollIntoView?.({ block: 'start' });
    target?.focus();
  }, [focusPlace]);

  const used = stagesUsed(current.document);
  const scheme = schemeOf(used);
  const cradleToGrave = [...used].some((s) => GRAVE_STAGES.has(s));
  const parameterNames = useMemo(
    () => (current.document.parameters ?? []).map((p) => p.name),
    [current.document.parameters],
  );
  const context: EditorContextValue = {
    state: current,
    change,
    edit,
    readOnly,
    orgId,
    product,
    scheme,
    parameterNames,
    datasets,
    electricity: electricity.data,
    transport: transport.data,
    units,
    issues: groupByPlace(issues),
  };

  const zh = languageOf(i18n) === 'zh-CN';
  const productName = zh && product.nameZh ? product.nameZh : product.nameEn;
  // One press calculates: what waits for autosave is saved first (the job calculates the stored model), then the
  // results page starts the job on arrival (?calculate=1, which it removes so that a reload starts nothing). Viewers
  // and verifiers cannot calculate: they are taken to the results only.
  const calculate = async () => {
    const saved = readOnly || (await autosave.saveNow());
    setCalculateBlocked(!saved);
    if (saved)
      void navigate(`/models/${encodeURIComponent(model.id)}/results${readOnly ? '' : '?calculate=1'}`);
  };

  return (
    <EditorContext.Provider value={context}>
      <div className="page model-editor">
        <nav aria-label={t('editor.breadcrumb')} className="breadcrumb">
          <Link to="/">{t('nav.dashboard')}</Link>
          <span aria-hidden="true"> › </span>
          <Link to={`/products/${encodeURIComponent(product.id)}`}>{productName}</Link>
          <span aria-hidden="true"> › </span>
          <span aria-current="page">{current.name || t('editor.untitled')}</span>
        </nav>
        <h1>{current.name || t('editor.untitled')}</h1>
        <p className="muted">
          {t('editor.productLine', {
            product: productName,
            unit: format.amount(product.declaredUnitAmount, product.declaredUnit),
          })}
        </p>

        <div className="editor-toolbar" role="toolbar" aria-label={t('editor.toolbar')}>
          {!readOnly && (
            <>
              <button type="button" disabled={!canUndo(history)} onClick={() => step('undo')}>
                {t('editor.history.undo')}
              </button>
              <button type="button" disabled={!canRedo(history)} onClick={() => step('redo')}>
                {t('editor.history.redo')}
              </button>
            </>
          )}
          <SaveStatus autosave={autosave} errorCount={errorCount} readOnly={readOnly} />
          <button type="button" className="button-calculate" onClick={() => void calculate()}>
            {t('editor.calculate')}
          </button>
          <span className="visually-hidden" aria-live="polite">
            {announcement}
          </span>
        </div>
        {calculateBlocked && autosave.dirty && (
          <div className="message message-warning" role="alert">
            <p>{t('editor.calculateBlocked')}</p>
            <p>
              <Link to={`/models/${encodeURIComponent(model.id)}/results`}>{t('editor.calculateSaved')}</Link>
            </p>
          </div>
        )}

        {problem?.kind === 'conflict' && (
          <ConflictBanner
            theirs={problem.theirs}
            mine={current}
            onTakeTheirs={() => {
              const theirs = autosave.takeTheirs();
              if (theirs) change(() => theirs);
            }}
            onKeepMine={() => void autosave.keepMine()}
          />
        )}
        {offeredDraft && !readOnly && (
          <div className="message message-warning" role="region" aria-label={t('editor.draft.label')}>
            <p>{t('editor.draft.text', { time: format.dateTime(offeredDraft.at) })}</p>
            <div className="button-row">
              <button
                type="button"
                onClick={() => {
                  change(() => offeredDraft.state);
                  autosave.rebase(offeredDraft.version);
                  setOfferedDraft(null);
                }}
              >
                {t('editor.draft.restore')}
              </button>
              <button
                type="button"
                onClick={() => {
                  clearDraft(model.id);
                  setOfferedDraft(null);
                }}
              >
                {t('editor.draft.discard')}
              </button>
            </div>
          </div>
        )}
        {readOnly && <p className="message message-info">{t('editor.readOnly')}</p>}
        <ProblemsSummary issues={issues} document={current.document} />

        <div className="editor-layout">
          <nav className="editor-outline" aria-label={t('editor.outline')}>
            <ul>
              <li>
                <a href={`#${placeId('')}`}>{t('editor.settings.title')}</a>
              </li>
              <li>
                <a href="#processes-heading">{t('editor.processes')}</a>
                <ul>
                  {current.document.processes.map((p, i) => (
                    <li key={i}>
                      <a href={`#${placeId(['processes', i])}`}>{p.name || p.id}</a>
                    </li>
                  ))}
                </ul>
              </li>
              <li>
                <a href={`#${placeId(['parameters'])}`}>{t('editor.parameters.title')}</a>
              </li>
              <li>
                <a href={`#${placeId(['scenarios'])}`}>{t('editor.scenarios.title')}</a>
              </li>
            </ul>
          </nav>
          <fieldset className="editor-main" disabled={readOnly}>
            <legend className="visually-hidden">{t('editor.toolbar')}</legend>
            <div className="settings-row">
              <ModelSettings versions={versions} />
              <BoundaryPanel />
            </div>
            <section aria-labelledby="processes-heading" className="processes">
              <h2 id="processes-heading">{t('editor.processes')}</h2>
              <p className="muted small">{t('editor.processesIntro')}</p>
              {current.document.processes.map((process, i) => (
                <ProcessEditor key={i} process={process} index={i} />
              ))}
              {!readOnly && (
                <button
                  type="button"
                  onClick={() => {
                    const index = current.document.processes.length;
                    edit((d) => addProcess(d, t('editor.process.newName'))[0]);
                    setFocusPlace(placeId(['processes', index]));
                  }}
                >
                  {t('editor.process.add')}
                </button>
              )}
            </section>
            <ParametersEditor />
            <ScenariosEditor cradleToGrave={cradleToGrave} />
          </fieldset>
        </div>
      </div>
    </EditorContext.Provider>
  );
}

/**
 * The problems to show: the browser's, the server validation's (a warning of the browser's where the server says
 * there is an error is left out: the server knows), and the refusal of the last save.
 */
function mergeIssues(
  client: readonly EditorIssue[],
  validation: readonly EditorIssue[],
  refused: readonly EditorIssue[],
): EditorIssue[] {
  const judged = new Set(validation.map((i) => placeOf(i.path)));
  return [
    ...client.filter((i) => i.severity === 'error' || !judged.has(placeOf(i.path))),
    ...validation,
    ...refused,
  ];
}
