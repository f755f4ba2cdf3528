/**
 * Reading and writing one entry of a build cache (signed results, preview cards). A cache is
 * outside Laurel's control between builds (restored by CI, touched by hand), so whatever stands
 * at an entry's path is read only if it is a regular file, without ever blocking on a FIFO or a
 * device, and an entry is replaced by writing a temporary file and renaming it into place, so a
 * killed build never leaves a torn entry and a folder in the way is cleared rather than left to
 * make every build miss.
 */
import {
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';

/** Opening with O_NONBLOCK returns at once for a FIFO with no writer; 0 where it is unknown. */
const NO_WAIT = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** The bytes of `file` if it is a regular file that can be read; otherwise undefined. */
export function readCacheFile(file: string): Buffer | undefined {
  let descriptor: number;
  try {
    descriptor = openSync(file, NO_WAIT);
  } catch {
    return undefined;
  }
  try {
    if (!fstatSync(descriptor).isFile()) return undefined;
    return readFileSync(descriptor);
  } catch {
    return undefined;
  } finally {
    closeSync(descriptor);
  }
}

let written = 0;

/**
 * Puts `bytes` at `file` through a temporary file and a rename, removing anything that is not a
 * regular file in the way, or not a folder where its folder belongs; returns false (leaving
 * nothing behind) when it cannot.
 */
export function writeCacheFile(file: string, bytes: string | Uint8Array): boolean {
  const temporary = `${file}.${process.pid}-${threadId}-${written++}.tmp`;
  try {
    try {
      mkdirSync(path.dirname(file), { recursive: true });
    } catch {
      // A file, FIFO or link where the entry's folder belongs: clear it, try again.
      rmSync(path.dirname(file), { recursive: true, force: true });
      mkdirSync(path.dirname(file), { recursive: true });
    }
    writeFileSync(temporary, bytes);
    try {
      renameSync(temporary, file);
    } catch {
      // A folder (or anything rename cannot replace) at the entry's path: clear it, try again.
      rmSync(file, { recursive: true, force: true });
      renameSync(temporary, file);
    }
    return true;
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written where nothing could be written.
    }
    return false;
  }
}
