import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bakePng } from '../../../src/core/bake/bake-png-node.ts';
import { readPngChunks } from '../../../src/core/bake/png-chunks.ts';
import { encodeChunk } from '../../../src/core/bake/png-structure-node.ts';
import { readTextChunk } from '../../../src/core/bake/png-text-chunks.ts';
import { unbake } from '../../../src/core/bake/unbake.ts';
import { LaurelError } from '../../../src/core/errors.ts';
import {
  concatBytes,
  credentialJson,
  credentialJws,
  decodePixels,
  hasShared,
  itWithTool,
  makePng,
  runOn,
  sharedDir,
} from './artwork.ts';

const artwork = makePng();
const json = credentialJson();

const chunksOf = (bytes: Uint8Array) => readPngChunks(bytes).chunks;
const textChunks = (bytes: Uint8Array) =>
  chunksOf(bytes)
    .filter((chunk) => chunk.type === 'iTXt' || chunk.type === 'tEXt')
    .map((chunk) => readTextChunk(chunk.type, chunk.data));

describe('bakePng', () => {
  it('inserts one uncompressed iTXt chunk just before the first IDAT', () => {
    const baked = bakePng(artwork, json);
    const types = chunksOf(baked).map((chunk) => chunk.type);
    expect(types).toEqual(['IHDR', 'iTXt', 'IDAT', 'IEND']);
    const data = chunksOf(baked)[1]?.data ?? new Uint8Array(0);
    const header = new TextEncoder().encode('openbadgecredential\0\0\0\0\0');
    expect(data.subarray(0, header.length)).toEqual(header);
    expect(new TextDecoder().decode(data.subarray(header.length))).toBe(json);
  });

  it('copies every other chunk byte for byte', () => {
    const baked = bakePng(artwork, json);
    const bytesOf = (bytes: Uint8Array) =>
      chunksOf(bytes)
        .filter((chunk) => chunk.type !== 'iTXt')
        .map((chunk) => [...bytes.subarray(chunk.start, chunk.end)]);
    expect(bytesOf(baked)).toEqual(bytesOf(artwork));
    expect(baked.length).toBe(artwork.length + 12 + 24 + new TextEncoder().encode(json).length);
  });

  it('keeps the decoded pixels of RGB and RGBA artwork', () => {
    for (const colorType of [2, 6] as const) {
      const original = makePng(31, 17, colorType);
      expect(decodePixels(bakePng(original, credentialJws()))).toEqual(decodePixels(original));
    }
  });

  it('replaces its own chunk when re-baking, never adding a second', () => {
    const once = bakePng(artwork, json);
    const twice = bakePng(once, credentialJws('Ben Example'));
    expect(textChunks(twice)).toHaveLength(1);
    expect(twice).toEqual(bakePng(artwork, credentialJws('Ben Example')));
  });

  it('also replaces a tEXt chunk with the same keyword', () => {
    const chunks = chunksOf(artwork);
    const legacy = encodeChunk('tEXt', new TextEncoder().encode('openbadges\0https://x.example/a'));
    const [signatureAndHeader, rest] = [
      artwork.subarray(0, chunks[0]?.end),
      artwork.subarray(chunks[0]?.end),
    ];
    const withLegacy = concatBytes(signatureAndHeader, legacy, rest);
    const baked = bakePng(withLegacy, json, { keyword: 'openbadges' });
    expect(textChunks(baked).map((entry) => entry?.keyword)).toEqual(['openbadges']);
  });

  it('keeps an OB 2.0 chunk when baking OB 3.0, and the other way round', () => {
    const ob2 = bakePng(artwork, json, { keyword: 'openbadges' });
    const both = bakePng(bakePng(ob2, json), credentialJws());
    expect(textChunks(both).map((entry) => entry?.keyword)).toEqual([
      'openbadges',
      'openbadgecredential',
    ]);
    const rebakedOb2 = bakePng(both, credentialJws(), { keyword: 'openbadges' });
    expect(textChunks(rebakedOb2)).toHaveLength(2);
  });

  it('gives back byte-identical text with accents, CJK, emoji and markup characters', () => {
    const tricky = credentialJson('Zoë Ñúñez 山田太郎 🎓 &<>"\' ]]>', 2);
    const result = unbake(bakePng(artwork, tricky));
    expect(result.ok && result.text).toBe(tricky);
  });

  it('refuses text that is not a credential, with ERR_BAKE', () => {
    const refused = [
      'hello',
      '[1, 2]',
      ` ${json}`,
      '{"name": "\ud800"}',
      'https://badges.example.org/assertions/1',
    ];
    for (const text of refused) {
      expect(() => bakePng(artwork, text, { file: 'art/badge.png' })).toThrow(
        expect.objectContaining({ code: 'ERR_BAKE', file: 'art/badge.png' }),
      );
    }
  });

  it('accepts an assertion URL for OB 2.0 only', () => {
    const url = 'https://badges.example.org/assertions/1';
    const baked = bakePng(artwork, url, { keyword: 'openbadges' });
    expect(unbake(baked, { version: '2.0' })).toMatchObject({ ok: true, credential: url });
  });

  it('refuses artwork that is not a PNG, with ERR_IMAGE', () => {
    const jpeg = Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70);
    const error = catchError(() => bakePng(jpeg, json, { file: 'art/badge.png' }));
    expect(error).toBeInstanceOf(LaurelError);
    expect(error).toMatchObject({ code: 'ERR_IMAGE', file: 'art/badge.png' });
    expect(error?.format()).toMatch(/^art\/badge\.png: is a JPEG image, not a PNG/);
  });
});

