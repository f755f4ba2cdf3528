import { Resvg } from '@resvg/resvg-js';
import { DOMParser } from '@xmldom/xmldom';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import {
  buildPreviewSvg,
  FONT_FAMILY,
  type Measure,
  PREVIEW_HEIGHT,
  PREVIEW_WIDTH,
  wrapText,
} from '../../../src/core/share/preview-svg.ts';
import { createPreviewRenderer } from '../../../src/core/share/render-preview-node.ts';
import type { PreviewCard } from '../../../src/core/share/share-plan.ts';

/** Every character half as wide as the type is tall: easy to reason about. */
const halfEm: Measure = (text, size) => [...text].length * size * 0.5;

const CARD: PreviewCard = {
  eyebrow: 'Test Club',
  heading: 'R&D #1 — Café </text><script>alert(1)</script>',
  lines: ['Awarded to Zoë "Zed" O\'Brien <&> Friends'],
  footer: '2026-03-01 · badges.example.org/guild',
  art: [{ achievement: 'helper' }],
  revoked: true,
};
const PIXEL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPj/HwADAgH/9LrAWQAAAABJRU5ErkJggg==';

describe('wrapText', () => {
  it('breaks at spaces within the width', () => {
    expect(wrapText('aaaa bbbb cccc', 10, false, 40, 3, halfEm)).toEqual(['aaaa', 'bbbb', 'cccc']);
    expect(wrapText('aa bb cc', 10, false, 45, 3, halfEm)).toEqual(['aa bb cc']);
  });

  it('breaks inside a word only when the word alone is too wide', () => {
    expect(wrapText('did:key:abcdefgh', 10, false, 40, 5, halfEm)).toEqual([
      'did:key:',
      'abcdefgh',
    ]);
  });

  it('cuts to the line limit with an ellipsis that still fits', () => {
    const lines = wrapText('one two three four five', 10, false, 30, 2, halfEm);
    expect(lines).toEqual(['one', 'two…']);
    for (const line of lines) expect(halfEm(line, 10, false)).toBeLessThanOrEqual(30);
  });
});

