import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FINISHED_JOB_STATUSES, jobs, type Store } from '@opencfp/store';
import { ServerError } from '../errors.js';

/** The kind of job that imports an uploaded database. */
export const DATABASE_IMPORT = 'database-import';

const UPLOAD_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.upload$/;
const PART = '.part';

/**
 * The path of an upload in `dir`. Only names the server made (a UUID and `.upload`) are accepted, so a job's input
 * can never point outside the upload folder.
 */
export function uploadPath(dir: string, name: string): string {
  if (!UPLOAD_NAME.test(name)) throw new Error(`'${name}' is not the name of an upload`);
  return join(dir, name);
}

/** What `receiveUpload` stored. */
export interface ReceivedUpload {
  /** The file's name in the upload folder (`<uuid>.upload`), as kept in the import job's input. */
  name: string;
  bytes: number;
}

/**
 * Streams a request body into a new file in `dir`, at most `limitBytes`, never holding more than one chunk in
 * memory. The file is written as `<uuid>.upload.part` and renamed when complete, so a half-received upload is
 * never taken for a whole one. Over the limit it stops reading, deletes what it wrote and throws 413
 * PAYLOAD_TOO_LARGE; an empty body is 400 VALIDATION_FAILED; a broken connection deletes the part too.
 *
 * @example const { name, bytes } = await receiveUpload(c.req.raw.body, '/var/lib/opencfp/uploads', 2 ** 31);
 */
export async function receiveUpload(
  body: ReadableStream<Uint8Array> | null,
  dir: string,
  limitBytes: number,
): Promise<ReceivedUpload> {
  await mkdir(dir, { recursive: true });
  const name = `${randomUUID()}.upload`;
  const part = join(dir, name + PART);
  const file = createWriteStream(part, { flags: 'wx' });
  let failed: Error | undefined;
  file.on('error', (e) => (failed = e));
  // The file is created asynchronously: wait for it, or a refusal that deletes the part before it exists would
  // leave an empty part behind once the open completes.
  await once(file, 'open');
  let bytes = 0;
  try {
    if (body) {
      const reader = body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
        if (bytes > limitBytes) {
          await reader.cancel().catch(() => undefined);
          throw new ServerError(
            'PAYLOAD_TOO_LARGE',
            `the upload is larger than the ${limitBytes} bytes this server accepts (uploadLimit)`,
            { details: { limitBytes } },
          );
        }
        // `once` rejects when the stream emits 'error' instead
        if (!file.write(value)) await once(file, 'drain');
        if (failed) throw failed;
      }
    }
    file.end();
    await once(file, 'close');
    if (failed) throw failed;
    if (bytes === 0)
      throw new ServerError(
        'VALIDATION_FAILED',
        'the request body is empty: send the database file as the body',
        {
          details: {
            issues: [{ location: 'body', path: [], message: 'the body is empty', code: 'too_small' }],
          },
        },
      );
    await rename(part, join(dir, name));
    return { name, bytes };
  } catch (e) {
    file.destroy();
    await rm(part, { force: true });
    throw e;
  }
}

/** What `sweepUploads` may delete, and when. */
export interface SweepOptions {
  /** Keep the upload of a failed or cancelled import this long after its end, for a retry (ms). */
  retentionMs: number;
  /** A file no job refers to (a crash between receiving and queuing), or a part no one writes, after this (ms). */
  orphanMs?: number;
  now?: number;
}

/**
 * Deletes the uploads no one needs any more: those whose import succeeded (normally deleted by the job itself; this
 * catches a crash in between), those of failed or cancelled imports older than `retentionMs`, and orphans (files
 * no job refers to, parts no one has written to) older than `orphanMs` (default one hour). Files of queued or
 * running imports stay. Returns the names deleted. Safe to run on every instance sharing the folder.
 *
 * @example await sweepUploads(store, uploadDir, { retentionMs: 24 * 3600_000 });
 */
export async function sweepUploads(store: Store, dir: string, options: SweepOptions): Promise<string[]> {
  const now = options.now ?? Date.now();
  const orphanMs = options.orphanMs ?? 3600_000;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const deleted: string[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) continue;
    const age = now - info.mtimeMs;
    let remove = false;
    if (name.endsWith(PART)) remove = UPLOAD_NAME.test(name.slice(0, -PART.length)) && age > orphanMs;
    else if (UPLOAD_NAME.test(name)) {
      const refs = await jobs.referencing(store, DATABASE_IMPORT, 'upload', name);
      if (refs.length === 0) remove = age > orphanMs;
      else if (refs.some((r) => !FINISHED_JOB_STATUSES.includes(r.status))) remove = false;
      else if (refs.some((r) => r.status === 'succeeded')) remove = true;
      else {
        const lastEnd = Math.max(...refs.map((r) => r.finishedAt?.getTime() ?? 0));
        remove = now - lastEnd > options.retentionMs;
      }
    }
    if (remove) {
      await rm(path, { force: true });
      deleted.push(name);
    }
  }
  return deleted;
}
