// The public disclosure registry: one row per published statement, written in the transaction that publishes it and
// changed only by the moves that follow publication (superseded, withdrawn). Public routes read this table and
// nothing else, so what anyone without an account can see is exactly what was published: no draft, no model detail
// beyond what the published footprint states, no other tenant data. `search` holds the words of the entry's names
// (registry/search-tokens.ts: made by the application, so that every locale and PGlite agree). The study id is a
// reference kept, not a foreign key: the public record stands on its own (and stays whatever happens to internals).

export const id = '011-registry';

export const statements: readonly string[] = [
  `create table if not exists registry_entries (
    statement_id text collate "C" primary key,
    study_id text not null,
    organisation_id text not null references organisations(id),
    product_key text not null,
    product_name_en text not null,
    product_name_zh text,
    company_name text not null,
    company_slug text not null,
    category_scheme text,
    category_code text,
    region text,
    rule_set_id text not null,
    rule_set_version text not null,
    reference_year integer,
    verification text not null check (verification in ('self-declared', 'third-party', 'certified')),
    verifier_name text,
    total double precision not null,
    declared_unit_amount double precision not null check (declared_unit_amount > 0),
    declared_unit text not null,
    boundary text not null check (boundary in ('cradle-to-gate', 'cradle-to-grave', 'gate-to-gate')),
    detail jsonb not null,
    statement_jws text not null,
    status text not null default 'published' check (status in ('published', 'superseded', 'withdrawn')),
    superseded_by text,
    status_reason text,
    status_at timestamptz,
    published_at timestamptz not null,
    search tsvector not null
  )`,
  // Words (GIN: bitmaps for selective searches); newest first, of the published and of all (a search of words
  // walks these first); one per filter, newest first within it; a product's versions; a category's current
  // totals (statistics).
  `create index if not exists registry_entries_search on registry_entries using gin (search)`,
  `create index if not exists registry_entries_listing
    on registry_entries (published_at desc, statement_id) where status = 'published'`,
  `create index if not exists registry_entries_all_listing on registry_entries (published_at desc, statement_id)`,
  `create index if not exists registry_entries_product on registry_entries (product_key, published_at desc)`,
  `create index if not exists registry_entries_category_totals
    on registry_entries (category_code, declared_unit, declared_unit_amount, category_scheme, total)
    where status = 'published'`,
  `create index if not exists registry_entries_category on registry_entries (category_code, published_at desc, statement_id)`,
  `create index if not exists registry_entries_company on registry_entries (company_slug, published_at desc, statement_id)`,
  `create index if not exists registry_entries_region on registry_entries (lower(region), published_at desc, statement_id)`,
  `create index if not exists registry_entries_rule_set on registry_entries (rule_set_id, published_at desc, statement_id)`,
  `create index if not exists registry_entries_year on registry_entries (reference_year, published_at desc, statement_id)`,
  `create index if not exists registry_entries_verification on registry_entries (verification, published_at desc, statement_id)`,
  // What was published stays as published: only the status moves, forward, once.
  `create or replace function opencfp_registry_entry_status_only() returns trigger language plpgsql as $$
  begin
    if old.status <> 'published' then
      raise exception 'registry entry % is %: it does not change any more', old.statement_id, old.status
        using errcode = 'P0001';
    end if;
    if (to_jsonb(new) - array['status', 'superseded_by', 'status_reason', 'status_at'])
        is distinct from (to_jsonb(old) - array['status', 'superseded_by', 'status_reason', 'status_at']) then
      raise exception 'registry entry % is immutable: only its status moves (superseded or withdrawn)',
        old.statement_id using errcode = 'P0001';
    end if;
    return new;
  end $$`,
  `drop trigger if exists registry_entries_status_only on registry_entries`,
  `create trigger registry_entries_status_only before update on registry_entries
    for each row execute function opencfp_registry_entry_status_only()`,
  `create or replace function opencfp_registry_entry_no_delete() returns trigger language plpgsql as $$
  begin
    raise exception 'registry entry % cannot be deleted: withdraw the study instead', old.statement_id
      using errcode = 'P0001';
  end $$`,
  `drop trigger if exists registry_entries_no_delete on registry_entries`,
  `create trigger registry_entries_no_delete before delete on registry_entries
    for each row execute function opencfp_registry_entry_no_delete()`,
];
