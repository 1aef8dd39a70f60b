import type { Database } from '@opencfp/core';
import {
  convertEcoSpold2Dataset,
  detach,
  readEcoSpold2MasterDataUsed,
  type EcoSpold2State,
} from './eco-spold2-dataset.js';
import { finishEcoSpold2 } from './eco-spold2-finish.js';
import { EcoSpold2MasterData } from './eco-spold2-master-data.js';
import { FormatError } from './errors.js';
import type { ImportIssue } from './import-issue.js';
import { IssueLog } from './issue-log.js';
import { decodeXml } from './xml/decode-xml.js';
import { DEFAULT_XML_LIMITS, streamXml, type XmlLimits } from './xml/parse-xml.js';
import type { XmlElement } from './xml/xml-element.js';

const DATASETS = new Set(['activityDataset', 'childActivityDataset']);

/**
 * An issue log whose issues keep no file text alive: messages quote ids and names read from the XML, which are
 * slices of the whole file (see `detach`). Use it for reads of large databases.
 *
 * @example
 * const log = new EcoSpold2IssueLog({ strict: false });
 */
export class EcoSpold2IssueLog extends IssueLog {
  override add(issue: ImportIssue): void {
    super.add({
      ...issue,
      file: detach(issue.file),
      path: detach(issue.path),
      message: detach(issue.message),
    });
  }
}

/**
 * Reads EcoSpold 2 files one by one (`add`) and builds the database at the end (`finish`). Each file is decoded
 * (BOM or declared encoding, e.g. GBK), parsed, converted and dropped before the next one, so memory holds the
 * database being built plus one file. A file that is not well-formed XML, not EcoSpold 2, or an EcoSpold 1 file
 * is reported and skipped as a whole; ecoinvent master-data files (MasterData/*.xml) are recognised by their
 * root element.
 *
 * @example
 * const log = new IssueLog();
 * const converter = new EcoSpold2Converter(log);
 * converter.add('datasets/a_b.spold', bytes);
 * const db = converter.finish('ecoinvent');
 */
export class EcoSpold2Converter {
  private readonly state: EcoSpold2State;
  private readonly masterData = new EcoSpold2MasterData();
  private readonly strings = new Map<string, string>();
  private files = 0;

  constructor(
    private readonly log: IssueLog,
    private readonly xmlLimits?: XmlLimits,
  ) {
    this.state = {
      log,
      flows: new Map(),
      flowGroups: new Map(),
      stats: new Map(),
      locations: new Map(),
      sources: new Map(),
      actors: new Map(),
      globals: new Map(),
      usedGroups: new Set(),
      treatmentOutputs: new Set(),
      records: [],
      keys: new Set(),
      intern: (s) => {
        const known = this.strings.get(s);
        if (known !== undefined) return known;
        const own = detach(s);
        this.strings.set(own, own);
        return own;
      },
    };
  }

  /** Number of EcoSpold 2 files met (read or skipped); 0 means the source holds no EcoSpold 2 data. */
  get datasets(): number {
    return this.files;
  }

  /** Whether `add` would read an archive entry of this name (.spold and .xml files). */
  wants(name: string): boolean {
    if (name.startsWith('__MACOSX/') || /(^|\/)\._/.test(name)) return false;
    return /\.(spold|xml)$/i.test(name);
  }

  /**
   * Reads one file. With `single` (a lone file given by the user, not an archive entry), a file that cannot be
   * read at all throws a `FormatError` instead of being reported and skipped.
   */
  add(name: string, data: Uint8Array | string, options?: { single?: boolean }): void {
    const single = options?.single ?? false;
    const isSpold = /\.spold$/i.test(name);
    if (data.length === 0) {
      if (isSpold) this.files++;
      this.log.error(name, '', 'EMPTY_FILE', 'The file is empty (0 bytes); it was skipped.');
      return;
    }
    let text: string;
    try {
      text = typeof data === 'string' ? data : decodeXml(data, name).text;
    } catch (e) {
      if (!(e instanceof FormatError)) throw e;
      if (single) throw e;
      this.files++;
      this.log.error(name, '', e.code, `${e.message.replace(/^[^:]*: /, '')} The file was skipped.`);
      return;
    }

    let rootName = '';
    let ecoSpold1 = false;
    const datasets: XmlElement[] = [];
    const used: XmlElement[] = [];
    const master: XmlElement[] = [];
    try {
      streamXml(
        text,
        name,
        (names) => {
          if (names.length === 1) rootName = names[0];
          if (names.length !== 2) return false;
          if (rootName === 'ecoSpold') {
            if (names[1] === 'dataset') ecoSpold1 = true;
            return DATASETS.has(names[1]) || names[1] === 'usedUserMasterData';
          }
          return EcoSpold2MasterData.isEntry(rootName, names[1]);
        },
        (element) => {
          if (rootName !== 'ecoSpold') master.push(element);
          else if (element.name === 'usedUserMasterData') used.push(element);
          else datasets.push(element);
        },
        this.xmlLimits ?? DEFAULT_XML_LIMITS,
        // EcoSpold 2 files never depend on namespace URIs; not resolving them parses a third faster.
        { namespaces: false },
      );
    } catch (e) {
      if (!(e instanceof FormatError)) throw e;
      if (single) throw e;
      if (isSpold || rootName === 'ecoSpold') this.files++;
      this.log.error(name, '', e.code, `${e.message.replace(/^[^:]*: /, '')} The file was skipped.`);
      return;
    }

    if (EcoSpold2MasterData.isRoot(rootName)) {
      for (const e of master) this.masterData.add(rootName, e);
      return;
    }
    // Other ecoinvent master data (validPersons, validUnits, validSources, …): nothing the model needs.
    if (/^valid[A-Z]/.test(rootName) && !isSpold) return;
    if (rootName !== 'ecoSpold') {
      const message =
        `The file's root element is <${rootName}>, not <ecoSpold>: it is not an EcoSpold 2 dataset and was ` +
        'skipped.';
      if (single) throw new FormatError('UNKNOWN_FORMAT', `${name}: ${message}`, { file: name });
      if (isSpold) {
        this.files++;
        this.log.error(name, '', 'NOT_ECOSPOLD2', message);
      } else this.log.info(name, '', 'NOT_ECOSPOLD2', message);
      return;
    }
    this.files++;
    if (ecoSpold1) {
      const message =
        'This is an EcoSpold 1 file (ecoinvent 2 format); it was skipped. Read it with the EcoSpold 1 reader.';
      if (single) throw new FormatError('UNKNOWN_FORMAT', `${name}: ${message}`, { file: name });
      this.log.error(name, '', 'ECOSPOLD1_FILE', message);
      return;
    }
    if (datasets.length === 0) {
      this.log.error(
        name,
        '/ecoSpold',
        'NO_DATASET',
        'The file has no activityDataset or childActivityDataset; it was skipped.',
      );
      return;
    }
    for (const ds of datasets) {
      const record = convertEcoSpold2Dataset(ds, name, this.state);
      if (record) this.state.records.push(record);
    }
    for (const u of used) readEcoSpold2MasterDataUsed(u, this.state);
  }

  /** The database of everything added (call once). */
  finish(name?: string): Database {
    return finishEcoSpold2(this.state, this.masterData, name);
  }
}
