import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Database } from '@opencfp/core';
import iconv from 'iconv-lite';
import { FormatError } from './errors.js';
import type { ReadResult } from './import-issue.js';
import { IssueLog } from './issue-log.js';
import { SimaProBlockReader } from './simapro-blocks.js';
import { SimaProConverter } from './simapro-converter.js';

export interface ReadSimaProCsvOptions {
  /** Throw a `FormatError` at the first error-level issue instead of skipping the broken part. */
  strict?: boolean;
  /**
   * Text encoding of a file without byte-order mark, e.g. 'gb18030' or 'gbk' for exports of Chinese SimaPro
   * installations. Default: UTF-8 when the bytes are valid UTF-8, else windows-1252 (SimaPro's default).
   */
  encoding?: string;
  /** Database name; defaults to the file name without extension. */
  name?: string;
}

/** Lines longer than this are not SimaPro CSV (and would hold the whole input in memory). */
const MAX_LINE_CHARS = 32 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;

/**
 * Reads a SimaPro CSV export (processes, methods, reference data) into the core model: the `{…}` header says
 * how cells and decimals are separated; processes become processes with their products, inputs, emissions,
 * parameters and allocation; methods become impact methods. Flows get name-based UUIDs (see
 * `SimaProConverter`), so inputs link to the processes that make them. The file is streamed.
 *
 * Broken rows are skipped and listed in `issues` with their line ('line 42'); a file that is empty or is not a
 * SimaPro CSV export throws a `FormatError` (NOT_FOUND, EMPTY_FILE, UNKNOWN_FORMAT, UNKNOWN_ENCODING).
 *
 * @example
 * const { data, issues } = await readSimaProCsv('export.csv');
 * console.log(data.processes.length, issues.filter((i) => i.severity === 'error'));
 */
export async function readSimaProCsv(
  path: string,
  options?: ReadSimaProCsvOptions,
): Promise<ReadResult<Database>> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new Error('it is a folder');
    size = info.size;
  } catch (err) {
    throw new FormatError('NOT_FOUND', `${path} does not exist or is not a readable file. Check the path.`, {
      file: path,
      cause: err,
    });
  }
  if (size === 0)
    throw new FormatError('EMPTY_FILE', `${path} is empty. Export it again from SimaPro.`, { file: path });

  const head = await readHead(path, 4096);
  if (head.length >= 4 && head.readUInt32LE(0) === 0x04034b50)
    throw new FormatError(
      'UNKNOWN_FORMAT',
      `${path} is a zip archive, not a SimaPro CSV export. If the zip holds the export, extract the .csv file ` +
        'and pass that: SimaPro CSV is read from the .csv file itself.',
      { file: path },
    );
  const { encoding, skip, assumed } = await detectEncoding(path, head, options?.encoding);
  checkStart(iconv.decode(head.subarray(skip), encoding), path);

  const run = start(path, options);
  if (assumed)
    run.log.info(
      path,
      '',
      'ASSUMED_ENCODING',
      `The file is not UTF-8 and SimaPro CSV does not declare its encoding; it was read as ${encoding}, SimaPro's ` +
        'default on Western systems. If names look wrong (e.g. an export from a Chinese system), read it with the ' +
        "encoding option, e.g. { encoding: 'gb18030' }.",
    );
  const decoder = iconv.getDecoder(encoding);
  const lines = new LineSplitter(path);
  const stream = createReadStream(path, { start: skip, highWaterMark: CHUNK_BYTES });
  for await (const chunk of stream as AsyncIterable<Buffer>) lines.push(decoder.write(chunk), run.push);
  const tail = decoder.end();
  if (tail) lines.push(tail, run.push);
  lines.end(run.push);
  return run.finish();
}

/**
 * Reads SimaPro CSV from text already decoded (e.g. a test fixture or an upload); `file` names it in issues.
 *
 * @example
 * const { data } = readSimaProCsvText('{SimaPro 9.1}\n{CSV separator: Semicolon}\n…', 'inline.csv');
 */
