import type { RecordUpdate } from '../content/committed-record-node.ts';
import { loadContent } from '../content/load-content.ts';
import type { SiteContent } from '../content/records.ts';
import { type AssembledSite, assembleSite } from '../credential/assemble-site.ts';
import { LaurelErrors } from '../errors.ts';
import type { IssuerKeys } from '../keys/load-issuer-keys.ts';
import type { SiteConfig } from '../site-config.ts';
import { statusEntry } from '../status/status-list-credential.ts';
import { siteUrls } from '../urls.ts';
import { type BuildMode, buildMode, loadSiteKeys } from './issuer-keys-node.ts';
import type { Logger } from './publish-site.ts';
import { planPublished } from './published-record-node.ts';
import {
  planSiteStatus,
  removedFromStatusProblems,
  type StatusIndices,
} from './status-allocation-node.ts';

/** Everything a build knows before Astro renders a page: content, keys, status, credentials. */
export interface PreparedSite {
  config: SiteConfig;
  mode: BuildMode;
  content: SiteContent;
  statusIndices: StatusIndices;
  keys: ReadonlyMap<string, IssuerKeys>;
  assembled: AssembledSite;
  /**
   * The committed records this build adds to (new status indices, newly published credentials).
   * Write them with `commitRecordUpdates` only once the build has succeeded: a failed build must
   * not record as published what it never published.
   */
  records: RecordUpdate[];
}

/**
 * The first half of a build, run before Astro renders pages: load and validate the content,
 * give new awards their status list index, assemble every unsigned credential, compare them with
 * what was published, and load the signing keys. Throws LaurelError(s) for anything wrong.
 * Writes nothing into the content folder: the records it works out are in `records`.
 */
export async function prepareSite(
  config: SiteConfig,
  env: Readonly<Record<string, string | undefined>>,
  logger: Logger,
): Promise<PreparedSite> {
  const mode = buildMode(env);
  const content = loadContent(config.root, config.contentDir);
  const status = await planSiteStatus(config.root, content, mode);
  // A deploy build without committed indices stops here: credentials assembled without their
  // status entries would only add confusing "content changed" problems.
  if (status.problems.length > 0) throw new LaurelErrors(status.problems);
  const statusIndices = status.indices;
  const urls = siteUrls(config.site);
  const issuerOf = new Map(content.achievements.map((a) => [a.slug, a.issuerSlug]));
  const achievementOf = new Map(content.awards.map((a) => [a.id, a.achievementSlug]));
  const assembled = assembleSite(content, urls, (awardId) => {
    const index = statusIndices.get(awardId);
    const issuer = issuerOf.get(achievementOf.get(awardId) ?? '');
    return index === undefined || issuer === undefined
      ? undefined
      : statusEntry(urls.statusList(issuer), index);
  });
  const published = await planPublished(
    config.root,
    assembled,
    mode,
    config.contentDir,
    (id) => status.removed.get(id) ?? [],
  );
  // An award whose file is gone gets one problem that names every record listing it: the
  // published record's when it lists the award, else one from the status records.
  const listed = new Set(published.removed);
  const removed = new Map([...status.removed].filter(([id]) => !listed.has(id)));
  const problems = [
    ...published.problems,
    ...removedFromStatusProblems(removed, config.contentDir),
  ];
  if (problems.length > 0) throw new LaurelErrors(problems);
  const keys = await loadSiteKeys(config.root, content, env, mode, logger);
  const records = [...status.updates, ...(published.update ? [published.update] : [])];
  return { config, mode, content, statusIndices, keys, assembled, records };
}
