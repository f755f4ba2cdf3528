/**
 * The sharing part of the page data: link-preview meta for every page, the award page's
 * LinkedIn link, embed snippets and Open Badges 2.0 links, and the earner pages. Absolute URLs
 * (previews, snippets, og:url) are made from the site URL; links between pages stay
 * root-relative like the rest of the view.
 */
import type { AssembledSite } from '../credential/assemble-site.ts';
import { embedHtml, embedMarkdown } from '../share/embed-snippets.ts';
import { linkedInAddUrl } from '../share/linkedin.ts';
import { ob2Recipient } from '../share/ob2.ts';
import { planSharing } from '../share/share-plan.ts';
import { paths } from '../urls.ts';

export interface SharingView {
  /** The site's absolute URL, ending in `/`. */
  siteUrl: string;
  /** Root-relative path of the Atom feed. */
  feed: string;
  /** Link-preview data by root-relative page path (e.g. `/achievements/x/`). */
  pages: Record<string, PageShareView>;
  /** Sharing data of each award page, by award id. */
  awards: Record<string, AwardShareView>;
  earners: EarnerView[];
}

export interface PageShareView {
  /** Absolute URL of the page (og:url). */
  url: string;
  type: 'website' | 'article' | 'profile';
  description: string;
  /** Absolute URL of the 1200x630 preview PNG. */
  image: string;
  imageAlt: string;
  /** The award date, for article:published_time. */
  published?: string | undefined;
  /** Links to machine-readable versions the page does not already list itself. */
  alternates: { href: string; type: string; title: string }[];
}

export interface AwardShareView {
  /** LinkedIn's add-certification form, prefilled; absent for a revoked award. */
  linkedIn?: string | undefined;
  embedHtml: string;
  embedMarkdown: string;
  /** The OB 2.0 copy, or why there is none. */
  ob2: { json: string; png: string } | { reason: string };
  /** The earner's page, when the earner has one. */
  earnerPage?: string | undefined;
}

export interface EarnerView {
  slug: string;
  id: string;
  name?: string | undefined;
  title: string;
  description: string;
  page: string;
  /** Newest first. */
  awardIds: string[];
}

const PAGE_TYPES = { award: 'article', earner: 'profile' } as const;

/** Builds the sharing view from the same plan the publisher draws previews from. */
export function buildSharingView(site: AssembledSite, base: string): SharingView {
  const local = (relative: string) => `${base}${relative}`;
  const { at } = site.urls;
  const plan = planSharing(site);
  const records = new Map(site.content.awards.map((award) => [award.id, award]));
  const pages: Record<string, PageShareView> = {};
  for (const page of plan.pages) {
    pages[local(page.page)] = {
      url: at(page.page),
      type: page.kind === 'award' || page.kind === 'earner' ? PAGE_TYPES[page.kind] : 'website',
      description: page.description,
      image: at(page.preview),
      imageAlt: page.imageAlt,
      published: page.kind === 'award' ? records.get(page.key)?.data.awardedDate : undefined,
      alternates: page.alternates.map(({ path, type, title }) => ({
        href: local(path),
        type,
        title,
      })),
    };
  }
  const earnerPageOf = new Map(plan.earners.map((earner) => [earner.id, earner.slug]));
  const awards: Record<string, AwardShareView> = {};
  for (const [id, credential] of site.credentials) {
    const award = records.get(id);
    const achievement = award && site.achievements.get(award.achievementSlug)?.record;
    const issuer = achievement && site.issuers.get(achievement.issuerSlug)?.record;
    if (!award || !achievement || !issuer) continue;
    const { recipient } = award.data;
    const name = achievement.data.name;
    const embed = {
      page: at(paths.awardPage(id)),
      image: at(paths.credentialPng(id)),
      alt: `${name} badge from ${issuer.data.name}`,
    };
    const ob2 = ob2Recipient(recipient);
    const slug = 'id' in recipient ? earnerPageOf.get(recipient.id) : undefined;
    awards[id] = {
      linkedIn: award.data.revoked
        ? undefined
        : linkedInAddUrl({
            name,
            organizationName: issuer.data.name,
            issued: award.data.awardedDate,
            expires: award.validUntil,
            certUrl: at(paths.awardPage(id)),
            certId: credential.id,
          }),
      embedHtml: embedHtml(embed),
      embedMarkdown: embedMarkdown(embed),
      ob2:
        'reason' in ob2
          ? { reason: ob2.reason }
          : { json: local(paths.ob2Assertion(id)), png: local(paths.ob2AssertionPng(id)) },
      earnerPage: slug === undefined ? undefined : local(paths.earnerPage(slug)),
    };
  }
  const earnerPages = new Map(
    plan.pages.filter((page) => page.kind === 'earner').map((page) => [page.key, page]),
  );
  const earners = plan.earners.map((earner): EarnerView => {
    const page = earnerPages.get(earner.slug);
    return {
      slug: earner.slug,
      id: earner.id,
      name: earner.name,
      title: page?.title ?? earner.id,
      description: page?.description ?? '',
      page: local(paths.earnerPage(earner.slug)),
      awardIds: earner.awardIds,
    };
  });
  return { siteUrl: at(''), feed: local(paths.feed()), pages, awards, earners };
}
