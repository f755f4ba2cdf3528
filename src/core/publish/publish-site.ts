import path from 'node:path';
import type { AssembledSite } from '../credential/assemble-site.ts';
import { OB_V3P0_CONTEXT, VC_V2_CONTEXT } from '../credential/constants.ts';
import { LaurelError } from '../errors.ts';
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
    const { signed, cacheKeys, formProblems } = await publishCredentials(inputs, work);
    await publishStatusLists(inputs);
    const { cardKeys } = await publishSharing(inputs, work);
    try {
      await selfCheck({
        out: inputs.out,
        site: inputs.config.site,
        signed,
        formProblems,
        revoked: new Set(
          inputs.site.content.awards.filter((award) => award.data.revoked).map((award) => award.id),
        ),
        asOf: latestContentDate(inputs.site),
        logger: inputs.logger,
        scan: (files, allowed) => work.scan(inputs.out.root, files, allowed),
      });
    } catch (error) {
      // A cached result in a site that does not verify must never be published again. (A leak
      // found in the output says nothing about the signatures.)
      if (error instanceof LaurelError && error.code === 'ERR_SELF_CHECK') {
        const cache = openSignCache(work.signCacheDir);
        for (const key of cacheKeys) cache.discard(key);
      }
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
 * Publishes every award as JSON, JWT, PNG and SVG: the workers signed them (or found them in the
 * content-addressed cache in `node_modules/.cache/laurel/signed/`, so a rebuild re-signs only
 * what changed), baked and wrote them into the staging folder and read them back; here they are
 * moved into the output folder.
 */
async function publishCredentials(
  { site, out }: PublishInputs,
  work: PublishWork,
): Promise<{
  signed: Map<string, SignedAward>;
  cacheKeys: string[];
  formProblems: Map<string, string[]>;
}> {
  const awards = new Set(site.content.awards.map((award) => award.id));
  const signed = new Map<string, SignedAward>();
  const cacheKeys: string[] = [];
  const formProblems = new Map<string, string[]>();
  for await (const result of work.signed) {
    if (!awards.has(result.id)) continue;
    cacheKeys.push(result.cacheKey);
    signed.set(result.id, { credential: result.credential, jwt: result.jwt });
    formProblems.set(result.id, result.problems ?? []);
    for (const file of [
      paths.credentialJson(result.id),
      paths.credentialJwt(result.id),
      paths.credentialPng(result.id),
      paths.credentialSvg(result.id),
    ]) {
      out.move(file, path.join(work.staging, file));
    }
  }
  return { signed, cacheKeys, formProblems };
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
