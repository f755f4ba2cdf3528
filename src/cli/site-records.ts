/**
 * The committed records (`content/status/<issuer>.json`, `content/published.json`) as the CLI
 * sees them: read-only checks for `laurel check`, and the same credential assembly the build
 * does, so that the CLI and the build agree on every hash.
 */
import type { SiteContent } from '../core/content/records.ts';
import { type AssembledSite, assembleSite } from '../core/credential/assemble-site.ts';
import { LaurelError } from '../core/errors.ts';
import { allocateStatusIndices } from '../core/status/allocate-status-indices-node.ts';
import { statusEntry } from '../core/status/status-list-credential.ts';
import { readStatusRecord, statusRecordFile } from '../core/status/status-record-node.ts';
import { siteUrls } from '../core/urls.ts';

export interface StatusCheck {
  problems: LaurelError[];
  /** Every award's index: the recorded one, or the one the next build would give it. */
  indices: Map<string, number>;
  /** False when a record could not be read: its awards' credentials cannot be assembled. */
  complete: boolean;
}

/**
 * Checks, without writing, that every award holds an index in its issuer's status record and
 * that the record lists no award whose file is gone. A broken record is one problem.
 */
export async function checkStatusIndices(root: string, content: SiteContent): Promise<StatusCheck> {
  const problems: LaurelError[] = [];
  const indices = new Map<string, number>();
  let complete = true;
  const issuerOf = new Map(content.achievements.map((a) => [a.slug, a.issuerSlug]));
  for (const issuer of content.issuers) {
    const file = statusRecordFile(issuer.slug);
    let current: Awaited<ReturnType<typeof readStatusRecord>>;
    try {
      current = await readStatusRecord(root, issuer.slug);
    } catch (error) {
      if (!(error instanceof LaurelError)) throw error;
      problems.push(error);
      complete = false;
      continue;
    }
    const awards = content.awards.filter((a) => issuerOf.get(a.achievementSlug) === issuer.slug);
    const ids = awards.map((award) => award.id);
    const { record, added, removed } = allocateStatusIndices(current, issuer.slug, ids);
    for (const award of awards.filter((a) => added.includes(a.id))) {
      problems.push(
        new LaurelError('ERR_STATUS', `has no status index in ${file}`, {
          file: award.file,
          hint: `Run \`npm run build\` (it adds the index) and commit ${file} with the award.`,
        }),
      );
    }
    for (const id of removed) {
      problems.push(
        new LaurelError('ERR_PUBLISHED', `is listed in ${file} but its file is gone`, {
          file: `content/awards/${id}.md`,
          hint:
            'A published badge must keep working: restore the file and add ' +
            '`revoked: { date, reason }` to withdraw it. If it was never published, delete ' +
            `its line from ${file}.`,
        }),
      );
    }
    for (const [id, index] of Object.entries(record.indices)) indices.set(id, index);
  }
  return { problems, indices, complete };
}

/** Assembles the site's unsigned credentials exactly as the build does. */
export function assembleWithIndices(
  content: SiteContent,
  site: string,
  indices: ReadonlyMap<string, number>,
): AssembledSite {
  const urls = siteUrls(site);
  const issuerOf = new Map(content.achievements.map((a) => [a.slug, a.issuerSlug]));
  const achievementOf = new Map(content.awards.map((a) => [a.id, a.achievementSlug]));
  return assembleSite(content, urls, (awardId) => {
    const index = indices.get(awardId);
    const issuer = issuerOf.get(achievementOf.get(awardId) ?? '');
    return index === undefined || issuer === undefined
      ? undefined
      : statusEntry(urls.statusList(issuer), index);
  });
}
