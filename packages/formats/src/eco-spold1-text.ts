import { closeSync, openSync, readSync } from 'node:fs';
import iconv from 'iconv-lite';
import { FormatError } from './errors.js';

/** Bytes decoded per step: big enough to be fast, small enough that the text of a 1 GB file never exists whole. */
const CHUNK_BYTES = 1 << 20;
/** The XML declaration must fit in this many bytes for its encoding to be seen (as in `decodeXml`). */
const HEAD_BYTES = 200;

interface ChunkDecoder {
  write(bytes: Uint8Array): string;
  end(): string;
}

/**
 * Decodes an XML document piece by piece into text chunks for `streamXml`, so that a large EcoSpold 1 file is
 * never held as one string. The encoding is found like `decodeXml` does (byte-order mark, else the XML
 * declaration, else UTF-8); bytes that are not valid in it throw a `FormatError` (INVALID_ENCODING), and an
 * unknown declared encoding throws UNKNOWN_ENCODING.
 *
 * @example
 * streamXml(xmlTextChunks([bytes], 'db.xml'), 'db.xml', select, onDataset);
 */
export function* xmlTextChunks(
  pieces: Iterable<Uint8Array>,
  file: string,
): Generator<string, void, undefined> {
  let decoder: ChunkDecoder | undefined;
  let head: Uint8Array = new Uint8Array(0);
  function* decode(d: ChunkDecoder, bytes: Uint8Array): Generator<string, void, undefined> {
    for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
      const text = d.write(bytes.subarray(at, Math.min(bytes.length, at + CHUNK_BYTES)));
      if (text !== '') yield text;
    }
  }
  for (const piece of pieces) {
    if (decoder !== undefined) {
      yield* decode(decoder, piece);
      continue;
    }
    head = concat(head, piece);
    if (head.length < HEAD_BYTES) continue;
    const opened = openDecoder(head, file);
    decoder = opened.decoder;
    yield* decode(decoder, head.subarray(opened.skip));
    head = new Uint8Array(0);
  }
  if (decoder === undefined) {
    const opened = openDecoder(head, file);
    decoder = opened.decoder;
    yield* decode(decoder, head.subarray(opened.skip));
  }
  const rest = decoder.end();
  if (rest !== '') yield rest;
}

/**
 * The bytes of a file, read synchronously in 1 MiB pieces (streamXml consumes a synchronous iterable).
 *
 * @example
 * for (const piece of fileBytes('db.xml')) total += piece.length;
 */
export function* fileBytes(path: string): Generator<Uint8Array, void, undefined> {
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      // A fresh buffer per piece: the decoder may keep a reference to an incomplete character's bytes.
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (n === 0) return;
      yield buffer.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function openDecoder(head: Uint8Array, file: string): { decoder: ChunkDecoder; skip: number } {
  const b = head;
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)
    return { decoder: textDecoder('utf-8', file), skip: 3 };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe)
    return { decoder: textDecoder('utf-16le', file), skip: 2 };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff)
    return { decoder: textDecoder('utf-16be', file), skip: 2 };
  if (b.length >= 2 && b[0] === 0x3c && b[1] === 0)
    return { decoder: textDecoder('utf-16le', file), skip: 0 };
  if (b.length >= 2 && b[0] === 0 && b[1] === 0x3c)
    return { decoder: textDecoder('utf-16be', file), skip: 0 };
  const declared = declaredEncoding(b);
  if (declared === undefined || /^utf-?8$/i.test(declared))
    return { decoder: textDecoder('utf-8', file), skip: 0 };
  const name = declared.toLowerCase();
  if (!iconv.encodingExists(name))
    throw new FormatError(
      'UNKNOWN_ENCODING',
      `${file}: the XML declaration names the encoding '${declared}', which OpenCFP cannot decode. ` +
        'Save the file as UTF-8 (and change the declaration to encoding="UTF-8").',
      { file },
    );
  const inner = iconv.getDecoder(name);
  // iconv-lite replaces undecodable bytes with U+FFFD, which a legacy (non-Unicode) encoding cannot contain.
  const check = (text: string): string => {
    if (text.includes('\ufffd'))
      throw new FormatError(
        'INVALID_ENCODING',
        `${file}: bytes that are not valid ${declared} text. Check that the file really is ${declared}, or save it as UTF-8.`,
        { file },
      );
    return text;
  };
  return {
    decoder: {
      write: (bytes) => check(inner.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))),
      end: () => check(inner.end() ?? ''),
    },
    skip: 0,
  };
}

function textDecoder(encoding: 'utf-8' | 'utf-16le' | 'utf-16be', file: string): ChunkDecoder {
  const d = new TextDecoder(encoding, { fatal: true });
  const run = (f: () => string): string => {
    try {
      return f();
    } catch {
      throw new FormatError(
        'INVALID_ENCODING',
        encoding === 'utf-8'
          ? `${file}: the file is not valid UTF-8, and its XML declaration names no other encoding. Add the real ` +
              'encoding to the declaration (e.g. <?xml version="1.0" encoding="GBK"?>) or save the file as UTF-8.'
          : `${file}: the file is not valid ${encoding.toUpperCase()} text. Save it again as UTF-8.`,
        { file },
      );
    }
  };
  return {
    write: (bytes) => run(() => d.decode(bytes, { stream: true })),
    end: () => run(() => d.decode()),
  };
}

/** The `encoding` pseudo-attribute of the XML declaration, read as ASCII from the first bytes. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, HEAD_BYTES)).toString(
    'latin1',
  );
  if (!head.startsWith('<?xml')) return undefined;
  const end = head.indexOf('?>');
  const declaration = end < 0 ? head : head.slice(0, end);
  return /encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(declaration)?.[1];
}
