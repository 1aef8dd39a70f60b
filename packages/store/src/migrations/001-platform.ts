// The platform's first schema: tenants, people, access, background databases, products and models, results,
// jobs and the audit log. SQL that runs unchanged on PostgreSQL 15 (server) and 18 (PGlite).
//
// Conventions: ids are text (UUIDs made by the application, so both engines and any client agree); every tenant
// table has organisation_id and every query scopes by it; amounts are double precision (float64, as the engine);
// documents are jsonb; times timestamptz. Immutable records (calculation results, used database versions, the
// audit log) are guarded by triggers, not just by the application.

export const id = '001-platform';

export const statements: readonly string[] = [
  `create table organisations (
    id text primary key,
    name text not null check (length(name) between 1 and 200),
    slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    created_at timestamptz not null default now()
  )`,
  `create table users (
    id text primary key,
    email text not null unique check (email = lower(email) and position('@' in email) > 1),
    name text not null,
    password_hash text,
    created_at timestamptz not null default now()
  )`,
  `create table memberships (
    organisation_id text not null references organisations (id) on delete cascade,
    user_id text not null references users (id) on delete cascade,
    role text not null check (role in ('owner', 'editor', 'viewer', 'verifier')),
    created_at timestamptz not null default now(),
    primary key (organisation_id, user_id)
  )`,
  `create index memberships_user on memberships (user_id)`,
  // Sign-in sessions and API tokens are stored by the hash of their secret only.
  `create table sessions (
    token_hash text primary key,
    user_id text not null references users (id) on delete cascade,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null
  )`,
  `create table api_tokens (
    id text primary key,
    organisation_id text not null references organisations (id) on delete cascade,
    user_id text references users (id) on delete cascade,
    kind text not null check (kind in ('personal', 'client')),
    name text not null,
    client_id text unique,
    secret_hash text not null unique,
    role text not null check (role in ('owner', 'editor', 'viewer', 'verifier')),
    created_at timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at timestamptz,
    check ((kind = 'personal') = (user_id is not null)),
    check ((kind = 'client') = (client_id is not null))
  )`,
  // Background databases: organisation_id null = shared with every tenant (the starter database).
  `create table background_databases (
    id text primary key,
    organisation_id text references organisations (id) on delete cascade,
    name text not null,
    created_at timestamptz not null default now()
  )`,
  `create table database_versions (
    id text primary key,
    database_id text not null references background_databases (id) on delete cascade,
    version integer not null check (version >= 1),
    format text not null,
    source_name text not null,
    content_hash text not null,
    status text not null check (status in ('importing', 'ready', 'failed')),
    stats jsonb not null default '{}'::jsonb,
    issues jsonb not null default '[]'::jsonb,
    created_at timestamptz not null default now(),
    locked_at timestamptz,
    unique (database_id, version)
  )`,
  // One row per dataset of a version (process, flow, unit group …): a 20,000-process database is 20,000+ rows,
  // not one giant document.
  `create table database_entities (
    version_id text not null references database_versions (id) on delete cascade,
    kind text not null,
    entity_id text not null,
    position integer not null,
    data jsonb not null,
    primary key (version_id, kind, entity_id)
  )`,
  `create table products (
    id text primary key,
    organisation_id text not null references organisations (id) on delete cascade,
    name_en text not null,
    name_zh text,
    category_scheme text check (category_scheme in ('CPC', 'HS', 'UNSPSC', 'GB/T 4754', 'other')),
    category_code text,
    identifiers jsonb not null default '[]'::jsonb,
    declared_unit_amount double precision not null default 1 check (declared_unit_amount > 0),
    declared_unit text not null,
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create index products_organisation on products (organisation_id)`,
  `create table product_models (
    id text primary key,
    organisation_id text not null references organisations (id) on delete cascade,
    product_id text not null references products (id) on delete cascade,
    name text not null,
    background_version_id text references database_versions (id),
    model jsonb not null,
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    updated_by text references users (id) on delete set null
  )`,
  `create index product_models_organisation on product_models (organisation_id)`,
  `create table calculation_results (
    id text primary key,
    organisation_id text not null references organisations (id) on delete cascade,
    model_id text not null references product_models (id) on delete cascade,
    model_version integer not null,
    inputs_hash text not null,
    result jsonb not null,
    created_at timestamptz not null default now(),
    created_by text references users (id) on delete set null
  )`,
  `create index calculation_results_model on calculation_results (organisation_id, model_id)`,
  `create table jobs (
    id text primary key,
    organisation_id text references organisations (id) on delete cascade,
    kind text not null,
    status text not null check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    progress double precision not null default 0 check (progress between 0 and 1),
    message text,
    input jsonb not null default '{}'::jsonb,
    output jsonb,
    error jsonb,
    attempts integer not null default 0,
    cancel_requested boolean not null default false,
    worker text,
    heartbeat_at timestamptz,
    created_by text references users (id) on delete set null,
    created_at timestamptz not null default now(),
    started_at timestamptz,
    finished_at timestamptz
  )`,
  `create index jobs_queue on jobs (status, created_at)`,
  `create table audit_log (
    id bigint generated always as identity primary key,
    organisation_id text,
    actor_id text,
    action text not null,
    entity text not null,
    entity_id text,
    details jsonb not null default '{}'::jsonb,
    at timestamptz not null default now()
  )`,
  `create index audit_log_organisation on audit_log (organisation_id, at)`,
  // Guards: the audit log is append-only; a result never changes; a database version used by a model never
  // changes (only locked_at is set once).
  `create function opencfp_refuse_change() returns trigger language plpgsql as $$
  begin
    raise exception '% is immutable: % refused', tg_table_name, lower(tg_op) using errcode = 'P0001';
  end $$`,
  `create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function opencfp_refuse_change()`,
  `create trigger calculation_results_immutable before update on calculation_results
    for each row execute function opencfp_refuse_change()`,
  `create function opencfp_locked_version() returns trigger language plpgsql as $$
  begin
    if old.locked_at is not null and (tg_op = 'DELETE' or row(new.*) is distinct from row(old.*)) then
      raise exception 'database version % is in use by a study and immutable: import a new version instead', old.id
        using errcode = 'P0001';
    end if;
    if tg_op = 'DELETE' then return old; end if;
    return new;
  end $$`,
  `create trigger database_versions_locked before update or delete on database_versions
    for each row execute function opencfp_locked_version()`,
  `create function opencfp_locked_entities() returns trigger language plpgsql as $$
  declare target text;
  begin
    if tg_op = 'DELETE' then target := old.version_id; else target := new.version_id; end if;
    if exists (select 1 from database_versions v where v.id = target and v.locked_at is not null) then
      raise exception 'database version % is in use by a study and immutable: import a new version instead', target
        using errcode = 'P0001';
    end if;
    if tg_op = 'DELETE' then return old; end if;
    return new;
  end $$`,
  `create trigger database_entities_locked before insert or update or delete on database_entities
    for each row execute function opencfp_locked_entities()`,
];
