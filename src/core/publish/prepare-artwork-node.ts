import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkPngArtwork } from '../bake/check-png-artwork-node.ts';
import { checkSvgArtwork } from '../bake/check-svg-artwork.ts';
import { rasteriseSvg } from '../bake/rasterise-svg-node.ts';
import type { AchievementRecord } from '../content/records.ts';

/** Width of the PNG rendered from SVG-only artwork. */
export const RASTER_WIDTH = 512;

export interface PreparedArtwork {
  png: Uint8Array;
  svg: string;
}

/**
 * Reads and checks an achievement's artwork and fills in the missing format, since every award is
 * published as both a PNG and an SVG badge: SVG-only artwork is rendered to PNG with resvg, and
 * PNG-only artwork is wrapped in an SVG that shows the PNG. Broken artwork stops the build with
 * ERR_IMAGE naming the file.
 */
export function prepareArtwork(root: string, achievement: AchievementRecord): PreparedArtwork {
  const { svg: svgFile, png: pngFile } = achievement.artwork;
  const svg = svgFile === undefined ? undefined : readFileSync(path.join(root, svgFile), 'utf8');
  if (svg !== undefined && svgFile !== undefined) checkSvgArtwork(svg, svgFile);
  let png: Uint8Array;
  let size: { width: number; height: number };
  if (pngFile !== undefined) {
    png = new Uint8Array(readFileSync(path.join(root, pngFile)));
    size = checkPngArtwork(png, pngFile);
  } else if (svg !== undefined && svgFile !== undefined) {
    png = rasteriseSvg(svg, { width: RASTER_WIDTH, file: svgFile });
    size = checkPngArtwork(png, svgFile);
  } else {
    throw new Error(`${achievement.file} has no artwork; loadContent requires one`);
  }
  return { png, svg: svg ?? svgShowingPng(png, size) };
}

/** An SVG whose only content is the PNG, for achievements drawn as PNG only. */
function svgShowingPng(png: Uint8Array, size: { width: number; height: number }): string {
  const data = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
  const { width, height } = size;
  // Only numbers and base64 go into this template, so no escaping is needed.
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}"><image width="${width}" height="${height}" ` +
    `href="${data}"/></svg>\n`
  );
}
