/**
 * Reads the credential baked into a PNG or SVG image. Browser-safe and total:
 * whatever the bytes, `unbake` returns a result object and never throws.
 */
import { readStreamCapped } from '../read-stream.ts';
import type { BakeVersion } from './bake-names.ts';
import { hasPngSignature } from './png-chunks.ts';
import { looksLikeMarkup, sniffImageFormat } from './sniff-image-format.ts';
import { readPngBakedText } from './unbake-png.ts';
import { credentialResult, failure, type UnbakeResult } from './unbake-result.ts';
import { readSvgBakedText } from './unbake-svg.ts';

export type { UnbakeFailureCode, UnbakeFormat, UnbakeResult } from './unbake-result.ts';

export interface UnbakeOptions {
  /**
   * Which baking to read: `3.0` (the default) or the OB 2.0 `openbadges` chunk and
   * element.
   */
  version?: BakeVersion;
}

/**
 * Inflated text larger than this is refused, so a zlib bomb cannot exhaust memory.
 */
const MAX_INFLATED_LENGTH = 16 * 1024 * 1024;

/**
 * Extracts the credential from a baked PNG or SVG: the parsed JSON of an
 * embedded-proof credential, or the compact JWS string of a JWT-proof one, with the
 * stored text. Any problem (not an image, no credential, two credentials, damaged
 * file, bad UTF-8, compressed PNG text) is a `{ ok: false, code, message }` result.
 * Compressed `iTXt` text, which the spec forbids, is reported as unreadable here;
 * `unbakeAsync` inflates it.
 */
export function unbake(bytes: Uint8Array, options: UnbakeOptions = {}): UnbakeResult {
  try {
    const version = options.version ?? '3.0';
    if (hasPngSignature(bytes)) {
      const found = readPngBakedText(bytes, version);
      if (found.ok === 'compressed') {
        const forbidden = `The "${found.keyword}" chunk is compressed, which Open Badges forbids.`;
        return failure('unreadable', `${forbidden} unbakeAsync can still read it.`);
      }
      return found.ok ? credentialResult('png', found.text, version) : found;
    }
    return unbakeText(bytes, version);
  } catch (error) {
    return unexpected(error);
  }
}

/**
 * Like `unbake`, but also reads PNG text that was stored zlib-compressed (as some
 * tools do, against the spec), inflating it with the browser's
 * `DecompressionStream`. Never rejects.
 */
export async function unbakeAsync(
  bytes: Uint8Array,
  options: UnbakeOptions = {},
): Promise<UnbakeResult> {
  try {
    const version = options.version ?? '3.0';
    if (!hasPngSignature(bytes)) return unbake(bytes, options);
    const found = readPngBakedText(bytes, version);
    if (found.ok !== 'compressed') return unbake(bytes, options);
    const inflated = await inflate(found.data);
    if (!inflated) {
      return failure('unreadable', `The compressed "${found.keyword}" chunk does not inflate.`);
    }
    const text = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
    return credentialResult('png', text, version);
  } catch (error) {
    return unexpected(error);
  }
}

function unbakeText(bytes: Uint8Array, version: BakeVersion): UnbakeResult {
  const encoding = textEncodingOf(bytes);
  if (encoding === undefined) {
    const format = sniffImageFormat(bytes);
    const seems = format ? ` It seems to be ${format}.` : '';
    return failure('not-png-or-svg', `The file is neither a PNG nor an SVG image.${seems}`);
  }
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return failure(
      'unreadable',
      `The SVG is not valid text: it has bytes that are not ${encoding.toUpperCase()}.`,
    );
  }
  const found = readSvgBakedText(text, version);
  return found.ok ? credentialResult('svg', found.text, version) : found;
}

/**
 * UTF-16 when a BOM says so (rare, but legal XML); UTF-8 when the bytes start like
 * markup.
 */
function textEncodingOf(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return looksLikeMarkup(bytes) ? 'utf-8' : undefined;
}

/**
 * Inflates zlib data, giving up (undefined) on corrupt data or past the size cap.
 */
async function inflate(data: Uint8Array): Promise<Uint8Array | undefined> {
  const stream = new DecompressionStream('deflate');
  const writer = stream.writable.getWriter();
  // Failures surface through the reader below; these promises must not reject
  // unhandled.
  writer.write(data.slice()).catch(() => {});
  writer.close().catch(() => {});
  try {
    return await readStreamCapped(stream.readable, MAX_INFLATED_LENGTH);
  } catch {
    return undefined;
  }
}

function unexpected(error: unknown): UnbakeResult {
  const reason = error instanceof Error ? error.message : String(error);
  return failure('unreadable', `The file could not be read: ${reason}.`);
}
