import { useTranslation } from 'react-i18next';
import {
  addScenario,
  parametersOf,
  SCENARIO_KIND,
  scenarioKind,
  scenariosOf,
  type ScenarioKind,
} from './document-operations';
import { placeId, useEditor, useIssuesAt } from './editor-context';
import { IssueList } from './field-frame';
import { NumberField } from './fields/number-field';
import { SelectField } from './fields/select-field';
import { TextField } from './fields/text-field';
import { pathKey } from './issue-placement';
import type { ModelScenario } from './model-types';

const ACCOUNTING = ['location-based', 'market-based', 'residual-mix', 'eu-battery'] as const;
const KINDS: readonly ScenarioKind[] = ['general', 'use', 'end-of-life'];

/**
 * Scenarios: named sets of input-parameter values (and, optionally, one electricity accounting for every
 * electricity input), calculated beside the base case, each of a kind (`kind`: use, end of life or other; a
 * scenario of a model written before the document had it takes its kind from its id prefix, use- / eol-). A
 * cradle-to-grave model also offers use and end-of-life scenarios.
 */
export function ScenariosEditor({ cradleToGrave }: { cradleToGrave: boolean }) {
  const { t } = useTranslation();
  const { document, edit, readOnly } = useEditor();
  const scenarios = scenariosOf(document);
  const kinds: ScenarioKind[] = cradleToGrave ? ['general', 'use', 'end-of-life'] : ['general'];
  return (
    <section className="card" id={placeId(['scenarios'])} tabIndex={-1} aria-labelledby="scenarios-heading">
      <h2 id="scenarios-heading">{t('editor.scenarios.title')}</h2>
      <p className="muted small">
        {cradleToGrave ? t('editor.scenarios.introGrave') : t('editor.scenarios.intro')}
      </p>
      {scenarios.length === 0 && <p className="muted">{t('editor.scenarios.none')}</p>}
      <ul className="input-list">
        {scenarios.map((scenario, i) => (
          <ScenarioRow key={i} scenario={scenario} index={i} />
        ))}
      </ul>
      {!readOnly && (
        <div className="add-row">
          {kinds.map((kind) => (
            <button
              key={kind}
              type="button"
              className="button-small"
              onClick={() => edit((d) => addScenario(d, kind, t(`editor.scenarios.newName.${kind}`)))}
            >
              {t(`editor.scenarios.add.${kind}`)}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}

function ScenarioRow({ scenario, index }: { scenario: ModelScenario; index: number }) {
  const { t } = useTranslation();
  const { document, edit, readOnly } = useEditor();
  const path = ['scenarios', index];
  const issues = useIssuesAt(path);
  const inputParameters = parametersOf(document).filter((p) => p.formula === undefined);
  const values = scenario.parameters ?? {};
  const update = (next: ModelScenario, field: string) =>
    edit(
      (d) => ({ ...d, scenarios: scenariosOf(d).map((s, i) => (i === index ? next : s)) }),
      pathKey([...path, field]),
    );
  const kind = scenarioKind(scenario);
  // values for parameters the model no longer has stay visible, so that they can be removed
  const orphans = Object.keys(values).filter(
    (name) => !inputParameters.some((p) => p.name.toLowerCase() === name.toLowerCase()),
  );
  return (
    <li className="input-card kind-scenario" id={placeId(path)} tabIndex={-1} aria-label={scenario.name}>
      <div className="card-head">
        <span className="kind-badge kind-badge-scenario">{t(`editor.scenarios.kinds.${kind}`)}</span>
        <h3>{scenario.name || scenario.id}</h3>
        {!readOnly && (
          <span className="card-actions">
            <button
              type="button"
              className="button-small button-danger"
              aria-label={t('editor.scenarios.remove', { name: scenario.name })}
              onClick={() => edit((d) => ({ ...d, scenarios: scenariosOf(d).filter((_, i) => i !== index) }))}
            >
              {t('editor.remove')}
            </button>
          </span>
        )}
      </div>
      <IssueList issues={issues} />
      <div className="form-grid">
        <TextField
          path={[...path, 'name']}
          label={t('editor.scenarios.name')}
          value={scenario.name}
          maxLength={300}
          onChange={(name) => update({ ...scenario, name }, 'name')}
        />
        <TextField
          path={[...path, 'id']}
          label={t('editor.scenarios.id')}
          value={scenario.id}
          maxLength={100}
          onChange={(id) => update({ ...scenario, id }, 'id')}
        />
        <SelectField
          path={[...path, 'kind']}
          label={t('editor.scenarios.kind')}
          value={kind}
          options={KINDS.map((k) => ({ value: k, label: t(`editor.scenarios.kinds.${k}`) }))}
          onChange={(value) => update({ ...scenario, kind: SCENARIO_KIND[value as ScenarioKind] }, 'kind')}
        />
        <SelectField
          path={[...path, 'electricity', 'accounting']}
          label={t('editor.scenarios.electricity')}
          value={scenario.electricity?.accounting ?? ''}
          options={[
            { value: '', label: t('editor.scenarios.electricityAsInputs') },
            ...ACCOUNTING.map((a) => ({ value: a, label: t(`editor.electricity.accountings.${a}`) })),
          ]}
          onChange={(accounting) => {
            const { electricity: _old, ...rest } = scenario;
            update(
              accounting
                ? { ...rest, electricity: { accounting: accounting as (typeof ACCOUNTING)[number] } }
                : rest,
              'electricity',
            );
          }}
        />
        <TextField
          path={[...path, 'description']}
          label={t('editor.scenarios.description')}
          hint={t(`editor.scenarios.descriptionHint.${kind}`)}
          value={scenario.description ?? ''}
          multiline
          maxLength={2000}
          className="span-2"
          onChange={(description) => {
            const { description: _old, ...rest } = scenario;
            update(description ? { ...rest, description } : rest, 'description');
          }}
        />
      </div>
      <fieldset className="scenario-values">
        <legend>{t('editor.scenarios.values')}</legend>
        {inputParameters.length === 0 && <p className="muted small">{t('editor.scenarios.noParameters')}</p>}
        <div className="form-grid">
          {inputParameters.map((parameter) => (
            <NumberField
              key={parameter.name}
              path={[...path, 'parameters', parameter.name]}
              label={parameter.name}
              placeholder={t('editor.scenarios.baseValue', { value: parameter.value ?? '' })}
              unit={parameter.unit}
              value={values[parameter.name]}
              onChange={(value) => {
                const { [parameter.name]: _old, ...others } = values;
                update(
                  {
                    ...scenario,
                    parameters: value === undefined ? others : { ...others, [parameter.name]: value },
                  },
                  `parameters/${parameter.name}`,
                );
              }}
            />
          ))}
          {orphans.map((name) => (
            <NumberField
              key={name}
              path={[...path, 'parameters', name]}
              label={name}
              value={values[name]}
              onChange={(value) => {
                const { [name]: _old, ...others } = values;
                update(
                  { ...scenario, parameters: value === undefined ? others : { ...others, [name]: value } },
                  `parameters/${name}`,
                );
              }}
            />
          ))}
        </div>
        <p className="field-hint">{t('editor.scenarios.valuesHint')}</p>
      </fieldset>
    </li>
  );
}
