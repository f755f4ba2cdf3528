import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bakePng } from '../../../src/core/bake/bake-png-node.ts';
import { bakeSvg } from '../../../src/core/bake/bake-svg.ts';
import { readPngChunks } from '../../../src/core/bake/png-chunks.ts';
import { encodeChunk } from '../../../src/core/bake/png-structure-node.ts';
import { encodeITxt } from '../../../src/core/bake/png-text-chunks.ts';
import { type UnbakeResult, unbake, unbakeAsync } from '../../../src/core/bake/unbake.ts';
import { concatBytes, credentialJson, credentialJws, makePng } from './artwork.ts';

const artwork = makePng();
const json = credentialJson('Zoë 山田 🎓');
const jws = credentialJws();
const encode = (text: string) => new TextEncoder().encode(text);
const SVG = 'xmlns="http://www.w3.org/2000/svg"';
const OB3 = 'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"';
const svgWith = (inside: string) => encode(`<svg ${SVG} ${OB3}>${inside}</svg>`);

/** Inserts raw chunks just after IHDR, leaving the rest of the PNG as it is. */
function withChunks(png: Uint8Array, ...chunks: Uint8Array[]): Uint8Array {
  const headerEnd = readPngChunks(png).chunks[0]?.end ?? 8;
  return concatBytes(png.subarray(0, headerEnd), ...chunks, png.subarray(headerEnd));
}

/** An iTXt chunk with a free choice of compression flag and raw text bytes. */
function iTxt(keyword: string, text: Uint8Array, compressed = false): Uint8Array {
  const header = encodeITxt(keyword, '');
  header[keyword.length + 1] = compressed ? 1 : 0;
  return encodeChunk('iTXt', concatBytes(header, text));
}

const failed = (code: string) => ({
  ok: false,
  code,
  message: expect.stringMatching(/^[A-Z].+\.$/),
});

