import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable, type Updateable } from 'kysely';
import { StoreError } from '../errors.js';
import type { FindingAnswer, Role, Schema, StudiesTable, StudyFindingsTable, StudyState } from '../schema.js';
import type { Store } from '../store.js';
import { RANK } from './accounts.js';
import { publicationEntry } from '../registry/publication-entry.js';
import { audit } from './audit.js';
import type { CalculationResult, ProductModel } from './product-models.js';
import { registry } from './registry.js';
import { activeSigningKey, type KeySecret, type SigningKey } from './signing-keys.js';
import {
  STUDY_TRANSITIONS,
  availableActions,
  nextState,
  type StudyAction,
  type StudySide,
  type TransitionFacts,
} from './study-transitions.js';

/**
 * Who acts on a study: the organisation of the request's path and the caller's role there, the user (null for a
 * machine client) and the id the audit log records.
 */
export interface StudyActor {
  organisationId: string;
  userId: string | null;
  role: Role;
  actorId: string;
}

/** An organisation taking part in a study, and the one of its users invited by name. */
export interface StudyParty {
  organisationId: string;
  organisationName: string;
  userId: string | null;
  userName: string | null;
}

export type Boundary = StudiesTable['boundary'];
export type ProductType = StudiesTable['product_type'];

/** A study as its organisation, its verifier or its certification body sees it. */
export interface Study {
  id: string;
  organisationId: string;
  organisationName: string;
  productId: string;
  modelId: string;
  title: string;
  ruleSetId: string;
  ruleSetVersion: string;
  declaredUnit: { amount: number; unit: string };
  functionalUnit: string | null;
  boundary: Boundary;
  productType: ProductType;
  declarations: Record<string, unknown>;
  /** Published without a third party's verification; every answer showing the study says so. */
  selfDeclared: boolean;
  state: StudyState;
  /** The calculation result the study reports, and its inputs hash, once submitted (or named in the draft). */
  resultId: string | null;
  inputsHash: string | null;
  submittedAt: Date | null;
  verifier: StudyParty | null;
  certificationBody: StudyParty | null;
  /** The inputs hash the verifier verified (equal to `inputsHash`): the verified version. */
  frozenInputsHash: string | null;
  verifiedAt: Date | null;
  verifiedBy: string | null;
  certifiedAt: Date | null;
  certifiedBy: string | null;
  /** The public id of the signed statement, once published. */
  statementId: string | null;
  publishedAt: Date | null;
  withdrawnAt: Date | null;
  supersedes: string | null;
  supersededBy: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** How the caller's organisation takes part in the study. */
  relation: StudySide;
  /** What the caller's side could do now (each is still checked when taken). */
  actions: StudyAction[];
  findings: { open: number; answered: number; closed: number };
}

/** What a new study states; `declaredUnit` defaults to the product's. */
export interface StudyInput {
  modelId: string;
  title: string;
  ruleSetId: string;
  ruleSetVersion: string;
  declaredUnit?: { amount: number; unit: string };
  functionalUnit?: string | null;
  boundary: Boundary;
  productType: ProductType;
  declarations?: Record<string, unknown>;
  selfDeclared?: boolean;
  /** The calculation result (of the model) the study reports; may also be named on submission. */
  resultId?: string | null;
}

/** What a change of a draft may set. */
export type StudyChange = Partial<Omit<StudyInput, 'modelId'>>;

/** A verifier's finding on an item of the study. */
export interface StudyFinding {
  id: string;
  studyId: string;
  /** JSON pointer into the study's view: /model/…, /result/… or /study/… ('' for the study as a whole). */
  itemPath: string;
  text: string;
  authorId: string | null;
  authorOrganisationId: string | null;
  state: StudyFindingsTable['state'];
  answers: FindingAnswer[];
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  closedBy: string | null;
}

/** One entry of a study's history (from the audit log). */
export interface StudyEvent {
  action: string;
  from: StudyState | null;
  to: StudyState | null;
  actorId: string | null;
  actorName: string | null;
  /** The organisation the actor acted for (the verifier's or certification body's for theirs). */
  actorOrganisationId: string | null;
  at: Date;
  details: Record<string, unknown>;
}

/** Who is invited: an organisation (id or slug) and one of its users with the verifier role or above (e-mail). */
export interface PartyReference {
  organisation: string;
  email: string;
}

/**
 * Computes the inputs hash a result of the model would have now, with the options `result` was calculated with;
 * the server's calculation defines it (engine, document, background version, options). Equal to the result's own
 * hash while the model is as it was calculated.
 */
export type CurrentInputsHash = (model: ModelSnapshot, result: CalculationResult) => string;

/** A product model as saved now, as far as a study looks at it. */
export type ModelSnapshot = Pick<
  ProductModel,
  'id' | 'model' | 'backgroundVersionId' | 'version' | 'updatedAt'
>;

/** What a publication composes its statement from. */
export interface PublishContext {
  study: Study;
  result: CalculationResult;
  product: {
    id: string;
    nameEn: string;
    nameZh: string | null;
    categoryScheme: string | null;
    categoryCode: string | null;
    identifiers: { scheme: string; value: string }[];
  };
  organisation: { id: string; name: string; slug: string };
  /** The public id of the statement to be signed. */
  statementId: string;
  /** The statement's date (the signing key is valid from before it). */
  issuedAt: Date;
  /** The statement this one supersedes (the predecessor study's), if any. */
  supersedesStatementId: string | null;
  key: SigningKey;
}

/** A composed statement: its JWS payload and header parameters, and the compliance report it was checked with. */
export interface ComposedStatement {
  payload: Record<string, unknown>;
  header: Record<string, unknown>;
  compliance?: Record<string, unknown>;
}

/** What a study reports, for the read-only views and the report of its organisation and its verifier. */
export interface StudySubmission {
  study: Study;
  /** The result it reports (NOT_FOUND before one is named). */
  result: CalculationResult;
  /** The model as saved now. */
  model: ModelSnapshot;
  /** The product's names as they are now. */
  product: { nameEn: string; nameZh: string | null };
  /** The compliance report the study was published with (null before publication). */
  publishedCompliance: Record<string, unknown> | null;
}

/** A published (or then superseded or withdrawn) statement, as anyone may read it. */
export interface PublicStatement {
  statementId: string;
  studyId: string;
  organisationId: string;
  state: StudyState;
  selfDeclared: boolean;
  jws: string;
  payload: Record<string, unknown>;
  keyId: string;
  publishedAt: Date;
  withdrawnAt: Date | null;
  supersedesStatementId: string | null;
  supersededByStatementId: string | null;
}

