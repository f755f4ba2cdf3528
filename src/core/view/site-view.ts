import type { AssembledSite } from '../credential/assemble-site.ts';
import { renderMarkdown } from '../markdown/render-markdown.ts';
import { paths } from '../urls.ts';
import { type PageKeys, pageKeys } from './page-keys-node.ts';
import { buildSharingView, type SharingView } from './sharing-view.ts';

/**
 * What the HTML pages show, computed once by the build and handed to Astro as plain data. Markdown
 * is already rendered (and sanitised) here, so pages only lay things out. Links are root-relative
 * paths under the site's base, so a preview server and the real host both work.
 */
export interface SiteView {
  base: string;
  /** The public URL of the site, ending with `/`: every published id starts with it. */
  siteUrl: string;
  issuers: IssuerView[];
  achievements: AchievementView[];
  awards: AwardView[];
  /** Link previews, LinkedIn and embed snippets, earner pages, OB 2.0 links (sharing-view.ts). */
  sharing: SharingView;
  /** What Astro's incremental build compares to reuse an award or earner page. */
  pageKeys: PageKeys;
}

export interface IssuerView {
  slug: string;
  name: string;
  url: string;
  email: string;
  did: string;
  descriptionHtml: string;
  image?: { path: string; alt: string } | undefined;
  page: string;
  json: string;
  didDocument: string;
}

export interface AchievementView {
  slug: string;
  name: string;
  description: string;
  achievementType: string;
  criteriaHtml: string;
  tags: string[];
  alignments: { targetName: string; targetUrl: string; targetCode?: string | undefined }[];
  creator?: { name: string; url?: string | undefined } | undefined;
  issuerSlug: string;
  image: { png: string; svg?: string | undefined; alt: string };
  page: string;
  json: string;
}

export interface AwardView {
  id: string;
  achievementSlug: string;
  issuerSlug: string;
  recipient: { name?: string | undefined; id?: string | undefined; hashedEmail: boolean };
  awardedDate: string;
  validFrom: string;
  validUntil?: string | undefined;
  narrativeHtml: string;
  evidence: { url?: string | undefined; name?: string | undefined; narrativeHtml?: string }[];
  revoked?: { date: string; reason: string } | undefined;
  page: string;
  json: string;
  jwt: string;
  png: string;
  svg: string;
  credentialId: string;
}

/** Builds the page data of the whole site from the assembled documents. */
export function buildSiteView(site: AssembledSite, base: string): SiteView {
  const local = (relative: string) => `${base}${relative}`;
  const issuers = [...site.issuers.values()].map(({ record, profile }): IssuerView => {
    const extension = record.image?.slice(record.image.lastIndexOf('.')).toLowerCase();
    return {
      slug: record.slug,
      name: record.data.name,
      url: record.data.url,
      email: record.data.email,
      did: profile.id,
      descriptionHtml: renderMarkdown(record.description),
      image: extension
        ? {
            path: local(paths.issuerImage(record.slug, extension)),
            alt: record.data.imageAlt ?? `Logo of ${record.data.name}`,
          }
        : undefined,
      page: local(paths.issuerPage(record.slug)),
      json: local(paths.issuerJson(record.slug)),
      didDocument: local(`${paths.issuerPage(record.slug)}did.json`),
    };
  });
  const achievements = [...site.achievements.values()].map(
    ({ record, achievement }): AchievementView => ({
      slug: record.slug,
      name: record.data.name,
      description: record.data.description,
      achievementType: record.data.achievementType,
      criteriaHtml: renderMarkdown(record.criteria),
      tags: record.data.tags,
      alignments: record.data.alignments,
      creator: achievement.creator?.name
        ? { name: achievement.creator.name, url: achievement.creator.url }
        : undefined,
      issuerSlug: record.issuerSlug,
      image: {
        png: local(paths.achievementImage(record.slug, 'png')),
        svg: record.artwork.svg ? local(paths.achievementImage(record.slug, 'svg')) : undefined,
        alt: record.data.imageAlt ?? record.data.name,
      },
      page: local(paths.achievementPage(record.slug)),
      json: local(paths.achievementJson(record.slug)),
    }),
  );
  const records = new Map(site.content.awards.map((award) => [award.id, award]));
  const awards = [...site.credentials.entries()].flatMap(([id, credential]): AwardView[] => {
    const award = records.get(id);
    const achievement = award && site.achievements.get(award.achievementSlug);
    if (!award || !achievement) return [];
    const { recipient } = award.data;
    return [
      {
        id,
        achievementSlug: award.achievementSlug,
        issuerSlug: achievement.record.issuerSlug,
        recipient: {
          name: recipient.name,
          id: 'id' in recipient ? recipient.id : undefined,
          hashedEmail: 'hashedEmail' in recipient,
        },
        awardedDate: award.data.awardedDate,
        validFrom: award.validFrom,
        validUntil: award.validUntil,
        narrativeHtml: renderMarkdown(award.narrative),
        evidence: award.data.evidence.map((item) => ({
          url: item.url,
          name: item.name,
          ...(item.narrative ? { narrativeHtml: renderMarkdown(item.narrative) } : {}),
        })),
        revoked: award.data.revoked,
        page: local(paths.awardPage(id)),
        json: local(paths.credentialJson(id)),
        jwt: local(paths.credentialJwt(id)),
        png: local(paths.credentialPng(id)),
        svg: local(paths.credentialSvg(id)),
        credentialId: credential.id,
      },
    ];
  });
  const view = {
    base,
    siteUrl: site.urls.at(''),
    issuers,
    achievements,
    awards,
    sharing: buildSharingView(site, base),
  };
  return { ...view, pageKeys: pageKeys(view) };
}
