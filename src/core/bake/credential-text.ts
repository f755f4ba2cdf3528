/**
 * Tells the three things a baked image can carry apart: the JSON of a credential
 * (embedded proof), a compact JWS (JWT proof), or, in OB 2.0 only, the URL of a
 * hosted assertion. Shared by the bakers, which refuse anything else, and the
 * unbaker. Browser-safe.
 */
import { LaurelError } from '../errors.ts';
import { FORBIDDEN_XML_CHARACTER } from './xml-character-check.ts';

export type CredentialText =
  | { kind: 'json'; credential: object }
  | { kind: 'jws'; credential: string }
  | { kind: 'url'; credential: string };

/**
 * Three base64url parts; the payload may be empty (detached), the header may not.
 */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;

/**
 * Classifies `text` the way the 1EdTech validator does: JSON when it starts with
 * `{`, otherwise a compact JWS, or an http(s) URL. Leading and trailing whitespace
 * is ignored, since SVG bodies are often indented. Returns a sentence saying what
 * is wrong when it is none of them.
 */
export function classifyCredentialText(text: string): CredentialText | { problem: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { problem: 'it is empty' };
  if (trimmed.startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { problem: `it starts with "{" but is not valid JSON (${reason})` };
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { problem: 'it is JSON but not a JSON object' };
    }
    return { kind: 'json', credential: value };
  }
  if (COMPACT_JWS.test(trimmed)) return { kind: 'jws', credential: trimmed };
  if (/^https?:\/\/\S+$/.test(trimmed) && URL.canParse(trimmed)) {
    return { kind: 'url', credential: trimmed };
  }
  return { problem: 'it is neither JSON, a compact JWS nor a URL' };
}

/**
 * Checks the text about to be baked and returns its kind. Throws `ERR_BAKE` when it
 * is not a JSON object or compact JWS (or, where `allowUrl`, a URL), when it starts
 * with whitespace (the validator then misreads JSON as a JWT), or when it cannot be
 * written to XML or UTF-8 as is.
 */
export function checkBakeText(text: string, allowUrl: boolean, file: string): CredentialText {
  const fail = (message: string, hint: string) =>
    new LaurelError('ERR_BAKE', message, { file, hint });
  const found = classifyCredentialText(text);
  if ('problem' in found || (found.kind === 'url' && !allowUrl)) {
    const problem = 'problem' in found ? found.problem : 'it is a URL';
    throw fail(
      `cannot bake this credential: ${problem}`,
      'Bake the credential JSON (embedded proof) or its compact JWS (JWT proof).',
    );
  }
  if (text !== text.trimStart()) {
    throw fail('cannot bake a credential that starts with whitespace', 'Trim the text first.');
  }
  if (FORBIDDEN_XML_CHARACTER.test(text)) {
    throw fail(
      'cannot bake a credential with control characters or unpaired surrogates',
      'Serialise the credential with JSON.stringify, which escapes them.',
    );
  }
  return found;
}
