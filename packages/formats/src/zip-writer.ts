import { deflateRawSync } from 'node:zlib';
import { crc32 } from './crc32.js';
import { FormatError } from './errors.js';

/** How one entry is stored. */
export interface ZipEntryOptions {
  /** 'deflate' (default) compresses; 'store' keeps the bytes as they are (e.g. for already compressed data). */
  method?: 'deflate' | 'store';
  /** zlib level 0–9 for 'deflate'; 6 by default. */
  level?: number;
  /** Modification time; defaults to the writer's date. */
  date?: Date;
}

interface CentralRecord {
  name: Buffer;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
  isDirectory: boolean;
}

const MAX_32 = 0xffffffff;
const MAX_16 = 0xffff;
// DOS timestamps start in 1980; a fixed default makes archives byte-for-byte reproducible.
const DEFAULT_DATE = new Date(1980, 0, 1, 0, 0, 0);

function dosTime(d: Date): { time: number; date: number } {
  const year = Math.min(Math.max(d.getFullYear(), 1980), 2107);
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/**
 * A small zip writer (store and deflate, CRC-32, no zip64). Entries are written as they are added, either to
 * a sink (for example a file stream) or into memory; `finish()` appends the central directory.
 *
 * @example
 * const zip = new ZipWriter();
 * zip.add('flows/1.json', JSON.stringify({ '@id': '1' }));
 * zip.add('raw.bin', bytes, { method: 'store' });
 * await fs.writeFile('out.zip', zip.finish());
 */
export class ZipWriter {
  private readonly sink?: (chunk: Buffer) => void;
  private readonly chunks: Buffer[] = [];
  private readonly records: CentralRecord[] = [];
  private readonly names = new Set<string>();
  private readonly defaultDate: Date;
  private offset = 0;
  private finished = false;

  /**
   * @param options.sink receives every chunk as it is produced; without it the archive is kept in memory and
   *   returned by `finish()`.
   * @param options.date modification time of all entries (1980-01-01 by default, for reproducible output).
   */
  constructor(options?: { sink?: (chunk: Buffer) => void; date?: Date }) {
    this.sink = options?.sink;
    this.defaultDate = options?.date ?? DEFAULT_DATE;
  }

  /** Adds a file; `data` strings are written as UTF-8. Names use '/' separators and must be unique. */
  add(name: string, data: Uint8Array | string, options?: ZipEntryOptions): this {
    const raw = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const method = options?.method === 'store' ? 0 : 8;
    const body = method === 8 ? deflateRawSync(raw, { level: options?.level ?? 6 }) : raw;
    this.addRaw(name, body, raw.length, crc32(raw), method, options?.date ?? this.defaultDate, false);
    return this;
  }

  /** Adds an explicit directory entry ('name/'); readers do not need these, some tools like them. */
  addDirectory(name: string, date?: Date): this {
    const dirName = name.endsWith('/') ? name : name + '/';
    this.addRaw(dirName, Buffer.alloc(0), 0, 0, 0, date ?? this.defaultDate, true);
    return this;
  }

  /** Writes the central directory. Returns the whole archive when no sink was given, else an empty buffer. */
  finish(): Buffer {
    this.assertOpen();
    this.finished = true;
    const cdStart = this.offset;
    for (const r of this.records) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4); // made by: MS-DOS/FAT attributes, spec 2.0
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(r.flags, 8);
      h.writeUInt16LE(r.method, 10);
      h.writeUInt16LE(r.time, 12);
      h.writeUInt16LE(r.date, 14);
      h.writeUInt32LE(r.crc, 16);
      h.writeUInt32LE(r.compressedSize, 20);
      h.writeUInt32LE(r.size, 24);
      h.writeUInt16LE(r.name.length, 28);
      // extra, comment, disk, internal attributes: 0
      h.writeUInt32LE(r.isDirectory ? 0x10 : 0, 38);
      h.writeUInt32LE(r.offset, 42);
      this.emit(h);
      this.emit(r.name);
    }
    const cdSize = this.offset - cdStart;
    if (cdStart > MAX_32 || cdSize > MAX_32) {
      throw new FormatError(
        'ZIP_LIMIT_EXCEEDED',
        'The archive exceeds 4 GiB; zip64 is not supported. Split the export.',
      );
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.records.length, 8);
    end.writeUInt16LE(this.records.length, 10);
    end.writeUInt32LE(cdSize, 12);
    end.writeUInt32LE(cdStart, 16);
    this.emit(end);
    if (this.sink) return Buffer.alloc(0);
    const out = Buffer.concat(this.chunks);
    this.chunks.length = 0;
    return out;
  }

  private addRaw(
    name: string,
    body: Uint8Array,
    size: number,
    crc: number,
    method: number,
    when: Date,
    isDirectory: boolean,
  ): void {
    this.assertOpen();
    if (name === '' || name.startsWith('/') || name.includes('\\') || name.split('/').includes('..')) {
      throw new FormatError(
        'INVALID_ENTRY_NAME',
        `Invalid zip entry name '${name}': use a relative path with '/'.`,
      );
    }
    if (this.names.has(name)) {
      throw new FormatError(
        'DUPLICATE_ENTRY',
        `Zip entry '${name}' was added twice; entry names must be unique.`,
      );
    }
    if (this.records.length >= MAX_16) {
      throw new FormatError(
        'ZIP_LIMIT_EXCEEDED',
        'More than 65,535 entries need zip64, which is not supported.',
      );
    }
    if (size > MAX_32 || body.length > MAX_32 || this.offset > MAX_32) {
      throw new FormatError(
        'ZIP_LIMIT_EXCEEDED',
        `Entry '${name}' or the archive exceeds 4 GiB; zip64 is not supported.`,
      );
    }
    this.names.add(name);
    const nameBytes = Buffer.from(name, 'utf8');
    // Bit 11 declares UTF-8 names; without it readers decode names as CP437.
    const flags = /^[\x20-\x7e]*$/.test(name) ? 0 : 0x0800;
    const { time, date } = dosTime(when);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(flags, 6);
    h.writeUInt16LE(method, 8);
    h.writeUInt16LE(time, 10);
    h.writeUInt16LE(date, 12);
    h.writeUInt32LE(crc, 14);
    h.writeUInt32LE(body.length, 18);
    h.writeUInt32LE(size, 22);
    h.writeUInt16LE(nameBytes.length, 26);
    h.writeUInt16LE(0, 28);
    const offset = this.offset;
    this.emit(h);
    this.emit(nameBytes);
    this.emit(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    this.records.push({
      name: nameBytes,
      flags,
      method,
      time,
      date,
      crc,
      compressedSize: body.length,
      size,
      offset,
      isDirectory,
    });
  }

  private emit(chunk: Buffer): void {
    this.offset += chunk.length;
    if (this.sink) this.sink(chunk);
    else this.chunks.push(chunk);
  }

  private assertOpen(): void {
    if (this.finished) throw new Error('ZipWriter.finish() was already called; create a new writer.');
  }
}