const VERIFICATION_STATES: readonly StudyState[] = [
  'in-verification',
  'findings-raised',
  'findings-answered',
];

type StudyRow = Selectable<StudiesTable> & {
  organisation_name: string;
  verifier_organisation_name: string | null;
  verifier_user_name: string | null;
  certifier_organisation_name: string | null;
  certifier_user_name: string | null;
};

/** The studies with the names of the organisations and users taking part. */
function studyQuery(db: Kysely<Schema>) {
  return db
    .selectFrom('studies as s')
    .innerJoin('organisations as po', 'po.id', 's.organisation_id')
    .leftJoin('organisations as vo', 'vo.id', 's.verifier_organisation_id')
    .leftJoin('users as vu', 'vu.id', 's.verifier_user_id')
    .leftJoin('organisations as co', 'co.id', 's.certifier_organisation_id')
    .leftJoin('users as cu', 'cu.id', 's.certifier_user_id')
    .selectAll('s')
    .select([
      'po.name as organisation_name',
      'vo.name as verifier_organisation_name',
      'vu.name as verifier_user_name',
      'co.name as certifier_organisation_name',
      'cu.name as certifier_user_name',
    ]);
}

/** How `organisationId` takes part in the study; undefined: not at all (or not with a role that may see it). */
function relationOf(row: Selectable<StudiesTable>, actor: Pick<StudyActor, 'organisationId' | 'role'>) {
  if (row.organisation_id === actor.organisationId) return 'practitioner' as const;
  // The invited organisations' viewers do not see their clients' models: verifiers and above do.
  if (RANK[actor.role] < RANK.verifier) return undefined;
  if (row.verifier_organisation_id === actor.organisationId) return 'verifier' as const;
  if (row.certifier_organisation_id === actor.organisationId) return 'certification-body' as const;
  return undefined;
}

const factsOf = (row: Selectable<StudiesTable>): TransitionFacts => ({
  state: row.state,
  selfDeclared: row.self_declared,
  verifierOrganisationId: row.verifier_organisation_id,
  certifierOrganisationId: row.certifier_organisation_id,
  resultId: row.result_id,
});

function party(
  organisationId: string | null,
  organisationName: string | null,
  userId: string | null,
  userName: string | null,
): StudyParty | null {
  return organisationId === null
    ? null
    : { organisationId, organisationName: organisationName ?? '', userId, userName };
}

function fromRow(
  row: StudyRow,
  relation: StudySide,
  findings: Study['findings'] = { open: 0, answered: 0, closed: 0 },
): Study {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    productId: row.product_id,
    modelId: row.model_id,
    title: row.title,
    ruleSetId: row.rule_set_id,
    ruleSetVersion: row.rule_set_version,
    declaredUnit: row.declared_unit,
    functionalUnit: row.functional_unit,
    boundary: row.boundary,
    productType: row.product_type,
    declarations: row.declarations,
    selfDeclared: row.self_declared,
    state: row.state,
    resultId: row.result_id,
    inputsHash: row.inputs_hash,
    submittedAt: row.submitted_at,
    verifier: party(
      row.verifier_organisation_id,
      row.verifier_organisation_name,
      row.verifier_user_id,
      row.verifier_user_name,
    ),
    certificationBody: party(
      row.certifier_organisation_id,
      row.certifier_organisation_name,
      row.certifier_user_id,
      row.certifier_user_name,
    ),
    frozenInputsHash: row.frozen_inputs_hash,
    verifiedAt: row.verified_at,
    verifiedBy: row.verified_by,
    certifiedAt: row.certified_at,
    certifiedBy: row.certified_by,
    statementId: row.statement_id,
    publishedAt: row.published_at,
    withdrawnAt: row.withdrawn_at,
    supersedes: row.supersedes,
    supersededBy: row.superseded_by,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    relation,
    actions: availableActions(factsOf(row), relation),
    findings,
  };
}

const notFound = (id: string) => new StoreError('NOT_FOUND', `no study '${id}' in this organisation`);

