import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import {
  JOB_INTERRUPTED,
  StoreError,
  jobs,
  type Job,
  type JobError,
  type JobOutcome,
  type Schema,
  type Store,
} from '@opencfp/store';
import type { Kysely } from 'kysely';
import { jsonLogger } from '../app.js';
import { uploadDirOf, type JobsConfig, type ServerConfig } from '../config.js';
import type { ServerLogger } from '../routing.js';
import { databaseImportJob } from './database-import-job.js';
import { JobFailure } from './job-failure.js';
import { JobUpdates } from './job-updates.js';
import { DATABASE_IMPORT } from './upload-files.js';

/** What a job handler gets: its job, the store, a signal that says stop, and ways to report. */
export interface JobContext {
  readonly job: Job;
  readonly store: Store;
  /**
   * Aborted when the job must stop: cancelled by a user, the server stopping, or the job taken from this worker.
   * Check it between steps (or pass it on, e.g. to importBackgroundDatabase) and throw when it is aborted.
   */
  readonly signal: AbortSignal;
  readonly workerId: string;
  readonly logger: ServerLogger;
  /** Reports progress (0 … 1) and what is being done; written to the database at most every 250 ms. */
  progress(fraction: number, message?: string): void;
  /**
   * Marks the job succeeded with `output` inside the handler's own transaction — the one that writes the job's
   * result — so that the result and the job's end commit together: a crash can never leave a result whose job
   * looks unfinished (and would be run twice), or a succeeded job without its result. Throws (rolling the
   * transaction back) when the job was cancelled or taken from this worker meanwhile. Optional: a handler that
   * writes nothing just returns its output.
   */
  complete(trx: Kysely<Schema>, output: Record<string, unknown>): Promise<void>;
}

/**
 * Runs one kind of job: resolves with the job's output (kept in `jobs.output`), or throws. A `JobFailure` becomes
 * the job's error as it is; an error with a stable UPPER_SNAKE `code` (a FormatError, a StoreError …) keeps its code
 * and message; anything else is logged and the job fails with code INTERNAL. After the signal aborted, throw
 * (anything): the runner records the job as cancelled, or as interrupted when the server is stopping.
 */
export type JobHandler = (context: JobContext) => Promise<Record<string, unknown>>;

/** Why the runner aborted a job's signal. */
class JobStop extends Error {
  constructor(
    readonly why: 'cancelled' | 'shutdown' | 'lost',
    message: string,
  ) {
    super(message);
    this.name = 'JobStop';
  }
}

export interface JobRunnerOptions extends Partial<Omit<JobsConfig, 'run'>> {
  store: Store;
  /**
   * The server's configuration: its `jobs` settings apply (unless given here one by one), and the built-in job
   * kinds are registered — 'database-import' of uploads in `uploadDirOf(config)`. Without it the runner has no
   * handler until `register`.
   */
  config?: ServerConfig;
  /** Default: one JSON line per message on stderr. */
  logger?: ServerLogger;
  /** Shared with the app of this instance (createApp's `jobUpdates`); default: a new one. */
  updates?: JobUpdates;
  /** Default: `<hostname>:<pid>:<random>`, unique to this process. */
  workerId?: string;
  /**
   * What `start` takes as interrupted: 'all' running jobs (right for PGlite, which one process owns: whatever ran
   * in it before this start died with its last process) or only 'stale' ones (a PostgreSQL shared by instances
   * that may be alive). Default: 'all' on PGlite, 'stale' on PostgreSQL.
   */
  recoverOnStart?: 'all' | 'stale';
}

/** How often progress is written at most; heartbeats come every `heartbeatMs` whatever happens. */
const PROGRESS_WRITE_MS = 250;

const isCoded = (e: unknown): e is Error & { code: string } =>
  e instanceof Error &&
  typeof (e as { code?: unknown }).code === 'string' &&
  /^[A-Z][A-Z0-9_]+$/.test((e as unknown as { code: string }).code);

/**
 * Runs background jobs from the `jobs` table for one server instance. Any number of instances (on one
 * PostgreSQL) run runners side by side: each claims queued jobs of the kinds it has handlers for with
 * `FOR UPDATE SKIP LOCKED`, so a job runs once. While a job runs, the runner writes its heartbeat every
 * `heartbeatMs` (with its progress, and reads whether a cancel was requested: then the handler's signal aborts);
 * a job whose heartbeat is older than `staleMs` is taken by the other instances as interrupted — failed with
 * JOB_INTERRUPTED, retryable. On start it recovers the jobs a crash left running (see `recoverOnStart`).
 *
 * Register a handler per kind before or after `start` (with `config`, the built-in kinds are registered already):
 *
 * @example
 * const runner = new JobRunner({ store, config, updates }); // runs 'database-import' jobs
 * runner.register('model-calculation', async ({ job, signal, progress }) => {
 *   progress(0.5, 'solving');
 *   return { resultId: await calculate(job.input, signal) };
 * });
 * await runner.start();
 * // … later, on shutdown: running jobs are stopped (rolled back) and recorded as interrupted, retryable
 * await runner.close();
 */
