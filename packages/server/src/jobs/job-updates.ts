import { EventEmitter } from 'node:events';
import type { JobStatus } from '@opencfp/store';

/** The moving part of a job, as its worker knows it between writes to the database. */
export interface JobProgress {
  id: string;
  status: JobStatus;
  progress: number;
  message: string | null;
  cancelRequested: boolean;
}

/**
 * In-process news about jobs, between the API routes and the job runner of one server instance. It is only an
 * optimisation on top of the database, which stays the truth that every instance shares:
 *
 * - the runner publishes each job's progress here as it happens, so event streams on this instance follow it at
 *   once, without reading the database — on PGlite, a single connection that an import's transaction holds for its
 *   whole length, that is the only way to see progress while the import writes;
 * - a cancel request received by this instance reaches the local runner at once instead of at its next heartbeat;
 * - a job queued by this instance wakes the local runner instead of waiting for its next poll.
 *
 * @example
 * const updates = new JobUpdates();
 * const app = createApp({ store, config, jobUpdates: updates });
 * const runner = new JobRunner({ store, logger, updates, ...config.jobs });
 */
export class JobUpdates {
  private readonly events = new EventEmitter();
  private readonly live = new Map<string, JobProgress>();
  private closed = false;

  constructor() {
    // one listener per open event stream: any number of them is normal
    this.events.setMaxListeners(0);
  }

  /** The runner: the latest state of a job it runs. */
  publish(update: JobProgress): void {
    this.live.set(update.id, update);
    this.events.emit(`job:${update.id}`);
  }

  /** The runner is done with the job: from now on its state is the database's. */
  release(id: string): void {
    this.live.delete(id);
    this.events.emit(`job:${id}`);
  }

  /** The latest state of a job this instance runs; undefined when it runs elsewhere or has ended. */
  local(id: string): JobProgress | undefined {
    return this.live.get(id);
  }

  /**
   * Resolves at the job's next change on this instance, after `ms` at the latest (for changes made elsewhere),
   * or at once when `signal` aborts or these updates are closed.
   */
  wait(id: string, ms: number, signal?: AbortSignal): Promise<void> {
    if (this.closed || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.events.off(`job:${id}`, done);
        this.events.off('close', done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.events.on(`job:${id}`, done);
      this.events.on('close', done);
      signal?.addEventListener('abort', done);
    });
  }

  /** A cancel request for a job, received here: the local runner stops the job at once if it runs it. */
  cancel(id: string): void {
    this.events.emit('cancel', id);
  }

  /** Calls `listener` with the id of each job whose cancel this instance received; returns the unsubscribe. */
  onCancel(listener: (id: string) => void): () => void {
    this.events.on('cancel', listener);
    return () => this.events.off('cancel', listener);
  }

  /** A job was queued here: the local runner looks for work at once. */
  queued(): void {
    this.events.emit('queued');
  }

  onQueued(listener: () => void): () => void {
    this.events.on('queued', listener);
    return () => this.events.off('queued', listener);
  }

  /** The server is stopping: waiting streams end. */
  close(): void {
    this.closed = true;
    this.events.emit('close');
  }

  get isClosed(): boolean {
    return this.closed;
  }
}
