/** The HTML pages of a Laurel site; every other published file is written by the build. */
export const ROUTES = [
  { pattern: '/', entrypoint: 'index.astro' },
  { pattern: '/issuers/[slug]', entrypoint: 'issuer.astro' },
  { pattern: '/achievements/[slug]', entrypoint: 'achievement.astro' },
  { pattern: '/credentials/[...id]', entrypoint: 'award.astro' },
  { pattern: '/verify', entrypoint: 'verify.astro' },
  { pattern: '/earners/[slug]', entrypoint: 'earner.astro' },
] as const;
