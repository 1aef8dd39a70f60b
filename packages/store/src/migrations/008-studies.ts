// Studies (a product's carbon footprint study: the model and result it reports, the rule set it declares, its
// verification by another organisation, and the signed statement it is published as), their findings, and the
// organisations' signing keys. The states and who may move a study between them are in
// repositories/study-transitions.ts (one table); the audit log records every action with who and when.
//
// Guards, as for results: a published statement never changes (its JWS, payload, key and the hashes it rests on),
// a study that was published is never deleted, and a signing key changes only once, when it is retired.

export const id = '008-studies';

export const statements: readonly string[] = [
  `create table if not exists signing_keys (
    id text primary key,
    organisation_id text not null references organisations (id) on delete cascade,
    algorithm text not null check (algorithm = 'EdDSA'),
    public_key text not null,
    private_key text not null,
    valid_from timestamptz not null default now(),
    valid_until timestamptz,
    created_by text,
    created_at timestamptz not null default now()
  )`,
  // One active key per organisation; retired ones stay, so that what they signed can still be verified.
  `create unique index if not exists signing_keys_active on signing_keys (organisation_id) where valid_until is null`,
  `create or replace function opencfp_signing_key_retire_only() returns trigger language plpgsql as $$
  begin
    if old.valid_until is not null
      or new.id is distinct from old.id
      or new.organisation_id is distinct from old.organisation_id
      or new.algorithm is distinct from old.algorithm
      or new.public_key is distinct from old.public_key
      or new.private_key is distinct from old.private_key
      or new.valid_from is distinct from old.valid_from
      or new.created_by is distinct from old.created_by
      or new.created_at is distinct from old.created_at then
      raise exception 'signing key % is immutable: a key is only ever retired, once', old.id using errcode = 'P0001';
    end if;
    return new;
  end $$`,
  `drop trigger if exists signing_keys_retire_only on signing_keys`,
  `create trigger signing_keys_retire_only before update on signing_keys
    for each row execute function opencfp_signing_key_retire_only()`,
  `create table if not exists studies (
    id text primary key,
    organisation_id text not null references organisations (id) on delete cascade,
    product_id text not null references products (id),
    model_id text not null references product_models (id),
    title text not null check (length(title) between 1 and 300),
    rule_set_id text not null,
    rule_set_version text not null,
    declared_unit jsonb not null,
    functional_unit text,
    boundary text not null check (boundary in ('cradle-to-gate', 'cradle-to-grave', 'gate-to-gate')),
    product_type text not null check (product_type in ('intermediate', 'final')),
    declarations jsonb not null default '{}'::jsonb,
    self_declared boolean not null default false,
    state text not null check (state in ('draft', 'submitted', 'in-verification', 'findings-raised',
      'findings-answered', 'verified', 'rejected', 'certified', 'published', 'superseded', 'withdrawn')),
    result_id text references calculation_results (id),
    inputs_hash text,
    submitted_at timestamptz,
    verifier_organisation_id text references organisations (id) on delete set null,
    verifier_user_id text references users (id) on delete set null,
    certifier_organisation_id text references organisations (id) on delete set null,
    certifier_user_id text references users (id) on delete set null,
    frozen_inputs_hash text,
    verified_at timestamptz,
    verified_by text,
    certified_at timestamptz,
    certified_by text,
    statement_id text unique,
    statement jsonb,
    statement_jws text,
    statement_kid text references signing_keys (id),
    compliance jsonb,
    published_at timestamptz,
    withdrawn_at timestamptz,
    supersedes text references studies (id),
    superseded_by text references studies (id),
    version integer not null default 1,
    created_by text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check ((result_id is null) = (inputs_hash is null)),
    check ((statement_jws is null) = (statement is null)),
    check (not self_declared or verifier_organisation_id is null)
  )`,
  `create index if not exists studies_organisation on studies (organisation_id, created_at)`,
  `create index if not exists studies_verifier on studies (verifier_organisation_id)
    where verifier_organisation_id is not null`,
  `create index if not exists studies_certifier on studies (certifier_organisation_id)
    where certifier_organisation_id is not null`,
  // A published study has one successor in the making at a time (a withdrawn draft does not count).
  `create unique index if not exists studies_one_successor on studies (supersedes)
    where supersedes is not null and state <> 'withdrawn'`,
  `create or replace function opencfp_published_study() returns trigger language plpgsql as $$
  begin
    if old.statement_jws is not null and (tg_op = 'DELETE'
      or new.statement_jws is distinct from old.statement_jws
      or new.statement is distinct from old.statement
      or new.statement_id is distinct from old.statement_id
      or new.statement_kid is distinct from old.statement_kid
      or new.result_id is distinct from old.result_id
      or new.inputs_hash is distinct from old.inputs_hash
      or new.frozen_inputs_hash is distinct from old.frozen_inputs_hash
      or new.published_at is distinct from old.published_at
      or new.organisation_id is distinct from old.organisation_id) then
      raise exception 'study % is published: its statement is immutable (withdraw it, or supersede it with a new study)', old.id
        using errcode = 'P0001';
    end if;
    if tg_op = 'DELETE' then return old; end if;
    return new;
  end $$`,
  `drop trigger if exists studies_published on studies`,
  `create trigger studies_published before update or delete on studies
    for each row execute function opencfp_published_study()`,
  `create table if not exists study_findings (
    id text primary key,
    study_id text not null references studies (id) on delete cascade,
    organisation_id text not null references organisations (id) on delete cascade,
    item_path text not null,
    text text not null check (length(text) between 1 and 10000),
    author_id text,
    author_organisation_id text,
    state text not null check (state in ('open', 'answered', 'closed')),
    answers jsonb not null default '[]'::jsonb,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    closed_at timestamptz,
    closed_by text
  )`,
  `create index if not exists study_findings_study on study_findings (study_id, created_at)`,
  // A study's history is read from the audit log.
  `create index if not exists audit_log_entity on audit_log (entity, entity_id, at)`,
];
