import type { Schema } from '@opencfp/client';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { switchStageScheme } from './document-operations';
import { placeId, useEditor } from './editor-context';
import { NumberField } from './fields/number-field';
import { SelectField } from './fields/select-field';
import { TextField } from './fields/text-field';
import { STAGE_SCHEMES, type StageScheme } from './stages';

/**
 * The model as a whole: its name, the background database version its datasets come from, the reference process
 * (whose output is the product, per declared unit), the stage scheme, the functional unit in words (English and
 * Chinese: `functionalUnit`, read by reports and rule-set checks), a description (assumptions, for the report)
 * and PACT's carbon content.
 */
export function ModelSettings({ versions }: { versions: readonly Schema<'DatabaseVersion'>[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { state, document, change, edit, scheme, product } = useEditor();
  const versionOptions = [
    { value: '', label: t('editor.settings.noBackground') },
    ...versions.map((v) => ({
      value: v.id,
      label: t('editor.settings.versionOption', { name: v.name, version: v.version }),
    })),
    ...(state.backgroundVersionId && !versions.some((v) => v.id === state.backgroundVersionId)
      ? [{ value: state.backgroundVersionId, label: state.backgroundVersionId }]
      : []),
  ];
  // a blank text is no text: the document keeps words only
  const setFunctionalUnit = (language: 'en' | 'zh', value: string) =>
    edit((d) => {
      const unit = { ...d.functionalUnit, [language]: value };
      if (!value.trim()) delete unit[language];
      const { functionalUnit: _old, ...rest } = d;
      return Object.keys(unit).length ? { ...rest, functionalUnit: unit } : rest;
    }, `functionalUnit/${language}`);
  const setCarbon = (part: 'fossil' | 'biogenic', value: number | undefined) =>
    edit((d) => {
      const carbon = { ...d.carbonContent, [part]: value };
      if (value === undefined) delete carbon[part];
      const { carbonContent: _old, ...rest } = d;
      return Object.keys(carbon).length ? { ...rest, carbonContent: carbon } : rest;
    }, `carbonContent/${part}`);
  return (
    <section className="card" id={placeId('')} tabIndex={-1} aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('editor.settings.title')}</h2>
      {/* long names (the model's, a database's with its version) get wider columns: a select cannot wrap its text */}
      <div className="form-grid form-grid-wide">
        <TextField
          path={['$name']}
          label={t('editor.settings.name')}
          value={state.name}
          maxLength={300}
          onChange={(name) => change((s) => ({ ...s, name }), '$name')}
        />
        <SelectField
          path={['$backgroundVersionId']}
          label={t('editor.settings.background')}
          hint={t('editor.settings.backgroundHint')}
          value={state.backgroundVersionId ?? ''}
          options={versionOptions}
          onChange={(id) => change((s) => ({ ...s, backgroundVersionId: id || null }))}
        />
      </div>
      <div className="form-grid">
        <SelectField
          path={['referenceProcessId']}
          label={t('editor.settings.reference')}
          hint={t('editor.settings.referenceHint', {
            unit: format.amount(product.declaredUnitAmount, product.declaredUnit),
          })}
          value={document.referenceProcessId}
          options={[
            ...(document.processes.some((p) => p.id === document.referenceProcessId)
              ? []
              : [{ value: document.referenceProcessId, label: document.referenceProcessId || '—' }]),
            ...document.processes.map((p) => ({ value: p.id, label: p.name || p.id })),
          ]}
          onChange={(referenceProcessId) => edit((d) => ({ ...d, referenceProcessId }))}
        />
        <SelectField
          path={['$stageScheme']}
          label={t('editor.settings.scheme')}
          hint={t('editor.settings.schemeHint')}
          value={scheme}
          options={STAGE_SCHEMES.map((s) => ({ value: s, label: t(`editor.schemes.${s}`) }))}
          onChange={(next) => edit((d) => switchStageScheme(d, next as StageScheme))}
        />
        <TextField
          path={['functionalUnit', 'en']}
          label={t('editor.settings.functionalUnitEn')}
          hint={t('editor.settings.functionalUnitHint', {
            unit: format.amount(product.declaredUnitAmount, product.declaredUnit),
          })}
          value={document.functionalUnit?.en ?? ''}
          maxLength={2000}
          lang="en"
          onChange={(value) => setFunctionalUnit('en', value)}
        />
        <TextField
          path={['functionalUnit', 'zh']}
          label={t('editor.settings.functionalUnitZh')}
          value={document.functionalUnit?.zh ?? ''}
          maxLength={2000}
          lang="zh-CN"
          onChange={(value) => setFunctionalUnit('zh', value)}
        />
        <TextField
          path={['description']}
          label={t('editor.settings.description')}
          hint={t('editor.settings.descriptionHint')}
          value={document.description ?? ''}
          multiline
          maxLength={10000}
          className="span-2"
          onChange={(description) =>
            edit((d) => {
              const { description: _old, ...rest } = d;
              return description ? { ...rest, description } : rest;
            }, 'description')
          }
        />
      </div>
      <details className="more">
        <summary>{t('editor.settings.carbonContent')}</summary>
        <p className="field-hint">
          {t('editor.settings.carbonContentHint', {
            unit: format.amount(product.declaredUnitAmount, product.declaredUnit),
          })}
        </p>
        <div className="form-grid">
          <NumberField
            path={['carbonContent', 'fossil']}
            label={t('editor.settings.fossilCarbon')}
            unit={t('editor.settings.kgC')}
            value={document.carbonContent?.fossil}
            onChange={(v) => setCarbon('fossil', v)}
          />
          <NumberField
            path={['carbonContent', 'biogenic']}
            label={t('editor.settings.biogenicCarbon')}
            unit={t('editor.settings.kgC')}
            value={document.carbonContent?.biogenic}
            onChange={(v) => setCarbon('biogenic', v)}
          />
        </div>
      </details>
    </section>
  );
}
