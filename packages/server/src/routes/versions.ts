// Optimistic concurrency over HTTP, shared by the routes of versioned records (products, models):
// `ETag: "<version>"` on reads and writes; a change names the version it was made from.
import { z } from '@hono/zod-openapi';
import { ServerError } from '../errors.js';

/** The optional `If-Match: "<version>"` request header of a change. */
export const IfMatch = z.object({
  'if-match': z
    .string()
    .regex(/^"\d+"$/, 'expected the ETag you read, e.g. "3" (with the quotes)')
    .optional()
    .openapi({
      description: 'the ETag of the version you read; a change of an older version is 409 VERSION_CONFLICT',
    }),
});

/** The `ETag` response header, for the `headers` of a route's response. */
export const ETAG_HEADER = {
  ETag: { description: 'the version, e.g. "3"', schema: { type: 'string' as const } },
};

export const etag = (version: number): string => `"${version}"`;

/**
 * The version a change was made from: `If-Match: "<version>"` or the body's `version` (both must agree when both
 * are sent). Neither is 428 PRECONDITION_REQUIRED, so that a change never overwrites one it has not seen.
 */
export function expectedVersion(ifMatch: string | undefined, bodyVersion: number | undefined): number {
  const fromHeader = ifMatch === undefined ? undefined : Number(ifMatch.slice(1, -1));
  if (fromHeader !== undefined && bodyVersion !== undefined && fromHeader !== bodyVersion)
    throw new ServerError(
      'VALIDATION_FAILED',
      `If-Match (${fromHeader}) and the body's version (${bodyVersion}) disagree; send one`,
      {
        details: {
          issues: [
            { location: 'body', path: ['version'], message: 'disagrees with If-Match', code: 'custom' },
          ],
        },
      },
    );
  const version = fromHeader ?? bodyVersion;
  if (version === undefined)
    throw new ServerError(
      'PRECONDITION_REQUIRED',
      'a change must name the version it was made from: send If-Match with the ETag you read, or `version` in the body',
    );
  return version;
}
