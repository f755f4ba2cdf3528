import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Every file under `dir`, as forward-slash paths relative to it, sorted. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) =>
      path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'),
    )
    .sort();
}

/** The credential JSON files of a built site: `credentials/<award id>.json`. */
export function credentialFiles(out: string): string[] {
  return listFiles(out).filter((file) => /^credentials\/.+\.json$/.test(file));
}

export function readJson(out: string, file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(out, file), 'utf8')) as Record<string, unknown>;
}
