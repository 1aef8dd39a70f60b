// Short-lived access tokens issued to machine clients by the OAuth2 client-credentials grant
// (POST /v1/oauth/token). Stored by the hash of the token only; they end with their client (revoked or deleted).

export const id = '002-access-tokens';

export const statements: readonly string[] = [
  `create table access_tokens (
    token_hash text primary key,
    api_token_id text not null references api_tokens (id) on delete cascade,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null
  )`,
  `create index access_tokens_expiry on access_tokens (expires_at)`,
];
