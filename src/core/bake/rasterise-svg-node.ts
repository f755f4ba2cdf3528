/**
 * Draws SVG artwork as PNG, for achievements that only have SVG artwork: PNG is the
 * format every badge wallet displays. Node-only (`@resvg/resvg-js` is a native
 * addon).
 */
import { Resvg } from '@resvg/resvg-js';
import { LaurelError } from '../errors.ts';
import { MAX_PNG_SIDE } from './check-png-artwork-node.ts';

export interface RasteriseSvgOptions {
  /** Width of the PNG in pixels; the height follows the artwork's aspect ratio. */
  width: number;
  /** The artwork's path, for error messages. */
  file?: string;
}

/**
 * Renders `svgText` to a PNG `width` pixels wide, with a transparent background and
 * the system's fonts for any text. Throws `ERR_IMAGE` naming the file when the
 * width is not a whole number of pixels from 1 to 8192 or resvg cannot read or draw
 * the SVG. The PNG holds no credential: bake it afterwards.
 */
export function rasteriseSvg(svgText: string, options: RasteriseSvgOptions): Uint8Array {
  const { width } = options;
  const file = options.file ?? 'the SVG artwork';
  if (!Number.isInteger(width) || width < 1 || width > MAX_PNG_SIDE) {
    throw new LaurelError('ERR_IMAGE', `cannot be drawn ${width} pixels wide`, {
      file,
      hint: `Choose a whole number of pixels from 1 to ${MAX_PNG_SIDE}.`,
    });
  }
  try {
    const png = new Resvg(svgText, { fitTo: { mode: 'width', value: width } }).render().asPng();
    return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LaurelError('ERR_IMAGE', `cannot be drawn as PNG: ${reason}`, {
      file,
      hint: 'Check that it opens in a browser, or export it again as plain SVG.',
      cause: error,
    });
  }
}