export class JobRunner {
  readonly workerId: string;
  readonly updates: JobUpdates;
  private readonly store: Store;
  private readonly logger: ServerLogger;
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly heartbeatMs: number;
  private readonly staleMs: number;
  private readonly recoverOnStart: 'all' | 'stale';
  private readonly handlers = new Map<string, JobHandler>();
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private readonly unsubscribe: (() => void)[] = [];
  private state: 'new' | 'started' | 'closing' | 'closed' = 'new';
  private loop?: Promise<void>;
  private wake?: () => void;
  private recoveryTimer?: NodeJS.Timeout;
  private closing?: Promise<void>;

  constructor(options: JobRunnerOptions) {
    const settings = options.config?.jobs;
    this.store = options.store;
    this.logger = options.logger ?? jsonLogger;
    this.updates = options.updates ?? new JobUpdates();
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.concurrency = options.concurrency ?? settings?.concurrency ?? 1;
    this.pollMs = options.pollMs ?? settings?.pollMs ?? 1000;
    this.heartbeatMs = options.heartbeatMs ?? settings?.heartbeatMs ?? 5000;
    this.staleMs = options.staleMs ?? settings?.staleMs ?? 30_000;
    this.recoverOnStart = options.recoverOnStart ?? (options.store.kind === 'pglite' ? 'all' : 'stale');
    if (options.config)
      this.register(DATABASE_IMPORT, databaseImportJob({ uploadDir: uploadDirOf(options.config) }));
  }

  /** Runs jobs of `kind` with `handler` from now on. One handler per kind. */
  register(kind: string, handler: JobHandler): this {
    if (this.handlers.has(kind)) throw new Error(`a job handler for '${kind}' is registered already`);
    this.handlers.set(kind, handler);
    this.wake?.();
    return this;
  }

  /** The kinds this runner takes. */
  get kinds(): string[] {
    return [...this.handlers.keys()];
  }

  /** Recovers interrupted jobs, then runs queued jobs until `close`. Resolves once it is running. */
  async start(): Promise<void> {
    if (this.state !== 'new') throw new Error('a JobRunner starts once');
    this.state = 'started';
    await this.recover(this.recoverOnStart === 'all' ? 0 : this.staleMs);
    this.unsubscribe.push(
      this.updates.onQueued(() => this.wake?.()),
      this.updates.onCancel((id) =>
        this.running.get(id)?.controller.abort(new JobStop('cancelled', 'cancelled by a user')),
      ),
    );
    // On a PostgreSQL shared by instances, any of them may die: look for their stale jobs now and then. (PGlite
    // belongs to this process alone; whatever it ran before was recovered above.)
    if (this.store.kind === 'postgres') {
      this.recoveryTimer = setInterval(() => void this.recover(this.staleMs), this.heartbeatMs);
      this.recoveryTimer.unref();
    }
    this.loop = this.poll();
  }

  /**
   * Stops: takes no more jobs, aborts the running ones (their transactions roll back; they are recorded as
   * interrupted, retryable — or cancelled if that was asked) and waits until they have ended. Calling it again
   * waits for the same end.
   */
  close(): Promise<void> {
    return (this.closing ??= (async () => {
      this.state = 'closing';
      clearInterval(this.recoveryTimer);
      this.wake?.();
      await this.loop;
      for (const { controller } of this.running.values())
        controller.abort(new JobStop('shutdown', 'the server stopped while the job ran'));
      await Promise.all([...this.running.values()].map((r) => r.done));
      for (const off of this.unsubscribe) off();
      this.state = 'closed';
    })());
  }

  private async recover(staleAfterMs: number): Promise<void> {
    try {
      const recovered = await jobs.recoverInterrupted(this.store, {
        staleAfterMs,
        exceptWorkers: [this.workerId],
      });
      for (const job of recovered)
        this.logger.warn('job interrupted: recorded as failed, retryable', {
          jobId: job.id,
          kind: job.kind,
          worker: job.worker,
        });
    } catch (e) {
      this.logger.error(`recovering interrupted jobs failed: ${(e as Error).message}`, {
        stack: (e as Error).stack,
      });
    }
  }

