// Users created by an organisation's owner through the API (POST /v1/orgs/{orgId}/members with a name) are managed
// by that organisation: its owner was shown the initial password, so the account may be in their hands. Other
// organisations' owners cannot add such an account by e-mail (that would let one tenant's owner plant an account
// in another tenant) until an administrator resets its password. Null for accounts an administrator created.

export const id = '006-managed-users';

export const statements: readonly string[] = [
  `alter table users add column if not exists managed_by text references organisations (id) on delete cascade`,
];
