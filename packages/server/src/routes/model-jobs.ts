import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { calculationResults, jobs, productModels, type Job, type Store } from '@opencfp/store';
import { SIGNED_IN } from '../authenticate.js';
import type { JobUpdates } from '../jobs/job-updates.js';
import { ServerError } from '../errors.js';
import {
  METHOD_CHOICES,
  MethodChoicesOutput,
  MethodChoicesRequest,
  SENSITIVITY,
  SensitivityOutput,
  SensitivityRequest,
} from '../jobs/model-analysis-jobs.js';
import {
  MODEL_CALCULATION,
  MONTE_CARLO,
  MonteCarloOutput,
  MonteCarloRequest,
  checkWorkers,
} from '../jobs/model-jobs.js';
import { actorId, orgAccess, principalOf } from '../org-access.js';
import { createRouter, defineRoute, type AppEnv } from '../routing.js';
import { CalculationRequest } from './calculations.js';
import { JobSchema, toJobJson } from './jobs.js';
import { OrgParams } from './schemas.js';

const ModelJobRequest = z
  .discriminatedUnion('kind', [
    CalculationRequest.extend({ kind: z.literal('calculation') }),
    MonteCarloRequest.extend({ kind: z.literal('monte-carlo') }).superRefine(checkWorkers),
    SensitivityRequest.extend({ kind: z.literal('sensitivity') }),
    MethodChoicesRequest.extend({ kind: z.literal('method-choices') }),
  ])
  .openapi('ModelJobRequest', {
    description:
      "'calculation': as POST …/calculations, in the background (output `{ resultId, reused }`); 'monte-carlo': " +
      'a seeded Monte Carlo run (output MonteCarloOutput: mean, sd, percentiles, histogram, contribution to ' +
      "variance — docs/uncertainty.md); 'sensitivity': one parameter at a time (output SensitivityOutput: tornado " +
      "data); 'method-choices': the total under each alternative method choice (output MethodChoicesOutput). Every " +
      'analysis runs on the model as saved now with the calculation options given, and is linked to the result of ' +
      'the same inputs (GET …/calculations/{resultId}/monte-carlo, /sensitivity, /method-choices).',
  });

/** The job kind each request kind queues. */
const JOB_KINDS = {
  calculation: MODEL_CALCULATION,
  'monte-carlo': MONTE_CARLO,
  sensitivity: SENSITIVITY,
  'method-choices': METHOD_CHOICES,
} as const;

const ModelParams = OrgParams.extend({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' }, description: 'the model id' }),
});

const ResultParams = OrgParams.extend({
  resultId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'resultId', in: 'path' }, description: 'a calculation result id' }),
});

/** A succeeded job of one analysis kind: the job with its typed output. */
const analysisJob = <K extends string, O extends z.ZodType>(kind: K, output: O, name: string) =>
  JobSchema.extend({ kind: z.literal(kind), status: z.literal('succeeded'), output }).openapi(name);

const MonteCarloJob = analysisJob(MONTE_CARLO, MonteCarloOutput, 'MonteCarloJob');
const SensitivityJob = analysisJob(SENSITIVITY, SensitivityOutput, 'SensitivityJob');
const MethodChoicesJob = analysisJob(METHOD_CHOICES, MethodChoicesOutput, 'MethodChoicesJob');

/**
 * The newest succeeded job of `kind` whose output names the inputs hash of `result` (of its model), whenever it ran:
 * what describes that result. Undefined when there is none.
 *
 * @example const run = await latestAnalysis(store, orgId, 'monte-carlo', result);
 */
export async function latestAnalysis(
  store: Store,
  organisationId: string,
  kind: string,
  result: { modelId: string; inputsHash: string },
): Promise<Job | undefined> {
  const [run] = await jobs.list(store, organisationId, {
    kind,
    status: 'succeeded',
    modelId: result.modelId,
    inputsHash: result.inputsHash,
    limit: 1,
  });
  return run;
}

/**
 * A Monte Carlo output as the schema has it now: runs made before the output said whether the background was drawn
 * drew none (the job did not pass the option then).
 */
export function currentMonteCarloOutput(output: Record<string, unknown>): MonteCarloOutput {
  return {
    ...output,
    backgroundDrawn: output.backgroundDrawn ?? output.background !== undefined,
  } as MonteCarloOutput;
}

/**
 * `POST /v1/orgs/{orgId}/models/{id}/jobs` (editor): a calculation, a Monte Carlo run, a sensitivity run or the
 * method choices of a model as a background job, followed with GET …/jobs/{jobId}/events like any job; and the
 * newest analysis of each kind of a stored result (viewer).
 */
