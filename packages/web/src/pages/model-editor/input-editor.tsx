import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { updateInput, withSource } from './document-operations';
import { placeId, useEditor, useIssuesAt } from './editor-context';
import { IssueList } from './field-frame';
import { AmountField } from './fields/amount-field';
import { SelectField } from './fields/select-field';
import { StageField } from './fields/stage-field';
import { TextField } from './fields/text-field';
import { UncertaintyField } from './fields/uncertainty-field';
import { UnitField } from './fields/unit-field';
import { pathKey } from './issue-placement';
import type { ModelInput, ModelProcess, ModelSource } from './model-types';
import { BackgroundFields } from './sources/background-fields';
import { ElectricityFields } from './sources/electricity-fields';
import { SupplierFields } from './sources/supplier-fields';
import { TransportFields } from './sources/transport-fields';
import { useDatasetUnits } from './use-dataset-units';
import { datasetKey } from './validate-document';

/**
 * One input of a process: its name, amount (a number or a formula) with its unit, its stage, and what it is taken
 * from — a background dataset, another process of the model, a supplier's footprint, grid electricity or a
 * transport leg — with the fields of that kind; its problems in place. The amount is shown converted to the unit
 * of what it links to when they differ (the server converts the same way).
 */
export function InputEditor({
  process,
  processIndex,
  input,
  inputIndex,
  count,
  isNew,
  onMove,
  onRemove,
}: {
  process: ModelProcess;
  processIndex: number;
  input: ModelInput;
  inputIndex: number;
  count: number;
  isNew: boolean;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { document, edit, parameterNames, datasets, readOnly, units, orgId, state } = useEditor();
  const path = ['processes', processIndex, 'inputs', inputIndex];
  const issues = useIssuesAt(path);
  const sourceIssues = useIssuesAt([...path, 'source']);
  const { source } = input;
  const key = (field: string) => pathKey([...path, field]);
  const update = (next: ModelInput, field: string) =>
    edit((d) => updateInput(d, processIndex, inputIndex, () => next), key(field));
  const setSource = (next: ModelSource) => update(withSource(input, next), 'source');

  // what the amount is converted to: the linked dataset's or process's unit, or the supplier's
  const target =
    source.kind === 'background'
      ? datasets.get(datasetKey(source.processId, source.productId))?.unit
      : source.kind === 'foreground'
        ? document.processes.find((p) => p.id === source.processId)?.output.unit
        : source.kind === 'supplier'
          ? source.unit
          : undefined;
  // a dataset's units as the server converts them (its flow's properties too); else the engine's table
  const datasetUnits = useDatasetUnits(
    orgId,
    state.backgroundVersionId,
    source.kind === 'background' ? source.processId || undefined : undefined,
    source.kind === 'background' ? source.productId : undefined,
  );
  const factor =
    target && typeof input.amount === 'number'
      ? datasetUnits
        ? datasetUnits.find((u) => u.name === input.unit.trim())?.factor
        : units?.factor(input.unit, target)
      : undefined;
  const converted =
    factor !== undefined && target && input.unit.trim() !== target.trim() && typeof input.amount === 'number'
      ? t('editor.input.converted', { amount: format.amount(input.amount * factor, target) })
      : undefined;

  const amountLabel =
    source.kind === 'transport'
      ? t('editor.transport.mass')
      : source.kind === 'electricity'
        ? t('editor.electricity.consumed')
        : t('editor.input.amount');
  const title = input.name.trim() || t('editor.input.unnamed');
  return (
    <li className={`input-card kind-${source.kind}`} id={placeId(path)} tabIndex={-1} aria-label={title}>
      <div className="card-head">
        <span className={`kind-badge kind-badge-${source.kind}`}>{t(`editor.kinds.${source.kind}`)}</span>
        <h4>{title}</h4>
        {!readOnly && (
          <span className="card-actions">
            <button
              type="button"
              className="button-icon"
              disabled={inputIndex === 0}
              aria-label={t('editor.moveUp', { name: title })}
              onClick={() => onMove(-1)}
            >
              ↑
            </button>
            <button
              type="button"
              className="button-icon"
              disabled={inputIndex === count - 1}
              aria-label={t('editor.moveDown', { name: title })}
              onClick={() => onMove(1)}
            >
              ↓
            </button>
            <button
              type="button"
              className="button-small button-danger"
              aria-label={t('editor.input.remove', { name: title })}
              onClick={onRemove}
            >
              {t('editor.remove')}
            </button>
          </span>
        )}
      </div>
      <IssueList issues={[...issues, ...sourceIssues]} />
      <div className="form-grid">
        <TextField
          path={[...path, 'name']}
          label={t('editor.input.name')}
          value={input.name}
          maxLength={300}
          onChange={(name) => update({ ...input, name }, 'name')}
        />
        <AmountField
          path={[...path, 'amount']}
          label={amountLabel}
          value={input.amount}
          parameters={parameterNames}
          hint={converted}
          onChange={(amount) => update({ ...input, amount }, 'amount')}
        />
        <UnitField
          path={[...path, 'unit']}
          label={t('editor.input.unit')}
          value={input.unit}
          reference={target}
          options={datasetUnits?.map((u) => u.name)}
          dimension={
            source.kind === 'transport' ? 'mass' : source.kind === 'electricity' ? 'energy' : undefined
          }
          onChange={(unit) => update({ ...input, unit }, 'unit')}
        />
        {source.kind === 'foreground' ? (
          <SelectField
            path={[...path, 'source', 'processId']}
            label={t('editor.foreground.process')}
            value={source.processId}
            hint={t('editor.foreground.stageHint')}
            options={[
              ...(document.processes.some((p) => p.id === source.processId)
                ? []
                : [{ value: source.processId, label: t('editor.foreground.choose') }]),
              ...document.processes
                .filter((p) => p.id !== process.id)
                .map((p) => ({
                  value: p.id,
                  label: t('editor.foreground.option', { name: p.name || p.id, unit: p.output.unit }),
                })),
            ]}
            onChange={(processId) => {
              const linked = document.processes.find((p) => p.id === processId);
              update(
                {
                  ...input,
                  source: { kind: 'foreground', processId },
                  // the linked output's unit, when the input's cannot become it
                  ...(linked && units?.factor(input.unit, linked.output.unit) === undefined
                    ? { unit: linked.output.unit }
                    : {}),
                },
                'source',
              );
            }}
          />
        ) : (
          <StageField
            path={[...path, 'stage']}
            value={input.stage}
            none={
              process.stage
                ? t('editor.stage.asProcessNamed', {
                    stage: t(`editor.stages.${process.stage}`, process.stage),
                  })
                : t('editor.stage.asProcess')
            }
            onChange={(stage) => {
              const { stage: _old, ...rest } = input;
              update(stage ? { ...rest, stage } : rest, 'stage');
            }}
          />
        )}
      </div>
      {source.kind === 'background' && (
        <BackgroundFields
          path={path}
          input={input}
          source={source}
          isNew={isNew}
          onChange={(next) => update(next, 'source')}
        />
      )}
      {source.kind === 'supplier' && <SupplierFields path={path} source={source} onChange={setSource} />}
      {source.kind === 'electricity' && (
        <ElectricityFields path={path} source={source} inputUnit={input.unit} onChange={setSource} />
      )}
      {source.kind === 'transport' && (
        <TransportFields
          path={path}
          source={source}
          mass={input.amount}
          massUnit={input.unit}
          onChange={setSource}
        />
      )}
      <details className="more">
        <summary>{t('editor.input.more')}</summary>
        <div className="form-grid">
          <TextField
            path={[...path, 'comment']}
            label={t('editor.input.comment')}
            hint={t('editor.input.commentHint')}
            value={input.comment ?? ''}
            multiline
            maxLength={2000}
            className="span-2"
            onChange={(comment) => {
              const { comment: _old, ...rest } = input;
              update(comment ? { ...rest, comment } : rest, 'comment');
            }}
          />
        </div>
        <UncertaintyField
          path={[...path, 'uncertainty']}
          value={input.uncertainty}
          around={typeof input.amount === 'number' ? input.amount : undefined}
          onChange={(uncertainty) => {
            const { uncertainty: _old, ...rest } = input;
            update(uncertainty ? { ...rest, uncertainty } : rest, 'uncertainty');
          }}
        />
      </details>
    </li>
  );
}
