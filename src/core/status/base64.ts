/**
 * Base64 for status lists, in Node and in the browser. We write base64url without
 * padding, as the multibase `u` form requires; we read either alphabet, with or
 * without padding, because other issuers publish standard base64 under the `u`
 * prefix too.
 */
import { LaurelError } from '../errors.ts';

// btoa/atob take "binary strings"; chunking keeps String.fromCharCode under the
// argument limit.
const CHUNK = 0x8000;

/** Bytes as base64url without padding (RFC 4648 section 5). */
export function bytesToBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(at, at + CHUNK));
  }
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/**
 * Decodes base64 in either alphabet (`+/` or `-_`), padded or not. Anything else (a
 * stray character, an impossible length) is an ERR_STATUS naming `what`, the field
 * being decoded.
 */
export function base64ToBytes(text: string, what: string): Uint8Array {
  const standard = text.replaceAll('-', '+').replaceAll('_', '/').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(standard) || standard.length % 4 === 1) {
    throw new LaurelError('ERR_STATUS', `"${what}" is not base64.`, {
      hint: 'Expect multibase base64url: a `u` followed by the characters A-Z a-z 0-9 - _.',
    });
  }
  const binary = atob(standard.padEnd(Math.ceil(standard.length / 4) * 4, '='));
  const bytes = new Uint8Array(binary.length);
  for (let at = 0; at < binary.length; at++) bytes[at] = binary.charCodeAt(at);
  return bytes;
}
