import type { Schema } from '@opencfp/client';

export type Study = Schema<'Study'>;
export type StudyState = Schema<'StudyState'>;
export type Role = Schema<'Role'>;

/** What the study page may offer the reader: the workflow's moves and the changes around them. */
export type StudyControl =
  | 'edit'
  | 'invite'
  | 'submit'
  | 'publish'
  | 'withdraw'
  | 'supersede'
  | 'answer-finding'
  | 'start-verification'
  | 'raise-finding'
  | 'close-finding'
  | 'verify'
  | 'reject'
  | 'certify';

/** Who is looking: their role in the organisation they look from, and their user id (null: a machine client). */
export interface Viewer {
  role: Role;
  userId: string | null;
}

/** The states in which a draft's fields can change (docs/studies.md: PATCH of a draft or rejected study). */
const CHANGEABLE: readonly StudyState[] = ['draft', 'rejected'];
/** A verifier (and certification body) is invited before the verification starts. */
const INVITABLE: readonly StudyState[] = ['draft', 'submitted'];
/** The states of a verification under way: findings are raised, answered and closed then. */
const VERIFYING: readonly StudyState[] = ['in-verification', 'findings-raised', 'findings-answered'];

const canEdit = (role: Role) => role === 'owner' || role === 'editor';

/**
 * What the reader may do with a study now: the server's `actions` (what the reader's side could do in this state)
 * narrowed to what the reader may do on that side — the practitioner's editors and owners; on the verifier's side
 * only the user the study invited (docs/studies.md, Roles) — and the changes that are not moves of the state
 * (editing a draft, inviting, answering and closing findings). The server checks everything again.
 *
 * @example studyControls(study, { role: 'editor', userId }).has('submit')
 */
export function studyControls(
  study: Pick<Study, 'state' | 'relation' | 'actions' | 'selfDeclared' | 'verifier' | 'certificationBody'>,
  viewer: Viewer,
): Set<StudyControl> {
  const controls = new Set<StudyControl>();
  const actions = new Set(study.actions);
  if (study.relation === 'practitioner') {
    if (!canEdit(viewer.role)) return controls;
    if (CHANGEABLE.includes(study.state)) controls.add('edit');
    if (INVITABLE.includes(study.state) && !study.selfDeclared) controls.add('invite');
    for (const action of ['submit', 'publish', 'withdraw', 'supersede'] as const)
      if (actions.has(action)) controls.add(action);
    if (VERIFYING.includes(study.state)) controls.add('answer-finding');
    return controls;
  }
  if (study.relation === 'verifier') {
    if (viewer.userId === null || study.verifier?.userId !== viewer.userId) return controls;
    for (const action of ['start-verification', 'raise-finding', 'verify', 'reject'] as const)
      if (actions.has(action)) controls.add(action);
    if (VERIFYING.includes(study.state)) controls.add('close-finding');
    return controls;
  }
  if (viewer.userId !== null && study.certificationBody?.userId === viewer.userId && actions.has('certify'))
    controls.add('certify');
  return controls;
}

/**
 * The verification label's message key for the server's label (studies.verification.*), or null for a label the
 * catalogues do not know (then the server's own words are shown).
 *
 * @example verificationKey('Self-declared: not verified by a third party') // 'selfDeclared'
 */
export function verificationKey(label: string): string | null {
  const keys: Record<string, string> = {
    'Self-declared: not verified by a third party': 'selfDeclared',
    'Third-party verification: not verified yet': 'notVerifiedYet',
    'Verified by a third party': 'verified',
    'Verified by a third party and certified': 'certified',
  };
  return keys[label] ?? null;
}
