import { site } from 'virtual:laurel/site';

// Lookups the pages share, built once per build rather than once per page: an earner page
// that built its own map of every award would make the build quadratic in the number of awards.
export const awardById = new Map(site.awards.map((award) => [award.id, award]));
export const achievementBySlug = new Map(site.achievements.map((a) => [a.slug, a]));
export const issuerBySlug = new Map(site.issuers.map((issuer) => [issuer.slug, issuer]));
