import iconv from 'iconv-lite';
import { FormatError } from '../errors.js';

/** Text of an XML document and the encoding it was decoded from. */
export interface DecodedXml {
  text: string;
  encoding: string;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes the bytes of an XML document by its byte-order mark or, failing that, the `encoding` of its XML
 * declaration (UTF-8 when there is none, as XML 1.0 says). GBK, GB2312, GB18030, Big5, Shift_JIS, ISO-8859-x,
 * Windows-125x and UTF-16 are supported. Bytes that are not valid in the declared encoding are an error, not
 * mojibake.
 *
 * @example
 * const { text } = decodeXml(readFileSync('process.xml'), 'process.xml');
 */
export function decodeXml(bytes: Uint8Array, file: string): DecodedXml {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: utf8(bytes.subarray(3), file), encoding: 'utf-8' };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  // UTF-16 without a BOM starts '<\0' or '\0<'.
  if (bytes.length >= 2 && bytes[0] === 0x3c && bytes[1] === 0)
    return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (bytes.length >= 2 && bytes[0] === 0 && bytes[1] === 0x3c)
    return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  const declared = declaredEncoding(bytes);
  if (declared === undefined || /^utf-?8$/i.test(declared))
    return { text: utf8(bytes, file), encoding: 'utf-8' };
  const name = declared.toLowerCase();
  if (!iconv.encodingExists(name))
    throw new FormatError(
      'UNKNOWN_ENCODING',
      `${file}: the XML declaration names the encoding '${declared}', which OpenCFP cannot decode. ` +
        'Save the file as UTF-8 (and change the declaration to encoding="UTF-8").',
      { file },
    );
  // iconv-lite replaces undecodable bytes with U+FFFD; a replacement the source did not contain means bad bytes.
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), name);
  if (text.includes('\ufffd'))
    throw new FormatError(
      'INVALID_ENCODING',
      `${file}: bytes that are not valid ${declared} text. Check that the file really is ${declared}, or save it as UTF-8.`,
      { file },
    );
  return { text, encoding: name };
}

function utf8(bytes: Uint8Array, file: string): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    // Advice about encodings only makes sense for something that looks like XML; a binary file is not XML.
    if (!startsLikeXml(bytes))
      throw new FormatError(
        'NOT_XML',
        `${file}: the file is not XML (it is binary or text in another format, not '<?xml …' or '<element'). ` +
          'Check that this is the right file.',
        { file },
      );
    throw new FormatError(
      'INVALID_ENCODING',
      `${file}: the file is not valid UTF-8, and its XML declaration names no other encoding. ` +
        'Add the real encoding to the declaration (e.g. <?xml version="1.0" encoding="GBK"?>) or save the file as UTF-8.',
      { file },
    );
  }
}

/** The `encoding` pseudo-attribute of the XML declaration, read as ASCII from the first bytes. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 200)).toString(
    'latin1',
  );
  if (!head.startsWith('<?xml')) return undefined;
  const end = head.indexOf('?>');
  const declaration = end < 0 ? head : head.slice(0, end);
  return /encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(declaration)?.[1];
}

/** True when the first character after a UTF-8 byte-order mark and whitespace is '<'. */
function startsLikeXml(bytes: Uint8Array): boolean {
  let i = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)
  )
    i++;
  return i < bytes.length && bytes[i] === 0x3c;
}
