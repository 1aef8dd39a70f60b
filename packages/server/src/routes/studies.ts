import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { ruleSet } from '@opencfp/refdata';
import { studies, type CurrentInputsHash, type Role, type Study, type StudyActor } from '@opencfp/store';
import type { Context } from 'hono';
import { SIGNED_IN } from '../authenticate.js';
import { ServerError } from '../errors.js';
import { orgAccess, principalOf } from '../org-access.js';
import { requestOrigin } from '../request-origin.js';
import { createRouter, defineRoute, type AppEnv } from '../routing.js';
import type { SigningSecret } from '../signing-secret.js';
import { composeStatement } from '../statements/compose-statement.js';
import { checkStudyCompliance } from '../statements/study-compliance.js';
import { MODEL_ENGINE, calculationInputsHash, type CalculationRequest } from './calculations.js';
import { OrgParams } from './schemas.js';
import {
  Invitation,
  NewStudy,
  NoteRequest,
  ReasonRequest,
  StudyChange,
  StudyDetailSchema,
  StudyListSchema,
  StudyParams,
  StudySchema,
  StudyStateSchema,
  SubmitRequest,
  SuccessorRequest,
  eventJson,
  studyActor,
  studyJson,
} from './study-schemas.js';
import { ETAG_HEADER, IfMatch, etag, expectedVersion } from './versions.js';

/**
 * The inputs hash a result of the model would have now, with the options the result was calculated with: the
 * freeze compares it with the submitted result's.
 */
export const currentInputsHash: CurrentInputsHash = (model, result) =>
  calculationInputsHash(model, (result.result as { request: CalculationRequest }).request);

/** The base URL statements name their issuer by: the configured public URL, else the request's origin. */
export function publicBaseUrl(c: Context<AppEnv>): string {
  return c.var.config.publicUrl ?? requestOrigin(c);
}

const STUDY_TAG = ['studies'];

const studyResponse = (description: string) => ({
  200: {
    description,
    headers: ETAG_HEADER,
    content: { 'application/json': { schema: StudySchema } },
  },
});

/**
 * Studies and their verification workflow, mounted under `/v1` (docs/studies.md): the practitioner's editors
 * create, change, submit, invite a verifier, publish (a signed statement), withdraw and supersede; the invited
 * verifier starts the verification, verifies or rejects; an invited certification body certifies. Every
 * organisation-scoped path is the caller's own organisation's: a verifier reaches the studies it is invited to
 * through its own organisation's path (`relation: 'verifier'`), read-only beyond its side's actions (403), and
 * everyone else gets 404.
 */
