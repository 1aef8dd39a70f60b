import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { ComplianceReport } from './read-compliance';
import type { StudyControl } from './study-controls';
import { StudyError } from './study-error';
import type { Study, StudyMove } from './study-queries';

type Panel = 'invite' | 'publish' | 'withdraw' | 'supersede' | 'verify' | 'reject' | 'certify';

/** A small form under the action bar: its fields, a confirming button and cancel. */
function PanelForm({
  title,
  children,
  submitLabel,
  onSubmit,
  onCancel,
  pending,
  danger = false,
}: {
  title: string;
  children: ReactNode;
  submitLabel: string;
  onSubmit(): void;
  onCancel(): void;
  pending: boolean;
  danger?: boolean;
}) {
  const id = useId();
  const { t } = useTranslation();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form
      className="action-panel"
      aria-labelledby={id}
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <h3 id={id}>{title}</h3>
      {children}
      <div className="button-row">
        <button type="submit" className={danger ? 'button-danger' : 'button-main'} disabled={pending}>
          {submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          {t('studies.cancel')}
        </button>
      </div>
    </form>
  );
}

/** A labelled text field of a panel. */
function TextField({
  label,
  value,
  onChange,
  multiline = false,
  type = 'text',
  hint,
  autoFocus = false,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  multiline?: boolean;
  type?: string;
  hint?: string;
  autoFocus?: boolean;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea
          id={id}
          rows={3}
          value={value}
          autoFocus={autoFocus}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input
          id={id}
          type={type}
          value={value}
          autoFocus={autoFocus}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/**
 * The moves the reader may make with the study now, as buttons; those that need more (an invitation, a reason, a
 * note, a confirmation) open a small form. Publication is blocked — and says so, with a link to the check — while a
 * mandatory requirement of the rule set is not met. The server's refusal is shown in the reader's language.
 *
 * @example <StudyActions study={study} controls={controls} compliance={report} onMove={move.mutate} … />
 */
export function StudyActions({
  study,
  controls,
  compliance,
  modelChanged,
  onMove,
  pending,
  error,
  onDone,
}: {
  study: Study;
  controls: ReadonlySet<StudyControl>;
  compliance: ComplianceReport | undefined;
  /** The model was saved since the study's result was calculated (undefined: not known yet). */
  modelChanged: boolean | undefined;
  onMove(move: StudyMove, onSuccess: (study: Study) => void): void;
  pending: boolean;
  error: unknown;
  /** Called after a move succeeded (e.g. to reset state that hangs on it). */
  onDone?(study: Study): void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [panel, setPanel] = useState<Panel | null>(null);
  const [verifierOrganisation, setVerifierOrganisation] = useState('');
  const [verifierEmail, setVerifierEmail] = useState('');
  const [bodyOrganisation, setBodyOrganisation] = useState('');
  const [bodyEmail, setBodyEmail] = useState('');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [title, setTitle] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const blockedId = useId();

  const open = (next: Panel) => {
    setPanel(next);
    setReason('');
    setNote('');
    setReasonMissing(false);
  };
  const run = (move: StudyMove) =>
    onMove(move, (after) => {
      setPanel(null);
      onDone?.(after);
      if (move.action === 'supersede') void navigate(`/studies/${encodeURIComponent(after.id)}/edit`);
    });
  const withReason = (action: 'withdraw' | 'reject') => {
    if (!reason.trim()) {
      setReasonMissing(true);
      return;
    }
    run({ action, reason: reason.trim() });
  };

  const blocked = compliance?.blocksPublication === true;
  const has = (control: StudyControl) => controls.has(control);
  const any = [...controls].some(
    (c) => c !== 'answer-finding' && c !== 'raise-finding' && c !== 'close-finding',
  );
  if (!any) return null;

  return (
    <div className="study-actions">
      <div className="button-row" role="group" aria-label={t('studies.actions.label')}>
        {has('edit') && (
          <Link className="button-like" to={`/studies/${encodeURIComponent(study.id)}/edit`}>
            {t('studies.actions.edit')}
          </Link>
        )}
        {has('invite') && (
          <button type="button" onClick={() => open('invite')} aria-expanded={panel === 'invite'}>
            {study.verifier ? t('studies.actions.inviteAgain') : t('studies.actions.invite')}
          </button>
        )}
        {has('submit') && (
          <button
            type="button"
            className="button-main"
            disabled={pending}
            onClick={() => run({ action: 'submit' })}
          >
            {t('studies.actions.submit')}
          </button>
        )}
        {has('start-verification') && (
          <button
            type="button"
            className="button-main"
            disabled={pending}
            onClick={() => run({ action: 'start-verification' })}
          >
            {t('studies.actions.startVerification')}
          </button>
        )}
        {has('verify') && (
          <button
            type="button"
            className="button-main"
            onClick={() => open('verify')}
            aria-expanded={panel === 'verify'}
          >
            {t('studies.actions.verify')}
          </button>
        )}
        {has('reject') && (
          <button
            type="button"
            className="button-danger"
            onClick={() => open('reject')}
            aria-expanded={panel === 'reject'}
          >
            {t('studies.actions.reject')}
          </button>
        )}
        {has('certify') && (
          <button
            type="button"
            className="button-main"
            onClick={() => open('certify')}
            aria-expanded={panel === 'certify'}
          >
            {t('studies.actions.certify')}
          </button>
        )}
        {has('publish') && (
          <button
            type="button"
            className="button-main"
            disabled={blocked || compliance === undefined}
            aria-describedby={blocked ? blockedId : undefined}
            aria-expanded={panel === 'publish'}
            onClick={() => open('publish')}
          >
            {t('studies.actions.publish')}
          </button>
        )}
        {has('supersede') && (
          <button type="button" onClick={() => open('supersede')} aria-expanded={panel === 'supersede'}>
            {t('studies.actions.supersede')}
          </button>
        )}
        {has('withdraw') && (
          <button
            type="button"
            className="button-danger"
            onClick={() => open('withdraw')}
            aria-expanded={panel === 'withdraw'}
          >
            {t('studies.actions.withdraw')}
          </button>
        )}
      </div>
      {has('publish') && blocked && (
        <p id={blockedId} className="message message-error small">
          {t('studies.actions.publishBlocked', { count: compliance.rows.filter((r) => r.blocking).length })}{' '}
          <Link to="?view=compliance">{t('studies.actions.seeCompliance')}</Link>
        </p>
      )}
      {has('submit') && study.resultId === null && (
        <p className="field-hint">{t('studies.actions.submitNeedsResult')}</p>
      )}
      {(has('submit') || has('verify')) && modelChanged && (
        <p className="message message-warning small">{t('studies.actions.modelChanged')}</p>
      )}

      {panel === 'invite' && (
        <PanelForm
          title={t('studies.invite.title')}
          submitLabel={t('studies.invite.submit')}
          pending={pending}
          onCancel={() => setPanel(null)}
          onSubmit={() =>
            run({
              action: 'invite-verifier',
              body: {
                verifier: { organisation: verifierOrganisation.trim(), email: verifierEmail.trim() },
                certificationBody:
                  bodyOrganisation.trim() && bodyEmail.trim()
                    ? { organisation: bodyOrganisation.trim(), email: bodyEmail.trim() }
                    : null,
              },
            })
          }
        >
          <p className="field-hint">{t('studies.invite.hint')}</p>
          <div className="form-grid">
            <TextField
              label={t('studies.invite.organisation')}
              value={verifierOrganisation}
              onChange={setVerifierOrganisation}
              hint={t('studies.invite.organisationHint')}
              autoFocus
            />
            <TextField
              label={t('studies.invite.email')}
              type="email"
              value={verifierEmail}
              onChange={setVerifierEmail}
              hint={t('studies.invite.emailHint')}
            />
          </div>
          <details>
            <summary>{t('studies.invite.certificationBody')}</summary>
            <div className="form-grid">
              <TextField
                label={t('studies.invite.bodyOrganisation')}
                value={bodyOrganisation}
                onChange={setBodyOrganisation}
              />
              <TextField
                label={t('studies.invite.bodyEmail')}
                type="email"
                value={bodyEmail}
                onChange={setBodyEmail}
              />
            </div>
          </details>
        </PanelForm>
      )}
      {panel === 'publish' && (
        <PanelForm
          title={t('studies.publish.title')}
          submitLabel={t('studies.publish.submit')}
          pending={pending}
          onCancel={() => setPanel(null)}
          onSubmit={() => run({ action: 'publish' })}
        >
          <p>{study.selfDeclared ? t('studies.publish.selfDeclared') : t('studies.publish.text')}</p>
        </PanelForm>
      )}
      {panel === 'withdraw' && (
        <PanelForm
          title={t('studies.withdraw.title')}
          submitLabel={t('studies.withdraw.submit')}
          pending={pending}
          danger
          onCancel={() => setPanel(null)}
          onSubmit={() => withReason('withdraw')}
        >
          <p>{study.state === 'published' ? t('studies.withdraw.published') : t('studies.withdraw.text')}</p>
          <TextField label={t('studies.reason')} value={reason} onChange={setReason} multiline autoFocus />
          {reasonMissing && <p className="field-issues issue-error">{t('studies.form.issues.required')}</p>}
        </PanelForm>
      )}
      {panel === 'reject' && (
        <PanelForm
          title={t('studies.reject.title')}
          submitLabel={t('studies.reject.submit')}
          pending={pending}
          danger
          onCancel={() => setPanel(null)}
          onSubmit={() => withReason('reject')}
        >
          <p>{t('studies.reject.text')}</p>
          <TextField label={t('studies.reason')} value={reason} onChange={setReason} multiline autoFocus />
          {reasonMissing && <p className="field-issues issue-error">{t('studies.form.issues.required')}</p>}
        </PanelForm>
      )}
      {panel === 'verify' && (
        <PanelForm
          title={t('studies.verify.title')}
          submitLabel={t('studies.verify.submit')}
          pending={pending}
          onCancel={() => setPanel(null)}
          onSubmit={() => run({ action: 'verify', ...(note.trim() ? { note: note.trim() } : {}) })}
        >
          <p>{t('studies.verify.text')}</p>
          <TextField label={t('studies.note')} value={note} onChange={setNote} multiline autoFocus />
        </PanelForm>
      )}
      {panel === 'certify' && (
        <PanelForm
          title={t('studies.certify.title')}
          submitLabel={t('studies.certify.submit')}
          pending={pending}
          onCancel={() => setPanel(null)}
          onSubmit={() => run({ action: 'certify', ...(note.trim() ? { note: note.trim() } : {}) })}
        >
          <TextField label={t('studies.note')} value={note} onChange={setNote} multiline autoFocus />
        </PanelForm>
      )}
      {panel === 'supersede' && (
        <PanelForm
          title={t('studies.supersede.title')}
          submitLabel={t('studies.supersede.submit')}
          pending={pending}
          onCancel={() => setPanel(null)}
          onSubmit={() => run({ action: 'supersede', ...(title.trim() ? { title: title.trim() } : {}) })}
        >
          <p>{t('studies.supersede.text')}</p>
          <TextField
            label={t('studies.supersede.newTitle')}
            value={title}
            onChange={setTitle}
            hint={t('studies.supersede.newTitleHint')}
            autoFocus
          />
        </PanelForm>
      )}
      {error !== null && error !== undefined && <StudyError error={error} />}
    </div>
  );
}
