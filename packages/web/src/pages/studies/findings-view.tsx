import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../i18n/format';
import { useFindingTargets } from './finding-targets';
import { ComposerBlock } from './item-findings';
import { itemAnchor, pointerTokens } from './item-path';
import { StudyError } from './study-error';
import type { StudyDetail, StudyFinding } from './study-queries';

/** Who someone is, by the ids the findings carry: their name from the study's history, and their organisation. */
function usePeople(study: StudyDetail) {
  const { t } = useTranslation();
  const names = new Map<string, string>();
  for (const event of study.history)
    if (event.actorId && event.actorName) names.set(event.actorId, event.actorName);
  if (study.verifier?.userId && study.verifier.userName)
    names.set(study.verifier.userId, study.verifier.userName);
  return {
    person: (id: string | null) =>
      id ? (names.get(id) ?? t('studies.findings.someone')) : t('studies.findings.someone'),
    organisation: (id: string | null) =>
      id === study.organisationId
        ? study.organisationName
        : id === study.verifier?.organisationId
          ? study.verifier.organisationName
          : id === study.certificationBody?.organisationId
            ? study.certificationBody.organisationName
            : '',
  };
}

/** The study page's view an item path's item is shown in. */
function viewOf(itemPath: string): string {
  const root = pointerTokens(itemPath)[0];
  return root === 'model' ? 'model' : root === 'result' ? 'result' : 'overview';
}

function AnswerForm({ onAnswer, pending }: { onAnswer(text: string): void; pending: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) onAnswer(text.trim());
  };
  return (
    <form className="answer-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor={id}>{t('studies.findings.answer')}</label>
        <textarea id={id} rows={2} maxLength={10000} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <button type="submit" className="button-main" disabled={pending || text.trim() === ''}>
        {t('studies.findings.sendAnswer')}
      </button>
    </form>
  );
}

/**
 * The findings on a study, oldest first: the item each is about (in words, its path, a link to it), its text, who
 * raised it and when, the practitioner's answers, whether it is closed and by whom. The practitioner's editors
 * answer open ones; the invited verifier closes them and raises new ones, also on the study as a whole.
 *
 * @example <FindingsView study={study} findings={findings} canAnswer canClose={false} onMove={…} />
 */
export function FindingsView({
  study,
  findings,
  canAnswer,
  canClose,
  onAnswer,
  onClose,
  pending,
  error,
}: {
  study: StudyDetail;
  findings: StudyFinding[];
  canAnswer: boolean;
  canClose: boolean;
  onAnswer(findingId: string, text: string): void;
  onClose(findingId: string): void;
  pending: string | null;
  error: { findingId: string; error: unknown } | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const targets = useFindingTargets();
  const people = usePeople(study);
  return (
    <section className="card" aria-labelledby="findings-heading">
      <h2 id="findings-heading">{t('studies.findings.title')}</h2>
      <p className="muted">
        {t('studies.findings.summary', {
          open: study.findings.open,
          answered: study.findings.answered,
          closed: study.findings.closed,
        })}
      </p>
      {targets.canRaise && (
        <>
          <p>
            <button type="button" onClick={() => targets.raise('', undefined, 'finding:study')}>
              {t('studies.findings.raiseOnStudy')}
            </button>
          </p>
          <ComposerBlock targetKey="finding:study" />
          <p className="field-hint">{t('studies.findings.raiseHint')}</p>
        </>
      )}
      {findings.length === 0 ? (
        <p className="muted">{t('studies.findings.none')}</p>
      ) : (
        <ol className="finding-list">
          {findings.map((finding) => (
            <li key={finding.id} className={`finding finding-${finding.state}`}>
              <article aria-labelledby={`finding-${finding.id}`}>
                <div className="finding-head">
                  <h3 id={`finding-${finding.id}`}>{targets.describe(finding.itemPath)}</h3>
                  <span className={`status finding-state-${finding.state}`}>
                    {t(`studies.findings.states.${finding.state}`)}
                  </span>
                </div>
                <p className="muted small">
                  {t('studies.findings.raisedBy', {
                    name: people.person(finding.authorId),
                    organisation: people.organisation(finding.authorOrganisationId),
                    time: format.dateTime(finding.createdAt),
                  })}{' '}
                  · <code className="item-path">{finding.itemPath === '' ? '""' : finding.itemPath}</code>{' '}
                  {finding.itemPath !== '' && (
                    <Link to={`?view=${viewOf(finding.itemPath)}#${itemAnchor(finding.itemPath)}`}>
                      {t('studies.findings.showItem')}
                    </Link>
                  )}
                </p>
                <p className="finding-text">{finding.text}</p>
                {finding.answers.length > 0 && (
                  <ol className="answer-list" aria-label={t('studies.findings.answers')}>
                    {finding.answers.map((answer, i) => (
                      <li key={i}>
                        <p className="muted small">
                          {t('studies.findings.answeredBy', {
                            name: people.person(answer.authorId),
                            time: format.dateTime(answer.at),
                          })}
                        </p>
                        <p>{answer.text}</p>
                      </li>
                    ))}
                  </ol>
                )}
                {finding.state === 'closed' && finding.closedAt && (
                  <p className="muted small">
                    {t('studies.findings.closedBy', {
                      name: people.person(finding.closedBy),
                      time: format.dateTime(finding.closedAt),
                    })}
                  </p>
                )}
                {finding.state !== 'closed' && canAnswer && (
                  <AnswerForm
                    key={finding.answers.length}
                    pending={pending === finding.id}
                    onAnswer={(text) => onAnswer(finding.id, text)}
                  />
                )}
                {finding.state !== 'closed' && canClose && (
                  <p>
                    <button
                      type="button"
                      disabled={pending === finding.id}
                      onClick={() => onClose(finding.id)}
                    >
                      {t('studies.findings.close')}
                    </button>
                  </p>
                )}
                {error?.findingId === finding.id && <StudyError error={error.error} />}
              </article>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