  private async poll(): Promise<void> {
    while (this.state === 'started') {
      if (this.running.size < this.concurrency && this.handlers.size > 0) {
        let job: Job | undefined;
        try {
          job = await jobs.claim(this.store, this.workerId, this.kinds);
        } catch (e) {
          this.logger.error(`claiming a job failed: ${(e as Error).message}`, { stack: (e as Error).stack });
        }
        if (job) {
          this.launch(job);
          continue;
        }
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.wake = undefined;
          resolve();
        }, this.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          this.wake = undefined;
          resolve();
        };
      });
    }
  }

  private launch(job: Job): void {
    const controller = new AbortController();
    const done = this.run(job, controller).finally(() => {
      this.running.delete(job.id);
      this.updates.release(job.id);
      this.wake?.();
    });
    this.running.set(job.id, { controller, done });
  }

  private async run(job: Job, controller: AbortController): Promise<void> {
    const handler = this.handlers.get(job.kind);
    const live = { progress: 0, message: null as string | null, dirty: false, cancelRequested: false };
    let completed = false;
    let lastWrite = Date.now();
    let writing: Promise<void> | undefined;
    const publish = () =>
      this.updates.publish({
        id: job.id,
        status: 'running',
        progress: live.progress,
        message: live.message,
        cancelRequested: live.cancelRequested || job.cancelRequested,
      });
    const beat = async () => {
      const { held, cancelRequested } = await jobs.heartbeat(this.store, job.id, this.workerId, {
        progress: live.progress,
        message: live.message,
      });
      if (!held && !completed) controller.abort(new JobStop('lost', 'the job was taken from this worker'));
      else if (cancelRequested && !controller.signal.aborted)
        controller.abort(new JobStop('cancelled', 'cancelled by a user'));
    };
    const timer = setInterval(
      () => {
        const since = Date.now() - lastWrite;
        if (writing || (since < this.heartbeatMs && !(live.dirty && since >= PROGRESS_WRITE_MS))) return;
        live.dirty = false;
        lastWrite = Date.now();
        writing = beat()
          .catch((e: Error) => this.logger.warn(`a job heartbeat failed: ${e.message}`, { jobId: job.id }))
          .finally(() => (writing = undefined));
      },
      Math.min(PROGRESS_WRITE_MS, this.heartbeatMs),
    );
    controller.signal.addEventListener('abort', () => {
      if ((controller.signal.reason as JobStop).why !== 'cancelled') return;
      live.cancelRequested = true;
      live.message = 'cancelling';
      live.dirty = true;
      publish();
    });
    publish();

    let outcome: JobOutcome | undefined;
    try {
      if (!handler)
        throw new JobFailure('NO_HANDLER', `this server has no handler for jobs of kind '${job.kind}'`);
      const output = await handler({
        job,
        store: this.store,
        signal: controller.signal,
        workerId: this.workerId,
        logger: this.logger,
        progress: (fraction, message) => {
          live.progress = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : live.progress;
          if (message !== undefined && !live.cancelRequested) live.message = message;
          live.dirty = true;
          publish();
        },
        complete: async (trx, output) => {
          await jobs.succeedIn(trx, job.id, this.workerId, output);
          completed = true;
        },
      });
      if (!completed) outcome = { status: 'succeeded', output };
    } catch (e) {
      completed = false;
      outcome = this.outcomeOf(e, job, controller.signal);
    } finally {
      clearInterval(timer);
      await writing;
    }
    if (!outcome) return;
    try {
      await jobs.finish(this.store, job.id, this.workerId, outcome);
    } catch (e) {
      // The job stays 'running' until it is recovered as interrupted (stale heartbeat, or the next start).
      this.logger.error(`recording the end of job ${job.id} failed: ${(e as Error).message}`, {
        jobId: job.id,
        stack: (e as Error).stack,
      });
    }
  }

  /** How a job that threw ends. Undefined: it is no longer this worker's to end. */
  private outcomeOf(e: unknown, job: Job, signal: AbortSignal): JobOutcome | undefined {
    const stop = signal.aborted ? (signal.reason as JobStop) : undefined;
    if (stop?.why === 'lost') return undefined;
    if (stop?.why === 'cancelled' || (e instanceof StoreError && e.code === 'CANCELLED'))
      return { status: 'cancelled', message: 'cancelled; nothing of it was kept' };
    if (stop?.why === 'shutdown')
      return {
        status: 'failed',
        error: {
          code: JOB_INTERRUPTED,
          message: 'the server stopped while the job ran; nothing of it was kept: retry it',
          details: { worker: this.workerId },
          retryable: true,
        },
      };
    let error: JobError;
    if (e instanceof JobFailure)
      error = { code: e.code, message: e.message, details: e.details, retryable: e.retryable };
    else if (isCoded(e))
      error = {
        code: e.code,
        message: e.message,
        details: {},
        // a database that cannot be reached may be back later; bad input stays bad
        retryable: e.code === 'CONNECTION_FAILED',
      };
    else {
      this.logger.error(`job ${job.id} (${job.kind}) failed: ${(e as Error)?.message ?? String(e)}`, {
        jobId: job.id,
        kind: job.kind,
        stack: (e as Error)?.stack,
      });
      error = {
        code: 'INTERNAL',
        message: 'an unexpected error stopped the job; it has been logged',
        details: {},
        retryable: true,
      };
    }
    return { status: 'failed', error };
  }
}
