/** Stable codes of study errors. Callers branch on `code`, never on the message. */
export type StudyErrorCode = 'RULE_SET_MISMATCH' | 'INVALID_RULE_SET' | 'INVALID_STUDY';

/** Where in the input a problem is (JSON pointer), and what is wrong there. */
export interface StudyProblem {
  path: string;
  message: string;
}

/**
 * A study or rule set that cannot be checked as it stands. The message says how to fix it; `problems` lists every
 * problem found, each at its path.
 *
 * @example
 * try { checkCompliance(study, ruleSet('pas-2050-2011')); }
 * catch (e) { if (e instanceof StudyError && e.code === 'RULE_SET_MISMATCH') console.error(e.message); }
 */
export class StudyError extends Error {
  readonly code: StudyErrorCode;
  readonly problems: StudyProblem[];

  constructor(code: StudyErrorCode, message: string, problems: StudyProblem[] = []) {
    super(message);
    this.name = 'StudyError';
    this.code = code;
    this.problems = problems;
  }
}
