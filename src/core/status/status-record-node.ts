/**
 * Reading and writing the committed status records,
 * `content/status/<issuer-slug>.json` (Node only). Every record read is checked
 * once, here; a record is written only when its text changes, so an unchanged site
 * leaves the working tree clean.
 */
import { readRecordText, writeRecordFile } from '../content/committed-record-node.ts';
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
  const file = statusRecordFile(issuerSlug);
  const text = await readRecordText(root, file);
  return text === undefined ? undefined : parseStatusRecord(text, file);
}

/**
 * Writes the record in its stable format (see `formatStatusRecord`) after checking
 * it, and only when the text differs from what is on disk, replacing the file
 * atomically. Returns whether the file was written. A build does not call this: it
 * writes its records only once it has succeeded (see `committed-record-node.ts`).
 */
export async function writeStatusRecord(
  root: string,
  issuerSlug: string,
  record: StatusRecord,
): Promise<boolean> {
  checkStatusRecord(record, statusRecordFile(issuerSlug));
  return writeRecordFile(root, statusRecordFile(issuerSlug), formatStatusRecord(record));
}
