import type { Actor, Database, Flow, Location, Process, Source } from '@opencfp/core';
import { convertEcoSpold1Dataset, ecoSpold1FlowId, type EcoSpold1Registry } from './eco-spold1-dataset.js';
import { nameBasedUuid } from './eco-spold1-ids.js';
import { ecoSpold1Nomenclature } from './eco-spold1-nomenclature.js';
import { xmlTextChunks } from './eco-spold1-text.js';
import { EcoSpold1Units } from './eco-spold1-units.js';
import { FormatError } from './errors.js';
import type { IssueLog } from './issue-log.js';
import { DEFAULT_XML_LIMITS, streamXml, type XmlLimits } from './xml/parse-xml.js';
import type { XmlElement } from './xml/xml-element.js';

/**
 * Elements per document. A dataset is converted and dropped as soon as it is read, so the document may be far
 * larger than a tree parse allows (an ecoinvent 2 file in one document has ~5 million elements); each dataset is
 * still one subtree in memory.
 */
export const ECOSPOLD1_MAX_ELEMENTS = 50_000_000;

const ES1_IMPACT = /EcoSpold01Impact$/i;

/** What one XML document turned out to be. */
export interface EcoSpold1FileSummary {
  /** Local name of the root element ('ecoSpold', 'categories', …); undefined when there was none. */
  root: string | undefined;
  /** `<dataset>` elements seen (read or skipped). */
  datasets: number;
}

/**
 * Turns EcoSpold 1 XML documents into one database: `add` each document (a file with many `<dataset>`s or one
 * each), then `finish`. Datasets are streamed one at a time; flows, units, locations, sources and persons are
 * shared by all datasets, with name-based ids (see `ecoSpold1FlowId`).
 *
 * @example
 * const converter = new EcoSpold1Converter(new IssueLog());
 * converter.add('db.xml', [bytes]);
 * const db = converter.finish('uslci');
 */
export class EcoSpold1Converter {
  /** Processes read so far. */
  get datasets(): number {
    return this.processes.length;
  }

  private readonly processes: Process[] = [];
  private readonly processIds = new Set<string>();
  private readonly flows = new Map<string, Flow>();
  private readonly locations = new Map<string, Location>();
  private readonly sources = new Map<string, Source>();
  private readonly actors = new Map<string, Actor>();
  private readonly units: EcoSpold1Units;
  private readonly limits: XmlLimits;
  /** Flows and locations created by the dataset being read: removed again when it is skipped. */
  private pendingFlows: string[] = [];
  private pendingLocations: string[] = [];
  private readonly registry: EcoSpold1Registry;

  constructor(
    private readonly log: IssueLog,
    options?: { maxElements?: number; maxDepth?: number },
  ) {
    this.units = new EcoSpold1Units(log);
    this.limits = {
      maxDepth: options?.maxDepth ?? DEFAULT_XML_LIMITS.maxDepth,
      maxElements: options?.maxElements ?? ECOSPOLD1_MAX_ELEMENTS,
    };
    const flowIds = new Map<string, string>();
    this.registry = {
      flowId: (type, category, subCategory, name, unit) => {
        const key = `${type}\u0000${category ?? ''}\u0000${subCategory ?? ''}\u0000${name}\u0000${unit}`;
        let id = flowIds.get(key);
        if (id === undefined)
          flowIds.set(key, (id = ecoSpold1FlowId(type, category, subCategory, name, unit)));
        return id;
      },
      flow: (id, make) => {
        let f = this.flows.get(id);
        if (!f) {
          f = make();
          this.flows.set(id, f);
          this.pendingFlows.push(id);
        }
        return f;
      },
      unit: (name, file, at) => this.units.resolve(name, file, at),
      location: (code) => {
        const id = nameBasedUuid(code);
        if (!this.locations.has(id)) {
          // The code is the name, as in openLCA's import and the US LCI JSON-LD release ('RNA', 'US').
          this.locations.set(id, { id, name: code, code });
          this.pendingLocations.push(id);
        }
        return id;
      },
      source: (id, make) => {
        if (!this.sources.has(id)) this.sources.set(id, { id, ...make() });
      },
      actor: (id, name) => {
        if (!this.actors.has(id)) this.actors.set(id, { id, name });
      },
    };
  }

