/**
 * The one error class of the badge core. Every failure a user can cause (bad front matter, a
 * missing key, a broken image) is a LaurelError with a stable `code`, the file and field it is
 * about when there is one, and a `hint` that says how to fix it. The CLI and the Astro integration
 * turn it into a message and an exit status; library code never prints.
 */
export type LaurelErrorCode =
  | 'ERR_CONFIG'
  | 'ERR_CONTENT'
  | 'ERR_REFERENCE'
  | 'ERR_DUPLICATE_ID'
  | 'ERR_PLAINTEXT_EMAIL'
  | 'ERR_IMAGE'
  | 'ERR_KEYS'
  | 'ERR_SIGN'
  | 'ERR_BAKE'
  | 'ERR_UNBAKE'
  | 'ERR_STATUS'
  | 'ERR_PUBLISHED'
  | 'ERR_LEAK'
  | 'ERR_SELF_CHECK'
  | 'ERR_CONTEXT';

export interface LaurelErrorDetails {
  /** Path of the file at fault, relative to the project root where possible. */
  file?: string | undefined;
  /** Dotted path of the field at fault, e.g. `recipient.id` or `evidence[0].url`. */
  field?: string | undefined;
  /** 1-based line in `file`, when known. */
  line?: number | undefined;
  /** One sentence that tells the user what to write or do instead. */
  hint?: string | undefined;
  cause?: unknown;
}

export class LaurelError extends Error {
  override readonly name = 'LaurelError';
  readonly code: LaurelErrorCode;
  readonly file: string | undefined;
  readonly field: string | undefined;
  readonly line: number | undefined;
  readonly hint: string | undefined;

  constructor(code: LaurelErrorCode, message: string, details: LaurelErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.file = details.file;
    this.field = details.field;
    this.line = details.line;
    this.hint = details.hint;
  }

  /** `file:line: field: message. hint` — the one-line form used by the CLI and the build. */
  format(): string {
    const where = this.file ? `${this.file}${this.line ? `:${this.line}` : ''}: ` : '';
    const field = this.field ? `${this.field}: ` : '';
    const message = /[.!?]$/.test(this.message) ? this.message : `${this.message}.`;
    const hint = this.hint ? ` ${this.hint}` : '';
    return `${where}${field}${message}${hint}`;
  }
}

/** Several content problems found in one pass, reported together. */
export class LaurelErrors extends Error {
  override readonly name = 'LaurelErrors';
  readonly errors: readonly LaurelError[];

  constructor(errors: readonly LaurelError[]) {
    super(errors.map((error) => error.format()).join('\n'));
    this.errors = errors;
  }
}
