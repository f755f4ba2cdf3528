import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { bakeSvg } from '../../../src/core/bake/bake-svg.ts';
import { rasteriseSvg } from '../../../src/core/bake/rasterise-svg-node.ts';
import { unbake } from '../../../src/core/bake/unbake.ts';
import {
  artworkFixtures,
  credentialJson,
  credentialJws,
  decodePixels,
  itWithTool,
  runOn,
} from './artwork.ts';

const OB3 = 'https://purl.imsglobal.org/ob/v3p0';
const fixture = (name: string) => readFileSync(path.join(artworkFixtures, name), 'utf8');
const fixtures = [
  'illustrator-export.svg',
  'inkscape-export.svg',
  'bom-crlf.svg',
  'already-baked.svg',
] as const;
const simple = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect/></svg>';
const encode = (text: string) => new TextEncoder().encode(text);

/**
 * The root of the baked SVG and the credential elements in it, read back with
 * xmldom.
 */
function inspect(svg: string, namespace = OB3) {
  const document = new DOMParser().parseFromString(svg.replace(/^\ufeff/, ''), 'application/xml');
  const root = document.documentElement as Element;
  const elements = [...document.getElementsByTagNameNS(namespace, '*')];
  return { root, elements, first: root.firstChild as Element | null };
}

describe('bakeSvg', () => {
  for (const name of fixtures) {
    it(`bakes ${name} with the credential as the root's first child`, () => {
      const json = credentialJson('Ada Example', 2);
      const baked = bakeSvg(fixture(name), { json }, { file: name });
      const { root, elements, first } = inspect(baked);
      expect(root.getAttribute('xmlns:openbadges')).toBe(OB3);
      expect(elements).toHaveLength(1);
      expect(first?.namespaceURI).toBe(OB3);
      expect(first?.localName).toBe('credential');
      expect(first?.hasAttribute('verify')).toBe(false);
      expect(baked).toContain(`<openbadges:credential><![CDATA[${json}]]></openbadges:credential>`);
      expect(unbake(encode(baked))).toMatchObject({ ok: true, format: 'svg', text: json });
    });
  }

  it('keeps the BOM, XML declaration, comments and DOCTYPE of the artwork', () => {
    const crlf = bakeSvg(fixture('bom-crlf.svg'), { json: credentialJson() });
    expect(crlf.startsWith('\ufeff<?xml version="1.0" encoding="UTF-8"?>\n<!-- saved on')).toBe(
      true,
    );
    const illustrator = fixture('illustrator-export.svg');
    const baked = bakeSvg(illustrator, { jws: credentialJws() });
    const prolog = illustrator.slice(0, illustrator.indexOf(']>') + 2);
    expect(baked.startsWith(prolog)).toBe(true);
    expect(baked).toContain('<metadata>');
    expect(baked.endsWith('</svg>\n')).toBe(true);
  });

  it('writes DOCTYPE entities out in full, so the root is in the SVG namespace', () => {
    const baked = bakeSvg(fixture('illustrator-export.svg'), { json: credentialJson() });
    expect(baked).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(baked).toContain('fill="#2f6f4f"');
    expect(baked).not.toContain('&amp;ns_');
  });

  it('puts a JWS in verify="…" on an empty element', () => {
    const jws = credentialJws();
    const baked = bakeSvg(simple, { jws });
    expect(baked).toBe(
      simple.replace(
        '"8"><rect/>',
        `"8" xmlns:openbadges="${OB3}"><openbadges:credential verify="${jws}"/><rect/>`,
      ),
    );
    expect(unbake(encode(baked))).toEqual({ ok: true, format: 'svg', credential: jws, text: jws });
  });

  it('gives back byte-identical JSON with accents, CJK, emoji, markup and ]]>', () => {
    const names = [
      'Zoë Ñúñez-Ålvik',
      '山田 太郎',
      '🎓🏅 Ada',
      `&<>"' &amp; &#x41;`,
      'a]]>b]]]]>>c',
    ];
    for (const name of names) {
      const json = credentialJson(name);
      const result = unbake(encode(bakeSvg(fixture('inkscape-export.svg'), { json })));
      expect(result.ok && result.text).toBe(json);
    }
  });

  it('splits CDATA wherever the JSON holds ]]>', () => {
    const json = JSON.stringify({ note: 'x]]>y', more: ']]>' });
    const baked = bakeSvg(simple, { json });
    expect(baked).toContain(
      '<![CDATA[{"note":"x]]]]><![CDATA[>y","more":"]]]]><![CDATA[>"}]]></openbadges:credential>',
    );
  });

  it('replaces earlier credentials in the namespace, whatever their prefix or place', () => {
    const once = bakeSvg(fixture('already-baked.svg'), { json: credentialJson() });
    expect(inspect(once).elements).toHaveLength(1);
    expect(once).not.toContain('an old credential');
    expect(once).not.toContain('ob:credential');
    const twice = bakeSvg(once, { jws: credentialJws() });
    expect(twice).toBe(bakeSvg(fixture('already-baked.svg'), { jws: credentialJws() }));
  });

  it('bakes OB 2.0 as an assertion element with verify and an optional JSON body', () => {
    const url = 'https://badges.example.org/assertions/1?format=json&x=1';
    const json = '{"type":"Assertion","id":"https://badges.example.org/assertions/1"}';
    const baked = bakeSvg(simple, { url, json }, { version: '2.0' });
    const { first, elements } = inspect(baked, 'http://openbadges.org');
    expect(elements).toHaveLength(1);
    expect(first?.localName).toBe('assertion');
    expect(first?.getAttribute('verify')).toBe(url);
    expect(first?.textContent).toBe(json);
    expect(baked).toContain('xmlns:openbadges="http://openbadges.org"');
    expect(unbake(encode(baked), { version: '2.0' })).toMatchObject({ ok: true, credential: url });
    expect(unbake(encode(baked))).toMatchObject({ ok: false, code: 'no-credential' });
  });

  it('refuses to bind openbadges to a second namespace in one SVG', () => {
    const ob3 = bakeSvg(simple, { json: credentialJson() });
    expect(() => bakeSvg(ob3, { jws: credentialJws() }, { version: '2.0', file: 'b.svg' })).toThrow(
      expect.objectContaining({ code: 'ERR_BAKE', file: 'b.svg' }),
    );
  });

  it('refuses content that does not fit the version, with ERR_BAKE', () => {
    const json = credentialJson();
    const jws = credentialJws();
    const wrong = [
      [{}, '3.0'],
      [{ json, jws }, '3.0'],
      [{ url: 'https://badges.example.org/a/1' }, '3.0'],
      [{ jws: json }, '3.0'],
      [{ json: jws }, '3.0'],
      [{ json: '{"name":"bell \u0007"}' }, '3.0'],
      [{ json }, '2.0'],
      [{ jws, url: 'https://badges.example.org/a/1' }, '2.0'],
    ] as const;
    for (const [content, version] of wrong) {
      expect(() => bakeSvg(simple, content, { version }), JSON.stringify(content)).toThrow(
        expect.objectContaining({ code: 'ERR_BAKE' }),
      );
    }
  });
});

