/** Base class of CLI errors; `code` is stable. A CliError always exits with status 2 (bad input or usage). */
export class CliError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Wrong or missing arguments; the message says what to type instead. */
export class UsageError extends CliError {
  constructor(message: string) {
    super('USAGE', message);
  }
}
