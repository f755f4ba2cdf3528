import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { checkPngArtwork } from '../bake/check-png-artwork-node.ts';
import { checkSvgArtwork } from '../bake/check-svg-artwork.ts';
import type { IssuerRecord } from '../content/records.ts';
import type { AssembledSite } from '../credential/assemble-site.ts';
import type { IssuerKeys } from '../keys/load-issuer-keys.ts';
import { isProcessRunning } from '../process-running-node.ts';
import { PREVIEW_CACHE_DIR } from '../share/preview-cache-node.ts';
import { planSharing, type SharePlan } from '../share/share-plan.ts';
import type { SiteConfig } from '../site-config.ts';
import { keyDocuments } from './key-documents.ts';
import { type PreparedArtwork, prepareArtwork } from './prepare-artwork-node.ts';
import {
  artKey,
  type CardJob,
  type CardResult,
  createPublishPool,
  type ScanJob,
  type SignJob,
  type SignResult,
} from './publish-pool-node.ts';
import type { LeakFindings } from './scan-output-node.ts';
import { SIGN_CACHE_DIR } from './sign-cache-node.ts';

/** Where the workers' staging folders live, relative to the project root. */
export const STAGING_DIR = 'node_modules/.cache/laurel/staging';

export interface PublishWorkInputs {
  config: SiteConfig;
  site: AssembledSite;
  keys: ReadonlyMap<string, IssuerKeys>;
}

/**
 * The per-award work of a build, started ahead of publishing and run in worker threads: every
 * award signed (through the signed-result cache) and every preview card drawn (through the
 * preview cache), with the artwork and sharing plan they were made from.
 */
export interface PublishWork {
  artwork: ReadonlyMap<string, PreparedArtwork>;
  plan: SharePlan;
  /** Signed awards, in the order of `site.credentials` (awards without keys are left out). */
  signed: AsyncIterable<SignResult>;
  /** Drawn cards, in the order of `plan.pages`. */
  cards: AsyncIterable<CardResult>;
  /** The signed-result cache's folder, to discard entries if the self-check fails. */
  signCacheDir: string;
  /** The preview cache's folder. */
  previewCacheDir: string;
  /**
   * Where the workers write each award's JSON, JWT, PNG and SVG and each preview card, laid out
   * as in the site; `publishSite` moves them into the output folder and removes it.
   */
  staging: string;
  /** Scans `files` of the output folder `root` for leaks, in the workers. */
  scan(root: string, files: string[], allowed: ReadonlySet<string>): Promise<LeakFindings>;
  /** Stops the workers; call it when publishing is over, also after an error. */
  close(): Promise<void>;
}

/**
 * Checks the artwork (throwing ERR_IMAGE for a broken file), plans the preview cards, and queues
 * the signing and drawing. Call it as soon as the content is known, e.g. when Astro starts
 * rendering pages, and hand the result to `publishSite`.
 */
export function startPublishWork({ config, site, keys }: PublishWorkInputs): PublishWork {
  const artwork = new Map<string, PreparedArtwork>();
  for (const { record } of site.achievements.values()) {
    artwork.set(record.slug, prepareArtwork(config.root, record));
  }
  const plan = planSharing(site);
  const signCacheDir = path.join(config.root, SIGN_CACHE_DIR);
  const previewCacheDir = path.join(config.root, PREVIEW_CACHE_DIR);
  // Per process, so two builds of one project never share it.
  const staging = path.join(config.root, STAGING_DIR, String(process.pid));
  removeStaleStaging(path.join(config.root, STAGING_DIR));
  const pool = createPublishPool({
    site: config.site,
    keys: [...keys.values()].map(({ issuerSlug, ed25519, rsa }) => ({ issuerSlug, ed25519, rsa })),
    documents: [...keyDocuments(config.site, site, keys)].map(([relative, document]) => [
      `${config.site}${relative}`,
      document,
    ]),
    artUris: artUris(config.root, site, artwork),
    asOf: latestContentDate(site),
    signCacheDir,
    previewCacheDir,
    staging,
    artwork: [...artwork],
  });
  const signed = pool.run(signJobs(site, keys), { batchSize: 16 });
  const cards = pool.run(
    plan.pages.map((page): CardJob => ({ kind: 'card', preview: page.preview, card: page.card })),
    { batchSize: 4 },
  );
  return {
    artwork,
    plan,
    signed,
    cards,
    signCacheDir,
    previewCacheDir,
    staging,
    scan: async (root, files, allowed) => {
      const chunk = 500;
      const jobs: ScanJob[] = [];
      for (let start = 0; start < files.length; start += chunk) {
        jobs.push({
          kind: 'scan',
          root,
          files: files.slice(start, start + chunk),
          allowed: [...allowed],
        });
      }
      const found: LeakFindings = { keys: [], emails: [] };
      for await (const result of pool.run(jobs, { batchSize: 1 })) {
        found.keys.push(...result.keys);
        found.emails.push(...result.emails);
      }
      return found;
    },
    close: async () => {
      await pool.close();
      rmSync(staging, { recursive: true, force: true });
    },
  };
}

