/**
 * A clean failure of a job, with what the user should know: a stable code, a message saying how to fix it,
 * details, and whether retrying the same input may help.
 *
 * @example throw new JobFailure('UPLOAD_MISSING', 'the uploaded file is gone: upload it again', { retryable: false })
 */
export class JobFailure extends Error {
  readonly code: string;
  readonly details: Record<string, unknown>;
  readonly retryable: boolean;

  constructor(
    code: string,
    message: string,
    options: { details?: Record<string, unknown>; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'JobFailure';
    this.code = code;
    this.details = options.details ?? {};
    this.retryable = options.retryable ?? false;
  }
}
