/**
 * Lays out a preview card (the image link previews show, 1200x630) as SVG: artwork on the left,
 * an eyebrow line, the heading and a few lines of text on the right, the site's address at the
 * bottom. SVG has no line breaking, so text is wrapped here with widths from a `Measure`
 * callback (the renderer measures with the fonts it draws with). Built through the DOM, so any
 * name is escaped. Browser-safe; `render-preview-node.ts` turns it into a PNG.
 */
import type { Element } from '@xmldom/xmldom';
import { SVG_NAMESPACE } from '../bake/bake-names.ts';
import type { PreviewCard } from './share-plan.ts';
import { appendElement, createXmlDocument, serializeXml } from './xml-document.ts';

export const PREVIEW_WIDTH = 1200;
export const PREVIEW_HEIGHT = 630;

/** Fonts in order of preference; DejaVu first as most Linux builders have it. */
export const FONT_FAMILY =
  "'DejaVu Sans', 'Noto Sans', 'Liberation Sans', Arial, 'Noto Sans CJK SC', " +
  "'Noto Sans CJK JP', 'Droid Sans Fallback', sans-serif";

/** Width in pixels of `text` set in `size` pixel type, bold or regular. */
export type Measure = (text: string, size: number, bold: boolean) => number;

/**
 * The image to place in a `size` by `size` square for the art `href`: the href itself, or a
 * copy already scaled to that square (so a renderer scales each piece of art once, not per card).
 */
export type ScaleArt = (href: string, size: number) => string;

const COLOURS = {
  wash: '#f5f7fb',
  paper: '#ffffff',
  line: '#dde1ea',
  ink: '#1d2330',
  muted: '#5a6275',
  accent: '#2f5bd3',
  bad: '#b3261e',
};

const ART = { x: 84, y: 105, size: 420, gap: 20 };
const TEXT = { x: 550, width: 570, top: 84, bottom: 520 };
const HEADING_SIZES = [64, 56, 48] as const;
const HEADING_LINES = 3;
const BLOCK_GAP = 16;
const REVOKED_HEIGHT = 64;
const BODY = { size: 34, lineHeight: 44, maxLines: 3 };
const EYEBROW = { size: 30, lineHeight: 52 };

interface TextBlock {
  lines: string[];
  size: number;
  lineHeight: number;
  bold: boolean;
  colour: string;
}

/**
 * The card as SVG text. `images` are data URIs of the card's art, in the card's order; the
 * artwork keeps its aspect ratio inside its square, which has whole-pixel size and position.
 */
export function buildPreviewSvg(
  card: PreviewCard,
  images: readonly string[],
  measure: Measure,
  scaleTo: ScaleArt = (href) => href,
): string {
  // One call with all the text first, so a caching measurer sees every character at once.
  const everything = [card.eyebrow, card.heading, ...card.lines, card.footer, 'REVOKED…'].join('');
  measure(everything, 1, true);
  measure(everything, 1, false);
  const document = createXmlDocument(SVG_NAMESPACE, 'svg');
  const svg = document.documentElement as Element;
  svg.setAttribute('width', String(PREVIEW_WIDTH));
  svg.setAttribute('height', String(PREVIEW_HEIGHT));
  svg.setAttribute('viewBox', `0 0 ${PREVIEW_WIDTH} ${PREVIEW_HEIGHT}`);
  svg.setAttribute('font-family', FONT_FAMILY);
  appendElement(svg, 'rect', { width: PREVIEW_WIDTH, height: PREVIEW_HEIGHT, fill: COLOURS.wash });
  appendElement(svg, 'rect', { width: PREVIEW_WIDTH, height: 14, fill: COLOURS.accent });
  appendElement(svg, 'rect', {
    x: 40,
    y: 54,
    width: 1120,
    height: 536,
    rx: 28,
    fill: COLOURS.paper,
    stroke: COLOURS.line,
    'stroke-width': 2,
  });
  drawArt(svg, images, scaleTo);
  drawText(svg, card, measure);
  const footer = wrapText(card.footer, 26, false, TEXT.width, 1, measure);
  appendElement(
    svg,
    'text',
    { x: TEXT.x, y: 562, 'font-size': 26, fill: COLOURS.muted },
    footer[0],
  );
  return serializeXml(document);
}

function drawArt(svg: Element, images: readonly string[], scaleTo: ScaleArt): void {
  const shown = images.slice(0, 4);
  if (shown.length === 1) {
    placeImage(svg, scaleTo(shown[0] ?? '', ART.size), ART.x, ART.y, ART.size);
    return;
  }
  const cell = (ART.size - ART.gap) / 2;
  const rows = Math.ceil(shown.length / 2);
  const top = ART.y + (ART.size - rows * cell - (rows - 1) * ART.gap) / 2;
  shown.forEach((href, index) => {
    const row = Math.floor(index / 2);
    const alone = index === shown.length - 1 && index % 2 === 0;
    const x = alone ? ART.x + (ART.size - cell) / 2 : ART.x + (index % 2) * (cell + ART.gap);
    placeImage(svg, scaleTo(href, cell), x, top + row * (cell + ART.gap), cell);
  });
}

