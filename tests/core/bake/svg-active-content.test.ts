import { describe, expect, it } from 'vitest';
import { checkSvgArtwork } from '../../../src/core/bake/check-svg-artwork.ts';
import { LaurelError } from '../../../src/core/errors.ts';

const svg = (inside: string, rootAttributes = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ${rootAttributes} viewBox="0 0 10 10">${inside}</svg>`;

function problem(text: string): string | undefined {
  try {
    checkSvgArtwork(text, 'content/achievements/x.svg');
    return undefined;
  } catch (error) {
    if (error instanceof LaurelError) return error.format();
    throw error;
  }
}

// A contributor's artwork was published byte for byte, scripts and all, on the site's origin.
describe('artwork that is more than a picture', () => {
  it.each([
    ['a script', svg('<script>alert(1)</script>'), 'holds a <script> element'],
    ['an event handler', svg('<rect/>', 'onload="alert(1)"'), 'holds an event handler (onload)'],
    [
      'HTML in foreignObject',
      svg('<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="x"/></foreignObject>'),
      'holds HTML inside <foreignObject>',
    ],
    [
      'a tracking image',
      svg('<image href="https://tracker.example/p.png"/>'),
      'holds a link to "https://tracker.example/p.png"',
    ],
    ['a javascript: link', svg('<a xlink:href="javascript:alert(1)"><rect/></a>'), 'holds a link'],
    [
      'a stylesheet import',
      svg('<style>@import "https://x.example/a.css";</style>'),
      'holds a <style> that loads',
    ],
    [
      'a CSS url to another site',
      svg('<rect style="fill:url(https://x.example/p.svg#g)"/>'),
      'holds a style that loads "https://x.example/p.svg#g"',
    ],
  ])('refuses %s, naming the file and the fix', (_, text, message) => {
    const found = problem(text);
    expect(found).toContain(`content/achievements/x.svg: ${message}`);
    expect(found).toContain('must be a plain picture');
  });

  it('accepts fragment references, embedded raster images and design-tool private data', () => {
    const text = svg(
      '<defs><linearGradient id="g"/></defs><rect style="fill:url(#g)"/><use href="#g"/>' +
        '<image href="data:image/png;base64,iVBORw0KGgo="/>' +
        '<foreignObject requiredExtensions="http://ns.adobe.com/AdobeIllustrator/10.0/">' +
        '<i:pgf xmlns:i="http://ns.adobe.com/AdobeIllustrator/10.0/"/></foreignObject>',
    );
    expect(problem(text)).toBeUndefined();
  });
});
