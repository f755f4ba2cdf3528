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
import { Worker } from 'node:worker_threads';
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

  it('links a cache entry, and the link survives the entry being replaced', () => {
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

  it('links while another thread keeps renaming new entries over the source', async () => {
    const root = folder();
    const entry = path.join(root, 'entry.png');
    writeFileSync(entry, 'version 0');
    // The preview cache's way of replacing an entry, as fast as a thread can.
    const replacer = new Worker(
      `const { writeFileSync, renameSync } = require('node:fs');
       const { workerData, parentPort } = require('node:worker_threads');
       const until = Date.now() + 400;
       let n = 0;
       while (Date.now() < until) {
         writeFileSync(workerData + '.tmp', 'version ' + ++n);
         renameSync(workerData + '.tmp', workerData);
       }
       parentPort.postMessage(n);`,
      { eval: true, workerData: entry },
    );
    const replaced = new Promise<number>((resolve, reject) => {
      replacer.on('message', resolve);
      replacer.on('error', reject);
    });
    const out = new OutputDir(path.join(root, 'dist'));
    let links = 0;
    const started = Date.now();
    while (Date.now() - started < 300) out.link(`cards/${links++}.png`, entry);
    expect(await replaced).toBeGreaterThan(0);
    for (let index = 0; index < links; index++) {
      expect(readFileSync(path.join(root, `dist/cards/${index}.png`), 'utf8')).toMatch(
        /^version \d+$/,
      );
    }
  });

  it('fails, writing nothing, when the file to link is missing', () => {
    const root = folder();
    const out = new OutputDir(path.join(root, 'dist'));
    expect(() => out.link('card.png', path.join(root, 'no-such-entry.png'))).toThrow(/ENOENT/);
    expect(() => statSync(path.join(root, 'dist/card.png'))).toThrow();
    expect(out.written).toEqual([]);
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
