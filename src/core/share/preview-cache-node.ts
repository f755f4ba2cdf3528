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
 * place. An entry that is not a whole 1200x630 PNG is a miss and is drawn again. Deleting the
 * folder is always safe.
 */
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { readPngStructure } from '../bake/png-structure-node.ts';
import { PREVIEW_HEIGHT, PREVIEW_WIDTH } from './preview-svg.ts';
import type { PreviewCard } from './share-plan.ts';

/** Where the cache lives, relative to the project root. */
export const PREVIEW_CACHE_DIR = 'node_modules/.cache/laurel/previews';

const ENTRY_FORMAT = 'laurel-preview-2';
const KEY = /^[0-9a-f]{64}$/;

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
  /** The file of `key`'s entry (which may not exist). */
  fileOf(key: string): string;
  /** Whether a whole card is stored under `key`. Never throws. */
  has(key: string): boolean;
  /** Stores `png` under `key`; returns false (storing nothing) when it cannot write. */
  set(key: string, png: Uint8Array): boolean;
}

/** Opens (without creating) the cache in `dir`. */
export function openPreviewCache(dir: string): PreviewCache {
  let written = 0;
  const fileOf = (key: string) => {
    if (!KEY.test(key)) throw new Error(`preview cache: "${key}" is not a cache key`);
    return path.join(dir, key.slice(0, 2), `${key}.png`);
  };
  return {
    dir,
    fileOf,
    has(key) {
      try {
        return isWholeCard(new Uint8Array(readFileSync(fileOf(key))));
      } catch {
        return false;
      }
    },
    set(key, png) {
      const file = fileOf(key);
      const temporary = `${file}.${process.pid}-${threadId}-${written++}.tmp`;
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(temporary, png);
        renameSync(temporary, file);
        return true;
      } catch {
        try {
          rmSync(temporary, { force: true });
        } catch {
          // Nothing was written where nothing could be written.
        }
        return false;
      }
    },
  };
}

/** A PNG whose chunks all read with good CRCs, ending in IEND, sized like a card. */
function isWholeCard(bytes: Uint8Array): boolean {
  let header: Uint8Array | undefined;
  try {
    header = readPngStructure(bytes, 'cached preview card')[0]?.data;
  } catch {
    return false;
  }
  if (!header || header.length < 8) return false;
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  return view.getUint32(0) === PREVIEW_WIDTH && view.getUint32(4) === PREVIEW_HEIGHT;
}
