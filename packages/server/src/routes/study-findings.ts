import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { studies, type Study } from '@opencfp/store';
import { SIGNED_IN } from '../authenticate.js';
import { ServerError } from '../errors.js';
import { orgAccess, principalOf } from '../org-access.js';
import { createRouter, defineRoute, type AppEnv } from '../routing.js';
import {
  FindingAnswer,
  FindingChangeSchema,
  FindingParams,
  FindingSchema,
  NewFinding,
  StudyParams,
  findingJson,
  studyActor,
  studyJson,
} from './study-schemas.js';
import { ETAG_HEADER, etag } from './versions.js';

const TAG = ['studies'];

/** The value at a JSON pointer (RFC 6901) in `document`, or `undefined` when there is none. */
export function atPointer(document: unknown, pointer: string): { found: boolean; value?: unknown } {
  if (pointer === '') return { found: true, value: document };
  let node: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(key) || Number(key) >= node.length) return { found: false };
      node = node[Number(key)];
    } else if (node !== null && typeof node === 'object' && Object.hasOwn(node, key)) {
      node = (node as Record<string, unknown>)[key];
    } else return { found: false };
  }
  return { found: true, value: node };
}

/**
 * Findings on a study, mounted under `/v1`: its invited verifier raises them on items of the model as submitted,
 * of its result or of the study (a JSON pointer) and closes them; the practitioner's editors answer them. Both
 * sides read them.
 */
export function studyFindingsRouter(): OpenAPIHono<AppEnv> {
  const router = createRouter();

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/orgs/{orgId}/studies/{id}/findings',
      tags: TAG,
      summary: 'The findings on a study, oldest first (viewer; its verifier too)',
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: { params: StudyParams },
      responses: {
        200: {
          description: 'The findings',
          content: {
            'application/json': {
              schema: z.object({ findings: z.array(FindingSchema) }).openapi('StudyFindingList'),
            },
          },
        },
      },
    }),
    async (c) => {
      const list = await studies.findings(c.var.store, studyActor(principalOf(c)), c.req.valid('param').id);
      return c.json({ findings: list.map(findingJson) }, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/orgs/{orgId}/studies/{id}/findings',
      tags: TAG,
      summary: 'Raise a finding on an item of the study (the invited verifier)',
      description:
        '`itemPath` is a JSON pointer into the model as submitted (`/model/processes/0/inputs/2`), its result’s ' +
        'footprint (`/result/split/fossilEmissions`) or the study (`/study/declarations`); empty for the study as a ' +
        'whole. It must point at something (400 otherwise). The study becomes findings-raised.',
      security: SIGNED_IN,
      middleware: [orgAccess('verifier')],
      request: {
        params: StudyParams,
        body: { required: true, content: { 'application/json': { schema: NewFinding } } },
      },
      responses: {
        201: {
          description: 'Raised',
          headers: ETAG_HEADER,
          content: { 'application/json': { schema: FindingChangeSchema } },
        },
      },
    }),
    async (c) => {
      const actor = studyActor(principalOf(c));
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const [root] = body.itemPath.split('/').slice(1, 2);
      if (root === 'model' || root === 'result' || root === 'study') {
        const view = await itemRoots(c.var.store, actor, id, root);
        const rest = body.itemPath.slice(root.length + 1);
        if (!atPointer(view, rest).found)
          throw new ServerError(
            'VALIDATION_FAILED',
            `the request is not valid: body.itemPath: nothing at ${body.itemPath} in the ${root === 'study' ? 'study' : `${root} as submitted`}`,
            {
              details: {
                issues: [
                  {
                    location: 'body',
                    path: ['itemPath'],
                    message: `nothing at ${body.itemPath}`,
                    code: 'custom',
                  },
                ],
              },
            },
          );
      }
      const { study, finding } = await studies.raiseFinding(c.var.store, actor, id, body);
      c.header('ETag', etag(study.version));
      c.header('Location', `/v1/orgs/${actor.organisationId}/studies/${id}/findings`);
      return c.json({ study: studyJson(study), finding: findingJson(finding) }, 201);
    },
  );

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/orgs/{orgId}/studies/{id}/findings/{findingId}/answers',
      tags: TAG,
      summary: 'Answer a finding (editor of the study’s organisation)',
      description:
        'During the verification; a closed finding takes no answers. Once no finding is open, the study is ' +
        'findings-answered.',
      security: SIGNED_IN,
      middleware: [orgAccess('editor')],
      request: {
        params: FindingParams,
        body: { required: true, content: { 'application/json': { schema: FindingAnswer } } },
      },
      responses: {
        200: {
          description: 'Answered',
          headers: ETAG_HEADER,
          content: { 'application/json': { schema: FindingChangeSchema } },
        },
      },
    }),
    async (c) => {
      const { id, findingId } = c.req.valid('param');
      const { study, finding } = await studies.answerFinding(
        c.var.store,
        studyActor(principalOf(c)),
        id,
        findingId,
        c.req.valid('json'),
      );
      c.header('ETag', etag(study.version));
      return c.json({ study: studyJson(study), finding: findingJson(finding) }, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/orgs/{orgId}/studies/{id}/findings/{findingId}/close',
      tags: TAG,
      summary: 'Close a finding (the invited verifier)',
      security: SIGNED_IN,
      middleware: [orgAccess('verifier')],
      request: { params: FindingParams },
      responses: {
        200: {
          description: 'Closed',
          headers: ETAG_HEADER,
          content: { 'application/json': { schema: FindingChangeSchema } },
        },
      },
    }),
    async (c) => {
      const { id, findingId } = c.req.valid('param');
      const { study, finding } = await studies.closeFinding(
        c.var.store,
        studyActor(principalOf(c)),
        id,
        findingId,
      );
      c.header('ETag', etag(study.version));
      return c.json({ study: studyJson(study), finding: findingJson(finding) }, 200);
    },
  );

  return router;
}

/** The document an item path's first segment names: the model as submitted, its result's footprint, the study. */
async function itemRoots(
  store: Parameters<typeof studies.submission>[0],
  actor: Parameters<typeof studies.submission>[1],
  id: string,
  root: 'model' | 'result' | 'study',
): Promise<unknown> {
  if (root === 'study') return studyJson((await studies.get(store, actor, id)) as Study);
  const { result, model } = await studies.submission(store, actor, id);
  const stored = result.result as { model?: unknown; footprint: unknown };
  return root === 'result' ? stored.footprint : (stored.model ?? model.model);
}
