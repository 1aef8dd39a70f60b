import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import { StoreError } from '../errors.js';
import type { JobStatus, JobsTable, Schema } from '../schema.js';
import type { Store } from '../store.js';
import { audit } from './audit.js';

/** Why a job failed: a stable code, a message for people, specifics, and whether running it again may help. */
export interface JobError {
  code: string;
  message: string;
  details: Record<string, unknown>;
  /** true when the same input may succeed on a retry (an interruption, a passing fault); false for bad input. */
  retryable: boolean;
}

/** A background job (an import, a calculation, a Monte Carlo run) as stored, shared by every server instance. */
export interface Job {
  id: string;
  /** null for a job of the platform itself (no tenant); such jobs are not reachable through an organisation. */
  organisationId: string | null;
  kind: string;
  status: JobStatus;
  /** 0 … 1 */
  progress: number;
  message: string | null;
  input: Record<string, unknown>;
  output: Record<string, unknown> | null;
  error: JobError | null;
  /** How many times a worker has started it. */
  attempts: number;
  cancelRequested: boolean;
  /** The worker (host:pid:random) running it, or that ran it last. */
  worker: string | null;
  heartbeatAt: Date | null;
  /** The failed or cancelled job this one retries. */
  retryOf: string | null;
  createdBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** How a worker ends a job. */
export type JobOutcome =
  | { status: 'succeeded'; output: Record<string, unknown> }
  | { status: 'failed'; error: JobError }
  | { status: 'cancelled'; message?: string };

/** The statuses after which a job never changes again. */
export const FINISHED_JOB_STATUSES: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled'];

/** The code of a job that was running when its worker stopped or lost contact. */
export const JOB_INTERRUPTED = 'JOB_INTERRUPTED';

const ENTITY = 'job';

type Row = Selectable<JobsTable>;

const fromRow = (r: Row): Job => ({
  id: r.id,
  organisationId: r.organisation_id,
  kind: r.kind,
  status: r.status,
  progress: r.progress,
  message: r.message,
  input: r.input as Record<string, unknown>,
  output: r.output as Record<string, unknown> | null,
  error: r.error as JobError | null,
  attempts: r.attempts,
  cancelRequested: r.cancel_requested,
  worker: r.worker,
  heartbeatAt: r.heartbeat_at,
  retryOf: r.retry_of,
  createdBy: r.created_by,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

/** A progress value the schema accepts: within 0 … 1 (NaN counts as 0). */
const clampProgress = (p: number) => (Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0);

const notFound = (id: string) => new StoreError('NOT_FOUND', `no job '${id}' in this organisation`);

/** The job row of an organisation, locked until the transaction ends; NOT_FOUND for another tenant's. */
async function lockOwn(trx: Kysely<Schema>, organisationId: string, id: string): Promise<Row> {
  const row = await trx
    .selectFrom('jobs')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound(id);
  return row;
}

/** Who asked: the user recorded as the job's creator (null for a machine client) and the audit log's actor. */
export interface JobActor {
  userId: string | null;
  actorId: string | null;
}

async function insertJob(
  trx: Kysely<Schema>,
  values: { organisationId: string | null; kind: string; input: object; retryOf?: string },
  actor: JobActor,
): Promise<Row> {
  return trx
    .insertInto('jobs')
    .values({
      id: randomUUID(),
      organisation_id: values.organisationId,
      kind: values.kind,
      status: 'queued',
      input: JSON.stringify(values.input),
      retry_of: values.retryOf ?? null,
      created_by: actor.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Marks a job held by `workerId` as finished, in the caller's transaction. Undefined when the worker no longer
 * holds it (it was recovered as interrupted meanwhile): then nothing changes.
 */
async function finishIn(
  trx: Kysely<Schema>,
  id: string,
  workerId: string,
  outcome: JobOutcome,
): Promise<Row | undefined> {
  const row = await trx
    .updateTable('jobs')
    .set({
      status: outcome.status,
      finished_at: sql<Date>`now()`,
      heartbeat_at: sql<Date>`now()`,
      ...(outcome.status === 'succeeded'
        ? { output: JSON.stringify(outcome.output), progress: 1, message: null }
        : outcome.status === 'failed'
          ? { error: JSON.stringify(outcome.error), message: outcome.error.message }
          : { message: outcome.message ?? 'cancelled' }),
    })
    .where('id', '=', id)
    .where('worker', '=', workerId)
    .where('status', '=', 'running')
    .returningAll()
    .executeTakeFirst();
  if (!row) return undefined;
  await audit(trx, {
    organisationId: row.organisation_id,
    actorId: null,
    action: outcome.status === 'succeeded' ? 'succeed' : outcome.status === 'failed' ? 'fail' : 'cancel',
    entity: ENTITY,
    entityId: id,
    details: {
      worker: workerId,
      kind: row.kind,
      ...(outcome.status === 'failed' ? { code: outcome.error.code } : {}),
    },
  });
  return row;
}

/**
 * Background jobs in the database, so that several server instances share one queue. The API side is scoped by
 * organisation (another tenant's job is NOT_FOUND, like one that does not exist); the worker side (claim,
 * heartbeat, finish, recoverInterrupted) names the worker that holds a job, and a worker can only change a job it
 * holds. Every change of status is written to the audit log in the same transaction.
 *
 * Lifecycle: queued → running → succeeded | failed | cancelled; queued → cancelled. A job interrupted by a crash
 * is failed with `JOB_INTERRUPTED` (retryable) by `recoverInterrupted`; `retry` makes a new queued job of a failed
 * or cancelled one.
 *
 * @example
 * const job = await jobs.enqueue(store, { organisationId, kind: 'database-import', input }, { userId, actorId: userId });
 * const mine = await jobs.claim(store, 'host:42:ab12', ['database-import']); // the oldest queued job, or undefined
 * await jobs.finish(store, mine.id, 'host:42:ab12', { status: 'succeeded', output: { versionId } });
 */
export const jobs = {
  async enqueue(
    store: Store,
    job: { organisationId: string | null; kind: string; input: Record<string, unknown> },
    actor: JobActor,
  ): Promise<Job> {
    return store.transaction(async (trx) => {
      const row = await insertJob(trx, job, actor);
      await audit(trx, {
        organisationId: job.organisationId,
        actorId: actor.actorId,
        action: 'create',
        entity: ENTITY,
        entityId: row.id,
        details: { kind: job.kind },
      });
      return fromRow(row);
    });
  },

  async get(store: Store, organisationId: string, id: string): Promise<Job> {
    const row = await store.db
      .selectFrom('jobs')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound(id);
    return fromRow(row);
  },

  /**
   * An organisation's jobs, newest first; at most `limit` (default 50). `modelId`: the jobs of one product model
   * (their `input.modelId`); `inputsHash`: the jobs whose output names this calculation inputs hash (a Monte Carlo
   * run of the inputs a stored result has). Both are indexed (migration 007).
   *
   * @example await jobs.list(store, orgId, { kind: 'monte-carlo', status: 'succeeded', modelId, limit: 10 })
   */
  async list(
    store: Store,
    organisationId: string,
    filter: { status?: JobStatus; kind?: string; modelId?: string; inputsHash?: string; limit?: number } = {},
  ): Promise<Job[]> {
    let query = store.db.selectFrom('jobs').selectAll().where('organisation_id', '=', organisationId);
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
    // Written as the indexes' expressions are (a literal key), so that the planner can use them.
    if (filter.modelId !== undefined)
      query = query.where(sql<string>`input ->> 'modelId'`, '=', filter.modelId);
    if (filter.inputsHash !== undefined)
      query = query.where(sql<string>`output ->> 'inputsHash'`, '=', filter.inputsHash);
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(Math.max(1, Math.floor(filter.limit ?? 50)))
      .execute();
    return rows.map(fromRow);
  },

  /**
   * Takes the oldest queued job of one of `kinds` for `workerId` and marks it running, atomically: the row is
   * locked with `FOR UPDATE SKIP LOCKED`, so workers claiming at the same time (any number of server instances)
   * never get the same job and never wait for each other. Undefined when nothing is queued.
   */
  async claim(store: Store, workerId: string, kinds: readonly string[]): Promise<Job | undefined> {
    if (kinds.length === 0) return undefined;
    return store.transaction(async (trx) => {
      const next = trx
        .selectFrom('jobs')
        .select('id')
        .where('status', '=', 'queued')
        .where('kind', 'in', kinds)
        .orderBy('created_at')
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked();
      const row = await trx
        .updateTable('jobs')
        .set((eb) => ({
          status: 'running',
          worker: workerId,
          attempts: eb('attempts', '+', 1),
          progress: 0,
          message: null,
          started_at: sql<Date>`now()`,
          heartbeat_at: sql<Date>`now()`,
        }))
        .where('id', '=', next)
        .where('status', '=', 'queued')
        .returningAll()
        .executeTakeFirst();
      if (!row) return undefined;
      await audit(trx, {
        organisationId: row.organisation_id,
        actorId: null,
        action: 'start',
        entity: ENTITY,
        entityId: row.id,
        details: { worker: workerId, kind: row.kind, attempt: row.attempts },
      });
      return fromRow(row);
    });
  },

  /**
   * The worker's sign of life, with its progress: only the worker holding the running job can write it.
   * `held: false` means the job is no longer this worker's (recovered as interrupted, or finished): stop working
   * on it. `cancelRequested: true` means someone asked to cancel it: stop and finish it as cancelled.
   */
  async heartbeat(
    store: Store,
    id: string,
    workerId: string,
    update: { progress?: number; message?: string | null } = {},
  ): Promise<{ held: boolean; cancelRequested: boolean }> {
    const row = await store.db
      .updateTable('jobs')
      .set({
        heartbeat_at: sql<Date>`now()`,
        ...(update.progress !== undefined ? { progress: clampProgress(update.progress) } : {}),
        ...(update.message !== undefined ? { message: update.message } : {}),
      })
      .where('id', '=', id)
      .where('worker', '=', workerId)
      .where('status', '=', 'running')
      .returning('cancel_requested')
      .executeTakeFirst();
    return { held: row !== undefined, cancelRequested: row?.cancel_requested ?? false };
  },

  /**
   * Ends a job held by `workerId`: succeeded with its output, failed with its error, or cancelled. Undefined
   * (and no change) when the worker no longer holds it.
   */
  async finish(store: Store, id: string, workerId: string, outcome: JobOutcome): Promise<Job | undefined> {
    const row = await store.transaction((trx) => finishIn(trx, id, workerId, outcome));
    return row && fromRow(row);
  },

  /**
   * Marks the job succeeded inside the caller's transaction — the one that writes the job's result — so the result
   * and the job's status commit together or not at all: a crash before the commit leaves neither, one after it
   * leaves both. Throws StoreError CANCELLED when a cancel was requested (the transaction then rolls back, nothing
   * of the job is kept) and CONFLICT when the worker no longer holds the job.
   */
  async succeedIn(
    trx: Kysely<Schema>,
    id: string,
    workerId: string,
    output: Record<string, unknown>,
  ): Promise<void> {
    const current = await trx
      .selectFrom('jobs')
      .select(['status', 'worker', 'cancel_requested'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (current?.status === 'running' && current.worker === workerId && current.cancel_requested)
      throw new StoreError('CANCELLED', `job '${id}' was cancelled; nothing of it was kept`);
    if (!(await finishIn(trx, id, workerId, { status: 'succeeded', output })))
      throw new StoreError(
        'CONFLICT',
        `job '${id}' is no longer held by worker ${workerId} (it is ${current?.status ?? 'gone'}); its result was not kept`,
        { details: { status: current?.status ?? null } },
      );
  },

  /**
   * Asks to cancel a job: a queued one is cancelled at once; a running one gets `cancelRequested` and its worker
   * stops it at its next check (then it is `cancelled`). Cancelling a cancelled job changes nothing; a job that
   * has succeeded or failed is CONFLICT.
   */
  async requestCancel(store: Store, organisationId: string, id: string, actor: JobActor): Promise<Job> {
    return store.transaction(async (trx) => {
      const row = await lockOwn(trx, organisationId, id);
      if (row.status === 'cancelled' || (row.status === 'running' && row.cancel_requested))
        return fromRow(row);
      if (row.status === 'succeeded' || row.status === 'failed')
        throw new StoreError(
          'CONFLICT',
          `job '${id}' has already ${row.status}: there is nothing to cancel`,
          {
            details: { status: row.status },
          },
        );
      const queued = row.status === 'queued';
      const changed = await trx
        .updateTable('jobs')
        .set(
          queued
            ? {
                status: 'cancelled',
                cancel_requested: true,
                message: 'cancelled before it started',
                finished_at: sql<Date>`now()`,
              }
            : { cancel_requested: true },
        )
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(trx, {
        organisationId,
        actorId: actor.actorId,
        action: queued ? 'cancel' : 'request-cancel',
        entity: ENTITY,
        entityId: id,
        details: { kind: row.kind, status: row.status },
      });
      return fromRow(changed);
    });
  },

  /**
   * Fails the running jobs whose worker is gone — its heartbeat older than `staleAfterMs` (by the database's
   * clock, so instances need not agree on the time), or held by one of `workers` — with error JOB_INTERRUPTED,
   * retryable. `exceptWorkers` are never touched (a live instance passes its own worker id). Nothing of an
   * interrupted job was kept: its work ran in one transaction that died with its worker.
   *
   * @example await jobs.recoverInterrupted(store, { staleAfterMs: 30_000, exceptWorkers: [myWorkerId] });
   */
  async recoverInterrupted(
    store: Store,
    which: { staleAfterMs?: number; workers?: readonly string[]; exceptWorkers?: readonly string[] },
  ): Promise<Job[]> {
    const { staleAfterMs, workers = [], exceptWorkers = [] } = which;
    if (staleAfterMs === undefined && workers.length === 0) return [];
    return store.transaction(async (trx) => {
      const rows = await trx
        .updateTable('jobs')
        .set({
          status: 'failed',
          finished_at: sql<Date>`now()`,
          message: 'interrupted',
          error: sql<string>`jsonb_build_object(
            'code', ${JOB_INTERRUPTED}::text,
            'message', 'the job was interrupted before it finished (its server stopped or lost contact with the database); nothing of it was kept: retry it',
            'details', jsonb_build_object('worker', worker, 'lastHeartbeatAt', heartbeat_at),
            'retryable', true)`,
        })
        .where('status', '=', 'running')
        .where((eb) => {
          const stale =
            staleAfterMs === undefined
              ? undefined
              : eb(
                  sql`coalesce(heartbeat_at, started_at, created_at)`,
                  '<',
                  sql<Date>`now() - make_interval(secs => ${Math.max(0, staleAfterMs) / 1000}::double precision)`,
                );
          const held = workers.length === 0 ? undefined : eb('worker', 'in', workers);
          return eb.or([stale, held].filter((c) => c !== undefined));
        })
        .$if(exceptWorkers.length > 0, (q) =>
          q.where((eb) => eb.or([eb('worker', 'is', null), eb('worker', 'not in', exceptWorkers)])),
        )
        .returningAll()
        .execute();
      for (const row of rows)
        await audit(trx, {
          organisationId: row.organisation_id,
          actorId: null,
          action: 'interrupt',
          entity: ENTITY,
          entityId: row.id,
          details: { kind: row.kind, worker: row.worker },
        });
      return rows.map(fromRow);
    });
  },

  /**
   * A new queued job with the same kind and input as a failed or cancelled one (`retryOf` names it). A job is
   * retried at most once — retry the newest of a chain; anything else is CONFLICT.
   */
  async retry(store: Store, organisationId: string, id: string, actor: JobActor): Promise<Job> {
    return store.transaction(async (trx) => {
      const row = await lockOwn(trx, organisationId, id);
      if (row.status !== 'failed' && row.status !== 'cancelled')
        throw new StoreError(
          'CONFLICT',
          `job '${id}' is ${row.status}: only a failed or cancelled job can be retried`,
          { details: { status: row.status } },
        );
      const earlier = await trx.selectFrom('jobs').select('id').where('retry_of', '=', id).executeTakeFirst();
      if (earlier)
        throw new StoreError(
          'CONFLICT',
          `job '${id}' was already retried as job '${earlier.id}': follow or retry that one`,
          { details: { status: row.status, retriedAs: earlier.id } },
        );
      const retried = await insertJob(
        trx,
        { organisationId, kind: row.kind, input: row.input, retryOf: id },
        actor,
      );
      await audit(trx, {
        organisationId,
        actorId: actor.actorId,
        action: 'retry',
        entity: ENTITY,
        entityId: retried.id,
        details: { kind: row.kind, retryOf: id },
      });
      return fromRow(retried);
    });
  },

  /**
   * The jobs of one kind, in any organisation, whose input has `field` = `value` (e.g. the import jobs of one
   * uploaded file), with their status and end: for housekeeping by the workers, never for a tenant's request.
   */
  async referencing(
    store: Store,
    kind: string,
    field: string,
    value: string,
  ): Promise<{ id: string; status: JobStatus; finishedAt: Date | null }[]> {
    const rows = await store.db
      .selectFrom('jobs')
      .select(['id', 'status', 'finished_at'])
      .where('kind', '=', kind)
      .where(sql<string>`input ->> ${field}`, '=', value)
      .execute();
    return rows.map((r) => ({ id: r.id, status: r.status, finishedAt: r.finished_at }));
  },
};