describe('unbake', () => {
  it('reads back what bakePng and bakeSvg wrote, text byte for byte', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"/>';
    const cases: [Uint8Array, 'png' | 'svg', string][] = [
      [bakePng(artwork, json), 'png', json],
      [bakePng(artwork, jws), 'png', jws],
      [encode(bakeSvg(svg, { json })), 'svg', json],
      [encode(bakeSvg(svg, { jws })), 'svg', jws],
    ];
    for (const [bytes, format, text] of cases) {
      const credential = text === json ? JSON.parse(json) : jws;
      expect(unbake(bytes)).toEqual({ ok: true, format, credential, text });
    }
  });

  it('says when the file is neither PNG nor SVG', () => {
    const jpeg = Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 1, 2, 3);
    expect(unbake(jpeg)).toEqual({
      ok: false,
      code: 'not-png-or-svg',
      message: 'The file is neither a PNG nor an SVG image. It seems to be a JPEG image.',
    });
    for (const bytes of [new Uint8Array(0), encode('hello'), Uint8Array.of(0x89, 0x50)]) {
      expect(unbake(bytes)).toEqual(failed('not-png-or-svg'));
    }
    const element = `<openbadges:credential verify="${jws}"/>`;
    const xhtml = `<html xmlns="http://www.w3.org/1999/xhtml" ${OB3}>${element}</html>`;
    expect(unbake(encode(xhtml))).toMatchObject({
      ...failed('not-png-or-svg'),
      message: expect.stringContaining('root element <html>'),
    });
  });

  it('says when there is no credential, or an empty one', () => {
    expect(unbake(artwork)).toEqual(failed('no-credential'));
    expect(unbake(encode(`<svg ${SVG}><rect/></svg>`))).toEqual(failed('no-credential'));
    for (const empty of [
      '<openbadges:credential/>',
      '<openbadges:credential verify=" "><![CDATA[\n ]]></openbadges:credential>',
    ]) {
      expect(unbake(svgWith(empty))).toEqual({
        ok: false,
        code: 'no-credential',
        message: "The SVG's credential element is empty.",
      });
    }
    expect(unbake(bakePng(artwork, json, { keyword: 'openbadges' }))).toMatchObject({
      code: 'no-credential',
      message: expect.stringContaining('It does hold an Open Badges 2.0 "openbadges" chunk.'),
    });
  });

  it('says when there are two credentials', () => {
    const two = withChunks(bakePng(artwork, json), iTxt('openbadgecredential', encode(jws)));
    expect(unbake(two)).toEqual(failed('multiple-credentials'));
    const element = `<openbadges:credential verify="${jws}"/>`;
    expect(unbake(svgWith(`${element}<g>${element}</g>`))).toEqual(failed('multiple-credentials'));
  });

  it('matches the SVG element by namespace, whatever its prefix', () => {
    const other = `<ob:credential xmlns:ob="https://purl.imsglobal.org/ob/v3p0" verify="${jws}"/>`;
    expect(unbake(encode(`<svg ${SVG}><g>${other}</g></svg>`))).toMatchObject({
      ok: true,
      credential: jws,
    });
    const wrongNamespace = `<x:credential xmlns:x="https://example.org/ob" verify="${jws}"/>`;
    expect(
      unbake(
        encode(`<svg ${SVG}><!-- https://purl.imsglobal.org/ob/v3p0 -->${wrongNamespace}</svg>`),
      ),
    ).toEqual(failed('no-credential'));
  });

  it('says when the file or the baked text is unreadable', () => {
    const baked = bakePng(artwork, json);
    const unreadable: [Uint8Array, string][] = [
      [baked.subarray(0, baked.length - 30), 'The PNG is damaged'],
      [
        withChunks(artwork, iTxt('openbadgecredential', Uint8Array.of(0x7b, 0xff, 0xfe))),
        'not valid UTF-8',
      ],
      [withChunks(artwork, encodeChunk('iTXt', encode('openbadgecredential\0'))), 'damaged'],
      [bakePng(artwork, 'https://badges.example.org/a/1', { keyword: 'openbadges' }), ''],
      [withChunks(artwork, iTxt('openbadgecredential', encode('{"name": '))), 'not valid JSON'],
      [withChunks(artwork, iTxt('openbadgecredential', encode('hello world'))), 'neither JSON'],
      [svgWith('<openbadges:credential>[1,2]</openbadges:credential>'), 'neither JSON'],
      [svgWith('<openbadges:credential>{"a":[]}x</openbadges:credential>'), 'not valid JSON'],
      [concatBytes(svgWith(''), Uint8Array.of(0xc3, 0x28)), 'not UTF-8'],
      [svgWith('<openbadges:credential>'), 'not well-formed'],
    ];
    for (const [bytes, reason] of unreadable) {
      const result = unbake(bytes);
      if (reason === '') {
        expect(unbake(bytes, { version: '2.0' })).toMatchObject({ ok: true });
        continue;
      }
      expect(result, reason).toEqual(failed('unreadable'));
      expect(!result.ok && result.message, reason).toContain(reason);
    }
    const url = withChunks(artwork, iTxt('openbadgecredential', encode('https://x.example/a')));
    expect(unbake(url)).toMatchObject({
      code: 'unreadable',
      message: expect.stringContaining('URL'),
    });
  });

  it('reads SVG with a BOM, in UTF-16, and with entities it cannot expand', () => {
    const text = `\ufeff<svg ${SVG} ${OB3}><openbadges:credential verify="${jws}"/></svg>`;
    expect(unbake(encode(text))).toMatchObject({ ok: true, credential: jws });
    const utf16 = new Uint8Array(text.length * 2); // UTF-16LE; the BOM becomes FF FE
    const view = new DataView(utf16.buffer);
    for (let index = 0; index < text.length; index++) {
      view.setUint16(index * 2, text.charCodeAt(index), true);
    }
    expect(unbake(utf16)).toMatchObject({ ok: true, credential: jws });
    const laughs = Array.from({ length: 10 }, (_, n) =>
      n === 0 ? '<!ENTITY l0 "lol">' : `<!ENTITY l${n} "${`&l${n - 1};`.repeat(10)}">`,
    ).join('');
    const inside = `<text>&l9;</text><openbadges:credential verify="${jws}"/>`;
    const bomb = `<!DOCTYPE svg [${laughs}]><svg ${SVG} ${OB3}>${inside}</svg>`;
    const started = performance.now();
    expect(unbake(encode(bomb))).toMatchObject({ ok: true, credential: jws });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('handles 20 MB files and deep nesting without throwing', () => {
    const big = 20 * 1024 * 1024;
    const padding = encodeChunk('teSt', new Uint8Array(big));
    expect(unbake(withChunks(bakePng(artwork, jws), padding))).toMatchObject({ ok: true });
    const noise = new Uint8Array(big).map((_, index) => (index * 2654435761) >>> 24);
    expect(unbake(noise)).toEqual(failed('not-png-or-svg'));
    const path = `<path d="${'M 1 2 L 3 4 '.repeat(big / 12)}"/>`;
    expect(unbake(svgWith(`<openbadges:credential verify="${jws}"/>${path}`))).toMatchObject({
      ok: true,
    });
    expect(unbake(svgWith(path + path))).toEqual(failed('unreadable'));
    const deep = `${'<g>'.repeat(100_000)}${'</g>'.repeat(100_000)}`;
    expect(unbake(svgWith(deep))).toEqual(failed('no-credential'));
  }, 20_000);

  it('returns a result even for input that is not a Uint8Array', () => {
    for (const input of [null, undefined, 'text', {}, [1, 2]]) {
      expect(unbake(input as unknown as Uint8Array)).toMatchObject({ ok: false });
    }
  });

  it('reads OB 2.0 images when asked', () => {
    const assertion = '{"type":"Assertion","id":"https://badges.example.org/a/1"}';
    expect(
      unbake(bakePng(artwork, assertion, { keyword: 'openbadges' }), { version: '2.0' }),
    ).toMatchObject({
      ok: true,
      credential: JSON.parse(assertion),
    });
    const legacy = withChunks(
      artwork,
      encodeChunk('tEXt', encode('openbadges\0https://x.example/a/1')),
    );
    expect(unbake(legacy, { version: '2.0' })).toMatchObject({
      ok: true,
      credential: 'https://x.example/a/1',
    });
  });
});

