/**
 * Reading and writing the committed status records,
 * `content/status/<issuer-slug>.json` (Node only). Every record read is checked
 * once, here; a record is written only when its text changes, so an unchanged site
 * leaves the working tree clean.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  checkStatusRecord,
  formatStatusRecord,
  parseStatusRecord,
  type StatusRecord,
} from './status-record.ts';

/** The record's path relative to the project root, with `/` separators, as errors name it. */
export function statusRecordFile(issuerSlug: string): string {
  return `content/status/${issuerSlug}.json`;
}

/**
 * The parsed and checked status record of an issuer, or `undefined` when it has
 * none yet (no award was ever built). A broken record is an ERR_STATUS naming the
 * file.
 */
export async function readStatusRecord(
  root: string,
  issuerSlug: string,
): Promise<StatusRecord | undefined> {
  const file = path.join(root, statusRecordFile(issuerSlug));
  if (!existsSync(file)) return undefined;
  return parseStatusRecord(await readFile(file, 'utf8'), statusRecordFile(issuerSlug));
}

/**
 * Writes the record in its stable format (see `formatStatusRecord`) after checking
 * it, and only when the text differs from what is on disk. Returns whether the file
 * was written.
 */
export async function writeStatusRecord(
  root: string,
  issuerSlug: string,
  record: StatusRecord,
): Promise<boolean> {
  checkStatusRecord(record, statusRecordFile(issuerSlug));
  const file = path.join(root, statusRecordFile(issuerSlug));
  const text = formatStatusRecord(record);
  if (existsSync(file) && (await readFile(file, 'utf8')) === text) return false;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  return true;
}
