import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OutputDir } from '../../../src/core/publish/output-dir.ts';

const folders: string[] = [];
function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'laurel-out-'));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('OutputDir', () => {
  it('writes and moves files into sub-folders and records what it wrote', () => {
    const root = folder();
    const out = new OutputDir(path.join(root, 'dist'));
    out.write('a/b/c.txt', 'hello');
    const staged = path.join(root, 'staged.txt');
    writeFileSync(staged, 'moved');
    out.move('d/e.txt', staged);
    expect(readFileSync(path.join(root, 'dist/a/b/c.txt'), 'utf8')).toBe('hello');
    expect(readFileSync(path.join(root, 'dist/d/e.txt'), 'utf8')).toBe('moved');
    expect(() => statSync(staged)).toThrow();
    expect(out.written).toEqual(['a/b/c.txt', 'd/e.txt']);
  });

  it('refuses paths that leave the folder', () => {
    const out = new OutputDir(path.join(folder(), 'dist'));
    expect(() => out.write('../escape.txt', 'x')).toThrow(/outside the output folder/);
    expect(() => out.write('a/../../escape.txt', 'x')).toThrow(/outside the output folder/);
  });

  it('links a cache entry instead of copying it, and the link survives the entry being replaced', () => {
    const root = folder();
    const entry = path.join(root, 'cache', 'entry.png');
    mkdirSync(path.dirname(entry));
    writeFileSync(entry, 'first card');
    const out = new OutputDir(path.join(root, 'dist'));
    out.link('previews/card.png', entry);
    const published = path.join(root, 'dist/previews/card.png');
    expect(statSync(published).ino).toBe(statSync(entry).ino);
    expect(statSync(entry).nlink).toBe(2);
    // The cache writes a new file and renames it over the entry, as preview-cache-node.ts does.
    writeFileSync(`${entry}.tmp`, 'second card');
    renameSync(`${entry}.tmp`, entry);
    expect(readFileSync(published, 'utf8')).toBe('first card');
    rmSync(entry);
    expect(readFileSync(published, 'utf8')).toBe('first card');
    expect(out.written).toEqual(['previews/card.png']);
  });

  it('does not replace a file that is already published', () => {
    const root = folder();
    const entry = path.join(root, 'entry.png');
    writeFileSync(entry, 'card');
    const out = new OutputDir(path.join(root, 'dist'));
    out.write('card.png', 'already here');
    expect(() => out.link('card.png', entry)).toThrow(/EEXIST/);
    expect(readFileSync(path.join(root, 'dist/card.png'), 'utf8')).toBe('already here');
  });
});
