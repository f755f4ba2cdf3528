import {
  commitRecordUpdates,
  type RecordUpdate,
  readRecordText,
} from '../content/committed-record-node.ts';
import type { SiteContent } from '../content/records.ts';
import { LaurelError, LaurelErrors } from '../errors.ts';
import { allocateStatusIndices } from '../status/allocate-status-indices-node.ts';
import {
  checkStatusRecord,
  formatStatusRecord,
  parseStatusRecord,
} from '../status/status-record.ts';
import { statusRecordFile } from '../status/status-record-node.ts';
import type { Logger } from './publish-site.ts';
import { removedAwardHint } from './published-record.ts';

/** Status list index of every award, by award id. */
export type StatusIndices = ReadonlyMap<string, number>;

export interface StatusPlan {
  /** Every award's index: the recorded one, or the one this build gives it. */
  indices: Map<string, number>;
  /** The status records that gain new awards, to write once the build has succeeded. */
  updates: RecordUpdate[];
  /**
   * Award id → the status records that list it although no award file has that id any more.
   * The caller reports them, together with the published record's view of the same awards.
   */
  removed: Map<string, string[]>;
  /** What stops a deploy build: awards without a committed index. */
  problems: LaurelError[];
}

/**
 * Gives every award its place in its issuer's revocation list, from the committed record in
 * `content/status/<issuer>.json`. New awards get new indices without moving anyone. Nothing is
 * written: a development build writes the records once it has succeeded (commit them with the
 * awards); a deploy build refuses to invent indices, since an index that is not committed could
 * be given to another award later. An award that is in a record but no longer in content was
 * published once: it must be revoked, not deleted. A broken record throws at once.
 */
export async function planSiteStatus(
  root: string,
  content: SiteContent,
  mode: 'development' | 'deploy',
): Promise<StatusPlan> {
  const issuerOf = new Map(content.achievements.map((a) => [a.slug, a.issuerSlug]));
  const plan: StatusPlan = { indices: new Map(), updates: [], removed: new Map(), problems: [] };
  for (const issuer of content.issuers) {
    const file = statusRecordFile(issuer.slug);
    const before = await readRecordText(root, file);
    const current = before === undefined ? undefined : parseStatusRecord(before, file);
    if (current) checkStatusRecord(current, file);
    const awardIds = content.awards
      .filter((award) => issuerOf.get(award.achievementSlug) === issuer.slug)
      .map((award) => award.id);
    const { record, added, removed } = allocateStatusIndices(current, issuer.slug, awardIds);
    for (const id of removed) plan.removed.set(id, [...(plan.removed.get(id) ?? []), file]);
    if (added.length > 0 && mode === 'deploy') {
      plan.problems.push(
        new LaurelError(
          'ERR_STATUS',
          `has no status index for ${added.length} award(s): ${added.join(', ')}`,
          {
            file,
            hint:
              'Run `npm run build` locally; it adds the indices to this file. Commit the file ' +
              'with the awards.',
          },
        ),
      );
    } else if (added.length > 0) {
      checkStatusRecord(record, file);
      plan.updates.push({
        file,
        before,
        text: formatStatusRecord(record),
        message: `gave ${added.length} new award(s) a status index in ${file}; commit it`,
        code: 'ERR_STATUS',
      });
    }
    for (const [awardId, index] of Object.entries(record.indices)) plan.indices.set(awardId, index);
  }
  return plan;
}

/**
 * One problem per award that status records list although its file is gone, for an award the
 * published record does not list (when it does, the published record's problem names these
 * records too). It names every record that lists the award, so that one edit fixes it.
 */
export function removedFromStatusProblems(
  removed: ReadonlyMap<string, readonly string[]>,
  contentDir = 'content',
): LaurelError[] {
  return [...removed].map(
    ([id, files]) =>
      new LaurelError('ERR_PUBLISHED', `is listed in ${files.join(' and ')} but its file is gone`, {
        file: `${contentDir}/awards/${id}.md`,
        hint: removedAwardHint(files),
      }),
  );
}

/**
 * `planSiteStatus`, then writes the records at once: for `laurel award` and tools that are not a
 * build (a build keeps the plan and writes it when it has succeeded).
 */
export async function allocateSiteStatus(
  root: string,
  content: SiteContent,
  mode: 'development' | 'deploy',
  logger: Logger,
): Promise<StatusIndices> {
  const plan = await planSiteStatus(root, content, mode);
  const problems = [...removedFromStatusProblems(plan.removed), ...plan.problems];
  if (problems.length > 0) throw new LaurelErrors(problems);
  await commitRecordUpdates(root, plan.updates, logger);
  return plan.indices;
}
