/**
 * Draws preview cards as PNG with resvg and measures text with the same fonts, so the wrapping in
 * `preview-svg.ts` matches what is drawn. resvg uses the system's fonts (DejaVu Sans on most
 * Linux builders), falling back through FONT_FAMILY; the same machine and fonts always give the
 * same bytes. Node-only (`@resvg/resvg-js` is a native addon).
 */
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import type { Element } from '@xmldom/xmldom';
import { SVG_NAMESPACE } from '../bake/bake-names.ts';
import { LaurelError } from '../errors.ts';
import { buildPreviewSvg, FONT_FAMILY, type Measure } from './preview-svg.ts';
import type { PreviewCard } from './share-plan.ts';
import { appendElement, createXmlDocument, serializeXml } from './xml-document.ts';

const OPTIONS: ResvgRenderOptions = {
  font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  fitTo: { mode: 'original' },
  logLevel: 'off',
};

/** Characters are measured once at this size and scaled: resvg does not hint, so widths scale. */
const MEASURE_SIZE = 100;
/** Height of one measuring row: room for ascenders, descenders and stacked accents. */
const ROW = 140;
const BASELINE = 105;
/** Kerning and pixel rounding are ignored when advances are summed; this keeps lines inside. */
const SAFETY = 1.03;

export interface PreviewRenderer {
  measure: Measure;
  /** The PNG of `svg`; throws ERR_IMAGE naming `file` if resvg cannot draw it. */
  render(svg: string, file: string): Uint8Array;
  /** The PNG of `card` with its art `images` (data URIs); throws like `render`. */
  draw(card: PreviewCard, images: readonly string[], file: string): Uint8Array;
}

/**
 * A renderer with its own cache of character widths and of art scaled to the squares cards
 * draw it in. Loading the system fonts costs several milliseconds per resvg instance, so
 * characters not seen before are measured together in one drawing, once per weight, rather than
 * once per line tried. Scaling a 512-pixel PNG into its square costs about as much as the rest
 * of a card, so each piece of art is scaled once per size and then placed pixel for pixel.
 */
export function createPreviewRenderer(): PreviewRenderer {
  const advances = new Map<string, number>();
  const key = (character: string, bold: boolean) => `${bold ? 'b' : 'r'}${character}`;
  // By size, then by href: the same href strings come back card after card, and a map keyed by
  // them hashes each once, where a key built from size and href would hash its whole text.
  const scaled = new Map<number, Map<string, string>>();
  const scaleTo = (href: string, size: number): string => {
    let ofSize = scaled.get(size);
    if (ofSize === undefined) {
      ofSize = new Map();
      scaled.set(size, ofSize);
    }
    let uri = ofSize.get(href);
    if (uri === undefined) {
      uri = `data:image/png;base64,${Buffer.from(scaleArt(href, size)).toString('base64')}`;
      ofSize.set(href, uri);
    }
    return uri;
  };
  const renderer: PreviewRenderer = {
    measure(text, size, bold) {
      const characters = [...text];
      const unknown = [...new Set(characters)].filter((c) => !advances.has(key(c, bold)));
      if (unknown.length > 0) {
        const widths = measureAdvances(unknown, bold);
        unknown.forEach((character, index) => {
          advances.set(key(character, bold), widths[index] ?? 0);
        });
      }
      let total = 0;
      for (const character of characters) total += advances.get(key(character, bold)) ?? 0;
      return (total * size * SAFETY) / MEASURE_SIZE;
    },
    render(svg, file) {
      return drawing(file, () => {
        const png = new Resvg(svg, OPTIONS).render().asPng();
        return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
      });
    },
    draw(card, images, file) {
      const svg = drawing(file, () => buildPreviewSvg(card, images, renderer.measure, scaleTo));
      return renderer.render(svg, file);
    },
  };
  return renderer;
}

/** What `draw` returns, or ERR_IMAGE naming the card `file` if resvg cannot draw it. */
function drawing<T>(file: string, draw: () => T): T {
  try {
    return draw();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LaurelError('ERR_IMAGE', `cannot draw the preview card ${file}: ${reason}`, {
      file,
      hint: 'Check that the artwork opens in a browser; this may be a bug, so report it.',
      cause: error,
    });
  }
}

/** `href` drawn into a transparent `size` square, keeping its aspect ratio, as PNG. */
function scaleArt(href: string, size: number): Uint8Array {
  const document = createXmlDocument(SVG_NAMESPACE, 'svg');
  const svg = document.documentElement as Element;
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  const attributes = { width: size, height: size, preserveAspectRatio: 'xMidYMid meet', href };
  appendElement(svg, 'image', attributes);
  return new Resvg(serializeXml(document), OPTIONS).render().asPng();
}

/**
 * The advance width of each character at MEASURE_SIZE: every character is drawn between two
 * H's, one row each, under a row of plain "HH"; the ink of "H?H" less the ink of "HH" is the
 * advance of "?", spaces included.
 */
function measureAdvances(characters: readonly string[], bold: boolean): number[] {
  const rows = ['HH', ...characters.map((character) => `H${character}H`)];
  const width = MEASURE_SIZE * 4;
  const document = createXmlDocument(SVG_NAMESPACE, 'svg');
  const svg = document.documentElement as Element;
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(rows.length * ROW));
  rows.forEach((text, index) => {
    const attributes = {
      x: MEASURE_SIZE / 2,
      y: index * ROW + BASELINE,
      'font-family': FONT_FAMILY,
      'font-size': MEASURE_SIZE,
      'font-weight': bold ? 700 : 400,
      'xml:space': 'preserve',
    };
    appendElement(svg, 'text', attributes, text);
  });
  const image = new Resvg(serializeXml(document), OPTIONS).render();
  const { pixels } = image;
  const inks = rows.map((_, index) => {
    let left = width;
    let right = -1;
    for (let y = index * ROW; y < (index + 1) * ROW; y++) {
      for (let x = 0; x < width; x++) {
        if ((pixels[(y * width + x) * 4 + 3] ?? 0) === 0) continue;
        if (x < left) left = x;
        if (x > right) right = x;
      }
    }
    return right < left ? 0 : right - left + 1;
  });
  const pair = inks[0] ?? 0;
  return inks.slice(1).map((ink) => Math.max(0, ink - pair));
}
