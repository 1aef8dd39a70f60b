// Revocation of signing keys: an organisation's owner revokes a key that may be compromised. Unlike a rotation, which
// retires a key that still verifies what it signed, a revoked key verifies nothing: it signs no more (an active key
// revoked is retired at once) and verifiers refuse what it signed. A key is still changed only forward: retired
// once, revoked once, and never un-revoked.

export const id = '009-key-revocation';

export const statements: readonly string[] = [
  `alter table signing_keys add column if not exists revoked_at timestamptz`,
  `alter table signing_keys add column if not exists revoked_by text`,
  `alter table signing_keys add column if not exists revocation_reason text`,
  // A revoked key is never the active one.
  `alter table signing_keys drop constraint if exists signing_keys_revoked_retired`,
  `alter table signing_keys add constraint signing_keys_revoked_retired
    check (revoked_at is null or valid_until is not null)`,
  // The guard of 008, now letting a key be revoked once too (a retired key as well as the active one).
  `create or replace function opencfp_signing_key_retire_only() returns trigger language plpgsql as $$
  begin
    if row(new.id, new.organisation_id, new.algorithm, new.public_key, new.private_key, new.valid_from,
        new.created_by, new.created_at)
        is distinct from row(old.id, old.organisation_id, old.algorithm, old.public_key, old.private_key,
        old.valid_from, old.created_by, old.created_at)
      or (old.valid_until is not null and new.valid_until is distinct from old.valid_until)
      or (old.revoked_at is not null and row(new.revoked_at, new.revoked_by, new.revocation_reason)
        is distinct from row(old.revoked_at, old.revoked_by, old.revocation_reason))
      or (new.revoked_at is null and (new.revoked_by is not null or new.revocation_reason is not null)) then
      raise exception 'signing key % is immutable: a key is only ever retired, once, and revoked, once', old.id
        using errcode = 'P0001';
    end if;
    return new;
  end $$`,
];
