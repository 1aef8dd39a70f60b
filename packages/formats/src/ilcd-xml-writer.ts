/** Attribute values of one element; undefined values are left out. */
export type XmlAttributes = { [name: string]: string | number | boolean | undefined };

// Characters XML 1.0 cannot hold at all (C0 controls other than tab, LF, CR; U+FFFE/U+FFFF; lone surrogates).
const INVALID_CHARS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// Anything escapeText or escapeAttribute may have to change; most texts have none of it.
// eslint-disable-next-line no-control-regex
const SPECIAL_TEXT = /[&<>\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;
// eslint-disable-next-line no-control-regex
const SPECIAL_ATTRIBUTE = /[&<>"\t\n\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;

/** Text content: markup characters escaped, characters XML cannot hold dropped. */
export function escapeText(text: string): string {
  if (!SPECIAL_TEXT.test(text)) return text;
  return text
    .replace(INVALID_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/** An attribute value: like text, plus quotes, and line breaks and tabs as references so they survive parsing. */
export function escapeAttribute(text: string): string {
  if (!SPECIAL_ATTRIBUTE.test(text)) return text;
  return escapeText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/**
 * Builds one XML document as a string, indented by two spaces. Elements are opened and closed explicitly, so
 * a dataset is written in one pass in schema order.
 *
 * @example
 * const w = new XmlWriter();
 * w.open('a', { xmlns: 'urn:x' }).leaf('b', 'text').empty('c', { n: 1 }).close();
 * w.toString(); // '<?xml …?>\n<a xmlns="urn:x">\n  <b>text</b>\n  <c n="1"/>\n</a>\n'
 */
export class XmlWriter {
  // One growing string: V8 appends to it in place (a rope), which beats joining thousands of small parts.
  private out = '<?xml version="1.0" encoding="UTF-8"?>\n';
  private readonly stack: string[] = [];

  open(name: string, attributes?: XmlAttributes): this {
    this.out += `${indent(this.stack.length)}<${name}${attrs(attributes)}>\n`;
    this.stack.push(name);
    return this;
  }

  close(): this {
    const name = this.stack.pop();
    if (name === undefined) throw new Error('XmlWriter.close() without an open element');
    this.out += `${indent(this.stack.length)}</${name}>\n`;
    return this;
  }

  /** An element with text content; nothing is written when `text` is undefined. */
  leaf(name: string, text: string | number | undefined, attributes?: XmlAttributes): this {
    if (text === undefined) return this;
    this.out += `${indent(this.stack.length)}<${name}${attrs(attributes)}>${escapeText(String(text))}</${name}>\n`;
    return this;
  }

  empty(name: string, attributes?: XmlAttributes): this {
    this.out += `${indent(this.stack.length)}<${name}${attrs(attributes)}/>\n`;
    return this;
  }

  toString(): string {
    if (this.stack.length > 0) throw new Error(`XmlWriter: <${this.stack.join('>, <')}> not closed`);
    return this.out;
  }
}

const INDENTS: string[] = [];
function indent(depth: number): string {
  return (INDENTS[depth] ??= '  '.repeat(depth));
}

function attrs(attributes: XmlAttributes | undefined): string {
  if (!attributes) return '';
  let s = '';
  for (const name in attributes) {
    const value = attributes[name];
    if (value === undefined) continue;
    s += ` ${name}="${typeof value === 'string' ? escapeAttribute(value) : String(value)}"`;
  }
  return s;
}
