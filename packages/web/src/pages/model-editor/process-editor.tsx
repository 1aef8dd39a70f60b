import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  emissionsOf,
  inputsOf,
  linksTo,
  move,
  newInput,
  removeProcess,
  renameProcessId,
  updateProcess,
} from './document-operations';
import { EmissionEditor } from './emission-editor';
import { placeId, useEditor, useIssuesAt } from './editor-context';
import { IssueList } from './field-frame';
import { AmountField } from './fields/amount-field';
import { StageField } from './fields/stage-field';
import { TextField } from './fields/text-field';
import { UnitField } from './fields/unit-field';
import { InputEditor } from './input-editor';
import { pathKey } from './issue-placement';
import { PROCESS_TAGS, SOURCE_KINDS, type ModelProcess, type SourceKind } from './model-types';
import { electricityDefault, findRegion } from './sources/electricity-basis';

/**
 * One process of the model: its names, stage, location and tags, the output it makes (the reference process's is
 * the product, per declared unit), its inputs of every kind and its direct emissions. Adding an input offers the
 * five kinds by name, so that nobody needs to know the document's words.
 */
export function ProcessEditor({ process, index }: { process: ModelProcess; index: number }) {
  const { t } = useTranslation();
  const { document, edit, parameterNames, readOnly, electricity, transport } = useEditor();
  const headingId = useId();
  const [open, setOpen] = useState(true);
  const [added, setAdded] = useState<number | null>(null);
  const path = ['processes', index];
  const issues = useIssuesAt(path);
  const isReference = document.referenceProcessId === process.id;
  const inputs = inputsOf(process);
  const emissions = emissionsOf(process);
  const set = (change: Partial<ModelProcess>, field: string) =>
    edit((d) => updateProcess(d, index, (p) => ({ ...p, ...change })), pathKey([...path, field]));
  const unset = (field: 'nameZh' | 'stage' | 'location') =>
    edit((d) =>
      updateProcess(d, index, (p) => {
        const next = { ...p };
        delete next[field];
        return next;
      }),
    );
  const title = process.name.trim() || process.id;

  const addInput = (kind: SourceKind) => {
    const other = document.processes.find((p) => p.id !== process.id);
    // the national grid, on the life-cycle basis where it is published (ISO 14067 counts life-cycle emissions)
    const national = electricity ? findRegion(electricity.regions, '全国') : undefined;
    const lorry = transport?.modes.find((m) => m.mode === 'road')?.datasets[0];
    const input = newInput(kind, {
      name: t(`editor.kinds.${kind}`),
      foregroundId: other?.id,
      foregroundUnit: other?.output.unit,
      electricity: electricityDefault(
        national,
        electricity?.residualMix.map((r) => r.year),
      ),
      transportDataset: lorry && { processId: lorry.processId, productId: lorry.productId },
    });
    edit((d) => updateProcess(d, index, (p) => ({ ...p, inputs: [...inputsOf(p), input] })));
    setAdded(inputs.length);
  };

  return (
    <section
      className={`card process-card${isReference ? ' process-reference' : ''}`}
      id={placeId(path)}
      tabIndex={-1}
      aria-labelledby={headingId}
    >
      <div className="card-head">
        <button
          type="button"
          className="button-icon"
          aria-expanded={open}
          aria-controls={`${headingId}-body`}
          onClick={() => setOpen((o) => !o)}
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span>
          <span className="visually-hidden">
            {open
              ? t('editor.process.collapse', { name: title })
              : t('editor.process.expand', { name: title })}
          </span>
        </button>
        <h3 id={headingId}>{title}</h3>
        {isReference && <span className="badge badge-reference">{t('editor.process.reference')}</span>}
        {process.stage && <span className="badge">{t(`editor.stages.${process.stage}`, process.stage)}</span>}
        <span className="muted small">
          {t('editor.process.counts', { inputs: inputs.length, emissions: emissions.length })}
        </span>
        {!readOnly && (
          <span className="card-actions">
            {!isReference && (
              <button
                type="button"
                className="button-small"
                onClick={() => edit((d) => ({ ...d, referenceProcessId: process.id }))}
              >
                {t('editor.process.makeReference')}
              </button>
            )}
            <button
              type="button"
              className="button-small button-danger"
              disabled={document.processes.length <= 1}
              aria-label={t('editor.process.remove', { name: title })}
              onClick={() => {
                const links = linksTo(document, process.id);
                const question = links
                  ? t('editor.process.confirmRemoveLinked', { name: title, count: links })
                  : t('editor.process.confirmRemove', { name: title });
                if (window.confirm(question)) edit((d) => removeProcess(d, index));
              }}
            >
              {t('editor.remove')}
            </button>
          </span>
        )}
      </div>
      <IssueList issues={issues} />
      <div id={`${headingId}-body`} hidden={!open}>
        <div className="form-grid">
          <TextField
            path={[...path, 'name']}
            label={t('editor.process.name')}
            value={process.name}
            maxLength={300}
            onChange={(name) => set({ name }, 'name')}
          />
          <TextField
            path={[...path, 'nameZh']}
            label={t('editor.process.nameZh')}
            value={process.nameZh ?? ''}
            lang="zh-CN"
            maxLength={300}
            onChange={(nameZh) => (nameZh ? set({ nameZh }, 'nameZh') : unset('nameZh'))}
          />
          <StageField
            path={[...path, 'stage']}
            value={process.stage}
            none={t('editor.stage.shared')}
            hint={t('editor.stage.processHint')}
            onChange={(stage) => (stage ? set({ stage }, 'stage') : unset('stage'))}
          />
          <TextField
            path={[...path, 'location']}
            label={t('editor.process.location')}
            placeholder={t('editor.process.locationPlaceholder')}
            value={process.location ?? ''}
            maxLength={100}
            onChange={(location) => (location ? set({ location }, 'location') : unset('location'))}
          />
        </div>
        <fieldset className="output-group">
          <legend>{isReference ? t('editor.process.outputReference') : t('editor.process.output')}</legend>
          <div className="form-grid">
            <TextField
              path={[...path, 'output', 'name']}
              label={t('editor.process.outputName')}
              value={process.output.name ?? ''}
              maxLength={300}
              onChange={(name) => {
                const { name: _old, ...rest } = process.output;
                set({ output: name ? { ...rest, name } : rest }, 'output/name');
              }}
            />
            <AmountField
              path={[...path, 'output', 'amount']}
              label={t('editor.process.outputAmount')}
              value={process.output.amount}
              parameters={parameterNames}
              onChange={(amount) => set({ output: { ...process.output, amount } }, 'output/amount')}
            />
            <UnitField
              path={[...path, 'output', 'unit']}
              label={t('editor.process.outputUnit')}
              value={process.output.unit}
              onChange={(unit) => set({ output: { ...process.output, unit } }, 'output/unit')}
            />
          </div>
        </fieldset>
        <fieldset className="checkbox-group" id={placeId([...path, 'tags'])} tabIndex={-1}>
          <legend>{t('editor.process.tags')}</legend>
          {PROCESS_TAGS.map((tag) => (
            <label key={tag}>
              <input
                type="checkbox"
                checked={(process.tags ?? []).includes(tag)}
                onChange={(event) =>
                  set(
                    {
                      tags: event.target.checked
                        ? [...(process.tags ?? []), tag]
                        : (process.tags ?? []).filter((x) => x !== tag),
                    },
                    'tags',
                  )
                }
              />
              {t(`editor.tags.${tag.replace('cfp:', '')}`)}
            </label>
          ))}
        </fieldset>

        <h4 className="list-heading">{t('editor.process.inputs', { count: inputs.length })}</h4>
        {inputs.length === 0 && <p className="muted small">{t('editor.process.noInputs')}</p>}
        <ul className="input-list">
          {inputs.map((input, k) => (
            <InputEditor
              key={k}
              process={process}
              processIndex={index}
              input={input}
              inputIndex={k}
              count={inputs.length}
              isNew={added === k}
              onMove={(by) =>
                edit((d) => updateProcess(d, index, (p) => ({ ...p, inputs: move(inputsOf(p), k, by) })))
              }
              onRemove={() =>
                edit((d) =>
                  updateProcess(d, index, (p) => ({ ...p, inputs: inputsOf(p).filter((_, j) => j !== k) })),
                )
              }
            />
          ))}
        </ul>
        {!readOnly && (
          <div className="add-row" role="group" aria-label={t('editor.process.addInput', { name: title })}>
            <span className="add-label" aria-hidden="true">
              {t('editor.process.addInputShort')}
            </span>
            {SOURCE_KINDS.map((kind) => (
              <button
                key={kind}
                type="button"
                className="button-small"
                disabled={kind === 'foreground' && document.processes.length < 2}
                onClick={() => addInput(kind)}
              >
                {t(`editor.add.${kind}`)}
              </button>
            ))}
          </div>
        )}

        <h4 className="list-heading">{t('editor.process.emissions', { count: emissions.length })}</h4>
        {emissions.length > 0 && (
          <ul className="input-list">
            {emissions.map((emission, k) => (
              <EmissionEditor key={k} processIndex={index} emission={emission} emissionIndex={k} />
            ))}
          </ul>
        )}
        {!readOnly && (
          <div className="add-row">
            <button
              type="button"
              className="button-small"
              onClick={() =>
                edit((d) =>
                  updateProcess(d, index, (p) => ({
                    ...p,
                    emissions: [...emissionsOf(p), { gas: 'CO2', origin: 'fossil', amount: 0, unit: 'kg' }],
                  })),
                )
              }
            >
              {t('editor.process.addEmission')}
            </button>
          </div>
        )}

        <details className="more">
          <summary>{t('editor.process.advanced')}</summary>
          <TextField
            path={[...path, 'id']}
            label={t('editor.process.id')}
            hint={t('editor.process.idHint')}
            value={process.id}
            maxLength={100}
            onChange={(id) => edit((d) => renameProcessId(d, index, id), pathKey([...path, 'id']))}
          />
        </details>
      </div>
    </section>
  );
}
