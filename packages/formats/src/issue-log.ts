import { FormatError } from './errors.js';
import type { ImportIssue, IssueSeverity } from './import-issue.js';

/** Longest message kept as it is. Messages quote values from the input, which can be megabytes long. */
const MAX_MESSAGE = 1000;

/** The message with its overlong words (a quoted 10 MB number, a formula of 200,000 parentheses) shortened. */
function bounded(message: string): string {
  // split() rather than a /\S{101,}/ replace: that regex overflows the stack on a word of 10 million characters.
  const shorter = message
    .split(/(\s+)/)
    .map((w) => (w.length > 100 ? `${w.slice(0, 60)}…[${w.length} characters]` : w))
    .join('');
  if (shorter.length <= MAX_MESSAGE) return shorter;
  // Keep the end too: it says what to do.
  return `${shorter.slice(0, 600)} … ${shorter.slice(-300)}`;
}

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
    if (issue.message.length > MAX_MESSAGE) issue = { ...issue, message: bounded(issue.message) };
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
