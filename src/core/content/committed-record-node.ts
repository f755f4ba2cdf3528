/**
 * Writing the committed records (`content/status/<issuer>.json`, `content/published.json`),
 * Node only. A build works out every change to them while it runs but writes them only once it
 * has fully succeeded: a record that says a credential was published when the build failed makes
 * the next build refuse content that nobody ever saw. Each file is replaced by a rename, so a
 * crash leaves the old text or the new one, never half of a record.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LaurelError, type LaurelErrorCode } from '../errors.ts';

/** One record file a build means to write once it has succeeded. */
export interface RecordUpdate {
  /** The record's path relative to the project root, `/`-separated, as messages name it. */
  file: string;
  /** The text the build read and checked against; `undefined` when there was no file. */
  before: string | undefined;
  /** The new text. */
  text: string;
  /** What to tell the user once it is written: what changed, and to commit it. */
  message: string;
  /** The code of the error raised when the file changed while the build ran. */
  code: LaurelErrorCode;
}

/** The text of a record file, or `undefined` when it does not exist. */
export async function readRecordText(root: string, file: string): Promise<string | undefined> {
  const target = path.join(root, file);
  return existsSync(target) ? readFile(target, 'utf8') : undefined;
}

/**
 * Writes `text` to a temporary file beside `target` and returns its path. Beside, because a
 * rename is only atomic within one file system; a dot name, so that a crash before the rename
 * leaves nothing that looks like content.
 */
async function stage(target: string, text: string): Promise<string> {
  await mkdir(path.dirname(target), { recursive: true });
  const name = `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const temporary = path.join(path.dirname(target), name);
  try {
    await writeFile(temporary, text);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return temporary;
}

/** Replaces one record file atomically, only when its text changes. Returns whether it did. */
export async function writeRecordFile(root: string, file: string, text: string): Promise<boolean> {
  if ((await readRecordText(root, file)) === text) return false;
  const target = path.join(root, file);
  await rename(await stage(target, text), target);
  return true;
}

/**
 * Writes the updates a successful build worked out, then logs their messages. Every file is
 * first checked, then staged; only when all of them are staged are they renamed into place, so a
 * problem found before the renames (a record edited while the build ran, a full disk) leaves
 * every record as it was. A record that changed since the build read it is not overwritten: the
 * build's checks were made against the old text.
 */
export async function commitRecordUpdates(
  root: string,
  updates: readonly RecordUpdate[],
  logger: { warn(message: string): void },
): Promise<void> {
  for (const update of updates) {
    if ((await readRecordText(root, update.file)) !== update.before) {
      throw new LaurelError(update.code, 'changed while the build was running', {
        file: update.file,
        hint: 'No record was written. Build again.',
      });
    }
  }
  const staged: { temporary: string; target: string; update: RecordUpdate }[] = [];
  try {
    for (const update of updates) {
      if (update.text === update.before) continue;
      const target = path.join(root, update.file);
      staged.push({ temporary: await stage(target, update.text), target, update });
    }
    while (staged.length > 0) {
      const next = staged[0] as (typeof staged)[number];
      await rename(next.temporary, next.target);
      staged.shift();
      logger.warn(next.update.message);
    }
  } finally {
    // Whatever was not renamed into place is removed again (nothing, when all went well).
    await Promise.all(staged.map(({ temporary }) => rm(temporary, { force: true })));
  }
}
