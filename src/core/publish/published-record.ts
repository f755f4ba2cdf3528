/**
 * The published record, `content/published.json`: every credential the site has published, with
 * a hash of its unsigned content and its `validFrom`. It is how a build tells "this badge is new"
 * from "this badge was published and has now changed or vanished", both of which break promises
 * made to earners and verifiers. Like the status record it is committed and its text is part of
 * the design: one award per line, sorted by code point, so branches that add different awards
 * merge cleanly. Runs anywhere; hashing, reading and writing are in `published-record-node.ts`.
 */
import { z } from 'zod';
import { parseCommittedRecord } from '../content/committed-record.ts';
import { LaurelError } from '../errors.ts';
import { compareCodePoints } from '../status/status-record.ts';

export interface PublishedEntry {
  /** Hex SHA-256 of the unsigned credential, `credentialStatus` included (see credentialHash). */
  sha256: string;
  /** The credential's `validFrom` when that content was published. */
  validFrom: string;
}

/** Award id → what was published at its URL. */
export type PublishedRecord = Record<string, PublishedEntry>;

const entrySchema = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be 64 lower-case hex digits' }),
  validFrom: z.string().min(1),
});
const recordSchema = z.record(z.string(), entrySchema);

/**
 * The record as committed: one award per line, ids in code-point order, a final newline.
 * Written by hand for the same reason as the status record: JSON.stringify would put ids that
 * look like integers first, and would spread each entry over four lines.
 */
export function formatPublishedRecord(record: PublishedRecord): string {
  const ids = Object.keys(record).sort(compareCodePoints);
  if (ids.length === 0) return '{}\n';
  const lines = ids.map((id) => {
    const { sha256, validFrom } = record[id] as PublishedEntry;
    const entry = `{ "sha256": ${JSON.stringify(sha256)}, "validFrom": ${JSON.stringify(validFrom)} }`;
    return `  ${JSON.stringify(id)}: ${entry}`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

/**
 * Parses and checks the text of the record; `file` names it in errors. Leftover merge markers
 * and an award listed twice (JSON.parse would silently keep the second) are caught on the text.
 */
export function parsePublishedRecord(text: string, file: string): PublishedRecord {
  return parseCommittedRecord(text, file, {
    code: 'ERR_PUBLISHED',
    name: 'the published record',
    schema: recordSchema,
    repeatedHint: 'Keep the line that matches the published credential and delete the other.',
  });
}

/** What one award's current credential is, for comparing with the record. */
export interface CurrentCredential {
  id: string;
  /** The award file, e.g. `content/awards/2026/ada-first-patch.md`. */
  file: string;
  /** 1-based line of `validFrom:` (or of `awardedDate:` when validFrom is implied). */
  line: number | undefined;
  /** The credential's public URL. */
  url: string;
  entry: PublishedEntry;
}

export interface PublishedComparison {
  /** The record with new and legitimately re-issued awards written in. */
  record: PublishedRecord;
  /** Awards not in the record yet, in code-point order. */
  added: string[];
  /** Awards whose content changed with a later `validFrom`: a new version, in order. */
  reissued: string[];
  /** Published credentials that vanished or changed in place: each one breaks a promise. */
  problems: LaurelError[];
  /** Awards the record lists whose file is gone, in order (each one is also in `problems`). */
  removed: string[];
}

/** Where an award that is no longer in content was: its file, its URL, the records listing it. */
export interface RemovedAward {
  file: string;
  url: string;
  /**
   * Every record file that lists the award, this one included; `content/published.json` if
   * unset.
   */
  listedIn?: readonly string[];
}

/**
 * What to do about an award whose file is gone: revoke it, or, if it was never published, delete
 * its line from every record in `records`. All of them are named, since a build refuses the
 * award as long as any of them lists it.
 */
export function removedAwardHint(records: readonly string[]): string {
  const last = records.at(-1) ?? '';
  const named =
    records.length < 2
      ? last
      : `${records.length === 2 ? 'both' : 'each of'} ${records.slice(0, -1).join(', ')} ` +
        `and ${last}`;
  return (
    'Restore the file and add `revoked: { date, reason }` to withdraw it. If it was never ' +
    `published (it is new in this pull request), delete its line from ${named}.`
  );
}

export const REMOVED_HINT = removedAwardHint(['content/published.json']);

export const CHANGED_HINT =
  "Set `validFrom:` to today (the spec's equality rules keep the newest validFrom; " +
  '`awardedDate` stays). The credential embeds its achievement and issuer, so editing those ' +
  'changes every award of them. If this award was never published, delete its line from ' +
  'content/published.json and build again.';

/**
 * Compares the current credentials with the record. Pure: nothing is written, the input record
 * is not modified. `removedAward` says where an award that is no longer in content was.
 */
export function comparePublished(
  record: PublishedRecord,
  current: readonly CurrentCredential[],
  removedAward: (id: string) => RemovedAward,
): PublishedComparison {
  const next: PublishedRecord = { ...record };
  const added: string[] = [];
  const reissued: string[] = [];
  const problems: LaurelError[] = [];
  const present = new Set<string>();
  for (const credential of [...current].sort((a, b) => compareCodePoints(a.id, b.id))) {
    present.add(credential.id);
    const published = Object.hasOwn(record, credential.id) ? record[credential.id] : undefined;
    if (!published) {
      added.push(credential.id);
      next[credential.id] = credential.entry;
    } else if (published.sha256 === credential.entry.sha256) {
      // Unchanged. (Revoking is not a change: revocation lives in the status list.)
    } else if (credential.entry.validFrom > published.validFrom) {
      reissued.push(credential.id);
      next[credential.id] = credential.entry;
    } else {
      problems.push(
        new LaurelError(
          'ERR_PUBLISHED',
          `the signed content changed since it was published at ${credential.url}, but ` +
            `validFrom is still ${credential.entry.validFrom}`,
          { file: credential.file, field: 'validFrom', line: credential.line, hint: CHANGED_HINT },
        ),
      );
    }
  }
  const removed = Object.keys(record)
    .filter((id) => !present.has(id))
    .sort(compareCodePoints);
  for (const id of removed) {
    const { file, url, listedIn } = removedAward(id);
    problems.push(
      new LaurelError('ERR_PUBLISHED', `was published at ${url}; removing it breaks that URL`, {
        file,
        hint: listedIn ? removedAwardHint(listedIn) : REMOVED_HINT,
      }),
    );
  }
  return { record: next, added, reissued, problems, removed };
}
