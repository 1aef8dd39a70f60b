import { FormatError } from './errors.js';
import type { ImportIssue, IssueSeverity } from './import-issue.js';

/**
 * Collects import issues. In strict mode the first error-level issue throws a `FormatError` carrying it, so
 * callers that cannot accept partial data stop at once instead of computing on a damaged database.
 *
 * @example
 * const log = new IssueLog({ strict: false });
 * log.warning('flows/x.json', '/cas', 'INVALID_FIELD', 'CAS number is not a string; it was ignored.');
 * log.issues.length; // 1
 */
export class IssueLog {
  readonly issues: ImportIssue[] = [];
  readonly strict: boolean;

  constructor(options?: { strict?: boolean }) {
    this.strict = options?.strict ?? false;
  }

  add(issue: ImportIssue): void {
    this.issues.push(issue);
    if (this.strict && issue.severity === 'error') {
      const where = issue.path === '' ? issue.file : `${issue.file}#${issue.path}`;
      throw new FormatError(issue.code, `${where}: ${issue.message}`, { file: issue.file, issue });
    }
  }

  report(severity: IssueSeverity, file: string, path: string, code: string, message: string): void {
    this.add({ file, path, code, severity, message });
  }

  error(file: string, path: string, code: string, message: string): void {
    this.report('error', file, path, code, message);
  }

  warning(file: string, path: string, code: string, message: string): void {
    this.report('warning', file, path, code, message);
  }

  info(file: string, path: string, code: string, message: string): void {
    this.report('info', file, path, code, message);
  }

  /** True when at least one error-level issue was recorded. */
  get hasErrors(): boolean {
    return this.issues.some((i) => i.severity === 'error');
  }
}
