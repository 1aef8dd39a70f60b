import { SaxesParser } from 'saxes';
import { FormatError } from '../errors.js';
import type { XmlElement } from './xml-element.js';

/** Limits that keep a hostile document from exhausting memory or the stack. */
export interface XmlLimits {
  /** Deepest element nesting accepted (real LCA formats stay below 20). */
  maxDepth: number;
  /** Largest number of elements in one document. */
  maxElements: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxDepth: 100, maxElements: 5_000_000 };

/** Options of {@link streamXml}. */
export interface StreamXmlOptions {
  /**
   * Resolve namespaces (default true). When false, element and attribute names are still reduced to their local
   * part (`xml:lang` → `lang`) but `XmlElement.namespace` is '' and undeclared prefixes are not errors; parsing
   * is about a third faster, which matters for formats that never look at namespace URIs (EcoSpold 2).
   */
  namespaces?: boolean;
}

/** The part of a qualified name after its prefix. */
function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

/**
 * Parses a whole XML document into a tree of {@link XmlElement}s. Only the five predefined entities are
 * expanded (saxes does not read DTDs), so entity-expansion attacks do nothing.
 *
 * @example
 * const root = parseXml(text, 'process.xml');
 * textOf(root, 'processInformation', 'dataSetInformation', 'UUID');
 */
export function parseXml(text: string, file: string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlElement {
  let root: XmlElement | undefined;
  streamXml(
    text,
    file,
    () => true,
    (element, depth) => {
      if (depth === 0) root = element;
    },
    limits,
  );
  if (!root)
    throw new FormatError('NOT_XML', `${file}: no XML element found. Is this an XML file?`, { file });
  return root;
}

/**
 * Streams a document and hands over complete subtrees of the elements `select` picks (by the stack of local names
 * from the root to the element), without keeping the rest: a 1 GB EcoSpold 1 file with thousands of datasets is
 * read one `<dataset>` at a time. `text` may be given in chunks.
 *
 * @example
 * streamXml(chunks, 'db.xml', (names) => names.length === 2 && names[1] === 'dataset', (ds) => convert(ds));
 */
export function streamXml(
  text: string | Iterable<string>,
  file: string,
  select: (names: readonly string[]) => boolean,
  onElement: (element: XmlElement, depth: number) => void,
  limits: XmlLimits = DEFAULT_XML_LIMITS,
  options?: StreamXmlOptions,
): void {
  const ns = options?.namespaces ?? true;
  const parser = new SaxesParser({ xmlns: ns, position: true });
  const names: string[] = [];
  // Elements being built: only inside a selected subtree.
  const open: (XmlElement | undefined)[] = [];
  let elements = 0;
  let failure: FormatError | undefined;
  // The first problem stops the parser at once: saxes would otherwise go on through the rest of the text, and
  // with namespaces on it resolves each tag's prefix through all open tags, so 100,000 nested elements after
  // the depth limit cost minutes.
  const fail = (code: string, message: string): never => {
    failure ??= new FormatError(code, `${file}: ${message}`, { file });
    throw failure;
  };
  parser.on('error', (e) => {
    fail(
      'INVALID_XML',
      `not well-formed XML (${e.message.replace(/^[^:]*:\d+:\d+: /, '')}) at line ${parser.line}, column ${parser.column}. Fix or re-export the file.`,
    );
  });
  parser.on('opentag', (tag) => {
    if (failure) return;
    const name = ns ? (tag.local ?? tag.name) : localName(tag.name);
    names.push(name);
    if (names.length > limits.maxDepth) {
      fail(
        'XML_TOO_DEEP',
        `elements nest deeper than ${limits.maxDepth} levels at line ${parser.line}; this is not an LCA dataset. ` +
          'Check that this is the right file.',
      );
    }
    if (++elements > limits.maxElements) {
      fail('XML_TOO_LARGE', `more than ${limits.maxElements} elements; split the file.`);
    }
    const parent = open[open.length - 1];
    if (parent !== undefined || select(names)) {
      const attributes: Record<string, string> = {};
      if (!ns) {
        for (const key in tag.attributes) {
          if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
          const a: string | { value: string } = tag.attributes[key];
          attributes[localName(key)] = typeof a === 'string' ? a : a.value;
        }
      } else {
        for (const a of Object.values(tag.attributes)) {
          const local = typeof a === 'string' ? undefined : a.local;
          if (typeof a !== 'string' && a.prefix === 'xmlns') continue;
          if (typeof a !== 'string' && local !== undefined && local !== '') attributes[local] = a.value;
        }
      }
      const element: XmlElement = {
        name,
        namespace: ns ? (tag.uri ?? '') : '',
        attributes,
        children: [],
        text: '',
        line: parser.line,
      };
      parent?.children.push(element);
      open.push(element);
    } else open.push(undefined);
  });
  const onText = (t: string) => {
    const current = open[open.length - 1];
    if (current !== undefined) current.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    if (failure) return;
    const element = open.pop();
    names.pop();
    if (element !== undefined && open[open.length - 1] === undefined) onElement(element, names.length);
  });
  try {
    if (typeof text === 'string') parser.write(text);
    else
      for (const chunk of text) {
        parser.write(chunk);
        if (failure) break;
      }
    if (!failure) parser.close();
  } catch (e) {
    if (failure) throw failure;
    fail('INVALID_XML', `not well-formed XML: ${(e as Error).message}`);
  }
}
