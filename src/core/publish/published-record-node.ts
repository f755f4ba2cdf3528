/**
 * The build's side of the published record, `content/published.json` (Node only): hashing each
 * credential, reading and writing the file, and the step the integration runs after assembling
 * the site. See `published-record.ts` for the format and the rules.
 */
import { createHash } from 'node:crypto';
import {
  commitRecordUpdates,
  type RecordUpdate,
  readRecordText,
  writeRecordFile,
} from '../content/committed-record-node.ts';
import type { AssembledSite } from '../credential/assemble-site.ts';
import type { UnsignedCredential } from '../credential/types.ts';
import { LaurelError, LaurelErrors } from '../errors.ts';
import type { BuildMode } from './issuer-keys-node.ts';
import type { Logger } from './publish-site.ts';
import {
  type CurrentCredential,
  comparePublished,
  formatPublishedRecord,
  type PublishedComparison,
  type PublishedRecord,
  parsePublishedRecord,
} from './published-record.ts';

/** The record's path relative to the project root, as errors name it. */
export function publishedRecordFile(contentDir = 'content'): string {
  return `${contentDir}/published.json`;
}

/**
 * The hex SHA-256 of an unsigned credential: of its JSON with every object's keys in code-point
 * order, so that reordering properties in the code does not look like a change of content.
 * Everything is hashed, `credentialStatus` included; `revoked` is not part of the credential,
 * so revoking an award does not change its hash.
 */
export function credentialHash(credential: UnsignedCredential): string {
  return createHash('sha256').update(canonicalJson(credential), 'utf8').digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The parsed record, or an empty one when the site has never been built. */
export async function readPublishedRecord(
  root: string,
  contentDir = 'content',
): Promise<PublishedRecord> {
  const file = publishedRecordFile(contentDir);
  const text = await readRecordText(root, file);
  return text === undefined ? {} : parsePublishedRecord(text, file);
}

/**
 * Writes the record in its stable format, only when the text changes, replacing the file
 * atomically. Returns whether it did. A build does not call this: it writes its records only
 * once it has succeeded (see `committed-record-node.ts`).
 */
export async function writePublishedRecord(
  root: string,
  record: PublishedRecord,
  contentDir = 'content',
): Promise<boolean> {
  return writeRecordFile(root, publishedRecordFile(contentDir), formatPublishedRecord(record));
}

/**
 * Compares the assembled site with the committed record. Nothing is written. `statusListing`
 * names the status records that list an award whose file is gone, so that its problem names
 * every file to edit.
 */
export async function comparePublishedSite(
  root: string,
  site: AssembledSite,
  contentDir = 'content',
  statusListing: (id: string) => readonly string[] = () => [],
): Promise<PublishedComparison & { before: string | undefined }> {
  const records = new Map(site.content.awards.map((award) => [award.id, award]));
  const current: CurrentCredential[] = [];
  for (const [id, credential] of site.credentials) {
    const award = records.get(id);
    if (!award) continue;
    current.push({
      id,
      file: award.file,
      line: award.lines.validFrom ?? award.lines.awardedDate,
      url: credential.id,
      entry: { sha256: credentialHash(credential), validFrom: credential.validFrom },
    });
  }
  const file = publishedRecordFile(contentDir);
  const before = await readRecordText(root, file);
  const record = before === undefined ? {} : parsePublishedRecord(before, file);
  const comparison = comparePublished(record, current, (id) => ({
    file: `${contentDir}/awards/${id}.md`,
    url: site.urls.credentialJson(id),
    listedIn: [...statusListing(id), file],
  }));
  return { ...comparison, before };
}

export interface PublishedPlan {
  /** The record with new and re-issued awards, to write once the build has succeeded. */
  update: RecordUpdate | undefined;
  /** Broken promises, and for a deploy build a record that is out of date. */
  problems: LaurelError[];
  /** Awards the record lists whose file is gone (each one is also in `problems`). */
  removed: string[];
}

/**
 * The build step, run before anything is rendered: refuses a site that would break a published
 * credential (one whose award file is gone, or whose signed content changed without a later
 * `validFrom`). A development build then plans to record new and re-issued awards in
 * `content/published.json`, written when the build has succeeded; a deploy build refuses when
 * the record is out of date, since a record written on the build machine is lost and the next
 * deploy could no longer tell what was published. Nothing is written here.
 */
export async function planPublished(
  root: string,
  site: AssembledSite,
  mode: BuildMode,
  contentDir = 'content',
  statusListing: (id: string) => readonly string[] = () => [],
): Promise<PublishedPlan> {
  const file = publishedRecordFile(contentDir);
  const { record, added, reissued, problems, removed, before } = await comparePublishedSite(
    root,
    site,
    contentDir,
    statusListing,
  );
  const pending = [...added, ...reissued];
  // Broken promises come first: until they are fixed, the list of pending awards may be wrong.
  if (problems.length > 0 || pending.length === 0) {
    return { update: undefined, problems, removed };
  }
  if (mode === 'deploy') {
    const problem = new LaurelError(
      'ERR_PUBLISHED',
      `does not record ${pending.length} award(s) about to be published: ${pending.join(', ')}`,
      {
        file,
        hint:
          'Run `npm run build` locally; it records them in this file. Commit the file with ' +
          'the awards.',
      },
    );
    return { update: undefined, problems: [problem], removed };
  }
  const update: RecordUpdate = {
    file,
    before,
    text: formatPublishedRecord(record),
    message:
      `recorded ${added.length} new and ${reissued.length} re-issued award(s) in ${file}; ` +
      `commit ${file}`,
    code: 'ERR_PUBLISHED',
  };
  return { update, problems: [], removed };
}

/**
 * `planPublished`, then writes the record at once: for `laurel award` and tools that are not a
 * build (a build keeps the plan and writes it when it has succeeded).
 */
export async function recordPublished(
  root: string,
  site: AssembledSite,
  mode: BuildMode,
  logger: Logger,
  contentDir = 'content',
): Promise<void> {
  const { update, problems } = await planPublished(root, site, mode, contentDir);
  if (problems.length > 0) throw new LaurelErrors(problems);
  if (update) await commitRecordUpdates(root, [update], logger);
}

/**
 * `laurel check`'s view of the record: the build's errors, plus one error per award the record
 * does not cover yet, at the award file, since a deploy build would refuse it.
 */
export async function publishedRecordProblems(
  root: string,
  site: AssembledSite,
  contentDir = 'content',
): Promise<LaurelError[]> {
  const file = publishedRecordFile(contentDir);
  const { added, reissued, problems } = await comparePublishedSite(root, site, contentDir);
  const files = new Map(site.content.awards.map((award) => [award.id, award.file]));
  const pending = (id: string, message: string) =>
    new LaurelError('ERR_PUBLISHED', message, {
      file: files.get(id),
      hint: `Run \`npm run build\` (it records the award) and commit ${file} with the award.`,
    });
  return [
    ...problems,
    ...added.map((id) => pending(id, `is not in ${file}`)),
    ...reissued.map((id) => pending(id, `has a new version that ${file} does not record yet`)),
  ];
}
