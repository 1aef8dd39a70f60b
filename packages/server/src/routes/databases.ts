import { z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  getBackgroundDatabaseVersion,
  listBackgroundDatabaseVersions,
  type DatabaseVersionInfo,
} from '@opencfp/store';
import { SIGNED_IN } from '../authenticate.js';
import { orgAccess, principalOf } from '../org-access.js';
import { createRouter, defineRoute, type AppEnv } from '../routing.js';
import { Instant, OrgParams } from './schemas.js';

/** How many of a version's reading issues one GET answers (`issueCount` counts them all). */
export const ISSUES_SHOWN = 1000;

const ImportIssueSchema = z
  .object({
    file: z
      .string()
      .openapi({ description: 'the entry inside the archive or folder', example: 'processes/p1.json' }),
    path: z.string().openapi({ description: "JSON pointer into the file's dataset; '' for the whole file" }),
    code: z.string().openapi({ example: 'UNKNOWN_UNIT' }),
    severity: z.enum(['error', 'warning', 'info']),
    message: z.string(),
  })
  .openapi('ImportIssue');

const DatabaseVersionSchema = z
  .object({
    id: z.string().openapi({ description: 'the version id (what a product model refers to)' }),
    databaseId: z.string(),
    name: z.string().openapi({ description: 'the name of the database', example: 'USLCI' }),
    organisationId: z
      .string()
      .nullable()
      .openapi({ description: 'the organisation that imported it; null: shared with every organisation' }),
    version: z.number().int().positive().openapi({ description: '1, 2, … for each import of the database' }),
    format: z.string().openapi({ description: 'the format it was read from', example: 'openlca-jsonld' }),
    sourceName: z.string().openapi({ description: 'the file or folder it was imported from' }),
    contentHash: z.string().openapi({ example: 'sha256:9f86d081…' }),
    stats: z
      .record(z.string(), z.number())
      .openapi({ description: 'datasets per kind', example: { processes: 766, flows: 4601 } }),
    issueCount: z.number().int().nonnegative().openapi({ description: 'the number of reading issues' }),
    locked: z.boolean().openapi({ description: 'used by a study, so it can no longer change' }),
    createdAt: Instant,
  })
  .openapi('DatabaseVersion');

const DatabaseVersionDetail = DatabaseVersionSchema.extend({
  issues: z.array(ImportIssueSchema).openapi({
    description: `what the reader had to skip or guess, in the order found: the first ${ISSUES_SHOWN} (issueCount counts all)`,
  }),
}).openapi('DatabaseVersionDetail');

const DatabaseVersionList = z
  .object({ versions: z.array(DatabaseVersionSchema) })
  .openapi('DatabaseVersionList');

const VersionParams = OrgParams.extend({
  versionId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'versionId', in: 'path' }, description: 'the database version id' }),
});

/** A version as JSON (instants as ISO text). */
const toJson = <V extends DatabaseVersionInfo>(v: V) => ({ ...v, createdAt: v.createdAt.toISOString() });

/**
 * The background database versions an organisation can use — its own imports and the shared ones (e.g. the
 * starter database) — mounted under `/v1`, for viewers. Another organisation's version is 404.
 */
export function databasesRouter(): OpenAPIHono<AppEnv> {
  const router = createRouter();

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/orgs/{orgId}/databases',
      tags: ['databases'],
      summary: 'The background database versions the organisation can use (viewer)',
      description: 'Its own and the shared ones, by database name and version; without their reading issues.',
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: { params: OrgParams },
      responses: {
        200: {
          description: 'The versions',
          content: { 'application/json': { schema: DatabaseVersionList } },
        },
      },
    }),
    async (c) => {
      const list = await listBackgroundDatabaseVersions(c.var.store, principalOf(c).organisationId);
      return c.json({ versions: list.map(toJson) }, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/orgs/{orgId}/databases/{versionId}',
      tags: ['databases'],
      summary: 'One background database version with its reading issues (viewer)',
      description: `The first ${ISSUES_SHOWN} reading issues; \`issueCount\` is the number of all of them.`,
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: { params: VersionParams },
      responses: {
        200: {
          description: 'The version',
          content: { 'application/json': { schema: DatabaseVersionDetail } },
        },
      },
    }),
    async (c) => {
      const version = await getBackgroundDatabaseVersion(
        c.var.store,
        principalOf(c).organisationId,
        c.req.valid('param').versionId,
        { issueLimit: ISSUES_SHOWN },
      );
      return c.json(toJson(version), 200);
    },
  );

  return router;
}
