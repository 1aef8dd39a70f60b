import { rm } from 'node:fs/promises';
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { jobs } from '@opencfp/store';
import { SIGNED_IN } from '../authenticate.js';
import { uploadDirOf } from '../config.js';
import { ServerError } from '../errors.js';
import type { DatabaseImportInput } from '../jobs/database-import-job.js';
import type { JobUpdates } from '../jobs/job-updates.js';
import { DATABASE_IMPORT, receiveUpload, uploadPath } from '../jobs/upload-files.js';
import { actorId, orgAccess, principalOf } from '../org-access.js';
import { createRouter, defineRoute, type AppEnv } from '../routing.js';
import { JobSchema, toJobJson } from './jobs.js';
import { OrgParams } from './schemas.js';

/** The media types an upload may be sent as (the format is told from the content, not from these). */
export const UPLOAD_MEDIA_TYPES = [
  'application/zip',
  'application/x-zip-compressed',
  'application/octet-stream',
  'application/xml',
  'text/xml',
] as const;

/**
 * Whether a request is a database upload, whose body is streamed to disk under `uploadLimit` instead of
 * `bodyLimit` (the app's body limit reads bodies into memory, and must leave this one alone).
 */
export function isDatabaseUpload(method: string, path: string): boolean {
  return method === 'POST' && /^\/v1\/orgs\/[^/]+\/databases\/?$/.test(path);
}

const Binary = z.string().openapi({ format: 'binary', description: 'the database file' });

const UploadQuery = z.object({
  name: z.string().trim().min(1).max(200).openapi({
    description: 'the database the upload becomes a new version of (made on its first import)',
    example: 'USLCI',
  }),
  sourceName: z.string().trim().min(1).max(300).optional().openapi({
    description: 'what the version records as its source, e.g. the file name (default: the name)',
    example: 'uslci-jsonld-olca1.5.zip',
  }),
});

/**
 * `POST /v1/orgs/{orgId}/databases` (editor): a background database file as the raw request body, streamed to the
 * upload folder, then imported by a background job ('database-import'); answers 202 with the job.
 */
export function databaseUploadRouter(updates: JobUpdates): OpenAPIHono<AppEnv> {
  const router = createRouter();

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/orgs/{orgId}/databases',
      tags: ['databases'],
      summary: 'Upload a background database to import, as a background job (editor)',
      description:
        'The body is the database file itself — a zip of an openLCA JSON-LD export, EcoSpold 1 or 2, ILCD or a ' +
        'SimaPro CSV export, or one EcoSpold/ILCD XML file; its format is told from the content — sent as ' +
        '`application/zip`, `application/octet-stream` or `application/xml`, at most `uploadLimit` bytes (2 GB by ' +
        'default; over it: 413). It is streamed to disk, and a job imports it in one transaction as the next ' +
        'version of the database `name`. Answers 202 with the job (`Location`: the job); follow it with ' +
        'GET …/jobs/{jobId}/events. When it succeeds, `output` is `{ versionId, databaseId, name, version, ' +
        'format, stats, issueCount }`; a file that is not a database fails the job (e.g. `UNKNOWN_FORMAT`) and ' +
        'nothing is imported.',
      security: SIGNED_IN,
      middleware: [orgAccess('editor')],
      request: {
        params: OrgParams,
        query: UploadQuery,
        body: {
          required: true,
          content: Object.fromEntries(UPLOAD_MEDIA_TYPES.map((type) => [type, { schema: Binary }])),
        },
      },
      responses: {
        202: {
          description: 'The upload is kept and its import queued: the job',
          content: { 'application/json': { schema: JobSchema } },
        },
      },
    }),
    async (c) => {
      const principal = principalOf(c);
      const { name, sourceName } = c.req.valid('query');
      const config = c.var.config;
      const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
      if (!(UPLOAD_MEDIA_TYPES as readonly string[]).includes(type))
        throw new ServerError(
          'UNSUPPORTED_MEDIA_TYPE',
          `send the database file as the body, with Content-Type ${UPLOAD_MEDIA_TYPES.join(', ')}; got '${type || 'none'}'`,
          { details: { accepted: UPLOAD_MEDIA_TYPES } },
        );
      const declared = Number(c.req.header('content-length') ?? NaN);
      if (declared > config.uploadLimitBytes)
        throw new ServerError(
          'PAYLOAD_TOO_LARGE',
          `the upload is larger than the ${config.uploadLimitBytes} bytes this server accepts (uploadLimit)`,
          { details: { limitBytes: config.uploadLimitBytes } },
        );
      const dir = uploadDirOf(config);
      const upload = await receiveUpload(c.req.raw.body, dir, config.uploadLimitBytes);
      const input: DatabaseImportInput = {
        upload: upload.name,
        name,
        sourceName: sourceName ?? name,
        bytes: upload.bytes,
        contentType: type,
      };
      let job;
      try {
        job = await jobs.enqueue(
          c.var.store,
          { organisationId: principal.organisationId, kind: DATABASE_IMPORT, input },
          { userId: principal.userId, actorId: actorId(principal) },
        );
      } catch (e) {
        await rm(uploadPath(dir, upload.name), { force: true });
        throw e;
      }
      updates.queued();
      c.header('Location', `/v1/orgs/${principal.organisationId}/jobs/${job.id}`);
      return c.json(toJobJson(job), 202);
    },
  );

  return router;
}
