import type { SiteContent } from '../content/records.ts';
import { type IssuerKeys, loadIssuerKeys } from '../keys/load-issuer-keys.ts';
import type { Logger } from './publish-site.ts';

export type BuildMode = 'development' | 'deploy';

/**
 * `deploy` when `LAUREL_DEPLOY` is `1` or `true`: the build then refuses to sign without the
 * issuers' real keys. Anything else is a development build, which may sign with a local,
 * git-ignored development key set.
 */
export function buildMode(env: Readonly<Record<string, string | undefined>>): BuildMode {
  return ['1', 'true'].includes(env.LAUREL_DEPLOY?.toLowerCase() ?? '') ? 'deploy' : 'development';
}

/** Loads every issuer's signing keys; warnings (a development key set in use) are logged. */
export async function loadSiteKeys(
  root: string,
  content: SiteContent,
  env: Readonly<Record<string, string | undefined>>,
  mode: BuildMode,
  logger: Logger,
): Promise<Map<string, IssuerKeys>> {
  const keys = new Map<string, IssuerKeys>();
  for (const issuer of content.issuers) {
    const loaded = await loadIssuerKeys({ root, issuerSlug: issuer.slug, env, mode });
    for (const warning of loaded.warnings) logger.warn(warning);
    keys.set(issuer.slug, loaded);
  }
  return keys;
}
