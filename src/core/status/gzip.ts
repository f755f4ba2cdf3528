/**
 * GZIP through the standard `CompressionStream`, so the same code runs in Node and
 * in the browser's verify page. Compression pins the header so that one bitstring
 * always yields the same bytes; decompression stops at a size limit, since the list
 * comes from someone else's site.
 */
import { LaurelError } from '../errors.ts';
import { readStreamCapped } from '../read-stream.ts';

/** gzip's magic number, the first two bytes of every member (RFC 1952 section 2.3.1). */
export const GZIP_MAGIC = [0x1f, 0x8b] as const;

const FLAG_HEADER_CRC = 0x02;
const OS_UNKNOWN = 0xff;

/**
 * GZIP-compresses `bytes`. The header's modification time is zeroed and its "extra
 * flags" and operating-system bytes are fixed, so the output depends only on the
 * input: Node writes OS 3, browsers may write another value, and an unpinned
 * timestamp would change every build.
 */
export async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const compressed = await transform(bytes, new CompressionStream('gzip'), Infinity);
  // With FHCRC set a checksum covers the header, which must then stay as written.
  if (compressed.length >= 10 && ((compressed[3] ?? 0) & FLAG_HEADER_CRC) === 0) {
    compressed.fill(0, 4, 9);
    compressed[9] = OS_UNKNOWN;
  }
  return compressed;
}

/**
 * Decompresses a GZIP member. A broken stream, or one that inflates past
 * `maxBytes`, is an ERR_STATUS naming `what`: a few hundred hostile bytes can
 * otherwise expand to gigabytes.
 */
export async function gunzip(
  bytes: Uint8Array,
  maxBytes: number,
  what: string,
): Promise<Uint8Array> {
  if (bytes[0] !== GZIP_MAGIC[0] || bytes[1] !== GZIP_MAGIC[1]) {
    throw new LaurelError('ERR_STATUS', `"${what}" is not GZIP-compressed.`, {
      hint: 'A Bitstring Status List holds the GZIP-compressed bitstring (RFC 1952).',
    });
  }
  try {
    return await transform(bytes, new DecompressionStream('gzip'), maxBytes);
  } catch (error) {
    if (error instanceof LaurelError) throw error;
    throw new LaurelError('ERR_STATUS', `"${what}" holds a broken GZIP stream.`, {
      hint: 'The list is truncated or corrupted; fetch it again or ask its issuer.',
      cause: error,
    });
  }
}

async function transform(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
  maxBytes: number,
): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  // Failures surface on the readable side; these catches keep them from going
  // unhandled. Not awaited: the writer waits for the reader, which starts below.
  // The copy gives the stream the plain ArrayBuffer it requires (not a shared one).
  writer.write(new Uint8Array(bytes)).catch(() => {});
  writer.close().catch(() => {});
  const out = await readStreamCapped(stream.readable, maxBytes);
  if (out === undefined) {
    throw new LaurelError('ERR_STATUS', `The status list inflates past ${maxBytes} bytes.`, {
      hint: 'No real list is that large; this one is broken or hostile.',
    });
  }
  return out;
}
