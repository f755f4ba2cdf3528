import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openPreviewCache,
  previewCacheKey,
  previewSecret,
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

const SECRET = new Uint8Array(32).fill(7);
const OTHER_SECRET = new Uint8Array(32).fill(8);
const ENTRY_NAME = /^([0-9a-f]{64})-([0-9a-f]{32})\.png$/;

describe('previewSecret', () => {
  it('depends on every issuer secret, not on the order they come in', () => {
    const a = new Uint8Array(32).fill(1);
    const b = new Uint8Array(32).fill(2);
    const secret = previewSecret(
      new Map([
        ['alpha', a],
        ['beta', b],
      ]),
    );
    expect(secret).toHaveLength(32);
    expect(
      Buffer.from(
        previewSecret(
          new Map([
            ['beta', b],
            ['alpha', a],
          ]),
        ),
      ),
    ).toEqual(Buffer.from(secret));
    expect(Buffer.from(previewSecret(new Map([['alpha', a]])))).not.toEqual(Buffer.from(secret));
    expect(
      Buffer.from(
        previewSecret(
          new Map([
            ['alpha', a],
            ['beta', a],
          ]),
        ),
      ),
    ).not.toEqual(Buffer.from(secret));
  });
});

describe('openPreviewCache', () => {
  it('finds nothing when empty, and stores a card as <dir>/<two hex>/<key>-<MAC>.png', () => {
    const dir = freshDir();
    const cache = openPreviewCache(dir, SECRET);
    const key = previewCacheKey(CARD, [artUri]);
    expect(cache.dir).toBe(dir);
    expect(cache.find(key)).toBeUndefined();
    const file = cache.set(key, card);
    expect(file).toBeDefined();
    expect(path.dirname(file ?? '')).toBe(path.join(dir, key.slice(0, 2)));
    expect(ENTRY_NAME.exec(path.basename(file ?? ''))?.[1]).toBe(key);
    expect(cache.find(key)).toBe(file);
    expect(Buffer.from(readFileSync(file ?? '')).equals(Buffer.from(card))).toBe(true);
    expect(filesIn(dir)).toEqual([path.relative(dir, file ?? '')]);
    expect(cache.find(previewCacheKey({ ...CARD, heading: 'Another' }, [artUri]))).toBeUndefined();
    // Another build (a new cache object) finds it too, by listing the folder.
    expect(openPreviewCache(dir, SECRET).find(key)).toBe(file);
  });

  it('does not create its folder until something is stored', () => {
    const dir = path.join(freshDir(), 'nested', 'previews');
    const cache = openPreviewCache(dir, SECRET);
    expect(cache.find(previewCacheKey(CARD, [artUri]))).toBeUndefined();
    expect(existsSync(dir)).toBe(false);
    expect(cache.set(previewCacheKey(CARD, [artUri]), card)).toBeDefined();
    expect(existsSync(dir)).toBe(true);
  });

  it('refuses names that are not cache keys', () => {
    const cache = openPreviewCache(freshDir(), SECRET);
    expect(() => cache.find('../../etc/passwd')).toThrow(/not a cache key/);
    expect(() => cache.set(previewCacheKey(CARD, [artUri]).toUpperCase(), card)).toThrow(
      /not a cache key/,
    );
  });

  describe('treats an entry whose bytes are not those its MAC was made for as a miss', () => {
    const other = () => {
      const renderer = createPreviewRenderer();
      return renderer.draw({ ...CARD, lines: ['Awarded to someone else'] }, [artUri], 'x.png');
    };
    const changed: [string, () => Uint8Array][] = [
      ['a truncated PNG', () => card.slice(0, card.length - 20)],
      [
        'a whole PNG with one pixel changed',
        () => {
          const image = PNG.sync.read(Buffer.from(card));
          image.data[0] = (image.data[0] ?? 0) ^ 0x01;
          return new Uint8Array(PNG.sync.write(image));
        },
      ],
      ['a whole, valid card of something else (another card swapped in)', other],
      ['an empty file', () => new Uint8Array()],
    ];
    it.each(changed)('%s', (_name, bytes) => {
      const dir = freshDir();
      const cache = openPreviewCache(dir, SECRET);
      const key = previewCacheKey(CARD, [artUri]);
      const file = cache.set(key, card) ?? '';
      // Edited in place, as through a published hard link.
      writeFileSync(file, bytes());
      expect(openPreviewCache(dir, SECRET).find(key)).toBeUndefined();
      // The same file with the real card in it is a hit, so the bytes made the difference.
      writeFileSync(file, card);
      expect(openPreviewCache(dir, SECRET).find(key)).toBe(file);
    });

    it('an entry written under another secret (not by this site’s builds)', () => {
      const dir = freshDir();
      const key = previewCacheKey(CARD, [artUri]);
      expect(openPreviewCache(dir, OTHER_SECRET).set(key, card)).toBeDefined();
      expect(openPreviewCache(dir, SECRET).find(key)).toBeUndefined();
    });

    it('an entry renamed to another key', () => {
      const dir = freshDir();
      const cache = openPreviewCache(dir, SECRET);
      const key = previewCacheKey(CARD, [artUri]);
      const otherKey = previewCacheKey({ ...CARD, heading: 'Other' }, [artUri]);
      const file = cache.set(key, card) ?? '';
      const mac = ENTRY_NAME.exec(path.basename(file))?.[2];
      const moved = path.join(dir, otherKey.slice(0, 2), `${otherKey}-${mac}.png`);
      mkdirSync(path.dirname(moved), { recursive: true });
      renameSync(file, moved);
      expect(openPreviewCache(dir, SECRET).find(otherKey)).toBeUndefined();
    });
  });

  it('passes over a folder or a FIFO at an entry’s name, and replaces it', () => {
    const dir = freshDir();
    const cache = openPreviewCache(dir, SECRET);
    const key = previewCacheKey(CARD, [artUri]);
    const file = cache.set(key, card) ?? '';
    rmSync(file);
    mkdirSync(path.join(file, 'inside'), { recursive: true });
    expect(openPreviewCache(dir, SECRET).find(key)).toBeUndefined();
    expect(openPreviewCache(dir, SECRET).set(key, card)).toBe(file);
    expect(openPreviewCache(dir, SECRET).find(key)).toBe(file);
    rmSync(file);
    execFileSync('mkfifo', [file]);
    // Reading a FIFO with no writer would block this thread for ever.
    expect(openPreviewCache(dir, SECRET).find(key)).toBeUndefined();
    expect(openPreviewCache(dir, SECRET).set(key, card)).toBe(file);
    expect(statSync(file).isFile()).toBe(true);
  });

  it('replaces a file standing where an entry’s folder belongs', () => {
    const dir = freshDir();
    const key = previewCacheKey(CARD, [artUri]);
    writeFileSync(path.join(dir, key.slice(0, 2)), 'in the way');
    const file = openPreviewCache(dir, SECRET).set(key, card);
    expect(file).toBeDefined();
    expect(openPreviewCache(dir, SECRET).find(key)).toBe(file);
  });

  it('gives undefined, storing nothing, when the cache folder itself is a file', () => {
    const notAFolder = path.join(freshDir(), 'previews');
    writeFileSync(notAFolder, 'in the way');
    const key = previewCacheKey(CARD, [artUri]);
    expect(openPreviewCache(notAFolder, SECRET).set(key, card)).toBeUndefined();
    expect(readFileSync(notAFolder, 'utf8')).toBe('in the way');
  });

  it('leaves no temporary files, and replaces an entry in place', () => {
    const dir = freshDir();
    const cache = openPreviewCache(dir, SECRET);
    const keys = ['One', 'Two', 'Three'].map((heading) =>
      previewCacheKey({ ...CARD, heading }, [artUri]),
    );
    const stored = keys.map((key) => cache.set(key, card));
    expect(cache.set(keys[0] as string, card)).toBe(stored[0]);
    const files = filesIn(dir);
    expect(files.filter((file) => file.endsWith('.tmp'))).toEqual([]);
    expect(files.sort()).toEqual(stored.map((file) => path.relative(dir, file ?? '')).sort());
    for (const [index, key] of keys.entries()) expect(cache.find(key)).toBe(stored[index]);
  });
});
