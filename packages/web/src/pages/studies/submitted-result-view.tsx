import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../i18n/format';
import { splitRows } from '../results/split-rows';
import { ComposerRow, ItemFindings } from './item-findings';
import { itemAnchor, itemPath } from './item-path';
import type { StudyResultAnswer } from './study-queries';
import { useStudyNames } from './use-study-names';

/**
 * The result a study reports, read-only: the total per declared unit, the ISO 14067 split, the stages and every
 * line of the model with its kg CO₂e — each with its findings and, for the invited verifier, a button to raise one.
 * The practitioner also gets a link to the result's own page (the verifier cannot read it there).
 *
 * @example <SubmittedResultView answer={result.data} ownResult />
 */
export function SubmittedResultView({
  answer,
  ownResult,
}: {
  answer: StudyResultAnswer;
  ownResult: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const names = useStudyNames();
  const { view, result } = answer;
  const declared = result.declaredUnit;
  return (
    <div className="study-result">
      <section className="card" aria-labelledby="result-total">
        <h2 id="result-total">{t('studies.result.title')}</h2>
        <p className="big-figure">{format.co2e(result.total)}</p>
        {declared && declared.amount !== null && declared.unit && (
          <p className="muted">
            {t('studies.result.perDeclaredUnit', {
              unit: format.amount(declared.amount, declared.unit),
              product: declared.productName ?? '',
            })}
          </p>
        )}
        <dl className="facts">
          <dt>{t('studies.result.calculatedAt')}</dt>
          <dd>{format.dateTime(view.createdAt)}</dd>
          <dt>{t('studies.model.version')}</dt>
          <dd>{view.modelVersion}</dd>
          <dt>{t('studies.model.method')}</dt>
          <dd>{result.gwpSet ?? '—'}</dd>
          <dt>{t('studies.model.inputsHash')}</dt>
          <dd>
            <code className="hash">{view.inputsHash}</code>
          </dd>
          <dt>{t('studies.result.id')}</dt>
          <dd>
            {ownResult ? (
              <Link to={`/calculations/${encodeURIComponent(view.id)}`}>{view.id}</Link>
            ) : (
              <code>{view.id}</code>
            )}
          </dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="result-split">
        <h2 id="result-split">{t('studies.result.split')}</h2>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('studies.result.split')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('studies.result.part')}</th>
                <th scope="col" className="numeric">
                  {t('studies.model.co2e')}
                </th>
                <th scope="col" className="nowrap">
                  {t('studies.findings.title')}
                </th>
              </tr>
            </thead>
            <tbody>
              {splitRows(result.split).map((row) => {
                const path = itemPath({ kind: 'split', key: row.key });
                return (
                  <Fragment key={row.key}>
                    <tr id={itemAnchor(path)} className={row.level === 'total' ? 'row-strong' : undefined}>
                      <th
                        scope="row"
                        className={
                          row.level === 'sub-part' || row.level === 'of-which' ? 'indent' : undefined
                        }
                      >
                        {row.level === 'of-which' && `${t('studies.result.ofWhich')} `}
                        {names.split(row.key)}
                      </th>
                      <td className="numeric">{format.number(row.value)}</td>
                      <td>
                        <ItemFindings path={path} />
                      </td>
                    </tr>
                    <ComposerRow targetKey={path} columns={3} />
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="result-stages">
        <h2 id="result-stages">{t('studies.result.stages')}</h2>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('studies.result.stages')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('studies.model.stage')}</th>
                <th scope="col" className="numeric">
                  {t('studies.model.co2e')}
                </th>
                <th scope="col" className="numeric">
                  {t('studies.result.share')}
                </th>
                <th scope="col" className="nowrap">
                  {t('studies.findings.title')}
                </th>
              </tr>
            </thead>
            <tbody>
              {result.stages.map((stage) => {
                const path = itemPath({ kind: 'stage', stage: stage.index });
                return (
                  <Fragment key={stage.id}>
                    <tr id={itemAnchor(path)}>
                      <th scope="row">{names.local(stage.name ?? stage.id, stage.nameZh)}</th>
                      <td className="numeric">{format.number(stage.amount)}</td>
                      <td className="numeric">{stage.share === null ? '—' : format.percent(stage.share)}</td>
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
      <section className="card" aria-labelledby="result-lines">
        <h2 id="result-lines">{t('studies.result.lines')}</h2>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('studies.result.lines')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('studies.result.line')}</th>
                <th scope="col" className="hide-narrow">
                  {t('studies.result.process')}
                </th>
                <th scope="col" className="numeric">
                  {t('studies.model.amount')}
                </th>
                <th scope="col" className="numeric">
                  {t('studies.model.co2e')}
                </th>
                <th scope="col" className="numeric">
                  {t('studies.result.share')}
                </th>
                <th scope="col" className="nowrap">
                  {t('studies.findings.title')}
                </th>
              </tr>
            </thead>
            <tbody>
              {result.lines.map((line) => {
                const path = itemPath({ kind: 'line', line: line.index });
                return (
                  <Fragment key={line.index}>
                    <tr id={itemAnchor(path)}>
                      <th scope="row">
                        {line.name}
                        {line.datasetName && <span className="cell-note">{line.datasetName}</span>}
                      </th>
                      <td className="hide-narrow">{names.local(line.processName, line.processNameZh)}</td>
                      <td className="numeric nowrap">
                        {line.quantity === null ? '—' : format.amount(line.quantity, line.unit ?? '')}
                      </td>
                      <td className="numeric">{format.number(line.co2e)}</td>
                      <td className="numeric">{line.share === null ? '—' : format.percent(line.share)}</td>
                      <td>
                        <ItemFindings path={path} />
                      </td>
                    </tr>
                    <ComposerRow targetKey={path} columns={6} />
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
