import { issuerDid } from './did-web.ts';

/**
 * The URL scheme of a Laurel site. These paths are public promises: once a badge is published
 * its URLs are printed on CVs and stored in wallets, so none of them may ever change.
 * Paths are relative to the site URL (no leading slash) so a site under a path works.
 */
export const paths = {
  issuerJson: (slug: string) => `issuers/${slug}.json`,
  issuerPage: (slug: string) => `issuers/${slug}/`,
  issuerImage: (slug: string, extension: string) => `issuers/${slug}${extension}`,
  achievementJson: (slug: string) => `achievements/${slug}.json`,
  achievementPage: (slug: string) => `achievements/${slug}/`,
  achievementImage: (slug: string, format: 'png' | 'svg') => `achievements/${slug}.${format}`,
  credentialJson: (id: string) => `credentials/${id}.json`,
  credentialJwt: (id: string) => `credentials/${id}.jwt`,
  credentialPng: (id: string) => `credentials/${id}.png`,
  credentialSvg: (id: string) => `credentials/${id}.svg`,
  awardPage: (id: string) => `credentials/${id}/`,
  statusList: (issuerSlug: string) => `status/${issuerSlug}/revocation-1.json`,
  verifyPage: () => 'verify/',
  // Sharing and reach: earner pages, preview cards, discovery files, Open Badges 2.0 copies.
  earnerPage: (slug: string) => `earners/${slug}/`,
  previewIndex: () => 'previews/index.png',
  previewIssuer: (slug: string) => `previews/issuers/${slug}.png`,
  previewAchievement: (slug: string) => `previews/achievements/${slug}.png`,
  previewAward: (id: string) => `previews/credentials/${id}.png`,
  previewEarner: (slug: string) => `previews/earners/${slug}.png`,
  sitemap: () => 'sitemap.xml',
  feed: () => 'feed.xml',
  ob2Assertion: (id: string) => `ob2/assertions/${id}.json`,
  ob2AssertionPng: (id: string) => `ob2/assertions/${id}.png`,
  ob2BadgeClass: (slug: string) => `ob2/badges/${slug}.json`,
  ob2Issuer: (slug: string) => `ob2/issuers/${slug}.json`,
} as const;

export type PathName = keyof typeof paths;

/** Absolute URLs of the scheme above for one site. */
export function siteUrls(site: string) {
  const at = (relative: string) => new URL(relative, site).href;
  return {
    at,
    issuerId: (slug: string) => issuerDid(site, slug),
    issuerJson: (slug: string) => at(paths.issuerJson(slug)),
    issuerPage: (slug: string) => at(paths.issuerPage(slug)),
    achievementJson: (slug: string) => at(paths.achievementJson(slug)),
    achievementPage: (slug: string) => at(paths.achievementPage(slug)),
    achievementImage: (slug: string, format: 'png' | 'svg') =>
      at(paths.achievementImage(slug, format)),
    credentialJson: (id: string) => at(paths.credentialJson(id)),
    credentialJwt: (id: string) => at(paths.credentialJwt(id)),
    credentialPng: (id: string) => at(paths.credentialPng(id)),
    credentialSvg: (id: string) => at(paths.credentialSvg(id)),
    awardPage: (id: string) => at(paths.awardPage(id)),
    statusList: (issuerSlug: string) => at(paths.statusList(issuerSlug)),
  };
}

export type SiteUrls = ReturnType<typeof siteUrls>;
