/**
 * One file of an archive or folder, by its '/'-separated path relative to the root. Readers of multi-file
 * formats (JSON-LD, ILCD) consume these, so zips, folders and in-memory test data share one code path.
 */
export interface ArchiveEntry {
  name: string;
  /** Raw bytes (UTF-8 for text formats) or already decoded text. */
  data: Uint8Array | string;
}
