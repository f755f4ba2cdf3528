import {
  constants,
  copyFileSync,
  linkSync,
  mkdirSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

/**
 * The folder the site is published into. Every file goes through `write`, which refuses paths
 * that would escape the folder, so a crafted award id can never write elsewhere.
 */
export class OutputDir {
  readonly root: string;
  readonly written: string[] = [];
  /** Folders already made, so a site of many files does not ask for each again. */
  private readonly folders = new Set<string>();

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** Writes `data` at `relative` (forward slashes), creating folders as needed. */
  write(relative: string, data: string | Uint8Array): void {
    writeFileSync(this.target(relative), data);
    this.written.push(relative);
  }

  /**
   * Publishes the file `source` at `relative` as a hard link, so a cache entry of a hundred
   * kilobytes costs a directory entry rather than a copy. For files that are only ever
   * replaced, never rewritten in place: cache entries are written to a new file and renamed, so a
   * published link keeps the bytes it was published with. Where a link cannot be made, the file
   * is copied: on another file system, where links are not allowed, and when another thread
   * renamed a new entry over `source` between the lookup and the link (the old file then has no
   * name left to link, and the copy reads the new one). A missing `source` still fails.
   */
  link(relative: string, source: string): void {
    const target = this.target(relative);
    try {
      linkSync(source, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw error;
      copyFileSync(source, target, constants.COPYFILE_FICLONE);
    }
    this.written.push(relative);
  }

  /**
   * Moves the file `source` to `relative` (a rename, or a copy where the two are on different
   * file systems), like `write` with its bytes.
   */
  move(relative: string, source: string): void {
    const target = this.target(relative);
    try {
      renameSync(source, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      copyFileSync(source, target);
      unlinkSync(source);
    }
    this.written.push(relative);
  }

  /** The absolute path of `relative`, its folder created; refuses paths outside the folder. */
  private target(relative: string): string {
    const target = path.resolve(this.root, relative);
    if (!target.startsWith(this.root + path.sep)) {
      throw new Error(`refusing to write outside the output folder: ${relative}`);
    }
    const folder = path.dirname(target);
    if (!this.folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      this.folders.add(folder);
    }
    return target;
  }

  /** Writes a JSON document the way every Laurel document is written: 2-space indent, newline. */
  writeJson(relative: string, value: unknown): void {
    this.write(relative, `${JSON.stringify(value, null, 2)}\n`);
  }

  /** Removes the whole folder: used when a build fails, so nothing half-written is deployed. */
  discard(): void {
    rmSync(this.root, { recursive: true, force: true });
    this.folders.clear();
  }
}
