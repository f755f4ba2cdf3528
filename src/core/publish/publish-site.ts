import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bakePng } from '../bake/bake-png-node.ts';
import { bakeSvg } from '../bake/bake-svg.ts';
import { createSvgBakeTemplate } from '../bake/bake-svg-template.ts';
import { checkPngArtwork } from '../bake/check-png-artwork-node.ts';
import { checkSvgArtwork } from '../bake/check-svg-artwork.ts';
import type { AssembledSite } from '../credential/assemble-site.ts';
import { OB_V3P0_CONTEXT, VC_V2_CONTEXT } from '../credential/constants.ts';
import { credentialText } from '../credential/serialize.ts';
import { didWebToDocumentUrl } from '../did-web.ts';
import { buildDidDocument } from '../keys/did-document.ts';
import { buildJwks, jwkUrl, publicJwkFile } from '../keys/jwks.ts';
import type { RsaPublicKey } from '../keys/key-records.ts';
import type { IssuerKeys } from '../keys/load-issuer-keys.ts';
import type { SiteConfig } from '../site-config.ts';
import { paths } from '../urls.ts';
import type { OutputDir } from './output-dir.ts';
import { type PreparedArtwork, prepareArtwork } from './prepare-artwork-node.ts';
import { publishSharing } from './publish-sharing.ts';
import { selfCheck } from './self-check.ts';
import {
  openSignCache,
  SIGN_CACHE_DIR,
  type SignCache,
  signAwardCached,
} from './sign-cache-node.ts';
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
}

/**
 * Writes every machine-readable file of the site next to the pages Astro rendered: artwork,
 * issuer profiles with their DID documents and JWKs, achievements, the signed credentials as
 * JSON, JWT, PNG and SVG, and the signed status lists. Then it verifies what it wrote. Any
 * error stops the build (the caller then removes the output folder).
 */
export async function publishSite(inputs: PublishInputs): Promise<void> {
  const artwork = publishAchievements(inputs);
  publishIssuers(inputs);
  const cache = openSignCache(path.join(inputs.config.root, SIGN_CACHE_DIR));
  const { signed, cacheKeys } = await publishCredentials(inputs, artwork, cache);
  await publishStatusLists(inputs);
  await publishSharing(inputs, artwork);
  try {
    await selfCheck({
      out: inputs.out,
      site: inputs.config.site,
      signed,
      asOf: latestContentDate(inputs.site),
      logger: inputs.logger,
    });
  } catch (error) {
    // A cached result that does not verify must never be published again.
    for (const key of cacheKeys) cache.discard(key);
    throw error;
  }
}

function publishAchievements({ config, site, out }: PublishInputs): Map<string, PreparedArtwork> {
  const prepared = new Map<string, PreparedArtwork>();
  for (const { record, achievement } of site.achievements.values()) {
    const artwork = prepareArtwork(config.root, record);
    prepared.set(record.slug, artwork);
    out.write(paths.achievementImage(record.slug, 'png'), artwork.png);
    out.write(paths.achievementImage(record.slug, 'svg'), artwork.svg);
    out.writeJson(paths.achievementJson(record.slug), {
      '@context': [VC_V2_CONTEXT, OB_V3P0_CONTEXT],
      ...achievement,
    });
  }
  return prepared;
}