export function studiesRouter(signingSecret: SigningSecret): OpenAPIHono<AppEnv> {
  const router = createRouter();

  /** A transition route: `POST /orgs/{orgId}/studies/{id}/<name>` answering the study as it is now. */
  function transition<B extends z.ZodType | undefined>(spec: {
    name: string;
    role: Role;
    summary: string;
    description: string;
    body?: B;
    bodyRequired?: boolean;
    run: (
      c: Context<AppEnv>,
      actor: StudyActor,
      id: string,
      body: B extends z.ZodType ? z.infer<B> : Record<string, never>,
    ) => Promise<Study>;
  }) {
    router.openapi(
      defineRoute({
        method: 'post',
        path: `/orgs/{orgId}/studies/{id}/${spec.name}`,
        tags: STUDY_TAG,
        summary: spec.summary,
        description: spec.description,
        security: SIGNED_IN,
        middleware: [orgAccess(spec.role)],
        request: {
          params: StudyParams,
          ...(spec.body
            ? {
                body: {
                  required: spec.bodyRequired ?? false,
                  content: { 'application/json': { schema: spec.body } },
                },
              }
            : {}),
        },
        responses: studyResponse('The study, as it is now'),
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        // The helper's routes differ in their body schema only; the route validated it as declared.
        const body: unknown = spec.body ? (c.req.valid('json' as never) ?? {}) : {};
        const study = await spec.run(c, studyActor(principalOf(c)), id, body as never);
        c.header('ETag', etag(study.version));
        return c.json(studyJson(study), 200);
      },
    );
  }

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/orgs/{orgId}/studies',
      tags: STUDY_TAG,
      summary: 'Create a study of a product model (editor)',
      description:
        'A draft study of the product of `modelId`, declaring its rule set (its version is the rule set’s), ' +
        'declared unit (default: the product’s), boundary and product type, and optionally the result it reports. ' +
        '`selfDeclared: true` publishes it without a third party, labelled so everywhere.',
      security: SIGNED_IN,
      middleware: [orgAccess('editor')],
      request: {
        params: OrgParams,
        body: { required: true, content: { 'application/json': { schema: NewStudy } } },
      },
      responses: {
        201: {
          description: 'Created (draft)',
          headers: ETAG_HEADER,
          content: { 'application/json': { schema: StudySchema } },
        },
      },
    }),
    async (c) => {
      const principal = principalOf(c);
      const input = c.req.valid('json');
      const study = await studies.create(c.var.store, studyActor(principal), {
        ...input,
        ruleSetVersion: ruleSet(input.ruleSetId).version,
      });
      c.header('ETag', etag(study.version));
      c.header('Location', `/v1/orgs/${principal.organisationId}/studies/${study.id}`);
      return c.json(studyJson(study), 201);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/orgs/{orgId}/studies',
      tags: STUDY_TAG,
      summary: 'The studies the organisation takes part in (viewer; invited ones for verifiers)',
      description:
        'Its own studies, and — for members with the verifier role or above — the studies it is invited to ' +
        'verify or certify (`relation`), newest first.',
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: {
        params: OrgParams,
        query: z.object({
          relation: z.enum(['practitioner', 'verifier', 'certification-body']).optional(),
          state: StudyStateSchema.optional(),
        }),
      },
      responses: {
        200: { description: 'The studies', content: { 'application/json': { schema: StudyListSchema } } },
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const list = await studies.list(c.var.store, studyActor(principalOf(c)), {
        relation: query.relation,
        state: query.state as Study['state'] | undefined,
      });
      return c.json({ studies: list.map(studyJson) }, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/orgs/{orgId}/studies/{id}',
      tags: STUDY_TAG,
      summary: 'One study with its history (viewer; its verifier and certification body too)',
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: { params: StudyParams },
      responses: {
        200: {
          description: 'The study and its history',
          headers: ETAG_HEADER,
          content: { 'application/json': { schema: StudyDetailSchema } },
        },
      },
    }),
    async (c) => {
      const actor = studyActor(principalOf(c));
      const { id } = c.req.valid('param');
      const study = await studies.get(c.var.store, actor, id);
      const history = await studies.history(c.var.store, actor, id);
      c.header('ETag', etag(study.version));
      return c.json({ ...studyJson(study), history: history.map(eventJson) }, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'patch',
      path: '/orgs/{orgId}/studies/{id}',
      tags: STUDY_TAG,
      summary: 'Change a draft (or rejected) study (editor); needs the version you read',
      description:
        'Send `If-Match: "<version>"` or `version` in the body. Only a draft or a rejected study changes (409 ' +
        'ILLEGAL_TRANSITION otherwise). Making it self-declared withdraws a verifier’s invitation.',
      security: SIGNED_IN,
      middleware: [orgAccess('editor')],
      request: {
        params: StudyParams,
        headers: IfMatch,
        body: { required: true, content: { 'application/json': { schema: StudyChange } } },
      },
      responses: studyResponse('Changed (the version is one more)'),
    }),
    async (c) => {
      const { version: bodyVersion, ...change } = c.req.valid('json');
      const version = expectedVersion(c.req.valid('header')['if-match'], bodyVersion);
      const study = await studies.update(
        c.var.store,
        studyActor(principalOf(c)),
        c.req.valid('param').id,
        version,
        {
          ...change,
          ...(change.ruleSetId === undefined ? {} : { ruleSetVersion: ruleSet(change.ruleSetId).version }),
        },
      );
      c.header('ETag', etag(study.version));
      return c.json(studyJson(study), 200);
    },
  );

  transition({
    name: 'submit',
    role: 'editor',
    summary: 'Submit the study with the result it reports (editor)',
    description:
      'draft or rejected → submitted. The result (`resultId`, or the one the study names) must be of the model as ' +
      'saved now: 409 INPUTS_CHANGED when the model was saved since (calculate again). Its inputs hash is recorded.',
    body: SubmitRequest,
    run: (c, actor, id, body) =>
      studies.submit(c.var.store, actor, id, { resultId: body.resultId, currentInputsHash }),
  });

  transition({
    name: 'invite-verifier',
    role: 'editor',
    summary: 'Invite a verifier (and optionally a certification body) (editor)',
    description:
      'Before the verification starts (draft or submitted): another organisation (id or slug) and one of its ' +
      'users with the verifier role or above (e-mail); 422 INVALID_REFERENCE when there is none. The verifier’s ' +
      'organisation then sees the study (read-only) through its own path.',
    body: Invitation,
    bodyRequired: true,
    run: (c, actor, id, body) =>
      studies.inviteVerifier(c.var.store, actor, id, {
        verifier: body.verifier,
        certificationBody: body.certificationBody,
      }),
  });

  transition({
    name: 'start-verification',
    role: 'verifier',
    summary: 'Start the verification (the invited verifier)',
    description: 'submitted → in-verification; only the user the study invited.',
    run: (c, actor, id) => studies.startVerification(c.var.store, actor, id),
  });

  transition({
    name: 'verify',
    role: 'verifier',
    summary: 'Verify the study (the invited verifier); freezes the hash of its inputs',
    description:
      'in-verification or findings-answered → verified, when no finding is open (answered ones are closed). The ' +
      'model must still give the submitted result: 409 INPUTS_CHANGED when it was saved since submission. The ' +
      'inputs hash is frozen as the verified version.',
    body: NoteRequest,
    run: (c, actor, id, body) =>
      studies.verify(c.var.store, actor, id, { currentInputsHash, note: body.note }),
  });

  transition({
    name: 'reject',
    role: 'verifier',
    summary: 'Reject the study, with the reason (the invited verifier)',
    description: 'in verification → rejected; the practitioner may change it and submit it again.',
    body: ReasonRequest,
    bodyRequired: true,
    run: (c, actor, id, body) => studies.reject(c.var.store, actor, id, { reason: body.reason }),
  });

  transition({
    name: 'certify',
    role: 'verifier',
    summary: 'Certify the verified study (the invited certification body)',
    description: 'verified → certified; only when a certification body is invited, by its invited user.',
    body: NoteRequest,
    run: (c, actor, id, body) => studies.certify(c.var.store, actor, id, { note: body.note }),
  });

  transition({
    name: 'publish',
    role: 'editor',
    summary: 'Publish the study as a signed statement (editor)',
    description:
      'verified (certified when a certification body is invited), or submitted when self-declared → published. ' +
      'The study is checked against its rule set: mandatory requirements not met block it (422 ' +
      'PUBLICATION_BLOCKED, `details.unmet` with what to fix). The statement — a Verifiable Credential 2.0 as a ' +
      'JWS signed with the organisation’s Ed25519 key — is public at /v1/public/statements/{statementId}. A study ' +
      'that supersedes another makes that one superseded.',
    run: (c, actor, id) => {
      const baseUrl = publicBaseUrl(c);
      return studies.publish(c.var.store, actor, id, {
        secret: signingSecret.get(),
        currentInputsHash,
        compose: (context) => {
          const compliance = checkStudyCompliance(context);
          if (compliance.blocksPublication)
            throw new ServerError(
              'PUBLICATION_BLOCKED',
              `the study does not meet ${compliance.unmet.length} mandatory requirement(s) of ${context.study.ruleSetId}: ${compliance.unmet
                .map((u) => `${u.requirementId} (${u.clause}): ${u.fix ?? u.message}`)
                .join('; ')}`,
              {
                details: {
                  ruleSetId: context.study.ruleSetId,
                  unmet: compliance.unmet,
                  counts: compliance.counts,
                },
              },
            );
          return composeStatement(context, {
            baseUrl,
            engine: MODEL_ENGINE,
            compliance: compliance.counts,
            report: compliance.report,
          });
        },
      });
    },
  });

  transition({
    name: 'withdraw',
    role: 'editor',
    summary: 'Withdraw the study, with the reason (editor)',
    description:
      'Any state but superseded or withdrawn → withdrawn; a published statement is then shown as withdrawn.',
    body: ReasonRequest,
    bodyRequired: true,
    run: (c, actor, id, body) => studies.withdraw(c.var.store, actor, id, { reason: body.reason }),
  });

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/orgs/{orgId}/studies/{id}/supersede',
      tags: STUDY_TAG,
      summary: 'Start the successor of a published study (editor)',
      description:
        'A new draft with the same product, model, rule set, unit, boundary, declarations and invitations; when it ' +
        'is published, this study’s statement becomes superseded by it. One successor at a time (409 CONFLICT).',
      security: SIGNED_IN,
      middleware: [orgAccess('editor')],
      request: {
        params: StudyParams,
        body: { required: false, content: { 'application/json': { schema: SuccessorRequest } } },
      },
      responses: {
        201: {
          description: 'The successor (draft)',
          headers: ETAG_HEADER,
          content: { 'application/json': { schema: StudySchema } },
        },
      },
    }),
    async (c) => {
      const principal = principalOf(c);
      const body = c.req.valid('json') ?? {};
      const study = await studies.startSuccessor(
        c.var.store,
        studyActor(principal),
        c.req.valid('param').id,
        {
          title: body.title,
        },
      );
      c.header('ETag', etag(study.version));
      c.header('Location', `/v1/orgs/${principal.organisationId}/studies/${study.id}`);
      return c.json(studyJson(study), 201);
    },
  );

  return router;
}
