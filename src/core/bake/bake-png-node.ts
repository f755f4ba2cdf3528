/**
 * Bakes a credential into PNG artwork by inserting one `iTXt` chunk. The image data
 * is never decoded: every other chunk, IDAT included, is copied byte for byte.
 * Node-only for the CRC.
 */
import type { PngBakeKeyword } from './bake-names.ts';
import { checkBakeText } from './credential-text.ts';
import { encodeChunk, readPngStructure } from './png-structure-node.ts';
import { encodeITxt, readTextChunk, TEXT_CHUNK_TYPES } from './png-text-chunks.ts';

export interface BakePngOptions {
  /** `openbadgecredential` (OB 3.0, the default) or `openbadges` (OB 2.0). */
  keyword?: PngBakeKeyword;
  /** The artwork's path, for error messages. */
  file?: string;
}

/**
 * Returns a copy of `artwork` with `text` (credential JSON or compact JWS) baked in
 * an uncompressed `iTXt` chunk placed just before the first IDAT, where every
 * reader finds it and exiftool does not warn. A text chunk that already holds the
 * same keyword is dropped, so re-baking replaces rather than duplicates; chunks
 * with other keywords, such as the OB 2.0 `openbadges`, are kept. Throws
 * `ERR_IMAGE` for damaged artwork and `ERR_BAKE` for text that is not a credential.
 * It checks structure and CRCs but does not decode pixels: run `checkPngArtwork`
 * once per artwork file for that.
 */
export function bakePng(
  artwork: Uint8Array,
  text: string,
  options: BakePngOptions = {},
): Uint8Array {
  const keyword = options.keyword ?? 'openbadgecredential';
  const file = options.file ?? 'the PNG artwork';
  checkBakeText(text, keyword === 'openbadges', file);
  const chunks = readPngStructure(artwork, file).filter(
    (chunk) =>
      !TEXT_CHUNK_TYPES.has(chunk.type) ||
      readTextChunk(chunk.type, chunk.data)?.keyword !== keyword,
  );
  const baked = encodeChunk('iTXt', encodeITxt(keyword, text));
  const firstImageData = chunks.findIndex((chunk) => chunk.type === 'IDAT');
  const size = chunks.reduce((sum, chunk) => sum + chunk.end - chunk.start, 8 + baked.length);
  const output = new Uint8Array(size);
  output.set(artwork.subarray(0, 8));
  let offset = 8;
  chunks.forEach((chunk, index) => {
    if (index === firstImageData) {
      output.set(baked, offset);
      offset += baked.length;
    }
    output.set(artwork.subarray(chunk.start, chunk.end), offset);
    offset += chunk.end - chunk.start;
  });
  return output;
}
