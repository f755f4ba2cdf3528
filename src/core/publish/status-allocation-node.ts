import type { SiteContent } from '../content/records.ts';
import { LaurelError } from '../errors.ts';
import { allocateStatusIndices } from '../status/allocate-status-indices-node.ts';
import { checkStatusRecord } from '../status/status-record.ts';
import {
  readStatusRecord,
  statusRecordFile,
  writeStatusRecord,
} from '../status/status-record-node.ts';
import type { Logger } from './publish-site.ts';

/** Status list index of every award, by award id. */
export type StatusIndices = ReadonlyMap<string, number>;

/**
 * Gives every award its place in its issuer's revocation list, from the committed record in
 * `content/status/<issuer>.json`. New awards get new indices without moving anyone. A
 * development build writes the record (commit it with the award); a deploy build refuses to
 * invent indices, since an index that is not committed could be given to another award later.
 * An award that is in the record but no longer in content was published once: it must be
 * revoked, not deleted.
 */
export async function allocateSiteStatus(
  root: string,
  content: SiteContent,
  mode: 'development' | 'deploy',
  logger: Logger,
): Promise<StatusIndices> {
  const issuerOf = new Map(content.achievements.map((a) => [a.slug, a.issuerSlug]));
  const indices = new Map<string, number>();
  for (const issuer of content.issuers) {
    const file = statusRecordFile(issuer.slug);
    const current = await readStatusRecord(root, issuer.slug);
    if (current) checkStatusRecord(current, file);
    const awardIds = content.awards
      .filter((award) => issuerOf.get(award.achievementSlug) === issuer.slug)
      .map((award) => award.id);
    const { record, added, removed } = allocateStatusIndices(current, issuer.slug, awardIds);
    if (removed.length > 0) {
      throw new LaurelError(
        'ERR_PUBLISHED',
        `lists ${removed.length} award(s) whose file is gone: ${removed.join(', ')}`,
        {
          file,
          hint:
            'A published badge must keep working: restore the award file and add ' +
            '`revoked: { date, reason }` to withdraw it. If it was never published, delete its ' +
            'line from this file.',
        },
      );
    }
    if (added.length > 0) {
      if (mode === 'deploy') {
        throw new LaurelError(
          'ERR_STATUS',
          `has no status index for ${added.length} award(s): ${added.join(', ')}`,
          {
            file,
            hint:
              'Run `npm run build` locally; it adds the indices to this file. Commit the file ' +
              'with the awards.',
          },
        );
      }
      await writeStatusRecord(root, issuer.slug, record);
      logger.warn(`gave ${added.length} new award(s) a status index in ${file}; commit it`);
    }
    for (const [awardId, index] of Object.entries(record.indices)) indices.set(awardId, index);
  }
  return indices;
}
