import { open, type FileHandle } from 'node:fs/promises';
import { closeSync, read as fsRead, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import { isAscii } from 'node:buffer';
import {
  fromRandomAccessReader,
  getFileNameLowLevel,
  RandomAccessReader,
  type Entry,
  type ZipFile,
} from 'yauzl';
import type { ArchiveEntry } from './archive-entry.js';
import { crc32 } from './crc32.js';
import { FormatError } from './errors.js';
import type { IssueLog } from './issue-log.js';

/** Zip-bomb guards. Entries over a limit are reported as issues and skipped; the rest is still read. */
export interface ZipLimits {
  /** Largest uncompressed (and compressed) size of one entry, in bytes. */
  maxEntryBytes: number;
  /** Largest sum of uncompressed sizes of the entries read, in bytes. */
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio of an entry bigger than `ratioMinBytes`. */
  maxRatio: number;
  /** Entries up to this size skip the ratio check: small files compress extremely well and are harmless. */
  ratioMinBytes: number;
}

const MiB = 1024 * 1024;

/**
 * Defaults: 256 MiB per entry, 4 GiB in total, ratio 200 above 1 MiB. Real JSON-LD compresses 3–20×
 * (random UUIDs do not compress), so 200× only trips on crafted data.
 */
export const DEFAULT_ZIP_LIMITS: Readonly<ZipLimits> = Object.freeze({
  maxEntryBytes: 256 * MiB,
  maxTotalBytes: 4096 * MiB,
  maxRatio: 200,
  ratioMinBytes: 1 * MiB,
});

export interface ReadZipEntriesOptions {
  /** Only entries for which this returns true are decompressed (directories never are). */
  filter?: (name: string) => boolean;
  limits?: Partial<ZipLimits>;
}

// Reads of the central directory come in ~46-byte pieces; serving them from one cached block instead of one
// fs.read each cuts listing 6,500 entries from ~550 ms to ~70 ms.
const CD_BLOCK = 1 * MiB;
// Entry data is read in windows that cover many small entries at once, bounding memory to one window plus
// the largest entry.
const DATA_WINDOW = 4 * MiB;

class CachedFdReader extends RandomAccessReader {
  private block: Buffer = Buffer.alloc(0);
  private blockStart = 0;

  constructor(private readonly fd: number) {
    super();
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (err: Error | null) => void,
  ): void {
    const rel = position - this.blockStart;
    if (rel >= 0 && rel + length <= this.block.length) {
      this.block.copy(buffer, offset, rel, rel + length);
      callback(null);
      return;
    }
    const size = Math.max(length, CD_BLOCK);
    const block = Buffer.allocUnsafe(size);
    fsRead(this.fd, block, 0, size, position, (err, bytesRead) => {
      if (err) return callback(err);
      this.block = block.subarray(0, bytesRead);
      this.blockStart = position;
      if (bytesRead < length) return callback(new Error('unexpected EOF'));
      block.copy(buffer, offset, 0, length);
      callback(null);
    });
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return createReadStream('', { fd: this.fd, start, end: end - 1, autoClose: false });
  }

  override close(callback: (err: Error | null) => void): void {
    // The file handle belongs to readZipEntries, which closes it.
    callback(null);
  }
}

function zipError(path: string, err: unknown, startsLikeZip: boolean): FormatError {
  const message = err instanceof Error ? err.message : String(err);
  if (/end of central directory record signature not found/i.test(message)) {
    return startsLikeZip
      ? new FormatError(
          'TRUNCATED_ZIP',
          `${path} starts like a zip archive but its end (the central directory) is missing: the file is ` +
            'truncated. Download or copy it again and check its size.',
          { file: path, cause: err },
        )
      : new FormatError(
          'NOT_A_ZIP',
          // Shared by the readers of every zip-based format: the message names none of them.
          `${path} is not a zip archive. Pass the database export (.zip), the folder it was extracted to, or the ` +
            'dataset file itself.',
          { file: path, cause: err },
        );
  }
  if (/unexpected EOF/i.test(message)) {
    return new FormatError(
      'TRUNCATED_ZIP',
      `${path} ends in the middle of its central directory: the file is truncated. Download or copy it again.`,
      { file: path, cause: err },
    );
  }
  return new FormatError(
    'CORRUPT_ZIP',
    `${path} is a damaged zip archive (${message}). Re-create the export, or extract it with another tool ` +
      'and read the folder.',
    { file: path, cause: err },
  );
}

async function listEntries(
  fh: FileHandle,
  path: string,
  size: number,
  startsLikeZip: boolean,
): Promise<Entry[]> {
  const reader = new CachedFdReader(fh.fd);
  let zip: ZipFile;
  try {
    zip = await new Promise<ZipFile>((resolve, reject) => {
      fromRandomAccessReader(
        reader,
        size,
        // Names are decoded by entryName: yauzl's own decoding rejects the whole archive over one odd name
        // ('../x', 'C:x'), which is harmless here since nothing is written to disk.
        { lazyEntries: true, autoClose: false, validateEntrySizes: true, decodeStrings: false },
        (err, z) => (err ? reject(err) : resolve(z)),
      );
    });
  } catch (err) {
    throw zipError(path, err, startsLikeZip);
  }
  try {
    return await new Promise<Entry[]>((resolve, reject) => {
      const entries: Entry[] = [];
      zip.on('entry', (e: Entry) => {
        entries.push(e);
        // Cached reads answer synchronously, so each readEntry() runs inside the previous one; unwinding the
        // stack every 256 entries keeps it shallow without paying for a microtask per entry.
        if (entries.length % 256 === 0) queueMicrotask(() => zip.readEntry());
        else zip.readEntry();
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  } catch (err) {
    throw zipError(path, err, startsLikeZip);
  } finally {
    zip.close();
  }
}

/**
 * True when the file ends with a zip end-of-central-directory record (followed by exactly its comment). Tells a
 * zip whose first entry is damaged (so it does not start with 'PK\x03\x04') from a file that is no zip at all.
 *
 * @example
 * if (!startsLikeZip(head) && endsLikeZip(path)) return readZip(path);
 */
export function endsLikeZip(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(length);
    readSync(fd, tail, 0, length, size - length);
    for (let at = length - 22; at >= 0; at--) {
      if (tail.readUInt32LE(at) === 0x06054b50 && at + 22 + tail.readUInt16LE(at + 20) === length)
        return true;
    }
    return false;
  } finally {
    closeSync(fd);
  }
}

/**
 * The entry's name: ASCII names (all of an openLCA export) are taken as they are, which is much cheaper than
 * yauzl's byte-by-byte CP437 decoding; others are decoded like yauzl does (UTF-8 flag, Info-ZIP Unicode path
 * field, CP437).
 */
function entryName(e: Entry): string {
  const raw = e.fileNameRaw;
  if (isAscii(raw) && !e.extraFields.some((f) => f.id === 0x7075))
    return raw.toString('latin1').replace(/\\/g, '/');
  return getFileNameLowLevel(e.generalPurposeBitFlag, raw, e.extraFields, false);
}

/** Bytes of the file at [pos, pos+len), read through a sliding window. */
class WindowReader {
  private window: Buffer = Buffer.alloc(0);
  private windowStart = 0;

  constructor(
    private readonly fh: FileHandle,
    private readonly size: number,
  ) {}

  /** The requested range, or undefined when the file ends before it does. */
  async slice(pos: number, len: number): Promise<Buffer | undefined> {
    if (pos < 0 || pos + len > this.size) return undefined;
    const rel = pos - this.windowStart;
    if (rel < 0 || rel + len > this.window.length) {
      const want = Math.min(Math.max(len, DATA_WINDOW), this.size - pos);
      // A fresh buffer each time: slices handed out earlier (stored entries) must stay intact.
      const buf = Buffer.allocUnsafe(want);
      const { bytesRead } = await this.fh.read(buf, 0, want, pos);
      this.window = buf.subarray(0, bytesRead);
      this.windowStart = pos;
      if (bytesRead < len) return undefined;
      return this.window.subarray(0, len);
    }
    return this.window.subarray(rel, rel + len);
  }
}

/**
 * Reads the files of a zip archive one by one without loading the archive into memory. The central directory
 * is parsed with yauzl; entry data is read in windows and inflated with zlib, because a stream per entry costs
 * ~0.4 ms and JSON-LD exports have thousands of small entries.
 *
 * Entries that are encrypted, over a limit of `options.limits`, overlapping, truncated or corrupt are reported
 * to `log` and skipped. A file that is not a readable zip at all throws `FormatError` (EMPTY_FILE, NOT_A_ZIP,
 * TRUNCATED_ZIP, CORRUPT_ZIP, NOT_FOUND).
 *
 * @example
 * const log = new IssueLog();
 * for await (const entry of readZipEntries('export.zip', log, { filter: (n) => n.endsWith('.json') })) {
 *   console.log(entry.name, entry.data.length);
 * }
 */
export async function* readZipEntries(
  path: string,
  log: IssueLog,
  options?: ReadZipEntriesOptions,
): AsyncGenerator<ArchiveEntry, void, undefined> {
  const limits: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...options?.limits };
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new FormatError('NOT_FOUND', `${path} does not exist. Check the path.`, {
        file: path,
        cause: err,
      });
    }
    throw new FormatError(
      'UNREADABLE',
      `${path} cannot be opened (${code ?? String(err)}). Check permissions.`,
      {
        file: path,
        cause: err,
      },
    );
  }
  try {
    const size = (await fh.stat()).size;
    if (size === 0) {
      throw new FormatError(
        'EMPTY_FILE',
        `${path} is empty (0 bytes). The export or download did not finish; create the export again.`,
        { file: path },
      );
    }
    const head = Buffer.alloc(4);
    await fh.read(head, 0, 4, 0);
    const startsLikeZip = head.readUInt32LE(0) === 0x04034b50;
    const entries = await listEntries(fh, path, size, startsLikeZip);

    const wanted: { e: Entry; name: string }[] = [];
    for (const e of entries) {
      const name = entryName(e);
      if (!name.endsWith('/') && (options?.filter?.(name) ?? true)) wanted.push({ e, name });
    }
    wanted.sort((a, b) => a.e.relativeOffsetOfLocalHeader - b.e.relativeOffsetOfLocalHeader);
    const window = new WindowReader(fh, size);
    let total = 0;
    let previousEnd = 0;
    for (let i = 0; i < wanted.length; i++) {
      const { e, name } = wanted[i];
      const skip = (code: string, message: string): void => log.error(name, '', code, message);

      // Nothing is ever extracted to disk, but such names only come from crafted archives ('zip slip'), and
      // '../processes/x.json' would pass for a dataset.
      if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.split('/').includes('..')) {
        skip(
          'UNSAFE_ENTRY_NAME',
          "The entry's name points outside the archive (an absolute path or '..'), which only crafted archives " +
            'do; it was skipped. Re-create the archive with a standard tool.',
        );
        continue;
      }

      if ((e.generalPurposeBitFlag & 0x1) !== 0) {
        skip(
          'ENCRYPTED_ENTRY',
          'The entry is encrypted and was skipped; export the data without a password.',
        );
        continue;
      }
      if (e.compressionMethod !== 0 && e.compressionMethod !== 8) {
        skip(
          'UNSUPPORTED_COMPRESSION',
          `The entry uses compression method ${e.compressionMethod}; only store (0) and deflate (8) are ` +
            'supported. Re-zip the export with a standard tool.',
        );
        continue;
      }
      if (e.uncompressedSize > limits.maxEntryBytes || e.compressedSize > limits.maxEntryBytes) {
        skip(
          'ENTRY_TOO_LARGE',
          `The entry is ${e.uncompressedSize} bytes uncompressed, over the limit of ${limits.maxEntryBytes}; ` +
            'it was skipped. Raise limits.maxEntryBytes if the file is genuine.',
        );
        continue;
      }
      if (
        e.uncompressedSize > limits.ratioMinBytes &&
        e.uncompressedSize / Math.max(1, e.compressedSize) > limits.maxRatio
      ) {
        skip(
          'SUSPICIOUS_COMPRESSION_RATIO',
          `The entry expands ${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))}× ` +
            `(limit ${limits.maxRatio}×), which looks like a zip bomb; it was skipped. Raise limits.maxRatio if ` +
            'the file is genuine.',
        );
        continue;
      }
      if (total + e.uncompressedSize > limits.maxTotalBytes) {
        log.error(
          path,
          '',
          'TOTAL_SIZE_EXCEEDED',
          `The archive expands to more than ${limits.maxTotalBytes} bytes; the last ${wanted.length - i} ` +
            'entries were not read. Raise limits.maxTotalBytes if the archive is genuine.',
        );
        break;
      }

      const header = await window.slice(e.relativeOffsetOfLocalHeader, 30);
      if (!header || header.readUInt32LE(0) !== 0x04034b50) {
        skip(
          header ? 'CORRUPT_ENTRY' : 'TRUNCATED_ENTRY',
          'The entry header is missing or damaged; the entry was skipped. Re-create the export.',
        );
        continue;
      }
      const dataStart =
        e.relativeOffsetOfLocalHeader + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
      // Overlapping entries let a tiny archive expand enormously by reusing the same compressed bytes.
      if (e.relativeOffsetOfLocalHeader < previousEnd) {
        skip('OVERLAPPING_ENTRY', 'The entry overlaps another one (a zip-bomb technique); it was skipped.');
        continue;
      }
      const compressed = await window.slice(dataStart, e.compressedSize);
      if (!compressed) {
        skip('TRUNCATED_ENTRY', 'The archive ends inside this entry; it was skipped. Copy the file again.');
        continue;
      }
      previousEnd = dataStart + e.compressedSize;

      let data: Buffer;
      if (e.compressionMethod === 0) {
        data = compressed;
      } else if (e.uncompressedSize === 0) {
        data = Buffer.alloc(0);
      } else {
        try {
          // maxOutputLength enforces the declared size, so a lying header cannot expand past the limits. One
          // output chunk of the declared size (plus room to detect overruns) avoids zlib's default 16 KiB
          // chunks and the copy that joins them.
          data = inflateRawSync(compressed, {
            maxOutputLength: e.uncompressedSize,
            chunkSize: Math.max(64, e.uncompressedSize + 64),
          });
        } catch (err) {
          const tooLong = (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
          skip(
            tooLong ? 'SIZE_MISMATCH' : 'CORRUPT_ENTRY',
            tooLong
              ? `The entry expands beyond its declared size of ${e.uncompressedSize} bytes; it was skipped.`
              : `The entry's compressed data is damaged (${(err as Error).message}); it was skipped.`,
          );
          continue;
        }
      }
      if (data.length !== e.uncompressedSize) {
        skip(
          'SIZE_MISMATCH',
          `The entry has ${data.length} bytes but declares ${e.uncompressedSize}; it was skipped. Re-create the export.`,
        );
        continue;
      }
      if (crc32(data) !== e.crc32 >>> 0) {
        skip(
          'CRC_MISMATCH',
          'The entry fails its checksum (damaged data); it was skipped. Copy the file again.',
        );
        continue;
      }
      total += data.length;
      yield { name, data };
    }
  } finally {
    await fh.close();
  }
}
