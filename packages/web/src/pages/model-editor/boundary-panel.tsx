import { useTranslation } from 'react-i18next';
import { extendToGrave, stagesUsed, switchStageScheme } from './document-operations';
import { useEditor } from './editor-context';
import { GRAVE_STAGES, STAGES, stageInScheme } from './stages';

/**
 * The system boundary as the model's stages make it (the document has no boundary field): which life-cycle stages
 * have something in them, and whether that is cradle-to-gate or cradle-to-grave. A cradle-to-gate model can be
 * extended with use and end-of-life processes in one step.
 */
export function BoundaryPanel() {
  const { t } = useTranslation();
  const { document, edit, scheme, readOnly } = useEditor();
  const used = new Set([...stagesUsed(document)].map((s) => stageInScheme(s, scheme)));
  const grave = [...used].some((s) => GRAVE_STAGES.has(s));
  return (
    <section className="card" aria-labelledby="boundary-heading">
      <h2 id="boundary-heading">{t('editor.boundary.title')}</h2>
      <p>
        <strong>{grave ? t('editor.boundary.grave') : t('editor.boundary.gate')}</strong>{' '}
        <span className="muted small">{t('editor.boundary.derived')}</span>
      </p>
      <ul className="stage-list">
        {STAGES[scheme].map((stage) => (
          <li key={stage} className={used.has(stage) ? 'stage-used' : 'stage-empty'}>
            <span aria-hidden="true">{used.has(stage) ? '✓' : '–'}</span> {t(`editor.stages.${stage}`)}
            <span className="visually-hidden">
              {used.has(stage) ? t('editor.boundary.covered') : t('editor.boundary.notCovered')}
            </span>
          </li>
        ))}
      </ul>
      {!grave && !readOnly && (
        <>
          <p className="field-hint">{t('editor.boundary.extendHint')}</p>
          <button
            type="button"
            className="button-small"
            onClick={() =>
              edit((d) => {
                const extended = extendToGrave(d, {
                  production: t('editor.starter.production'),
                  use: t('editor.starter.use'),
                  endOfLife: t('editor.starter.endOfLife'),
                  lifeCycle: t('editor.starter.lifeCycle'),
                });
                // the new stages in the ids of the model's scheme (end of life and recycling, for batteries)
                return scheme === 'eu-battery' ? switchStageScheme(extended, scheme) : extended;
              })
            }
          >
            {t('editor.boundary.extend')}
          </button>
        </>
      )}
    </section>
  );
}
