/** How bad an import issue is: errors lose data, warnings may change results, infos are for the record. */
export type IssueSeverity = 'error' | 'warning' | 'info';

/**
 * One problem found while reading a source. Readers keep going and collect these instead of failing, so a
 * user sees every problem of an export at once.
 */
export interface ImportIssue {
  /** The entry inside the archive or folder, e.g. `processes/0a1b….json`; the archive itself for zip-level issues. */
  file: string;
  /** JSON pointer into the file's dataset, e.g. `/exchanges/3/amount`; '' for the whole file. */
  path: string;
  /** Stable machine-readable code, e.g. `UNKNOWN_UNIT`. */
  code: string;
  severity: IssueSeverity;
  /** What is wrong and what to do about it. */
  message: string;
}

/** What a reader returns: the data it could read and everything it had to skip or guess. */
export interface ReadResult<T> {
  data: T;
  issues: ImportIssue[];
}
