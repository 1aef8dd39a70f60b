import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { studies } from '@opencfp/store';
import { SIGNED_IN } from '../authenticate.js';
import { orgAccess, principalOf } from '../org-access.js';
import { createRouter, defineRoute, type AppEnv } from '../routing.js';
import { checkStudyCompliance } from '../statements/study-compliance.js';
import { Instant } from './schemas.js';
import { StudyParams, studyActor, verificationOf } from './study-schemas.js';
import { currentInputsHash } from './studies.js';

const TAG = ['studies'];

const Verification = z.object({ mode: z.enum(['self-declared', 'third-party']), label: z.string() });

const SubmittedModel = z
  .object({
    studyId: z.string(),
    verification: Verification,
    resultId: z.string(),
    modelId: z.string(),
    modelVersion: z
      .number()
      .int()
      .openapi({ description: 'the version of the model the result was calculated from' }),
    backgroundVersionId: z.string().nullable(),
    request: z
      .record(z.string(), z.unknown())
      .openapi({ description: 'the calculation options of the result' }),
    inputsHash: z.string(),
    model: z
      .record(z.string(), z.unknown())
      .nullable()
      .openapi({ description: 'the model document as calculated (null for results that kept none)' }),
    current: z
      .object({
        version: z.number().int(),
        inputsHash: z.string(),
        changed: z
          .boolean()
          .openapi({ description: 'the model was saved since: it no longer gives the result' }),
      })
      .openapi({ description: 'the model as saved now' }),
  })
  .openapi('StudyModelView', { description: 'the model a study reports, read-only (for its verifier too)' });

const SubmittedResult = z
  .object({
    studyId: z.string(),
    verification: Verification,
    id: z.string(),
    modelId: z.string(),
    modelVersion: z.number().int(),
    inputsHash: z.string(),
    createdAt: Instant,
    request: z.record(z.string(), z.unknown()),
    total: z.number(),
    footprint: z.looseObject({}).openapi({ description: 'as GET …/calculations/{resultId} answers it' }),
  })
  .openapi('StudyResultView', { description: 'the calculation result a study reports, read-only' });

const Compliance = z
  .object({
    studyId: z.string(),
    verification: Verification,
    ruleSetId: z.string(),
    ruleSetVersion: z.string(),
    blocksPublication: z.boolean(),
    counts: z.object({
      met: z.number().int(),
      notMet: z.number().int(),
      notApplicable: z.number().int(),
      needsEvidence: z.number().int(),
    }),
    unmet: z
      .array(z.looseObject({ requirementId: z.string(), clause: z.string(), message: z.string() }))
      .openapi({ description: 'the mandatory requirements not met, each with what to fix' }),
    findings: z
      .array(z.looseObject({ requirementId: z.string(), status: z.string() }))
      .openapi({ description: 'every requirement: met, not-met, not-applicable or needs-evidence' }),
  })
  .openapi('StudyCompliance');

/**
 * Read-only views of what a study reports, mounted under `/v1`, for its organisation and for its invited verifier
 * and certification body: the model as calculated for the submitted result (and whether it was saved since), the
 * result, and the compliance check against the rule set.
 */
export function studyViewsRouter(): OpenAPIHono<AppEnv> {
  const router = createRouter();

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/orgs/{orgId}/studies/{id}/model',
      tags: TAG,
      summary: 'The model the study reports, read-only (viewer; its verifier too)',
      description:
        'The model document as calculated for the study’s result, with the options and inputs hash, and whether ' +
        'the model was saved since (then it must be calculated and submitted again before verification). 404 while ' +
        'the study names no result.',
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: { params: StudyParams },
      responses: {
        200: { description: 'The model', content: { 'application/json': { schema: SubmittedModel } } },
      },
    }),
    async (c) => {
      const { study, result, model } = await studies.submission(
        c.var.store,
        studyActor(principalOf(c)),
        c.req.valid('param').id,
      );
      const stored = result.result as { request: Record<string, unknown>; model?: Record<string, unknown> };
      const now = currentInputsHash(model, result);
      return c.json(
        {
          studyId: study.id,
          verification: verificationOf(study),
          resultId: result.id,
          modelId: result.modelId,
          modelVersion: result.modelVersion,
          backgroundVersionId:
            (result.result as { footprint: { backgroundVersionId?: string | null } }).footprint
              .backgroundVersionId ?? null,
          request: stored.request,
          inputsHash: result.inputsHash,
          model: stored.model ?? null,
          current: { version: model.version, inputsHash: now, changed: now !== result.inputsHash },
        },
        200,
      );
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/orgs/{orgId}/studies/{id}/result',
      tags: TAG,
      summary: 'The calculation result the study reports, read-only (viewer; its verifier too)',
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: { params: StudyParams },
      responses: {
        200: { description: 'The result', content: { 'application/json': { schema: SubmittedResult } } },
      },
    }),
    async (c) => {
      const { study, result } = await studies.submission(
        c.var.store,
        studyActor(principalOf(c)),
        c.req.valid('param').id,
      );
      const stored = result.result as {
        request: Record<string, unknown>;
        footprint: { split: { total: number } } & Record<string, unknown>;
      };
      // Immutable, like the result itself.
      c.header('Cache-Control', 'private, max-age=31536000, immutable');
      return c.json(
        {
          studyId: study.id,
          verification: verificationOf(study),
          id: result.id,
          modelId: result.modelId,
          modelVersion: result.modelVersion,
          inputsHash: result.inputsHash,
          createdAt: result.createdAt.toISOString(),
          request: stored.request,
          total: stored.footprint.split.total,
          footprint: stored.footprint,
        },
        200,
      );
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/orgs/{orgId}/studies/{id}/compliance',
      tags: TAG,
      summary: 'The study checked against its rule set now (viewer; its verifier too)',
      description:
        'Every requirement of the rule set met, not met, not applicable or needing evidence, with the evidence and ' +
        'what to fix; `blocksPublication` when a mandatory one is not met (publication then answers 422 ' +
        'PUBLICATION_BLOCKED). 404 while the study names no result.',
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: { params: StudyParams },
      responses: {
        200: { description: 'The compliance', content: { 'application/json': { schema: Compliance } } },
      },
    }),
    async (c) => {
      const { study, result } = await studies.submission(
        c.var.store,
        studyActor(principalOf(c)),
        c.req.valid('param').id,
      );
      const outcome = checkStudyCompliance({ study, result });
      return c.json(
        {
          studyId: study.id,
          verification: verificationOf(study),
          ruleSetId: outcome.report.ruleSetId,
          ruleSetVersion: outcome.report.ruleSetVersion,
          blocksPublication: outcome.blocksPublication,
          counts: outcome.counts,
          unmet: outcome.unmet,
          findings: outcome.report.findings as unknown as { requirementId: string; status: string }[],
        },
        200,
      );
    },
  );

  return router;
}
