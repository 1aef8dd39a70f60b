import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { calculationResults, jobs, productModels } from '@opencfp/store';
import { SIGNED_IN } from '../authenticate.js';
import type { JobUpdates } from '../jobs/job-updates.js';
import { ServerError } from '../errors.js';
import { MODEL_CALCULATION, MONTE_CARLO, MonteCarloOutput, MonteCarloRequest } from '../jobs/model-jobs.js';
import { actorId, orgAccess, principalOf } from '../org-access.js';
import { createRouter, defineRoute, type AppEnv } from '../routing.js';
import { CalculationRequest } from './calculations.js';
import { JobSchema, toJobJson } from './jobs.js';
import { OrgParams } from './schemas.js';

const ModelJobRequest = z
  .discriminatedUnion('kind', [
    CalculationRequest.extend({ kind: z.literal('calculation') }),
    MonteCarloRequest.extend({ kind: z.literal('monte-carlo') }),
  ])
  .openapi('ModelJobRequest', {
    description:
      "'calculation': as POST …/calculations, in the background (output `{ resultId, reused }`); 'monte-carlo': " +
      'a seeded Monte Carlo run (output: mean, sd, percentiles, histogram — docs/product-models.md)',
  });

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

/** A succeeded Monte Carlo job: the job with its typed output. */
const MonteCarloJob = JobSchema.extend({
  kind: z.literal(MONTE_CARLO),
  status: z.literal('succeeded'),
  output: MonteCarloOutput,
}).openapi('MonteCarloJob');

/**
 * `POST /v1/orgs/{orgId}/models/{id}/jobs` (editor): a calculation or a Monte Carlo run of a model as a background
 * job, followed with GET …/jobs/{jobId}/events like any job.
 */
export function modelJobsRouter(updates: JobUpdates): OpenAPIHono<AppEnv> {
  const router = createRouter();
  router.openapi(
    defineRoute({
      method: 'post',
      path: '/orgs/{orgId}/models/{id}/jobs',
      tags: ['calculations'],
      summary: 'Calculate a model, or run Monte Carlo on it, as a background job (editor)',
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
          kind: kind === 'calculation' ? MODEL_CALCULATION : MONTE_CARLO,
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

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/orgs/{orgId}/calculations/{resultId}/monte-carlo',
      tags: ['calculations'],
      summary: 'The latest Monte Carlo run of a result (viewer)',
      description:
        "The newest succeeded 'monte-carlo' job whose inputs are the result's — the same model document, " +
        'background version and options (its output names the `inputsHash` of the result) — whenever it ran, ' +
        'before or after the result was stored. None yet is 404 NOT_FOUND (`details.inputsHash`): run one with ' +
        "POST …/models/{id}/jobs `{ kind: 'monte-carlo', …the result's request }` on the model version calculated.",
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: { params: ResultParams },
      responses: {
        200: {
          description: 'The Monte Carlo job with its distribution',
          content: { 'application/json': { schema: MonteCarloJob } },
        },
      },
    }),
    async (c) => {
      const { organisationId } = principalOf(c);
      const { resultId } = c.req.valid('param');
      // The result's identity only (not its document): another tenant's or an unknown one is 404.
      const result = await calculationResults.getText(c.var.store, organisationId, resultId, {});
      const [run] = await jobs.list(c.var.store, organisationId, {
        kind: MONTE_CARLO,
        status: 'succeeded',
        modelId: result.modelId,
        inputsHash: result.inputsHash,
        limit: 1,
      });
      if (!run)
        throw new ServerError(
          'NOT_FOUND',
          `no Monte Carlo run of result '${resultId}' yet: run one on model '${result.modelId}' (version ${result.modelVersion}) with the result's options`,
          { details: { resultId, modelId: result.modelId, inputsHash: result.inputsHash } },
        );
      const json = toJobJson(run);
      // The output as the job wrote it (monteCarloJob: a MonteCarloOutput, as the inputs hash it matched shows).
      return c.json(
        {
          ...json,
          kind: 'monte-carlo' as const,
          status: 'succeeded' as const,
          output: json.output as MonteCarloOutput,
        },
        200,
      );
    },
  );
  return router;
}
