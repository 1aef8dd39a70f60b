import type { ColumnType, Generated, JSONColumnType } from 'kysely';

// Row types of the schema in migrations/, for Kysely. `Generated` columns have database defaults; timestamps are
// read as Date and written as Date or ISO text.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: read as T, written as JSON text (`JSON.stringify`), the same on PGlite and node-postgres. */
type Json<T extends object | null> = JSONColumnType<T>;

export type Role = 'owner' | 'editor' | 'viewer' | 'verifier';

export interface OrganisationsTable {
  id: string;
  name: string;
  slug: string;
  created_at: Generated<Date>;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  created_at: Generated<Date>;
  /** The organisation whose owner created the account through the API (006-managed-users); null: an administrator's. */
  managed_by: Generated<string | null>;
}

export interface MembershipsTable {
  organisation_id: string;
  user_id: string;
  role: Role;
  created_at: Generated<Date>;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: string;
  organisation_id: string;
  user_id: string | null;
  kind: 'personal' | 'client';
  name: string;
  client_id: string | null;
  secret_hash: string;
  role: Role;
  created_at: Generated<Date>;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface AccessTokensTable {
  token_hash: string;
  api_token_id: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface BackgroundDatabasesTable {
  id: string;
  organisation_id: string | null;
  name: string;
  created_at: Generated<Date>;
}

export interface DatabaseVersionsTable {
  id: string;
  database_id: string;
  version: number;
  format: string;
  source_name: string;
  content_hash: string;
  status: 'importing' | 'ready' | 'failed';
  stats: Json<Record<string, unknown>>;
  issues: Json<unknown[]>;
  created_at: Generated<Date>;
  locked_at: NullableTimestamp;
}

export interface DatabaseEntitiesTable {
  version_id: string;
  kind: string;
  entity_id: string;
  /** Place in the source's list, so a loaded database lists its datasets in the order they were read. */
  position: number;
  data: Json<object>;
}

export interface ProductsTable {
  id: string;
  organisation_id: string;
  name_en: string;
  name_zh: string | null;
  category_scheme: 'CPC' | 'HS' | 'UNSPSC' | 'GB/T 4754' | 'other' | null;
  category_code: string | null;
  identifiers: Json<{ scheme: string; value: string }[]>;
  declared_unit_amount: Generated<number>;
  declared_unit: string;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ProductModelsTable {
  id: string;
  organisation_id: string;
  product_id: string;
  name: string;
  background_version_id: string | null;
  model: Json<object>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  updated_by: string | null;
  /** The API token (machine client) that last saved it, when not a user. */
  updated_by_token: string | null;
}

export interface CalculationResultsTable {
  id: string;
  organisation_id: string;
  model_id: string;
  model_version: number;
  inputs_hash: string;
  result: Json<object>;
  created_at: Generated<Date>;
  created_by: string | null;
  created_by_token: string | null;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobsTable {
  id: string;
  organisation_id: string | null;
  kind: string;
  status: JobStatus;
  progress: Generated<number>;
  message: string | null;
  input: Json<object>;
  /** Nullable jsonb: read as an object or null, written as JSON text or null (null until the job ends). */
  output: ColumnType<object | null, string | null | undefined, string | null>;
  error: ColumnType<object | null, string | null | undefined, string | null>;
  attempts: Generated<number>;
  cancel_requested: Generated<boolean>;
  worker: string | null;
  heartbeat_at: NullableTimestamp;
  /** The failed or cancelled job this one retries (migration 003). */
  retry_of: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  organisation_id: string | null;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  details: Json<Record<string, unknown>>;
  at: Generated<Date>;
}

/** An organisation's Ed25519 signing key (008-studies): the private key encrypted with the server's key secret. */
export interface SigningKeysTable {
  /** The key id (JWS `kid`). */
  id: string;
  organisation_id: string;
  algorithm: 'EdDSA';
  /** base64url of the 32-byte public key (the JWK's `x`). */
  public_key: string;
  /** `v1.<iv>.<ciphertext>.<tag>` (base64url): the PKCS #8 private key under AES-256-GCM (see signing-keys.ts). */
  private_key: string;
  valid_from: Generated<Date>;
  /** When the key was retired (rotated or revoked); null: the organisation's active key. */
  valid_until: NullableTimestamp;
  created_by: string | null;
  created_at: Generated<Date>;
  /** When the organisation's owner revoked it (009-key-revocation): it verifies nothing from then on. */
  revoked_at: NullableTimestamp;
  revoked_by: string | null;
  revocation_reason: string | null;
}

export type StudyState =
  | 'draft'
  | 'submitted'
  | 'in-verification'
  | 'findings-raised'
  | 'findings-answered'
  | 'verified'
  | 'rejected'
  | 'certified'
  | 'published'
  | 'superseded'
  | 'withdrawn';

type NullableJson<T extends object> = ColumnType<T | null, string | null | undefined, string | null>;

/** A carbon-footprint study of a product (008-studies; states in repositories/study-transitions.ts). */
export interface StudiesTable {
  id: string;
  organisation_id: string;
  product_id: string;
  model_id: string;
  title: string;
  rule_set_id: string;
  rule_set_version: string;
  declared_unit: Json<{ amount: number; unit: string }>;
  functional_unit: string | null;
  boundary: 'cradle-to-gate' | 'cradle-to-grave' | 'gate-to-gate';
  product_type: 'intermediate' | 'final';
  /** What the compliance check reads beyond the model (choices, reference period, report, attestations …). */
  declarations: Json<Record<string, unknown>>;
  self_declared: Generated<boolean>;
  state: StudyState;
  result_id: string | null;
  inputs_hash: string | null;
  submitted_at: NullableTimestamp;
  verifier_organisation_id: string | null;
  verifier_user_id: string | null;
  certifier_organisation_id: string | null;
  certifier_user_id: string | null;
  frozen_inputs_hash: string | null;
  verified_at: NullableTimestamp;
  verified_by: string | null;
  certified_at: NullableTimestamp;
  certified_by: string | null;
  statement_id: string | null;
  statement: NullableJson<Record<string, unknown>>;
  statement_jws: string | null;
  statement_kid: string | null;
  compliance: NullableJson<Record<string, unknown>>;
  published_at: NullableTimestamp;
  withdrawn_at: NullableTimestamp;
  supersedes: string | null;
  superseded_by: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** One answer to a finding. */
export interface FindingAnswer {
  text: string;
  authorId: string;
  at: string;
}

/** A verifier's finding (comment) on an item of a study's model or result (008-studies). */
export interface StudyFindingsTable {
  id: string;
  study_id: string;
  /** The study's organisation. */
  organisation_id: string;
  /** JSON pointer: /model/…, /result/… or /study/… ('' for the study as a whole). */
  item_path: string;
  text: string;
  author_id: string | null;
  author_organisation_id: string | null;
  state: 'open' | 'answered' | 'closed';
  answers: Json<FindingAnswer[]>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  closed_at: NullableTimestamp;
  closed_by: string | null;
}

/** The whole schema, as Kysely sees it. */
/** A published statement in the public registry (011-registry); `search` is written with array_to_tsvector. */
export interface RegistryEntriesTable {
  statement_id: string;
  study_id: string;
  organisation_id: string;
  product_key: string;
  product_name_en: string;
  product_name_zh: string | null;
  company_name: string;
  company_slug: string;
  category_scheme: string | null;
  category_code: string | null;
  region: string | null;
  rule_set_id: string;
  rule_set_version: string;
  reference_year: number | null;
  verification: 'self-declared' | 'third-party' | 'certified';
  verifier_name: string | null;
  total: number;
  declared_unit_amount: number;
  declared_unit: string;
  boundary: 'cradle-to-gate' | 'cradle-to-grave' | 'gate-to-gate';
  detail: Json<Record<string, unknown>>;
  statement_jws: string;
  status: Generated<'published' | 'superseded' | 'withdrawn'>;
  superseded_by: string | null;
  status_reason: string | null;
  status_at: NullableTimestamp;
  published_at: Timestamp;
  search: ColumnType<string, string, string>;
}

export interface Schema {
  organisations: OrganisationsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  access_tokens: AccessTokensTable;
  background_databases: BackgroundDatabasesTable;
  database_versions: DatabaseVersionsTable;
  database_entities: DatabaseEntitiesTable;
  products: ProductsTable;
  product_models: ProductModelsTable;
  calculation_results: CalculationResultsTable;
  jobs: JobsTable;
  audit_log: AuditLogTable;
  signing_keys: SigningKeysTable;
  studies: StudiesTable;
  study_findings: StudyFindingsTable;
  registry_entries: RegistryEntriesTable;
}