describe('baked SVGs are well-formed and draw the same', () => {
  const cases = () =>
    fixtures.flatMap((name) => [
      [
        `${name} + JSON`,
        fixture(name),
        bakeSvg(fixture(name), { json: credentialJson('Zoë 🎓', 2) }),
      ],
      [`${name} + JWS`, fixture(name), bakeSvg(fixture(name), { jws: credentialJws() })],
    ]);

  itWithTool('xmllint')('xmllint --noout accepts every baked SVG without a word', () => {
    for (const [name, , baked] of cases()) {
      const { status, output } = runOn('xmllint', ['--noout'], baked ?? '', 'svg');
      expect({ name, status, output }).toEqual({ name, status: 0, output: '' });
    }
  });

  it('renders the same pixels before and after baking', () => {
    for (const [name, original = '', baked = ''] of cases()) {
      const before = decodePixels(rasteriseSvg(original, { width: 48 }));
      const after = decodePixels(rasteriseSvg(baked, { width: 48 }));
      const opaque = before.filter((value, index) => index % 4 === 3 && value > 0).length;
      expect(opaque, `${name} draws something`).toBeGreaterThan(before.length / 16);
      expect(after.length, name).toBe(before.length);
      expect(Buffer.compare(after, before), name).toBe(0);
    }
  });
});
