// THE table of a study's states and the actions that move it between them, and the one function that decides
// whether an action may happen now. Every change of state in repositories/studies.ts goes through `nextState`.
import { StoreError } from '../errors.js';
import type { StudyState } from '../schema.js';

/** Every state of a study, in the order a study normally goes through them. */
export const STUDY_STATES: readonly StudyState[] = [
  'draft',
  'submitted',
  'in-verification',
  'findings-raised',
  'findings-answered',
  'verified',
  'rejected',
  'certified',
  'published',
  'superseded',
  'withdrawn',
];

/**
 * Who takes part in a study: the organisation that made it (`practitioner`), the organisation invited to verify it
 * (`verifier`, one of its users by name) and optionally a certification body (`certification-body`, likewise).
 */
export type StudySide = 'practitioner' | 'verifier' | 'certification-body';

/** What moves a study from one state to another. */
export type StudyAction =
  | 'submit'
  | 'start-verification'
  | 'raise-finding'
  | 'answer-findings'
  | 'verify'
  | 'reject'
  | 'certify'
  | 'publish'
  | 'withdraw'
  | 'supersede';

/** What a study must be for an action beyond its state: a reason when it is not, else undefined. */
type Guard = (study: TransitionFacts) => string | undefined;

/** One row of the table: the states an action starts from, where it leads, who may take it and its conditions. */
export interface StudyTransition {
  from: readonly StudyState[];
  to: StudyState;
  by: StudySide;
  guard?: Guard;
  /** In a sentence, for messages and docs. */
  description: string;
}

/** What the guards look at. */
export interface TransitionFacts {
  state: StudyState;
  selfDeclared: boolean;
  verifierOrganisationId: string | null;
  certifierOrganisationId: string | null;
  resultId: string | null;
}

/** The table. docs/studies.md shows it; the tests walk every cell of it. */
export const STUDY_TRANSITIONS: Readonly<Record<StudyAction, StudyTransition>> = {
  submit: {
    from: ['draft', 'rejected'],
    to: 'submitted',
    by: 'practitioner',
    guard: (s) =>
      s.resultId === null ? 'name the calculation result the study reports (resultId)' : undefined,
    description: 'the practitioner submits the study with the calculation result it reports',
  },
  'start-verification': {
    from: ['submitted'],
    to: 'in-verification',
    by: 'verifier',
    guard: (s) =>
      s.selfDeclared
        ? 'the study is self-declared: it is not verified by a third party'
        : s.verifierOrganisationId === null
          ? 'no verifier is invited yet (invite-verifier)'
          : undefined,
    description: 'the invited verifier starts the verification',
  },
  'raise-finding': {
    from: ['in-verification', 'findings-raised', 'findings-answered'],
    to: 'findings-raised',
    by: 'verifier',
    description: 'the verifier raises a finding on an item of the model or result',
  },
  'answer-findings': {
    from: ['findings-raised'],
    to: 'findings-answered',
    by: 'practitioner',
    description: 'the last open finding is answered (or closed): the verifier has the practitioner’s answers',
  },
  verify: {
    from: ['in-verification', 'findings-answered'],
    to: 'verified',
    by: 'verifier',
    description: 'the verifier verifies the study; the hash of its inputs is frozen',
  },
  reject: {
    from: ['in-verification', 'findings-raised', 'findings-answered'],
    to: 'rejected',
    by: 'verifier',
    description: 'the verifier rejects the study (the practitioner may submit it again)',
  },
  certify: {
    from: ['verified'],
    to: 'certified',
    by: 'certification-body',
    guard: (s) => (s.certifierOrganisationId === null ? 'no certification body is invited' : undefined),
    description: 'the invited certification body certifies the verified study',
  },
  publish: {
    from: ['submitted', 'verified', 'certified'],
    to: 'published',
    by: 'practitioner',
    guard: (s) => {
      if (s.selfDeclared)
        return s.state === 'submitted' ? undefined : 'a self-declared study is published once submitted';
      if (s.state === 'submitted') return 'the study must be verified first (or be self-declared)';
      if (s.certifierOrganisationId !== null && s.state !== 'certified')
        return 'a certification body is invited: the study must be certified first';
      return undefined;
    },
    description:
      'the practitioner publishes the study as a signed statement (verified, certified, or self-declared)',
  },
  withdraw: {
    from: [
      'draft',
      'submitted',
      'in-verification',
      'findings-raised',
      'findings-answered',
      'verified',
      'rejected',
      'certified',
      'published',
    ],
    to: 'withdrawn',
    by: 'practitioner',
    description: 'the practitioner withdraws the study (a published statement is then shown as withdrawn)',
  },
  supersede: {
    from: ['published'],
    to: 'superseded',
    by: 'practitioner',
    description: 'the study’s successor is published: its statement is superseded by the new one',
  },
};

/**
 * The state `action` leads `study` to, or StoreError ILLEGAL_TRANSITION saying why not (wrong state, or a
 * condition of the action) with `details: { action, state, allowedFrom }`.
 *
 * @example nextState({ state: 'draft', selfDeclared: false, ... }, 'submit') // 'submitted'
 */
export function nextState(study: TransitionFacts, action: StudyAction): StudyState {
  const transition = STUDY_TRANSITIONS[action];
  const details = { action, state: study.state, allowedFrom: transition.from };
  if (!transition.from.includes(study.state))
    throw new StoreError(
      'ILLEGAL_TRANSITION',
      `a study cannot ${action} when it is ${study.state} (only when ${transition.from.join(', ')})`,
      { details },
    );
  const reason = transition.guard?.(study);
  if (reason !== undefined)
    throw new StoreError('ILLEGAL_TRANSITION', `the study cannot ${action}: ${reason}`, {
      details: { ...details, reason },
    });
  return transition.to;
}

/** The actions `side` could take on the study now (for clients to offer; each is still checked when taken). */
export function availableActions(study: TransitionFacts, side: StudySide): StudyAction[] {
  return (Object.keys(STUDY_TRANSITIONS) as StudyAction[]).filter((action) => {
    const transition = STUDY_TRANSITIONS[action];
    // answer-findings follows from answering; supersede (start a successor) is offered once published.
    if (transition.by !== side || action === 'answer-findings') return false;
    return transition.from.includes(study.state) && transition.guard?.(study) === undefined;
  });
}
