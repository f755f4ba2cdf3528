import { describe, expect, it } from 'vitest';
import { bakeSvg } from '../../../src/core/bake/bake-svg.ts';
import { unbake } from '../../../src/core/bake/unbake.ts';
import { credentialText } from '../../../src/core/credential/serialize.ts';

const ARTWORK = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect/></svg>';
const encode = (text: string) => new TextEncoder().encode(text);

// A name holding U+2028 came back from a baked SVG with a line feed in its place: xmldom follows
// XML 1.1 line-end rules by default.
describe('line and paragraph separators in a credential', () => {
  const credential = { id: 'urn:x', name: 'Eve\u2028Adam\u2029Nel\u0085end' };

  it('are written as JSON escapes, so the text is the same value', () => {
    const text = credentialText(credential);
    expect(text).toContain('Eve\\u2028Adam\\u2029Nel\\u0085end');
    expect(JSON.parse(text)).toEqual(credential);
  });

  it('survive baking into an SVG byte for byte', () => {
    const json = credentialText(credential);
    const baked = unbake(encode(bakeSvg(ARTWORK, { json })));
    expect(baked.ok && baked.text).toBe(json);
  });

  it('are read back unchanged when another tool baked them raw', () => {
    const raw = JSON.stringify(credential);
    const svg = ARTWORK.replace(
      '<svg xmlns="http://www.w3.org/2000/svg"',
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"',
    ).replace(
      '<rect/>',
      `<openbadges:credential><![CDATA[${raw}]]></openbadges:credential><rect/>`,
    );
    const baked = unbake(encode(svg));
    expect(baked.ok && baked.credential).toEqual(credential);
  });
});