  /**
   * Reads one XML document: text, or its bytes in pieces (decoded by BOM / XML declaration). Problems of the
   * document as a whole (not XML, bad encoding, not EcoSpold 1) are logged against `file` and the document is
   * skipped, keeping the datasets read before a syntax error; with `failWhole`, a document that yields no
   * dataset throws its `FormatError` instead (used when the document is the whole input).
   */
  add(
    file: string,
    data: string | Iterable<Uint8Array>,
    options?: { failWhole?: boolean },
  ): EcoSpold1FileSummary {
    let root: string | undefined;
    let es2 = false;
    let seen = 0;
    let impacts = 0;
    // Errors must not be thrown inside streamXml's callbacks (it would report them as XML syntax errors), so
    // they are kept here and thrown once parsing has stopped.
    let fatal: unknown;
    let fileError: unknown;
    const text: Iterable<string> = typeof data === 'string' ? [data] : xmlTextChunks(data, file);
    function* guarded(): Generator<string, void, undefined> {
      try {
        for (const chunk of text) {
          if (fatal !== undefined) return;
          yield chunk;
        }
      } catch (e) {
        fileError = e;
      }
    }
    const select = (names: readonly string[]): boolean => {
      if (names.length === 1) root = names[0];
      if (names.length !== 2 || root !== 'ecoSpold') return false;
      if (names[1] === 'activityDataset' || names[1] === 'childActivityDataset') es2 = true;
      return names[1] === 'dataset';
    };
    const onDataset = (element: XmlElement): void => {
      if (fatal !== undefined || fileError !== undefined) return;
      seen++;
      if (ES1_IMPACT.test(element.namespace)) {
        impacts++;
        return;
      }
      try {
        this.dataset(element, file, seen);
      } catch (e) {
        fatal = e;
      }
    };
    try {
      streamXml(guarded(), file, select, onDataset, this.limits);
    } catch (e) {
      fileError ??= e;
    }
    if (fatal !== undefined) throw fatal;
    if (fileError !== undefined) {
      if (!(fileError instanceof FormatError)) throw fileError;
      if (options?.failWhole && seen === 0) throw fileError;
      const message = fileError.message.startsWith(`${file}: `)
        ? fileError.message.slice(file.length + 2)
        : fileError.message;
      this.log.error(
        file,
        '',
        fileError.code,
        seen > 0
          ? `${message} The ${seen} dataset(s) before the problem were read; the rest of the file was not.`
          : `${message} The file was skipped.`,
      );
      return { root, datasets: seen };
    }
    if (impacts > 0)
      this.log.warning(
        file,
        '',
        'UNSUPPORTED_DATASET',
        `${impacts} EcoSpold 1 impact-assessment dataset(s) (EcoSpold01Impact) were not read: this reader reads ` +
          'process datasets only.',
      );
    // categories.xml (the category tree of a release) is not needed: every dataset names its category and
    // sub-category, which become the process and flow category paths.
    if (root === 'categories') return { root, datasets: seen };
    if (root === 'ecoSpold' && es2)
      this.log.warning(
        file,
        '',
        'UNSUPPORTED_FORMAT',
        'This is an EcoSpold 2 document (activityDataset), not EcoSpold 1; it was skipped. Read it with the EcoSpold 2 reader.',
      );
    else if (root === 'ecoSpold' && seen === 0)
      this.log.warning(
        file,
        '',
        'NO_DATASETS',
        'The EcoSpold document contains no <dataset>; nothing was read from it.',
      );
    else if (root !== 'ecoSpold' && !options?.failWhole)
      this.log.warning(
        file,
        '',
        'NOT_ECOSPOLD1',
        `The XML root element is <${root ?? '?'}>, not <ecoSpold>; the file is not an EcoSpold 1 document and was skipped.`,
      );
    return { root, datasets: seen };
  }

  private dataset(element: XmlElement, file: string, index: number): void {
    const base = `/ecoSpold/dataset[${index}]`;
    this.pendingFlows = [];
    this.pendingLocations = [];
    const process = convertEcoSpold1Dataset(element, { file, base }, this.log, this.registry);
    const duplicate = process !== undefined && this.processIds.has(process.id);
    if (duplicate)
      this.log.warning(
        file,
        base,
        'DUPLICATE_DATASET',
        `dataset number ${element.attributes.number ?? '(none)'} ('${process.name}') repeats a dataset with the same ` +
          'number, name, category, unit, location and type; the repetition was skipped.',
      );
    if (!process || duplicate) {
      for (const id of this.pendingFlows) this.flows.delete(id);
      for (const id of this.pendingLocations) this.locations.delete(id);
      return;
    }
    this.processIds.add(process.id);
    this.processes.push(process);
  }

  /**
   * The database read so far. Elementary flows get their nomenclature from the compartments of the whole
   * database (see `ecoSpold1Nomenclature`).
   *
   * @example
   * const db = converter.finish('uslci');
   */
  finish(name?: string): Database {
    const flows = [...this.flows.values()];
    const elementary = flows.filter((f) => f.type === 'elementary');
    const verdicts = ecoSpold1Nomenclature(elementary.map((f) => f.category));
    elementary.forEach((f, i) => (f.nomenclature = verdicts[i]));
    const { unitGroups, flowProperties } = this.units.used();
    return {
      name,
      unitGroups,
      flowProperties,
      flows,
      processes: this.processes,
      locations: [...this.locations.values()],
      parameters: [],
      impactMethods: [],
      sources: [...this.sources.values()],
      actors: [...this.actors.values()],
    };
  }
}
