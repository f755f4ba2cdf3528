/**
 * Cache keys for Astro's incremental build: a hash of everything an award page or an earner page
 * shows, so a rebuild renders only the pages whose data changed and Astro reuses the others
 * byte for byte. What every page shows (the header's issuers, the site's address) and what an
 * award page shows of its achievement are part of every key, so changing them renders every
 * page again. The page templates themselves are covered by Astro, which also compares a hash of
 * each route's code. Pages without a key (the index, issuers, achievements, verify) are always
 * rendered: there are few of them and they list many awards.
 */
import { createHash } from 'node:crypto';
import type { SiteView } from './site-view.ts';

/** Bumped when what a page shows changes in a way its data does not capture. */
const KEY_FORMAT = 'laurel-page-1';

export interface PageKeys {
  /** By award id. */
  awards: Record<string, string>;
  /** By earner slug. */
  earners: Record<string, string>;
}

export function pageKeys(view: Omit<SiteView, 'pageKeys'>): PageKeys {
  const { sharing } = view;
  const everyPage = createHash('sha256')
    .update(
      JSON.stringify([
        KEY_FORMAT,
        view.base,
        view.siteUrl,
        view.issuers,
        view.achievements,
        sharing.siteUrl,
        sharing.feed,
      ]),
    )
    .digest('hex');
  const hash = (...parts: unknown[]) =>
    createHash('sha256').update(everyPage).update(JSON.stringify(parts)).digest('hex');
  // A page with no planned link preview shows the index's (see ShareMeta.astro).
  const shareOf = (page: string) => sharing.pages[page] ?? sharing.pages[view.base];
  const awardById = new Map(view.awards.map((award) => [award.id, award]));
  const awards: Record<string, string> = {};
  for (const award of view.awards) {
    awards[award.id] = hash(award, shareOf(award.page), sharing.awards[award.id]);
  }
  const earners: Record<string, string> = {};
  for (const earner of sharing.earners) {
    const shown = earner.awardIds.map((id) => awardById.get(id));
    earners[earner.slug] = hash(earner, shareOf(earner.page), shown);
  }
  return { awards, earners };
}
