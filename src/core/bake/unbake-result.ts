/**
 * What unbaking returns. A result object, never an exception: unbaking reads files
 * from strangers (uploads, downloads), and every way they can be wrong is an
 * answer, not a crash.
 */
import type { BakeVersion } from './bake-names.ts';
import { classifyCredentialText } from './credential-text.ts';

export type UnbakeFormat = 'png' | 'svg';

export type UnbakeFailureCode =
  | 'not-png-or-svg'
  | 'no-credential'
  | 'multiple-credentials'
  | 'unreadable';

export interface UnbakeSuccess {
  ok: true;
  format: UnbakeFormat;
  /**
   * The parsed credential JSON, or a compact JWS (or, in OB 2.0, an assertion URL)
   * as is.
   */
  credential: object | string;
  /** The baked text exactly as stored, surrounding whitespace included. */
  text: string;
}

export interface UnbakeFailure {
  ok: false;
  code: UnbakeFailureCode;
  /**
   * One or two plain sentences for a person, saying what is wrong with the file.
   */
  message: string;
}

export type UnbakeResult = UnbakeSuccess | UnbakeFailure;

/** Builds a failed result; `message` should be a full sentence ending in a period. */
export function failure(code: UnbakeFailureCode, message: string): UnbakeFailure {
  return { ok: false, code, message };
}

/**
 * Turns the text found in an image into a result: JSON when it starts with `{`,
 * otherwise a compact JWS; a URL counts only for OB 2.0, whose hosted badges bake
 * the assertion's address.
 */
export function credentialResult(
  format: UnbakeFormat,
  text: string,
  version: BakeVersion,
): UnbakeResult {
  const found = classifyCredentialText(text);
  if ('problem' in found || (found.kind === 'url' && version === '3.0')) {
    const problem = 'problem' in found ? found.problem : 'it is a URL, which OB 3.0 does not allow';
    return failure('unreadable', `The ${format.toUpperCase()} holds baked text, but ${problem}.`);
  }
  return { ok: true, format, credential: found.credential, text };
}
