import { bakePng } from '../bake/bake-png-node.ts';
import { bakeSvg } from '../bake/bake-svg.ts';
import { createSvgBakeTemplate } from '../bake/bake-svg-template.ts';
import type { AssembledSite } from '../credential/assemble-site.ts';
import { OB_V3P0_CONTEXT, VC_V2_CONTEXT } from '../credential/constants.ts';
import { credentialText } from '../credential/serialize.ts';
import type { IssuerKeys } from '../keys/load-issuer-keys.ts';
import type { SiteConfig } from '../site-config.ts';
import { paths } from '../urls.ts';
import { keyDocuments } from './key-documents.ts';
import type { OutputDir } from './output-dir.ts';
import type { PreparedArtwork } from './prepare-artwork-node.ts';
import { pruneCacheFolder } from './prune-cache-node.ts';
import { publishSharing } from './publish-sharing.ts';
import {
  latestContentDate,
  type PublishWork,
  readIssuerLogo,
  startPublishWork,
} from './publish-work-node.ts';
import { selfCheck } from './self-check.ts';
import { openSignCache } from './sign-cache-node.ts';
import { type SignedAward, signStatusList } from './sign-site.ts';
import type { StatusIndices } from './status-allocation-node.ts';

/** The logging the core needs: Astro's integration logger and the CLI both provide it. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

export interface PublishInputs {
  config: SiteConfig;
  site: AssembledSite;
  keys: ReadonlyMap<string, IssuerKeys>;
  statusIndices: StatusIndices;
  out: OutputDir;
  logger: Logger;
  /**
   * The signing and drawing, if it was started ahead (see publish-work-node.ts); otherwise
   * `publishSite` starts it. Either way `publishSite` closes it.
   */
  work?: PublishWork;
}

/**
 * Writes every machine-readable file of the site next to the pages Astro rendered: artwork,
 * issuer profiles with their DID documents and JWKs, achievements, the signed credentials as
 * JSON, JWT, PNG and SVG, the signed status lists and what makes badges travel. Then it checks
 * what it wrote. Any error stops the build (the caller then removes the output folder).
 */
export async function publishSite(inputs: PublishInputs): Promise<void> {
  const work = inputs.work ?? startPublishWork(inputs);
  try {
    publishAchievements(inputs, work.artwork);
    publishIssuers(inputs);
    const { signed, cacheKeys } = await publishCredentials(inputs, work);
    await publishStatusLists(inputs);
    const { cardKeys } = await publishSharing(inputs, work);
    try {
      await selfCheck({
        out: inputs.out,
        site: inputs.config.site,
        signed,
        revoked: new Set(
          inputs.site.content.awards.filter((award) => award.data.revoked).map((award) => award.id),
        ),
        asOf: latestContentDate(inputs.site),
        logger: inputs.logger,
      });
    } catch (error) {
      // A cached result in a site that does not verify must never be published again.
      const cache = openSignCache(work.signCacheDir);
      for (const key of cacheKeys) cache.discard(key);
      throw error;
    }
    // The caches keep what this site is made of: a changed or removed award's old entries go.
    const removed =
      pruneCacheFolder(work.signCacheDir, '.json', new Set(cacheKeys)) +
      pruneCacheFolder(work.previewCacheDir, '.png', cardKeys);
    if (removed > 0)
      inputs.logger.info(`cache: removed ${removed} entries this site no longer uses`);
  } finally {
    await work.close();
  }
}

function publishAchievements(
  { site, out }: PublishInputs,
  artwork: ReadonlyMap<string, PreparedArtwork>,
): void {
  for (const { record, achievement } of site.achievements.values()) {
    const images = artwork.get(record.slug);
    if (!images) continue;
    out.write(paths.achievementImage(record.slug, 'png'), images.png);
    out.write(paths.achievementImage(record.slug, 'svg'), images.svg);
    out.writeJson(paths.achievementJson(record.slug), {
      '@context': [VC_V2_CONTEXT, OB_V3P0_CONTEXT],
      ...achievement,
    });
  }
}

function publishIssuers({ config, site, keys, out }: PublishInputs): void {
  for (const { record, profile } of site.issuers.values()) {
    out.writeJson(paths.issuerJson(record.slug), {
      '@context': [VC_V2_CONTEXT, OB_V3P0_CONTEXT],
      ...profile,
    });
    const logo = readIssuerLogo(config.root, record);
    if (logo) out.write(paths.issuerImage(record.slug, logo.extension), logo.bytes);
  }
  for (const [relative, document] of keyDocuments(config.site, site, keys)) {
    out.writeJson(relative, document);
  }
}

/**
 * Writes every award as JSON, JWT, PNG and SVG, as the workers sign them. Signed results come
 * from the content-addressed cache in `node_modules/.cache/laurel/signed/` when the unsigned
 * credential, the keys and the libraries are unchanged, so a rebuild re-signs only what changed.
 */
async function publishCredentials(
  { site, out }: PublishInputs,
  work: PublishWork,
): Promise<{ signed: Map<string, SignedAward>; cacheKeys: string[] }> {
  const awards = new Map(site.content.awards.map((award) => [award.id, award]));
  const signed = new Map<string, SignedAward>();
  const cacheKeys: string[] = [];
  const templates = new Map<string, (json: string) => string>();
  for await (const result of work.signed) {
    const award = awards.get(result.id);
    const achievement = award && site.achievements.get(award.achievementSlug)?.record;
    const images = achievement && work.artwork.get(achievement.slug);
    if (!award || !achievement || !images) continue;
    cacheKeys.push(result.cacheKey);
    signed.set(result.id, { credential: result.credential, jwt: result.jwt });
    let bakeSvgOf = templates.get(achievement.slug);
    if (!bakeSvgOf) {
      bakeSvgOf = svgBaker(images.svg, achievement.file);
      templates.set(achievement.slug, bakeSvgOf);
    }
    const json = credentialText(result.credential);
    out.write(paths.credentialJson(result.id), json);
    out.write(paths.credentialJwt(result.id), result.jwt);
    out.write(paths.credentialPng(result.id), bakePng(images.png, json, { file: award.file }));
    out.write(paths.credentialSvg(result.id), bakeSvgOf(json));
  }
  return { signed, cacheKeys };
}

/**
 * Bakes many credentials into one artwork: the artwork is parsed once into a template, or,
 * should the serialiser not allow one, baked from scratch each time. Both give the same bytes.
 */
function svgBaker(svg: string, file: string): (json: string) => string {
  try {
    const template = createSvgBakeTemplate(svg, { file });
    return (json) => template.bake(json, { file });
  } catch {
    return (json) => bakeSvg(svg, { json }, { file });
  }
}

async function publishStatusLists({ site, keys, statusIndices, out }: PublishInputs) {
  for (const { record, profile } of site.issuers.values()) {
    const issuerKeys = keys.get(record.slug);
    const awards = site.content.awards.filter(
      (award) => site.achievements.get(award.achievementSlug)?.record.issuerSlug === record.slug,
    );
    if (!issuerKeys || awards.length === 0) continue;
    const revokedIndices = awards.flatMap((award) => {
      const index = statusIndices.get(award.id);
      return award.data.revoked && index !== undefined ? [index] : [];
    });
    const dates = awards.flatMap((award) => [award.validFrom, award.data.revoked?.date ?? '']);
    const list = await signStatusList({
      url: site.urls.statusList(record.slug),
      issuerDid: profile.id,
      revokedIndices,
      validFrom: dates.sort().at(-1) ?? '',
      keys: issuerKeys,
    });
    out.writeJson(paths.statusList(record.slug), list);
  }
}