export function modelJobsRouter(updates: JobUpdates): OpenAPIHono<AppEnv> {
  const router = createRouter();
  router.openapi(
    defineRoute({
      method: 'post',
      path: '/orgs/{orgId}/models/{id}/jobs',
      tags: ['calculations'],
      summary:
        'Calculate a model, or run Monte Carlo, sensitivity or method choices on it, as a background job (editor)',
      security: SIGNED_IN,
      middleware: [orgAccess('editor')],
      request: {
        params: ModelParams,
        body: { required: true, content: { 'application/json': { schema: ModelJobRequest } } },
      },
      responses: {
        202: { description: 'Queued: the job', content: { 'application/json': { schema: JobSchema } } },
      },
    }),
    async (c) => {
      const principal = principalOf(c);
      const { id } = c.req.valid('param');
      const { kind, ...request } = c.req.valid('json');
      await productModels.get(c.var.store, principal.organisationId, id); // another tenant's model: 404
      const job = await jobs.enqueue(
        c.var.store,
        {
          organisationId: principal.organisationId,
          kind: JOB_KINDS[kind],
          input: {
            modelId: id,
            request,
            // A machine client has no user row: its token is recorded as the author of the result.
            author: { tokenId: principal.tokenId ?? null, actorId: actorId(principal) },
          },
        },
        { userId: principal.userId, actorId: actorId(principal) },
      );
      updates.queued();
      c.header('Location', `/v1/orgs/${principal.organisationId}/jobs/${job.id}`);
      return c.json(toJobJson(job), 202);
    },
  );

  /** `GET /orgs/{orgId}/calculations/{resultId}/<path>`: the newest succeeded job of `kind` of the result. */
  function latestRoute<S extends z.ZodType>(spec: {
    path: string;
    kind: string;
    what: string;
    schema: S;
    summary: string;
    output?: (output: Record<string, unknown>) => Record<string, unknown>;
  }) {
    router.openapi(
      defineRoute({
        method: 'get',
        path: `/orgs/{orgId}/calculations/{resultId}/${spec.path}`,
        tags: ['calculations'],
        summary: spec.summary,
        description:
          `The newest succeeded '${spec.kind}' job whose inputs are the result's — the same model document, ` +
          'background version and options (its output names the `inputsHash` of the result) — whenever it ran, ' +
          `before or after the result was stored. None yet is 404 NOT_FOUND (\`details.inputsHash\`): run one with ` +
          `POST …/models/{id}/jobs \`{ kind: '${spec.kind}', …the result's request }\` on the model version calculated.`,
        security: SIGNED_IN,
        middleware: [orgAccess('viewer')],
        request: { params: ResultParams },
        responses: {
          200: {
            description: `The job with its ${spec.what}`,
            content: { 'application/json': { schema: spec.schema } },
          },
        },
      }),
      async (c) => {
        const { organisationId } = principalOf(c);
        const { resultId } = c.req.valid('param');
        // The result's identity only (not its document): another tenant's or an unknown one is 404.
        const result = await calculationResults.getText(c.var.store, organisationId, resultId, {});
        const run = await latestAnalysis(c.var.store, organisationId, spec.kind, result);
        if (!run)
          throw new ServerError(
            'NOT_FOUND',
            `no ${spec.what} of result '${resultId}' yet: run one on model '${result.modelId}' (version ${result.modelVersion}) with the result's options`,
            { details: { resultId, modelId: result.modelId, inputsHash: result.inputsHash } },
          );
        const json = toJobJson(run);
        const output = (json.output ?? {}) as Record<string, unknown>;
        // The output as the job wrote it (the inputs hash it matched shows which handler wrote it).
        return c.json(
          { ...json, status: 'succeeded', output: spec.output ? spec.output(output) : output } as z.infer<S>,
          200,
        );
      },
    );
  }

  latestRoute({
    path: 'monte-carlo',
    kind: MONTE_CARLO,
    what: 'Monte Carlo run',
    schema: MonteCarloJob,
    summary: 'The latest Monte Carlo run of a result (viewer)',
    output: currentMonteCarloOutput,
  });
  latestRoute({
    path: 'sensitivity',
    kind: SENSITIVITY,
    what: 'sensitivity run',
    schema: SensitivityJob,
    summary: 'The latest one-at-a-time sensitivity run (tornado) of a result (viewer)',
  });
  latestRoute({
    path: 'method-choices',
    kind: METHOD_CHOICES,
    what: 'method-choices run',
    schema: MethodChoicesJob,
    summary: 'The latest totals under the alternative method choices of a result (viewer)',
  });
  return router;
}
