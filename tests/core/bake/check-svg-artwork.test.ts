import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bakeSvg } from '../../../src/core/bake/bake-svg.ts';
import { checkSvgArtwork } from '../../../src/core/bake/check-svg-artwork.ts';
import { LaurelError } from '../../../src/core/errors.ts';
import { artworkFixtures, credentialJson } from './artwork.ts';

const file = 'content/achievements/maker.svg';
const SVG = 'xmlns="http://www.w3.org/2000/svg"';

/** The error checkSvgArtwork throws for `text`, as the CLI prints it. */
function problemWith(text: string): string {
  try {
    checkSvgArtwork(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(LaurelError);
    expect(error).toMatchObject({ code: 'ERR_IMAGE', file });
    return (error as LaurelError).format();
  }
  throw new Error('checkSvgArtwork accepted the artwork');
}

describe('checkSvgArtwork', () => {
  it('accepts the design-tool fixtures', () => {
    for (const name of ['illustrator-export.svg', 'inkscape-export.svg', 'bom-crlf.svg']) {
      const text = readFileSync(path.join(artworkFixtures, name), 'utf8');
      expect(() => checkSvgArtwork(text, name)).not.toThrow();
    }
  });

  it('refuses malformed XML, naming the file and the line', () => {
    const malformed = [
      `<svg ${SVG}><g></svg>`,
      `<svg ${SVG}>\n<rect width="1" width="2"/></svg>`,
      `<svg ${SVG}><x:rect/></svg>`,
      `<svg ${SVG}><text>fish & chips</text></svg>`,
      `<svg ${SVG}></svg><svg ${SVG}></svg>`,
      `<svg ${SVG}><rect width=1/></svg>`,
      `<svg ${SVG}><rect x="1"y="2"/></svg>`,
      `<svg ${SVG}><text>bell \u0007</text></svg>`,
      `<svg ${SVG}><text>&#1;</text></svg>`,
      `<svg ${SVG}`,
      '',
      'just some text',
    ];
    for (const text of malformed) {
      const message = problemWith(text);
      expect(message, text).toMatch(
        /^content\/achievements\/maker\.svg: is not (well-formed|usable)/,
      );
      expect(message, text).toContain('xmllint --noout');
    }
    expect(problemWith(`<svg ${SVG}>\n\n<g></svg>`)).toMatch(/\(line 3\)/);
    expect(problemWith(`<svg ${SVG}>\n<text>fish & chips</text></svg>`)).toContain(
      'is not well-formed XML: it has a bare "&" (line 2); write &amp; instead.',
    );
    const unparsed = '<!-- & --><style><![CDATA[a&b]]></style>';
    const fine = `<svg ${SVG}>${unparsed}<text>&#x1F393;&#9;</text></svg>`;
    expect(() => checkSvgArtwork(fine, file)).not.toThrow();
  });

  it('refuses a root that is not <svg> in the SVG namespace', () => {
    expect(problemWith('<html xmlns="http://www.w3.org/1999/xhtml"/>')).toContain(
      'is not an SVG image: its root element is <html>',
    );
    expect(problemWith('<svg width="8"/>')).toBe(
      `${file}: has an <svg> root outside the SVG namespace, so browsers will not draw it. ` +
        `Add ${SVG} to the <svg> tag.`,
    );
    expect(problemWith('<svg xmlns="http://example.org/not-svg"/>')).toContain('outside the SVG');
  });

  it('refuses an encoding other than UTF-8', () => {
    expect(problemWith(`<?xml version="1.0" encoding="ISO-8859-1"?><svg ${SVG}/>`)).toContain(
      'declares encoding="ISO-8859-1"; Open Badges requires UTF-8',
    );
    expect(() =>
      checkSvgArtwork(`<?xml version='1.0' encoding='utf8'?><svg ${SVG}/>`, file),
    ).not.toThrow();
  });

  it('refuses entities that expand to markup, and XML bombs, quickly', () => {
    const markup = `<!DOCTYPE svg [<!ENTITY dot "<circle r='1'/>">]><svg ${SVG}>&dot;</svg>`;
    expect(problemWith(markup)).toContain('entity not found:&dot;');
    const laughs = Array.from({ length: 10 }, (_, n) =>
      n === 0 ? '<!ENTITY l0 "lol">' : `<!ENTITY l${n} "${`&l${n - 1};`.repeat(10)}">`,
    ).join('');
    const started = performance.now();
    expect(problemWith(`<!DOCTYPE svg [${laughs}]><svg ${SVG}><text>&l9;</text></svg>`)).toContain(
      'entity not found:&l9;',
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('is what bakeSvg runs first', () => {
    expect(() => bakeSvg('<svg/>', { json: credentialJson() }, { file })).toThrow(
      expect.objectContaining({ code: 'ERR_IMAGE', file }),
    );
  });
});