function placeImage(svg: Element, href: string, x: number, y: number, size: number): void {
  const attributes = { x, y, width: size, height: size, href };
  appendElement(svg, 'image', { ...attributes, preserveAspectRatio: 'xMidYMid meet' });
}

/** Eyebrow, heading, revoked mark and body lines, centred as a block in the text column. */
function drawText(svg: Element, card: PreviewCard, measure: Measure): void {
  const { blocks, height } = layoutText(card, measure);
  let y = TEXT.top + Math.max(0, (TEXT.bottom - TEXT.top - height) / 2);
  blocks.forEach((block, index) => {
    for (const line of block.lines) {
      y += block.lineHeight;
      appendElement(
        svg,
        'text',
        {
          x: TEXT.x,
          y: Math.round(y - block.lineHeight * 0.28),
          'font-size': block.size,
          'font-weight': block.bold ? 700 : 400,
          fill: block.colour,
        },
        line,
      );
    }
    y += BLOCK_GAP;
    if (index === 1 && card.revoked) y = drawRevoked(svg, y, measure);
  });
}

/**
 * Picks the largest heading size at which the whole heading fits in three lines and everything
 * fits the column's height; body text gets fewer lines before the heading is cut short.
 */
function layoutText(card: PreviewCard, measure: Measure): { blocks: TextBlock[]; height: number } {
  const eyebrow: TextBlock = {
    lines: wrapText(card.eyebrow, EYEBROW.size, false, TEXT.width, 1, measure),
    size: EYEBROW.size,
    lineHeight: EYEBROW.lineHeight,
    bold: false,
    colour: COLOURS.muted,
  };
  const body = (maxLines: number) =>
    card.lines.map(
      (line): TextBlock => ({
        lines: wrapText(line, BODY.size, false, TEXT.width, maxLines, measure),
        size: BODY.size,
        lineHeight: BODY.lineHeight,
        bold: false,
        colour: COLOURS.ink,
      }),
    );
  const heading = (size: number, truncate: boolean): TextBlock => ({
    lines: wrapText(card.heading, size, true, TEXT.width, HEADING_LINES, measure, truncate),
    size,
    lineHeight: Math.round(size * 1.16),
    bold: true,
    colour: COLOURS.ink,
  });
  const withHeight = (blocks: TextBlock[]) => ({
    blocks,
    height:
      blocks.reduce((sum, block) => sum + block.lines.length * block.lineHeight, 0) +
      BLOCK_GAP * (blocks.length - 1) +
      (card.revoked ? REVOKED_HEIGHT : 0),
  });
  for (const maxLines of [BODY.maxLines, 2, 1]) {
    for (const size of HEADING_SIZES) {
      const title = heading(size, false);
      if (title.lines.length > HEADING_LINES) continue;
      const layout = withHeight([eyebrow, title, ...body(maxLines)]);
      if (layout.height <= TEXT.bottom - TEXT.top) return layout;
    }
  }
  const smallest = HEADING_SIZES[HEADING_SIZES.length - 1] ?? BODY.size;
  return withHeight([eyebrow, heading(smallest, true), ...body(1)]);
}

function drawRevoked(svg: Element, y: number, measure: Measure): number {
  const label = 'REVOKED';
  const width = Math.ceil(measure(label, 26, true)) + 40;
  appendElement(svg, 'rect', { x: TEXT.x, y, width, height: 46, rx: 23, fill: COLOURS.bad });
  const attributes = { x: TEXT.x + 20, y: y + 32, 'font-size': 26, 'font-weight': 700 };
  appendElement(svg, 'text', { ...attributes, fill: COLOURS.paper }, label);
  return y + REVOKED_HEIGHT;
}

/**
 * Breaks `text` into lines no wider than `width`, at spaces, and inside a word only when the
 * word alone is too wide (a long URL or DID). With `truncate`, more than `maxLines` lines are cut
 * to `maxLines`, the last ending in an ellipsis; without it every line is returned, so a caller
 * can try a smaller size first.
 */
export function wrapText(
  text: string,
  size: number,
  bold: boolean,
  width: number,
  maxLines: number,
  measure: Measure,
  truncate = true,
): string[] {
  const fits = (line: string) => measure(line, size, bold) <= width;
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter((part) => part !== '')) {
    const candidate = current ? `${current} ${word}` : word;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    current = '';
    for (const character of word) {
      if (current && !fits(current + character)) {
        lines.push(current);
        current = '';
      }
      current += character;
    }
  }
  if (current) lines.push(current);
  if (!truncate || lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = `${kept[maxLines - 1] ?? ''}`;
  while (last && !fits(`${last}…`)) last = [...last].slice(0, -1).join('');
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return kept;
}
