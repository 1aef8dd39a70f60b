import { useTranslation } from 'react-i18next';
import { extendToGrave, stagesUsed, switchStageScheme } from './document-operations';
import { useEditor } from './editor-context';
import { SelectField } from './fields/select-field';
import type { ModelDocument } from './model-types';
import { GRAVE_STAGES, STAGES, stageInScheme } from './stages';

type DeclaredBoundary = NonNullable<ModelDocument['boundary']>;
const BOUNDARIES: readonly DeclaredBoundary[] = ['cradle-to-gate', 'cradle-to-grave', 'gate-to-gate'];

/**
 * The system boundary: the one the model declares (`boundary`, read by reports and rule-set checks) and what the
 * model's stages cover — which life-cycle stages have something in them, and whether that is cradle-to-gate or
 * cradle-to-grave (a declared boundary the stages do not match is a warning). A cradle-to-gate model can be
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
      <SelectField
        path={['boundary']}
        label={t('editor.boundary.declared')}
        hint={t('editor.boundary.declaredHint')}
        value={document.boundary ?? ''}
        options={[
          { value: '', label: t('editor.boundary.notDeclared') },
          ...BOUNDARIES.map((b) => ({ value: b, label: t(`editor.boundary.kinds.${b}`) })),
        ]}
        onChange={(value) =>
          edit((d) => {
            const { boundary: _old, ...rest } = d;
            return value ? { ...rest, boundary: value as DeclaredBoundary } : rest;
          })
        }
      />
      <p>
        <span className="muted small">{t('editor.boundary.derived')}</span>{' '}
        <strong>{grave ? t('editor.boundary.grave') : t('editor.boundary.gate')}</strong>
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
