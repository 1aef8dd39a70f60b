/**
 * An element of a parsed XML document. Names are local names (namespace prefixes dropped); the namespace URI is
 * kept for formats that need it. `text` is the concatenated character data directly inside the element.
 */
export interface XmlElement {
  name: string;
  namespace: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  /** 1-based line of the start tag, for issue paths. */
  line: number;
}

/** The first child element named `name` (local name). */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

/** Every child element named `name`. */
export function children(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((c) => c.name === name) : [];
}

/** A descendant by a path of local names, e.g. `path(doc, 'processInformation', 'dataSetInformation')`. */
export function path(element: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let at = element;
  for (const n of names) at = child(at, n);
  return at;
}

/** Trimmed text of a descendant (or of the element itself when no names are given). */
export function textOf(element: XmlElement | undefined, ...names: string[]): string | undefined {
  const at = path(element, ...names);
  const t = at?.text.trim();
  return t === undefined || t === '' ? undefined : t;
}

/** An attribute by local name. */
export function attr(element: XmlElement | undefined, name: string): string | undefined {
  return element?.attributes[name];
}

/** Text in the preferred language among sibling elements with `xml:lang` (e.g. EcoSpold 2, ILCD). */
export function localized(elements: XmlElement[], language = 'en'): string | undefined {
  const pick =
    elements.find((e) => e.attributes.lang === language) ??
    elements.find((e) => e.attributes.lang === undefined) ??
    elements[0];
  const t = pick?.text.trim();
  return t === undefined || t === '' ? undefined : t;
}
