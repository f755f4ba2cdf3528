import { loadContent } from '../content/load-content.ts';
import type { SiteContent } from '../content/records.ts';
import { type AssembledSite, assembleSite } from '../credential/assemble-site.ts';
import type { IssuerKeys } from '../keys/load-issuer-keys.ts';
import type { SiteConfig } from '../site-config.ts';
import { statusEntry } from '../status/status-list-credential.ts';
import { siteUrls } from '../urls.ts';
import { type BuildMode, buildMode, loadSiteKeys } from './issuer-keys-node.ts';
import type { Logger } from './publish-site.ts';
import { allocateSiteStatus, type StatusIndices } from './status-allocation-node.ts';

/** Everything a build knows before Astro renders a page: content, keys, status, credentials. */
export interface PreparedSite {
  config: SiteConfig;
  mode: BuildMode;
  content: SiteContent;
  statusIndices: StatusIndices;
  keys: ReadonlyMap<string, IssuerKeys>;
  assembled: AssembledSite;
}

/**
 * The first half of a build, run before Astro renders pages: load and validate the content,
 * give new awards their status list index, load the signing keys, and assemble every unsigned
 * credential. Throws LaurelError(s) for anything wrong, before any file is written.
 */
export async function prepareSite(
  config: SiteConfig,
  env: Readonly<Record<string, string | undefined>>,
  logger: Logger,
): Promise<PreparedSite> {
  const mode = buildMode(env);
  const content = loadContent(config.root, config.contentDir);
  const statusIndices = await allocateSiteStatus(config.root, content, mode, logger);
  const keys = await loadSiteKeys(config.root, content, env, mode, logger);
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
  return { config, mode, content, statusIndices, keys, assembled };
}