export function readSimaProCsvText(
  text: string,
  file: string,
  options?: Omit<ReadSimaProCsvOptions, 'encoding'>,
): ReadResult<Database> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '')
    throw new FormatError('EMPTY_FILE', `${file} is empty. Export it again from SimaPro.`, { file });
  checkStart(body.slice(0, 4096), file);
  const run = start(file, options);
  const lines = new LineSplitter(file);
  lines.push(body, run.push);
  lines.end(run.push);
  return run.finish();
}

function start(
  file: string,
  options: Omit<ReadSimaProCsvOptions, 'encoding'> | undefined,
): { push: (text: string, line: number) => void; finish: () => ReadResult<Database>; log: IssueLog } {
  const log = new IssueLog({ strict: options?.strict });
  let converter: SimaProConverter | undefined;
  const reader = new SimaProBlockReader(file, log, (block) => {
    converter ??= new SimaProConverter(file, log, reader.header);
    converter.add(block);
  });
  return {
    log,
    push: (text, line) => reader.push(text, line),
    finish: () => {
      reader.end();
      converter ??= new SimaProConverter(file, log, reader.header);
      if (converter.blockCount === 0) {
        log.warning(
          file,
          '',
          'NO_DATA',
          'The file has a SimaPro header but no blocks (processes, methods, units); the database is empty.',
        );
      }
      const name = options?.name ?? basename(file, extname(file));
      return { data: converter.finish(name), issues: log.issues };
    },
  };
}

/** A SimaPro CSV export starts with its `{SimaPro …}` line; refuse anything else before reading it all. */
function checkStart(head: string, file: string): void {
  const text = head.trimStart();
  if (text === '') return;
  if (/^\{SimaPro\b/i.test(text)) return;
  const shown = text.slice(0, 40).replace(/[^\x20-\x7e\u00a0-\uffff]/g, '?');
  throw new FormatError(
    'UNKNOWN_FORMAT',
    `${file} is not a SimaPro CSV export: it should start with a line like {SimaPro 9.1}, but starts with ` +
      `'${shown}'. In SimaPro, export with File > Export > CSV.`,
    { file },
  );
}

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * The encoding to decode with, and the bytes of its byte-order mark: a BOM decides; else the caller's choice;
 * else UTF-8 when the whole file is valid UTF-8, else windows-1252 (what SimaPro writes on Western systems).
 */
async function detectEncoding(
  path: string,
  head: Buffer,
  requested: string | undefined,
): Promise<{ encoding: string; skip: number; assumed?: boolean }> {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  if (requested !== undefined) {
    if (!iconv.encodingExists(requested)) {
      throw new FormatError(
        'UNKNOWN_ENCODING',
        `Encoding '${requested}' is not known; use e.g. 'utf-8', 'windows-1252', 'gb18030' or 'gbk'.`,
        { file: path },
      );
    }
    return { encoding: requested, skip: 0 };
  }
  return (await isUtf8File(path))
    ? { encoding: 'utf-8', skip: 0 }
    : { encoding: 'windows-1252', skip: 0, assumed: true };
}

async function isUtf8File(path: string): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) decoder.decode(chunk, { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  } finally {
    stream.destroy();
  }
}

/** Splits decoded text into lines at '\n', '\r\n' or '\r', across chunk boundaries, numbering them from 1. */
class LineSplitter {
  private rest = '';
  private line = 0;

  constructor(private readonly file: string) {}

  push(chunk: string, onLine: (text: string, line: number) => void): void {
    const text = this.rest + chunk;
    let start = 0;
    // The rest holds no line break (but may end in a '\r'): scanning it again would make a long line quadratic.
    for (let i = Math.max(0, this.rest.length - 1); i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      // A '\r' at the end may be the first half of '\r\n': wait for the next chunk.
      if (c === 13 && i === text.length - 1) break;
      onLine(text.slice(start, i), ++this.line);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
    this.rest = text.slice(start);
    if (this.rest.length > MAX_LINE_CHARS) {
      throw new FormatError(
        'UNKNOWN_FORMAT',
        `${this.file}: line ${this.line + 1} is longer than ${MAX_LINE_CHARS} characters, which no SimaPro CSV ` +
          'export has. Check that the file is a SimaPro CSV export.',
        { file: this.file },
      );
    }
  }

  end(onLine: (text: string, line: number) => void): void {
    if (this.rest !== '') onLine(this.rest.replace(/\r$/, ''), ++this.line);
    this.rest = '';
  }
}
