import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { ComposerBlock, ComposerRow, ItemFindings } from './item-findings';
import { itemAnchor, itemPath } from './item-path';
import {
  lineOf,
  type InputSource,
  type ModelProcessView,
  type StudyModel,
  type StudyResult,
} from './read-study-model';
import type { StudyModelAnswer } from './study-queries';
import { useStudyNames } from './use-study-names';

/** An amount as the document states it: a number in the reader's format, or the formula it is calculated by. */
function Amount({ value }: { value: number | string | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (value === null) return <>—</>;
  if (typeof value === 'number') return <>{format.number(value, 6)}</>;
  return (
    <span>
      <span className="formula-mark" aria-hidden="true">
        ƒx{' '}
      </span>
      <span className="visually-hidden">{t('studies.model.formula')} </span>
      <code>{value}</code>
    </span>
  );
}

/** Where an input's kilograms come from, in words. */
function SourceText({
  source,
  documentPath,
  model,
  result,
}: {
  source: InputSource;
  documentPath: string;
  model: StudyModel;
  result: StudyResult | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const names = useStudyNames();
  switch (source.kind) {
    case 'background': {
      // the dataset's name as the result gives it (the verifier may not read the practitioner's databases)
      const name = lineOf(result, documentPath)?.datasetName ?? source.processId ?? '—';
      return <>{name}</>;
    }
    case 'foreground': {
      const process = model.processes.find((p) => p.id === source.processId);
      return (
        <>
          {t('studies.model.fromProcess', {
            process: process ? names.local(process.name, process.nameZh) : (source.processId ?? '—'),
          })}
        </>
      );
    }
    case 'supplier':
      return (
        <>
          {source.supplier ?? '—'}
          {source.pcf !== null && (
            <span className="cell-note">
              {source.year === null
                ? t('studies.model.supplierPcfNoYear', {
                    value: format.number(source.pcf),
                    unit: source.perUnit ?? '',
                  })
                : t('studies.model.supplierPcf', {
                    value: format.number(source.pcf),
                    unit: source.perUnit ?? '',
                    year: source.year,
                  })}
            </span>
          )}
        </>
      );
    case 'electricity':
      return (
        <>
          {t('studies.model.electricity', {
            region: source.region ?? '—',
            year: source.year ?? '—',
            accounting: names.choice('electricity', source.accounting ?? 'location-based'),
          })}
          {source.instruments > 0 && (
            <span className="cell-note">{t('studies.model.instruments', { count: source.instruments })}</span>
          )}
        </>
      );
    case 'transport':
      return (
        <>
          {t('studies.model.transport', {
            mode: t(`studies.model.modes.${source.mode ?? 'road'}`, { defaultValue: source.mode ?? '—' }),
            distance: source.distanceKm === null ? '—' : format.number(source.distanceKm),
          })}
          {lineOf(result, documentPath)?.datasetName && (
            <span className="cell-note">{lineOf(result, documentPath)?.datasetName}</span>
          )}
        </>
      );
    default:
      return <>{source.kind}</>;
  }
}

function ProcessSection({
  process,
  model,
  result,
}: {
  process: ModelProcessView;
  model: StudyModel;
  result: StudyResult | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const names = useStudyNames();
  const processPath = itemPath({ kind: 'process', process: process.index });
  const stageOf = (stage: string | null) => names.stage(stage ?? process.stage ?? 'production');
  const co2e = (documentPath: string) => {
    const line = lineOf(result, documentPath);
    return line ? format.number(line.co2e) : '—';
  };
  const name = names.local(process.name, process.nameZh);
  return (
    <section
      className="card model-process"
      id={itemAnchor(processPath)}
      aria-labelledby={`process-${process.index}`}
    >
      <div className="card-heading">
        <h3 id={`process-${process.index}`}>
          {name}
          {process.reference && <span className="badge badge-reference">{t('studies.model.reference')}</span>}
        </h3>
        <ItemFindings path={processPath} />
      </div>
      <ComposerBlock targetKey={processPath} />
      <dl className="facts small">
        <dt>{t('studies.model.stage')}</dt>
        <dd>{stageOf(null)}</dd>
        {process.location && (
          <>
            <dt>{t('studies.model.location')}</dt>
            <dd>{process.location}</dd>
          </>
        )}
        {process.output && (
          <>
            <dt>{t('studies.model.output')}</dt>
            <dd>
              <Amount value={process.output.amount} /> {process.output.unit ?? ''} {process.output.name ?? ''}
            </dd>
          </>
        )}
        <dt>{t('studies.model.id')}</dt>
        <dd>
          <code>{process.id}</code>
        </dd>
      </dl>
      {process.tags.length > 0 && (
        <p className="small">
          {process.tags.map((tag) => (
            <span key={tag} className="badge">
              {t(`studies.model.tags.${tag.replace('cfp:', '')}`, { defaultValue: tag })}
            </span>
          ))}
        </p>
      )}
      {process.inputs.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption className="caption-left">{t('studies.model.inputsOf', { process: name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('studies.model.input')}</th>
                <th scope="col">{t('studies.model.kind')}</th>
                <th scope="col" className="numeric">
                  {t('studies.model.amount')}
                </th>
                <th scope="col">{t('studies.model.unit')}</th>
                <th scope="col" className="hide-narrow">
                  {t('studies.model.stage')}
                </th>
                <th scope="col">{t('studies.model.source')}</th>
                <th scope="col" className="numeric">
                  {t('studies.model.co2e')}
                </th>
                <th scope="col" className="nowrap">
                  {t('studies.findings.title')}
                </th>
              </tr>
            </thead>
            <tbody>
              {process.inputs.map((input) => {
                const documentPath = `/processes/${process.index}/inputs/${input.index}`;
                const path = itemPath({ kind: 'input', process: process.index, input: input.index });
                return (
                  <Fragment key={input.index}>
                    <tr id={itemAnchor(path)}>
                      <th scope="row">
                        {input.name}
                        {input.comment && <span className="cell-note">{input.comment}</span>}
                        {input.quality?.pedigree && (
                          <span className="cell-note">
                            {t('studies.model.pedigree', {
                              scores: input.quality.pedigree.map((s) => s ?? 'n.a.').join(';'),
                            })}
                          </span>
                        )}
                      </th>
                      <td>
                        {t(`studies.model.kinds.${input.source.kind}`, { defaultValue: input.source.kind })}
                      </td>
                      <td className="numeric">
                        <Amount value={input.amount} />
                      </td>
                      <td>{input.unit ?? '—'}</td>
                      <td className="hide-narrow">{stageOf(input.stage)}</td>
                      <td>
                        <SourceText
                          source={input.source}
                          documentPath={documentPath}
                          model={model}
                          result={result}
                        />
                      </td>
                      <td className="numeric">{co2e(documentPath)}</td>
                      <td>
                        <ItemFindings path={path} />
                      </td>
                    </tr>
                    <ComposerRow targetKey={path} columns={8} />
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {process.emissions.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption className="caption-left">{t('studies.model.emissionsOf', { process: name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('studies.model.gas')}</th>
                <th scope="col">{t('studies.model.origin')}</th>
                <th scope="col" className="numeric">
                  {t('studies.model.amount')}
                </th>
                <th scope="col">{t('studies.model.unit')}</th>
                <th scope="col" className="hide-narrow">
                  {t('studies.model.stage')}
                </th>
                <th scope="col" className="numeric">
                  {t('studies.model.co2e')}
                </th>
                <th scope="col" className="nowrap">
                  {t('studies.findings.title')}
                </th>
              </tr>
            </thead>
            <tbody>
              {process.emissions.map((emission) => {
                const documentPath = `/processes/${process.index}/emissions/${emission.index}`;
                const path = itemPath({ kind: 'emission', process: process.index, emission: emission.index });
                return (
                  <Fragment key={emission.index}>
                    <tr id={itemAnchor(path)}>
                      <th scope="row">
                        {emission.gas}
                        {emission.comment && <span className="cell-note">{emission.comment}</span>}
                      </th>
                      <td>
                        {emission.origin
                          ? t(`studies.model.origins.${emission.origin}`, { defaultValue: emission.origin })
                          : '—'}
                      </td>
                      <td className="numeric">
                        <Amount value={emission.amount} />
                      </td>
                      <td>{emission.unit ?? '—'}</td>
                      <td className="hide-narrow">{stageOf(emission.stage)}</td>
                      <td className="numeric">{co2e(documentPath)}</td>
                      <td>
                        <ItemFindings path={path} />
                      </td>
                    </tr>
                    <ComposerRow targetKey={path} columns={7} />
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/**
 * The model a study reports, read-only, as it was calculated for the submitted result: its options and hash,
 * whether it was saved since (then verification is refused), parameters, every process with its inputs (amount,
 * unit, stage, where the kilograms come from, the result's kg CO₂e) and direct emissions, and scenarios. Each item
 * shows its findings and, for the invited verifier, a button to raise one.
 *
 * @example <ModelView answer={model.data} result={result.data?.result ?? null} />
 */
export function ModelView({ answer, result }: { answer: StudyModelAnswer; result: StudyResult | null }) {
  const { t } = useTranslation();
  const names = useStudyNames();
  const { view, model } = answer;
  const request = view.request as { method?: unknown; biogenicApproach?: unknown; stageScheme?: unknown };
  const text = (x: unknown) => (typeof x === 'string' ? x : '—');
  return (
    <div className="study-model">
      <section className="card" aria-labelledby="model-facts">
        <h2 id="model-facts">{t('studies.model.title')}</h2>
        {view.current.changed && (
          <div className="message message-warning" role="note">
            <p>
              {t('studies.model.changedSince', {
                version: view.modelVersion,
                current: view.current.version,
              })}
            </p>
          </div>
        )}
        <dl className="facts">
          <dt>{t('studies.model.version')}</dt>
          <dd>{view.modelVersion}</dd>
          <dt>{t('studies.model.method')}</dt>
          <dd>{result?.gwpSet ?? text(request.method)}</dd>
          <dt>{t('studies.model.biogenic')}</dt>
          <dd>{text(request.biogenicApproach)}</dd>
          <dt>{t('studies.model.stageScheme')}</dt>
          <dd>{text(request.stageScheme)}</dd>
          <dt>{t('studies.model.inputsHash')}</dt>
          <dd>
            <code className="hash">{view.inputsHash}</code>
          </dd>
          {model?.functionalUnit && (model.functionalUnit.en || model.functionalUnit.zh) && (
            <>
              <dt>{t('studies.fields.functionalUnit')}</dt>
              <dd>{names.local(model.functionalUnit.en ?? '', model.functionalUnit.zh) || '—'}</dd>
            </>
          )}
        </dl>
        {model?.description && <p className="small model-description">{model.description}</p>}
      </section>
      {model === null ? (
        <p className="message message-info">{t('studies.model.noDocument')}</p>
      ) : (
        <>
          {model.parameters.length > 0 && (
            <section className="card" aria-labelledby="model-parameters">
              <h2 id="model-parameters">{t('studies.model.parameters')}</h2>
              <div className="table-scroll">
                <table>
                  <caption className="visually-hidden">{t('studies.model.parameters')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('studies.model.parameter')}</th>
                      <th scope="col" className="numeric">
                        {t('studies.model.value')}
                      </th>
                      <th scope="col">{t('studies.model.unit')}</th>
                      <th scope="col" className="nowrap">
                        {t('studies.findings.title')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {model.parameters.map((parameter) => {
                      const path = itemPath({ kind: 'parameter', parameter: parameter.index });
                      return (
                        <Fragment key={parameter.index}>
                          <tr id={itemAnchor(path)}>
                            <th scope="row">
                              <code>{parameter.name}</code>
                              {parameter.description && (
                                <span className="cell-note">{parameter.description}</span>
                              )}
                            </th>
                            <td className="numeric">
                              <Amount value={parameter.value ?? parameter.formula} />
                            </td>
                            <td>{parameter.unit ?? '—'}</td>
                            <td>
                              <ItemFindings path={path} />
                            </td>
                          </tr>
                          <ComposerRow targetKey={path} columns={4} />
                        </Fragment>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </section>
          )}
          <h2 className="section-gap">{t('studies.model.processes', { count: model.processes.length })}</h2>
          {model.processes.map((process) => (
            <ProcessSection key={process.index} process={process} model={model} result={result} />
          ))}
          {model.scenarios.length > 0 && (
            <section className="card" aria-labelledby="model-scenarios">
              <h2 id="model-scenarios">{t('studies.model.scenarios')}</h2>
              <ul>
                {model.scenarios.map((scenario) => (
                  <li key={scenario.id}>
                    {names.local(scenario.name, scenario.nameZh)}
                    {scenario.kind && (
                      <span className="badge">
                        {t(`studies.model.scenarioKinds.${scenario.kind}`, { defaultValue: scenario.kind })}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </div>
  );
}
