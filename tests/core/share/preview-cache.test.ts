import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openPreviewCache,
  previewCacheKey,
  rendererFingerprint,
} from '../../../src/core/share/preview-cache-node.ts';
import { buildPreviewSvg } from '../../../src/core/share/preview-svg.ts';
import { createPreviewRenderer } from '../../../src/core/share/render-preview-node.ts';
import type { PreviewCard } from '../../../src/core/share/share-plan.ts';
import { projectRoot } from '../bake/artwork.ts';

const CARD: PreviewCard = {
  eyebrow: 'Test Club',
  heading: 'First Thread',
  lines: ['Awarded to Zoë O’Brien'],
  footer: '2026-03-01 · badges.example.org/guild',
  art: [{ achievement: 'first-thread' }],
};
const artPng = readFileSync(path.join(projectRoot, 'content', 'achievements', 'first-thread.png'));
const artUri = `data:image/png;base64,${artPng.toString('base64')}`;

let svg: string;
/** A real card: what the cache stores. */
let card: Uint8Array;
const dirs: string[] = [];

/** A cache in a new temporary folder. */
function freshDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'laurel-preview-cache-'));
  dirs.push(dir);
  return dir;
}

/** Every file under `dir`, relative to it. */
function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((entry) =>
    statSync(path.join(dir, entry)).isFile(),
  );
}

