/**
 * Splits a PNG into its chunks without decoding anything. It runs in the browser
 * (the unbaker uses it), so it takes no CRC function: checking CRCs is the caller's
 * choice.
 */

export const PNG_SIGNATURE: Readonly<Uint8Array> = Uint8Array.of(137, 80, 78, 71, 13, 10, 26, 10);

/** The PNG spec caps a chunk's length at 2^31 - 1 bytes. */
const MAX_CHUNK_LENGTH = 0x7fffffff;

export interface PngChunk {
  /** Four ASCII letters, e.g. `IHDR`, `iTXt`. */
  type: string;
  /** Byte offset of the chunk's length field in the file. */
  start: number;
  /** Byte offset just past the chunk's CRC. */
  end: number;
  /** The chunk's data, a view into the file (not a copy). */
  data: Uint8Array;
  /** The CRC stored in the file, unchecked. */
  crc: number;
}

export interface PngChunkList {
  chunks: PngChunk[];
  /**
   * What stopped the walk early, as a sentence fragment; undefined when the file
   * ends at IEND.
   */
  problem: string | undefined;
  /** Bytes after the IEND chunk. */
  trailingBytes: number;
}

/** True when `bytes` starts with the eight-byte PNG signature. */
export function hasPngSignature(bytes: Uint8Array): boolean {
  if (bytes.length < PNG_SIGNATURE.length) return false;
  return PNG_SIGNATURE.every((byte, index) => bytes[index] === byte);
}

/**
 * Walks the chunks of a PNG that starts with the signature, stopping after IEND or
 * at the first chunk that does not fit in the file. It never throws: a damaged file
 * comes back as the chunks read so far plus a `problem` that says where and why the
 * walk stopped, so that the strict artwork check and the forgiving unbaker can
 * share it.
 */
export function readPngChunks(bytes: Uint8Array): PngChunkList {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: PngChunk[] = [];
  let offset = PNG_SIGNATURE.length;
  while (offset < bytes.length) {
    if (bytes.length - offset < 12) {
      return stopped(chunks, `the file ends in the middle of a chunk at byte ${offset}`);
    }
    const length = view.getUint32(offset);
    const type = chunkType(bytes, offset + 4);
    if (type === undefined) {
      return stopped(chunks, `the chunk at byte ${offset} has a type that is not four letters`);
    }
    if (length > MAX_CHUNK_LENGTH || length > bytes.length - offset - 12) {
      return stopped(chunks, `the ${type} chunk at byte ${offset} runs past the end of the file`);
    }
    const end = offset + 12 + length;
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    chunks.push({ type, start: offset, end, data, crc: view.getUint32(end - 4) });
    offset = end;
    if (type === 'IEND') {
      return { chunks, problem: undefined, trailingBytes: bytes.length - offset };
    }
  }
  return stopped(chunks, 'the file ends before the IEND chunk');
}

function stopped(chunks: PngChunk[], problem: string): PngChunkList {
  return { chunks, problem, trailingBytes: 0 };
}

/**
 * Reads a chunk type, or undefined unless it is four ASCII letters as the spec
 * requires.
 */
function chunkType(bytes: Uint8Array, offset: number): string | undefined {
  let type = '';
  for (let index = offset; index < offset + 4; index++) {
    const code = bytes[index] ?? 0;
    const isLetter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
    if (!isLetter) return undefined;
    type += String.fromCharCode(code);
  }
  return type;
}
