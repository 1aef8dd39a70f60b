import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { FINISHED_JOB_STATUSES, jobs, type Job } from '@opencfp/store';
import { streamSSE } from 'hono/streaming';
import { SIGNED_IN } from '../authenticate.js';
import type { JobProgress, JobUpdates } from '../jobs/job-updates.js';
import { MethodChoicesOutput, SensitivityOutput } from '../jobs/model-analysis-jobs.js';
import { MonteCarloOutput } from '../jobs/model-jobs.js';
import { actorId, orgAccess, principalOf } from '../org-access.js';
import { createRouter, defineRoute, type AppEnv } from '../routing.js';
import { Instant, OrgParams } from './schemas.js';

/** How often an event stream reads its job from the database (changes made by another instance). */
export const EVENTS_POLL_MS = 250;
/** An event stream that has sent nothing for this long sends a comment, so proxies keep it open. */
const KEEP_ALIVE_MS = 15_000;

const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;

const JobErrorSchema = z
  .object({
    code: z.string().openapi({ example: 'JOB_INTERRUPTED' }),
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
    retryable: z
      .boolean()
      .openapi({ description: 'whether the same input may succeed when retried (false for bad input)' }),
  })
  .openapi('JobError');

/** A job as the API shows it (without its worker's host name). */
export const JobSchema = z
  .object({
    id: z.string(),
    organisationId: z.string().nullable(),
    kind: z.string().openapi({ example: 'database-import' }),
    status: z.enum(JOB_STATUSES).openapi({
      description: 'queued → running → succeeded | failed | cancelled; queued → cancelled',
    }),
    progress: z.number().min(0).max(1),
    message: z.string().nullable().openapi({ example: 'writing processes' }),
    input: z.record(z.string(), z.unknown()),
    output: z
      .union([MonteCarloOutput, SensitivityOutput, MethodChoicesOutput, z.record(z.string(), z.unknown())])
      .nullable()
      .openapi({
        description:
          "what a succeeded job made: MonteCarloOutput of a 'monte-carlo' job, SensitivityOutput of a " +
          "'sensitivity' job, MethodChoicesOutput of a 'method-choices' job; { resultId, reused, modelVersion } " +
          "of a 'model-calculation'; e.g. { versionId, stats, issueCount } of an import",
      }),
    error: JobErrorSchema.nullable(),
    attempts: z.number().int().nonnegative().openapi({ description: 'how many times a worker started it' }),
    cancelRequested: z.boolean(),
    retryOf: z.string().nullable().openapi({ description: 'the failed or cancelled job this one retries' }),
    createdBy: z.string().nullable(),
    createdAt: Instant,
    startedAt: Instant.nullable(),
    finishedAt: Instant.nullable(),
  })
  .openapi('Job');

const JobList = z.object({ jobs: z.array(JobSchema) }).openapi('JobList');

const JobParams = OrgParams.extend({
  jobId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'jobId', in: 'path' }, description: 'the job id' }),
});

const ListQuery = z.object({
  status: z.enum(JOB_STATUSES).optional(),
  kind: z
    .enum(['database-import', 'model-calculation', 'monte-carlo', 'sensitivity', 'method-choices'])
    .optional()
    .openapi({ example: 'database-import', description: 'one kind of job (docs/server.md, Jobs)' }),
  modelId: z.string().min(1).max(100).optional().openapi({
    description:
      "the jobs of one product model (calculations, Monte Carlo, sensitivity and method-choices runs: their input's modelId)",
  }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** A job as JSON (instants as ISO text). */
export const toJobJson = (job: Job) => ({
  id: job.id,
  organisationId: job.organisationId,
  kind: job.kind,
  status: job.status,
  progress: job.progress,
  message: job.message,
  input: job.input,
  output: job.output,
  error: job.error,
  attempts: job.attempts,
  cancelRequested: job.cancelRequested,
  retryOf: job.retryOf,
  createdBy: job.createdBy,
  createdAt: job.createdAt.toISOString(),
  startedAt: job.startedAt?.toISOString() ?? null,
  finishedAt: job.finishedAt?.toISOString() ?? null,
});

type JobJson = ReturnType<typeof toJobJson>;

const finished = (job: { status: Job['status'] }) => FINISHED_JOB_STATUSES.includes(job.status);

/** The job with what its runner on this instance knows now, or as read from the database. */
const withLive = (job: JobJson, live: JobProgress): JobJson => ({
  ...job,
  status: live.status,
  progress: live.progress,
  message: live.message,
  cancelRequested: live.cancelRequested,
});

const moved = (a: JobJson, b: JobJson) =>
  a.status !== b.status ||
  a.progress !== b.progress ||
  a.message !== b.message ||
  a.cancelRequested !== b.cancelRequested;

const jobResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: JobSchema } },
});

/**
 * The background jobs of an organisation (imports, calculations, Monte Carlo runs), mounted under `/v1`: list and
 * read (viewer), cancel and retry (editor), and follow one as server-sent events (viewer). Another organisation's
 * job is 404. `updates` is the instance's in-process channel to its job runner (a cancel reaches the runner at
 * once; events follow a local job without reading the database).
 */
