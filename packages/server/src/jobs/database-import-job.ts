import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { StoreError, importBackgroundDatabase } from '@opencfp/store';
import { z } from 'zod';
import { JobFailure } from './job-failure.js';
import type { JobHandler } from './job-runner.js';
import { uploadPath } from './upload-files.js';

/** The input of a database import job, as the upload route queues it. */
export const DatabaseImportInput = z.object({
  /** The uploaded file's name in the upload folder (`<uuid>.upload`). */
  upload: z.string(),
  /** The database it becomes a new version of (made on its first import). */
  name: z.string().min(1),
  /** What the version records as its source (the file name the user gave). */
  sourceName: z.string().min(1),
  bytes: z.number().int().positive(),
  contentType: z.string(),
});
export type DatabaseImportInput = z.infer<typeof DatabaseImportInput>;

/** What a database import job answers when it succeeds. */
export interface DatabaseImportOutput extends Record<string, unknown> {
  versionId: string;
  databaseId: string;
  name: string;
  version: number;
  format: string;
  stats: Record<string, number>;
  issueCount: number;
}

/**
 * The handler of 'database-import' jobs: reads the uploaded file (any format `readDatabase` reads, told from its
 * content) and stores it as the next version of the organisation's database `name`, in one transaction that also
 * marks the job succeeded — a cancel, a crash or a failure leaves no version and no dataset behind. Progress is the
 * fraction of datasets written. The upload is deleted once imported; after a failure or a cancel it stays for a
 * retry until `sweepUploads` removes it (uploadRetentionHours). A file that is not a database fails the job with
 * the reader's code (e.g. UNKNOWN_FORMAT) and message, naming the upload by its source name, not by its path.
 *
 * @example runner.register(DATABASE_IMPORT, databaseImportJob({ uploadDir: uploadDirOf(config) })); // what `new JobRunner({ config })` does
 */
export function databaseImportJob(options: { uploadDir: string }): JobHandler {
  return async ({ job, store, signal, progress, complete }) => {
    const parsed = DatabaseImportInput.safeParse(job.input);
    if (!parsed.success || job.organisationId === null)
      throw new JobFailure('INVALID_INPUT', 'this import job has no valid input: upload the database again');
    const input = parsed.data;
    let path: string;
    try {
      path = uploadPath(options.uploadDir, input.upload);
    } catch {
      throw new JobFailure('INVALID_INPUT', 'this import job names no upload of this server: upload again');
    }
    if (!existsSync(path))
      throw new JobFailure(
        'UPLOAD_MISSING',
        `the uploaded file '${input.sourceName}' is no longer kept (uploads are deleted once imported, and some time after a failed or cancelled import): upload the database again`,
      );
    let output: DatabaseImportOutput | undefined;
    try {
      await importBackgroundDatabase(
        store,
        { organisationId: job.organisationId, name: input.name, path, sourceName: input.sourceName },
        job.createdBy ?? `job:${job.id}`,
        {
          signal,
          onProgress: (fraction, message) => progress(fraction, message),
          beforeCommit: async (trx, version) => {
            output = {
              versionId: version.id,
              databaseId: version.databaseId,
              name: version.name,
              version: version.version,
              format: version.format,
              stats: version.stats,
              issueCount: version.issues.length,
            };
            await complete(trx, output);
          },
        },
      );
    } catch (e) {
      throw readingFailure(e, path, input.sourceName);
    }
    await rm(path, { force: true });
    if (!output) throw new Error('the import finished without its version');
    return output;
  };
}

/**
 * A reader's error (a FormatError: stable code, message) as the job's failure, with the server's path of the
 * upload replaced by its source name; store errors and anything else pass unchanged.
 */
function readingFailure(e: unknown, path: string, sourceName: string): unknown {
  if (e instanceof StoreError || !(e instanceof Error)) return e;
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string' || !/^[A-Z][A-Z0-9_]+$/.test(code)) return e;
  return new JobFailure(code, e.message.split(path).join(sourceName), { retryable: false, cause: e });
}