describe('compressed iTXt chunks', () => {
  const compressed = (text: Uint8Array) =>
    withChunks(artwork, iTxt('openbadgecredential', new Uint8Array(deflateSync(text)), true));

  it('are reported as unreadable by unbake, which cannot inflate synchronously', () => {
    expect(unbake(compressed(encode(json)))).toMatchObject({
      ...failed('unreadable'),
      message: expect.stringContaining('compressed, which Open Badges forbids'),
    });
  });

  it('are read by unbakeAsync', async () => {
    const result: UnbakeResult = await unbakeAsync(compressed(encode(json)));
    expect(result).toEqual({ ok: true, format: 'png', credential: JSON.parse(json), text: json });
    expect(await unbakeAsync(bakePng(artwork, jws))).toEqual(unbake(bakePng(artwork, jws)));
    expect(await unbakeAsync(encode('nope'))).toEqual(unbake(encode('nope')));
  });

  it('refuses corrupt data and zlib bombs without rejecting', async () => {
    const corrupt = withChunks(
      artwork,
      iTxt('openbadgecredential', Uint8Array.of(0x78, 0x9c, 1, 2), true),
    );
    expect(await unbakeAsync(corrupt)).toEqual(failed('unreadable'));
    const bomb = compressed(new Uint8Array(64 * 1024 * 1024).fill(0x20));
    expect(await unbakeAsync(bomb)).toMatchObject({
      code: 'unreadable',
      message: expect.stringContaining('does not inflate'),
    });
  });
});
