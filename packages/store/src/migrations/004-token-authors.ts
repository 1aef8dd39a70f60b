// Machine clients (API tokens without a user, e.g. a PACT integration) save product models and record results:
// the token is recorded beside the user column, which stays null for them.

export const id = '004-token-authors';

export const statements: readonly string[] = [
  `alter table product_models add column if not exists updated_by_token text
    references api_tokens (id) on delete set null`,
  `alter table calculation_results add column if not exists created_by_token text
    references api_tokens (id) on delete set null`,
];
