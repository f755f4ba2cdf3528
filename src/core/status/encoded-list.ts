/**
 * The `encodedList` of a BitstringStatusList: the bitstring, GZIP-compressed, in
 * multibase base64url without padding (a `u` followed by the base64url text). Runs
 * in Node and in the browser, so the verify page decodes lists with the same code
 * that wrote them.
 */
import { LaurelError } from '../errors.ts';
import { base64ToBytes, bytesToBase64url } from './base64.ts';
import { createBitstring, MIN_STATUS_LIST_LENGTH } from './bitstring.ts';
import { gunzip, gzip } from './gzip.ts';

/** The multibase prefix of base64url without padding. */
export const MULTIBASE_BASE64URL = 'u';

// 16 MiB: 134 million entries, a thousand times the minimum; more is hostile.
const MAX_LIST_BYTES = 16 * 1024 * 1024;
// Multibase prefixes of the base64 family, all tolerated on input.
const BASE64_PREFIXES = new Set(['u', 'U', 'm', 'M']);
// base64 of any GZIP stream starts with these four characters (bytes 1f 8b 08).
const GZIP_BASE64_START = 'H4sI';

/**
 * Encodes a status list of `length` bits (at least 131,072 and a multiple of 8) in
 * which exactly `setIndices` are set, as the value of `encodedList`. The output is
 * deterministic: the same indices and length give the same string, so rebuilding an
 * unchanged site changes no file. (That holds for one deflate implementation; another
 * zlib may compress differently, but the list it writes decodes the same.)
 */
export async function encodeStatusList(
  setIndices: Iterable<number>,
  length: number = MIN_STATUS_LIST_LENGTH,
): Promise<string> {
  const compressed = await gzip(createBitstring(setIndices, length));
  return `${MULTIBASE_BASE64URL}${bytesToBase64url(compressed)}`;
}

/**
 * Decodes an `encodedList` into its bitstring (read bits with `isBitSet`). Besides
 * the `u` form the specification requires, it accepts what other issuers publish:
 * no multibase prefix, the standard base64 alphabet, padding. Text that is not
 * base64, not GZIP or inflates to nothing is an ERR_STATUS. The length is not
 * checked against the 131,072-bit minimum; that is the caller's call, since a
 * verifier may want to read a short list and report it.
 */
export async function decodeStatusList(encodedList: string): Promise<Uint8Array> {
  if (typeof encodedList !== 'string' || encodedList.length === 0) {
    throw new LaurelError('ERR_STATUS', '"encodedList" is missing or empty.', {
      hint: 'A BitstringStatusList carries its bits in credentialSubject.encodedList.',
    });
  }
  const text =
    !encodedList.startsWith(GZIP_BASE64_START) && BASE64_PREFIXES.has(encodedList[0] ?? '')
      ? encodedList.slice(1)
      : encodedList;
  const bits = await gunzip(base64ToBytes(text, 'encodedList'), MAX_LIST_BYTES, 'encodedList');
  if (bits.length === 0) {
    throw new LaurelError('ERR_STATUS', '"encodedList" decompresses to an empty bitstring.', {
      hint: `A status list holds at least ${MIN_STATUS_LIST_LENGTH} bits.`,
    });
  }
  return bits;
}