describe('baked PNGs pass independent checkers', () => {
  const validatorPng = path.join(sharedDir, 'ob3/examples/validator-1edtech/ob30/simple-json.png');
  const rgb = makePng(64, 64, 2);
  const rebaked = bakePng(artwork, credentialJws());
  const cases = (): [string, Uint8Array, Uint8Array][] => [
    ['RGBA artwork, JSON', bakePng(artwork, json), artwork],
    ['RGB artwork, JWS', bakePng(rgb, credentialJws()), rgb],
    ['re-baked artwork', bakePng(rebaked, json), rebaked],
    ...(hasShared ? [validatorCase(validatorPng)] : []),
  ];

  itWithTool('pngcheck')('pngcheck finds no errors', () => {
    for (const [name, baked] of cases()) {
      const { status, output } = runOn('pngcheck', ['-v'], baked, 'png');
      expect(status, `${name}\n${output}`).toBe(0);
      expect(output).toMatch(/iTXt .* keyword: openbadgecredential\n\s+uncompressed/);
      expect(output).toContain('No errors detected');
    }
  });

  // The validator's artwork has tEXt chunks after its IDAT, which exiftool already
  // warns about; baking must add no warning of its own (ours goes before the IDAT).
  itWithTool('exiftool')('exiftool lists the chunk and baking adds no warning', () => {
    const exif = (bytes: Uint8Array) => {
      const { status, output } = runOn('exiftool', ['-j', '-a', '-G1'], bytes, 'png');
      expect(status, output).toBe(0);
      return (JSON.parse(output) as Record<string, unknown>[])[0] ?? {};
    };
    for (const [name, baked, original] of cases()) {
      const tags = exif(baked);
      expect(tags['ExifTool:Warning'], name).toBe(exif(original)['ExifTool:Warning']);
      expect(tags['PNG:Openbadgecredential'], name).toEqual(expect.any(String));
    }
    expect(exif(bakePng(artwork, json))['ExifTool:Warning']).toBeUndefined();
  });
});

function validatorCase(file: string): [string, Uint8Array, Uint8Array] {
  const original = new Uint8Array(readFileSync(file));
  return ['16-bit, multi-IDAT artwork baked before', bakePng(original, json), original];
}

function catchError(run: () => unknown): LaurelError | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof LaurelError) return error;
    throw error;
  }
  return undefined;
}