function publishIssuers({ config, site, keys, out }: PublishInputs): void {
  const allRsaKeys: RsaPublicKey[] = [];
  for (const { record, profile } of site.issuers.values()) {
    out.writeJson(paths.issuerJson(record.slug), {
      '@context': [VC_V2_CONTEXT, OB_V3P0_CONTEXT],
      ...profile,
    });
    if (record.image) {
      const extension = path.extname(record.image).toLowerCase();
      const logo = readFileSync(path.join(config.root, record.image));
      // The logo is published on the site like badge artwork, so it passes the same checks.
      if (extension === '.svg') checkSvgArtwork(logo.toString('utf8'), record.image);
      else checkPngArtwork(new Uint8Array(logo), record.image);
      out.write(paths.issuerImage(record.slug, extension), logo);
    }
    const issuerKeys = keys.get(record.slug);
    if (!issuerKeys) continue;
    const documentUrl = didWebToDocumentUrl(profile.id);
    out.writeJson(
      documentUrl.slice(config.site.length),
      buildDidDocument(profile.id, issuerKeys.publicKeys),
    );
    const kid = (key: RsaPublicKey) => jwkUrl(config.site, record.slug, key.name);
    out.writeJson(
      `${paths.issuerPage(record.slug)}jwks.json`,
      buildJwks(issuerKeys.publicKeys, { kid }),
    );
    for (const key of issuerKeys.publicKeys) {
      if (key.type !== 'JsonWebKey') continue;
      allRsaKeys.push(key);
      out.writeJson(kid(key).slice(config.site.length), publicJwkFile(key, { kid }));
    }
  }
  // At the root of a host, verifiers also look for the keys at the well-known address.
  if (new URL(config.site).pathname === '/') {
    out.writeJson('.well-known/jwks.json', {
      keys: [...site.issuers.values()].flatMap(({ record }) => {
        const issuerKeys = keys.get(record.slug);
        const kid = (key: RsaPublicKey) => jwkUrl(config.site, record.slug, key.name);
        return issuerKeys ? buildJwks(issuerKeys.publicKeys, { kid }).keys : [];
      }),
    });
  }
}

/**
 * Signs and bakes every award. Signed results come from the content-addressed cache in
 * `node_modules/.cache/laurel/signed/` when the unsigned credential, the keys and the libraries
 * are unchanged (so a rebuild re-signs only what changed); the self-check then verifies them like
 * fresh ones, and the caller discards this build's entries if it fails.
 */
async function publishCredentials(
  { config, site, keys, out }: PublishInputs,
  artwork: ReadonlyMap<string, PreparedArtwork>,
  cache: SignCache,
): Promise<{ signed: Map<string, SignedAward>; cacheKeys: string[] }> {
  const awards = new Map(site.content.awards.map((award) => [award.id, award]));
  const signed = new Map<string, SignedAward>();
  const cacheKeys: string[] = [];
  const templates = new Map<string, (json: string) => string>();
  for (const [id, credential] of site.credentials) {
    const award = awards.get(id);
    const achievement = award && site.achievements.get(award.achievementSlug)?.record;
    const issuerKeys = achievement && keys.get(achievement.issuerSlug);
    const images = achievement && artwork.get(achievement.slug);
    if (!award || !achievement || !issuerKeys || !images) continue;
    const result = await signAwardCached(cache, credential, issuerKeys, config.site);
    cacheKeys.push(result.cacheKey);
    signed.set(id, { credential: result.credential, jwt: result.jwt });
    let bakeSvgOf = templates.get(achievement.slug);
    if (!bakeSvgOf) {
      bakeSvgOf = svgBaker(images.svg, achievement.file);
      templates.set(achievement.slug, bakeSvgOf);
    }
    const json = credentialText(result.credential);
    out.write(paths.credentialJson(id), json);
    out.write(paths.credentialJwt(id), result.jwt);
    out.write(paths.credentialPng(id), bakePng(images.png, json, { file: award.file }));
    out.write(paths.credentialSvg(id), bakeSvgOf(json));
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

/**
 * The latest date the content mentions (an award's validFrom or a revocation): the "now" of a
 * build's own checks, which must not depend on the clock. Status lists carry the latest such
 * date of their issuer as validFrom, so every list is valid at this time.
 */
function latestContentDate(site: AssembledSite): string {
  const dates = site.content.awards.flatMap((award) => [
    award.validFrom,
    award.data.revoked?.date ?? '',
  ]);
  return dates.sort().at(-1) ?? '1970-01-01T00:00:00Z';
}