/**
 * Removes the staging folders of builds that are no longer running (one that failed in Astro
 * never reaches the end where its folder goes) and this process's own from an earlier build.
 */
function removeStaleStaging(dir: string): void {
  let folders: string[];
  try {
    folders = readdirSync(dir);
  } catch {
    return;
  }
  for (const folder of folders) {
    const pid = Number(folder);
    if (Number.isSafeInteger(pid) && pid !== process.pid && isProcessRunning(pid)) continue;
    rmSync(path.join(dir, folder), { recursive: true, force: true });
  }
}

/** One job per award whose issuer has keys, in the order of `site.credentials`. */
function signJobs(site: AssembledSite, keys: ReadonlyMap<string, IssuerKeys>): SignJob[] {
  const awards = new Map(site.content.awards.map((award) => [award.id, award]));
  const jobs: SignJob[] = [];
  for (const [id, credential] of site.credentials) {
    const award = awards.get(id);
    const achievement = award && site.achievements.get(award.achievementSlug)?.record;
    if (!award || !achievement || !keys.has(achievement.issuerSlug)) continue;
    jobs.push({
      kind: 'sign',
      id,
      credential,
      issuerSlug: achievement.issuerSlug,
      achievementSlug: achievement.slug,
      achievementFile: achievement.file,
      file: award.file,
    });
  }
  return jobs;
}

/** Data URIs of every achievement's PNG and every issuer's logo, for the cards. */
export function artUris(
  root: string,
  site: AssembledSite,
  artwork: ReadonlyMap<string, PreparedArtwork>,
): [string, string][] {
  const uris: [string, string][] = [];
  for (const [slug, { png }] of artwork) {
    uris.push([
      artKey({ achievement: slug }),
      `data:image/png;base64,${Buffer.from(png).toString('base64')}`,
    ]);
  }
  for (const { record } of site.issuers.values()) {
    const logo = readIssuerLogo(root, record);
    if (!logo) continue;
    const type = logo.extension === '.svg' ? 'image/svg+xml' : 'image/png';
    const uri = `data:${type};base64,${Buffer.from(logo.bytes).toString('base64')}`;
    uris.push([artKey({ issuer: record.slug }), uri]);
  }
  return uris;
}

/**
 * An issuer's logo, checked like badge artwork since the site publishes it and cards draw it:
 * throws ERR_IMAGE naming the file if it is broken or has active content.
 */
export function readIssuerLogo(
  root: string,
  record: IssuerRecord,
): { bytes: Uint8Array; extension: string } | undefined {
  if (!record.image) return undefined;
  const extension = path.extname(record.image).toLowerCase();
  const bytes = new Uint8Array(readFileSync(path.join(root, record.image)));
  if (extension === '.svg') checkSvgArtwork(Buffer.from(bytes).toString('utf8'), record.image);
  else checkPngArtwork(bytes, record.image);
  return { bytes, extension };
}

/**
 * The latest date the content mentions (an award's validFrom or a revocation): the "now" of a
 * build's own checks, which must not depend on the clock. Status lists carry the latest such
 * date of their issuer as validFrom, so every list is valid at this time.
 */
export function latestContentDate(site: AssembledSite): string {
  const dates = site.content.awards.flatMap((award) => [
    award.validFrom,
    award.data.revoked?.date ?? '',
  ]);
  return dates.sort().at(-1) ?? '1970-01-01T00:00:00Z';
}
