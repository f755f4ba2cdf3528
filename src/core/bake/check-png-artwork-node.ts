/**
 * The check PNG artwork passes before it is baked: a sound structure, a sane header
 * and pixel data that really decodes. Node-only (CRC through `node:zlib`, decoding
 * through `pngjs`).
 */
import { PNG } from 'pngjs';
import { LaurelError } from '../errors.ts';
import { readPngStructure } from './png-structure-node.ts';

/** Larger artwork is refused: decoding 8192 x 8192 RGBA already takes 256 MB. */
export const MAX_PNG_SIDE = 8192;

/** Allowed bit depths per colour type (PNG spec, table 11.1). */
const BIT_DEPTHS: Readonly<Record<number, readonly number[]>> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

export interface PngArtworkInfo {
  width: number;
  height: number;
}

/**
 * Checks that `bytes` is PNG artwork fit for baking and returns its size. Throws
 * `ERR_IMAGE` naming `file` and saying how to fix it when the file is another
 * format under a .png name, is truncated, has a bad CRC, has an impossible or
 * oversized header, or does not decode. Run it once per artwork file; `bakePng`
 * then only re-reads the chunk structure for each credential.
 */
export function checkPngArtwork(bytes: Uint8Array, file: string): PngArtworkInfo {
  const chunks = readPngStructure(bytes, file);
  const fail = (message: string, hint: string, cause?: unknown) =>
    new LaurelError('ERR_IMAGE', message, { file, hint, cause });
  const reexport = 'Open the artwork in an image editor and export it again as PNG.';
  const header = chunks[0]?.data ?? new Uint8Array(0);
  if (header.length !== 13) throw fail('has an IHDR chunk of the wrong length', reexport);
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const width = view.getUint32(0);
  const height = view.getUint32(4);
  if (width < 1 || height < 1 || width > MAX_PNG_SIDE || height > MAX_PNG_SIDE) {
    throw fail(
      `is ${width} x ${height} pixels; each side must be 1 to ${MAX_PNG_SIDE}`,
      'Export the badge at a smaller size; 512 to 1024 pixels a side is plenty.',
    );
  }
  const [bitDepth = 0, colourType = 0, compression, filter, interlace] = header.subarray(8);
  const validDepths = BIT_DEPTHS[colourType];
  const validHeader =
    validDepths?.includes(bitDepth) && compression === 0 && filter === 0 && interlace !== undefined;
  if (!validHeader || interlace > 1) {
    throw fail('has an invalid IHDR header (colour type, bit depth or method)', reexport);
  }
  if (colourType === 3 && !chunks.some((chunk) => chunk.type === 'PLTE')) {
    throw fail('is a palette image without a PLTE chunk', reexport);
  }
  try {
    PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw fail(`has pixel data that does not decode (${reason})`, reexport, error);
  }
  return { width, height };
}
