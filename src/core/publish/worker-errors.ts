/**
 * Errors cross from a worker thread to the build as plain data: structured cloning keeps an
 * Error's message and stack but drops a LaurelError's code, file, field, line and hint, which
 * the build needs to name the file at fault and say how to fix it.
 */
import { LaurelError, type LaurelErrorCode, LaurelErrors } from '../errors.ts';

interface LaurelFields {
  code: LaurelErrorCode;
  message: string;
  file: string | undefined;
  field: string | undefined;
  line: number | undefined;
  hint: string | undefined;
}

export type SerialisedError =
  | { kind: 'laurel'; errors: LaurelFields[] }
  | { kind: 'laurel-many'; errors: LaurelFields[] }
  | { kind: 'other'; message: string; stack: string | undefined };

export function serialiseError(error: unknown): SerialisedError {
  if (error instanceof LaurelError) return { kind: 'laurel', errors: [fields(error)] };
  if (error instanceof LaurelErrors) {
    return { kind: 'laurel-many', errors: error.errors.map(fields) };
  }
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error ? error.stack : undefined;
  return { kind: 'other', message, stack };
}

export function deserialiseError(error: SerialisedError): Error {
  if (error.kind === 'other') {
    const copy = new Error(error.message);
    if (error.stack) copy.stack = error.stack;
    return copy;
  }
  const errors = error.errors.map(
    ({ code, message, file, field, line, hint }) =>
      new LaurelError(code, message, { file, field, line, hint }),
  );
  const [first] = errors;
  return error.kind === 'laurel' && first ? first : new LaurelErrors(errors);
}

function fields(error: LaurelError): LaurelFields {
  const { code, message, file, field, line, hint } = error;
  return { code, message, file, field, line, hint };
}
