// Jobs, shared by every server instance: a retry points at the job it retries (at most one retry per job), and
// indexes for what the job runners and the API ask most: the oldest queued job of some kinds (claim), the running
// jobs by heartbeat (recovery of interrupted ones) and an organisation's jobs, newest first.
// Idempotent (`if not exists`), like every migration since: a half-applied schema can be migrated again.

export const id = '003-jobs';

export const statements: readonly string[] = [
  `alter table jobs add column if not exists retry_of text references jobs (id) on delete set null`,
  `create unique index if not exists jobs_retry_of on jobs (retry_of) where retry_of is not null`,
  `create index if not exists jobs_claim on jobs (kind, created_at) where status = 'queued'`,
  `create index if not exists jobs_running on jobs (heartbeat_at) where status = 'running'`,
  `create index if not exists jobs_organisation on jobs (organisation_id, created_at desc)`,
];
