/**
 * The strict reading of a PNG's chunk structure that baking and the artwork check
 * share: every chunk fits, every CRC matches, IHDR comes first, IEND last.
 * Node-only because it checks CRCs with `zlib.crc32`; the browser-safe walk itself
 * lives in `png-chunks.ts`.
 */
import { crc32 } from 'node:zlib';
import { LaurelError } from '../errors.ts';
import { hasPngSignature, type PngChunk, readPngChunks } from './png-chunks.ts';
import { sniffImageFormat } from './sniff-image-format.ts';

const REEXPORT_HINT = 'Open the artwork in an image editor and export it again as PNG.';

/**
 * Reads the chunks of PNG artwork and checks the structure every PNG reader relies
 * on. Throws `ERR_IMAGE` naming `file` when the bytes are not a PNG, are cut short,
 * have a chunk whose CRC does not match, or lack IHDR, IDAT or IEND. Pixel data is
 * not decoded here.
 */
export function readPngStructure(bytes: Uint8Array, file: string): PngChunk[] {
  const fail = (message: string, hint = REEXPORT_HINT) =>
    new LaurelError('ERR_IMAGE', message, { file, hint });
  if (!hasPngSignature(bytes)) {
    const format = sniffImageFormat(bytes);
    throw fail(`is ${format ?? 'not a PNG file'}${format ? ', not a PNG' : ''}`);
  }
  const { chunks, problem, trailingBytes } = readPngChunks(bytes);
  if (problem) throw fail(`is damaged: ${problem}`, `The file may be truncated. ${REEXPORT_HINT}`);
  if (trailingBytes > 0) throw fail(`has ${trailingBytes} bytes of data after the IEND chunk`);
  for (const chunk of chunks) {
    if (chunkCrc(chunk.type, chunk.data) !== chunk.crc) {
      throw fail(`is damaged: the ${chunk.type} chunk at byte ${chunk.start} has a wrong CRC`);
    }
  }
  if (chunks[0]?.type !== 'IHDR') throw fail('does not start with an IHDR chunk');
  if (!chunks.some((chunk) => chunk.type === 'IDAT')) throw fail('has no image data (IDAT)');
  return chunks;
}

/** The CRC-32 of a chunk, computed over its type and data as the PNG spec says. */
export function chunkCrc(type: string, data: Uint8Array): number {
  return crc32(data, crc32(type));
}

/** Serialises one chunk: length, type, data and CRC. */
export function encodeChunk(type: string, data: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(data.length + 12);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  for (let index = 0; index < 4; index++) chunk[4 + index] = type.charCodeAt(index);
  chunk.set(data, 8);
  view.setUint32(data.length + 8, chunkCrc(type, data));
  return chunk;
}
