import { globSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPngArtwork } from '../../../src/core/bake/check-png-artwork-node.ts';
import { PNG_SIGNATURE, readPngChunks } from '../../../src/core/bake/png-chunks.ts';
import { encodeChunk } from '../../../src/core/bake/png-structure-node.ts';
import { LaurelError } from '../../../src/core/errors.ts';
import { concatBytes, itWithShared, makePng, sharedDir } from './artwork.ts';

const artwork = makePng(24, 16);
const file = 'content/achievements/maker.png';

/** Re-assembles a PNG from its chunks after `edit`, with correct CRCs. */
function rebuilt(edit: (chunks: { type: string; data: Uint8Array }[]) => void): Uint8Array {
  const chunks = readPngChunks(artwork).chunks.map(({ type, data }) => ({ type, data }));
  edit(chunks);
  return concatBytes(PNG_SIGNATURE, ...chunks.map(({ type, data }) => encodeChunk(type, data)));
}

function withHeader(width: number, height: number, depthAndType = [8, 6]): Uint8Array {
  return rebuilt((chunks) => {
    const header = new Uint8Array(13);
    const view = new DataView(header.buffer);
    view.setUint32(0, width);
    view.setUint32(4, height);
    header.set(depthAndType, 8);
    chunks[0] = { type: 'IHDR', data: header };
  });
}

/** The error `checkPngArtwork` throws, as the CLI would print it. */
function problemWith(bytes: Uint8Array): string {
  try {
    checkPngArtwork(bytes, file);
  } catch (error) {
    expect(error).toBeInstanceOf(LaurelError);
    expect(error).toMatchObject({ code: 'ERR_IMAGE', file });
    return (error as LaurelError).format();
  }
  throw new Error('checkPngArtwork accepted the artwork');
}

describe('checkPngArtwork', () => {
  it('accepts good artwork and reports its size', () => {
    expect(checkPngArtwork(artwork, file)).toEqual({ width: 24, height: 16 });
  });

  it('names a JPEG saved as .png and says to re-export it', () => {
    const jpeg = Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0);
    expect(problemWith(jpeg)).toBe(
      `${file}: is a JPEG image, not a PNG. ` +
        'Open the artwork in an image editor and export it again as PNG.',
    );
  });

  it('recognises other formats and empty files', () => {
    expect(problemWith(new TextEncoder().encode('<svg xmlns="x"/>'))).toContain('is text or XML');
    expect(problemWith(new TextEncoder().encode('GIF89a\x01\0'))).toContain('is a GIF image');
    expect(problemWith(new Uint8Array(0))).toContain('is an empty file, not a PNG');
    expect(problemWith(Uint8Array.of(1, 2, 3))).toContain('is not a PNG file');
  });

  it('refuses a PNG truncated inside its image data', () => {
    const message = problemWith(artwork.subarray(0, artwork.length - 40));
    expect(message).toMatch(/is damaged: the IDAT chunk at byte \d+ runs past the end of the file/);
    expect(message).toContain('truncated');
  });

  it('refuses a PNG that stops before IEND', () => {
    expect(problemWith(artwork.subarray(0, artwork.length - 12))).toContain(
      'the file ends before the IEND chunk',
    );
  });

  it('refuses a chunk whose CRC does not match', () => {
    const broken = artwork.slice();
    const idat = readPngChunks(artwork).chunks.find((chunk) => chunk.type === 'IDAT');
    const at = (idat?.start ?? 0) + 10;
    broken[at] = (broken[at] ?? 0) ^ 0x40;
    expect(problemWith(broken)).toMatch(/the IDAT chunk at byte \d+ has a wrong CRC/);
  });

  it('refuses bytes after IEND', () => {
    expect(problemWith(concatBytes(artwork, Uint8Array.of(0, 0)))).toContain(
      '2 bytes of data after',
    );
  });

  it('refuses impossible or oversized dimensions', () => {
    expect(problemWith(withHeader(0, 16))).toContain(
      'is 0 x 16 pixels; each side must be 1 to 8192',
    );
    expect(problemWith(withHeader(24, 9000))).toContain('is 24 x 9000 pixels');
    expect(problemWith(withHeader(24, 16, [3, 6]))).toContain('invalid IHDR header');
  });

  it('refuses a PNG without IDAT, or not starting with IHDR', () => {
    const noData = rebuilt((chunks) => chunks.splice(1, chunks.length - 2));
    expect(problemWith(noData)).toContain('has no image data (IDAT)');
    const dataFirst = rebuilt((chunks) => {
      const [header, data, ...rest] = chunks;
      if (header && data) chunks.splice(0, chunks.length, data, header, ...rest);
    });
    expect(problemWith(dataFirst)).toContain('does not start with an IHDR chunk');
  });

  it('refuses image data that does not decode, even with correct CRCs', () => {
    const garbage = rebuilt((chunks) => {
      const index = chunks.findIndex((chunk) => chunk.type === 'IDAT');
      chunks[index] = { type: 'IDAT', data: Uint8Array.of(0x78, 0x9c, 1, 2, 3, 4, 5) };
    });
    expect(problemWith(garbage)).toMatch(/has pixel data that does not decode \(.+\)/);
  });

  itWithShared('accepts the real artwork in the shared fixtures', () => {
    const files = globSync(
      path.join(sharedDir, '{real/*/credentials/*/badge,ob3/examples/*/*/simple-*}.png'),
    );
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const png of files) {
      expect(checkPngArtwork(readFileSync(png), png).width).toBeGreaterThan(0);
    }
  });
});
