import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pruneCacheFolder } from '../../../src/core/publish/prune-cache-node.ts';

const key = (n: number) => n.toString(16).padStart(64, String(n % 10));
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A cache folder holding `keys`, each as `<2 hex>/<key><extension>`. */
function cacheWith(keys: string[], extension: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'laurel-prune-'));
  folders.push(dir);
  for (const entry of keys) {
    mkdirSync(path.join(dir, entry.slice(0, 2)), { recursive: true });
    writeFileSync(path.join(dir, entry.slice(0, 2), `${entry}${extension}`), 'x');
  }
  return dir;
}

const listed = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.includes('.'))
    .map((file) => path.basename(file))
    .sort();

describe('pruneCacheFolder', () => {
  it('keeps the entries named, removes the rest and the folders they leave empty', () => {
    const keys = [1, 2, 3, 4].map(key);
    const dir = cacheWith(keys, '.json');
    const torn = path.join(dir, keys[0]?.slice(0, 2) ?? '', `${keys[0]}.json.123-0-0.tmp`);
    writeFileSync(torn, 'half');
    const old = new Date(Date.now() - 60 * 60 * 1000);
    utimesSync(torn, old, old);
    // Another build may be writing this one now.
    const writing = path.join(dir, keys[2]?.slice(0, 2) ?? '', `${keys[2]}.json.456-0-0.tmp`);
    writeFileSync(writing, 'half');
    const keep = new Set([keys[0] as string, keys[2] as string]);
    expect(pruneCacheFolder(dir, '.json', keep)).toBe(3);
    expect(listed(dir)).toEqual(
      [`${keys[0]}.json`, `${keys[2]}.json`, `${keys[2]}.json.456-0-0.tmp`].sort(),
    );
    expect(existsSync(path.join(dir, keys[1]?.slice(0, 2) ?? ''))).toBe(false);
  });

  it('removes an entry with the right key but another extension', () => {
    const dir = cacheWith([key(5)], '.png');
    expect(pruneCacheFolder(dir, '.json', new Set([key(5)]))).toBe(1);
    expect(listed(dir)).toEqual([]);
  });

  it('removes a folder standing where an entry should be, unless its name is kept', () => {
    const [stray, named] = [key(7), key(8)];
    const dir = cacheWith([], '.png');
    for (const name of [stray, named]) {
      mkdirSync(path.join(dir, name.slice(0, 2), `${name}.png`, 'inside'), { recursive: true });
    }
    expect(pruneCacheFolder(dir, '.png', new Set([named]))).toBe(1);
    expect(existsSync(path.join(dir, stray.slice(0, 2)))).toBe(false);
    expect(existsSync(path.join(dir, named.slice(0, 2), `${named}.png`))).toBe(true);
  });

  it('leaves files outside the shard folders alone, and a missing folder is empty', () => {
    const dir = cacheWith([key(6)], '.png');
    writeFileSync(path.join(dir, 'README.txt'), 'not a shard');
    expect(pruneCacheFolder(dir, '.png', new Set())).toBe(1);
    expect(readdirSync(dir)).toEqual(['README.txt']);
    expect(pruneCacheFolder(path.join(dir, 'nothing-here'), '.png', new Set())).toBe(0);
  });
});
