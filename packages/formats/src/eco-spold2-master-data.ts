import type { Flow, Location } from '@opencfp/core';
import { detach, normalizeCas } from './eco-spold2-dataset.js';
import { attr, children, localized, type XmlElement } from './xml/xml-element.js';

interface FlowEntry {
  name?: string;
  cas?: string;
  formula?: string;
  category?: string;
}

/** Root elements of the ecoinvent master-data files this reader uses, and the entries they list. */
const ROOTS: Readonly<Record<string, string>> = {
  validElementaryExchanges: 'elementaryExchange',
  validIntermediateExchanges: 'intermediateExchange',
  validGeographies: 'geography',
};

/**
 * The master data of an ecoinvent release (MasterData/ElementaryExchanges.xml, IntermediateExchanges.xml,
 * Geographies.xml). Datasets already name their flows and geographies; the master data adds what they leave
 * out (CAS numbers, chemical formulas, compartments, full geography names). Files can come before or after
 * the datasets, so entries are collected here and applied once all datasets are read.
 *
 * @example
 * const md = new EcoSpold2MasterData();
 * if (EcoSpold2MasterData.isRoot(root.name)) md.add(root.name, entryElement);
 * md.applyToFlow(flow); md.applyToLocation(location);
 */
export class EcoSpold2MasterData {
  private readonly elementary = new Map<string, FlowEntry>();
  private readonly intermediate = new Map<string, FlowEntry>();
  private readonly geographies = new Map<string, { name?: string; shortname?: string }>();

  /** Whether a document with this root element is master data this class reads. */
  static isRoot(rootName: string): boolean {
    return rootName in ROOTS;
  }

  /** Whether `name` is an entry element of the master-data document `rootName`. */
  static isEntry(rootName: string, name: string): boolean {
    return ROOTS[rootName] === name;
  }

  /** Number of entries read. */
  get size(): number {
    return this.elementary.size + this.intermediate.size + this.geographies.size;
  }

  /** Reads one entry element of a master-data document. */
  add(rootName: string, e: XmlElement): void {
    const id = attr(e, 'id')?.trim();
    if (!id) return;
    if (rootName === 'validGeographies') {
      this.geographies.set(id, {
        name: localized(children(e, 'name')),
        shortname: localized(children(e, 'shortname')),
      });
      return;
    }
    const entry: FlowEntry = {
      name: localized(children(e, 'name')),
      cas: normalizeCas(attr(e, 'casNumber')),
    };
    if (rootName === 'validElementaryExchanges') {
      const formula = attr(e, 'formula')?.trim();
      if (formula) entry.formula = formula;
      const compartment = children(e, 'compartment')[0];
      const path = [
        localized(children(compartment, 'compartment')),
        localized(children(compartment, 'subcompartment')),
      ]
        .filter((s) => s !== undefined)
        .join('/');
      if (path) entry.category = path;
      this.elementary.set(id, entry);
    } else this.intermediate.set(id, entry);
  }

  /** Fills the fields the datasets left empty. */
  applyToFlow(flow: Flow): void {
    const entry = flow.type === 'elementary' ? this.elementary.get(flow.id) : this.intermediate.get(flow.id);
    if (!entry) return;
    // Detached: the master-data file text is not to be kept for a few fields.
    if (!flow.cas && entry.cas) flow.cas = detach(entry.cas);
    if (!flow.formula && entry.formula) flow.formula = detach(entry.formula);
    if (!flow.category && entry.category) flow.category = detach(entry.category);
  }

  /** Gives a location its full name ('Switzerland' for CH), keeping the short name as its code. */
  applyToLocation(location: Location): void {
    const entry = this.geographies.get(location.id);
    if (!entry) return;
    if (entry.shortname && !location.code) location.code = detach(entry.shortname);
    if (entry.name) location.name = detach(entry.name);
  }
}
