import { readdirSync } from 'node:fs';
import path from 'node:path';
import { bakePng } from '../bake/bake-png-node.ts';
import type { AssembledSite } from '../credential/assemble-site.ts';
import { buildAtomFeed, type FeedEntry } from '../share/atom-feed.ts';
import {
  buildOb2Assertion,
  buildOb2BadgeClass,
  buildOb2Issuer,
  ob2Recipient,
} from '../share/ob2.ts';
import type { SharePlan } from '../share/share-plan.ts';
import { buildSitemap } from '../share/sitemap.ts';
import { paths } from '../urls.ts';
import type { OutputDir } from './output-dir.ts';
import type { PreparedArtwork } from './prepare-artwork-node.ts';
import type { Logger, PublishInputs } from './publish-site.ts';
import type { PublishWork } from './publish-work-node.ts';

/**
 * Publishes what makes badges travel, after the pages and credentials are written: a preview
 * card PNG for every page, the Open Badges 2.0 copies (Issuer, BadgeClass, hosted Assertion and
 * its baked PNG), `sitemap.xml` and the Atom feed `feed.xml`. Warns about achievements without
 * `imageAlt`, whose images then fall back to the bare name as alt text.
 */
export async function publishSharing(
  { site, out, logger }: PublishInputs,
  work: Pick<PublishWork, 'plan' | 'artwork' | 'cards' | 'staging'>,
): Promise<{ cardKeys: Set<string> }> {
  warnMissingAlt(site, logger);
  const { plan } = work;
  const assertions = publishOb2(site, work.artwork, out);
  // The workers drew the cards into the preview cache and put a copy in the staging folder.
  const cardKeys = new Set<string>();
  for await (const card of work.cards) {
    out.move(card.preview, path.join(work.staging, card.preview));
    if (card.file) cardKeys.add(path.basename(card.file, '.png'));
  }
  out.write(paths.sitemap(), buildSitemap(sitemapEntries(plan, site, out)));
  out.write(paths.feed(), buildAtomFeed(feedOf(plan, site)));
  logger.info(
    `sharing: ${plan.pages.length} preview card(s), ${plan.earners.length} earner page(s), ` +
      `${assertions} Open Badges 2.0 assertion(s), sitemap.xml and feed.xml`,
  );
  return { cardKeys };
}

function warnMissingAlt(site: AssembledSite, logger: Logger): void {
  for (const { record } of site.achievements.values()) {
    if (record.data.imageAlt) continue;
    logger.warn(
      `${record.file}: no imageAlt, so its badge images are described only as ` +
        `"${record.data.name}". Add imageAlt: a short description of the artwork.`,
    );
  }
}

/** Writes the OB 2.0 documents and baked PNGs; returns how many assertions were published. */
function publishOb2(
  site: AssembledSite,
  artwork: ReadonlyMap<string, PreparedArtwork>,
  out: OutputDir,
): number {
  const { urls } = site;
  for (const { record } of site.issuers.values()) {
    out.writeJson(paths.ob2Issuer(record.slug), buildOb2Issuer(record, urls));
  }
  for (const { record } of site.achievements.values()) {
    out.writeJson(paths.ob2BadgeClass(record.slug), buildOb2BadgeClass(record, urls));
  }
  let count = 0;
  for (const award of site.content.awards) {
    const identity = ob2Recipient(award.data.recipient);
    const images = artwork.get(award.achievementSlug);
    if (!('recipient' in identity) || !images) continue;
    const json = `${JSON.stringify(buildOb2Assertion(award, identity.recipient, urls), null, 2)}\n`;
    out.write(paths.ob2Assertion(award.id), json);
    const baked = bakePng(images.png, json, { keyword: 'openbadges', file: award.file });
    out.write(paths.ob2AssertionPng(award.id), baked);
    count++;
  }
  return count;
}

/**
 * The planned pages, then any other page Astro wrote (such as the verifier), found as
 * `index.html` files in the output; those have no content date.
 */
function sitemapEntries(plan: SharePlan, site: AssembledSite, out: OutputDir) {
  const planned = new Set(plan.pages.map((page) => page.page));
  const others = readdirSync(out.root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name === 'index.html')
    .map((entry) => path.relative(out.root, entry.parentPath).split(path.sep).join('/'))
    .map((folder) => (folder === '' ? '' : `${folder}/`))
    .filter((page) => !planned.has(page))
    .sort();
  return [
    ...plan.pages.map((page) => ({ loc: site.urls.at(page.page), lastmod: page.lastmod })),
    ...others.map((page) => ({ loc: site.urls.at(page) })),
  ];
}

function feedOf(plan: SharePlan, site: AssembledSite) {
  const { urls } = site;
  const pageOf = new Map(
    plan.pages.filter((page) => page.kind === 'award').map((page) => [page.key, page]),
  );
  const entries = site.content.awards.flatMap((award): FeedEntry[] => {
    const achievement = site.achievements.get(award.achievementSlug)?.record;
    const issuer = achievement && site.issuers.get(achievement.issuerSlug)?.record;
    const page = pageOf.get(award.id);
    if (!achievement || !issuer || !page) return [];
    const { name } = award.data.recipient;
    const { revoked } = award.data;
    const title = `${achievement.data.name} awarded${name ? ` to ${name}` : ''}`;
    return [
      {
        id: urls.credentialJson(award.id),
        title: revoked ? `${title} (revoked)` : title,
        summary: revoked
          ? `${page.description} Revoked on ${revoked.date.slice(0, 10)}: ${revoked.reason}`
          : page.description,
        page: urls.at(page.page),
        json: urls.credentialJson(award.id),
        published: award.data.awardedDate,
        updated: page.lastmod ?? award.validFrom,
        author: { name: issuer.data.name, uri: issuer.data.url },
      },
    ];
  });
  const index = plan.pages.find((page) => page.kind === 'index');
  return {
    self: urls.at(paths.feed()),
    home: urls.at(''),
    title: index?.title ?? 'Badges',
    entries,
  };
}
