import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import type { ArchiveEntry } from './archive-entry.js';
import { FormatError } from './errors.js';
import { ZipWriter } from './zip-writer.js';

/**
 * Streams entries into a deflated zip at `target`, through a temporary file beside it that is renamed at the end:
 * a failed export leaves no half-written zip, and memory holds one entry at a time, not the archive.
 *
 * @example
 * await writeZipFile(writeJsonLdEntries(db), 'export.zip');
 */
export async function writeZipFile(
  entries: Iterable<ArchiveEntry>,
  target: string,
  options: { level?: number } = {},
): Promise<void> {
  const temp = join(
    dirname(target),
    `.${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.zip.tmp`,
  );
  const stream = createWriteStream(temp);
  let failed: Error | undefined;
  stream.on('error', (err) => (failed = err));
  try {
    const zip = new ZipWriter({ sink: (chunk) => void stream.write(chunk) });
    for (const entry of entries) {
      zip.add(entry.name, entry.data, options.level === undefined ? undefined : { level: options.level });
      if (failed) throw failed;
      if (stream.writableNeedDrain) await once(stream, 'drain');
    }
    zip.finish();
    stream.end();
    await once(stream, 'close');
    if (failed) throw failed;
    await rename(temp, target);
  } catch (err) {
    // The temporary file is opened asynchronously: wait until the stream has opened and closed it, or an early
    // failure would delete it first and leave the file its late open creates.
    stream.destroy();
    if (!stream.closed) await once(stream, 'close');
    await rm(temp, { force: true });
    if (err instanceof FormatError) throw err;
    throw new FormatError('WRITE_FAILED', `Could not write ${target}: ${(err as Error).message}`, {
      file: target,
      cause: err,
    });
  }
}