describe('preview cards', () => {
  const svg = buildPreviewSvg(CARD, [PIXEL], halfEm);
  const document = new DOMParser().parseFromString(svg, 'image/svg+xml');

  it('is a 1200x630 SVG in which every name is text, not markup', () => {
    const root = document.documentElement;
    expect(root?.getAttribute('width')).toBe(String(PREVIEW_WIDTH));
    expect(root?.getAttribute('height')).toBe(String(PREVIEW_HEIGHT));
    expect(document.getElementsByTagName('script').length).toBe(0);
    const texts = [...document.getElementsByTagName('text')].map((node) => node.textContent);
    expect(texts.join('')).toContain('Café</text><script>alert(1)</script>');
    expect(texts.join(' ')).toContain('Awarded to Zoë "Zed" O\'Brien <&> Friends');
    expect(texts).toContain('REVOKED');
    expect(document.getElementsByTagName('image')[0]?.getAttribute('href')).toBe(PIXEL);
  });

  it('renders to the same 1200x630 PNG bytes every time', () => {
    const renderer = createPreviewRenderer();
    const real = buildPreviewSvg(CARD, [PIXEL], renderer.measure);
    const first = renderer.render(real, 'card');
    const second = createPreviewRenderer().render(real, 'card');
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    const view = new DataView(first.buffer, first.byteOffset);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([PREVIEW_WIDTH, PREVIEW_HEIGHT]);
  });

  it('asks for each piece of art scaled to the whole-pixel square it is placed in', () => {
    const asked: [string, number][] = [];
    const scaleTo = (href: string, size: number) => {
      asked.push([href, size]);
      return `scaled:${size}:${href}`;
    };
    const one = new DOMParser().parseFromString(
      buildPreviewSvg(CARD, [PIXEL], halfEm, scaleTo),
      'image/svg+xml',
    );
    const three = new DOMParser().parseFromString(
      buildPreviewSvg(CARD, ['a', 'b', 'c'], halfEm, scaleTo),
      'image/svg+xml',
    );
    expect(asked).toEqual([
      [PIXEL, 420],
      ['a', 200],
      ['b', 200],
      ['c', 200],
    ]);
    const placed = [one, three].flatMap((parsed) => [...parsed.getElementsByTagName('image')]);
    expect(placed.map((image) => image.getAttribute('href'))).toEqual([
      `scaled:420:${PIXEL}`,
      'scaled:200:a',
      'scaled:200:b',
      'scaled:200:c',
    ]);
    for (const image of placed) {
      for (const name of ['x', 'y', 'width', 'height']) {
        expect(Number(image.getAttribute(name)) % 1, name).toBe(0);
      }
    }
  });

  it('draws art scaled once as it would scale it in place, the same bytes every time', () => {
    const art = stripes(512, 384);
    const renderer = createPreviewRenderer();
    const drawn = renderer.draw(CARD, [art], 'card');
    expect(Buffer.from(renderer.draw(CARD, [art], 'card')).equals(Buffer.from(drawn))).toBe(true);
    const fresh = createPreviewRenderer().draw(CARD, [art], 'card');
    expect(Buffer.from(fresh).equals(Buffer.from(drawn))).toBe(true);
    const inPlace = renderer.render(buildPreviewSvg(CARD, [art], renderer.measure), 'card');
    const a = PNG.sync.read(Buffer.from(drawn));
    const b = PNG.sync.read(Buffer.from(inPlace));
    // The art's square: 420 pixels at (84, 105); stripes of 64 pixels scale to 52.5.
    let difference = 0;
    let inked = 0;
    for (let y = 105; y < 525; y++) {
      for (let x = 84; x < 504; x++) {
        const at = (y * 1200 + x) * 4;
        for (let channel = 0; channel < 3; channel++) {
          difference += Math.abs((a.data[at + channel] ?? 0) - (b.data[at + channel] ?? 0));
        }
        if ((a.data[at] ?? 0) < 128) inked++;
      }
    }
    expect(difference / (420 * 420 * 3)).toBeLessThan(2);
    // Half of each stripe pair is dark, in the middle 315 rows of the square (512x384 fits
    // 420x315).
    expect(inked / (420 * 315)).toBeGreaterThan(0.45);
    expect(inked / (420 * 315)).toBeLessThan(0.55);
  });

  it('never measures text narrower than resvg draws it', () => {
    const renderer = createPreviewRenderer();
    for (const text of ['Translation Weaver', 'Zoë "Zed" O\'Brien <&>', 'WWW mmm iii 2026-01-15']) {
      for (const bold of [true, false]) {
        const weight = bold ? 700 : 400;
        const svg =
          '<svg xmlns="http://www.w3.org/2000/svg" width="3000" height="200">' +
          `<text x="10" y="120" font-family="${FONT_FAMILY}" font-size="64" ` +
          `font-weight="${weight}">${text.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</text></svg>`;
        const drawn = new Resvg(svg, { font: { loadSystemFonts: true } }).getBBox()?.width ?? 0;
        const measured = renderer.measure(text, 64, bold);
        expect(measured, text).toBeGreaterThanOrEqual(drawn);
        expect(measured, text).toBeLessThan(drawn * 1.12);
      }
    }
  });

  it('keeps long headings and descriptions inside the card, above the footer', () => {
    const long = 'Weaver of many threads and catalogues across every language '.repeat(3);
    const crowded = { ...CARD, heading: long, lines: [long, 'Awarded to someone'] };
    const parsed = new DOMParser().parseFromString(
      buildPreviewSvg(crowded, [PIXEL], createPreviewRenderer().measure),
      'image/svg+xml',
    );
    const texts = [...parsed.getElementsByTagName('text')];
    const footer = texts.pop();
    expect(footer?.textContent).toBe(CARD.footer);
    for (const text of texts) {
      const y = Number(text.getAttribute('y'));
      expect(y, text.textContent ?? '').toBeGreaterThan(84);
      expect(y, text.textContent ?? '').toBeLessThanOrEqual(520);
    }
    expect(texts.some((text) => text.textContent?.endsWith('…'))).toBe(true);
  });

  it('keeps measured lines inside the text column', () => {
    const renderer = createPreviewRenderer();
    const lines = wrapText(CARD.heading, 64, true, 570, 3, renderer.measure);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(renderer.measure(line, 64, true)).toBeLessThanOrEqual(570);
  });
});

/** A PNG data URI `width` by `height`: vertical stripes 64 pixels wide, dark and light. */
function stripes(width: number, height: number): string {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const value = Math.floor(x / 64) % 2 === 0 ? 20 : 235;
      png.data.set([value, value, value, 255], (y * width + x) * 4);
    }
  }
  return `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`;
}
