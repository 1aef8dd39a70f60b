import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { jobs, productModels } from '@opencfp/store';
import { SIGNED_IN } from '../authenticate.js';
import type { JobUpdates } from '../jobs/job-updates.js';
import { MODEL_CALCULATION, MONTE_CARLO, MonteCarloRequest } from '../jobs/model-jobs.js';
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
  return router;
}
