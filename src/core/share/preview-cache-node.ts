/**
 * A content-addressed cache of preview card PNGs, so a rebuild draws only the cards whose text,
 * artwork or fonts changed. Drawing a card costs tens of milliseconds; at thousands of awards the
 * cards would otherwise be most of a build.
 *
 * A card's key is a hash of what decides its pixels: the card's text and art (by a hash of each
 * artwork), Laurel's layout code, the resvg-js version and the fonts resvg can load (the layout
 * measures text with them too). So a hit costs a hash, not a layout: at thousands of cards, laying
 * each one out again just to find its key would cost seconds of every rebuild. Entries live
 * next to the signed-result cache, one PNG per key, written to a temporary file and renamed into
 * place, its name carrying a MAC (see `openPreviewCache`). An entry whose MAC is wrong is a
 * miss and is drawn again. Deleting the folder is always safe.
 */
import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { readCacheFile, writeCacheFile } from '../cache-file-node.ts';
import { compareCodePoints } from '../status/status-record.ts';
import type { PreviewCard } from './share-plan.ts';

/** Where the cache lives, relative to the project root. */
export const PREVIEW_CACHE_DIR = 'node_modules/.cache/laurel/previews';

const ENTRY_FORMAT = 'laurel-preview-3';
const KEY = /^[0-9a-f]{64}$/;
/** Hex digits of the MAC kept in an entry's name: 128 bits. */
const MAC_LENGTH = 32;
const ENTRY = /^([0-9a-f]{64})-([0-9a-f]{32})\.png$/;

/** Folders resvg's font database loads system fonts from on Linux, macOS and Windows. */
function fontFolders(): string[] {
  const home = homedir();
  return [
    '/usr/share/fonts',
    '/usr/local/share/fonts',
    path.join(home, '.fonts'),
    path.join(process.env.XDG_DATA_HOME ?? path.join(home, '.local/share'), 'fonts'),
    '/System/Library/Fonts',
    '/Library/Fonts',
    path.join(home, 'Library/Fonts'),
    path.join(process.env.SystemRoot ?? 'C:\\Windows', 'Fonts'),
  ];
}

/** Laurel's code that lays a card out and draws it, relative to this file. */
const LAYOUT_SOURCES = ['./preview-svg.ts', './render-preview-node.ts', './xml-document.ts'];

let fingerprint: string | undefined;

/**
 * What besides a card's content decides its pixels: Laurel's layout code, the resvg-js version
 * and every font file resvg may load (path, size and modification time). Computed once per
 * thread.
 */
export function rendererFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const require = createRequire(import.meta.url);
  const resvg = require('@resvg/resvg-js/package.json') as { version: string };
  const code = createHash('sha256');
  for (const source of LAYOUT_SOURCES) code.update(readFileSync(new URL(source, import.meta.url)));
  const fonts: string[] = [];
  for (const folder of fontFolders()) {
    let entries: string[];
    try {
      entries = readdirSync(folder, { recursive: true, encoding: 'utf8' });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (!/\.(?:ttf|otf|ttc|otc)$/i.test(entry)) continue;
      const file = path.join(folder, entry);
      try {
        const stat = statSync(file);
        fonts.push(`${file}:${stat.size}:${Math.trunc(stat.mtimeMs)}`);
      } catch {
        // A dangling link is no font.
      }
    }
  }
  const fontHash = createHash('sha256').update(fonts.sort().join('\n')).digest('hex');
  const layout = code.digest('hex').slice(0, 16);
  fingerprint = `resvg-js@${resvg.version} fonts:${fontHash.slice(0, 16)} laurel:${layout}`;
  return fingerprint;
}

/**
 * The cache key of `card` drawn with `art`: the data URIs of its artwork, in the card's order
 * (hashed, so a key costs the same whatever their size).
 */
export function previewCacheKey(
  card: PreviewCard,
  art: readonly string[],
  fingerprintText = rendererFingerprint(),
): string {
  const artHashes = art.map(artHash);
  return createHash('sha256')
    .update(JSON.stringify([ENTRY_FORMAT, fingerprintText, card, artHashes]))
    .digest('hex');
}

const artHashes = new Map<string, string>();

/** The SHA-256 of a data URI, remembered: every card of an achievement draws the same one. */
function artHash(uri: string): string {
  let hash = artHashes.get(uri);
  if (hash === undefined) {
    hash = createHash('sha256').update(uri).digest('hex');
    artHashes.set(uri, hash);
  }
  return hash;
}

export interface PreviewCache {
  readonly dir: string;
  /** The file of the card stored under `key`, if there is one with a right MAC. Never throws. */
  find(key: string): string | undefined;
  /** Stores `png` under `key` with its MAC; gives its file, or undefined if it cannot write. */
  set(key: string, png: Uint8Array): string | undefined;
}

/**
 * The secret preview card MACs are made with, from the issuers' cache secrets (as
 * `cacheSecret` derives them from their private keys), in the order of their slugs.
 */
export function previewSecret(issuerSecrets: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const slugs = [...issuerSecrets.keys()].sort(compareCodePoints);
  const material = Buffer.concat(slugs.map((slug) => issuerSecrets.get(slug) ?? new Uint8Array()));
  return new Uint8Array(hkdfSync('sha256', material, ENTRY_FORMAT, 'laurel preview cards', 32));
}

/** The MAC in an entry's file name: binds the PNG to its key. */
function entryMac(secret: Uint8Array, key: string, png: Uint8Array): string {
  return createHmac('sha256', secret)
    .update(`${ENTRY_FORMAT}\n${key}\n`)
    .update(png)
    .digest('hex')
    .slice(0, MAC_LENGTH);
}

/**
 * Opens (without creating) the cache in `dir`. An entry is `<key>-<MAC>.png`, the MAC an
 * HMAC-SHA256 of the key and the PNG under `secret`: cards are published as hard links to their
 * entries, so an entry changed in place through the published file, swapped with another, or
 * written by anyone without the issuers' keys (a tampered CI cache, say) is a miss and is drawn
 * again. Checking a MAC costs a read and a hash, not a drawing.
 */
export function openPreviewCache(dir: string, secret: Uint8Array): PreviewCache {
  const shards = new Map<string, string[]>();
  const namesIn = (key: string): string[] => {
    const shard = key.slice(0, 2);
    let names = shards.get(shard);
    if (names === undefined) {
      try {
        names = readdirSync(path.join(dir, shard));
      } catch {
        names = [];
      }
      shards.set(shard, names);
    }
    return names;
  };
  const checkKey = (key: string) => {
    if (!KEY.test(key)) throw new Error(`preview cache: "${key}" is not a cache key`);
  };
  return {
    dir,
    find(key) {
      checkKey(key);
      for (const name of namesIn(key)) {
        const [, named, mac] = ENTRY.exec(name) ?? [];
        if (named !== key || mac === undefined) continue;
        const file = path.join(dir, key.slice(0, 2), name);
        const png = readCacheFile(file);
        if (png !== undefined && entryMac(secret, key, png) === mac) return file;
      }
      return undefined;
    },
    set(key, png) {
      checkKey(key);
      const name = `${key}-${entryMac(secret, key, png)}.png`;
      const file = path.join(dir, key.slice(0, 2), name);
      if (!writeCacheFile(file, png)) return undefined;
      namesIn(key).push(name);
      return file;
    },
  };
}
