/**
 * The status record of one issuer, `content/status/<issuer-slug>.json`: which index
 * of the revocation list each award holds, for ever. It is committed, so its text
 * is part of the design: one award per line, sorted, so that two branches that add
 * awards merge cleanly in git when their lines differ and conflict loudly when they
 * touch the same lines. Runs anywhere; reading and writing the file is in
 * `status-record-node.ts`.
 */
import { z } from 'zod';
import { parseCommittedRecord, RECOVER_HINT } from '../content/committed-record.ts';
import { LaurelError } from '../errors.ts';
import { MIN_STATUS_LIST_LENGTH } from './bitstring.ts';

/**
 * The one list of an issuer. Its name is part of a public URL,
 * `status/<slug>/revocation-1.json`, so it never changes.
 */
export const STATUS_LIST_NAME = 'revocation-1';
export const STATUS_LIST_LENGTH = MIN_STATUS_LIST_LENGTH;

export interface StatusRecord {
  /** Always `revocation-1`: the list the indices belong to. */
  list: string;
  /** Bits in that list; always 131,072. */
  length: number;
  /** Award id (its path under content/awards) → index in the list. */
  indices: Record<string, number>;
}

const recordSchema = z.strictObject({
  list: z.string(),
  length: z.number(),
  indices: z.record(z.string(), z.number()),
});

/** An empty record for an issuer that has no awards yet. */
export function emptyStatusRecord(): StatusRecord {
  return { list: STATUS_LIST_NAME, length: STATUS_LIST_LENGTH, indices: {} };
}

/**
 * Orders strings by Unicode code point. JavaScript's default sort compares UTF-16
 * code units, which puts characters above U+FFFF before U+E000–U+FFFF; the record
 * promises code-point order.
 */
export function compareCodePoints(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const left = a.codePointAt(i) ?? 0;
    const right = b.codePointAt(j) ?? 0;
    if (left !== right) return left - right;
    i += left > 0xffff ? 2 : 1;
    j += right > 0xffff ? 2 : 1;
  }
  return a.length - i - (b.length - j);
}

/**
 * The record as committed: two-space JSON with one award per line, award ids in
 * code-point order and a final newline. Written by hand rather than by
 * JSON.stringify, which would put ids that look like integers ("2025") first,
 * whatever order they were inserted in.
 */
export function formatStatusRecord(record: StatusRecord): string {
  const ids = Object.keys(record.indices).sort(compareCodePoints);
  const entries = ids.map((id) => `    ${JSON.stringify(id)}: ${record.indices[id]}`);
  const indices = entries.length === 0 ? '{}' : `{\n${entries.join(',\n')}\n  }`;
  return [
    '{',
    `  "list": ${JSON.stringify(record.list)},`,
    `  "length": ${record.length},`,
    `  "indices": ${indices}`,
    '}',
    '',
  ].join('\n');
}

/**
 * Parses and checks the text of a record file; `file` names it in errors. Besides
 * the checks of `checkStatusRecord` it catches what only the text shows: leftover
 * merge conflict markers, and an award listed twice (which JSON.parse would resolve
 * by silently dropping one of its indices).
 */
export function parseStatusRecord(text: string, file: string): StatusRecord {
  const record = parseCommittedRecord(text, file, {
    code: 'ERR_STATUS',
    name: 'the status record',
    schema: recordSchema,
    idsAfter: 'indices',
    repeatedHint: 'Keep the line with the index that was published and delete the other.',
  });
  checkStatusRecord(record, file);
  return record;
}

/**
 * Checks that a record can be trusted: the expected list and length, every index an
 * integer inside the list, and no index held by two awards. A shared index is the
 * sign of a bad merge (two branches each gave a new award the same free slot), and
 * publishing it would revoke or reinstate two credentials at once, so the error
 * names both awards. `file` names the record.
 */
export function checkStatusRecord(record: StatusRecord, file: string): void {
  if (record.list !== STATUS_LIST_NAME) {
    throw new LaurelError('ERR_STATUS', `The status record is for list "${record.list}".`, {
      file,
      field: 'list',
      hint: `Laurel publishes one list per issuer: set "list": "${STATUS_LIST_NAME}".`,
    });
  }
  if (record.length !== STATUS_LIST_LENGTH) {
    throw new LaurelError('ERR_STATUS', `The status list cannot be ${record.length} bits long.`, {
      file,
      field: 'length',
      hint: `Set "length": ${STATUS_LIST_LENGTH}, the size of the published list.`,
    });
  }
  const holders = new Map<number, string[]>();
  for (const id of Object.keys(record.indices).sort(compareCodePoints)) {
    const index = record.indices[id] ?? Number.NaN;
    if (!Number.isInteger(index) || index < 0 || index >= record.length) {
      throw new LaurelError('ERR_STATUS', `Award "${id}" holds status index ${index}.`, {
        file,
        field: `indices.${id}`,
        hint: `An index is an integer from 0 to ${record.length - 1}. ${RECOVER_HINT}`,
      });
    }
    holders.set(index, [...(holders.get(index) ?? []), id]);
  }
  for (const [index, ids] of holders) {
    if (ids.length < 2) continue;
    const names = ids.map((id) => `"${id}"`).join(' and ');
    throw new LaurelError('ERR_STATUS', `Awards ${names} share status index ${index}.`, {
      file,
      field: `indices.${ids[1]}`,
      hint:
        'Two branches gave new awards the same index. Keep the line of the award that was ' +
        'published first, delete the others, and build again to give them fresh indices.',
    });
  }
}
