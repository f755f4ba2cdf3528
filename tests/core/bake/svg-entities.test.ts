import { describe, expect, it } from 'vitest';
import { expandInternalEntities } from '../../../src/core/bake/svg-entities.ts';

const expand = (text: string, maxLength = 1_000_000) => expandInternalEntities(text, maxLength);
const SVG = 'http://www.w3.org/2000/svg';
const doctype = (subset: string) => `<?xml version="1.0"?>\n<!-- c -->\n<!DOCTYPE svg [${subset}]>`;

describe('expandInternalEntities', () => {
  it('expands plain entities in attributes and text, keeping the DOCTYPE', () => {
    const head = doctype(`<!ENTITY ns "${SVG}"> <!ENTITY w '12'>`);
    const result = expand(
      `${head}<svg xmlns="&ns;" width="&w;"><text>&w; &amp; &#65;</text></svg>`,
    );
    expect(result).toEqual({
      text: `${head}<svg xmlns="${SVG}" width="12"><text>12 &amp; &#65;</text></svg>`,
    });
  });

  it('leaves comments, CDATA, processing instructions and unknown entities alone', () => {
    const head = doctype('<!ENTITY a "A">');
    const body = '<svg><!-- &a; --><![CDATA[&a;]]><?pi &a;?>&b;&a;</svg>';
    expect(expand(head + body)).toEqual({
      text: `${head}<svg><!-- &a; --><![CDATA[&a;]]><?pi &a;?>&b;A</svg>`,
    });
  });

  it('never expands values holding markup, references or quotes, nor predefined names', () => {
    const subset =
      '<!ENTITY m "<g/>"><!ENTITY r "&a;"><!ENTITY q \'"\'><!ENTITY lt "x"><!ENTITY % p "y">';
    const text = `${doctype(subset)}<svg>&m;&r;&q;&lt;&p;</svg>`;
    expect(expand(text)).toEqual({ text });
  });

  it('ignores declarations inside comments and brackets inside literals', () => {
    const subset = '<!-- <!ENTITY a "no"> ] > --><!ENTITY a "yes]>">';
    expect(expand(`${doctype(subset)}<svg>&a;</svg>`)).toEqual({
      text: `${doctype(subset)}<svg>yes]></svg>`,
    });
  });

  it('returns text without an internal subset unchanged', () => {
    for (const text of [
      '<svg/>',
      '<!DOCTYPE svg PUBLIC "a" "b"><svg>&a;</svg>',
      '<svg><!DOCTYPE [</svg>',
    ]) {
      expect(expand(text)).toEqual({ text });
    }
  });

  it('stops at the length cap', () => {
    const head = doctype(`<!ENTITY big "${'x'.repeat(1000)}">`);
    const text = `${head}<svg>${'&big;'.repeat(100)}</svg>`;
    expect(expand(text, 50_000)).toEqual({
      problem: 'expanding its DOCTYPE entities makes it longer than 50000 characters',
    });
    expect('text' in expand(text, 200_000)).toBe(true);
  });

  it('takes linear time on hostile prologs', () => {
    const hostile = [
      `<!DOCTYPE svg [${'<!--'.repeat(200_000)}`,
      `<!DOCTYPE svg [${'<!ENTITY a "'.repeat(100_000)}`,
      `${'<!--'.repeat(200_000)}`,
      `<!DOCTYPE svg [<!ENTITY a "b">]>${'<!--&a;'.repeat(100_000)}`,
    ];
    for (const text of hostile) {
      const started = performance.now();
      expand(text);
      expect(performance.now() - started, text.slice(0, 30)).toBeLessThan(500);
    }
  });
});