export function jobsRouter(updates: JobUpdates): OpenAPIHono<AppEnv> {
  const router = createRouter();

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/orgs/{orgId}/jobs',
      tags: ['jobs'],
      summary: "The organisation's jobs, newest first (viewer)",
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: { params: OrgParams, query: ListQuery },
      responses: { 200: { description: 'The jobs', content: { 'application/json': { schema: JobList } } } },
    }),
    async (c) => {
      const list = await jobs.list(c.var.store, principalOf(c).organisationId, c.req.valid('query'));
      return c.json({ jobs: list.map(toJobJson) }, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/orgs/{orgId}/jobs/{jobId}',
      tags: ['jobs'],
      summary: 'One job: status, progress, output or error (viewer)',
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: { params: JobParams },
      responses: { 200: jobResponse('The job') },
    }),
    async (c) => {
      const job = await jobs.get(c.var.store, principalOf(c).organisationId, c.req.valid('param').jobId);
      const live = updates.local(job.id);
      const json = toJobJson(job);
      return c.json(live && !finished(job) ? withLive(json, live) : json, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/orgs/{orgId}/jobs/{jobId}/cancel',
      tags: ['jobs'],
      summary: 'Cancel a job (editor)',
      description:
        'A queued job is cancelled at once; a running one gets `cancelRequested` and stops at its next check ' +
        '(its transaction rolls back: nothing of it is kept), then it is `cancelled`. Cancelling a cancelled job ' +
        'changes nothing; a job that succeeded or failed is 409 CONFLICT.',
      security: SIGNED_IN,
      middleware: [orgAccess('editor')],
      request: { params: JobParams },
      responses: { 200: jobResponse('The job after the request') },
    }),
    async (c) => {
      const principal = principalOf(c);
      const job = await jobs.requestCancel(
        c.var.store,
        principal.organisationId,
        c.req.valid('param').jobId,
        {
          userId: principal.userId,
          actorId: actorId(principal),
        },
      );
      if (job.status === 'running') updates.cancel(job.id);
      return c.json(toJobJson(job), 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/orgs/{orgId}/jobs/{jobId}/retry',
      tags: ['jobs'],
      summary: 'Run a failed or cancelled job again, as a new job (editor)',
      description:
        'Queues a new job with the same kind and input (`retryOf` names this one) and answers it, 202 with its ' +
        '`Location`. Only a failed or cancelled job can be retried, and only once (retry the newest of a chain): ' +
        'anything else is 409 CONFLICT (`details.status`, `details.retriedAs`).',
      security: SIGNED_IN,
      middleware: [orgAccess('editor')],
      request: { params: JobParams },
      responses: { 202: jobResponse('The new, queued job') },
    }),
    async (c) => {
      const principal = principalOf(c);
      const job = await jobs.retry(c.var.store, principal.organisationId, c.req.valid('param').jobId, {
        userId: principal.userId,
        actorId: actorId(principal),
      });
      updates.queued();
      c.header('Location', `/v1/orgs/${principal.organisationId}/jobs/${job.id}`);
      return c.json(toJobJson(job), 202);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/orgs/{orgId}/jobs/{jobId}/events',
      tags: ['jobs'],
      summary: 'Follow a job as server-sent events (viewer)',
      description:
        'A `text/event-stream`: `event: state` with the job (JSON, as GET …/jobs/{jobId}) at once, then ' +
        '`event: progress` with the job each time its status, progress, message or cancel request changes, and a ' +
        'last `event: done` with the finished job (succeeded with `output`, failed with `error`, or cancelled); ' +
        'then the stream ends. Each event has an increasing `id`. A comment line is sent when nothing happened ' +
        'for 15 s. Works whichever instance runs the job (the database is read every 250 ms).',
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: { params: JobParams },
      responses: {
        200: {
          description: 'The events of the job until it ends',
          content: {
            'text/event-stream': {
              schema: z.string().openapi({
                example:
                  'event: state\ndata: {"id":"…","status":"running","progress":0.2,…}\nid: 1\n\n' +
                  'event: done\ndata: {"id":"…","status":"succeeded","output":{"versionId":"…"},…}\nid: 7\n\n',
              }),
            },
          },
        },
      },
    }),
    async (c) => {
      const organisationId = principalOf(c).organisationId;
      const store = c.var.store;
      const logger = c.var.logger;
      const requestId = c.var.requestId;
      // Read before streaming: an unknown job is a 404 with a JSON body, like everywhere else.
      const first = await jobs.get(store, organisationId, c.req.valid('param').jobId);
      const closed = c.req.raw.signal;
      c.header('X-Accel-Buffering', 'no');
      return streamSSE(c, async (stream) => {
        let sequence = 0;
        const send = (event: 'state' | 'progress' | 'done', job: JobJson) =>
          stream.writeSSE({ event, data: JSON.stringify(job), id: String(++sequence) });
        try {
          const live = updates.local(first.id);
          let current = live && !finished(first) ? withLive(toJobJson(first), live) : toJobJson(first);
          await send('state', current);
          let quietSince = Date.now();
          while (!finished(current)) {
            if (closed.aborted || stream.aborted || updates.isClosed) return;
            await updates.wait(first.id, EVENTS_POLL_MS, closed);
            if (closed.aborted || stream.aborted || updates.isClosed) return;
            const local = updates.local(first.id);
            // While this instance runs the job, its runner knows the latest; otherwise the database does.
            const next = local
              ? withLive(current, local)
              : toJobJson(await jobs.get(store, organisationId, first.id));
            if (finished(next)) {
              await send('done', next);
              return;
            }
            if (moved(current, next)) {
              await send('progress', next);
              quietSince = Date.now();
            } else if (Date.now() - quietSince >= KEEP_ALIVE_MS) {
              await stream.write(': keep-alive\n\n');
              quietSince = Date.now();
            }
            current = next;
          }
          await send('done', current);
        } catch (e) {
          if (closed.aborted || stream.aborted) return;
          logger.error(`the event stream of job ${first.id} failed: ${(e as Error).message}`, {
            requestId,
            stack: (e as Error).stack,
          });
          await stream
            .writeSSE({
              event: 'error',
              data: JSON.stringify({
                code: 'INTERNAL',
                message: 'the event stream failed; read the job again',
                details: { requestId },
              }),
            })
            .catch(() => undefined);
        }
      });
    },
  );

  return router;
}