/** Counts of a study's findings by state. */
async function findingCounts(
  db: Kysely<Schema>,
  studyIds: string[],
): Promise<Map<string, Study['findings']>> {
  const counts = new Map<string, Study['findings']>();
  if (studyIds.length === 0) return counts;
  const rows = await db
    .selectFrom('study_findings')
    .where('study_id', 'in', studyIds)
    .select(['study_id', 'state', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy(['study_id', 'state'])
    .execute();
  for (const r of rows) {
    const entry = counts.get(r.study_id) ?? { open: 0, answered: 0, closed: 0 };
    entry[r.state] = Number(r.n);
    counts.set(r.study_id, entry);
  }
  return counts;
}

/** The study as `actor` sees it, or NOT_FOUND when their organisation takes no part in it. */
async function visible(db: Kysely<Schema>, actor: StudyActor, id: string): Promise<Study> {
  const row = (await studyQuery(db).where('s.id', '=', id).executeTakeFirst()) as StudyRow | undefined;
  const relation = row && relationOf(row, actor);
  if (!row || !relation) throw notFound(id);
  return fromRow(row, relation, (await findingCounts(db, [id])).get(id));
}

/**
 * The study locked for this transaction and how the actor takes part in it; NOT_FOUND when they take no part.
 * Every change of a study starts here, so two changes of one study never interleave.
 */
async function locked(
  trx: Kysely<Schema>,
  actor: StudyActor,
  id: string,
): Promise<{ row: StudyRow; relation: StudySide }> {
  await trx.selectFrom('studies').where('id', '=', id).select('id').forUpdate().execute();
  const row = (await studyQuery(trx).where('s.id', '=', id).executeTakeFirst()) as StudyRow | undefined;
  const relation = row && relationOf(row, actor);
  if (!row || !relation) throw notFound(id);
  return { row, relation };
}

const SIDE_NAMES: Readonly<Record<StudySide, string>> = {
  practitioner: 'the organisation that made the study',
  verifier: 'the invited verifier',
  'certification-body': 'the invited certification body',
};

/**
 * Refuses (FORBIDDEN) an actor who is not `side` of the study: the practitioner's editors and owners, or the one
 * user the verifier's (certification body's) organisation was invited with. The invited organisations see the
 * study read-only, plus what their side does.
 */
function requireSide(
  row: StudyRow,
  relation: StudySide,
  actor: StudyActor,
  side: StudySide,
  what: string,
): void {
  const forbidden = (message: string) =>
    new StoreError('FORBIDDEN', message, { details: { side, relation } });
  if (relation !== side)
    throw forbidden(
      relation === 'practitioner'
        ? `only ${SIDE_NAMES[side]} can ${what}`
        : `your organisation has read-only access to this study (as its ${relation}); only ${SIDE_NAMES[side]} can ${what}`,
    );
  if (side === 'practitioner') {
    if (RANK[actor.role] < RANK.editor)
      throw forbidden(`${what} needs the editor role in the organisation; you have ${actor.role}`);
    return;
  }
  const invited = side === 'verifier' ? row.verifier_user_id : row.certifier_user_id;
  const name = side === 'verifier' ? row.verifier_user_name : row.certifier_user_name;
  if (actor.userId === null || actor.userId !== invited)
    throw forbidden(`only the user invited as ${side} (${name ?? 'no longer a user'}) can ${what}`);
}

/**
 * Moves the study by `action` (checked against the one table, study-transitions.ts), with more columns to set,
 * and records it in the audit log: who, when, from → to. The row is locked by the caller.
 */
async function move(
  trx: Kysely<Schema>,
  row: StudyRow,
  action: StudyAction,
  actor: StudyActor,
  set: Updateable<StudiesTable> = {},
  details: Record<string, unknown> = {},
): Promise<StudyState> {
  const to = nextState(factsOf(row), action);
  await trx
    .updateTable('studies')
    .set((eb) => ({ ...set, state: to, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', row.id)
    .where('state', '=', row.state)
    .executeTakeFirstOrThrow();
  await audit(trx, {
    organisationId: row.organisation_id,
    actorId: actor.actorId,
    action,
    entity: 'study',
    entityId: row.id,
    details: { from: row.state, to, actorOrganisationId: actor.organisationId, ...details },
  });
  row.state = to;
  return to;
}

/** Records an action that leaves the state as it is (an edit, an invitation, an answer). */
async function record(
  trx: Kysely<Schema>,
  row: StudyRow,
  action: string,
  actor: StudyActor,
  details: Record<string, unknown> = {},
): Promise<void> {
  await audit(trx, {
    organisationId: row.organisation_id,
    actorId: actor.actorId,
    action,
    entity: 'study',
    entityId: row.id,
    details: { from: row.state, to: row.state, actorOrganisationId: actor.organisationId, ...details },
  });
}

/** ILLEGAL_TRANSITION for an action that is not a move of the table but is only possible in some states. */
function onlyIn(row: StudyRow, states: readonly StudyState[], action: string): void {
  if (!states.includes(row.state))
    throw new StoreError(
      'ILLEGAL_TRANSITION',
      `a study cannot ${action} when it is ${row.state} (only when ${states.join(', ')})`,
      { details: { action, state: row.state, allowedFrom: states } },
    );
}

/** The result (of the study's model, in its organisation), or INVALID_REFERENCE naming `resultId`. */
async function resultOf(
  trx: Kysely<Schema>,
  row: Pick<StudiesTable, 'organisation_id' | 'model_id'>,
  resultId: string,
): Promise<CalculationResult> {
  const r = await trx
    .selectFrom('calculation_results')
    .where('organisation_id', '=', row.organisation_id)
    .where('id', '=', resultId)
    .selectAll()
    .executeTakeFirst();
  if (!r || r.model_id !== row.model_id)
    throw new StoreError(
      'INVALID_REFERENCE',
      `no calculation result '${resultId}' of the study's model: calculate the model (POST …/models/${row.model_id}/calculations) and name that result`,
      { details: { field: 'resultId' } },
    );
  return {
    id: r.id,
    organisationId: r.organisation_id,
    modelId: r.model_id,
    modelVersion: r.model_version,
    inputsHash: r.inputs_hash,
    result: r.result,
    createdAt: r.created_at,
  };
}

/**
 * The footprint a stored calculation result holds: the server stores `{ request, footprint, model }` (the model
 * document as calculated); a bare footprint is taken as it is.
 */
function storedFootprint(result: CalculationResult): Record<string, unknown> | undefined {
  const stored = result.result as Record<string, unknown> | null;
  if (stored === null || typeof stored !== 'object') return undefined;
  const inner = stored.footprint;
  return typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>) : stored;
}

/**
 * Refuses a result that is per another unit than the study declares: the statement would state the result's total
 * per the study's declared unit (INVALID_REFERENCE, saying both).
 */
function checkDeclaredUnit(row: StudyRow, result: CalculationResult): void {
  const per = storedFootprint(result)?.declaredUnit as { amount?: unknown; unit?: unknown } | undefined;
  if (typeof per?.amount !== 'number' || typeof per.unit !== 'string') return;
  const declared = row.declared_unit;
  const sameAmount = Math.abs(per.amount - declared.amount) <= 1e-9 * Math.max(1, Math.abs(declared.amount));
  if (sameAmount && per.unit === declared.unit) return;
  throw new StoreError(
    'INVALID_REFERENCE',
    `result ${result.id} is per ${per.amount} ${per.unit} of its reference output, but the study declares its footprint per ${declared.amount} ${declared.unit}: set the model's reference output to ${declared.amount} ${declared.unit} and calculate again, or change the study's declared unit`,
    {
      details: {
        field: 'resultId',
        resultDeclaredUnit: { amount: per.amount, unit: per.unit },
        studyDeclaredUnit: declared,
      },
    },
  );
}

/** The location of the process a result is per (the model's reference process), when the document states one. */
function referenceLocation(document: unknown, footprint: Record<string, unknown> | undefined): string | null {
  const processId = (footprint as { declaredUnit?: { processId?: unknown } } | null)?.declaredUnit?.processId;
  const processes = (document as { processes?: unknown } | null)?.processes;
  if (typeof processId !== 'string' || !Array.isArray(processes)) return null;
  const reference = processes.find((p) => (p as { id?: unknown })?.id === processId) as
    { location?: unknown } | undefined;
  return typeof reference?.location === 'string' && reference.location.trim() !== ''
    ? reference.location.trim()
    : null;
}

/** The study's model, locked against saves until the transaction ends (so a hash check and its outcome agree). */
async function lockedModel(trx: Kysely<Schema>, row: StudyRow): Promise<ModelSnapshot> {
  return modelOf(trx, row.model_id, true);
}

async function modelOf(trx: Kysely<Schema>, modelId: string, lock = false): Promise<ModelSnapshot> {
  let query = trx
    .selectFrom('product_models')
    .where('id', '=', modelId)
    .select(['id', 'model', 'background_version_id', 'version', 'updated_at']);
  if (lock) query = query.forShare();
  const m = await query.executeTakeFirstOrThrow();
  return {
    id: m.id,
    model: m.model,
    backgroundVersionId: m.background_version_id,
    version: m.version,
    updatedAt: m.updated_at,
  };
}

/**
 * INPUTS_CHANGED unless the model, as saved now, still gives the study's result (the freeze): equal inputs hash.
 */
async function checkUnchanged(
  trx: Kysely<Schema>,
  row: StudyRow,
  result: CalculationResult,
  currentInputsHash: CurrentInputsHash,
  what: string,
): Promise<void> {
  const model = await lockedModel(trx, row);
  const now = currentInputsHash(model, result);
  if (now !== result.inputsHash)
    throw new StoreError(
      'INPUTS_CHANGED',
      `the model has changed since its result ${result.id} was calculated (the result is of model version ${result.modelVersion}, the model is now version ${model.version}), so ${what}: calculate the model again and submit the new result`,
      {
        details: {
          resultId: result.id,
          resultInputsHash: result.inputsHash,
          currentInputsHash: now,
          resultModelVersion: result.modelVersion,
          currentModelVersion: model.version,
        },
      },
    );
}

/** An invited party: an organisation (id or slug) other than `except`, and its user by e-mail, verifier or above. */
async function resolveParty(
  trx: Kysely<Schema>,
  reference: PartyReference,
  field: string,
  except: string[],
): Promise<{ organisationId: string; userId: string }> {
  const found = await trx
    .selectFrom('organisations as o')
    .innerJoin('memberships as m', 'm.organisation_id', 'o.id')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .where((eb) =>
      eb.or([eb('o.id', '=', reference.organisation), eb('o.slug', '=', reference.organisation)]),
    )
    .where('u.email', '=', reference.email.trim().toLowerCase())
    .select(['o.id as organisation_id', 'u.id as user_id', 'm.role'])
    .executeTakeFirst();
  if (!found || RANK[found.role] < RANK.verifier)
    throw new StoreError(
      'INVALID_REFERENCE',
      `no user with the e-mail ${reference.email} has the verifier role (or above) in the organisation '${reference.organisation}': ask its owner to add them with that role`,
      { details: { field } },
    );
  if (except.includes(found.organisation_id))
    throw new StoreError(
      'INVALID_VALUE',
      field === 'verifier'
        ? 'the verifier must be of another organisation than the study’s'
        : 'the certification body must be another organisation than the study’s and the verifier’s',
      { details: { field } },
    );
  return { organisationId: found.organisation_id, userId: found.user_id };
}

const findingFromRow = (r: Selectable<StudyFindingsTable>): StudyFinding => ({
  id: r.id,
  studyId: r.study_id,
  itemPath: r.item_path,
  text: r.text,
  authorId: r.author_id,
  authorOrganisationId: r.author_organisation_id,
  state: r.state,
  answers: r.answers,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  closedAt: r.closed_at,
  closedBy: r.closed_by,
});

/** The finding of the study, locked; NOT_FOUND for another study's. */
async function lockedFinding(
  trx: Kysely<Schema>,
  studyId: string,
  findingId: string,
): Promise<Selectable<StudyFindingsTable>> {
  const f = await trx
    .selectFrom('study_findings')
    .where('study_id', '=', studyId)
    .where('id', '=', findingId)
    .selectAll()
    .forUpdate()
    .executeTakeFirst();
  if (!f) throw new StoreError('NOT_FOUND', `no finding '${findingId}' on this study`);
  return f;
}

/** Once the last open finding is answered or closed, the study has its answers (findings-raised → answered). */
async function settleFindings(trx: Kysely<Schema>, row: StudyRow, actor: StudyActor): Promise<void> {
  if (row.state !== 'findings-raised') return;
  const open = await trx
    .selectFrom('study_findings')
    .where('study_id', '=', row.id)
    .where('state', '=', 'open')
    .select('id')
    .executeTakeFirst();
  if (!open) await move(trx, row, 'answer-findings', actor);
}

async function reread(trx: Kysely<Schema>, actor: StudyActor, id: string): Promise<Study> {
  return visible(trx, actor, id);
}

/**
 * Carbon-footprint studies and their verification. A study belongs to its organisation (the practitioner); the
 * organisation invited to verify it — and a certification body, when one is invited — see it read-only, and their
 * invited users raise findings, verify, reject or certify. Every other organisation gets NOT_FOUND. States and
 * who may move a study between them: study-transitions.ts (illegal moves are ILLEGAL_TRANSITION); every action is
 * in the audit log with who, when, and from → to.
 *
 * @example
 * const study = await studies.create(store, actor, { modelId, title: 'LFP pack 2025', ruleSetId: 'iso-14067-2018',
 *   ruleSetVersion: '2018', boundary: 'cradle-to-gate', productType: 'intermediate' });
 * await studies.submit(store, actor, study.id, { resultId, currentInputsHash });
 */
export const studies = {
  async create(store: Store, actor: StudyActor, input: StudyInput): Promise<Study> {
    return store.transaction(async (trx) => {
      const model = await trx
        .selectFrom('product_models as m')
        .innerJoin('products as p', 'p.id', 'm.product_id')
        .where('m.organisation_id', '=', actor.organisationId)
        .where('m.id', '=', input.modelId)
        .select(['m.id', 'm.product_id', 'p.declared_unit_amount', 'p.declared_unit'])
        .executeTakeFirst();
      if (!model)
        throw new StoreError(
          'INVALID_REFERENCE',
          `no product model '${input.modelId}' in this organisation`,
          {
            details: { field: 'modelId' },
          },
        );
      const id = randomUUID();
      const resultId = input.resultId ?? null;
      const result =
        resultId === null
          ? null
          : await resultOf(trx, { organisation_id: actor.organisationId, model_id: model.id }, resultId);
      await trx
        .insertInto('studies')
        .values({
          id,
          organisation_id: actor.organisationId,
          product_id: model.product_id,
          model_id: model.id,
          title: input.title,
          rule_set_id: input.ruleSetId,
          rule_set_version: input.ruleSetVersion,
          declared_unit: JSON.stringify(
            input.declaredUnit ?? { amount: model.declared_unit_amount, unit: model.declared_unit },
          ),
          functional_unit: input.functionalUnit ?? null,
          boundary: input.boundary,
          product_type: input.productType,
          declarations: JSON.stringify(input.declarations ?? {}),
          self_declared: input.selfDeclared ?? false,
          state: 'draft',
          result_id: resultId,
          inputs_hash: result?.inputsHash ?? null,
          created_by: actor.actorId,
        })
        .execute();
      await audit(trx, {
        organisationId: actor.organisationId,
        actorId: actor.actorId,
        action: 'create',
        entity: 'study',
        entityId: id,
        details: { from: null, to: 'draft', actorOrganisationId: actor.organisationId, modelId: model.id },
      });
      return reread(trx, actor, id);
    });
  },

  /**
   * The studies the actor's organisation takes part in — its own, and (for verifiers and above) those it is
   * invited to verify or certify — newest first; `relation` and `state` narrow the list.
   */
  async list(
    store: Store,
    actor: StudyActor,
    filter: { relation?: StudySide; state?: StudyState } = {},
  ): Promise<Study[]> {
    const org = actor.organisationId;
    const mayVerify = RANK[actor.role] >= RANK.verifier;
    let query = studyQuery(store.db).where((eb) =>
      eb.or([
        eb('s.organisation_id', '=', org),
        ...(mayVerify
          ? [eb('s.verifier_organisation_id', '=', org), eb('s.certifier_organisation_id', '=', org)]
          : []),
      ]),
    );
    if (filter.state !== undefined) query = query.where('s.state', '=', filter.state);
    const rows = (await query.orderBy('s.created_at', 'desc').orderBy('s.id').execute()) as StudyRow[];
    const counts = await findingCounts(
      store.db,
      rows.map((r) => r.id),
    );
    return rows
      .map((r) => fromRow(r, relationOf(r, actor) as StudySide, counts.get(r.id)))
      .filter((s) => filter.relation === undefined || s.relation === filter.relation);
  },

  async get(store: Store, actor: StudyActor, id: string): Promise<Study> {
    return visible(store.db, actor, id);
  },

  /**
   * Changes a draft (or a rejected study, before it is submitted again) if it is still at `expectedVersion`.
   * Making it self-declared withdraws a verifier's invitation.
   */
  async update(
    store: Store,
    actor: StudyActor,
    id: string,
    expectedVersion: number,
    change: StudyChange,
  ): Promise<Study> {
    return store.transaction(async (trx) => {
      const { row, relation } = await locked(trx, actor, id);
      requireSide(row, relation, actor, 'practitioner', 'change the study');
      if (row.version !== expectedVersion)
        throw new StoreError(
          'VERSION_CONFLICT',
          `the study was changed by someone else (now version ${row.version}, you edited version ${expectedVersion}): reload it and apply your change again`,
          { details: { currentVersion: row.version, expectedVersion } },
        );
      onlyIn(row, ['draft', 'rejected'], 'be changed');
      const set: Updateable<StudiesTable> = {};
      if (change.title !== undefined) set.title = change.title;
      if (change.ruleSetId !== undefined) set.rule_set_id = change.ruleSetId;
      if (change.ruleSetVersion !== undefined) set.rule_set_version = change.ruleSetVersion;
      if (change.declaredUnit !== undefined) set.declared_unit = JSON.stringify(change.declaredUnit);
      if (change.functionalUnit !== undefined) set.functional_unit = change.functionalUnit;
      if (change.boundary !== undefined) set.boundary = change.boundary;
      if (change.productType !== undefined) set.product_type = change.productType;
      if (change.declarations !== undefined) set.declarations = JSON.stringify(change.declarations);
      if (change.selfDeclared !== undefined) {
        set.self_declared = change.selfDeclared;
        if (change.selfDeclared) {
          set.verifier_organisation_id = null;
          set.verifier_user_id = null;
          set.certifier_organisation_id = null;
          set.certifier_user_id = null;
        }
      }
      if (change.resultId !== undefined) {
        const result = change.resultId === null ? null : await resultOf(trx, row, change.resultId);
        set.result_id = result?.id ?? null;
        set.inputs_hash = result?.inputsHash ?? null;
      }
      await trx
        .updateTable('studies')
        .set((eb) => ({ ...set, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', id)
        .execute();
      await record(trx, row, 'update', actor, { fields: Object.keys(change) });
      return reread(trx, actor, id);
    });
  },

  /**
   * Submits the study with the result it reports (`resultId`, or the one named in the draft). The result must be
   * of the model as saved now (INPUTS_CHANGED otherwise: calculate again); its inputs hash is recorded.
   */
  async submit(
    store: Store,
    actor: StudyActor,
    id: string,
    options: { resultId?: string; currentInputsHash: CurrentInputsHash },
  ): Promise<Study> {
    return store.transaction(async (trx) => {
      const { row, relation } = await locked(trx, actor, id);
      requireSide(row, relation, actor, 'practitioner', 'submit the study');
      const resultId = options.resultId ?? row.result_id;
      nextState({ ...factsOf(row), resultId }, 'submit');
      const result = await resultOf(trx, row, resultId as string);
      await checkUnchanged(trx, row, result, options.currentInputsHash, 'it cannot be submitted with it');
      checkDeclaredUnit(row, result);
      row.result_id = result.id;
      await move(
        trx,
        row,
        'submit',
        actor,
        {
          result_id: result.id,
          inputs_hash: result.inputsHash,
          submitted_at: new Date(),
          frozen_inputs_hash: null,
          verified_at: null,
          verified_by: null,
          certified_at: null,
          certified_by: null,
        },
        { resultId: result.id, inputsHash: result.inputsHash },
      );
      return reread(trx, actor, id);
    });
  },

  /**
   * Invites a verifier — an organisation other than the study's and one of its users with the verifier role or
   * above — and optionally a certification body, before the verification starts (draft or submitted). Not for a
   * self-declared study.
   */
  async inviteVerifier(
    store: Store,
    actor: StudyActor,
    id: string,
    invitation: { verifier: PartyReference; certificationBody?: PartyReference | null },
  ): Promise<Study> {
    return store.transaction(async (trx) => {
      const { row, relation } = await locked(trx, actor, id);
      requireSide(row, relation, actor, 'practitioner', 'invite a verifier');
      onlyIn(row, ['draft', 'submitted'], 'invite a verifier');
      if (row.self_declared)
        throw new StoreError(
          'ILLEGAL_TRANSITION',
          'the study is self-declared: make it not self-declared (PATCH selfDeclared: false) before inviting a verifier',
          { details: { action: 'invite-verifier', state: row.state, reason: 'self-declared' } },
        );
      const verifier = await resolveParty(trx, invitation.verifier, 'verifier', [row.organisation_id]);
      const body = invitation.certificationBody
        ? await resolveParty(trx, invitation.certificationBody, 'certificationBody', [
            row.organisation_id,
            verifier.organisationId,
          ])
        : null;
      await trx
        .updateTable('studies')
        .set((eb) => ({
          verifier_organisation_id: verifier.organisationId,
          verifier_user_id: verifier.userId,
          certifier_organisation_id: body?.organisationId ?? null,
          certifier_user_id: body?.userId ?? null,
          version: eb('version', '+', 1),
          updated_at: new Date(),
        }))
        .where('id', '=', id)
        .execute();
      await record(trx, row, 'invite-verifier', actor, {
        verifierOrganisationId: verifier.organisationId,
        verifierUserId: verifier.userId,
        certifierOrganisationId: body?.organisationId ?? null,
        certifierUserId: body?.userId ?? null,
      });
      return reread(trx, actor, id);
    });
  },

  /** The invited verifier starts the verification of a submitted study. */
  async startVerification(store: Store, actor: StudyActor, id: string): Promise<Study> {
    return store.transaction(async (trx) => {
      const { row, relation } = await locked(trx, actor, id);
      requireSide(row, relation, actor, 'verifier', 'start the verification');
      await move(trx, row, 'start-verification', actor);
      return reread(trx, actor, id);
    });
  },

  /** The study's findings, oldest first. */
  async findings(store: Store, actor: StudyActor, id: string): Promise<StudyFinding[]> {
    await visible(store.db, actor, id);
    const rows = await store.db
      .selectFrom('study_findings')
      .where('study_id', '=', id)
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(findingFromRow);
  },

  /** The invited verifier raises a finding on an item of the study (its state: findings-raised). */
  async raiseFinding(
    store: Store,
    actor: StudyActor,
    id: string,
    finding: { itemPath: string; text: string },
  ): Promise<{ study: Study; finding: StudyFinding }> {
    return store.transaction(async (trx) => {
      const { row, relation } = await locked(trx, actor, id);
      requireSide(row, relation, actor, 'verifier', 'raise a finding');
      const findingId = randomUUID();
      await move(trx, row, 'raise-finding', actor, {}, { findingId, itemPath: finding.itemPath });
      const inserted = await trx
        .insertInto('study_findings')
        .values({
          id: findingId,
          study_id: id,
          organisation_id: row.organisation_id,
          item_path: finding.itemPath,
          text: finding.text,
          author_id: actor.actorId,
          author_organisation_id: actor.organisationId,
          state: 'open',
          answers: JSON.stringify([]),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { study: await reread(trx, actor, id), finding: findingFromRow(inserted) };
    });
  },

  /**
   * The practitioner answers a finding (open or answered; not closed) during the verification; once no finding is
   * open the study is findings-answered.
   */
  async answerFinding(
    store: Store,
    actor: StudyActor,
    id: string,
    findingId: string,
    answer: { text: string },
  ): Promise<{ study: Study; finding: StudyFinding }> {
    return store.transaction(async (trx) => {
      const { row, relation } = await locked(trx, actor, id);
      requireSide(row, relation, actor, 'practitioner', 'answer a finding');
      onlyIn(row, VERIFICATION_STATES, 'answer a finding');
      const f = await lockedFinding(trx, id, findingId);
      if (f.state === 'closed')
        throw new StoreError(
          'ILLEGAL_TRANSITION',
          `finding ${findingId} is closed: it takes no more answers`,
          {
            details: { action: 'answer-finding', findingState: f.state },
          },
        );
      const entry: FindingAnswer = {
        text: answer.text,
        authorId: actor.actorId,
        at: new Date().toISOString(),
      };
      const updated = await trx
        .updateTable('study_findings')
        .set({
          state: 'answered',
          answers: sql`answers || ${JSON.stringify([entry])}::jsonb`,
          updated_at: new Date(),
        })
        .where('id', '=', findingId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await record(trx, row, 'answer-finding', actor, { findingId });
      await settleFindings(trx, row, actor);
      return { study: await reread(trx, actor, id), finding: findingFromRow(updated) };
    });
  },

  /** The invited verifier closes a finding (answered to their satisfaction, or withdrawn). */
  async closeFinding(
    store: Store,
    actor: StudyActor,
    id: string,
    findingId: string,
  ): Promise<{ study: Study; finding: StudyFinding }> {
    return store.transaction(async (trx) => {
      const { row, relation } = await locked(trx, actor, id);
      requireSide(row, relation, actor, 'verifier', 'close a finding');
      onlyIn(row, VERIFICATION_STATES, 'close a finding');
      const f = await lockedFinding(trx, id, findingId);
      if (f.state === 'closed')
        throw new StoreError('ILLEGAL_TRANSITION', `finding ${findingId} is closed already`, {
          details: { action: 'close-finding', findingState: f.state },
        });
      const updated = await trx
        .updateTable('study_findings')
        .set({ state: 'closed', closed_at: new Date(), closed_by: actor.actorId, updated_at: new Date() })
        .where('id', '=', findingId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await record(trx, row, 'close-finding', actor, { findingId });
      await settleFindings(trx, row, actor);
      return { study: await reread(trx, actor, id), finding: findingFromRow(updated) };
    });
  },

  /**
   * The invited verifier verifies the study: no finding may be open; the model must still give the submitted
   * result (INPUTS_CHANGED otherwise), and its inputs hash is frozen as the verified version. Answered findings
   * are closed with it.
   */
  async verify(
    store: Store,
    actor: StudyActor,
    id: string,
    options: { currentInputsHash: CurrentInputsHash; note?: string },
  ): Promise<Study> {
    return store.transaction(async (trx) => {
      const { row, relation } = await locked(trx, actor, id);
      requireSide(row, relation, actor, 'verifier', 'verify the study');
      nextState(factsOf(row), 'verify');
      const open = await trx
        .selectFrom('study_findings')
        .where('study_id', '=', id)
        .where('state', '=', 'open')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      if (Number(open.n) > 0)
        throw new StoreError(
          'ILLEGAL_TRANSITION',
          `the study cannot verify: ${open.n} finding(s) are still open — the practitioner answers them, or you close them`,
          { details: { action: 'verify', state: row.state, openFindings: Number(open.n) } },
        );
      const result = await resultOf(trx, row, row.result_id as string);
      await checkUnchanged(
        trx,
        row,
        result,
        options.currentInputsHash,
        'the submitted version cannot be verified',
      );
      const now = new Date();
      await trx
        .updateTable('study_findings')
        .set({ state: 'closed', closed_at: now, closed_by: actor.actorId, updated_at: now })
        .where('study_id', '=', id)
        .where('state', '=', 'answered')
        .execute();
      await move(
        trx,
        row,
        'verify',
        actor,
        { frozen_inputs_hash: result.inputsHash, verified_at: now, verified_by: actor.actorId },
        {
          frozenInputsHash: result.inputsHash,
          resultId: result.id,
          ...(options.note ? { note: options.note } : {}),
        },
      );
      return reread(trx, actor, id);
    });
  },

  /** The invited verifier rejects the study, with the reason (the practitioner may submit it again). */
  async reject(store: Store, actor: StudyActor, id: string, options: { reason: string }): Promise<Study> {
    return store.transaction(async (trx) => {
      const { row, relation } = await locked(trx, actor, id);
      requireSide(row, relation, actor, 'verifier', 'reject the study');
      await move(trx, row, 'reject', actor, {}, { reason: options.reason });
      return reread(trx, actor, id);
    });
  },

  /** The invited certification body certifies a verified study. */
  async certify(
    store: Store,
    actor: StudyActor,
    id: string,
    options: { note?: string } = {},
  ): Promise<Study> {
    return store.transaction(async (trx) => {
      const { row, relation } = await locked(trx, actor, id);
      requireSide(row, relation, actor, 'certification-body', 'certify the study');
      await move(
        trx,
        row,
        'certify',
        actor,
        { certified_at: new Date(), certified_by: actor.actorId },
        options.note ? { note: options.note } : {},
      );
      return reread(trx, actor, id);
    });
  },

  /**
   * Publishes the study as a signed statement, in one transaction: checks the move (verified, certified when a
   * certification body is invited, or self-declared and submitted), for a self-declared study that the model still
   * gives the submitted result, lets `compose` build the statement (it may refuse, e.g. when the compliance check
   * blocks publication: nothing is then kept), signs it with the organisation's key (made on first use) and stores
   * it, immutable; a predecessor this study supersedes becomes superseded.
   */
  async publish(
    store: Store,
    actor: StudyActor,
    id: string,
    options: {
      secret: KeySecret;
      currentInputsHash: CurrentInputsHash;
      compose: (context: PublishContext) => ComposedStatement;
    },
  ): Promise<Study> {
    return store.transaction(async (trx) => {
      const { row, relation } = await locked(trx, actor, id);
      requireSide(row, relation, actor, 'practitioner', 'publish the study');
      nextState(factsOf(row), 'publish');
      const result = await resultOf(trx, row, row.result_id as string);
      if (row.self_declared)
        await checkUnchanged(
          trx,
          row,
          result,
          options.currentInputsHash,
          'the submitted version cannot be published',
        );
      const product = await trx
        .selectFrom('products')
        .where('id', '=', row.product_id)
        .select(['id', 'name_en', 'name_zh', 'category_scheme', 'category_code', 'identifiers'])
        .executeTakeFirstOrThrow();
      const organisation = await trx
        .selectFrom('organisations')
        .where('id', '=', row.organisation_id)
        .select(['id', 'name', 'slug'])
        .executeTakeFirstOrThrow();
      const predecessor =
        row.supersedes === null
          ? undefined
          : await trx
              .selectFrom('studies')
              .where('id', '=', row.supersedes)
              .selectAll()
              .forUpdate()
              .executeTakeFirst();
      const signer = await activeSigningKey(trx, row.organisation_id, options.secret, actor.actorId);
      const statementId = randomUUID();
      const issuedAt = new Date();
      const study = fromRow(row, relation, (await findingCounts(trx, [id])).get(id));
      const composed = options.compose({
        study,
        result,
        product: {
          id: product.id,
          nameEn: product.name_en,
          nameZh: product.name_zh,
          categoryScheme: product.category_scheme,
          categoryCode: product.category_code,
          identifiers: product.identifiers,
        },
        organisation,
        statementId,
        issuedAt,
        supersedesStatementId: predecessor?.statement_id ?? null,
        key: signer.key,
      });
      const jws = signer.sign(composed.header, composed.payload);
      await move(
        trx,
        row,
        'publish',
        actor,
        {
          statement_id: statementId,
          statement: JSON.stringify(composed.payload),
          statement_jws: jws,
          statement_kid: signer.key.id,
          compliance: composed.compliance === undefined ? null : JSON.stringify(composed.compliance),
          published_at: issuedAt,
          // a self-declared study is frozen at publication
          frozen_inputs_hash: row.frozen_inputs_hash ?? result.inputsHash,
        },
        { statementId, keyId: signer.key.id, inputsHash: result.inputsHash },
      );
      // The public registry lists what was signed, in this transaction: published together, or not at all.
      // Where it is made: the reference process's location in the model as calculated (stored with the result),
      // else in the model as saved if it is still that version.
      const calculated = (result.result as { model?: unknown } | null)?.model;
      const model = calculated === undefined ? await modelOf(trx, row.model_id) : undefined;
      const footprint = storedFootprint(result);
      const region =
        calculated !== undefined
          ? referenceLocation(calculated, footprint)
          : model !== undefined && model.version === result.modelVersion
            ? referenceLocation(model.model, footprint)
            : null;
      await registry.add(
        trx,
        publicationEntry(composed.payload, {
          statementId,
          studyId: id,
          organisationId: row.organisation_id,
          companySlug: organisation.slug,
          statementJws: jws,
          publishedAt: issuedAt,
          footprint,
          declarations: row.declarations,
          region,
        }),
      );
      if (predecessor && predecessor.state === 'published') {
        const before = (await studyQuery(trx)
          .where('s.id', '=', predecessor.id)
          .executeTakeFirstOrThrow()) as StudyRow;
        await move(trx, before, 'supersede', actor, { superseded_by: id }, { supersededBy: id, statementId });
        if (predecessor.statement_id !== null)
          await registry.supersede(trx, predecessor.statement_id, statementId, issuedAt);
      }
      return reread(trx, actor, id);
    });
  },

  /** The practitioner withdraws the study (a published statement stays readable, marked withdrawn). */
  async withdraw(store: Store, actor: StudyActor, id: string, options: { reason: string }): Promise<Study> {
    return store.transaction(async (trx) => {
      const { row, relation } = await locked(trx, actor, id);
      requireSide(row, relation, actor, 'practitioner', 'withdraw the study');
      const at = new Date();
      // A published statement stays in the registry, marked withdrawn with the reason (read before the move).
      const published = row.state === 'published' ? row.statement_id : null;
      await move(trx, row, 'withdraw', actor, { withdrawn_at: at }, { reason: options.reason });
      if (published !== null) await registry.withdraw(trx, published, options.reason, at);
      return reread(trx, actor, id);
    });
  },

  /**
   * Starts the successor of a published study: a new draft with the same product, model, rule set, unit, boundary,
   * declarations and invitations, which supersedes this study's statement when it is published. One successor at
   * a time (CONFLICT while another is in the making).
   */
  async startSuccessor(
    store: Store,
    actor: StudyActor,
    id: string,
    change: { title?: string } = {},
  ): Promise<Study> {
    return store.transaction(async (trx) => {
      const { row, relation } = await locked(trx, actor, id);
      requireSide(row, relation, actor, 'practitioner', 'supersede the study');
      onlyIn(row, STUDY_TRANSITIONS.supersede.from, 'be superseded');
      const existing = await trx
        .selectFrom('studies')
        .where('supersedes', '=', id)
        .where('state', '<>', 'withdrawn')
        .select('id')
        .executeTakeFirst();
      if (existing)
        throw new StoreError(
          'CONFLICT',
          `study ${existing.id} is already the successor of this study: publish or withdraw it first`,
          { details: { successorId: existing.id } },
        );
      const successorId = randomUUID();
      await trx
        .insertInto('studies')
        .values({
          id: successorId,
          organisation_id: row.organisation_id,
          product_id: row.product_id,
          model_id: row.model_id,
          title: change.title ?? row.title,
          rule_set_id: row.rule_set_id,
          rule_set_version: row.rule_set_version,
          declared_unit: JSON.stringify(row.declared_unit),
          functional_unit: row.functional_unit,
          boundary: row.boundary,
          product_type: row.product_type,
          declarations: JSON.stringify(row.declarations),
          self_declared: row.self_declared,
          state: 'draft',
          verifier_organisation_id: row.verifier_organisation_id,
          verifier_user_id: row.verifier_user_id,
          certifier_organisation_id: row.certifier_organisation_id,
          certifier_user_id: row.certifier_user_id,
          supersedes: id,
          created_by: actor.actorId,
        })
        .execute();
      await audit(trx, {
        organisationId: row.organisation_id,
        actorId: actor.actorId,
        action: 'create',
        entity: 'study',
        entityId: successorId,
        details: { from: null, to: 'draft', actorOrganisationId: actor.organisationId, supersedes: id },
      });
      await record(trx, row, 'start-successor', actor, { successorId });
      return reread(trx, actor, successorId);
    });
  },

  /** The study's history from the audit log, oldest first: every action with who, when, from → to. */
  async history(store: Store, actor: StudyActor, id: string): Promise<StudyEvent[]> {
    await visible(store.db, actor, id);
    const rows = await store.db
      .selectFrom('audit_log as a')
      .leftJoin('users as u', 'u.id', 'a.actor_id')
      .where('a.entity', '=', 'study')
      .where('a.entity_id', '=', id)
      .select(['a.action', 'a.actor_id', 'u.name', 'a.at', 'a.details', 'a.id'])
      .orderBy('a.at')
      .orderBy('a.id')
      .execute();
    return rows.map((r) => {
      const { from, to, actorOrganisationId, ...details } = r.details as {
        from?: StudyState | null;
        to?: StudyState | null;
        actorOrganisationId?: string;
      } & Record<string, unknown>;
      return {
        action: r.action,
        from: from ?? null,
        to: to ?? null,
        actorId: r.actor_id,
        actorName: r.name,
        actorOrganisationId: actorOrganisationId ?? null,
        at: r.at,
        details,
      };
    });
  },

  /**
   * What the study reports, for the read-only views of its organisation and its verifier: the submitted result
   * (NOT_FOUND before a result is named), the model as saved now, the product's names and, once published, the
   * compliance report it was published with.
   */
  async submission(store: Store, actor: StudyActor, id: string): Promise<StudySubmission> {
    const study = await visible(store.db, actor, id);
    if (study.resultId === null)
      throw new StoreError(
        'NOT_FOUND',
        `study '${id}' names no calculation result yet: the practitioner names one (PATCH resultId, or on submit)`,
      );
    return store.transaction(async (trx) => {
      const row = (await studyQuery(trx).where('s.id', '=', id).executeTakeFirstOrThrow()) as StudyRow;
      const result = await resultOf(trx, row, study.resultId as string);
      const model = await modelOf(trx, row.model_id);
      const product = await trx
        .selectFrom('products')
        .where('id', '=', row.product_id)
        .select(['name_en', 'name_zh'])
        .executeTakeFirstOrThrow();
      return {
        study,
        result,
        model,
        product: { nameEn: product.name_en, nameZh: product.name_zh },
        publishedCompliance: row.compliance,
      };
    });
  },

  /**
   * The studies of the organisation that refer to a product or a product model (directly, or through a result of
   * the model), oldest first: what keeps it from being deleted. A study keeps what it reports for as long as it
   * exists (a published statement is never deleted).
   *
   * @example const blocking = await studies.referringTo(store, orgId, { modelId });
   */
  async referringTo(
    store: Store,
    organisationId: string,
    target: { productId: string } | { modelId: string },
  ): Promise<{ id: string; title: string; state: StudyState }[]> {
    let query = store.db
      .selectFrom('studies')
      .where('organisation_id', '=', organisationId)
      .select(['id', 'title', 'state']);
    query =
      'productId' in target
        ? query.where('product_id', '=', target.productId)
        : query.where('model_id', '=', target.modelId);
    return query.orderBy('created_at').orderBy('id').execute();
  },

  /**
   * A statement that was published (and may since be superseded or withdrawn), by its public id; NOT_FOUND for
   * any other id. No organisation: statements are public.
   */
  async publicStatement(store: Store, statementId: string): Promise<PublicStatement> {
    const row = await store.db
      .selectFrom('studies as s')
      .leftJoin('studies as before', 'before.id', 's.supersedes')
      .leftJoin('studies as after', 'after.id', 's.superseded_by')
      .where('s.statement_id', '=', statementId)
      .where('s.statement_jws', 'is not', null)
      .select([
        's.id',
        's.organisation_id',
        's.state',
        's.self_declared',
        's.statement_id',
        's.statement_jws',
        's.statement',
        's.statement_kid',
        's.published_at',
        's.withdrawn_at',
        'before.statement_id as supersedes_statement_id',
        'after.statement_id as superseded_by_statement_id',
      ])
      .executeTakeFirst();
    if (!row || row.statement_jws === null || row.statement === null || row.published_at === null)
      throw new StoreError('NOT_FOUND', `no published statement '${statementId}'`);
    return {
      statementId,
      studyId: row.id,
      organisationId: row.organisation_id,
      state: row.state,
      selfDeclared: row.self_declared,
      jws: row.statement_jws,
      payload: row.statement,
      keyId: row.statement_kid as string,
      publishedAt: row.published_at,
      withdrawnAt: row.withdrawn_at,
      supersedesStatementId: row.supersedes_statement_id,
      supersededByStatementId: row.superseded_by_statement_id,
    };
  },
};
