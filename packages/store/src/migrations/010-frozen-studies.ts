// The verified version of a study is frozen: besides the inputs hash of its result (frozen_inputs_hash, which
// covers the model document, the background version, the options and the engine), what the study states — its
// rule set, unit, boundary, product type and declarations (the accounting choices among them) — and the result it
// reports never change once it is verified (or, self-declared, published). The workflow never changes them then
// (only a draft or a rejected study is edited); this guard makes the database refuse it too.

export const id = '010-frozen-studies';

export const statements: readonly string[] = [
  `create or replace function opencfp_frozen_study() returns trigger language plpgsql as $$
  begin
    if old.frozen_inputs_hash is not null
      and row(new.frozen_inputs_hash, new.result_id, new.inputs_hash, new.model_id, new.product_id, new.title,
        new.rule_set_id, new.rule_set_version, new.declared_unit, new.functional_unit, new.boundary, new.product_type,
        new.declarations, new.self_declared, new.verified_at, new.verified_by)
      is distinct from row(old.frozen_inputs_hash, old.result_id, old.inputs_hash, old.model_id, old.product_id,
        old.title, old.rule_set_id, old.rule_set_version, old.declared_unit, old.functional_unit, old.boundary,
        old.product_type, old.declarations, old.self_declared, old.verified_at, old.verified_by) then
      raise exception 'study % is frozen: its verified version (inputs hash %) does not change (supersede it with a new study)',
        old.id, old.frozen_inputs_hash using errcode = 'P0001';
    end if;
    return new;
  end $$`,
  `drop trigger if exists studies_frozen on studies`,
  `create trigger studies_frozen before update on studies
    for each row execute function opencfp_frozen_study()`,
];