beforeAll(() => {
  const renderer = createPreviewRenderer();
  svg = buildPreviewSvg(CARD, [artUri], renderer.measure);
  card = renderer.render(svg, 'card.png');
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('previewCacheKey', () => {
  it('is a stable SHA-256 hex key that changes with the card, its art and the fingerprint', () => {
    const key = previewCacheKey(CARD, [artUri]);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(previewCacheKey(structuredClone(CARD), [`${artUri}`])).toBe(key);
    expect(previewCacheKey(CARD, [artUri], rendererFingerprint())).toBe(key);
    const others = [
      previewCacheKey({ ...CARD, heading: `${CARD.heading}!` }, [artUri]),
      previewCacheKey({ ...CARD, revoked: true }, [artUri]),
      previewCacheKey(CARD, [`${artUri}A`]),
      previewCacheKey(CARD, []),
      previewCacheKey(CARD, [artUri], 'resvg-js@0.0.0 fonts:0000000000000000 laurel:0'),
      previewCacheKey(CARD, [artUri], `${rendererFingerprint()} `),
    ];
    expect(new Set([key, ...others]).size).toBe(others.length + 1);
  });
});

describe('rendererFingerprint', () => {
  it('names the installed resvg-js version, a hash of the fonts and one of the layout code', () => {
    const require = createRequire(import.meta.url);
    const { version } = require('@resvg/resvg-js/package.json') as { version: string };
    expect(rendererFingerprint()).toMatch(
      /^resvg-js@\d+\.\d+\.\d+\S* fonts:[0-9a-f]{16} laurel:[0-9a-f]{16}$/,
    );
    expect(rendererFingerprint()).toContain(`resvg-js@${version} `);
    expect(rendererFingerprint()).toBe(rendererFingerprint());
  });
});

describe('openPreviewCache', () => {
  it('has nothing when empty, and stores a card under <dir>/<two hex>/<key>.png', () => {
    const dir = freshDir();
    const cache = openPreviewCache(dir);
    const key = previewCacheKey(CARD, [artUri]);
    expect(cache.dir).toBe(dir);
    expect(cache.has(key)).toBe(false);
    const file = path.join(dir, key.slice(0, 2), `${key}.png`);
    expect(cache.fileOf(key)).toBe(file);
    expect(cache.set(key, card)).toBe(true);
    expect(cache.has(key)).toBe(true);
    expect(Buffer.from(readFileSync(file)).equals(Buffer.from(card))).toBe(true);
    expect(filesIn(dir)).toEqual([path.join(key.slice(0, 2), `${key}.png`)]);
    expect(cache.has(previewCacheKey({ ...CARD, heading: 'Another' }, [artUri]))).toBe(false);
  });

  it('does not create its folder until something is stored', () => {
    const dir = path.join(freshDir(), 'nested', 'previews');
    const cache = openPreviewCache(dir);
    expect(cache.has(previewCacheKey(CARD, [artUri]))).toBe(false);
    expect(existsSync(dir)).toBe(false);
    expect(cache.set(previewCacheKey(CARD, [artUri]), card)).toBe(true);
    expect(existsSync(dir)).toBe(true);
  });

  it('refuses names that are not cache keys', () => {
    const cache = openPreviewCache(freshDir());
    expect(() => cache.fileOf('../../etc/passwd')).toThrow(/not a cache key/);
    expect(() => cache.fileOf(previewCacheKey(CARD, [artUri]).toUpperCase())).toThrow(
      /not a cache key/,
    );
    expect(cache.has('../x')).toBe(false);
  });

  describe('treats an entry that is not a whole 1200x630 PNG as a miss', () => {
    const broken: [string, () => Uint8Array][] = [
      ['a truncated PNG', () => card.slice(0, card.length - 20)],
      ['a PNG cut in its image data', () => card.slice(0, Math.floor(card.length / 2))],
      [
        'a PNG with a bad CRC',
        () => {
          const copy = card.slice();
          // The last byte of the file is the last byte of IEND's CRC.
          copy[copy.length - 1] = (copy[copy.length - 1] ?? 0) ^ 0xff;
          return copy;
        },
      ],
      [
        'a PNG whose pixels were changed under their CRC',
        () => {
          const copy = card.slice();
          // A byte in the middle of the first IDAT chunk's data, its CRC left as it was.
          const at = Buffer.from(copy).indexOf('IDAT') + 4 + 100;
          copy[at] = (copy[at] ?? 0) ^ 0x01;
          return copy;
        },
      ],
      ['a PNG of another size', () => new Uint8Array(artPng)],
      ['a PNG with bytes after IEND', () => Buffer.concat([card, Buffer.from('junk')])],
      ['not a PNG', () => new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')],
      ['an empty file', () => new Uint8Array()],
    ];
    it.each(broken)('%s', (_name, bytes) => {
      const dir = freshDir();
      const cache = openPreviewCache(dir);
      const key = previewCacheKey(CARD, [artUri]);
      // The file is written as it is, whatever it holds: set does not check.
      expect(cache.set(key, bytes())).toBe(true);
      expect(existsSync(cache.fileOf(key))).toBe(true);
      expect(cache.has(key)).toBe(false);
      // The same file with the real card in it is a hit, so the bytes made the difference.
      writeFileSync(cache.fileOf(key), card);
      expect(cache.has(key)).toBe(true);
    });
  });

  it('returns false, storing nothing, when a file stands where its folder should be', () => {
    const dir = freshDir();
    const cache = openPreviewCache(dir);
    const key = previewCacheKey(CARD, [artUri]);
    writeFileSync(path.join(dir, key.slice(0, 2)), 'in the way');
    expect(cache.set(key, card)).toBe(false);
    expect(cache.has(key)).toBe(false);
    expect(filesIn(dir)).toEqual([key.slice(0, 2)]);
  });

  it('returns false when the entry itself cannot be replaced', () => {
    const dir = freshDir();
    const cache = openPreviewCache(dir);
    const key = previewCacheKey(CARD, [artUri]);
    // A non-empty folder at the entry's path: the rename into place fails.
    mkdirSync(path.join(cache.fileOf(key), 'blocker'), { recursive: true });
    expect(cache.set(key, card)).toBe(false);
    expect(cache.has(key)).toBe(false);
    expect(filesIn(dir).filter((file) => file.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves no temporary files, and replaces an entry in place', () => {
    const dir = freshDir();
    const cache = openPreviewCache(dir);
    const keys = ['One', 'Two', 'Three'].map((heading) =>
      previewCacheKey({ ...CARD, heading }, [artUri]),
    );
    for (const key of keys) expect(cache.set(key, card)).toBe(true);
    expect(cache.set(keys[0] as string, card)).toBe(true);
    const files = filesIn(dir);
    expect(files.filter((file) => file.endsWith('.tmp'))).toEqual([]);
    expect(files.sort()).toEqual(
      keys.map((key) => path.join(key.slice(0, 2), `${key}.png`)).sort(),
    );
    for (const key of keys) expect(cache.has(key)).toBe(true);
  });
});
