export type { ArchiveEntry } from './archive-entry.js';
export { crc32 } from './crc32.js';
export { FormatError, type FormatErrorCode } from './errors.js';
export {
  classifyElementaryCategory,
  guessNomenclature,
  type NomenclatureClue,
} from './guess-nomenclature.js';
export type { ImportIssue, IssueSeverity, ReadResult } from './import-issue.js';
export { IssueLog } from './issue-log.js';
export { JsonLdConverter } from './json-ld-converter.js';
export { jsonLdEntryKind, type JsonLdKind } from './json-ld-entry-kind.js';
export { jsonPointer } from './json-pointer.js';
export { readFolderEntries, type ReadFolderEntriesOptions } from './read-folder-entries.js';
export { noJsonLdError, readJsonLdEntries, type ReadJsonLdEntriesOptions } from './read-json-ld-entries.js';
export { readJsonLd, type ReadJsonLdOptions } from './read-json-ld.js';
export {
  DEFAULT_ZIP_LIMITS,
  readZipEntries,
  type ReadZipEntriesOptions,
  type ZipLimits,
} from './read-zip-entries.js';
export { ZipWriter, type ZipEntryOptions } from './zip-writer.js';
export { readEcoSpold1, readEcoSpold1Entries } from './read-eco-spold1.js';
export type {
  ReadEcoSpold1Options,
  ReadEcoSpold1EntriesOptions,
  EcoSpold1Limits,
} from './read-eco-spold1.js';
export { readSimaProCsv, readSimaProCsvText, type ReadSimaProCsvOptions } from './read-simapro-csv.js';
export {
  JSON_LD_PACKAGE_INFO,
  writeJsonLd,
  writeJsonLdEntries,
  type WriteJsonLdOptions,
} from './write-json-ld.js';
export { detectFormat, sniffContent, type DatabaseFormat, type DetectedFormat } from './detect-format.js';
export { unitCatalogue } from './unit-catalogue.js';
export { decodeXml, type DecodedXml } from './xml/decode-xml.js';
export { parseXml, streamXml, DEFAULT_XML_LIMITS, type XmlLimits } from './xml/parse-xml.js';
export type { XmlElement } from './xml/xml-element.js';
export { readDatabase, type ReadDatabaseOptions, type DatabaseReadResult } from './read-database.js';
export { readEcoSpold2, readEcoSpold2Entries } from './read-eco-spold2.js';
export { readIlcd, readIlcdEntries } from './read-ilcd.js';
export { writeIlcd, writeIlcdEntries } from './write-ilcd.js';
export type { ReadEcoSpold2Options, ReadEcoSpold2EntriesOptions } from './read-eco-spold2.js';
export {
  UnitCatalogue,
  UNIT_GROUPS,
  type UnitMatch,
  type CatalogueGroup,
  type CatalogueUnit,
} from './unit-catalogue.js';
export type { StreamXmlOptions } from './xml/parse-xml.js';
export type { ReadIlcdOptions, ReadIlcdEntriesOptions } from './read-ilcd.js';
export type { WriteIlcdOptions } from './write-ilcd.js';
export { generateSyntheticDatabase, type SyntheticDatabaseOptions } from './generate-synthetic-database.js';
export {
  writeEcoSpold2,
  writeEcoSpold2Entries,
  type WriteEcoSpold2Options,
  type WriteEcoSpold2Result,
} from './write-eco-spold2.js';
