import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Removes from a content-addressed cache folder (`<dir>/<2 hex>/<name><extension>`) every entry
 * whose name is not in `keep`, anything else found there (a folder included), and any temporary
 * file a killed build left (one older than ten minutes); returns how many went. A missing folder
 * is an empty cache. Used after a build that published a whole site, so the cache holds what the
 * site is made of, not every version it ever had.
 */
export function pruneCacheFolder(
  dir: string,
  extension: string,
  keep: ReadonlySet<string>,
): number {
  let removed = 0;
  let shards: string[];
  try {
    shards = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const shard of shards) {
    if (!/^[0-9a-f]{2}$/.test(shard)) continue;
    const folder = path.join(dir, shard);
    let files: string[];
    try {
      files = readdirSync(folder);
    } catch {
      continue;
    }
    let kept = 0;
    for (const file of files) {
      const entry = file.endsWith(extension) && keep.has(file.slice(0, -extension.length));
      // A recent temporary file may be another build's entry being written right now.
      if (entry || (file.endsWith('.tmp') && isRecent(path.join(folder, file)))) {
        kept++;
        continue;
      }
      rmSync(path.join(folder, file), { recursive: true, force: true });
      removed++;
    }
    if (kept === 0) rmSync(folder, { recursive: true, force: true });
  }
  return removed;
}

const RECENT_MS = 10 * 60 * 1000;

function isRecent(file: string): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs < RECENT_MS;
  } catch {
    return false;
  }
}
